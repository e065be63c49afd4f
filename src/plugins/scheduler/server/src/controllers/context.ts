/**
 * What the plugin's controllers read of Koa's context. Strapi's own controller types give
 * `ctx` as an untyped Koa context; this names the parts we use.
 */
export interface Ctx {
  params: Record<string, string>;
  query: Record<string, unknown>;
  request: { body?: Record<string, unknown> };
  body: unknown;
  status: number;
  /** The logged-in admin user (admin routes). */
  state: { user?: { id: number; email: string } };
}
