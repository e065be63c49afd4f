import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../constants';
import type { SchedulerConfig } from '../config';
import { isPostgres } from '../utils/dialect';
import { getService } from '../utils/get-service';

/**
 * Claims due delivery rows for one worker with a lease (owner, token, expiry): the
 * dispatcher's rounds and the pull API's leases. Two workers or two processes never hold
 * the same row, a crashed worker's lease runs out and its rows are claimed again, and a
 * group's rows are only ever claimed together, in order (see below).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get(`plugin::${PLUGIN_ID}`) as SchedulerConfig;
  const store = () => getService('delivery-store', strapi);
  const clock = () => getService('clock', strapi);

  async function claim(max: number, workerId: string, opts: { pull?: boolean; groups?: string[]; leaseSeconds?: number } = {}) {
    const s = store();
    const knex = s.knex();
    const now = clock().now();
    const token = crypto.randomUUID();
    // Due: planned and due, a retry or probe due, or a lease that ran out (its worker died).
    const due = (q: any, alias?: string) => {
      const c = (attribute: string) => (alias ? `${alias}.${s.col(attribute)}` : s.col(attribute));
      return q
        .where((w: any) =>
          w
            .where((a: any) => a.where(c('status'), 'planned').where(c('dueAt'), '<=', now))
            .orWhere((a: any) => a.where(c('status'), 'failed').where(c('nextAttemptAt'), '<=', now))
            .orWhere((a: any) => a.where(c('status'), 'failed').where(c('probeAt'), '<=', now))
            .orWhere((a: any) => a.where(c('status'), 'sending').where(c('leaseExpiresAt'), '<', now))
        )
        .where((w: any) => {
          // Pushing workers never touch pull rows; bots leasing pull rows see only theirs.
          if (opts.pull) {
            w.where(c('platform'), 'pull');
            if (opts.groups?.length) w.whereIn(c('groupSlug'), opts.groups);
          } else w.whereNot(c('platform'), 'pull');
        });
    };
    const t = s.table();
    const at = (alias: string, attribute: string) => `${alias}.${s.col(attribute)}`;
    // Order per group. A group is claimed through its head, its earliest unfinished post
    // (planned and due, waiting for a retry, or being sent), and only when the head is due;
    // then its due posts go to one worker together, in order. A group whose head waits for
    // a retry, or is being sent elsewhere, is not claimed at all. On PostgreSQL the heads
    // are locked (SKIP LOCKED), so two instances claiming at once never split a group.
    const headsOf = (db: any) =>
      due(db(`${t} as head`).select(at('head', 'groupId')), 'head')
        .whereNotExists(function (this: any) {
          this.select(db.raw('1'))
            .from(`${t} as ahead`)
            .whereRaw('?? = ??', [at('ahead', 'groupId'), at('head', 'groupId')])
            .whereIn(at('ahead', 'status'), ['planned', 'failed', 'sending'])
            .where((w: any) =>
              w
                .whereRaw('?? < ??', [at('ahead', 'dueAt'), at('head', 'dueAt')])
                .orWhere((a: any) =>
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
    let rows: any[];
    if (isPostgres(strapi)) {
      // Separate statements in one transaction: each runs once (as subqueries, PostgreSQL may
      // re-run a LIMIT ... SKIP LOCKED pick for every outer row and take far more than the
      // limit). The heads stay locked until commit, so no other instance takes their groups.
      rows = await knex.transaction(async (trx: any) => {
        const headRows = await headsOf(trx).forUpdate().skipLocked();
        if (!headRows.length) return [];
        const groupIds = [...new Set(headRows.map((r: any) => r[s.col('groupId')]))];
        const idRows = await due(trx(t).select('id')).whereIn(s.col('groupId'), groupIds).orderBy(s.col('dueAt')).orderBy('id').limit(max);
        // The lease starts when the rows are ours, not when the claim began.
        const until = new Date(clock().now().getTime() + leaseMs);
        return due(
          trx(t).whereIn(
            'id',
            idRows.map((r: any) => r.id)
          )
        )
          .update(lease(until))
          .returning('*');
      });
      rows.sort((a, b) => new Date(a[s.col('dueAt')]).getTime() - new Date(b[s.col('dueAt')]).getTime() || a.id - b.id);
    } else {
      // SQLite: one statement, atomic under its single writer (no lock upgrade between processes).
      const ids = due(knex(t).select('id')).whereIn(s.col('groupId'), headsOf(knex)).orderBy(s.col('dueAt')).orderBy('id').limit(max);
      await due(knex(t).whereIn('id', ids)).update(lease(new Date(now.getTime() + leaseMs)));
      rows = await knex(t).where(s.col('leaseToken'), token).where(s.col('status'), 'sending').orderBy(s.col('dueAt')).orderBy('id');
    }
    return rows.map((r: any) => s.fromColumns(r));
  }

  return { claim };
};
