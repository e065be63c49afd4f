import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { SchedulerConfig } from '../config';
import type { DeliveryRow } from '../delivery/types';
import { PLUGIN_ID } from '../constants';
import { botLeasedPlatformIds, notDispatchedPlatformIds } from '../platforms/registry';
import { getService } from '../utils/get-service';
import { isPostgres } from './dialect';
import type { DbRow } from './raw-table';

export interface ClaimOptions {
  /** Claim posts that bots lease over the API (their platform is leased-by-bot), optionally of some groups only. */
  forBots?: boolean;
  groups?: string[];
  leaseSeconds?: number;
}

/**
 * Claims due delivery rows for one worker with a lease (owner, token, expiry): the
 * dispatcher's rounds and the bots' leases. Two workers or two processes never hold the
 * same row, a crashed worker's lease runs out and its rows are claimed again, and a group's
 * rows are only ever claimed together, in order (see below).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get(`plugin::${PLUGIN_ID}`) as SchedulerConfig;
  const store = () => getService('delivery-store', strapi);
  const clock = () => getService('clock', strapi);

  async function claim(max: number, workerId: string, opts: ClaimOptions = {}): Promise<DeliveryRow[]> {
    const s = store();
    const knex = s.knex();
    const now = clock().now();
    const token = crypto.randomUUID();
    const bots = botLeasedPlatformIds();
    const notDispatched = notDispatchedPlatformIds();
    // Due: planned and due, a retry or probe due, or a lease that ran out (its worker died).
    const due = (q: Knex.QueryBuilder, alias?: string) => {
      const c = (attribute: string) => (alias ? `${alias}.${s.col(attribute)}` : s.col(attribute));
      return q
        .where((w) =>
          w
            .where((a) => a.where(c('status'), 'planned').where(c('dueAt'), '<=', now))
            .orWhere((a) => a.where(c('status'), 'failed').where(c('nextAttemptAt'), '<=', now))
            .orWhere((a) => a.where(c('status'), 'failed').where(c('probeAt'), '<=', now))
            .orWhere((a) => a.where(c('status'), 'sending').where(c('leaseExpiresAt'), '<', now))
        )
        .where((w) => {
          // Pushing workers never touch the bots' rows nor people's tasks; bots leasing rows see only theirs.
          if (opts.forBots) {
            w.whereIn(c('platform'), bots);
            if (opts.groups?.length) w.whereIn(c('groupSlug'), opts.groups);
          } else w.whereNotIn(c('platform'), notDispatched);
        });
    };
    const t = s.table();
    const at = (alias: string, attribute: string) => `${alias}.${s.col(attribute)}`;
    // Order per group. A group is claimed through its head, its earliest unfinished post
    // (planned and due, waiting for a retry, or being sent), and only when the head is due;
    // then its due posts go to one worker together, in order. A group whose head waits for
    // a retry, or is being sent elsewhere, is not claimed at all. On PostgreSQL the heads
    // are locked (SKIP LOCKED), so two instances claiming at once never split a group.
    const headsOf = (db: Knex | Knex.Transaction) =>
      due(db(`${t} as head`).select(at('head', 'groupId')), 'head')
        .whereNotExists(function (this: Knex.QueryBuilder) {
          this.select(db.raw('1'))
            .from(`${t} as ahead`)
            .whereRaw('?? = ??', [at('ahead', 'groupId'), at('head', 'groupId')])
            .whereIn(at('ahead', 'status'), ['planned', 'failed', 'sending'])
            .where((w) =>
              w
                .whereRaw('?? < ??', [at('ahead', 'dueAt'), at('head', 'dueAt')])
                .orWhere((a) =>
                  a.whereRaw('?? = ??', [at('ahead', 'dueAt'), at('head', 'dueAt')]).whereRaw('?? < ??', ['ahead.id', 'head.id'])
                )
            );
        })
        .orderBy(at('head', 'dueAt'))
        .orderBy('head.id')
        .limit(max);
    const lease = (until: Date) => ({
      [s.col('status')]: 'sending',
      [s.col('leaseOwner')]: workerId,
      [s.col('leaseToken')]: token,
      [s.col('leaseExpiresAt')]: until,
      [s.col('updatedAt')]: now,
    });
    const leaseMs = (opts.leaseSeconds ?? config().leaseSeconds) * 1000;
    let rows: DbRow[];
    if (isPostgres(strapi)) {
      // Separate statements in one transaction: each runs once (as subqueries, PostgreSQL may
      // re-run a LIMIT ... SKIP LOCKED pick for every outer row and take far more than the
      // limit). The heads stay locked until commit, so no other instance takes their groups.
      rows = await knex.transaction(async (trx) => {
        const headRows = (await headsOf(trx).forUpdate().skipLocked()) as DbRow[];
        if (!headRows.length) return [];
        const groupIds = [...new Set(headRows.map((r) => r[s.col('groupId')] as number))];
        const idRows = (await due(trx(t).select('id'))
          .whereIn(s.col('groupId'), groupIds)
          .orderBy(s.col('dueAt'))
          .orderBy('id')
          .limit(max)) as { id: number }[];
        // The lease starts when the rows are ours, not when the claim began.
        const until = new Date(clock().now().getTime() + leaseMs);
        return (await due(
          trx(t).whereIn(
            'id',
            idRows.map((r) => r.id)
          )
        )
          .update(lease(until))
          .returning('*')) as DbRow[];
      });
      const dueAt = (r: DbRow) => new Date(r[s.col('dueAt')] as string).getTime();
      rows.sort((a, b) => dueAt(a) - dueAt(b) || (a.id as number) - (b.id as number));
    } else {
      // SQLite: one statement, atomic under its single writer (no lock upgrade between processes).
      const ids = due(knex(t).select('id')).whereIn(s.col('groupId'), headsOf(knex)).orderBy(s.col('dueAt')).orderBy('id').limit(max);
      await due(knex(t).whereIn('id', ids)).update(lease(new Date(now.getTime() + leaseMs)));
      rows = await knex(t).where(s.col('leaseToken'), token).where(s.col('status'), 'sending').orderBy(s.col('dueAt')).orderBy('id');
    }
    return rows.map((r) => s.fromColumns(r));
  }

  return { claim };
};
