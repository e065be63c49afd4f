import schedule from './schedule';
import targets from './targets';
import compose from './compose';
import welcome from './welcome';
import groupPlan from './group-plan';

export default { schedule, targets, compose, welcome, 'group-plan': groupPlan };
