/**
 * The destination policy attacked with real sockets on loopback. An "internal" listener
 * stands for the server's own network: it must receive nothing, whichever way a group points
 * at it. Only the "allowed" receiver's address and port are on SCHEDULER_ALLOWED_DESTINATIONS.
 * Names are answered by an injected resolver (no real DNS), so a name can resolve to a
 * private address the way a hostile DNS server would make it.
 *
 * Every address a group points at here is on loopback (directly or by a name the test's
 * resolver answers with 127.0.0.1): were the policy to fail open, nothing would leave the
 * machine. Non-loopback ranges (metadata, private, CGNAT) are tested on save, where nothing
 * connects, and in the policy's unit table.
 */
import crypto from 'crypto';
import http from 'http';
import type { AddressInfo } from 'net';
import request from 'supertest';
import { sendDay as sendScheduledDay } from './helpers/scheduler-clock';
import { startStrapi, createApiToken, type TestApp } from './helpers/strapi';

interface Listener {
  port: number;
  url: string;
  hits: string[];
  close(): Promise<void>;
}

async function listener(handler?: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<Listener> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    req.resume();
    if (handler) handler(req, res);
    else res.end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let app: TestApp;
let token: string;
let internal: Listener;
let allowed: Listener;
const resolverCalls: string[] = [];
const plugin = () => app.strapi.plugin('scheduler');
const docs = (uid: string) => app.strapi.documents(uid as any) as any;
const auth = () => ({ Authorization: `Bearer ${token}` });

const sendDay = (day: string, slugs: string[]) => sendScheduledDay(app.strapi, day, slugs);

let n = 0;
async function webhookGroup(endpoint: string) {
  n += 1;
  const slug = `dest-${n}`;
  const group = await docs('api::group.group').create({
    data: {
      name: `Dest ${n}`,
      slug,
      platform: 'webhook',
      endpoint: `${allowed.url}/placeholder`,
      secret: `whsec_${crypto.randomBytes(24).toString('base64')}`,
      timezone: 'UTC',
      locale: 'en',
      stage: 'growth',
    },
  });
  // Written past the save checks, as a row from before them (or edited in the database) would be.
  await app.strapi.db.query('api::group.group').update({ where: { documentId: group.documentId }, data: { endpoint } });
  await docs('plugin::scheduler.schedule').create({
    data: {
      name: `Daily ${slug}`,
      rule: 'FREQ=DAILY;BYHOUR=8;BYMINUTE=0',
      timezone: 'UTC',
      startsAt: '2026-12-01T00:00:00.000Z',
      source: 'text',
      text: 'hello',
      groups: [group.documentId],
    },
  });
  return { slug, documentId: group.documentId as string };
}

beforeAll(async () => {
  internal = await listener((_req, res) => res.end('internal admin page'));
  allowed = await listener((req, res) => {
    if (req.url?.startsWith('/r307')) {
      res.writeHead(307, { location: `${internal.url}/admin` });
      return res.end();
    }
    if (req.url?.startsWith('/r303')) {
      res.writeHead(303, { location: `http://localhost:${internal.port}/admin` });
      return res.end();
    }
    res.end('{"ok":true,"errcode":0}');
  });
  app = await startStrapi({
    env: {
      WECOM_BASE_URL: `${allowed.url}/wecom`,
      SCHEDULER_ALLOWED_DESTINATIONS: `127.0.0.1:${allowed.port},allowed.example.test:${allowed.port}`,
      SCHEDULER_TIMEOUT_MS: '2000',
    },
  });
  plugin()
    .service('destinations')
    .useResolver(async (host: string) => {
      resolverCalls.push(host);
      // Hostile DNS: every name points into the server's own network.
      if (host === 'localhost') return ['127.0.0.1', '::1'];
      if (host.endsWith('.example.test')) return ['127.0.0.1'];
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    });
  token = await createApiToken(app.strapi);
});

afterAll(async () => {
  await app?.stop();
  await internal?.close();
  await allowed?.close();
});

describe('at send time', () => {
  it('no way of pointing a group at the internal listener reaches it; each post is dead naming the address', async () => {
    const p = internal.port;
    const cases: [string, string][] = [
      [`http://127.0.0.1:${p}/x`, 'destination 127.0.0.1 is loopback'],
      [`http://localhost:${p}/x`, 'destination localhost (127.0.0.1) is loopback'],
      [`http://[::ffff:127.0.0.1]:${p}/x`, 'destination ::ffff:7f00:1 is loopback'],
      [`http://2130706433:${p}/x`, 'destination 127.0.0.1 is loopback'],
      [`http://0x7f.1:${p}/x`, 'destination 127.0.0.1 is loopback'],
      [`http://rebind.example.test:${p}/x`, 'destination rebind.example.test (127.0.0.1) is loopback'],
    ];
    const groups = [];
    for (const [endpoint] of cases) groups.push(await webhookGroup(endpoint));
    const healthy = await webhookGroup(`${allowed.url}/hook/healthy`);
    const rows = await sendDay('2026-12-02', [...groups.map((g) => g.slug), healthy.slug]);
    cases.forEach(([, why], i) => {
      const row = rows[groups[i].slug];
      expect(row.status).toBe('dead');
      expect(row.attempts).toBe(0); // nothing was sent
      expect(row.reason).toBe(`${why}, not allowed; see SCHEDULER_ALLOWED_DESTINATIONS`);
    });
    expect(internal.hits).toEqual([]);
    // The allowed receiver got its post in the same round.
    expect(rows[healthy.slug].status).toBe('sent');
    expect(allowed.hits).toContain('/hook/healthy');
  });

  it('a stored endpoint that is no http(s) URL fails only its own group, dead, flagged', async () => {
    const gopher = await webhookGroup(`gopher://127.0.0.1:${internal.port}/_`);
    const garbage = await webhookGroup('not a url at all');
    const healthy = await webhookGroup(`${allowed.url}/hook/beside-broken`);
    const rows = await sendDay('2026-12-10', [gopher.slug, garbage.slug, healthy.slug]);
    expect([rows[gopher.slug].status, rows[gopher.slug].reason]).toEqual([
      'dead',
      'the destination is not an http:// or https:// URL (gopher:)',
    ]);
    expect([rows[garbage.slug].status, rows[garbage.slug].reason]).toEqual(['dead', 'the destination is not a valid URL']);
    expect(rows[healthy.slug].status).toBe('sent');
    expect(internal.hits).toEqual([]);
    const health = (await request(app.server).get('/api/scheduler/health').set(auth()).expect(200)).body.data;
    expect(health.disabledEndpoints.map((d: any) => d.group)).toEqual(expect.arrayContaining([gopher.slug, garbage.slug]));
  });

  it('a refused group is flagged like a 410 endpoint until its endpoint changes', async () => {
    const g = await webhookGroup(`http://localhost:${internal.port}/x`);
    await sendDay('2026-12-03', [g.slug]);
    const health = (await request(app.server).get('/api/scheduler/health').set(auth()).expect(200)).body.data;
    const flagged = health.disabledEndpoints.find((d: any) => d.group === g.slug);
    expect(flagged?.reason).toMatch(/^destination localhost \(127\.0\.0\.1\) is loopback, not allowed/);
    // The next post is not even tried.
    const next = await sendDay('2026-12-04', [g.slug]);
    expect(next[g.slug].status).toBe('skipped');
    expect(next[g.slug].reason).toMatch(/^endpoint disabled since .*destination localhost/);
    // Pointing it elsewhere clears the flag and the next post goes.
    await docs('api::group.group').update({ documentId: g.documentId, data: { endpoint: `${allowed.url}/hook/moved` } });
    const after = await sendDay('2026-12-05', [g.slug]);
    expect(after[g.slug].status).toBe('sent');
    expect(internal.hits).toEqual([]);
  });

  it.each(['r307', 'r303'])('a redirect from the allowed receiver (%s) is not followed to the internal listener', async (path) => {
    const g = await webhookGroup(`${allowed.url}/${path}`);
    const rows = await sendDay(path === 'r307' ? '2026-12-06' : '2026-12-07', [g.slug]);
    expect(rows[g.slug].status).toBe('failed');
    expect(rows[g.slug].lastError).toMatch(/redirect not followed \(Location: http:\/\/(127\.0\.0\.1|localhost):\d+\/admin\)$/);
    expect(internal.hits).toEqual([]);
  });

  it('a name on the allow-list is resolved once and the connection goes to the address that was checked', async () => {
    const before = resolverCalls.length;
    const g = await webhookGroup(`http://allowed.example.test:${allowed.port}/hook/by-name`);
    const rows = await sendDay('2026-12-08', [g.slug]);
    expect(rows[g.slug].status).toBe('sent');
    // The system resolver knows no .example.test: the post arrived because the socket went to the checked address.
    expect(allowed.hits).toContain('/hook/by-name');
    expect(resolverCalls.slice(before)).toEqual(['allowed.example.test']);
  });

  it("a WeCom group's stored endpoint (the old per-group base) is ignored: the robot key goes to WECOM_BASE_URL only", async () => {
    n += 1;
    const group = await docs('api::group.group').create({
      data: { name: 'Robot', slug: `robot-${n}`, platform: 'wecom', secret: 'robot-key-1', timezone: 'UTC', locale: 'en', stage: 'growth' },
    });
    await app.strapi.db
      .query('api::group.group')
      .update({ where: { documentId: group.documentId }, data: { endpoint: `${internal.url}/steal` } });
    await docs('plugin::scheduler.schedule').create({
      data: {
        name: 'robot',
        rule: 'FREQ=DAILY;BYHOUR=8;BYMINUTE=0',
        timezone: 'UTC',
        startsAt: '2026-12-01T00:00:00.000Z',
        source: 'text',
        text: 'hi',
        groups: [group.documentId],
      },
    });
    const rows = await sendDay('2026-12-09', [`robot-${n}`]);
    expect(rows[`robot-${n}`].status).toBe('sent');
    expect(allowed.hits).toContain('/wecom/cgi-bin/webhook/send?key=robot-key-1');
    expect(internal.hits).toEqual([]);
  });
});

describe('on save', () => {
  const post = (data: Record<string, unknown>) => request(app.server).post('/api/groups').set(auth()).send({ data });
  const base = { name: 'S', timezone: 'UTC', locale: 'en', stage: 'growth' };

  it.each([
    ['http://127.0.0.1:9/x', 'loopback'],
    ['http://[::1]/x', 'loopback'],
    ['http://2130706433/x', 'loopback'],
    ['http://[::ffff:169.254.169.254]/', 'link-local'],
    ['http://0x7f.1/x', 'loopback'],
    ['http://10.1.2.3/x', 'private'],
    ['http://100.64.1.1/x', 'carrier-grade NAT'],
  ])('a webhook endpoint %s is a 400 naming endpoint (%s)', async (endpoint, why) => {
    const res = await post({ ...base, slug: `s-${crypto.randomUUID().slice(0, 8)}`, platform: 'webhook', endpoint }).expect(400);
    expect(res.body.error.details.errors[0].path).toEqual(['endpoint']);
    expect(res.body.error.message).toContain(why);
  });

  it('a Slack webhook URL in the secret pointing at a private address is a 400 naming secret', async () => {
    const res = await post({ ...base, slug: 's-slack', platform: 'slack', secret: 'http://192.168.0.10/services/T/B/X' }).expect(400);
    expect(res.body.error.details.errors[0].path).toEqual(['secret']);
    expect(res.body.error.message).toContain('private');
  });

  it('non-http schemes are a 400 naming endpoint', async () => {
    for (const endpoint of ['file:///etc/passwd', 'gopher://127.0.0.1:6379/_', 'ftp://example.com/']) {
      const res = await post({ ...base, slug: `s-${crypto.randomUUID().slice(0, 8)}`, platform: 'webhook', endpoint }).expect(400);
      expect(res.body.error.details.errors[0].path).toEqual(['endpoint']);
    }
  });

  it('the allowed receiver and names are accepted (names are checked when connecting)', async () => {
    await post({ ...base, slug: 's-ok-1', platform: 'webhook', endpoint: `${allowed.url}/hook` }).expect(201);
    await post({ ...base, slug: 's-ok-2', platform: 'webhook', endpoint: 'http://localhost:1/hook' }).expect(201);
  });

  it('a WeCom group takes no endpoint: the robot key only ever goes to WECOM_BASE_URL', async () => {
    const res = await post({ ...base, slug: 's-wecom', platform: 'wecom', endpoint: 'https://example.com/', secret: 'robot' }).expect(400);
    expect(res.body.error.details.errors[0].path).toEqual(['endpoint']);
    expect(res.body.error.message).toContain('WECOM_BASE_URL');
  });
});
