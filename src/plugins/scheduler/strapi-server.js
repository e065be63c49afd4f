'use strict';
/**
 * The app's own TypeScript build compiles this plugin's server code into the app's
 * dist/ (see tsconfig.json), so a newcomer never builds the plugin separately.
 */
const path = require('path');

module.exports = require(path.join(strapi.dirs.dist.src, 'plugins', 'scheduler', 'server', 'src')).default;
