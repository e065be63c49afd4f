import crypto from 'crypto';
import { seal, open, isSealed, isCurrent, keyId, reseal, sealedKeyId } from '../secret-box';
import { groupAad, keyringFromEnv } from '../keyring';

describe('secret-box', () => {
  const key = 'test-encryption-key';
  const aad = 'group:doc1:secret';

  it('round-trips and never stores the plain text', () => {
    const sealed = seal('whsec_abc123', key, aad);
    expect(isSealed(sealed)).toBe(true);
    expect(sealed.startsWith('enc:v2:')).toBe(true);
    expect(sealed).not.toContain('abc123');
    expect(open(sealed, key, aad)).toBe('whsec_abc123');
  });

  it('uses a fresh IV each time', () => {
    expect(seal('x', key, aad)).not.toEqual(seal('x', key, aad));
  });

  it('leaves sealed values alone (no double encryption)', () => {
    const sealed = seal('token', key, aad);
    expect(seal(sealed, key, aad)).toBe(sealed);
  });

  it('refuses the wrong key', () => {
    expect(() => open(seal('token', key, aad), 'other', aad)).toThrow(/unknown key/);
  });

  it('passes legacy plain values through', () => {
    expect(open('plain', key, aad)).toBe('plain');
  });
});

describe('secret-box with a keyring', () => {
  const A = 'key-A-' + crypto.randomBytes(16).toString('base64');
  const B = 'key-B-' + crypto.randomBytes(16).toString('base64');
  const aad = groupAad('doc-x', 'secret');

  it('a value sealed under a previous key opens when that key is given as previous', () => {
    const underA = seal('s3cret', A, aad);
    expect(open(underA, { current: B, previous: [A] }, aad)).toBe('s3cret');
    // Without A among the keys it does not, and the error names the key id, nothing more.
    expect(() => open(underA, { current: B, previous: [] }, aad)).toThrow(`unknown key (id "${keyId(A)}")`);
  });

  it('seals under the current key only and names it by id', () => {
    const sealed = seal('s3cret', { current: B, previous: [A] }, aad);
    expect(sealedKeyId(sealed)).toBe(keyId(B));
    expect(() => open(sealed, A, aad)).toThrow();
  });

  it('an unknown key id fails clearly even when other keys are known', () => {
    const sealed = seal('s3cret', A, aad).replace(keyId(A), 'deadbeef');
    expect(() => open(sealed, { current: A, previous: [B] }, aad)).toThrow('unknown key (id "deadbeef")');
  });

  it('a value copied to another group (other associated data) does not open', () => {
    const sealed = seal('s3cret', A, groupAad('doc-x', 'secret'));
    expect(() => open(sealed, A, groupAad('doc-y', 'secret'))).toThrow(/another row or field/);
    // Nor in the other field of the same group.
    expect(() => open(sealed, A, groupAad('doc-x', 'previousSecret'))).toThrow(/another row or field/);
  });

  it('a tampered ciphertext or tag fails', () => {
    const sealed = seal('s3cret-value', A, aad);
    const parts = sealed.split(':');
    const flip = (s: string) => {
      const b = Buffer.from(s, 'base64url');
      b[0] ^= 1;
      return b.toString('base64url');
    };
    const badBody = [...parts.slice(0, 5), flip(parts[5])].join(':');
    const badTag = [...parts.slice(0, 4), flip(parts[4]), parts[5]].join(':');
    expect(() => open(badBody, A, aad)).toThrow(/does not open/);
    expect(() => open(badTag, A, aad)).toThrow(/does not open/);
    expect(() => open('enc:v2:' + keyId(A) + ':abc', A, aad)).toThrow(/malformed/);
  });

  it('legacy v1 values (no key id, no associated data) open under any known key', () => {
    // Built by hand as the earlier version stored them: AES-256-GCM under sha256(key).
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', crypto.createHash('sha256').update(A).digest(), iv);
    const body = Buffer.concat([cipher.update('legacy-token', 'utf8'), cipher.final()]);
    const v1 = `enc:v1:${[iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join(':')}`;
    expect(isSealed(v1)).toBe(true);
    expect(sealedKeyId(v1)).toBeNull();
    expect(open(v1, A, aad)).toBe('legacy-token');
    expect(open(v1, { current: B, previous: [A] }, 'any row')).toBe('legacy-token');
    expect(() => open(v1, B, aad)).toThrow(/none of the known keys/);
    // Reseal upgrades it to v2 under the current key, bound to the row.
    const upgraded = reseal(v1, { current: B, previous: [A] }, aad);
    expect(upgraded.startsWith(`enc:v2:${keyId(B)}:`)).toBe(true);
    expect(open(upgraded, B, aad)).toBe('legacy-token');
  });

  it('reseal moves a value to the current key and then leaves it alone', () => {
    const ring = { current: B, previous: [A] };
    const moved = reseal(seal('s3cret', A, aad), ring, aad);
    expect(isCurrent(moved, ring)).toBe(true);
    expect(open(moved, B, aad)).toBe('s3cret');
    expect(reseal(moved, ring, aad)).toBe(moved);
    expect(reseal('plain-legacy', ring, aad).startsWith(`enc:v2:${keyId(B)}:`)).toBe(true);
  });

  it('the key id does not reveal the key', () => {
    const id = keyId(A);
    expect(id).toMatch(/^[0-9a-f]{8}$/);
    expect(keyId(B)).not.toBe(id);
    expect(keyId(A)).toBe(id); // stable: the same key always has the same id
    const digest = crypto.createHash('sha256').update(A).digest();
    for (const form of [A, Buffer.from(A).toString('hex'), digest.toString('hex'), digest.toString('base64url')]) {
      expect(form).not.toContain(id);
    }
  });
});

describe('keyringFromEnv', () => {
  it('reads the current key and the previous ones, newest first', () => {
    expect(keyringFromEnv({ ENCRYPTION_KEY: 'c', ENCRYPTION_KEY_PREVIOUS: ' p1, p2 ,,' })).toEqual({
      current: 'c',
      previous: ['p1', 'p2'],
    });
    expect(keyringFromEnv({ ENCRYPTION_KEY: 'c' })).toEqual({ current: 'c', previous: [] });
  });

  it('refuses a missing current key', () => {
    expect(() => keyringFromEnv({ ENCRYPTION_KEY: ' ', ENCRYPTION_KEY_PREVIOUS: 'p' })).toThrow('ENCRYPTION_KEY is not set');
  });
});
