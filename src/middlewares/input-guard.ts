/**
 * Request shapes that would otherwise end in a 500, a silent coercion or a reply outside
 * Strapi's error shape (a global middleware, after `strapi::body`):
 *  - bodies nested deeper than MAX_DEPTH levels (Strapi's validators recurse and overflow
 *    the stack on a few thousand nested arrays);
 *  - REST `pagination[...]` values that are not whole numbers (Strapi reads
 *    pagination[pageSize]=abc as the maximum page size and page=0 as page 1);
 *  - `sort=field:asc:desc` (Strapi drops the rest);
 *  - REST bodies in a type the parser ignores (read as an empty body otherwise);
 *  - the router's plain-text "Method Not Allowed", answered in Strapi's error shape.
 */
import { errors } from '@strapi/utils';

export const MAX_DEPTH = 32;

/** What `strapi::body` parses: JSON, forms, multipart (uploads) and text. */
const PARSED_TYPES = ['json', '+json', 'urlencoded', 'multipart', 'text'];

const PAGINATION: Record<string, { min: number; minusOne?: boolean }> = {
  page: { min: 1 },
  pageSize: { min: 1 },
  start: { min: 0 },
  limit: { min: 1, minusOne: true },
};

const invalid = (path: string[], message: string) =>
  new errors.ValidationError(message, { errors: [{ path, message, name: 'ValidationError' }] });

/** The path of the first value nested deeper than `max` levels, iteratively (no recursion to overflow). */
export function tooDeep(value: unknown, max = MAX_DEPTH): string[] | null {
  const stack: { v: unknown; path: string[] }[] = [{ v: value, path: [] }];
  while (stack.length) {
    const { v, path } = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (path.length >= max) return path;
    for (const [k, child] of Object.entries(v)) if (typeof child === 'object' && child !== null) stack.push({ v: child, path: [...path, k] });
  }
  return null;
}

function checkPagination(pagination: unknown) {
  if (pagination === undefined) return;
  if (typeof pagination !== 'object' || pagination === null || Array.isArray(pagination)) {
    throw invalid(['pagination'], 'pagination must be an object, e.g. pagination[page]=1&pagination[pageSize]=25');
  }
  for (const [key, value] of Object.entries(pagination)) {
    if (key === 'withCount') continue; // Strapi checks it
    const spec = PAGINATION[key];
    if (!spec) throw invalid(['pagination', key], `pagination[${key}] is not a pagination parameter; use page and pageSize, or start and limit`);
    const n = typeof value === 'string' && /^-?\d{1,9}$/.test(value) ? Number(value) : typeof value === 'number' ? value : NaN;
    if (!Number.isInteger(n) || (n < spec.min && !(spec.minusOne && n === -1))) {
      const expected = spec.minusOne ? `a whole number from ${spec.min}, or -1` : `a whole number from ${spec.min}`;
      throw invalid(['pagination', key], `pagination[${key}] must be ${expected}; got ${JSON.stringify(value)}`);
    }
  }
}

/** "field", "field:asc", "a.b:desc", comma-separated; Strapi reads "id:asc:desc" as id:asc. */
function checkSort(sort: unknown) {
  const entries = typeof sort === 'string' ? sort.split(',') : Array.isArray(sort) ? sort.filter((s): s is string => typeof s === 'string') : [];
  for (const entry of entries) {
    if (entry.split(':').length > 2) throw invalid(['sort'], `sort entry ${JSON.stringify(entry)} must be field or field:asc|desc`);
  }
}

export default (_config: unknown, { strapi }: { strapi: any }) => {
  const prefix = `${strapi.config.get('api.rest.prefix', '/api')}/`;
  return async (ctx: any, next: () => Promise<unknown>) => {
    const body = ctx.request.body;
    if (body && typeof body === 'object') {
      const path = tooDeep(body);
      if (path) throw invalid(path.slice(0, 8), `the request body is nested more than ${MAX_DEPTH} levels deep (at ${path.slice(0, 8).join('.')}…)`);
    }
    if (ctx.path.startsWith(prefix)) {
      // A body the parser does not read (XML, octet-stream, an image…) would reach the
      // route as an empty object, so `POST /groups/:slug/joins` with garbage bytes would be
      // a valid join.
      if (ctx.is() !== null && !ctx.is(PARSED_TYPES)) {
        throw invalid(['body'], `the request body must be JSON (Content-Type: application/json); got ${JSON.stringify(ctx.get('content-type') || 'none')}`);
      }
      checkPagination(ctx.query?.pagination);
      checkSort(ctx.query?.sort);
    }
    await next();
    if (ctx.status === 405 && (ctx.body == null || typeof ctx.body === 'string')) {
      const allow = ctx.response.get('Allow');
      ctx.methodNotAllowed(`${ctx.method} is not allowed on ${ctx.path}${allow ? `; allowed: ${allow}` : ''}`);
    }
  };
};
