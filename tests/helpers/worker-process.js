/**
 * A scheduler instance in its own process: boots the compiled app on the database given by
 * the environment, with the planner and dispatcher loops on, and runs until killed. With
 * WORKER_HTTP_PORT it also serves HTTP on that port (the REST API), as a real instance would.
 * Prints READY (and the dispatcher's owner id) once it runs.
 */
const path = require('path');
const { createStrapi } = require('@strapi/strapi');

const appDir = path.resolve(__dirname, '..', '..');
const port = process.env.WORKER_HTTP_PORT;
const app = createStrapi({ appDir, distDir: path.join(appDir, 'dist'), autoReload: false, serveAdminPanel: false });
app.log.level = process.env.WORKER_LOG_LEVEL ?? 'error';

(port ? app.load().then(() => app.server.listen(Number(port), '127.0.0.1')) : app.load())
  .then(() => {
    process.stdout.write(`READY ${app.plugin('scheduler').service('dispatcher').owner}\n`);
  })
  .catch((err) => {
    process.stderr.write(`worker failed to start: ${err.stack}\n`);
    process.exit(1);
  });

// The drill's memory check: on SIGUSR2, a full GC and then the memory it could not free
// (V8 heap plus buffers), which RSS alone cannot tell from garbage awaiting collection.
process.on('SIGUSR2', () => {
  require('v8').setFlagsFromString('--expose-gc');
  const gc = require('vm').runInNewContext('gc');
  gc();
  gc();
  const m = process.memoryUsage();
  process.stdout.write(`RETAINED ${m.heapUsed + m.external}\n`);
});

// A drill's clean stop: the loops end and the planner lease is handed over.
process.on('SIGTERM', () => {
  app
    .destroy()
    .catch(() => undefined)
    .finally(() => process.exit(0));
});
