import schedule from './schedule';
import renditions from './renditions';
import deliveries from './deliveries';
import admin from './admin';
import health from './health';
import tasks from './tasks';
import taskFeeds from './task-feeds';
import readiness from './readiness';
import publications from './publications';

export default { schedule, renditions, deliveries, admin, health, tasks, 'task-feeds': taskFeeds, readiness, publications };
