/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com): HMAC-SHA256 over
 * `${id}.${timestamp}.${body}` with the secret's base64 bytes after the `whsec_` prefix,
 * sent as `v1,<base64>`. Pure.
 */
import crypto from 'crypto';

export function secretBytes(secret: string): Buffer {
  const raw = secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret;
  return Buffer.from(raw, 'base64');
}

export function sign(secret: string, id: string, timestampSeconds: number, body: string): string {
  const mac = crypto.createHmac('sha256', secretBytes(secret)).update(`${id}.${timestampSeconds}.${body}`).digest('base64');
  return `v1,${mac}`;
}

/**
 * The headers of one message. Several secrets (during a signing-secret rotation: the new
 * one first) give one signature each, space-separated, as the spec allows: a receiver
 * holding any of them accepts.
 */
export function webhookHeaders(secret: string | readonly string[], id: string, body: string, now: number = Date.now()) {
  const timestamp = Math.floor(now / 1000);
  const secrets = typeof secret === 'string' ? [secret] : secret;
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': secrets.map((s) => sign(s, id, timestamp, body)).join(' '),
  };
}
