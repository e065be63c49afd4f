/** Admin-panel routes (used by the plugin's pages; JWT of an admin user). */
export default {
  type: 'admin',
  routes: [
    {
      method: 'POST',
      path: '/schedules/preview',
      handler: 'schedule.preview',
      config: { policies: ['admin::isAuthenticatedAdmin'] },
    },
    {
      method: 'GET',
      path: '/schedules/:documentId/occurrences',
      handler: 'schedule.occurrences',
      config: { policies: ['admin::isAuthenticatedAdmin'] },
    },
  ],
};
