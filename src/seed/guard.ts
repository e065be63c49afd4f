/**
 * The demo seed writes sample content; it must not land in a real database by accident.
 * Local means SQLite, or PostgreSQL on this machine.
 */
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '']);

/** Strapi's `database.connection` setting, as much of it as is read here. */
export interface DatabaseConnection {
  client: string;
  connection?: { host?: string; connectionString?: string; [key: string]: unknown };
}

export function databaseIsLocal(connection: DatabaseConnection): boolean {
  if (connection.client === 'sqlite' || connection.client === 'better-sqlite3') return true;
  const c = connection.connection ?? {};
  let host: string = c.host ?? '';
  if (c.connectionString) {
    try {
      host = new URL(c.connectionString).hostname;
    } catch {
      return false;
    }
  }
  return LOCAL_HOSTS.has(host.replace(/^\[|\]$/g, ''));
}

export function assertSeedAllowed(connection: DatabaseConnection, force: boolean) {
  if (force || databaseIsLocal(connection)) return;
  throw new Error(
    'Refusing to seed demo content into a database that is not local. Use `npm run seed -- --force` (or SEED_FORCE=true) if you really mean it.'
  );
}
