/**
 * A receiver on loopback for cluster runs, drills and benchmarks: webhooks (signatures
 * verified with the standardwebhooks package, counted by `webhook-id`) and WeCom robots
 * (counted per robot key). It can go down (refuse connections, or answer a status) and
 * come back on the same port, and answer 410 Gone for chosen paths.
 */
import http from 'http';
import type net from 'net';
import { Webhook } from 'standardwebhooks';

export interface Arrival {
  id: string;
  group: string;
  scheduledFor: string;
  /** The post's plain text (tells two posts of one group at one instant apart). */
  text: string;
  at: number;
  path: string;
}

export interface RobotArrival {
  key: string;
  text: string;
  at: number;
}

export type ReceiverMode = 'ok' | 'refuse' | { status: number; body?: string };

export interface WebhookReceiver {
  url: string;
  port: number;
  /** Webhook requests answered 2xx, in arrival order. */
  arrivals: Arrival[];
  /** WeCom robot requests answered errcode 0. */
  robots: RobotArrival[];
  /** Every request that reached the server (answered or not). */
  requests: () => number;
  badSignatures: () => number;
  mode(mode: ReceiverMode): Promise<void>;
  /** Answer 410 Gone for paths starting with `prefix`. */
  gone(prefix: string): void;
  /** Requests answered 410 so far. */
  goneHits: () => number;
  /** Answer every request this many ms late (a slower receiver keeps more posts in flight). */
  latency(ms: number): void;
  close(): Promise<void>;
}

export async function startWebhookReceiver(secret: string, port = 0): Promise<WebhookReceiver> {
  const wh = new Webhook(secret);
  const arrivals: Arrival[] = [];
  const robots: RobotArrival[] = [];
  const goneList: string[] = [];
  let requests = 0;
  let bad = 0;
  let goneHits = 0;
  let current: ReceiverMode = 'ok';
  let latencyMs = 0;
  const sockets = new Set<net.Socket>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      requests += 1;
      const body = Buffer.concat(chunks).toString('utf8');
      const url = req.url ?? '/';
      const reply = (status: number, text: string) => {
        const send = () => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(text);
        };
        if (latencyMs > 0) setTimeout(send, latencyMs);
        else send();
      };
      if (typeof current === 'object') return reply(current.status, current.body ?? '{"error":"down"}');
      if (goneList.some((p) => url.startsWith(p))) {
        goneHits += 1;
        return reply(410, '{"error":"this endpoint is gone"}');
      }
      const at = Date.now();
      if (url.startsWith('/cgi-bin/webhook/send')) {
        const key = new URL(url, 'http://x').searchParams.get('key') ?? '';
        const parsed = JSON.parse(body);
        robots.push({ key, text: parsed.markdown?.content ?? parsed.text?.content ?? '', at });
        return reply(200, '{"errcode":0,"errmsg":"ok"}');
      }
      try {
        const payload = wh.verify(body, req.headers as Record<string, string>) as any;
        arrivals.push({
          id: String(req.headers['webhook-id']),
          group: payload.group?.slug,
          scheduledFor: payload.scheduledFor,
          text: payload.content?.text ?? '',
          at,
          path: url,
        });
        reply(200, '{"ok":true}');
      } catch {
        bad += 1;
        reply(400, '{"error":"bad signature"}');
      }
    });
  });
  server.keepAliveTimeout = 60_000;
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const listen = (p: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(p, '127.0.0.1', () => {
        server.off('error', reject);
        resolve((server.address() as net.AddressInfo).port);
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      if (!server.listening) return resolve();
      server.close(() => resolve());
    });
  const actualPort = await listen(port);

  return {
    url: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    arrivals,
    robots,
    requests: () => requests,
    badSignatures: () => bad,
    async mode(mode) {
      const wasRefusing = current === 'refuse';
      current = mode;
      if (mode === 'refuse' && !wasRefusing) await stop();
      if (mode !== 'refuse' && wasRefusing) await listen(actualPort);
    },
    gone(prefix) {
      goneList.push(prefix);
    },
    goneHits: () => goneHits,
    latency(ms) {
      latencyMs = ms;
    },
    close: stop,
  };
}

/** Arrivals grouped by webhook-id: every id once means no duplicate. */
export function countById(arrivals: Arrival[]) {
  const byId = new Map<string, Arrival[]>();
  for (const a of arrivals) byId.set(a.id, [...(byId.get(a.id) ?? []), a]);
  return byId;
}
