import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { DELIVERY_DAY_UID } from '../constants';
import { parseHistogram } from '../history/lateness';
import { dayKey, latenessPercentiles, type DayTotals } from '../history/retention';
import { newDocumentId, rawTable, type DbRow } from './raw-table';
import { isPostgres } from './dialect';

/** A summary row as the admin reads it. */
export interface DeliveryDayRow extends DayTotals {
  id: number;
  lateP50: number | null;
  lateP95: number | null;
}

/**
 * The per group and day summaries of pruned delivery rows (one row per group and local
 * day, so small: the retention job writes them in its batches' transactions), one function
 * per statement.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const { col, table, knex } = rawTable(strapi, DELIVERY_DAY_UID);

  const fromColumns = (r: DbRow): DeliveryDayRow => ({
    id: r.id as number,
    groupId: r[col('groupId')] as number,
    groupSlug: r[col('groupSlug')] as string,
    day: r[col('day')] as string,
    timezone: (r[col('timezone')] as string | null) ?? 'UTC',
    counts: {
      sent: Number(r[col('sent')] ?? 0),
      dead: Number(r[col('dead')] ?? 0),
      cancelled: Number(r[col('cancelled')] ?? 0),
      skipped: Number(r[col('skipped')] ?? 0),
      missed: Number(r[col('missed')] ?? 0),
    },
    lateness: parseHistogram(r[col('lateness')]),
    lateP50: (r[col('lateP50')] as number | null) ?? null,
    lateP95: (r[col('lateP95')] as number | null) ?? null,
    lateMax: (r[col('lateMax')] as number | null) ?? null,
  });

  return {
    /** In `trx`: an empty row for each (group, day) that has none yet; the unique index settles races. */
    async ensure(trx: Knex.Transaction, days: DayTotals[], now: Date) {
      if (!days.length) return;
      await trx(table())
        .insert(
          days.map((d) => ({
            [col('documentId')]: newDocumentId(),
            [col('groupId')]: d.groupId,
            [col('groupSlug')]: d.groupSlug,
            [col('day')]: d.day,
            [col('timezone')]: d.timezone,
            [col('sent')]: 0,
            [col('dead')]: 0,
            [col('cancelled')]: 0,
            [col('skipped')]: 0,
            [col('missed')]: 0,
            [col('lateness')]: JSON.stringify({}),
            [col('createdAt')]: now,
            [col('updatedAt')]: now,
            // As the deliveries' rows: published, should Strapi's document service ever read them.
            [col('publishedAt')]: now,
          }))
        )
        .onConflict([col('groupId'), col('day')])
        .ignore();
    },

    /** In `trx`: the rows of these (group, day) pairs, locked on PostgreSQL until the batch commits. */
    async lock(trx: Knex.Transaction, days: DayTotals[]): Promise<Map<string, DeliveryDayRow>> {
      const query = trx(table())
        .whereIn(col('groupId'), [...new Set(days.map((d) => d.groupId))])
        .whereIn(col('day'), [...new Set(days.map((d) => d.day))]);
      if (isPostgres(strapi)) query.forUpdate();
      const wanted = new Set(days.map((d) => dayKey(d.groupId, d.day)));
      const out = new Map<string, DeliveryDayRow>();
      for (const r of (await query) as DbRow[]) {
        const row = fromColumns(r);
        const key = dayKey(row.groupId, row.day);
        if (wanted.has(key)) out.set(key, row);
      }
      return out;
    },

    /** In `trx`: a row's new totals, with the percentiles derived from its histogram. */
    async save(trx: Knex.Transaction, id: number, t: DayTotals, now: Date) {
      const { p50, p95 } = latenessPercentiles(t);
      await trx(table())
        .where('id', id)
        .update({
          [col('groupSlug')]: t.groupSlug,
          [col('sent')]: t.counts.sent,
          [col('dead')]: t.counts.dead,
          [col('cancelled')]: t.counts.cancelled,
          [col('skipped')]: t.counts.skipped,
          [col('missed')]: t.counts.missed,
          [col('lateness')]: JSON.stringify(t.lateness),
          [col('lateP50')]: p50,
          [col('lateP95')]: p95,
          [col('lateMax')]: t.lateMax,
          [col('updatedAt')]: now,
        });
    },

    /** A group's days in [fromDay, toDay] (YYYY-MM-DD, inclusive), oldest first. */
    async ofGroup(groupId: number, fromDay: string, toDay: string, limit = 400): Promise<DeliveryDayRow[]> {
      const found = (await knex()(table())
        .where(col('groupId'), groupId)
        .where(col('day'), '>=', fromDay)
        .where(col('day'), '<=', toDay)
        .orderBy(col('day'))
        .limit(limit)) as DbRow[];
      return found.map(fromColumns);
    },
  };
};
