import crypto from 'crypto';

/**
 * Encrypts delivery secrets (robot keys, bot tokens, signing secrets) at rest with
 * AES-256-GCM under a key derived from ENCRYPTION_KEY. Stored form:
 * `enc:v2:<keyId>:<iv>:<tag>:<ciphertext>` (base64url), the key id naming the key that
 * sealed it (so a rotated key is found without trying them all) and the associated data
 * binding the value to its row and field (a value copied elsewhere does not open).
 * `enc:v1:<iv>:<tag>:<ciphertext>` (no key id, no associated data) is what earlier
 * versions stored: it still opens, and `npm run secrets:reseal` upgrades it. Values
 * already sealed are left as they are, so saving an unchanged admin form never
 * double-encrypts.
 */
const V1 = 'enc:v1:';
const V2 = 'enc:v2:';

/** The current key seals; the previous ones (newest first) only open. */
export interface Keyring {
  current: string;
  previous: readonly string[];
}

/** A plain key string is a keyring of one. */
export type Keys = string | Keyring;

const ringOf = (keys: Keys): Keyring => (typeof keys === 'string' ? { current: keys, previous: [] } : keys);

const keyFrom = (secret: string) => crypto.createHash('sha256').update(secret, 'utf8').digest();

// A one-way fingerprint under a fixed label: it tells keys apart and reveals nothing of them.
const KEY_ID_LABEL = 'sop-scheduler secret-box key id';

/** 8 hex characters naming a key (not secret: it is stored beside each value). */
export function keyId(secret: string): string {
  return crypto.createHmac('sha256', keyFrom(secret)).update(KEY_ID_LABEL).digest('hex').slice(0, 8);
}

export const isSealed = (value: unknown): value is string => typeof value === 'string' && (value.startsWith(V2) || value.startsWith(V1));

/** The id of the key a value is sealed under; null for v1 values (they name none) and plain ones. */
export function sealedKeyId(value: string): string | null {
  return value.startsWith(V2) ? (value.slice(V2.length).split(':')[0] ?? null) : null;
}

/** Sealed under the keyring's current key in the current format (reseal leaves it alone). */
export const isCurrent = (value: string, keys: Keys): boolean => sealedKeyId(value) === keyId(ringOf(keys).current);

/** Seals under the current key, bound to `aad` (the row and field it is stored in). */
export function seal(plain: string, keys: Keys, aad: string): string {
  if (isSealed(plain)) return plain;
  const key = ringOf(keys).current;
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', keyFrom(key), iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return V2 + [keyId(key), ...[iv, tag, body].map((b) => b.toString('base64url'))].join(':');
}

function decrypt(key: string, parts: string[], aad: string | null): string {
  const [iv, tag, body] = parts.map((p) => Buffer.from(p, 'base64url'));
  if (parts.length !== 3 || !iv || !tag || !body) throw new Error('sealed secret is malformed');
  const decipher = crypto.createDecipheriv('aes-256-gcm', keyFrom(key), iv);
  if (aad !== null) decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
}

/**
 * Opens a sealed value with the key its id names (the current or a previous one); `aad`
 * must be what it was sealed with. Plain values pass through (stored before sealing
 * existed). Errors name the key id at most, never the value.
 */
export function open(value: string, keys: Keys, aad: string): string {
  const ring = ringOf(keys);
  const all = [ring.current, ...ring.previous];
  if (value.startsWith(V2)) {
    const [id, ...parts] = value.slice(V2.length).split(':');
    const key = all.find((k) => keyId(k) === id);
    if (key === undefined) throw new Error(`sealed under an unknown key (id ${JSON.stringify(id)}): set it in ENCRYPTION_KEY_PREVIOUS`);
    try {
      return decrypt(key, parts, aad);
    } catch (err) {
      if ((err as Error).message === 'sealed secret is malformed') throw err;
      throw new Error('sealed secret does not open: damaged, or sealed for another row or field', { cause: err });
    }
  }
  if (value.startsWith(V1)) {
    // v1 names no key: each known key is tried. It was sealed without associated data.
    const parts = value.slice(V1.length).split(':');
    for (const key of all) {
      try {
        return decrypt(key, parts, null);
      } catch (err) {
        if ((err as Error).message === 'sealed secret is malformed') throw err;
      }
    }
    throw new Error('sealed secret (v1) opens with none of the known keys');
  }
  return value;
}

/** The value sealed under the current key (a no-op when it already is). Throws when it does not open. */
export function reseal(value: string, keys: Keys, aad: string): string {
  if (isCurrent(value, keys)) {
    open(value, keys, aad); // proves it still opens here (bound to this row), else throws
    return value;
  }
  return seal(open(value, keys, aad), keys, aad);
}
