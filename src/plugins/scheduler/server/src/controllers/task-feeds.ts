import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import type { Ctx } from './context';

/** What these handlers read of Koa's context beyond Ctx. */
type FeedCtx = Ctx & { origin: string; url: string; set: (name: string, value: string) => void };

/** The same answer for every token that opens nothing: it tells nothing about why. */
const NOT_FOUND = { data: null, error: { status: 404, name: 'NotFoundError', message: 'Not Found', details: {} } };

/** The app's public origin: `server.url` when it is absolute, else the request's origin. */
function baseUrl(strapi: Core.Strapi, ctx: FeedCtx): string {
  const configured = String(strapi.config.get('server.url') ?? '');
  return /^https?:\/\//i.test(configured) ? configured.replace(/\/+$/, '') : ctx.origin;
}

const feeds = (strapi: Core.Strapi) => getService('task-feeds', strapi);

/** The public feed (no auth: the token in the path is the credential). */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: FeedCtx) {
    try {
      const ics = await feeds(strapi).feed(ctx.params.token ?? '', baseUrl(strapi, ctx));
      if (ics === null) {
        ctx.status = 404;
        ctx.set('Cache-Control', 'no-store');
        ctx.body = NOT_FOUND;
        return;
      }
      ctx.set('Content-Type', 'text/calendar; charset=utf-8');
      ctx.set('Cache-Control', 'private, max-age=300');
      ctx.set('Content-Disposition', 'inline; filename="tasks.ics"');
      ctx.set('X-Robots-Tag', 'noindex');
      ctx.body = ics;
    } finally {
      // The access log (strapi::logger) prints ctx.url once the answer is made: not the token.
      ctx.url = ctx.url.replace(/\/feeds\/[^/?#]*/, '/feeds/[token]');
    }
  },
});

/** The admin's side (the Tasks page): the logged-in admin's own link. */
export const adminTaskFeeds = ({ strapi }: { strapi: Core.Strapi }) => ({
  async taskFeed(ctx: FeedCtx) {
    ctx.body = { data: await feeds(strapi).status(ctx.state.user!.id) };
  },
  /** A new link (replacing any old one): the URL is in this answer only. */
  async taskFeedCreate(ctx: FeedCtx) {
    const { token, createdAt } = await feeds(strapi).create(ctx.state.user!.id);
    const prefix = String(strapi.config.get('api.rest.prefix') ?? '/api').replace(/\/+$/, '');
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { data: { url: `${baseUrl(strapi, ctx)}${prefix}/scheduler/feeds/${token}.ics`, createdAt } };
  },
  async taskFeedRevoke(ctx: FeedCtx) {
    await feeds(strapi).revoke(ctx.state.user!.id);
    ctx.body = { data: { active: false } };
  },
});
