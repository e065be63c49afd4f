/**
 * A real HTTP server on loopback that speaks like a chat platform: it records every
 * request and answers from a script (status, headers, body, delay), per path prefix.
 */
import http from 'http';
import type { AddressInfo } from 'net';

export interface Recorded {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
}

export interface Answer {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  delayMs?: number;
}

export interface FakePlatform {
  url: string;
  requests: Recorded[];
  /** Queue answers for requests whose path starts with `prefix`; the default is 200 with `defaultBody`. */
  script(prefix: string, ...answers: Answer[]): void;
  defaultAnswer(prefix: string, answer: Answer): void;
  received(prefix: string): Recorded[];
  close(): Promise<void>;
}

export async function startFakePlatform(): Promise<FakePlatform> {
  const requests: Recorded[] = [];
  const scripts = new Map<string, Answer[]>();
  const defaults = new Map<string, Answer>();
  const sockets = new Set<import('net').Socket>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const path = req.url ?? '/';
      requests.push({ method: req.method ?? '', path, headers: req.headers, body, at: Date.now() });
      const prefix = [...new Set([...scripts.keys(), ...defaults.keys()])]
        .filter((p) => path.startsWith(p))
        .sort((a, b) => b.length - a.length)[0];
      const queued = prefix ? scripts.get(prefix) : undefined;
      const answer: Answer = (queued && queued.shift()) ??
        (prefix ? defaults.get(prefix) : undefined) ?? { status: 200, body: '{"ok":true,"errcode":0}' };
      const send = () => {
        res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...(answer.headers ?? {}) });
        res.end(answer.body ?? '{"ok":true,"errcode":0}');
      };
      if (answer.delayMs) setTimeout(send, answer.delayMs);
      else send();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script(prefix, ...answers) {
      scripts.set(prefix, [...(scripts.get(prefix) ?? []), ...answers]);
    },
    defaultAnswer(prefix, answer) {
      defaults.set(prefix, answer);
    },
    received: (prefix) => requests.filter((r) => r.path.startsWith(prefix)),
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
