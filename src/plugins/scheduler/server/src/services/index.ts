import schedule from './schedule';
import targets from './targets';
import compose from './compose';
import welcome from './welcome';
import groupPlan from './group-plan';
import clock from './clock';
import deliveryStore from './delivery-store';
import planner from './planner';
import dispatcher from './dispatcher';
import deliveries from './deliveries';
import pull from './pull';
import queue from './queue';
import calendar from './calendar';
import editorPreview from './editor-preview';
import leader from './leader';
import pacing from './pacing';
import catchUp from './catch-up';
import endpointHealth from './endpoint-health';
import claims from './claims';

export default {
  schedule,
  targets,
  compose,
  welcome,
  'group-plan': groupPlan,
  clock,
  'delivery-store': deliveryStore,
  planner,
  dispatcher,
  deliveries,
  pull,
  queue,
  calendar,
  'editor-preview': editorPreview,
  leader,
  pacing,
  'catch-up': catchUp,
  'endpoint-health': endpointHealth,
  claims,
};
