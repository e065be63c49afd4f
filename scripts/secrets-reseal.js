#!/usr/bin/env node
/**
 * `npm run secrets:reseal`: seals every group's stored secrets again under the current
 * ENCRYPTION_KEY (after a rotation: the old key in ENCRYPTION_KEY_PREVIOUS). Boots Strapi
 * without the HTTP server or the scheduler loops, like `npm run seed`. Idempotent and safe
 * while the app runs (each row is written only if unchanged since it was read). Prints
 * counts, never a value; exits 1 when a value opens with none of the keys.
 */
require('./lib/load-env')();
process.env.SEED = 'false'; // the bootstrap's auto-seed must not run here
process.env.SCHEDULER_WORKER = 'false'; // nor the planner and dispatcher

(async () => {
  const { compileStrapi, createStrapi } = require('@strapi/strapi');
  const appContext = await compileStrapi();
  const app = await createStrapi({ ...appContext, autoReload: false, serveAdminPanel: false }).load();
  app.log.level = 'warn';
  let code = 0;
  try {
    const { resealGroups } = require(`${app.dirs.dist.src}/plugins/scheduler/server/src/secrets/reseal`);
    const { resealed, current, failed } = await resealGroups(app);
    process.stdout.write(`resealed: ${resealed}, already current: ${current}, could not open: ${failed.length}\n`);
    if (failed.length) {
      process.stderr.write(
        `could not open (enter these again, or add the key that sealed them to ENCRYPTION_KEY_PREVIOUS): ${failed.join(', ')}\n`
      );
      code = 1;
    }
  } catch (err) {
    process.stderr.write(`secrets:reseal failed: ${err.message}\n`);
    code = 1;
  } finally {
    await app.destroy();
  }
  process.exit(code);
})();
