/**
 * The stock app in its own process (like our instance, tests/helpers/worker-process.js):
 * boots the app in STOCK_APP_DIR, adds the zh-Hans locale, loads the daily reports of
 * STOCK_SEED_FILE through the document service (created and published per locale), makes a
 * read-only API token, serves HTTP on PORT and prints READY <token>.
 */
const fs = require('fs');
const { createStrapi } = require('@strapi/strapi');

const appDir = process.env.STOCK_APP_DIR;
const app = createStrapi({ appDir, distDir: appDir, autoReload: false, serveAdminPanel: false });
app.log.level = 'error';
const UID = 'api::daily-report.daily-report';

async function seed() {
  const locales = app.plugin('i18n').service('locales');
  if (!(await locales.find()).some((l) => l.code === 'zh-Hans'))
    await locales.create({ code: 'zh-Hans', name: 'Chinese (Simplified) (zh-Hans)' });
  const reports = JSON.parse(fs.readFileSync(process.env.STOCK_SEED_FILE, 'utf8'));
  const docs = app.documents(UID);
  for (const byLocale of reports) {
    let documentId = null;
    for (const [locale, data] of Object.entries(byLocale)) {
      if (!documentId) documentId = (await docs.create({ locale, data })).documentId;
      else await docs.update({ documentId, locale, data });
      await docs.publish({ documentId, locale });
    }
  }
  const token = await app.service('admin::api-token').create({ name: 'bench', type: 'read-only', lifespan: null, description: 'bench' });
  return token.accessKey;
}

app
  .load()
  .then(seed)
  .then(async (token) => {
    await new Promise((resolve) => app.server.listen(Number(process.env.PORT), '127.0.0.1', resolve));
    process.stdout.write(`READY ${token}\n`);
  })
  .catch((err) => {
    process.stderr.write(`stock app failed to start: ${err.stack}\n`);
    process.exit(1);
  });
