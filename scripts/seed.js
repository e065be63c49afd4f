#!/usr/bin/env node
/**
 * `npm run seed`: loads the demo content (idempotent). Boots Strapi without the HTTP
 * server, writes through the document service, and exits.
 * Refuses a database that is not local unless `--force` or SEED_FORCE=true.
 */
require('./lib/load-env')();
process.env.SEED = 'false'; // the bootstrap's auto-seed must not race this script

(async () => {
  const { compileStrapi, createStrapi } = require('@strapi/strapi');
  const force = process.argv.includes('--force') || process.env.SEED_FORCE === 'true';
  const appContext = await compileStrapi();
  const app = await createStrapi({ ...appContext, autoReload: false, serveAdminPanel: false }).load();
  app.log.level = 'warn';
  let code = 0;
  try {
    const dist = app.dirs.dist.src;
    const { assertSeedAllowed } = require(`${dist}/seed/guard`);
    const { seedDemo } = require(`${dist}/seed/seed`);
    assertSeedAllowed(app.config.get('database.connection'), force);
    const { created } = await seedDemo(app);
    const summary = Object.entries(created).map(([uid, n]) => `${uid.split('.').pop()}: ${n}`);
    process.stdout.write(summary.length ? `Seeded ${summary.join(', ')}\n` : 'Demo content already present; nothing changed.\n');
  } catch (err) {
    process.stderr.write(`seed failed: ${err.message}\n`);
    code = 1;
  } finally {
    await app.destroy();
  }
  process.exit(code);
})();
