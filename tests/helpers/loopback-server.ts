/**
 * What the fake platforms share: an HTTP server on a random loopback port that closes at
 * once (open keep-alive sockets destroyed), and counting a platform's sliding windows.
 */
import http from 'http';
import type { AddressInfo, Socket } from 'net';

export interface LoopbackServer {
  url: string;
  close(): Promise<void>;
}

export async function serveOnLoopback(handler: http.RequestListener): Promise<LoopbackServer> {
  const server = http.createServer(handler);
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The most of `times` (ms) that fall in any window [t, t + ms). */
export function maxInWindow(times: readonly number[], ms: number): number {
  let max = 0;
  for (const t of times) max = Math.max(max, times.filter((u) => u >= t && u < t + ms).length);
  return max;
}
