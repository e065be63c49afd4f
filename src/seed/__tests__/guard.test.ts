import { assertSeedAllowed, databaseIsLocal } from '../guard';

describe('seed guard', () => {
  it('treats SQLite and loopback PostgreSQL as local', () => {
    expect(databaseIsLocal({ client: 'sqlite', connection: { filename: '/x.db' } })).toBe(true);
    expect(databaseIsLocal({ client: 'postgres', connection: { host: 'localhost' } })).toBe(true);
    expect(databaseIsLocal({ client: 'postgres', connection: { connectionString: 'postgres://u:p@127.0.0.1:5432/db' } })).toBe(true);
    expect(databaseIsLocal({ client: 'postgres', connection: { connectionString: 'postgres://u:p@[::1]:5432/db' } })).toBe(true);
  });

  it('refuses a remote database unless forced', () => {
    const remote = { client: 'postgres', connection: { connectionString: 'postgres://u:p@db.internal.example:5432/prod' } };
    expect(databaseIsLocal(remote)).toBe(false);
    expect(() => assertSeedAllowed(remote, false)).toThrow(/not local/);
    expect(() => assertSeedAllowed(remote, true)).not.toThrow();
    expect(() => assertSeedAllowed({ client: 'postgres', connection: { host: '10.0.0.5' } }, false)).toThrow();
  });
});
