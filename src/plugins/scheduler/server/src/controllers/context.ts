/**
 * What the plugin's controllers read of Koa's context. Strapi's own controller types give
 * `ctx` as an untyped Koa context; this names the parts we use.
 */
export interface Ctx {
  params: Record<string, string>;
  query: Record<string, unknown>;
  request: { body?: Record<string, unknown> };
  body: unknown;
  /** Koa's: throws an HTTP error Strapi's error middleware answers with (status, message). */
  throw(status: number, message: string): never;
  /** The logged-in admin user (admin routes). */
  state: { user?: { id: number; email: string } };
}
