/**
 * Bounded history on a real database: the planner lease holder summarizes finished
 * delivery rows older than the retention per group and local day, then deletes them, in
 * batches; unfinished and recent rows stay; a second run changes nothing; health counts
 * stay bounded and right. Rows are inserted through the storage layer with old times; the
 * scheduler's clock is set, not mocked. Expected values are worked out by hand below.
 */
import request from 'supertest';
import { startStrapi, type TestApp } from './helpers/strapi';

let app: TestApp;
const plugin = () => app.strapi.plugin('scheduler');
const store = () => plugin().service('delivery-store');
const retention = () => plugin().service('retention');
const leases = () => plugin().service('leases');
const clock = () => plugin().service('clock');
const knex = () => app.strapi.db.connection;
const TTL = 15_000;
const NOW = '2026-12-01T12:00:00.000Z';

function setNow(iso: string) {
  clock().reset();
  clock().advance(Date.parse(iso) - Date.now());
}

interface Spec {
  group: 'A' | 'B';
  status: string;
  scheduledFor: string;
  /** Defaults to scheduledFor. */
  dueAt?: string;
  /** Sent rows: seconds after scheduledFor. */
  late?: number;
}

/**
 * Group A is in Asia/Shanghai (UTC+8), group B in UTC. Old rows are ~103 days before NOW
 * (retention 90 days: cutoff 2026-09-02T12:00Z).
 */
const DATA: Spec[] = [
  // A, local day 2026-08-20 (09:00–13:00 in Shanghai): sent late 3, 7, 1, 125 s; one dead.
  { group: 'A', status: 'sent', scheduledFor: '2026-08-20T01:00:00.000Z', late: 3 },
  { group: 'A', status: 'sent', scheduledFor: '2026-08-20T02:00:00.000Z', late: 7 },
  { group: 'A', status: 'sent', scheduledFor: '2026-08-20T03:00:00.000Z', late: 1 },
  { group: 'A', status: 'sent', scheduledFor: '2026-08-20T04:00:00.000Z', late: 125 },
  { group: 'A', status: 'dead', scheduledFor: '2026-08-20T05:00:00.000Z' },
  // A, 20:00 and 21:00 UTC on the 20th are 04:00 and 05:00 on the 21st in Shanghai.
  { group: 'A', status: 'skipped', scheduledFor: '2026-08-20T20:00:00.000Z' },
  { group: 'A', status: 'sent', scheduledFor: '2026-08-20T21:00:00.000Z', late: 40 },
  // Old but unfinished: kept.
  { group: 'A', status: 'planned', scheduledFor: '2026-08-20T06:00:00.000Z' },
  { group: 'A', status: 'failed', scheduledFor: '2026-08-20T07:00:00.000Z' },
  // B, day 2026-08-20: sent late 2 and 2, one cancelled; day 2026-08-21: sent late 10.
  { group: 'B', status: 'sent', scheduledFor: '2026-08-20T08:00:00.000Z', late: 2 },
  { group: 'B', status: 'sent', scheduledFor: '2026-08-20T09:00:00.000Z', late: 2 },
  { group: 'B', status: 'cancelled', scheduledFor: '2026-08-20T10:00:00.000Z' },
  { group: 'B', status: 'sent', scheduledFor: '2026-08-21T08:00:00.000Z', late: 10 },
  { group: 'B', status: 'sending', scheduledFor: '2026-08-21T09:00:00.000Z' },
  // Due long ago but its occurrence is recent (an operator sent it early): kept.
  { group: 'B', status: 'sent', scheduledFor: '2026-11-30T08:00:00.000Z', dueAt: '2026-08-21T08:00:00.000Z', late: 0 },
  // Recent: kept.
  { group: 'A', status: 'sent', scheduledFor: '2026-12-01T10:00:00.000Z', late: 5 },
  { group: 'B', status: 'sent', scheduledFor: '2026-11-29T12:00:00.000Z', late: 1 },
  { group: 'B', status: 'skipped', scheduledFor: '2026-12-01T13:00:00.000Z' },
  { group: 'B', status: 'planned', scheduledFor: '2026-12-02T08:00:00.000Z' },
  // B, day 2026-08-21: a staff task nobody did (missed is finished).
  { group: 'B', status: 'missed', scheduledFor: '2026-08-21T11:00:00.000Z' },
];
/** The old finished rows above: A 7, B 5. */
const OLD_FINISHED = 12;

/** The summaries the data above must give, by hand (nearest-rank percentiles). */
const expectedDays = (a: number, b: number) => [
  // A 08-20: sorted lateness 1, 3, 7, 125. p50: rank ceil(0.5·4) = 2 → 3 s. p95: rank
  // ceil(0.95·4) = 4 → 125 s, reported as its minute bucket (120 s); the maximum is exact.
  { groupId: a, day: '2026-08-20', sent: 4, dead: 1, cancelled: 0, skipped: 0, missed: 0, lateP50: 3, lateP95: 120, lateMax: 125 },
  { groupId: a, day: '2026-08-21', sent: 1, dead: 0, cancelled: 0, skipped: 1, missed: 0, lateP50: 40, lateP95: 40, lateMax: 40 },
  { groupId: b, day: '2026-08-20', sent: 2, dead: 0, cancelled: 1, skipped: 0, missed: 0, lateP50: 2, lateP95: 2, lateMax: 2 },
  { groupId: b, day: '2026-08-21', sent: 1, dead: 0, cancelled: 0, skipped: 0, missed: 1, lateP50: 10, lateP95: 10, lateMax: 10 },
];

async function insert(prefix: string, groups: { A: number; B: number }) {
  const rows = DATA.map((d, i) => {
    const scheduledFor = new Date(d.scheduledFor);
    return {
      key: `${prefix}:${i}`,
      status: d.status,
      originKind: 'schedule',
      originId: `${prefix}-schedule`,
      groupId: groups[d.group],
      groupSlug: `${prefix}-${d.group}`,
      timezone: d.group === 'A' ? 'Asia/Shanghai' : 'UTC',
      source: 'text',
      text: 'hello',
      scheduledFor,
      dueAt: new Date(d.dueAt ?? d.scheduledFor),
      sentAt: d.late === undefined ? null : new Date(scheduledFor.getTime() + d.late * 1000),
      nextAttemptAt: d.status === 'failed' ? new Date('2026-12-01T13:00:00.000Z') : null,
    };
  });
  expect(await store().insertNew(rows)).toBe(DATA.length);
}

async function keysLeft(prefix: string): Promise<number[]> {
  const found = await knex()('scheduler_deliveries').where('key', 'like', `${prefix}:%`).select('key');
  return found.map((r: { key: string }) => Number(r.key.split(':')[1])).sort((x: number, y: number) => x - y);
}

/** The summary rows of these groups, read back through the storage layer, flat. */
async function days(groupIds: number[]) {
  const out = [];
  for (const id of groupIds) {
    for (const d of await plugin().service('delivery-days').ofGroup(id, '2026-01-01', '2026-12-31'))
      out.push({ groupId: d.groupId, day: d.day, ...d.counts, lateP50: d.lateP50, lateP95: d.lateP95, lateMax: d.lateMax });
  }
  return out;
}

/** Indexes of DATA a prune must keep: everything but the old finished rows. */
const KEPT = [7, 8, 13, 14, 15, 16, 17, 18];

let jwt: string;
const admin = () => ({ Authorization: `Bearer ${jwt}` });

beforeAll(async () => {
  app = await startStrapi();
  const res = await request(app.server)
    .post('/admin/register-admin')
    .send({ firstname: 'Ada', lastname: 'Ops', email: 'ada@example.com', password: 'Passw0rd!Passw0rd' });
  expect(res.status).toBe(200);
  jwt = res.body.data.token;
  setNow(NOW);
  expect(await leases().acquire('planner', TTL)).toBe(true);
});
afterAll(async () => {
  await app?.stop();
});

describe('retention', () => {
  it('summarizes and deletes old finished rows only; health counts are bounded and right', async () => {
    await insert('one', { A: 101, B: 102 });
    const before = await plugin().service('deliveries').health();

    const result = await retention().prune({ now: new Date(NOW) });
    expect(result).toMatchObject({ cutoff: '2026-09-02T12:00:00.000Z', deleted: OLD_FINISHED, days: 4, batches: 1, complete: true });
    expect(await keysLeft('one')).toEqual(KEPT);
    expect(await days([101, 102])).toEqual(expectedDays(101, 102));

    // Health: every unfinished row (planned: old 7 and future 18; failed 8; sending 13) and
    // the finished rows due since 2026-11-30T12:00Z (sent 15, skipped 17), before and after.
    const health = await plugin().service('deliveries').health();
    const byStatus = { planned: 2, failed: 1, sending: 1, sent: 1, skipped: 1 };
    expect(before.byStatus).toEqual(byStatus);
    expect(health.byStatus).toEqual(byStatus);
    // (The clock ran on for some milliseconds since NOW: compare against the health's own now.)
    expect(Date.parse(health.finishedSince)).toBe(Date.parse(health.now) - 86_400_000);
    // Due now: the old planned row (the failed one retries at 13:00), 103 days overdue.
    expect(health).toMatchObject({
      due: 1,
      overdue: 1,
      oldestDueLagSeconds: Math.round((Date.parse(health.now) - Date.parse('2026-08-20T06:00:00Z')) / 1000),
    });
  });

  it('a second run deletes nothing and counts nothing twice', async () => {
    const again = await retention().prune({ now: new Date(NOW) });
    expect(again).toMatchObject({ deleted: 0, days: 0, batches: 0, complete: true });
    expect(await keysLeft('one')).toEqual(KEPT);
    expect(await days([101, 102])).toEqual(expectedDays(101, 102));
  });

  it('in batches of 2 (six transactions) the summaries are the same', async () => {
    await insert('two', { A: 201, B: 202 });
    const result = await retention().prune({ now: new Date(NOW), batchSize: 2 });
    // 12 rows in batches of 2: six full batches.
    expect(result).toMatchObject({ deleted: OLD_FINISHED, batches: 6, complete: true });
    expect(await keysLeft('two')).toEqual(KEPT);
    expect(await days([201, 202])).toEqual(expectedDays(201, 202));
  });

  it('rows of a day that finish later are added to its summary', async () => {
    // The old planned row of group A (08-20 06:00 UTC = 14:00 in Shanghai) is sent 1 s late,
    // the old failed one (07:00 UTC) gives up.
    const [planned, failed] = await Promise.all([store().byKey('one:7'), store().byKey('one:8')]);
    await store().updateIfStatus(planned.id, ['planned'], { status: 'sent', sentAt: new Date('2026-08-20T06:00:01.000Z') });
    await store().updateIfStatus(failed.id, ['failed'], { status: 'dead' });
    expect(await retention().prune({ now: new Date(NOW) })).toMatchObject({ deleted: 2, days: 1 });
    // A 08-20 now: lateness 1, 1, 3, 7, 125. p50: rank ceil(2.5) = 3 → 3 s; p95: rank
    // ceil(4.75) = 5 → 125 s → 120 s bucket; dead 1 + 1.
    const [a20, ...rest] = expectedDays(101, 102);
    expect(await days([101, 102])).toEqual([{ ...a20, sent: 5, dead: 2, lateP50: 3, lateP95: 120, lateMax: 125 }, ...rest]);
    expect(await keysLeft('one')).toEqual(KEPT.filter((i) => i !== 7 && i !== 8));
  });

  it('an instance not holding the planner lease deletes nothing', async () => {
    await insert('three', { A: 301, B: 302 });
    await leases().release('planner');
    expect(await leases().acquire('planner', TTL, 'another-instance')).toBe(true);
    expect(await retention().prune({ now: new Date(NOW) })).toMatchObject({ deleted: 0, complete: false });
    expect(await retention().runIfDue()).toBeNull();
    expect(await keysLeft('three')).toHaveLength(DATA.length);
    expect(await days([301, 302])).toEqual([]);
    await leases().release('planner', 'another-instance');
    expect(await leases().acquire('planner', TTL)).toBe(true);
  });

  it('runs at most hourly, cluster-wide (a marker in the database)', async () => {
    const now = clock().now();
    const first = await retention().runIfDue(now);
    expect(first).toMatchObject({ deleted: OLD_FINISHED, complete: true });
    expect(await retention().runIfDue(new Date(now.getTime() + 10 * 60_000))).toBeNull();
    // The marker is a row, not this process's memory: another owner sees it too.
    expect(await leases().claimRun('retention', 'another-instance', new Date(now.getTime() + 30 * 60_000), 3_600_000)).toBe(false);
    const later = await retention().runIfDue(new Date(now.getTime() + 61 * 60_000));
    expect(later).toMatchObject({ deleted: 0, complete: true });
  });

  it("the admin reads a group's daily history from the summaries", async () => {
    const group = await app.strapi.documents('api::group.group').create({
      data: { name: 'History', slug: 'history', platform: 'pull', timezone: 'Asia/Shanghai', locale: 'en', stage: 'growth' },
    });
    await insert('four', { A: group.id, B: 402 });
    expect(await retention().prune({ now: new Date(NOW) })).toMatchObject({ deleted: OLD_FINISHED });
    const get = (query: string, documentId = group.documentId) =>
      request(app.server).get(`/scheduler/groups/${documentId}/history${query}`).set(admin());

    const res = await get('?from=2026-08-01&to=2026-08-31');
    expect(res.status).toBe(200);
    const [a20, a21] = expectedDays(group.id, 402);
    const day = ({ day, sent, dead, cancelled, skipped, missed, lateP50, lateP95, lateMax }: typeof a20) => ({
      day,
      timezone: 'Asia/Shanghai',
      sent,
      dead,
      cancelled,
      skipped,
      missed,
      lateSeconds: { p50: lateP50, p95: lateP95, max: lateMax },
    });
    expect(res.body.data).toEqual({ group: 'history', from: '2026-08-01', to: '2026-08-31', days: [day(a20), day(a21)] });
    // By default the year up to the group's today (NOW is 20:00 on 12-01 in Shanghai).
    expect((await get('')).body.data).toMatchObject({ from: '2025-12-01', to: '2026-12-01', days: [day(a20), day(a21)] });
    expect((await get('?from=2026-08-21&to=2026-08-21')).body.data.days).toEqual([day(a21)]);

    for (const [query, message] of [
      ['?from=2026-02-30', /from must be a date/],
      ['?from=2026-08-21&to=2026-08-20', /to must not be before from/],
      ['?from=2025-01-01&to=2026-08-20', /at most 366 days/],
      ['?group=x', /unknown|field/i],
    ] as const) {
      const bad = await get(query);
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.body.error)).toMatch(message);
    }
    expect((await get('', 'nosuchgroup000000000000')).status).toBe(404);
    expect((await request(app.server).get(`/scheduler/groups/${group.documentId}/history`)).status).toBe(401);
  });

  it('even with retention 0, pruning never deletes a row the planner would plan again', async () => {
    // A real group and a daily 08:00 schedule, planned and "sent" day by day.
    const group = await app.strapi.documents('api::group.group').create({
      data: { name: 'Kept', slug: 'kept', platform: 'pull', timezone: 'UTC', locale: 'en', stage: 'growth' },
    });
    await app.strapi.documents('plugin::scheduler.schedule').create({
      data: {
        name: 'Daily kept',
        rule: 'FREQ=DAILY;BYHOUR=8;BYMINUTE=0',
        timezone: 'UTC',
        startsAt: '2026-11-01T00:00:00.000Z',
        source: 'text',
        text: 'hi',
        groups: [group.documentId],
      },
    });
    const planner = plugin().service('planner');
    const keys = async () =>
      new Set((await knex()('scheduler_deliveries').where('group_slug', 'kept').select('key')).map((r: { key: string }) => r.key));
    for (const day of ['2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05']) {
      setNow(`${day}T07:00:00.000Z`);
      expect(await leases().acquire('planner', TTL)).toBe(true);
      await planner.planAll({ force: true });
      await knex()('scheduler_deliveries')
        .where('group_slug', 'kept')
        .where('status', 'planned')
        .update({ status: 'sent', sent_at: knex().raw('??', ['due_at']) });
    }
    // 08:30 on the 5th: the 08:00 post is sent and inside the planner's look-back (07:30 on).
    setNow('2026-12-05T08:30:00.000Z');
    expect(await leases().acquire('planner', TTL)).toBe(true);
    const config = app.strapi.config.get('plugin::scheduler') as { retentionDays: number };
    const retentionDays = config.retentionDays;
    config.retentionDays = 0; // the validator refuses it at boot; the cutoff's floor holds anyway
    try {
      const before = await keys();
      const pruned = await retention().prune({ now: new Date('2026-12-05T08:30:00.000Z') });
      const after = await keys();
      const deleted = [...before].filter((k) => !after.has(k));
      await planner.planAll({ force: true });
      const replanned = await keys();
      // What matters: no deleted key comes back (it would be a second post of that occurrence).
      expect(deleted.filter((k) => replanned.has(k))).toEqual([]);
      // The floor: 1 h look-back + 2 days before 08:30 on the 5th. Of this group's posts only
      // the 2nd's is older (the earlier tests' recent rows are old by now, and go too).
      expect(pruned.cutoff).toBe('2026-12-03T07:30:00.000Z');
      expect(deleted).toHaveLength(1);
      const dates = (await knex()('scheduler_deliveries').where('group_slug', 'kept').orderBy('scheduled_for').select('scheduled_for')).map(
        (r: { scheduled_for: string | number | Date }) => new Date(r.scheduled_for).toISOString().slice(0, 10)
      );
      // The 3rd to the 6th kept, the 7th newly planned (horizon 48 h); no day twice.
      expect(dates).toEqual(['2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06', '2026-12-07']);
    } finally {
      config.retentionDays = retentionDays;
    }
  });
});
