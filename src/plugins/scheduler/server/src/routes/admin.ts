import { PERMISSION } from '../constants';

/** Admin-panel routes (the plugin's pages, panels and widgets; JWT of an admin user). */
const can = (action: string) => ({
  policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [action] } }],
});
const read = can(PERMISSION.read);
const manage = can(PERMISSION.manage);

export default {
  type: 'admin',
  routes: [
    { method: 'POST', path: '/schedules/preview', handler: 'schedule.preview', config: read },
    { method: 'GET', path: '/schedules/:documentId/occurrences', handler: 'schedule.occurrences', config: read },
    { method: 'POST', path: '/editor/schedule-preview', handler: 'admin.schedulePreview', config: read },
    { method: 'POST', path: '/editor/content-preview', handler: 'admin.contentPreview', config: read },
    { method: 'GET', path: '/calendar', handler: 'admin.calendar', config: read },
    { method: 'GET', path: '/calendar/filters', handler: 'admin.filters', config: read },
    { method: 'GET', path: '/calendar/entries', handler: 'admin.calendarEntries', config: read },
    { method: 'GET', path: '/deliveries/:id', handler: 'admin.delivery', config: read },
    { method: 'POST', path: '/deliveries/:id/retry', handler: 'admin.retry', config: manage },
    { method: 'POST', path: '/deliveries/:id/cancel', handler: 'admin.cancel', config: manage },
    { method: 'POST', path: '/deliveries/:id/send-now', handler: 'admin.sendNow', config: manage },
    { method: 'GET', path: '/widgets/next-posts', handler: 'admin.nextPosts', config: read },
    { method: 'GET', path: '/widgets/attention', handler: 'admin.attention', config: read },
    { method: 'GET', path: '/groups/:documentId/timeline', handler: 'admin.groupTimeline', config: read },
    { method: 'GET', path: '/groups/:documentId/history', handler: 'admin.groupHistory', config: read },
    { method: 'GET', path: '/readiness', handler: 'admin.readiness', config: read },
    { method: 'GET', path: '/readiness/entry', handler: 'admin.readinessEntry', config: read },
    { method: 'GET', path: '/publications', handler: 'admin.publications', config: read },
    { method: 'POST', path: '/publications', handler: 'admin.publicationCreate', config: manage },
    { method: 'DELETE', path: '/publications/:id', handler: 'admin.publicationCancel', config: manage },
    { method: 'GET', path: '/tasks', handler: 'admin.tasks', config: read },
    { method: 'GET', path: '/tasks/slots', handler: 'admin.taskSlots', config: read },
    // The logged-in admin's own calendar link: read permission (it is their own data).
    { method: 'GET', path: '/tasks/feed', handler: 'admin.taskFeed', config: read },
    { method: 'POST', path: '/tasks/feed', handler: 'admin.taskFeedCreate', config: read },
    { method: 'DELETE', path: '/tasks/feed', handler: 'admin.taskFeedRevoke', config: read },
    { method: 'POST', path: '/tasks/done', handler: 'admin.tasksDone', config: manage },
    { method: 'POST', path: '/tasks/:id/done', handler: 'admin.taskDone', config: manage },
    { method: 'POST', path: '/tasks/:id/skip', handler: 'admin.taskSkip', config: manage },
  ],
};
