/** Pure helpers for scripts/ensure-env.js (unit-tested). */
const SECRETS = ['APP_KEYS', 'API_TOKEN_SALT', 'ADMIN_JWT_SECRET', 'TRANSFER_TOKEN_SALT', 'JWT_SECRET', 'ENCRYPTION_KEY'];

function parseEnv(text) {
  const out = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    let value = line.slice(eq + 1).trim();
    if ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'"))) {
      value = value.slice(1, -1);
    }
    out[line.slice(0, eq).trim()] = value;
  }
  return out;
}

function missingSecrets(env) {
  return SECRETS.filter((name) => env[name] === undefined || String(env[name]).trim() === '');
}

function generateSecret(name, crypto) {
  const random = () => crypto.randomBytes(16).toString('base64');
  // Strapi rotates session keys through a list.
  if (name === 'APP_KEYS') return [random(), random(), random(), random()].join(',');
  // 32 bytes for AES-256 material.
  if (name === 'ENCRYPTION_KEY') return crypto.randomBytes(32).toString('base64');
  return random();
}

module.exports = { SECRETS, parseEnv, missingSecrets, generateSecret };
