/**
 * Request shapes that would otherwise end in a 500, a silent coercion or a reply outside
 * Strapi's error shape (a global middleware, after `strapi::body`):
 *  - bodies nested deeper than MAX_DEPTH levels (Strapi's validators recurse and overflow
 *    the stack on a few thousand nested arrays);
 *  - NUL characters in the body, the query or the path (PostgreSQL refuses them with an
 *    error: a 500 in production, silently kept on SQLite);
 *  - REST `pagination[...]` values that are not whole numbers (Strapi reads
 *    pagination[pageSize]=abc as the maximum page size and page=0 as page 1);
 *  - `sort=field:asc:desc` (Strapi drops the rest);
 *  - REST paths with ".." segments (the static file server would answer 403);
 *  - REST bodies in a type the parser ignores (read as an empty body otherwise);
 *  - the router's plain-text "Method Not Allowed", answered in Strapi's error shape.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

export const MAX_DEPTH = 32;

/** What `strapi::body` parses: JSON, forms, multipart (uploads) and text. */
const PARSED_TYPES = ['json', '+json', 'urlencoded', 'multipart', 'text'];

const UP_PATH = /(?:^|[\\/])\.\.(?:[\\/]|$)/;

const PAGINATION: Record<string, { min: number; minusOne?: boolean }> = {
  page: { min: 1 },
  pageSize: { min: 1 },
  start: { min: 0 },
  limit: { min: 1, minusOne: true },
};

const invalid = (path: string[], message: string) =>
  new errors.ValidationError(message, { errors: [{ path, message, name: 'ValidationError' }] });

/**
 * One walk over a parsed body or query (iterative: nothing to overflow): the path of the
 * first value nested deeper than `max` levels, and of the first string (or key) holding
 * U+0000, which PostgreSQL cannot store in text or jsonb (a 500 there, kept on SQLite).
 */
export function inspect(value: unknown, max = MAX_DEPTH): { deep: string[] | null; nul: string[] | null } {
  let nul: string[] | null = typeof value === 'string' && value.includes('\u0000') ? [] : null;
  const stack: { v: unknown; path: string[] }[] = [{ v: value, path: [] }];
  while (stack.length) {
    const { v, path } = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (path.length >= max) return { deep: path, nul };
    for (const [k, child] of Object.entries(v)) {
      if (!nul && (k.includes('\u0000') || (typeof child === 'string' && child.includes('\u0000')))) nul = [...path, k];
      if (typeof child === 'object' && child !== null) stack.push({ v: child, path: [...path, k] });
    }
  }
  return { deep: null, nul };
}

function decodedPath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function checkPagination(pagination: unknown) {
  if (pagination === undefined) return;
  if (typeof pagination !== 'object' || pagination === null || Array.isArray(pagination)) {
    throw invalid(['pagination'], 'pagination must be an object, e.g. pagination[page]=1&pagination[pageSize]=25');
  }
  for (const [key, value] of Object.entries(pagination)) {
    if (key === 'withCount') continue; // Strapi checks it
    const spec = PAGINATION[key];
    if (!spec)
      throw invalid(['pagination', key], `pagination[${key}] is not a pagination parameter; use page and pageSize, or start and limit`);
    const n = typeof value === 'string' && /^-?\d{1,9}$/.test(value) ? Number(value) : typeof value === 'number' ? value : NaN;
    if (!Number.isInteger(n) || (n < spec.min && !(spec.minusOne && n === -1))) {
      const expected = spec.minusOne ? `a whole number from ${spec.min}, or -1` : `a whole number from ${spec.min}`;
      throw invalid(['pagination', key], `pagination[${key}] must be ${expected}; got ${JSON.stringify(value)}`);
    }
  }
}

/** "field", "field:asc", "a.b:desc", comma-separated; Strapi reads "id:asc:desc" as id:asc. */
function checkSort(sort: unknown) {
  const entries =
    typeof sort === 'string' ? sort.split(',') : Array.isArray(sort) ? sort.filter((s): s is string => typeof s === 'string') : [];
  for (const entry of entries) {
    if (entry.split(':').length > 2) throw invalid(['sort'], `sort entry ${JSON.stringify(entry)} must be field or field:asc|desc`);
  }
}

const inputGuard: Core.MiddlewareFactory<unknown> = (_config, { strapi }) => {
  const prefix = `${strapi.config.get<string>('api.rest.prefix', '/api')}/`;
  return async (ctx, next) => {
    const body = inspect(ctx.request.body);
    if (body.deep)
      throw invalid(
        body.deep.slice(0, 8),
        `the request body is nested more than ${MAX_DEPTH} levels deep (at ${body.deep.slice(0, 8).join('.')}…)`
      );
    if (body.nul) throw invalid(body.nul, `${body.nul.join('.') || 'the body'} contains a NUL character (U+0000), which cannot be stored`);
    const query = inspect(ctx.query);
    if (query.nul) throw invalid(query.nul, `the query parameter ${query.nul.join('.')} contains a NUL character (U+0000)`);
    const decoded = decodedPath(ctx.path);
    if (decoded.includes('\u0000')) throw invalid(['path'], 'the URL path contains a NUL character (U+0000)');
    if (ctx.path.startsWith(prefix)) {
      // An id or slug with "..\\" or "../" would fall through to the static file server, whose
      // path-traversal guard answers 403 to a caller that is allowed everything.
      if (UP_PATH.test(decoded))
        throw invalid(['path'], `the URL path may not contain ".." segments; got ${JSON.stringify(decoded.slice(0, 200))}`);
      // A body the parser does not read (XML, octet-stream, an image…) would reach the
      // route as an empty object, so `POST /groups/:slug/joins` with garbage bytes would be
      // a valid join. An empty body (Content-Length: 0) is no body.
      const length = ctx.request.length ?? (ctx.get('transfer-encoding') ? 1 : 0);
      if (length > 0 && !ctx.is(PARSED_TYPES)) {
        throw invalid(
          ['body'],
          `the request body must be JSON (Content-Type: application/json); got ${JSON.stringify(ctx.get('content-type') || 'none')}`
        );
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

export default inputGuard;
