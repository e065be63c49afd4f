/** Bad list queries (filters, sort, pagination, populate, fields, locale) for a content type. */
import type { Category } from './types';
import { pick, type Rng } from './rng';
import { BAD_DATES, BAD_INSTANTS, BAD_TIMES } from './values';
import type { TypeName } from './content-types';

export type QueryCase = [Category, Record<string, string> | ((r: Rng) => Record<string, string>), string | undefined];

/** Bad list queries for a content type (its own field names where the case needs one). */
export function queryCases(type: TypeName): QueryCase[] {
  const FIELDS: Record<TypeName, { int?: string; date?: string; time?: string; datetime?: string; relation?: string; bool?: string }> = {
    'daily-reports': { date: 'date', relation: 'tags' },
    'daily-topics': { date: 'date', relation: 'tags' },
    courses: { int: 'lengthDays', time: 'classTime', relation: 'lessons' },
    lessons: { int: 'day', time: 'classTime', relation: 'course' },
    channels: {},
    'welcome-scripts': { relation: 'channel' },
    playbooks: { int: 'lengthDays' },
    groups: { int: 'maxPostsPerHour', date: 'cohortStart', datetime: 'endpointDisabledAt', relation: 'tags' },
    tags: {},
    schedules: { int: 'graceSeconds', datetime: 'startsAt', relation: 'groups', bool: 'active' },
  };
  const f = FIELDS[type];
  const cases: QueryCase[] = [
    ['query', (r) => ({ [`filters[${pick(r, ['nope', 'password', 'createdBy', 'secret'])}][$eq]`]: '1' }), undefined],
    ['query', (r) => ({ [`filters[id][${pick(r, ['$foo', '$regex', '$where', '$expr', 'eq'])}]`]: '1' }), undefined],
    ['query', { 'filters[$where]': 'sleep(1000)' }, undefined],
    ['query', { 'filters[id][$gt]': "1' OR 1=1 --" }, 'filters'],
    ['query', { 'filters[id][$eq][$eq]': '1' }, 'filters'],
    ['query', (r) => ({ [`filters[${pick(r, ['$or', '$and'])}]`]: 'x' }), 'filters'],
    ['query', { 'filters[$not]': 'x' }, 'filters'],
    ['query', { 'filters[0]': 'x' }, 'filters'],
    ['query', { filters: 'garbage' }, undefined],
    ['query', { 'filters[id][$between]': '1' }, 'filters'],
    ['query', { 'filters[id][$null]': 'maybe' }, 'filters'],
    ['query', (r) => ({ sort: pick(r, ['nope:asc', 'id:sideways', 'constructor', "id' OR 1=1 --", 'id:asc:desc']) }), undefined],
    ['query', { 'sort[0][id]': 'up' }, undefined],
    ['query', (r) => ({ 'pagination[page]': pick(r, ['abc', '0', '-1', '1.5']) }), 'page'],
    ['query', (r) => ({ 'pagination[pageSize]': pick(r, ['abc', '0', '1e3']) }), 'pageSize'],
    ['query', (r) => ({ 'pagination[start]': pick(r, ['-5', 'x']) }), 'start'],
    ['query', (r) => ({ 'pagination[limit]': pick(r, ['abc', '-2']) }), 'limit'],
    ['query', { 'pagination[page]': '1', 'pagination[start]': '0' }, undefined],
    ['query', { 'pagination[withCount]': 'maybe' }, undefined],
    ['query', { pagination: 'all' }, 'pagination'],
    ['query', (r) => ({ populate: pick(r, ['nope', 'createdBy.nope', '*.nope']) }), undefined],
    ['query', { 'populate[nope][populate]': '*' }, undefined],
    ['query', (r) => ({ fields: pick(r, ['nope', 'constructor', 'toString', 'id,nope']) }), undefined],
    ['query', (r) => ({ locale: pick(r, ['klingon', "en' OR 1=1 --", '../../etc', 'en_US_POSIX_TOO_LONG_1234567890abcdef']) }), undefined],
    ['unknown-field', (r) => ({ [pick(r, ['foo', 'where', 'offset', 'q'])]: '1' }), undefined],
  ];
  if (f.int)
    cases.push([
      'query',
      (r) => ({ [`filters[${f.int}][${pick(r, ['$gt', '$eq', '$lte'])}]`]: pick(r, ['abc', "1' OR 1=1 --", '1;DROP TABLE x', 'NaN']) }),
      f.int,
    ]);
  if (f.int) cases.push(['query', { [`filters[${f.int}][$in][0]`]: 'abc' }, f.int]);
  if (f.date) cases.push(['date', (r) => ({ [`filters[${f.date}][${pick(r, ['$eq', '$gt'])}]`]: pick(r, BAD_DATES) }), f.date]);
  if (f.time) cases.push(['date', (r) => ({ [`filters[${f.time}][$eq]`]: pick(r, BAD_TIMES) }), f.time]);
  if (f.datetime) cases.push(['date', (r) => ({ [`filters[${f.datetime}][$lt]`]: pick(r, BAD_INSTANTS) }), f.datetime]);
  if (f.bool) cases.push(['query', (r) => ({ [`filters[${f.bool}][$eq]`]: pick(r, ['maybe', 'yes please']) }), f.bool]);
  if (f.relation) {
    cases.push(['query', { [`filters[${f.relation}][id][$gt]`]: 'abc' }, 'id']);
    cases.push(['query', { [`populate[${f.relation}][filters][id][$gt]`]: 'abc' }, 'id']);
    cases.push(['query', { [`populate[${f.relation}][fields][0]`]: 'constructor' }, undefined]);
    cases.push(['query', { [`populate[${f.relation}][sort]`]: 'nope' }, undefined]);
  }
  return cases;
}
