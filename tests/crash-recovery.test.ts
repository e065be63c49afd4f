/**
 * Separate processes on one SQLite file, as two instances would run: one planner at a
 * time and a killed planner replaced within one lease period; a worker killed with
 * SIGKILL while sending loses nothing (its leases expire and another worker finishes);
 * two live workers never send the same row; an overdue staff task tells the team group once
 * although the planner moves to another process; two processes publish each scheduled
 * publication once.
 */
import crypto from 'crypto';
import path from 'path';
import { spawn, type ChildProcess } from 'child_process';
import Database from 'better-sqlite3';
import { Webhook } from 'standardwebhooks';
import { startStrapi, type TestApp } from './helpers/strapi';
import { startFakePlatform, type FakePlatform } from './helpers/fake-platform';

let fake: FakePlatform;
let dbFile: string;
let setup: TestApp;
const secret = `whsec_${crypto.randomBytes(24).toString('base64')}`;
const children: ChildProcess[] = [];

function startWorker(extra: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(__dirname, 'helpers', 'worker-process.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_FILENAME: dbFile,
      SEED: 'false',
      SERVE_ADMIN: 'false',
      SCHEDULER_WORKER: 'true',
      SCHEDULER_DISPATCH_INTERVAL_MS: '100',
      SCHEDULER_PLANNER_INTERVAL_MS: '600000',
      SCHEDULER_LEASE_SECONDS: '2',
      SCHEDULER_TIMEOUT_MS: '10000',
      ...extra,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (d) => (err += d));
    child.stdout!.on('data', (d) => String(d).includes('READY') && resolve(child));
    child.on('exit', (code) => code !== null && code !== 0 && reject(new Error(`worker exited ${code}: ${err}`)));
  });
}

/**
 * Stops the earlier tests' workers before a test sets up its rows: on one SQLite file their
 * writes (a claim every 100 ms) can land between a read and a write of the setup's own
 * transaction, which SQLite then refuses with "database is locked" instead of waiting.
 */
async function stopWorkers() {
  for (const c of children.splice(0)) {
    if (c.exitCode === null && c.signalCode === null) {
      c.kill('SIGKILL');
      await new Promise((r) => c.once('exit', r));
    }
  }
}

const statuses = () => {
  const db = new Database(dbFile, { readonly: true, timeout: 5000 });
  try {
    return db.prepare('select status, count(*) n from scheduler_deliveries group by status').all() as { status: string; n: number }[];
  } finally {
    db.close();
  }
};
const keys = () => {
  const db = new Database(dbFile, { readonly: true, timeout: 5000 });
  try {
    return (db.prepare('select key from scheduler_deliveries').all() as { key: string }[]).map((r) => r.key);
  } finally {
    db.close();
  }
};

async function waitUntil(done: () => boolean, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Plans `groups` groups with an hourly schedule and makes every row due now. */
async function prepare(groups: number, tag: string) {
  const docs = (uid: string) => setup.strapi.documents(uid as any) as any;
  const ids: string[] = [];
  for (let i = 0; i < groups; i++) {
    const g = await docs('api::group.group').create({
      data: {
        name: `${tag} ${i}`,
        slug: `${tag}-${i}`,
        platform: 'webhook',
        endpoint: `${fake.url}/${tag}/${i}`,
        secret,
        timezone: 'UTC',
        locale: 'en',
        stage: 'growth',
      },
    });
    ids.push(g.documentId);
  }
  await docs('plugin::scheduler.schedule').create({
    data: {
      name: tag,
      rule: 'FREQ=HOURLY;BYMINUTE=0',
      timezone: 'UTC',
      source: 'text',
      text: `${tag} post`,
      groups: ids,
      startsAt: new Date().toISOString(),
    },
  });
  await setup.strapi.plugin('scheduler').service('planner').planAll();
  const s = setup.strapi.plugin('scheduler').service('delivery-store');
  await s
    .knex()(s.table())
    .where(s.col('groupSlug'), 'like', `${tag}-%`)
    .where(s.col('status'), 'planned')
    .update({ [s.col('dueAt')]: new Date(), [s.col('graceSeconds')]: 86400 });
  return (await s.knex()(s.table()).where(s.col('groupSlug'), 'like', `${tag}-%`).count({ n: '*' }).first()).n as number;
}

/** One group with one schedule of text posts, planned; returns its rows' ids and keys in due order. */
async function plannedGroup(group: Record<string, unknown> & { slug: string }, rule: string, limit: number) {
  const docs = (uid: string) => setup.strapi.documents(uid as any) as any;
  const g = await docs('api::group.group').create({ data: { timezone: 'UTC', locale: 'en', stage: 'growth', ...group } });
  await docs('plugin::scheduler.schedule').create({
    data: {
      name: group.slug,
      rule,
      timezone: 'UTC',
      source: 'text',
      text: `${group.slug} post`,
      groups: [g.documentId],
      startsAt: new Date().toISOString(),
    },
  });
  await setup.strapi.plugin('scheduler').service('planner').planAll();
  const s = setup.strapi.plugin('scheduler').service('delivery-store');
  const rows = await s
    .knex()(s.table())
    .where(s.col('groupSlug'), group.slug)
    .orderBy(s.col('dueAt'))
    .limit(limit)
    .select('id', s.col('key'));
  return rows.map((r: any) => ({ id: r.id as number, key: r[s.col('key')] as string }));
}

beforeAll(async () => {
  fake = await startFakePlatform();
  setup = await startStrapi({ env: { SCHEDULER_WORKER: 'false' } });
  dbFile = setup.dbFile;
});

afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await setup?.stop();
  await fake?.close();
});

const noticeStatuses = () => {
  const db = new Database(dbFile, { readonly: true, timeout: 5000 });
  try {
    return (db.prepare("select status from scheduler_deliveries where key like 'notice:%'").all() as { status: string }[]).map(
      (r) => r.status
    );
  } finally {
    db.close();
  }
};
const plannerOwner = () => {
  const db = new Database(dbFile, { readonly: true, timeout: 5000 });
  try {
    const row = db.prepare("select owner, expires_at from scheduler_leases where name = 'planner'").get() as
      { owner: string; expires_at: number } | undefined;
    return row && row.expires_at > Date.now() ? row.owner : null;
  } finally {
    db.close();
  }
};
const pidOf = (owner: string | null) => (owner ? Number(owner.split(':').at(-2)) : null);

it('the shared SQLite file is in WAL mode (readers never wait for the writer)', () => {
  const db = new Database(dbFile, { readonly: true, timeout: 5000 });
  try {
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  } finally {
    db.close();
  }
});

// First: later tests' workers plan rarely and would hold the lease for a long time.
it('only one instance plans; a killed planner is replaced within one lease period', async () => {
  // Planner round 500 ms → lease 3 s (3 rounds, at least 3 s).
  const fast = { SCHEDULER_PLANNER_INTERVAL_MS: '500' };
  const first = await startWorker(fast);
  await waitUntil(() => pidOf(plannerOwner()) === first.pid, 15_000);
  const second = await startWorker(fast);
  // Both run, the planner stays where it is.
  for (let i = 0; i < 8; i++) {
    await new Promise((r) => setTimeout(r, 250));
    expect(pidOf(plannerOwner())).toBe(first.pid);
  }
  first.kill('SIGKILL');
  const killedAt = Date.now();
  await new Promise((r) => first.once('exit', r));
  await waitUntil(() => pidOf(plannerOwner()) === second.pid, 15_000);
  // One lease period (3 s) plus one planner round and the polling step.
  expect(Date.now() - killedAt).toBeLessThan(3_000 + 500 + 1_000);
  second.kill('SIGKILL');
  await new Promise((r) => second.once('exit', r));
});

it('a worker killed with SIGKILL while sending loses nothing; duplicates carry the same webhook-id', async () => {
  const total = await prepare(5, 'crash');
  expect(total).toBeGreaterThan(200);
  fake.defaultAnswer('/crash/', { status: 200, delayMs: 150 });
  const a = await startWorker();
  await waitUntil(() => fake.received('/crash/').length >= 20, 30_000);
  a.kill('SIGKILL');
  await new Promise((r) => a.once('exit', r));
  const midway = statuses();
  expect(midway.find((s) => s.status === 'sending')?.n ?? 0).toBeGreaterThan(0); // killed mid-send

  await startWorker();
  await waitUntil(() => statuses().every((s) => ['sent', 'dead', 'cancelled', 'skipped'].includes(s.status)), 90_000);
  const final = statuses();
  const finished = final.filter((s) => s.status === 'sent').reduce((a, s) => a + s.n, 0);
  expect(final.filter((s) => s.status !== 'sent')).toEqual([]);

  const requests = fake.received('/crash/');
  const rowKeys = new Set(keys().filter((k) => k.includes(':')));
  const seen = new Map<string, number>();
  for (const r of requests) {
    const body = new Webhook(secret).verify(r.body, r.headers as Record<string, string>) as any;
    expect(body.id).toBe(r.headers['webhook-id']);
    seen.set(body.id, (seen.get(body.id) ?? 0) + 1);
  }
  // Every row reached the receiver; anything it saw twice was a row whose worker died.
  expect(finished).toBe(total);
  for (const key of seen.keys()) expect(rowKeys.has(key)).toBe(true);
  expect(seen.size).toBe(total);
});

it('two worker processes on one database file never send a row twice', async () => {
  await stopWorkers();
  const total = await prepare(6, 'pair');
  fake.defaultAnswer('/pair/', { status: 200 });
  await Promise.all([startWorker({ SCHEDULER_LEASE_SECONDS: '60' }), startWorker({ SCHEDULER_LEASE_SECONDS: '60' })]);
  await waitUntil(() => fake.received('/pair/').length >= total, 90_000);
  await new Promise((r) => setTimeout(r, 1000)); // room for a wrongly doubled send to show up
  const ids = fake.received('/pair/').map((r) => r.headers['webhook-id']);
  expect(ids).toHaveLength(total);
  expect(new Set(ids).size).toBe(total);
});

it('per-target pacing holds across processes: two workers send at most 20 a minute to one WeCom robot', async () => {
  await stopWorkers();
  const ids = (
    await plannedGroup({ name: 'Paced', slug: 'paced', platform: 'wecom', secret: 'robot-paced' }, 'FREQ=MINUTELY;INTERVAL=5', 30)
  ).map((r) => r.id);
  const s = setup.strapi.plugin('scheduler').service('delivery-store');
  expect(ids).toHaveLength(30);
  fake.defaultAnswer('/paced/', { status: 200, body: '{"errcode":0,"errmsg":"ok"}' });
  const robot = { SCHEDULER_LEASE_SECONDS: '60', WECOM_BASE_URL: `${fake.url}/paced` };
  await Promise.all([startWorker(robot), startWorker(robot)]);
  // The 30 posts fall due one every 200 ms, so both workers claim some (each would stay
  // under 20 on its own: only a limit shared between them holds the robot to 20).
  const start = Date.now() + 500;
  for (let i = 0; i < ids.length; i++) {
    await s
      .knex()(s.table())
      .where('id', ids[i])
      .update({ [s.col('dueAt')]: new Date(start + i * 200), [s.col('graceSeconds')]: 86400 });
  }
  await waitUntil(() => fake.received('/paced/').length >= 20, 30_000);
  // All 30 are due 6.5 s after the start; wait past that: still 20 within the minute.
  await new Promise((r) => setTimeout(r, Math.max(0, start + 30 * 200 + 2500 - Date.now())));
  expect(fake.received('/paced/')).toHaveLength(20);
});

it('a post due between two dispatcher rounds goes out when it falls due, not at the next round', async () => {
  await stopWorkers();
  const rows = await plannedGroup(
    { name: 'On time', slug: 'ontime', platform: 'webhook', endpoint: `${fake.url}/ontime/`, secret },
    'FREQ=HOURLY;BYMINUTE=0',
    3
  );
  const s = setup.strapi.plugin('scheduler').service('delivery-store');
  expect(rows).toHaveLength(3);
  fake.defaultAnswer('/ontime/', { status: 200 });
  // Rounds every 5 s: without a wake-up at the due time, posts due 1.3 s apart could not all
  // go out within 1.5 s of it (their lateness would differ by 1.3 s and 2.6 s, modulo 5 s).
  await startWorker({ SCHEDULER_DISPATCH_INTERVAL_MS: '5000', SCHEDULER_LEASE_SECONDS: '60' });
  const start = Date.now() + 7000;
  const dueAt = new Map<string, number>();
  for (const [i, r] of rows.entries()) {
    dueAt.set(r.key, start + i * 1300);
    await s
      .knex()(s.table())
      .where('id', r.id)
      .update({ [s.col('dueAt')]: new Date(start + i * 1300), [s.col('graceSeconds')]: 86400 });
  }
  await waitUntil(() => fake.received('/ontime/').length >= 3, 30_000);
  const lateness = fake.received('/ontime/').map((r) => r.at - dueAt.get(String(r.headers['webhook-id']))!);
  expect(lateness).toHaveLength(3);
  for (const ms of lateness) {
    expect(ms).toBeGreaterThanOrEqual(0);
    expect(ms).toBeLessThan(1500);
  }
});

it('an overdue staff task raises one notice to the team group while the planner moves between processes', async () => {
  await stopWorkers();
  const docs = (uid: string) => setup.strapi.documents(uid as any) as any;
  await docs('api::group.group').create({
    data: {
      name: 'Ops team',
      slug: 'ops-pair',
      platform: 'webhook',
      endpoint: `${fake.url}/team/ops-pair`,
      secret,
      timezone: 'Asia/Shanghai',
      locale: 'zh-Hans',
      stage: 'growth',
      purpose: 'team',
      defaultTeam: true,
    },
  });
  const camp = await docs('api::group.group').create({
    data: { name: '微信群 A', slug: 'wechat-pair', platform: 'manual', timezone: 'Asia/Shanghai', locale: 'zh-Hans', stage: 'growth' },
  });
  await docs('plugin::scheduler.schedule').create({
    data: {
      name: 'pair task',
      rule: 'FREQ=HOURLY;BYMINUTE=0',
      timezone: 'UTC',
      source: 'text',
      text: '今天的打卡',
      groups: [camp.documentId],
      startsAt: new Date().toISOString(),
    },
  });
  await setup.strapi.plugin('scheduler').service('planner').planAll();
  const s = setup.strapi.plugin('scheduler').service('delivery-store');
  const [task] = await s.knex()(s.table()).where(s.col('groupSlug'), 'wechat-pair').orderBy(s.col('dueAt')).limit(1).select('id');
  // One task, 11 minutes overdue (the notice comes after 10); the rest are not due for hours.
  const elevenAgo = new Date(Date.now() - 11 * 60_000);
  await s
    .knex()(s.table())
    .where('id', task.id)
    .update({ [s.col('dueAt')]: elevenAgo, [s.col('scheduledFor')]: elevenAgo });
  fake.defaultAnswer('/team/', { status: 200 });

  // The earlier tests' workers (dead now) planned every 10 min: their lease would outlive this test.
  await setup.strapi.db.connection('scheduler_leases').where('name', 'planner').delete();
  const fast = { SCHEDULER_PLANNER_INTERVAL_MS: '500' };
  const [a, b] = await Promise.all([startWorker(fast), startWorker(fast)]);
  await waitUntil(() => fake.received('/team/').length >= 1, 30_000);
  // Killed between sending and recording, a worker's post is sent again by the other (the
  // same webhook-id; the SIGKILL test above): here only the planner's move is under test.
  await waitUntil(() => noticeStatuses().length > 0 && noticeStatuses().every((status) => status === 'sent'), 15_000);
  // The planner's holder dies; the other takes the lease and runs the tasks round again.
  const holder = pidOf(plannerOwner()) === a.pid ? a : b;
  const other = holder === a ? b : a;
  holder.kill('SIGKILL');
  await new Promise((r) => holder.once('exit', r));
  await waitUntil(() => pidOf(plannerOwner()) === other.pid, 15_000);
  await new Promise((r) => setTimeout(r, 2000)); // several rounds of the new holder

  const notices = fake.received('/team/').map((r) => new Webhook(secret).verify(r.body, r.headers as Record<string, string>) as any);
  expect(notices.map((n) => [n.type, n.notice.kind, n.notice.group.slug])).toEqual([['notice', 'task-overdue', 'wechat-pair']]);
  expect(keys().filter((k) => k.startsWith('notice:'))).toHaveLength(1);
});

it('two processes publish each scheduled publication exactly once, in its own locale', async () => {
  await stopWorkers();
  const REPORT = 'api::daily-report.daily-report';
  const docs = (uid: string) => setup.strapi.documents(uid as any) as any;
  const publications = setup.strapi.plugin('scheduler').service('publications');
  const drafts: { documentId: string; locale: string }[] = [];
  for (let i = 0; i < 10; i++) {
    const locale = i % 2 ? 'zh-Hans' : 'en';
    const doc = await docs(REPORT).create({ locale, data: { date: `2031-01-${String(i + 1).padStart(2, '0')}`, edition: 'morning' } });
    drafts.push({ documentId: doc.documentId, locale });
  }
  // Due in a second: both workers find all ten due when they start, at the same time.
  const at = new Date(Date.now() + 1000).toISOString();
  for (const d of drafts)
    await publications.create({ uid: REPORT, documentId: d.documentId, locale: d.locale, action: 'publish', at }, 'test');

  await Promise.all([startWorker(), startWorker()]);
  const rows = () => {
    const db = new Database(dbFile, { readonly: true, timeout: 5000 });
    try {
      return db.prepare('select status, runs from scheduler_publications where uid = ?').all(REPORT) as { status: string; runs: number }[];
    } finally {
      db.close();
    }
  };
  await waitUntil(() => rows().length === 10 && rows().every((r) => r.status !== 'planned' && r.status !== 'running'), 60_000);
  expect(rows()).toEqual(Array.from({ length: 10 }, () => ({ status: 'done', runs: 1 })));
  for (const d of drafts) {
    const published = await docs(REPORT).findOne({ documentId: d.documentId, locale: d.locale, status: 'published' });
    expect(published?.locale).toBe(d.locale);
  }
});
