/**
 * The keys sealed secrets open with, from the environment: ENCRYPTION_KEY seals (and
 * opens), ENCRYPTION_KEY_PREVIOUS (comma-separated, newest first) only opens, so values
 * sealed before a key rotation keep working until `npm run secrets:reseal` has moved them.
 */
import type { Keyring } from './secret-box';

export function keyringFromEnv(env: NodeJS.ProcessEnv = process.env): Keyring {
  // Used as given (not trimmed): the key derived from it must stay what sealed the values.
  const current = env.ENCRYPTION_KEY;
  if (current === undefined || current.trim() === '') throw new Error('ENCRYPTION_KEY is not set');
  const previous = (env.ENCRYPTION_KEY_PREVIOUS ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '' && k !== current);
  return { current, previous };
}

/** The group fields that hold sealed values. */
export type SealedGroupField = 'secret' | 'previousSecret' | 'signingSecret';

/**
 * What a group's sealed value is bound to (AES-GCM associated data): its documentId, which
 * never changes for a row, and the field, so neither a copy into another group nor a swap
 * of secret and previousSecret opens.
 */
export const groupAad = (documentId: string, field: SealedGroupField) => `group:${documentId}:${field}`;
