import type { Core } from '@strapi/strapi';

/**
 * Drafts are never public. Strapi's REST API accepts `?status=draft`; for any caller
 * that is not an API token (the public role, end users) the status is forced to
 * `published` so a draft can't leak through a crafted query.
 */
const publishedOnly: Core.MiddlewareFactory = () => async (ctx, next) => {
  const strategy = ctx.state?.auth?.strategy?.name;
  if (strategy !== 'api-token' && ctx.query && ctx.query.status !== undefined) {
    ctx.query = { ...ctx.query, status: 'published' };
  }
  return next();
};

export default publishedOnly;
