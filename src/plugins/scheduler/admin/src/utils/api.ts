import * as React from 'react';
import { useFetchClient } from '@strapi/admin/strapi-admin';
import { PLUGIN_ID } from '../pluginId';

/** The server's error message ("rule: BYHOUR=25 is out of range 0..23"), or the HTTP error. */
export function errorMessage(err: unknown): string {
  const e = err as { response?: { data?: { error?: { message?: string } } }; message?: string };
  return e?.response?.data?.error?.message ?? e?.message ?? String(err);
}

/** The HTTP status of a failed request (404: a route this server does not have yet), or null. */
export function errorStatus(err: unknown): number | null {
  const e = err as { response?: { status?: number }; status?: number };
  return e?.response?.status ?? e?.status ?? null;
}

/** The plugin's admin routes answer `{ data: … }`; a body without that envelope is the value itself. */
function unwrap<T>(body: unknown): T {
  const envelope = body as { data?: T } | null | undefined;
  return (envelope?.data ?? body) as T;
}

/** GET a plugin admin route and keep it fresh: data, error, loading, reload. */
export function useGet<T>(path: string | null, deps: unknown[] = []) {
  const { get } = useFetchClient();
  const [state, setState] = React.useState<{ data: T | null; error: string | null; loading: boolean }>({
    data: null,
    error: null,
    loading: Boolean(path),
  });
  const [tick, setTick] = React.useState(0);
  React.useEffect(() => {
    if (!path) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    get(`/${PLUGIN_ID}${path}`)
      .then((res) => live && setState({ data: unwrap<T>(res.data), error: null, loading: false }))
      .catch((err: unknown) => live && setState({ data: null, error: errorMessage(err), loading: false }));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [path, tick, ...deps]);
  return { ...state, reload: () => setTick((n) => n + 1) };
}

/** POST to a plugin admin route. */
export function usePost() {
  const { post } = useFetchClient();
  return React.useCallback(
    async <T>(path: string, body: unknown = {}): Promise<T> => {
      const res = await post(`/${PLUGIN_ID}${path}`, body);
      return unwrap<T>(res.data);
    },
    [post]
  );
}

/** DELETE on a plugin admin route. */
export function useDelete() {
  const { del } = useFetchClient();
  return React.useCallback(
    async <T>(path: string): Promise<T> => {
      const res = await del(`/${PLUGIN_ID}${path}`);
      return unwrap<T>(res.data);
    },
    [del]
  );
}

/** A value that settles `ms` after its last change (live previews while typing). */
export function useDebounced<T>(value: T, ms = 400): T {
  const [settled, setSettled] = React.useState(value);
  React.useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

/**
 * POSTs `body` (a JSON string, e.g. debounced form values) whenever it changes and keeps
 * the latest answer: the live previews beside an edit form. A null body clears it.
 */
export function useLivePost<T>(path: string, body: string | null) {
  const post = usePost();
  const [state, setState] = React.useState<{ data: T | null; error: string | null }>({ data: null, error: null });
  React.useEffect(() => {
    if (body === null) {
      setState({ data: null, error: null });
      return;
    }
    let live = true;
    post<T>(path, JSON.parse(body))
      .then((data) => live && setState({ data, error: null }))
      .catch((err) => live && setState({ data: null, error: errorMessage(err) }));
    return () => {
      live = false;
    };
  }, [path, body, post]);
  return state;
}
