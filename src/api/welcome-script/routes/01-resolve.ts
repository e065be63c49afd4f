/**
 * GET /api/welcome-scripts/resolve?channel=&group= — loaded before the core router so
 * "resolve" is never taken for a documentId.
 */
export default {
  routes: [
    { method: 'GET', path: '/welcome-scripts/resolve', handler: 'api::welcome-script.welcome-script.resolve', config: { policies: [] } },
  ],
};
