import { seal, open, isSealed } from '../secret-box';

describe('secret-box', () => {
  const key = 'test-encryption-key';

  it('round-trips and never stores the plain text', () => {
    const sealed = seal('whsec_abc123', key);
    expect(isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain('abc123');
    expect(open(sealed, key)).toBe('whsec_abc123');
  });

  it('uses a fresh IV each time', () => {
    expect(seal('x', key)).not.toEqual(seal('x', key));
  });

  it('leaves sealed values alone (no double encryption)', () => {
    const sealed = seal('token', key);
    expect(seal(sealed, key)).toBe(sealed);
  });

  it('refuses the wrong key', () => {
    expect(() => open(seal('token', key), 'other')).toThrow();
  });

  it('passes legacy plain values through', () => {
    expect(open('plain', key)).toBe('plain');
  });
});
