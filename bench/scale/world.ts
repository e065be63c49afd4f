/**
 * One world of `npm run bench:scale` (a child process: its RSS is its own): N groups in
 * three zones, each with one tag that three daily schedules target and one playbook of
 * three daily steps, written in batches (one transaction per batch), on a fresh SQLite or
 * PostgreSQL database. Then, timed: two forced full planner rounds (the first inserts the
 * horizon's rows, the second finds nothing new: the steady cost, paid every round), the
 * calendar's week, and with `history` rows the present's statements before and after a
 * long history of finished rows is added.
 */
import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import { startStrapi } from '../../tests/helpers/strapi';
import { freshDatabase, type DbKind } from '../lib/databases';
import { main, partInput } from '../lib/part';

export interface WorldInput {
  kind: DbKind;
  groups: number;
  /** Finished rows to add for the history figures (0: none). */
  history: number;
}

export interface Timed {
  ms: number;
  statements: number;
}

export interface WorldResult {
  kind: DbKind;
  groups: number;
  buildMs: number;
  rowsPlanned: number;
  firstRound: Timed;
  steadyRound: Timed;
  rssMb: number;
  calendarWeek: Timed & { entries: number };
  history: null | { rows: number; insertMs: number; fresh: Record<string, number>; withHistory: Record<string, number> };
}

const ZONES = ['Asia/Shanghai', 'Europe/Berlin', 'America/New_York'];
const NOW = '2027-06-01T00:00:00.000Z';
const BATCH = 400;
/** History rows per transaction (inserted 400 at a time). */
const HISTORY_TRX = 8000;
const newId = () =>
  crypto
    .randomBytes(12)
    .toString('base64url')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x')
    .slice(0, 24);

/** Rows of a content type and its links, in batches, one transaction each: columns from Strapi's metadata. */
async function insertGroups(strapi: Core.Strapi, n: number, tagId: number, playbookId: number) {
  const meta = strapi.db.metadata.get('api::group.group') as any;
  const column = (a: string) => meta.attributes[a].columnName ?? a;
  const tags = meta.attributes.tags.joinTable;
  const playbook = meta.attributes.playbook.joinTable;
  const knex = strapi.db.connection;
  const at = new Date(NOW);
  for (let from = 0; from < n; from += BATCH) {
    await knex.transaction(async (trx) => {
      const rows = [];
      for (let i = from; i < Math.min(n, from + BATCH); i++)
        rows.push({
          document_id: newId(),
          [column('name')]: `Scale group ${i}`,
          [column('slug')]: `scale-${i}`,
          [column('platform')]: 'pull',
          [column('timezone')]: ZONES[i % ZONES.length],
          [column('locale')]: 'en',
          [column('stage')]: 'growth',
          [column('purpose')]: 'community',
          [column('cohortStart')]: '2027-05-30',
          created_at: at,
          updated_at: at,
          published_at: at,
        });
      const ids = (await trx(meta.tableName).insert(rows, ['id'])).map((r: any) => (typeof r === 'object' ? r.id : r));
      // SQLite answers an insert of many rows with the last id only.
      const all = ids.length === rows.length ? ids : Array.from({ length: rows.length }, (_, k) => ids[0] - rows.length + 1 + k);
      await trx(tags.name).insert(
        all.map((id: number) => ({ [tags.joinColumn.name]: id, [tags.inverseJoinColumn.name]: tagId, [tags.orderColumnName]: 1 }))
      );
      await trx(playbook.name).insert(
        all.map((id: number) => ({ [playbook.joinColumn.name]: id, [playbook.inverseJoinColumn.name]: playbookId }))
      );
    });
  }
}

/** Finished rows of the two years before NOW, 8,000 per transaction. */
async function insertHistory(strapi: Core.Strapi, n: number, groups: number) {
  const store = strapi.plugin('scheduler').service('delivery-store');
  const c = (a: string) => store.col(a);
  const knex = store.knex();
  const statuses = ['sent', 'sent', 'sent', 'dead', 'skipped', 'cancelled'];
  const ids = (await knex('groups').select('id', 'slug').orderBy('id')) as { id: number; slug: string }[];
  const end = Date.parse(NOW);
  for (let from = 0; from < n; from += HISTORY_TRX) {
    const rows = [];
    for (let k = from; k < Math.min(n, from + HISTORY_TRX); k++) {
      const t = new Date(end - (k + 1) * 63_000);
      const g = ids[k % Math.min(groups, ids.length)];
      rows.push({
        document_id: `h${k}`,
        [c('key')]: `history:${k}`,
        [c('status')]: statuses[k % statuses.length],
        [c('originKind')]: 'schedule',
        [c('originId')]: 'old',
        [c('groupId')]: g.id,
        [c('groupSlug')]: g.slug,
        [c('platform')]: 'pull',
        [c('timezone')]: 'Asia/Shanghai',
        [c('source')]: 'text',
        [c('scheduledFor')]: t,
        [c('dueAt')]: t,
        [c('attempts')]: 1,
        [c('partsSent')]: 1,
        [c('rateLimitHits')]: 0,
        [c('sentAt')]: t,
        created_at: t,
        updated_at: t,
      });
    }
    await knex.transaction(async (trx: any) => {
      // SQLite builds a multi-row insert as a compound SELECT: at most 500 terms.
      for (let i = 0; i < rows.length; i += 400) await trx(store.table()).insert(rows.slice(i, i + 400));
    });
  }
  await store.refreshStatistics();
}

async function timed(strapi: Core.Strapi, fn: () => Promise<unknown>): Promise<Timed> {
  let statements = 0;
  const count = () => statements++;
  strapi.db.connection.on('query', count);
  const t = process.hrtime.bigint();
  try {
    await fn();
  } finally {
    strapi.db.connection.removeListener('query', count);
  }
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, statements };
}

/** The median of 5 runs, in ms; `undo` (untimed) after each puts the table back as it was. */
async function median<T>(strapi: Core.Strapi, fn: () => Promise<T>, undo?: (result: T) => Promise<unknown>) {
  const times = [];
  for (let i = 0; i < 5; i++) {
    let result: T | undefined;
    times.push((await timed(strapi, async () => (result = await fn()))).ms);
    if (undo) await undo(result as T);
  }
  return times.sort((a, b) => a - b)[2];
}

main(async (): Promise<WorldResult> => {
  const input = partInput<WorldInput>();
  delete process.env.TEST_DATABASE_URL;
  const db = await freshDatabase(input.kind, `scale_${input.groups}`);
  Object.assign(process.env, db.env);
  const app = await startStrapi({ env: { DATABASE_POOL_MAX: '10' } });
  try {
    const strapi = app.strapi;
    const scheduler = strapi.plugin('scheduler');
    const clock = scheduler.service('clock');
    clock.reset();
    clock.advance(Date.parse(NOW) - Date.now());
    const docs = (uid: string) => strapi.documents(uid as any) as any;

    const built = Date.now();
    const tag = await docs('api::tag.tag').create({ data: { name: 'Scale', slug: 'scale' } });
    const steps = [8, 13, 21].map((hour, i) => ({
      day: 1,
      time: `${String(hour).padStart(2, '0')}:15`,
      rule: 'FREQ=DAILY',
      source: 'text',
      text: `Step ${i} {{group.name}}`,
    }));
    const playbook = await docs('api::playbook.playbook').create({
      data: { name: 'Scale camp', slug: 'scale-camp', lengthDays: 30, steps },
      status: 'published',
    });
    for (const [i, hour] of [7, 12, 20].entries())
      await docs('plugin::scheduler.schedule').create({
        data: {
          name: `Scale ${i}`,
          rule: `FREQ=DAILY;BYHOUR=${hour};BYMINUTE=0`,
          source: 'text',
          text: `Post ${i} for {{group.name}}`,
          tags: [tag.documentId],
        },
      });
    const tagRow = await strapi.db.query('api::tag.tag').findOne({ where: { documentId: tag.documentId } });
    const pbRow = await strapi.db
      .query('api::playbook.playbook')
      .findOne({ where: { documentId: playbook.documentId, publishedAt: { $notNull: true } } });
    await insertGroups(strapi, input.groups, tagRow.id, pbRow.id);
    const buildMs = Date.now() - built;

    const planner = scheduler.service('planner');
    const firstRound = await timed(strapi, () => planner.planAll({ force: true }));
    const steadyRound = await timed(strapi, () => planner.planAll({ force: true }));
    const rssMb = process.memoryUsage().rss / 2 ** 20;
    const store = scheduler.service('delivery-store');
    const rowsPlanned = Number((await store.knex()(store.table()).count({ n: '*' }).first()).n);

    const calendar = scheduler.service('calendar');
    const week = { from: new Date(NOW), to: new Date(Date.parse(NOW) + 7 * 86_400_000) };
    let entries = 0;
    const calendarWeek = await timed(strapi, async () => {
      entries = (await calendar.entries(week, 'group')).data.length;
    });

    let history: WorldResult['history'] = null;
    if (input.history > 0) {
      // The present: posts due now (the clock at the first 08:00 in Shanghai), the log, health, the week.
      clock.reset();
      clock.advance(Date.parse('2027-06-01T00:01:00.000Z') - Date.now());
      const present = async () => ({
        // Each claim's rows go back to planned: every claim sees the same due rows.
        claim: await median(
          strapi,
          () => scheduler.service('claims').claim(50, 'bench-scale') as Promise<{ id: number }[]>,
          (claimed) =>
            store
              .knex()(store.table())
              .whereIn(
                'id',
                claimed.map((r) => r.id)
              )
              .update({
                [store.col('status')]: 'planned',
                [store.col('leaseOwner')]: null,
                [store.col('leaseToken')]: null,
                [store.col('leaseExpiresAt')]: null,
              })
        ),
        logFirstPage: await median(strapi, () => scheduler.service('deliveries').list({ limit: 50 })),
        health: await median(strapi, () => scheduler.service('deliveries').health()),
        calendarWeek: await median(strapi, () => calendar.entries(week, 'group')),
      });
      const fresh = await present();
      const t = Date.now();
      await insertHistory(strapi, input.history, input.groups);
      const insertMs = Date.now() - t;
      history = { rows: input.history, insertMs, fresh, withHistory: await present() };
    }
    return {
      kind: input.kind,
      groups: input.groups,
      buildMs,
      rowsPlanned,
      firstRound,
      steadyRound,
      rssMb,
      calendarWeek: { ...calendarWeek, entries },
      history,
    };
  } finally {
    await app.stop();
    await db.drop();
  }
});
