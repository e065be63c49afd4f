/**
 * Group actions for other apps (API token). Loaded before the core router so
 * `/groups/:slug/...` is never taken for a documentId.
 */
export default {
  routes: [
    { method: 'GET', path: '/groups/:slug/today', handler: 'api::group.group.today', config: { policies: [] } },
    { method: 'POST', path: '/groups/:slug/joins', handler: 'api::group.group.joins', config: { policies: [] } },
  ],
};
