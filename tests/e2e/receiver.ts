/**
 * The demo groups' platforms, on loopback: the seeded groups send to
 * http://127.0.0.1:4010 (webhooks there, WeCom and Telegram under /wecom and /telegram).
 * It records what arrives and can be told to fail, to force a failed post.
 */
import http from 'http';

export interface Receiver {
  mode: 'ok' | 'fail';
  received: { path: string; body: string; status: number }[];
  close(): Promise<void>;
}

export async function startReceiver(port = 4010): Promise<Receiver> {
  const state: Receiver = { mode: 'ok', received: [], close: async () => undefined };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const status = state.mode === 'ok' ? 200 : 500;
      state.received.push({ path: req.url ?? '', body, status });
      res.writeHead(status, { 'content-type': 'application/json' });
      if (status !== 200) return res.end('{"error":"receiver down (forced by the e2e test)"}');
      // Each platform's success answer: WeCom errcode 0, Telegram ok: true, webhooks any 2xx.
      if (req.url?.startsWith('/wecom')) return res.end('{"errcode":0,"errmsg":"ok"}');
      if (req.url?.startsWith('/telegram')) return res.end('{"ok":true,"result":{"message_id":1}}');
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  state.close = () => new Promise((resolve) => server.close(() => resolve()));
  return state;
}
