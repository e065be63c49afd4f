import { requireSecret, requireSecretList } from '../env-secrets';

describe('required secrets', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('names the missing secret', () => {
    delete process.env.JWT_SECRET;
    expect(() => requireSecret('JWT_SECRET')).toThrow(/Missing required environment variable JWT_SECRET/);
    process.env.JWT_SECRET = '   ';
    expect(() => requireSecret('JWT_SECRET')).toThrow(/JWT_SECRET/);
  });

  it('splits APP_KEYS into a list', () => {
    process.env.APP_KEYS = 'a, b,,c';
    expect(requireSecretList('APP_KEYS')).toEqual(['a', 'b', 'c']);
  });
});
