/**
 * The secrets Strapi needs. Development generates them into a git-ignored .env
 * (scripts/ensure-env.js); production must be given them and refuses to start
 * otherwise, naming the one that is missing.
 */
export const REQUIRED_SECRETS = [
  'APP_KEYS',
  'API_TOKEN_SALT',
  'ADMIN_JWT_SECRET',
  'TRANSFER_TOKEN_SALT',
  'JWT_SECRET',
  'ENCRYPTION_KEY',
] as const;

export type SecretName = (typeof REQUIRED_SECRETS)[number];

export function requireSecret(name: SecretName): string {
  const value = process.env[name];
  if (value === undefined || value.trim() === '') {
    throw new Error(
      `Missing required environment variable ${name}. ` +
        'Set it in the environment (see .env.example); in development run `npm run env:init` to generate one.'
    );
  }
  return value;
}

export function requireSecretList(name: SecretName): string[] {
  return requireSecret(name)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
