/** Generates missing development secrets (like `npm run develop` does) and loads .env. */
const path = require('path');
const { execFileSync } = require('child_process');

module.exports = function loadEnv() {
  if (process.env.NODE_ENV !== 'production') {
    execFileSync(process.execPath, [path.join(__dirname, '..', 'ensure-env.js')], { stdio: 'inherit' });
  }
  require('dotenv').config({ path: path.join(__dirname, '..', '..', '.env') });
};
