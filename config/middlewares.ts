import { errors } from '@strapi/utils';

/**
 * Body parser failures without a status of their own (a gzip body that is not gzip, a cut
 * multipart stream) would be 500s; they are the client's malformed body, a 400. Errors with
 * a 4xx (bad JSON 400, too large 413, unknown encoding 415) and Strapi's own file-size
 * handling pass through unchanged.
 */
function bodyParseError(thrown: unknown): never {
  // Whatever the parser threw (http-errors, formidable's errors…), read by these fields only.
  const err = thrown as { status?: unknown; statusCode?: unknown; message?: unknown; httpCode?: unknown } | null | undefined;
  const status = err?.status ?? err?.statusCode;
  if ((typeof status === 'number' && status >= 400 && status < 500) || /maxFileSize/.test(String(err?.message))) throw err;
  if (err?.httpCode === 413) throw new errors.PayloadTooLargeError(String(err.message));
  throw new errors.ValidationError(`Malformed request body: ${String(err?.message ?? err)}`, { source: 'body' });
}

export default [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
  { name: 'strapi::body', config: { onError: bodyParseError } },
  'global::input-guard',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];
