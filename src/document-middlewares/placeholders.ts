import type { Core } from '@strapi/strapi';
import { UID } from '../constants';
import { findPlaceholders, KNOWN_PLACEHOLDERS } from '../plugins/scheduler/server/src/public';
import { fieldError } from '../utils/validation-error';
import { isObject, type DocumentContext } from './context';

/** The fields that are posted to groups, per type ("items.summary" = in each item). */
export const POSTED_FIELDS: Record<string, string[]> = {
  [UID.dailyReport]: ['greeting', 'task', 'closing', 'items.title', 'items.summary'],
  [UID.dailyTopic]: ['prompt', 'summary'],
  [UID.course]: ['reminders.text'],
  [UID.lesson]: ['title', 'body', 'homework'],
  [UID.welcomeScript]: ['body', 'selfIntroTemplate', 'rules'],
  [UID.playbook]: ['steps.text'],
  'plugin::scheduler.schedule': ['text'],
};

/** Every unknown placeholder in the data, with the path of the field it is in. */
export function unknownPlaceholders(uid: string, data: Record<string, unknown>): { path: (string | number)[]; name: string }[] {
  const found: { path: (string | number)[]; name: string }[] = [];
  for (const field of POSTED_FIELDS[uid] ?? []) {
    const [head, sub] = field.split('.');
    const value = data?.[head];
    const check = (text: unknown, path: (string | number)[]) => {
      if (typeof text !== 'string') return;
      for (const name of findPlaceholders(text).unknown) found.push({ path, name });
    };
    const items: unknown[] = Array.isArray(value) ? value : [];
    if (sub) items.forEach((item, i) => check(isObject(item) ? item[sub] : undefined, [head, i, sub]));
    else check(value, [head]);
  }
  return found;
}

/**
 * An unknown placeholder would reach a group as nothing (it is never sent as "{{…}}").
 * Saving one is refused with a 400 naming the field when strict (REST `?strict=true`, or
 * PLACEHOLDERS_STRICT=true for every writer); otherwise it is logged as a warning.
 */
export const placeholderCheck = (strapi: Core.Strapi) => async (context: DocumentContext, next: () => Promise<unknown>) => {
  if (!POSTED_FIELDS[context.uid] || (context.action !== 'create' && context.action !== 'update')) return next();
  const data = context.params?.data;
  const problems = unknownPlaceholders(context.uid, isObject(data) ? data : {});
  if (problems.length) {
    const request = strapi.requestContext.get();
    const strict = process.env.PLACEHOLDERS_STRICT === 'true' || request?.query?.strict === 'true';
    const first = problems[0];
    const message = `unknown placeholder {{${first.name}}} in ${first.path.join('.')}; known placeholders: ${KNOWN_PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}`;
    if (strict) throw fieldError(first.path, message);
    strapi.log.warn(
      `[placeholders] ${context.uid}: ${problems.map((p) => `{{${p.name}}} in ${p.path.join('.')}`).join(', ')} (will be left out when sent)`
    );
  }
  return next();
};

/** Lets REST writers opt in to strict placeholder checks with `?strict=true`. */
export function registerStrictParam(strapi: Core.Strapi) {
  const paths = ['/daily-reports', '/daily-topics', '/courses', '/lessons', '/welcome-scripts', '/playbooks', '/schedules'];
  strapi.contentAPI.addQueryParams({
    strict: {
      schema: (z) => z.enum(['true', 'false']).optional(),
      // Route definitions are modules: a second Strapi booted in the same process (drills,
      // benches) finds the parameter already declared on them.
      matchRoute: (route) =>
        !(route.request?.query && 'strict' in route.request.query) &&
        ['POST', 'PUT'].includes(route.method) &&
        paths.some((p) => route.path === p || route.path.startsWith(`${p}/:`)),
    },
  });
}
