/**
 * Content-API routes, mounted at /api/... exactly (empty plugin prefix): these paths
 * are a contract other apps code against.
 */
export default {
  type: 'content-api',
  prefix: '',
  routes: [
    { method: 'POST', path: '/schedules/preview', handler: 'schedule.preview', config: { policies: [] } },
    { method: 'GET', path: '/schedules/:documentId/occurrences', handler: 'schedule.occurrences', config: { policies: [] } },
    { method: 'GET', path: '/renditions/:source', handler: 'renditions.find', config: { policies: [] } },
    { method: 'POST', path: '/deliveries/lease', handler: 'deliveries.lease', config: { policies: [] } },
    { method: 'POST', path: '/deliveries/:id/ack', handler: 'deliveries.ack', config: { policies: [] } },
    { method: 'POST', path: '/deliveries/:id/nack', handler: 'deliveries.nack', config: { policies: [] } },
    { method: 'POST', path: '/schedules/:documentId/run-now', handler: 'deliveries.runNow', config: { policies: [] } },
    { method: 'GET', path: '/deliveries', handler: 'deliveries.find', config: { policies: [] } },
    { method: 'GET', path: '/deliveries/:id', handler: 'deliveries.findOne', config: { policies: [] } },
    { method: 'POST', path: '/deliveries/:id/retry', handler: 'deliveries.retry', config: { policies: [] } },
    { method: 'POST', path: '/deliveries/:id/cancel', handler: 'deliveries.cancel', config: { policies: [] } },
    { method: 'POST', path: '/deliveries/:id/send-now', handler: 'deliveries.sendNow', config: { policies: [] } },
    { method: 'GET', path: '/tasks', handler: 'tasks.find', config: { policies: [] } },
    { method: 'POST', path: '/tasks/:id/done', handler: 'tasks.done', config: { policies: [] } },
    { method: 'POST', path: '/tasks/:id/skip', handler: 'tasks.skip', config: { policies: [] } },
    { method: 'GET', path: '/scheduler/health', handler: 'health.find', config: { policies: [] } },
    // A calendar app reads it with no credential but the token in the path (docs/delivery.md#calendar-feed).
    { method: 'GET', path: '/scheduler/feeds/:token.ics', handler: 'task-feeds.find', config: { auth: false, policies: [] } },
    { method: 'GET', path: '/scheduler/readiness', handler: 'readiness.find', config: { policies: [] } },
    { method: 'GET', path: '/scheduler/publications', handler: 'publications.find', config: { policies: [] } },
    { method: 'POST', path: '/scheduler/publications', handler: 'publications.create', config: { policies: [] } },
    { method: 'DELETE', path: '/scheduler/publications/:id', handler: 'publications.delete', config: { policies: [] } },
    { method: 'GET', path: '/schedules', handler: 'schedule.find', config: { policies: [] } },
    { method: 'GET', path: '/schedules/:id', handler: 'schedule.findOne', config: { policies: [] } },
    { method: 'POST', path: '/schedules', handler: 'schedule.create', config: { policies: [] } },
    { method: 'PUT', path: '/schedules/:id', handler: 'schedule.update', config: { policies: [] } },
    { method: 'DELETE', path: '/schedules/:id', handler: 'schedule.delete', config: { policies: [] } },
  ],
};
