import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import { TASK_FEED_UID } from '../constants';
import { taskFeed, type FeedTask } from '../feeds/task-feed';
import { groupIntoSlots } from '../tasks/slots';
import type { TaskStatus } from '../tasks/task-state';
import { getService } from '../utils/get-service';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** lastReadAt is written at most this often (not a write per calendar poll). */
const READ_MARK_MS = 5 * 60_000;
/** A feed shows at most this many tasks (pages of the tasks service). */
const MAX_TASKS = 2000;
const PAGE = 500;
/** Everything but cancelled: a cancelled task is no task, and a slot of only cancelled ones disappears. */
const FEED_STATES: TaskStatus[] = ['planned', 'waiting', 'done', 'skipped', 'missed'];
/** 32 random bytes, base64url: 43 characters. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

interface FeedRow {
  id: number;
  userId: number;
  tokenHash: string;
  createdAt: string | Date;
  lastReadAt: string | Date | null;
}

export const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');
const iso = (v: string | Date | null | undefined) => (v ? new Date(v).toISOString() : null);

/**
 * Personal calendar feeds of staff tasks (docs/delivery.md#calendar-feed): an admin user
 * creates a link (a long random token; only its sha256 is kept), a calendar app reads it
 * without any other credential, and the user revokes or replaces it. One link per user.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const feeds = () => strapi.db.query(TASK_FEED_UID);
  const now = () => getService('clock', strapi).now();
  const ofUser = (userId: number) => feeds().findOne({ where: { userId } }) as Promise<FeedRow | null>;

  /** The user's tasks (groups they own) from a day ago to two weeks ahead, as the feed's text. */
  async function render(userId: number, language: string | null, baseUrl: string): Promise<string> {
    const at = now();
    const tasks = getService('tasks', strapi);
    const q = { assignee: String(userId), status: FEED_STATES, from: new Date(at.getTime() - DAY), to: new Date(at.getTime() + 14 * DAY) };
    const all: FeedTask[] = [];
    for (let offset = 0; offset < MAX_TASKS; offset += PAGE) {
      const { data, meta } = await tasks.list({ ...q, limit: PAGE, offset });
      all.push(...data);
      if (!data.length || offset + PAGE >= meta.total) break;
    }
    return taskFeed({ slots: groupIntoSlots(all), language, baseUrl, now: at });
  }

  return {
    /** Whether the user has a link, and since when (the URL itself is never shown again). */
    async status(userId: number): Promise<{ active: boolean; createdAt: string | null }> {
      const row = await ofUser(userId);
      return { active: Boolean(row), createdAt: iso(row?.createdAt) };
    },

    /** A new link for the user; an old one stops working at once. Returns the token: shown once, never stored. */
    async create(userId: number): Promise<{ token: string; createdAt: string }> {
      const token = crypto.randomBytes(32).toString('base64url');
      const tokenHash = hashToken(token);
      const at = now();
      const existing = await ofUser(userId);
      if (existing) await feeds().update({ where: { id: existing.id }, data: { tokenHash, createdAt: at, lastReadAt: null } });
      else await feeds().create({ data: { userId, tokenHash, createdAt: at, updatedAt: at } });
      strapi.log.info(`[scheduler] calendar feed ${existing ? 'replaced' : 'created'} for admin user ${userId} (${tokenHash.slice(0, 8)})`);
      return { token, createdAt: at.toISOString() };
    },

    /** Revokes the user's link (none: nothing to do). */
    async revoke(userId: number): Promise<void> {
      const deleted = await feeds().deleteMany({ where: { userId } });
      if ((deleted as { count?: number })?.count) strapi.log.info(`[scheduler] calendar feed revoked for admin user ${userId}`);
    },

    /**
     * The calendar behind a token, or null for any token that opens nothing (malformed,
     * unknown, revoked, or its user deactivated or blocked): the caller answers one 404.
     */
    async feed(token: string, baseUrl: string): Promise<string | null> {
      if (!TOKEN.test(token)) return null;
      const row = (await feeds().findOne({ where: { tokenHash: hashToken(token) } })) as FeedRow | null;
      if (!row) return null;
      const user = (await strapi.db.query('admin::user').findOne({
        where: { id: row.userId },
        select: ['id', 'isActive', 'blocked', 'preferedLanguage'],
      })) as { id: number; isActive: boolean; blocked: boolean | null; preferedLanguage: string | null } | null;
      if (!user || !user.isActive || user.blocked) return null;
      const at = now();
      if (!row.lastReadAt || at.getTime() - new Date(row.lastReadAt).getTime() >= READ_MARK_MS)
        await feeds().update({ where: { id: row.id }, data: { lastReadAt: at } });
      return render(user.id, user.preferedLanguage, baseUrl);
    },
  };
};
