import type { Core } from '@strapi/strapi';
import { uniqueReport, uniqueTopic } from './unique-report';
import { uniqueLessonDay } from './unique-lesson-day';
import { singleDefaultWelcome } from './single-default-welcome';
import { groupFields } from './group-fields';
import { teamGroups } from './team-groups';
import { placeholderCheck, registerStrictParam } from './placeholders';
import { typedFields } from './typed-fields';
import { queryParams } from './query-params';
import { playbookSteps } from './playbook-steps';
import { useDocumentMiddleware } from './context';

/** Content rules that hold whoever writes: REST, the admin, the seed or a plugin. */
export function registerDocumentMiddlewares(strapi: Core.Strapi) {
  for (const middleware of [
    queryParams,
    typedFields,
    playbookSteps,
    placeholderCheck,
    uniqueReport,
    uniqueTopic,
    uniqueLessonDay,
    singleDefaultWelcome,
    groupFields,
    teamGroups,
  ]) {
    useDocumentMiddleware(strapi, middleware(strapi));
  }
  registerStrictParam(strapi);
}
