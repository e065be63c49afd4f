/** A small authenticated JSON client for the drill's own valid requests (fixtures, snapshots, the round trip, deletes). */
import { JSONH } from './values';

export class Api {
  constructor(
    private base: string,
    private token: string,
    private timeoutMs: number
  ) {}
  async call(method: string, path: string, body?: unknown): Promise<{ status: number; json: any; text: string }> {
    const res = await fetch(this.base + path, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body !== undefined ? JSONH : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await res.text();
    let parsed: any = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: res.status, json: parsed, text };
  }
  async create(type: string, data: unknown): Promise<any> {
    const r = await this.call('POST', `/api/${type}`, { data });
    if (r.status !== 201 && r.status !== 200) throw new Error(`creating a ${type} fixture failed: ${r.status} ${r.text.slice(0, 300)}`);
    return r.json.data;
  }
}
