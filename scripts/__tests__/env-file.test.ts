import crypto from 'crypto';
const { parseEnv, missingSecrets, generateSecret, SECRETS } = require('../lib/env-file');

describe('env-file helpers', () => {
  it('parses KEY=value lines, ignoring comments and quotes', () => {
    expect(parseEnv('# c\nA=1\n B = "two" \nC=\'3\'\nbad\n')).toEqual({ A: '1', B: 'two', C: '3' });
  });

  it('names every missing or empty secret', () => {
    const env = { APP_KEYS: 'a,b', JWT_SECRET: '  ' };
    expect(missingSecrets(env)).toEqual(SECRETS.filter((s: string) => s !== 'APP_KEYS'));
  });

  it('generates distinct secrets, four app keys, a 32-byte encryption key', () => {
    const keys = generateSecret('APP_KEYS', crypto).split(',');
    expect(keys).toHaveLength(4);
    expect(new Set(keys).size).toBe(4);
    expect(Buffer.from(generateSecret('ENCRYPTION_KEY', crypto), 'base64')).toHaveLength(32);
    expect(generateSecret('JWT_SECRET', crypto)).not.toEqual(generateSecret('JWT_SECRET', crypto));
  });
});
