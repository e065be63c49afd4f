import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { DELIVERY_UID, type DeliveryStatus } from '../constants';
import type { DeliveryPatch, DeliveryRow, NewDeliveryRow } from '../delivery/types';
import { newDocumentId, rawTable, type DbRow } from './raw-table';
import { isPostgres } from './dialect';
import { groupBy } from '../utils/group-by';
import { FINISHED, type PrunedRow } from '../history/retention';

/** Inserting this many rows at once refreshes PostgreSQL's statistics of the table. */
const ANALYZE_AFTER_ROWS = 1000;
/** IN lists are chunked to stay under SQLite's parameter limit. */
const CHUNK = 500;
const DATE_ATTRIBUTES = [
  'scheduledFor',
  'dueAt',
  'nextAttemptAt',
  'probeAt',
  'noticedAt',
  'leaseExpiresAt',
  'sentAt',
  'createdAt',
  'updatedAt',
] as const;
const JSON_ATTRIBUTES = ['payload', 'member', 'notice'] as const;
/** SQLite returns booleans as 0 / 1. */
const BOOLEAN_ATTRIBUTES = ['onTime'] as const;
/** Unfinished: the states a post is in until it is sent, dead, skipped, cancelled or missed. */
export const UNFINISHED: DeliveryStatus[] = ['planned', 'failed', 'sending'];
/** Health counts finished rows due in this window only (unfinished ones all: they are few). */
export const FINISHED_WINDOW_MS = 86_400_000;

/** A claimed row's outcome: changed only while the row still carries the claim's leaseToken. */
export interface FinishItem {
  id: number;
  leaseToken: string | null;
  patch: DeliveryPatch;
}

/** A planned row from a schedule or playbook, as the planner re-checks it. */
export type PlannedRuleRow = Pick<DeliveryRow, 'id' | 'groupId' | 'key' | 'whenMissing' | 'fallbackText' | 'holdMinutes'>;

/** Staff tasks to list: rows of task platforms in [from, to] (due time), by task status. */
export interface TaskFilter {
  platforms: string[];
  from: Date;
  to: Date;
  now: Date;
  /** Task statuses (planned and waiting are planned rows due after / up to `now`). */
  states?: ('planned' | 'waiting' | 'done' | 'skipped' | 'missed' | 'cancelled')[];
  groupIds?: number[];
}

export interface DeliveryFilter {
  statuses?: string[];
  groups?: string[];
  sources?: string[];
  from?: Date;
  /** Inclusive unless `toExclusive`. */
  to?: Date;
  toExclusive?: boolean;
  /** Rows of one origin (a calendar entry's expansion); `step` null matches rows without one. */
  origin?: { kind: string; id: string | null; step: number | null };
  /** Rows due at one of these instants. */
  dueAts?: Date[];
}

/** Rows per (origin, source, title, zone, due instant, status): the calendar's entries. */
export interface DeliveryCount {
  originKind: string;
  originId: string | null;
  originStep: number | null;
  source: string;
  title: string | null;
  timezone: string | null;
  dueAt: Date;
  status: string;
  n: number;
  /** The smallest documentId and group slug among them (the post itself when n is 1). */
  sampleId: string;
  sampleGroup: string;
}

/**
 * The deliveries table (high volume: knex in batches, one transaction per batch), one
 * function per statement, with column names from Strapi's own metadata. Every read
 * returns DeliveryRow (camelCase, Date instants, parsed JSON).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const { col, table, knex, attributeTypes } = rawTable(strapi, DELIVERY_UID);
  const q = (db: Knex | Knex.Transaction = knex()) => db(table());

  /** camelCase attributes → column names (objects as JSON). */
  const toColumns = (row: Record<string, unknown>): DbRow => {
    const out: DbRow = {};
    for (const [k, v] of Object.entries(row))
      out[col(k)] = v !== null && typeof v === 'object' && !(v instanceof Date) ? JSON.stringify(v) : v;
    return out;
  };
  /** Column names → a DeliveryRow. */
  let attributeColumns: [string, string][] | undefined;
  const fromColumns = (row: DbRow): DeliveryRow => {
    const out: Record<string, unknown> = {};
    attributeColumns ??= Object.keys(attributeTypes()).map((attribute) => [attribute, col(attribute)]);
    for (const [attribute, name] of attributeColumns) if (name in row) out[attribute] = row[name];
    if ('id' in row) out.id = row.id;
    for (const a of DATE_ATTRIBUTES) if (out[a] !== null && out[a] !== undefined) out[a] = new Date(out[a] as string);
    for (const a of JSON_ATTRIBUTES) if (typeof out[a] === 'string') out[a] = JSON.parse(out[a] as string);
    for (const a of BOOLEAN_ATTRIBUTES) if (typeof out[a] === 'number') out[a] = out[a] === 1;
    return out as unknown as DeliveryRow;
  };
  const rows = (list: DbRow[]) => list.map(fromColumns);

  /** The PostgreSQL type a VALUES list needs for an attribute's column. */
  const pgType = (attribute: string) =>
    (({ integer: 'integer', datetime: 'timestamp', json: 'jsonb', boolean: 'boolean' }) as Record<string, string>)[
      attributeTypes()[attribute]
    ] ?? 'text';

  /** Rows matching a filter (the calendar's and the REST list's). */
  function filtered(f: DeliveryFilter) {
    const query = q();
    if (f.statuses) query.whereIn(col('status'), f.statuses.length ? f.statuses : ['-none-']);
    if (f.groups) query.whereIn(col('groupSlug'), f.groups);
    if (f.sources?.length) query.whereIn(col('source'), f.sources);
    if (f.from) query.where(col('dueAt'), '>=', f.from);
    if (f.to) query.where(col('dueAt'), f.toExclusive ? '<' : '<=', f.to);
    if (f.origin) {
      const { kind, id, step } = f.origin;
      query.where(col('originKind'), kind);
      if (id === null) query.whereNull(col('originId'));
      else query.where(col('originId'), id);
      if (step === null) query.whereNull(col('originStep'));
      else query.where(col('originStep'), step);
    }
    if (f.dueAts) query.whereIn(col('dueAt'), f.dueAts.length ? f.dueAts : [new Date(0)]);
    return query;
  }

  /** Planned and due, or a retry due (of rows we send or bots lease: people's tasks are counted apart). */
  const plannedDue = (now: Date) => (w: Knex.QueryBuilder) => w.where(col('status'), 'planned').where(col('dueAt'), '<=', now);
  const retryDue = (now: Date) => (w: Knex.QueryBuilder) => w.where(col('status'), 'failed').where(col('nextAttemptAt'), '<=', now);
  const notOf = (platforms: string[]) => (w: Knex.QueryBuilder) =>
    w.whereNull(col('platform')).orWhereNotIn(col('platform'), platforms.length ? platforms : ['-none-']);
  const dueNow = (now: Date, notTasks: string[] = []) =>
    q()
      .where((w) => w.where(plannedDue(now)).orWhere(retryDue(now)))
      .where(notOf(notTasks));

  /** Staff tasks waiting (planned rows of task platforms, due). */
  const waitingTasks = (platforms: string[], now: Date) =>
    q()
      .where(col('status'), 'planned')
      .whereIn(col('platform'), platforms.length ? platforms : ['-none-'])
      .where(col('dueAt'), '<=', now);

  /** Waiting for a retry because their receiver was down, not yet probing it. */
  const waitingOnDownReceiver = (now: Date) =>
    q().where(col('status'), 'failed').where(col('failureClass'), 'down').where(col('nextAttemptAt'), '>', now).whereNull(col('probeAt'));

  const count = async (query: Knex.QueryBuilder) =>
    Number(((await query.clone().count({ n: '*' }).first()) as { n?: unknown } | undefined)?.n ?? 0);

  async function updateInChunks(ids: number[], onlyStatus: DeliveryStatus, values: Record<string, unknown>, db?: Knex | Knex.Transaction) {
    let changed = 0;
    for (let i = 0; i < ids.length; i += CHUNK) {
      changed += await q(db)
        .whereIn('id', ids.slice(i, i + CHUNK))
        .where(col('status'), onlyStatus)
        .update(toColumns(values));
    }
    return changed;
  }

  return {
    col,
    table,
    knex,
    toColumns,
    fromColumns,

    // --- reads ---------------------------------------------------------------------------

    async byDocumentId(documentId: string): Promise<DeliveryRow | null> {
      const row = await q().where(col('documentId'), documentId).first();
      return row ? fromColumns(row) : null;
    },

    async byKey(key: string): Promise<DeliveryRow | null> {
      const row = await q().where(col('key'), key).first();
      return row ? fromColumns(row) : null;
    },

    /** A page of rows matching the filter, by due time, with the total. */
    async page(f: DeliveryFilter, limit: number, offset = 0): Promise<{ rows: DeliveryRow[]; total: number }> {
      const query = filtered(f);
      const total = await count(query);
      return { rows: rows(await query.orderBy(col('dueAt')).orderBy('id').limit(limit).offset(offset)), total };
    },

    /**
     * The calendar's entries in one statement: rows matching the filter counted per origin,
     * source, title, zone, due instant and status. Its size follows the origins, zones and
     * instants in the window, not the number of groups.
     */
    async countsByEntry(f: DeliveryFilter): Promise<DeliveryCount[]> {
      const keys = ['originKind', 'originId', 'originStep', 'source', 'title', 'timezone', 'dueAt', 'status'] as const;
      const found = (await filtered(f)
        .select(keys.map((k) => col(k)))
        .count({ n: '*' })
        .min({ sample_id: col('documentId'), sample_group: col('groupSlug') })
        .groupBy(keys.map((k) => col(k)))) as DbRow[];
      return found.map((r) => ({
        originKind: r[col('originKind')] as string,
        originId: (r[col('originId')] as string | null) ?? null,
        originStep: r[col('originStep')] === null || r[col('originStep')] === undefined ? null : Number(r[col('originStep')]),
        source: r[col('source')] as string,
        title: (r[col('title')] as string | null) ?? null,
        timezone: (r[col('timezone')] as string | null) ?? null,
        dueAt: new Date(r[col('dueAt')] as string),
        status: r[col('status')] as string,
        n: Number(r.n),
        sampleId: r.sample_id as string,
        sampleGroup: r.sample_group as string,
      }));
    },

    /**
     * A page of rows matching the filter by due time, after a key (the last row of the page
     * before): the (due_at, id) index finds it however long the history, where an OFFSET
     * would read every row it skips. One more row than asked tells whether a page follows.
     */
    async pageAfter(
      f: DeliveryFilter,
      limit: number,
      after?: { dueAt: Date; id: number }
    ): Promise<{ rows: DeliveryRow[]; last: { dueAt: Date; id: number } | null }> {
      const query = filtered(f);
      if (after) query.whereRaw('(??, ??) > (?, ?)', [col('dueAt'), 'id', after.dueAt, after.id]);
      const found = rows(
        await query
          .orderBy(col('dueAt'))
          .orderBy('id')
          .limit(limit + 1)
      );
      const page = found.slice(0, limit);
      const end = page[page.length - 1];
      return { rows: page, last: found.length > limit && end ? { dueAt: end.dueAt, id: end.id } : null };
    },

    /** How many rows match, counted up to `cap` (a count of a long history reads all of it). */
    async countUpTo(f: DeliveryFilter, cap: number): Promise<number> {
      const inner = filtered(f)
        .select(knex().raw('1'))
        .limit(cap + 1)
        .as('capped');
      const found = (await knex().count({ n: '*' }).from(inner).first()) as { n?: unknown } | undefined;
      return Number(found?.n ?? 0);
    },

    /** The keys of rows matching the filter (the calendar: what is planned already). */
    async keys(f: DeliveryFilter): Promise<Set<string>> {
      return new Set((await filtered(f).select(col('key'))).map((r: DbRow) => r[col('key')] as string));
    },

    /** Planned posts from `since` on, soonest first. */
    async nextPlanned(since: Date, limit: number): Promise<DeliveryRow[]> {
      return rows(
        await q().where(col('status'), 'planned').where(col('dueAt'), '>=', since).orderBy(col('dueAt')).orderBy('id').limit(limit)
      );
    },

    /** Failed and dead posts, newest change first. */
    async latestFailing(limit: number): Promise<DeliveryRow[]> {
      // One range of the (status, updated_at) index per status, merged here: an IN list
      // would sort every dead row the history keeps to find the newest few.
      const newest = (status: DeliveryStatus) =>
        q().where(col('status'), status).orderBy(col('updatedAt'), 'desc').orderBy('id', 'desc').limit(limit);
      const both = rows([...(await newest('failed')), ...(await newest('dead'))]);
      return both.sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime() || b.id - a.id).slice(0, limit);
    },

    /**
     * Health: what is due now, how much of it is over a minute late, the oldest due time, and
     * rows per status: every unfinished row (planned, sending, failed: bounded by the horizon
     * and the retries) and the finished ones due since `now` − 24 h (or later: a post skipped
     * for quiet hours is finished before it is due). Both counts read the (status, due_at)
     * index, never the whole table, however much history it keeps.
     */
    async dueSummary(
      now: Date,
      taskPlatforms: string[] = []
    ): Promise<{
      due: number;
      overdue: number;
      oldestDueAt: Date | null;
      byStatus: Record<string, number>;
      finishedSince: Date;
    }> {
      const due = await count(dueNow(now, taskPlatforms));
      const overdue = await count(dueNow(now, taskPlatforms).where(col('dueAt'), '<', new Date(now.getTime() - 60_000)));
      // The oldest of each half of dueNow on its own: with the OR, PostgreSQL walks the
      // (due_at, id) index from the oldest row of the history to find the first match.
      const oldestOf = async (half: (w: Knex.QueryBuilder) => Knex.QueryBuilder) => {
        const found = (await q()
          .where(half)
          .where(notOf(taskPlatforms))
          .min({ at: col('dueAt') })
          .first()) as { at?: string | Date | null } | undefined;
        return found?.at ? new Date(found.at).getTime() : Infinity;
      };
      const oldest = Math.min(await oldestOf(plannedDue(now)), await oldestOf(retryDue(now)));
      const finishedSince = new Date(now.getTime() - FINISHED_WINDOW_MS);
      const unfinished = (await q()
        .select(col('status'))
        .count({ n: '*' })
        .whereIn(col('status'), UNFINISHED)
        .groupBy(col('status'))) as DbRow[];
      const finished = (await q()
        .select(col('status'))
        .count({ n: '*' })
        .whereIn(col('status'), [...FINISHED])
        .where(col('dueAt'), '>=', finishedSince)
        .groupBy(col('status'))) as DbRow[];
      return {
        due,
        overdue,
        oldestDueAt: Number.isFinite(oldest) ? new Date(oldest) : null,
        byStatus: Object.fromEntries([...unfinished, ...finished].map((c) => [c[col('status')] as string, Number(c.n)])),
        finishedSince,
      };
    },

    /**
     * When the dispatcher should look next: the earliest planned post or retry falling due
     * after `now` (null when none). Each half reads the (status, due_at) index on its own.
     */
    async nextDueAfter(now: Date): Promise<Date | null> {
      const earliest = async (status: DeliveryStatus, attribute: 'dueAt' | 'nextAttemptAt') => {
        const found = (await q()
          .where(col('status'), status)
          .where(col(attribute), '>', now)
          .min({ at: col(attribute) })
          .first()) as { at?: string | number | Date | null } | undefined;
        return found?.at ? new Date(found.at).getTime() : Infinity;
      };
      const next = Math.min(await earliest('planned', 'dueAt'), await earliest('failed', 'nextAttemptAt'));
      return Number.isFinite(next) ? new Date(next) : null;
    },

    /** Health: staff tasks waiting, and how many of them are past `lateBefore` (the on-time tolerance). */
    async taskCounts(platforms: string[], now: Date, lateBefore: Date): Promise<{ waiting: number; late: number }> {
      return {
        waiting: await count(waitingTasks(platforms, now)),
        late: await count(waitingTasks(platforms, now).where(col('dueAt'), '<', lateBefore)),
      };
    },

    /** A page of staff tasks matching the filter, by due time, with the total. */
    async taskPage(f: TaskFilter, limit: number, offset = 0): Promise<{ rows: DeliveryRow[]; total: number }> {
      const query = q()
        .whereIn(col('platform'), f.platforms.length ? f.platforms : ['-none-'])
        .where(col('dueAt'), '>=', f.from)
        .where(col('dueAt'), '<=', f.to);
      if (f.groupIds) query.whereIn(col('groupId'), f.groupIds.length ? f.groupIds : [-1]);
      const states = f.states ?? ['planned', 'waiting', 'done', 'skipped', 'missed', 'cancelled'];
      const ROW = { done: 'sent', skipped: 'skipped', missed: 'missed', cancelled: 'cancelled' } as const;
      query.where((w) => {
        if (states.includes('planned')) w.orWhere((a) => a.where(col('status'), 'planned').where(col('dueAt'), '>', f.now));
        if (states.includes('waiting')) w.orWhere((a) => a.where(col('status'), 'planned').where(col('dueAt'), '<=', f.now));
        const finished = states.flatMap((s) => (s in ROW ? [ROW[s as keyof typeof ROW]] : []));
        if (finished.length) w.orWhereIn(col('status'), finished);
        if (!states.length) w.where(col('status'), '-none-');
      });
      const total = await count(query);
      return { rows: rows(await query.orderBy(col('dueAt')).orderBy('id').limit(limit).offset(offset)), total };
    },

    /** Staff tasks due by `now` whose text is not fixed yet (no payload), soonest first. */
    async dueTasksWithoutPayload(platforms: string[], now: Date, limit: number): Promise<DeliveryRow[]> {
      return rows(await waitingTasks(platforms, now).whereNull(col('payload')).orderBy(col('dueAt')).orderBy('id').limit(limit));
    },

    /** A task's text as asked at its due time: written once (a stored payload is never replaced). */
    async saveTaskPayload(id: number, payload: unknown): Promise<boolean> {
      return (
        (await q()
          .where('id', id)
          .whereNull(col('payload'))
          .update({ [col('payload')]: JSON.stringify(payload) })) > 0
      );
    },

    /** Up to `limit` staff tasks still planned and due at or before `dueBy` (now − the cut-off) become missed. Returns how many. */
    async markTasksMissed(platforms: string[], dueBy: Date, reason: string, now: Date, limit: number): Promise<number> {
      const ids = (await waitingTasks(platforms, dueBy).select('id').limit(limit)) as { id: number }[];
      if (!ids.length) return 0;
      return updateInChunks(
        ids.map((r) => r.id),
        'planned',
        { status: 'missed', reason, updatedAt: now }
      );
    },

    /** Staff tasks still waiting, due in (dueAfter, dueBy], whose overdue notice is not raised yet, soonest first. */
    async overdueTasksWithoutNotice(platforms: string[], dueAfter: Date, dueBy: Date, limit: number): Promise<DeliveryRow[]> {
      return rows(
        await waitingTasks(platforms, dueBy)
          .where(col('dueAt'), '>', dueAfter)
          .whereNull(col('noticedAt'))
          .orderBy(col('dueAt'))
          .orderBy('id')
          .limit(limit)
      );
    },

    /** These tasks' overdue notice is dealt with (raised, or there was no team group). */
    async markNoticed(ids: number[], now: Date): Promise<void> {
      for (let i = 0; i < ids.length; i += CHUNK)
        await q()
          .whereIn('id', ids.slice(i, i + CHUNK))
          .update({ [col('noticedAt')]: now });
    },

    /**
     * Retention, in the batch's transaction: up to `limit` finished rows whose due time and
     * occurrence are both before `cutoff` (the (status, due_at) index; no ORDER BY, so a large
     * backlog is not sorted), locked on PostgreSQL so an operator's retry cannot change one
     * before it is deleted. SQLite has no row locks: there a row retried in between is not
     * deleted (deleteFinished checks the status) and the caller rolls the batch back.
     */
    async finishedBefore(trx: Knex.Transaction, cutoff: Date, limit: number): Promise<(PrunedRow & { id: number })[]> {
      const query = trx(table())
        .select(
          'id',
          `${col('groupId')} as groupId`,
          `${col('groupSlug')} as groupSlug`,
          `${col('status')} as status`,
          `${col('timezone')} as timezone`,
          `${col('scheduledFor')} as scheduledFor`,
          `${col('sentAt')} as sentAt`
        )
        .whereIn(col('status'), [...FINISHED])
        .where(col('dueAt'), '<', cutoff)
        .where(col('scheduledFor'), '<', cutoff)
        .limit(limit);
      if (isPostgres(strapi)) query.forUpdate();
      const found = (await query) as (Omit<PrunedRow, 'scheduledFor' | 'sentAt'> & {
        id: number;
        scheduledFor: string | Date;
        sentAt: string | Date | null;
      })[];
      return found.map((r) => ({ ...r, scheduledFor: new Date(r.scheduledFor), sentAt: r.sentAt ? new Date(r.sentAt) : null }));
    },

    /** Retention: deletes exactly these rows, and only while they are still finished. Returns how many. */
    async deleteFinished(trx: Knex.Transaction, ids: number[]): Promise<number> {
      let deleted = 0;
      for (let i = 0; i < ids.length; i += CHUNK) {
        deleted += await trx(table())
          .whereIn('id', ids.slice(i, i + CHUNK))
          .whereIn(col('status'), [...FINISHED])
          .delete();
      }
      return deleted;
    },

    /** The planner: rows of every group from `from` on that count as planned already (key, group, due time). */
    async plannedSince(from: Date): Promise<{ groupId: number; key: string; dueAt: number }[]> {
      const found = (await q()
        .select(`${col('groupId')} as groupId`, `${col('dueAt')} as dueAt`, `${col('key')} as key`)
        .whereIn(col('status'), ['planned', 'sending', 'sent', 'failed'])
        .where(col('dueAt'), '>=', from)) as { groupId: number; key: string; dueAt: string | Date }[];
      return found.map((r) => ({ groupId: r.groupId, key: r.key, dueAt: new Date(r.dueAt).getTime() }));
    },

    /**
     * A group's day view: its rows from schedules and playbooks whose occurrence is in
     * [from, to] (any status), in occurrence order (the (group_id, scheduled_for) index).
     */
    async groupRuleRows(groupId: number, from: Date, to: Date): Promise<DeliveryRow[]> {
      return rows(
        await q()
          .where(col('groupId'), groupId)
          .where(col('scheduledFor'), '>=', from)
          .where(col('scheduledFor'), '<=', to)
          .whereIn(col('originKind'), ['schedule', 'playbook'])
          .orderBy(col('scheduledFor'))
          .orderBy(col('key'))
      );
    },

    /** The planner: future planned rows from schedules and playbooks in [from, to], which it may cancel. */
    async plannedFromRules(from: Date, to: Date): Promise<PlannedRuleRow[]> {
      return (await q()
        .select(
          'id',
          `${col('groupId')} as groupId`,
          `${col('key')} as key`,
          `${col('whenMissing')} as whenMissing`,
          `${col('fallbackText')} as fallbackText`,
          `${col('holdMinutes')} as holdMinutes`
        )
        .where(col('status'), 'planned')
        .whereIn(col('originKind'), ['schedule', 'playbook'])
        .where(col('scheduledFor'), '>=', from)
        .where(col('scheduledFor'), '<=', to)) as PlannedRuleRow[];
    },

    /** The planner: planned rows whose schedule's or step's whenMissing policy was edited take the new one. */
    async setMissingPolicy(ids: number[], policy: Pick<DeliveryRow, 'whenMissing' | 'fallbackText' | 'holdMinutes'>, now: Date) {
      return updateInChunks(ids, 'planned', { ...policy, updatedAt: now });
    },

    /** The heartbeat: planned rows that fell due in (since, now]. */
    async plannedDueBetween(trx: Knex.Transaction, since: Date, now: Date) {
      const found = (await trx(table())
        .select(
          'id',
          `${col('dueAt')} as dueAt`,
          `${col('graceSeconds')} as grace`,
          `${col('catchUp')} as catchUp`,
          `${col('originId')} as originId`,
          `${col('groupId')} as groupId`
        )
        .where(col('status'), 'planned')
        .where(col('dueAt'), '>', since)
        .where(col('dueAt'), '<=', now)) as {
        id: number;
        dueAt: string | Date;
        grace: number | null;
        catchUp: string | null;
        originId: string | null;
        groupId: number;
      }[];
      return found.map((r) => ({
        id: r.id,
        dueAt: new Date(r.dueAt),
        graceSeconds: r.grace,
        catchUp: r.catchUp,
        origin: `${r.originId}|${r.groupId}`,
      }));
    },

    /** Receiver health: per group, the earliest post waiting on a receiver that was down. */
    async groupsWaitingOnDownReceivers(now: Date): Promise<{ groupId: number; dueAt: number }[]> {
      const heads = (await waitingOnDownReceiver(now)
        .select(col('groupId'))
        .min({ dueAt: col('dueAt') })
        .groupBy(col('groupId'))) as DbRow[];
      return heads.map((h) => ({ groupId: h[col('groupId')] as number, dueAt: new Date(h.dueAt as string).getTime() }));
    },

    // --- writes --------------------------------------------------------------------------

    /** Inserts rows; an existing key is left alone (the unique index decides). Returns how many were new. */
    async insertNew(newRows: NewDeliveryRow[], batchSize = CHUNK): Promise<number> {
      let inserted = 0;
      const now = new Date();
      for (let i = 0; i < newRows.length; i += batchSize) {
        const chunk = newRows.slice(i, i + batchSize).map((r) =>
          toColumns({
            documentId: newDocumentId(),
            createdAt: now,
            updatedAt: now,
            publishedAt: now,
            attempts: 0,
            partsSent: 0,
            rateLimitHits: 0,
            ...r,
          })
        );
        await knex().transaction(async (trx) => {
          const created = await trx(table()).insert(chunk).onConflict(col('key')).ignore().returning('id');
          inserted += created.length;
        });
      }
      // After a bulk insert PostgreSQL's statistics still describe the old table until
      // autovacuum comes by, and the claim's plan for "due rows" can then be off by orders of
      // magnitude (seconds instead of milliseconds): refresh them now.
      if (inserted >= ANALYZE_AFTER_ROWS) await this.refreshStatistics();
      return inserted;
    },

    /** PostgreSQL: re-read the table's statistics (after bulk inserts). */
    async refreshStatistics() {
      if (isPostgres(strapi)) await knex().raw('analyze ??', [table()]);
    },

    /**
     * Records outcomes of claimed rows in one transaction; a row changes only while it
     * still carries its claim's `leaseToken`. The lease is cleared (leaseOwner stays: which
     * instance handled the row last). On PostgreSQL rows with the same fields go in one
     * UPDATE … FROM (VALUES …), one round trip for a whole batch; SQLite, in-process, takes
     * them one by one inside the transaction. Returns the ids that changed (a row whose
     * lease ran out, claimed again by another worker, is not among them).
     */
    async finishClaimed(items: FinishItem[], now: Date): Promise<Set<number>> {
      const cleared = { leaseToken: null, leaseExpiresAt: null, probeAt: null, updatedAt: now };
      const changed = new Set<number>();
      await knex().transaction(async (trx) => {
        if (!isPostgres(strapi)) {
          for (const { id, leaseToken, patch } of items) {
            const n = await trx(table())
              .where('id', id)
              .where(col('leaseToken'), leaseToken as string)
              .update(toColumns({ ...patch, ...cleared }));
            if (n > 0) changed.add(id);
          }
          return;
        }
        for (const [k, group] of groupBy(items, (item) => Object.keys(item.patch).sort().join(','))) {
          const attributes = k ? k.split(',') : [];
          const sets = [...attributes.map(() => '?? = v.??'), ...Object.keys(cleared).map(() => '?? = ?')];
          const row = `(?::integer, ?::text${attributes.map((a) => `, ?::${pgType(a)}`).join('')})`;
          const names = ['id', '__token', ...attributes.map(col)];
          const sql = `update ?? as d set ${sets.join(', ')} from (values ${group.map(() => row).join(', ')}) as v(${names.map(() => '??').join(', ')}) where d.id = v.id and d.?? = v.__token returning d.id`;
          const bindings = [
            table(),
            ...attributes.flatMap((a) => [col(a), col(a)]),
            ...Object.entries(toColumns(cleared)).flat(),
            ...group.flatMap(({ id, leaseToken, patch }) => {
              const values = toColumns(patch);
              return [id, leaseToken, ...attributes.map((a) => values[col(a)] ?? null)];
            }),
            ...names,
            col('leaseToken'),
          ];
          const result = (await trx.raw(sql, bindings as Knex.RawBinding[])) as { rows: { id: number }[] };
          for (const r of result.rows) changed.add(Number(r.id));
        }
      });
      return changed;
    },

    /** A multi-part post's progress, saved part by part while the claim holds. */
    async saveProgress(id: number, leaseToken: string | null, partsSent: number) {
      await q()
        .where('id', id)
        .where(col('leaseToken'), leaseToken as string)
        .update({ [col('partsSent')]: partsSent });
    },

    /** What a bot leased (the composed post), kept as the row's payload. */
    async saveLeasedPayload(id: number, payload: unknown) {
      await q()
        .where('id', id)
        .update({ [col('payload')]: JSON.stringify(payload) });
    },

    /** A leased row sent with its fallback text, or after holding: recorded before the bot posts it. */
    async setMissingAction(id: number, action: string, reason: string | null) {
      await q()
        .where('id', id)
        .update(toColumns({ missingAction: action, ...(reason ? { reason } : {}) }));
    },

    /** An operator's change to one row, only while it is in one of `fromStatuses`. Returns whether it changed. */
    async updateIfStatus(id: number, fromStatuses: DeliveryStatus[], values: Record<string, unknown>): Promise<boolean> {
      return (await q().where('id', id).whereIn(col('status'), fromStatuses).update(toColumns(values))) > 0;
    },

    /** The planner: planned rows no longer produced by their schedule or playbook. */
    async cancelPlanned(ids: number[], reason: string, now: Date): Promise<number> {
      return updateInChunks(ids, 'planned', { status: 'cancelled', reason, updatedAt: now });
    },

    /** The heartbeat: missed planned rows skipped (catchUp). */
    async skipPlanned(trx: Knex.Transaction, ids: number[], reason: string, now: Date): Promise<number> {
      return updateInChunks(ids, 'planned', { status: 'skipped', reason, updatedAt: now }, trx);
    },

    /** The heartbeat: missed planned rows that still go, due now (their grace no longer applies). */
    async duePlannedNow(trx: Knex.Transaction, ids: number[], reason: string, now: Date): Promise<number> {
      return updateInChunks(ids, 'planned', { dueAt: now, graceSeconds: 31_536_000, reason, updatedAt: now }, trx);
    },

    /** Receiver health: posts of these groups waiting on their receiver are due now. */
    async releaseWaitingOn(groupIds: Knex.QueryBuilder, now: Date): Promise<number> {
      return q()
        .where(col('status'), 'failed')
        .where(col('failureClass'), 'down')
        .where(col('nextAttemptAt'), '>', now)
        .whereIn(col('groupId'), groupIds)
        .update({ [col('nextAttemptAt')]: now, [col('updatedAt')]: now });
    },

    /** Receiver health: the group's earliest waiting post probes its receiver now. Returns 1 when one did. */
    async markProbe(groupId: number, now: Date): Promise<number> {
      const [first] = (await waitingOnDownReceiver(now)
        .where(col('groupId'), groupId)
        .orderBy(col('dueAt'))
        .orderBy('id')
        .limit(1)
        .select('id')) as {
        id: number;
      }[];
      if (!first) return 0;
      return q()
        .where('id', first.id)
        .whereNull(col('probeAt'))
        .update({ [col('probeAt')]: now });
    },
  };
};
