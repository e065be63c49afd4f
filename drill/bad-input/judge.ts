/** Whether an answer to a malformed request is right: a 4xx in Strapi's error shape with a message, naming the field. */
import type { Req } from './types';

/** Statuses a malformed, authenticated request may get. */
const OK_STATUS = new Set([400, 404, 405, 413, 415]);

export function namesField(err: any, field: string): boolean {
  const f = field.toLowerCase();
  if (
    String(err?.message ?? '')
      .toLowerCase()
      .includes(f)
  )
    return true;
  const d = err?.details ?? {};
  const errs = Array.isArray(d.errors) ? d.errors : [];
  if (
    errs.some(
      (e: any) =>
        (Array.isArray(e?.path) ? e.path : [e?.path]).some((p: unknown) => String(p).toLowerCase() === f) ||
        String(e?.message ?? '')
          .toLowerCase()
          .includes(f)
    )
  )
    return true;
  return [d.key, d.path, d.param].some((v) => v != null && String(v).toLowerCase().split('.').includes(f));
}

export function judge(req: Req, status: number, text: string): string | null {
  if (status === 0) return `network error: ${text}`;
  if (status >= 500) return `${status}`;
  if (status < 400) return `${status} (accepted)`;
  if (!OK_STATUS.has(status)) return `${status} (not one of ${[...OK_STATUS].join('/')})`;
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    return `${status} without a JSON error body`;
  }
  const err = body?.error;
  if (!err || typeof err.message !== 'string' || err.message.trim() === '') return `${status} without error.message`;
  if (err.status !== status) return `${status} but error.status is ${err.status}`;
  if (req.field && status === 400 && err.name === 'ValidationError' && !namesField(err, req.field))
    return `400 does not name the field ${req.field}`;
  return null;
}
