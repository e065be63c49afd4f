/**
 * Discord groups through the real planner and dispatcher, on a real Strapi with a temporary
 * SQLite database, against a fake Discord on loopback (tests/helpers/fake-discord.ts) that
 * checks every request as Discord's Execute Webhook does and rate limits per webhook on the
 * scheduler's clock. DISCORD_BASE_URL points at the fake; the groups' secrets are webhook
 * URLs of Discord's real shape (https://discord.com/api/webhooks/<id>/<token>), whose host
 * is never contacted: only the id and token are used.
 */
import crypto from 'crypto';
import request from 'supertest';
import { startStrapi, createApiToken, type TestApp } from './helpers/strapi';
import { captureLogs } from './helpers/log-capture';
import { everyRowText } from './helpers/every-row';
import { startFakeDiscord, type FakeDiscord } from './helpers/fake-discord';
import { setNow } from './helpers/scheduler-clock';

let app: TestApp;
let fake: FakeDiscord;
let token: string;
let jwt: string;
const logged: string[] = [];
const responses: string[] = [];
const tokens: string[] = [];
const plugin = () => app.strapi.plugin('scheduler');
const docs = (uid: string) => app.strapi.documents(uid as any) as any;
const auth = () => ({ Authorization: `Bearer ${token}` });

async function rowsOf(group: string) {
  const { data } = await plugin().service('deliveries').list({ group, limit: 100 });
  return data;
}

async function get(path: string, bearer = token) {
  const res = await request(app.server)
    .get(path)
    .set({ Authorization: `Bearer ${bearer}` });
  responses.push(`${path} ${res.status} ${res.text}`);
  return res;
}

/** A tip paragraph of 389 or 390 characters: a part of at most 2,000 characters takes five. */
const tip = (i: number) => `**Tip ${i}.** ${'Small steps, taken every day, add up to big results. '.repeat(7).trim()}`;
const report = (tips: number) => ['# Good morning, {{group.name}}!', ...Array.from({ length: tips }, (_, i) => tip(i + 1))].join('\n\n');

let n = 0;
/** A Discord group (created over REST, as an app would) with a daily 08:00 schedule; its webhook exists unless `known` is false. */
async function discordGroup(
  text: string,
  {
    known = true,
    name = '',
    burst,
    rule = 'FREQ=DAILY;BYHOUR=8;BYMINUTE=0',
  }: { known?: boolean; name?: string; burst?: number; rule?: string } = {}
) {
  n += 1;
  const slug = `discord-${n}`;
  const id = `12${String(crypto.randomInt(1e9, 1e10 - 1)).padStart(17, '0')}`;
  const webhookToken = crypto.randomBytes(51).toString('base64url'); // 68 characters, as Discord's
  tokens.push(webhookToken);
  if (known) fake.addWebhook(id, webhookToken, { burst });
  const res = await request(app.server)
    .post('/api/groups')
    .set(auth())
    .send({
      data: {
        name: name || `Discord ${n}`,
        slug,
        platform: 'discord',
        secret: `https://discord.com/api/webhooks/${id}/${webhookToken}`,
        timezone: 'UTC',
        locale: 'en',
        stage: 'growth',
      },
    });
  expect(res.status).toBe(201);
  responses.push(res.text);
  await docs('plugin::scheduler.schedule').create({
    data: {
      name: `Daily ${slug}`,
      rule,
      timezone: 'UTC',
      startsAt: '2026-12-01T00:00:00.000Z',
      source: 'text',
      text,
      groups: [res.body.data.documentId],
    },
  });
  return { slug, id, webhookToken, documentId: res.body.data.documentId as string };
}

/** Plans `day` and runs one dispatch round at 08:00:05; returns that day's row. */
async function sendDay(slug: string, day: string) {
  setNow(app.strapi, `${day}T07:00:00Z`);
  await plugin().service('planner').planAll();
  setNow(app.strapi, `${day}T08:00:05Z`);
  await plugin().service('dispatcher').tick();
  return (await rowsOf(slug)).find((r: any) => r.scheduledFor === `${day}T08:00:00.000Z`);
}

beforeAll(async () => {
  // The fake counts its rate limits on the scheduler's clock, which the tests move.
  fake = await startFakeDiscord({ now: () => plugin().service('clock').now().getTime() });
  app = await startStrapi({
    env: { DISCORD_BASE_URL: fake.url, SCHEDULER_TIMEOUT_MS: '2000', SCHEDULER_MAX_ATTEMPTS: '3', SCHEDULER_HORIZON_HOURS: '24' },
  });
  captureLogs(app.strapi, logged);
  token = await createApiToken(app.strapi);
  const res = await request(app.server)
    .post('/admin/register-admin')
    .send({ firstname: 'Dee', lastname: 'Ops', email: 'dee@example.com', password: 'Passw0rd!Passw0rd' });
  jwt = res.body.data.token;
});

afterAll(async () => {
  await app?.stop();
  await fake?.close();
});

describe('a Discord group', () => {
  it('receives a long report as numbered parts, in order, each as Discord accepts it', async () => {
    const g = await discordGroup(report(12));
    const row = await sendDay(g.slug, '2026-12-01');
    expect(row.status).toBe('sent');
    const messages = fake.messages(g.id);
    // A heading and 12 tips of ~390 characters: 4,700 characters, three messages (5 + 5 + 2 tips).
    expect(messages).toHaveLength(3);
    messages.forEach((m, i) => {
      expect(m.length).toBeLessThanOrEqual(2000);
      expect(m.endsWith(`\n\n(${i + 1}/3)`)).toBe(true);
    });
    expect(messages[0].startsWith(`# Good morning, Discord ${n}!\n\n**Tip 1.** Small steps`)).toBe(true);
    const order = messages
      .join('\n')
      .match(/\*\*Tip \d+\.\*\*/g)!
      .map((t) => Number(t.replace(/\D/g, '')));
    expect(order).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    // Every request was one Discord accepts: the webhook's path with wait=true, no problem found.
    const mine = fake.requests.filter((r) => r.path.includes(`/webhooks/${g.id}/`));
    expect(mine.map((r) => [r.path, r.status, r.problem])).toEqual(
      Array.from({ length: 3 }, () => [`/api/webhooks/${g.id}/${g.webhookToken}?wait=true`, 200, null])
    );
    for (const r of mine) expect(JSON.parse(r.body).allowed_mentions).toEqual({ parse: [] });
    // The stored payload has the token masked.
    expect(row.payload.requests.map((q: any) => q.url)).toEqual(Array(3).fill(`${fake.url}/api/webhooks/${g.id}/***?wait=true`));
  });

  it('@everyone, @here and <@…> mentions, typed or in a group name, are shown and never ping', async () => {
    const g = await discordGroup('Hi @everyone and <@123>, welcome to **{{group.name}}**', { name: '<@&5> @here *x*' });
    const row = await sendDay(g.slug, '2026-12-05');
    expect(row.status).toBe('sent');
    expect(fake.messages(g.id)).toEqual(['Hi @\u200beveryone and \\<@123\\>, welcome to **\\<@&5\\> @\u200bhere \\*x\\***']);
    const [req] = fake.requests.filter((q) => q.path.includes(`/webhooks/${g.id}/`));
    expect(JSON.parse(req.body).allowed_mentions).toEqual({ parse: [] });
  });

  it('a 429 makes the dispatcher wait at least retry_after; the parts that arrived are not sent again', async () => {
    // 38 tips: 8 parts. Discord takes 5 requests per 2 s per webhook: the 6th part is refused.
    const g = await discordGroup(report(38));
    const started = Date.parse('2026-12-02T08:00:05Z');
    let row = await sendDay(g.slug, '2026-12-02');
    const mine = () => fake.requests.filter((r) => r.path.includes(`/webhooks/${g.id}/`));
    expect(mine().map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = mine()[5];
    // Fractional seconds, as Discord sends them.
    expect(limited.retryAfter! % 1).not.toBe(0);
    expect(row).toMatchObject({ status: 'failed', attempts: 0 });
    expect(row.lastError).toMatch(/^Discord HTTP 429: You are being rate limited\.$/);
    const waited = Date.parse(row.nextAttemptAt) - limited.at;
    expect(waited).toBeGreaterThanOrEqual(limited.retryAfter! * 1000);
    // The body's fractional seconds, not the header's whole ones (Retry-After rounds up).
    expect(waited).toBeLessThan(limited.retryAfter! * 1000 + 300);

    // Just before the wait is over: nothing is sent.
    setNow(app.strapi, new Date(Date.parse(row.nextAttemptAt) - 200).toISOString());
    await plugin().service('dispatcher').tick();
    expect(mine()).toHaveLength(6);

    // Once it is over: the remaining three parts, and Discord takes them.
    setNow(app.strapi, new Date(Date.parse(row.nextAttemptAt) + 50).toISOString());
    await plugin().service('dispatcher').tick();
    row = (await rowsOf(g.slug)).find((r: any) => r.scheduledFor === '2026-12-02T08:00:00.000Z');
    expect(row.status).toBe('sent');
    expect(mine().map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 429, 200, 200, 200]);
    expect(mine()[6].at - limited.at).toBeGreaterThanOrEqual(limited.retryAfter! * 1000);
    const messages = fake.messages(g.id);
    expect(messages.map((m) => m.match(/\((\d+)\/8\)$/)![1])).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(limited.at).toBeGreaterThanOrEqual(started);
  });

  it('a 5xx is retried, and the retry is sent', async () => {
    const g = await discordGroup('Hello **{{group.name}}**');
    fake.force(g.id, { status: 502, body: '<html>Bad Gateway</html>' });
    let row = await sendDay(g.slug, '2026-12-03');
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row.lastError).toBe('Discord HTTP 502: <html>Bad Gateway</html>');
    setNow(app.strapi, new Date(Date.parse(row.nextAttemptAt) + 50).toISOString());
    await plugin().service('dispatcher').tick();
    row = (await rowsOf(g.slug)).find((r: any) => r.scheduledFor === '2026-12-03T08:00:00.000Z');
    expect(row.status).toBe('sent');
    expect(fake.messages(g.id)).toEqual([`Hello **Discord ${n}**`]);
  });

  it('an unknown or deleted webhook (404) is dead at once, the reason without the token', async () => {
    const g = await discordGroup('Hello', { known: false });
    const row = await sendDay(g.slug, '2026-12-04');
    expect(row).toMatchObject({ status: 'dead', attempts: 1 });
    expect(row.reason).toBe('permanent failure: Discord HTTP 404: Unknown Webhook (code 10015)');
    expect(JSON.stringify(row)).not.toContain(g.webhookToken);
  });

  it('a secret that is no webhook URL is refused on save, naming secret, never echoing it', async () => {
    for (const secret of [
      'https://discord.com/api/webhooks/abc/not-digits-secret-1',
      'just-a-token-secret-2',
      'ftp://discord.com/api/webhooks/1/x-secret-3',
    ]) {
      const res = await request(app.server)
        .post('/api/groups')
        .set(auth())
        .send({ data: { name: 'Bad', slug: `bad-discord-${secret.length}`, platform: 'discord', secret, timezone: 'UTC', locale: 'en' } });
      expect(res.status).toBe(400);
      expect((res.body.error.details?.errors ?? []).map((e: { path: string[] }) => e.path.join('.'))).toContain('secret');
      expect(JSON.stringify(res.body)).not.toContain(secret);
    }
  });

  it("the editor's renditions panel shows a Discord row at 2,000 characters", async () => {
    const g = await discordGroup('x');
    const res = await request(app.server)
      .post('/scheduler/editor/content-preview')
      .set({ Authorization: `Bearer ${jwt}` })
      .send({ model: 'api::daily-topic.daily-topic', group: g.slug, data: { prompt: 'Hello **{{group.name}}** @everyone' } });
    expect(res.status).toBe(200);
    const row = res.body.data.renditions.find((r: any) => r.platform === 'discord');
    expect(row).toMatchObject({
      labels: { en: 'Discord', 'zh-Hans': 'Discord' },
      format: 'discord',
      limit: { unit: 'chars', max: 2000 },
      overLimit: false,
      parts: 1,
    });
    expect(row.body).toContain(`Hello **Discord ${n}** @\u200beveryone`);
  });

  it('at most 30 posts a minute to one webhook, counted in the database across two dispatchers; the rest wait, no attempt', async () => {
    // Discord's 5-per-2-s burst is lifted for this webhook: the minute is what is under test.
    const g = await discordGroup('Tick', { burst: 1000, rule: 'FREQ=MINUTELY;INTERVAL=5' });
    setNow(app.strapi, '2026-12-06T07:00:00Z');
    await plugin().service('planner').planAll();
    const store = plugin().service('delivery-store');
    // 35 posts due at once (as after a run-now or a burst of joins).
    const ids = (
      await store
        .knex()(store.table())
        .where(store.col('groupSlug'), g.slug)
        .where(store.col('status'), 'planned')
        .orderBy(store.col('dueAt'))
        .limit(35)
        .select('id', store.col('key'))
    ).map((r: any) => ({ id: r.id, key: r[store.col('key')] }));
    expect(ids).toHaveLength(35);
    await store
      .knex()(store.table())
      .whereIn(
        'id',
        ids.map((r: { id: unknown }) => r.id)
      )
      .update({ [store.col('dueAt')]: new Date('2026-12-06T07:59:00Z'), [store.col('graceSeconds')]: 86400 });
    setNow(app.strapi, '2026-12-06T08:00:00Z');
    // Two dispatchers at once, as on two instances: the count is shared through the database.
    await Promise.all([
      plugin().service('dispatcher').tick({ workerId: 'a', max: 100 }),
      plugin().service('dispatcher').tick({ workerId: 'b', max: 100 }),
    ]);
    const mine = fake.requests.filter((r) => r.path.includes(`/webhooks/${g.id}/`));
    expect(mine).toHaveLength(30);
    // Discord's own per-minute count never had to refuse one.
    expect(mine.every((r) => r.status === 200)).toBe(true);
    const keys = new Set(ids.map((r: { key: string }) => r.key));
    const rows = (await rowsOf(g.slug)).filter((r: any) => keys.has(r.key));
    expect(rows).toHaveLength(35);
    expect(rows.filter((r: any) => r.status === 'sent')).toHaveLength(30);
    const waiting = rows.filter((r: any) => r.status === 'planned');
    expect(waiting).toHaveLength(5);
    for (const r of waiting) {
      expect(r.attempts).toBe(0);
      expect(r.dueAt > '2026-12-06T08:00:00.000Z' && r.dueAt <= '2026-12-06T08:01:01.000Z').toBe(true);
    }
  });

  it('no token appears in any response, stored row or log line', async () => {
    const slugs = Array.from({ length: n }, (_, i) => `discord-${i + 1}`);
    for (const slug of slugs) {
      const rows = await rowsOf(slug);
      await get(`/api/deliveries?group=${slug}`);
      if (rows[0]) await get(`/api/deliveries/${rows[0].id}`);
    }
    await get('/api/groups?populate=*');
    await get('/api/scheduler/health');
    await get('/scheduler/widgets/attention', jwt);
    const haystacks = { responses: responses.join('\n'), rows: await everyRowText(app.strapi), log: logged.join('\n') };
    // The grep works: the delivery rows (with their masked URLs) are in there.
    expect(haystacks.rows).toContain('/api/webhooks/');
    expect(haystacks.responses).toContain('***?wait=true');
    expect(tokens.length).toBe(n);
    for (const t of tokens)
      for (const [where, text] of Object.entries(haystacks))
        expect([where, text.includes(t) || text.includes(encodeURIComponent(t))]).toEqual([where, false]);
  });
});
