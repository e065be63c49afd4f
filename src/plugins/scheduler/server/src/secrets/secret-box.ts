import crypto from 'crypto';

/**
 * Encrypts delivery secrets (robot keys, bot tokens, signing secrets) at rest
 * with AES-256-GCM under a key derived from ENCRYPTION_KEY. Stored form:
 * `enc:v1:<iv>:<tag>:<ciphertext>` (base64url). Values already in that form are left
 * as they are, so saving an unchanged admin form never double-encrypts.
 */
const PREFIX = 'enc:v1:';

const keyFrom = (secret: string) => crypto.createHash('sha256').update(secret, 'utf8').digest();

export const isSealed = (value: unknown): value is string => typeof value === 'string' && value.startsWith(PREFIX);

export function seal(plain: string, encryptionKey: string): string {
  if (isSealed(plain)) return plain;
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', keyFrom(encryptionKey), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return PREFIX + [iv, tag, body].map((b) => b.toString('base64url')).join(':');
}

export function open(value: string, encryptionKey: string): string {
  if (!isSealed(value)) return value;
  const [iv, tag, body] = value
    .slice(PREFIX.length)
    .split(':')
    .map((p) => Buffer.from(p, 'base64url'));
  if (!iv || !tag || !body) throw new Error('sealed secret is malformed');
  const decipher = crypto.createDecipheriv('aes-256-gcm', keyFrom(encryptionKey), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
}
