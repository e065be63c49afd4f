/**
 * Rotating ENCRYPTION_KEY on one SQLite file across restarts: values sealed under the old
 * key still open once it is given as ENCRYPTION_KEY_PREVIOUS, the reseal moves them to the
 * new key (and does nothing the second time), and then the new key alone suffices. A
 * sealed value copied to another group does not open there. Rotating a group's webhook
 * signing secret sends both signatures for the grace period, then only the new one.
 */
import crypto from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { spawn } from 'child_process';
import request from 'supertest';
import { Webhook } from 'standardwebhooks';
import { sendDay as sendScheduledDay } from './helpers/scheduler-clock';
import { startStrapi, createApiToken, type TestApp } from './helpers/strapi';
import { startFakePlatform, type FakePlatform, type Recorded } from './helpers/fake-platform';
import { keyId, open, sealedKeyId } from '../src/plugins/scheduler/server/src/secrets/secret-box';
import { resealGroups } from '../src/plugins/scheduler/server/src/secrets/reseal';

const KEY_A = crypto.randomBytes(32).toString('base64');
const KEY_B = crypto.randomBytes(32).toString('base64');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-rotation-'));
const dbFile = path.join(dir, 'data.db');
const GROUP = 'api::group.group';
const DECRYPT_REASON = "the group's secret cannot be decrypted with the current keys: enter it again";

let app: TestApp | null = null;
let fake: FakePlatform;

const env = (keys: Record<string, string>) => ({
  // One database file for every boot (the helper's own temporary one is left unused).
  DATABASE_CLIENT: 'sqlite',
  DATABASE_FILENAME: dbFile,
  SCHEDULER_ALLOWED_DESTINATIONS: '127.0.0.1',
  ENCRYPTION_KEY_PREVIOUS: '',
  ...keys,
});

async function boot(keys: Record<string, string>) {
  await app?.stop();
  app = await startStrapi({ env: env(keys) });
  return app;
}

const strapi = () => app!.strapi;
const docs = (uid: string) => strapi().documents(uid as any) as any;
const rowOf = (slug: string) => strapi().db.query(GROUP).findOne({ where: { slug } });

const sendDay = (day: string, slugs: string[]) => sendScheduledDay(strapi(), day, slugs);

const whsec = () => `whsec_${crypto.randomBytes(24).toString('base64')}`;
const secrets: Record<string, string> = { x: whsec(), y: whsec(), z: whsec() };

async function createGroup(slug: string, secret: string) {
  const group = await docs(GROUP).create({
    data: { name: `Group ${slug}`, slug, platform: 'webhook', endpoint: `${fake.url}/hook/${slug}`, secret, timezone: 'UTC', locale: 'en' },
  });
  await docs('plugin::scheduler.schedule').create({
    data: {
      name: `Daily ${slug}`,
      rule: 'FREQ=DAILY;BYHOUR=8;BYMINUTE=0',
      timezone: 'UTC',
      startsAt: '2026-12-01T00:00:00.000Z',
      source: 'text',
      text: 'Good morning {{group.name}}',
      groups: [group.documentId],
    },
  });
  return group;
}

/** The one request a group's endpoint received for that day's post. */
function arrival(slug: string, day: string): Recorded {
  const found = fake.received(`/hook/${slug}`).filter((r) => JSON.parse(r.body).scheduledFor === `${day}T08:00:00.000Z`);
  expect(found).toHaveLength(1);
  return found[0];
}

const verifies = (secret: string, r: Recorded) => {
  try {
    new Webhook(secret).verify(r.body, r.headers as Record<string, string>);
    return true;
  } catch {
    return false;
  }
};

/**
 * `npm run secrets:reseal` itself, on the same database (the app may keep running). Not
 * spawnSync: a blocked event loop would stall this process's app and receiver meanwhile.
 */
function runResealScript(keys: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(__dirname, '..', 'scripts', 'secrets-reseal.js')], {
      env: { ...process.env, NODE_ENV: 'test', SEED: 'false', ...env(keys) },
      timeout: 120_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

beforeAll(async () => {
  fake = await startFakePlatform();
});

afterAll(async () => {
  await app?.stop();
  await fake?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('ENCRYPTION_KEY rotation', () => {
  it('values sealed under key A are sealed under A, with its id and bound to their group', async () => {
    await boot({ ENCRYPTION_KEY: KEY_A });
    for (const slug of Object.keys(secrets)) await createGroup(slug, secrets[slug]);
    for (const slug of Object.keys(secrets)) {
      const row = await rowOf(slug);
      expect(sealedKeyId(row.secret)).toBe(keyId(KEY_A));
      expect(open(row.secret, KEY_A, `group:${row.documentId}:secret`)).toBe(secrets[slug]);
    }
  });

  it('booted with B and A as previous: posts still go out, signed with each group’s secret', async () => {
    await boot({ ENCRYPTION_KEY: KEY_B, ENCRYPTION_KEY_PREVIOUS: `${crypto.randomBytes(8).toString('hex')},${KEY_A}` });
    const rows = await sendDay('2026-12-01', Object.keys(secrets));
    for (const slug of Object.keys(secrets)) {
      expect(rows[slug].status).toBe('sent');
      expect(verifies(secrets[slug], arrival(slug, '2026-12-01'))).toBe(true);
    }
  });

  it('the reseal moves every value to B; a second one changes nothing', async () => {
    const first = await resealGroups(strapi(), { batchSize: 2 });
    expect(first).toEqual({ resealed: 3, current: 0, failed: [] });
    const before: Record<string, string> = {};
    for (const slug of Object.keys(secrets)) {
      const row = await rowOf(slug);
      expect(sealedKeyId(row.secret)).toBe(keyId(KEY_B));
      expect(open(row.secret, KEY_B, `group:${row.documentId}:secret`)).toBe(secrets[slug]);
      before[slug] = row.secret;
    }
    expect(await resealGroups(strapi(), { batchSize: 2 })).toEqual({ resealed: 0, current: 3, failed: [] });
    for (const slug of Object.keys(secrets)) expect((await rowOf(slug)).secret).toBe(before[slug]);
    // The script, while this app runs on the same file: nothing left to do, exit 0.
    const run = await runResealScript({ ENCRYPTION_KEY: KEY_B, ENCRYPTION_KEY_PREVIOUS: KEY_A });
    expect(run.stdout).toContain('resealed: 0, already current: 3, could not open: 0');
    expect(run.status).toBe(0);
  });

  it('a secret copied at the database level from X to Y: Y’s posts go dead, the others go out in the same round', async () => {
    const x = await rowOf('x');
    await strapi()
      .db.query(GROUP)
      .update({ where: { slug: 'y' }, data: { secret: x.secret } });
    const rows = await sendDay('2026-12-02', ['x', 'y', 'z']);
    expect(rows.x.status).toBe('sent');
    expect(rows.z.status).toBe('sent');
    expect(rows.y.status).toBe('dead');
    expect(rows.y.reason).toBe(DECRYPT_REASON);
    expect(fake.received('/hook/y').filter((r) => JSON.parse(r.body).scheduledFor.startsWith('2026-12-02'))).toHaveLength(0);
    // The script, while this app runs on the same file, reports it by group and field
    // (never a value) and exits 1.
    const run = await runResealScript({ ENCRYPTION_KEY: KEY_B });
    expect(run.stdout).toContain('resealed: 0, already current: 2, could not open: 1');
    expect(run.stderr).toContain('y.secret');
    expect(run.stderr).not.toContain(x.secret);
    expect(run.status).toBe(1);
  });

  it('booted with B alone: the resealed groups still work', async () => {
    await boot({ ENCRYPTION_KEY: KEY_B });
    const rows = await sendDay('2026-12-03', ['x', 'y', 'z']);
    expect(rows.x.status).toBe('sent');
    expect(rows.z.status).toBe('sent');
    expect(rows.y.reason).toBe(DECRYPT_REASON);
    expect(verifies(secrets.x, arrival('x', '2026-12-03'))).toBe(true);
    expect(verifies(secrets.z, arrival('z', '2026-12-03'))).toBe(true);
  });
});

describe('webhook signing-secret rotation', () => {
  const oldSecret = whsec();
  const newSecret = whsec();
  let documentId: string;

  it('changing the secret over REST keeps the old one (sealed, bound, never shown) for the grace period', async () => {
    const group = await createGroup('r', oldSecret);
    documentId = group.documentId;
    const token = await createApiToken(strapi());
    const before = Date.now();
    const res = await request(app!.server)
      .put(`/api/groups/${documentId}`)
      .set({ Authorization: `Bearer ${token}` })
      .send({ data: { secret: newSecret } });
    expect(res.status).toBe(200);
    const shown = JSON.stringify(res.body);
    for (const leak of ['previousSecret', 'secretRotatedAt', '"secret"', oldSecret.slice(6, 20), newSecret.slice(6, 20)]) {
      expect(shown).not.toContain(leak);
    }
    const row = await rowOf('r');
    expect(open(row.secret, KEY_B, `group:${documentId}:secret`)).toBe(newSecret);
    expect(open(row.previousSecret, KEY_B, `group:${documentId}:previousSecret`)).toBe(oldSecret);
    expect(() => open(row.previousSecret, KEY_B, `group:${documentId}:secret`)).toThrow();
    const rotatedAt = new Date(row.secretRotatedAt).getTime();
    expect(rotatedAt).toBeGreaterThanOrEqual(before - 1000);
    expect(rotatedAt).toBeLessThanOrEqual(Date.now() + 1000);

    // Neither field can be written or read over REST.
    const sneaky = await request(app!.server)
      .put(`/api/groups/${documentId}`)
      .set({ Authorization: `Bearer ${token}` })
      .send({ data: { previousSecret: whsec(), secretRotatedAt: '2030-01-01T00:00:00.000Z' } });
    expect(sneaky.status).toBeLessThan(500);
    const after = await rowOf('r');
    expect(after.previousSecret).toBe(row.previousSecret);
    expect(new Date(after.secretRotatedAt).getTime()).toBe(rotatedAt);
    const read = await request(app!.server)
      .get(`/api/groups/${documentId}`)
      .set({ Authorization: `Bearer ${token}` });
    expect(JSON.stringify(read.body)).not.toMatch(/previousSecret|secretRotatedAt/);
  });

  it('within the grace period a post carries both signatures; a receiver holding either secret accepts', async () => {
    // The grace is counted on the scheduler's clock: the rotation 23 h before the send.
    await strapi()
      .db.query(GROUP)
      .update({ where: { documentId }, data: { secretRotatedAt: new Date('2026-12-03T09:30:30Z') } });
    const rows = await sendDay('2026-12-04', ['r']);
    expect(rows.r.status).toBe('sent');
    const r = arrival('r', '2026-12-04');
    const signatures = String(r.headers['webhook-signature']).split(' ');
    expect(signatures).toHaveLength(2);
    expect(signatures.every((s) => s.startsWith('v1,'))).toBe(true);
    expect(verifies(newSecret, r)).toBe(true);
    expect(verifies(oldSecret, r)).toBe(true);
    expect(verifies(whsec(), r)).toBe(false);
  });

  it('after the grace period only the new secret signs', async () => {
    // 24 h (the default grace) and 30 s before the send.
    await strapi()
      .db.query(GROUP)
      .update({ where: { documentId }, data: { secretRotatedAt: new Date('2026-12-04T08:00:00Z') } });
    const rows = await sendDay('2026-12-05', ['r']);
    expect(rows.r.status).toBe('sent');
    const r = arrival('r', '2026-12-05');
    expect(String(r.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(verifies(newSecret, r)).toBe(true);
    expect(verifies(oldSecret, r)).toBe(false);
  });
});

describe('npm run secrets:reseal', () => {
  it('after Y’s secret is entered again, finds everything current and exits 0', async () => {
    const y = await rowOf('y');
    await docs(GROUP).update({ documentId: y.documentId, data: { secret: secrets.y } });
    // Its old value opened for no row of its own: nothing is kept as previousSecret.
    expect((await rowOf('y')).previousSecret).toBeNull();
    // x, y, z and r's secret, and r's previousSecret.
    const run = await runResealScript({ ENCRYPTION_KEY: KEY_B, ENCRYPTION_KEY_PREVIOUS: KEY_A });
    expect(run.stdout).toContain('resealed: 0, already current: 5, could not open: 0');
    expect(run.status).toBe(0);
  });
});

describe('sealed values are the server’s own', () => {
  it('a sealed value sent in (another group’s) is ignored: the stored secret stays', async () => {
    const [x, z] = [await rowOf('x'), await rowOf('z')];
    await docs(GROUP).update({ documentId: z.documentId, data: { secret: x.secret, name: 'Group z' } });
    expect((await rowOf('z')).secret).toBe(z.secret);
  });

  it('a duplicated group gets the secret sealed for itself, and no rotation', async () => {
    const r = await rowOf('r');
    const { documentId } = await docs(GROUP).clone({ documentId: r.documentId, data: { name: 'Copy of r', slug: 'r-copy' } });
    const copy = await rowOf('r-copy');
    expect(copy.documentId).toBe(documentId);
    expect(copy.documentId).not.toBe(r.documentId);
    expect(open(copy.secret, KEY_B, `group:${documentId}:secret`)).toBe(open(r.secret, KEY_B, `group:${r.documentId}:secret`));
    expect(copy.previousSecret).toBeNull();
    expect(copy.secretRotatedAt).toBeNull();
  });
});

describe('signingSecret under a key rotation', () => {
  const KEY_C = crypto.randomBytes(32).toString('base64');
  const signingSecret = `SEC${crypto.randomBytes(32).toString('hex')}`;

  it('is sealed bound to its group and field, moved to the new key by the reseal, sealed afresh for a clone', async () => {
    await boot({ ENCRYPTION_KEY: KEY_B });
    const group = await createGroup('signed', whsec());
    await docs(GROUP).update({ documentId: group.documentId, data: { signingSecret } });
    const underB = (await rowOf('signed')).signingSecret;
    expect(sealedKeyId(underB)).toBe(keyId(KEY_B));
    expect(open(underB, KEY_B, `group:${group.documentId}:signingSecret`)).toBe(signingSecret);

    await boot({ ENCRYPTION_KEY: KEY_C, ENCRYPTION_KEY_PREVIOUS: KEY_B });
    // `npm run secrets:reseal`: the six groups' secrets, r's previousSecret and this signingSecret.
    const run = await runResealScript({ ENCRYPTION_KEY: KEY_C, ENCRYPTION_KEY_PREVIOUS: KEY_B });
    expect(run.stdout).toContain('resealed: 8, already current: 0, could not open: 0');
    expect(run.stdout + run.stderr).not.toContain(signingSecret);
    expect(run.status).toBe(0);
    const underC = (await rowOf('signed')).signingSecret;
    expect(underC).not.toBe(underB);
    expect(sealedKeyId(underC)).toBe(keyId(KEY_C));
    expect(open(underC, KEY_C, `group:${group.documentId}:signingSecret`)).toBe(signingSecret);
    expect(() => open(underC, KEY_C, `group:${group.documentId}:secret`)).toThrow();
    // Idempotent: nothing left to move.
    await resealGroups(strapi());
    expect((await rowOf('signed')).signingSecret).toBe(underC);

    const { documentId } = await docs(GROUP).clone({ documentId: group.documentId, data: { name: 'Copy of signed', slug: 'signed-copy' } });
    const copy = await rowOf('signed-copy');
    expect(open(copy.signingSecret, KEY_C, `group:${documentId}:signingSecret`)).toBe(signingSecret);
    expect(() => open(copy.signingSecret, KEY_C, `group:${group.documentId}:signingSecret`)).toThrow();
  });

  it('a signingSecret copied to another group at the database level: that group’s posts go dead, naming the field only', async () => {
    const signed = await rowOf('signed');
    await strapi()
      .db.query(GROUP)
      .update({ where: { slug: 'x' }, data: { signingSecret: signed.signingSecret } });
    const rows = await sendDay('2026-12-07', ['x', 'signed']);
    expect(rows.signed.status).toBe('sent');
    expect(rows.x.status).toBe('dead');
    expect(rows.x.reason).toBe("the group's signingSecret cannot be decrypted with the current keys: enter it again");
  });
});
