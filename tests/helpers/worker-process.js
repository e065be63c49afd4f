/**
 * A scheduler worker in its own process: boots the compiled app on the database given by
 * the environment, with the planner and dispatcher loops on, and runs until killed.
 */
const path = require('path');
const { createStrapi } = require('@strapi/strapi');

const appDir = path.resolve(__dirname, '..', '..');
createStrapi({ appDir, distDir: path.join(appDir, 'dist'), autoReload: false, serveAdminPanel: false })
  .load()
  .then((app) => {
    app.log.level = 'error';
    process.stdout.write('READY\n');
  })
  .catch((err) => {
    process.stderr.write(`worker failed to start: ${err.stack}\n`);
    process.exit(1);
  });
