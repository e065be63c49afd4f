/**
 * A minimal stock Strapi 5 app in a temp folder under .tmp/ (so it resolves this project's
 * node_modules): only the daily-report content type (its schema and the report.item
 * component copied from src/, less the `tags` relation, whose target type is not there)
 * with the default factories.createCoreController/Router/Service, Strapi's default
 * middleware list and config, users-permissions as create-strapi-app installs it, and none
 * of our middlewares, document middlewares or plugins. Plain JS: nothing to compile.
 */
import crypto from 'crypto';
import fs from 'fs';
import path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');

const files = (schema: unknown, component: unknown): Record<string, string> => ({
  'package.json': JSON.stringify(
    {
      name: 'stock-strapi-bench',
      private: true,
      version: '0.0.0',
      dependencies: { '@strapi/strapi': '*', '@strapi/plugin-users-permissions': '*', 'better-sqlite3': '*' },
      strapi: { uuid: false, telemetryDisabled: true },
    },
    null,
    2
  ),
  'config/database.js': `module.exports = ({ env }) => ({ connection: { client: 'sqlite', connection: { filename: env('STOCK_DB_FILE') }, useNullAsDefault: true } });\n`,
  'config/server.js': `module.exports = ({ env }) => ({ host: '127.0.0.1', port: env.int('PORT', 1337), app: { keys: env.array('APP_KEYS') } });\n`,
  'config/admin.js': `module.exports = ({ env }) => ({ auth: { secret: env('ADMIN_JWT_SECRET') }, apiToken: { salt: env('API_TOKEN_SALT') }, transfer: { token: { salt: env('TRANSFER_TOKEN_SALT') } }, secrets: { encryptionKey: env('ENCRYPTION_KEY') } });\n`,
  'config/api.js': `module.exports = { rest: { defaultLimit: 25, maxLimit: 100, withCount: true } };\n`,
  'config/plugins.js': `module.exports = ({ env }) => ({ 'users-permissions': { config: { jwtSecret: env('JWT_SECRET') } } });\n`,
  'config/middlewares.js': `module.exports = ['strapi::logger', 'strapi::errors', 'strapi::security', 'strapi::cors', 'strapi::poweredBy', 'strapi::query', 'strapi::body', 'strapi::session', 'strapi::favicon', 'strapi::public'];\n`,
  'src/index.js': `module.exports = { register() {}, bootstrap() {} };\n`,
  'src/api/daily-report/content-types/daily-report/schema.json': JSON.stringify(schema, null, 2),
  'src/api/daily-report/controllers/daily-report.js': `const { factories } = require('@strapi/strapi');\nmodule.exports = factories.createCoreController('api::daily-report.daily-report');\n`,
  'src/api/daily-report/routes/daily-report.js': `const { factories } = require('@strapi/strapi');\nmodule.exports = factories.createCoreRouter('api::daily-report.daily-report');\n`,
  'src/api/daily-report/services/daily-report.js': `const { factories } = require('@strapi/strapi');\nmodule.exports = factories.createCoreService('api::daily-report.daily-report');\n`,
  'src/components/report/item.json': JSON.stringify(component, null, 2),
  'public/robots.txt': '',
  'public/uploads/.gitkeep': '',
});

/** Writes the app; returns its folder (remove it when done). */
export function writeStockApp(): string {
  const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'src/api/daily-report/content-types/daily-report/schema.json'), 'utf8'));
  delete schema.attributes.tags;
  const component = JSON.parse(fs.readFileSync(path.join(ROOT, 'src/components/report/item.json'), 'utf8'));
  const dir = path.join(ROOT, '.tmp', `bench-stock-app-${crypto.randomBytes(3).toString('hex')}`);
  for (const [file, text] of Object.entries(files(schema, component))) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}
