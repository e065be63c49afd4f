/**
 * Every service of the plugin, reached through utils/get-service.ts. Three kinds, by folder:
 *  - services/: what the HTTP controllers call (and what composing and planning share);
 *  - loops/: the background loops (planner, dispatcher, heartbeat, retention) and what they use;
 *  - storage/: the SQL of the plugin's high-volume tables, one function per statement.
 */
import schedule from './schedule';
import targets from './targets';
import compose from './compose';
import welcome from './welcome';
import groupPlan from './group-plan';
import planningInputs from './planning-inputs';
import deliveries from './deliveries';
import botLeases from './bot-leases';
import tasks from './tasks';
import taskFeeds from './task-feeds';
import oneOffPosts from './one-off-posts';
import calendar from './calendar';
import editorPreview from './editor-preview';
import destinations from './destinations';
import notices from './notices';
import readiness from './readiness';
import contentWarnings from './content-warnings';
import holidayData from './holiday-data';
import publications from './publications';
import clock from '../loops/clock';
import planner from '../loops/planner';
import dispatcher from '../loops/dispatcher';
import publisher from '../loops/publisher';
import heartbeat from '../loops/heartbeat';
import receiverHealth from '../loops/receiver-health';
import retention from '../loops/retention';
import deliveryStore from '../storage/delivery-store';
import claims from '../storage/claims';
import leases from '../storage/leases';
import rateLimitSlots from '../storage/rate-limit-slots';
import groupStore from '../storage/groups';
import changeMarks from '../storage/change-marks';
import deliveryDays from '../storage/delivery-days';
import publicationsStore from '../storage/publications';

export default {
  // HTTP-facing
  schedule,
  targets,
  compose,
  welcome,
  'group-plan': groupPlan,
  'planning-inputs': planningInputs,
  deliveries,
  'bot-leases': botLeases,
  tasks,
  'task-feeds': taskFeeds,
  'one-off-posts': oneOffPosts,
  calendar,
  'editor-preview': editorPreview,
  destinations,
  notices,
  'content-warnings': contentWarnings,
  'holiday-data': holidayData,
  readiness,
  publications,
  // background loops
  clock,
  planner,
  dispatcher,
  publisher,
  heartbeat,
  'receiver-health': receiverHealth,
  retention,
  // storage
  'delivery-store': deliveryStore,
  claims,
  leases,
  'rate-limit-slots': rateLimitSlots,
  'group-store': groupStore,
  'change-marks': changeMarks,
  'delivery-days': deliveryDays,
  'publications-store': publicationsStore,
};
