/** Per content type, the one-field changes that make an otherwise valid write invalid. */
import type { Category } from './types';
import { pick, type Rng } from './rng';
import { BAD_DATES, BAD_INSTANTS, BAD_RULES, BAD_TIMES, BAD_ZONES, INJECTIONS, SLUG_INJECTIONS } from './values';
import type { TypeName } from './content-types';

/** A field mutation that makes a write invalid: [field to name, value, category]. */
export type Mutation = { field: string; set: (d: Record<string, any>) => void; category: Category };
const m = (category: Category, field: string, set: (d: Record<string, any>) => void): Mutation => ({ category, field, set });

export function mutations(type: TypeName, r: Rng): Mutation[] {
  const inj = () => pick(r, INJECTIONS);
  const slugInj = () => pick(r, SLUG_INJECTIONS);
  const common: Mutation[] = [
    m('unknown-field', 'bogusField', (d) => (d.bogusField = 1)),
    m('unknown-field', 'constructor', (d) => (d['constructor'] = { prototype: { admin: true } } as any)),
    m('unknown-field', 'toString', (d) => (d['toString'] = 'x' as any)),
    m('unknown-field', 'documentId', (d) => (d.documentId = 'abc')),
  ];
  switch (type) {
    case 'daily-reports':
      return [
        ...common,
        m('date', 'date', (d) => (d.date = pick(r, BAD_DATES))),
        m('wrong-type', 'date', (d) => (d.date = 20260101)),
        m('wrong-type', 'date', (d) => (d.date = null)),
        m('enum', 'edition', (d) => (d.edition = pick(r, ['noon', 'MORNING', 'morning ', '', 'evening,morning']))),
        m('injection', 'edition', (d) => (d.edition = inj())),
        m('injection', 'date', (d) => (d.date = inj())),
        m('wrong-type', 'title', (d) => (d.title = { a: 1 })),
        m('wrong-type', 'items', (d) => (d.items = 'x')),
        m('wrong-type', 'title', (d) => (d.items = [{ summary: 'no title' }])),
        m('unknown-field', 'color', (d) => (d.items = [{ title: 'x', color: 'red' }])),
        m('range', 'title', (d) => (d.title = 'x'.repeat(201))),
        m('wrong-type', 'tags', (d) => (d.tags = [{ id: { $ne: null } }])),
      ];
    case 'daily-topics':
      return [
        ...common,
        m('date', 'date', (d) => (d.date = pick(r, BAD_DATES))),
        m('injection', 'date', (d) => (d.date = inj())),
        m('wrong-type', 'date', (d) => (d.date = ['2026-01-01'])),
        m('wrong-type', 'prompt', (d) => (d.prompt = ['x'])),
        m('wrong-type', 'title', (d) => (d.title = true)),
        m('range', 'title', (d) => (d.title = '题'.repeat(201))),
      ];
    case 'courses':
      return [
        ...common,
        m('injection', 'slug', (d) => (d.slug = slugInj())),
        m('wrong-type', 'slug', (d) => (d.slug = null)),
        m('wrong-type', 'lengthDays', (d) => (d.lengthDays = pick(r, ['many', '21 days', '1e3x']))),
        m('wrong-type', 'lengthDays', (d) => (d.lengthDays = { $gt: 1 })),
        m('range', 'lengthDays', (d) => (d.lengthDays = pick(r, [-1, 3651, 1e12]))),
        m('date', 'classTime', (d) => (d.classTime = pick(r, BAD_TIMES))),
        m('injection', 'classTime', (d) => (d.classTime = inj())),
        m('range', 'minutesBefore', (d) => (d.reminders = [{ minutesBefore: -5, text: 'x' }])),
        m('wrong-type', 'minutesBefore', (d) => (d.reminders = [{ minutesBefore: 'soon', text: 'x' }])),
        m('wrong-type', 'text', (d) => (d.reminders = [{ minutesBefore: 5 }])),
        m('wrong-type', 'title', (d) => (d.title = null)),
        m('wrong-type', 'lessons', (d) => (d.lessons = ['no-such-lesson-document'])),
      ];
    case 'lessons':
      return [
        ...common,
        m('wrong-type', 'day', (d) => (d.day = pick(r, ['one', '1.5.2', '']))),
        m('wrong-type', 'day', (d) => (d.day = null)),
        m('range', 'day', (d) => (d.day = pick(r, [-1, 3651]))),
        m('date', 'classTime', (d) => (d.classTime = pick(r, BAD_TIMES))),
        m('range', 'durationMinutes', (d) => (d.durationMinutes = 1441)),
        m('wrong-type', 'durationMinutes', (d) => (d.durationMinutes = [60])),
        m('injection', 'course', (d) => (d.course = inj())),
        m('wrong-type', 'course', (d) => (d.course = { connect: [{ documentId: { $ne: null } }] })),
        m('wrong-type', 'title', (d) => (d.title = 42)),
      ];
    case 'channels':
      return [
        ...common,
        m('injection', 'code', (d) => (d.code = slugInj())),
        m('wrong-type', 'code', (d) => (d.code = { a: 1 })),
        m('range', 'name', (d) => (d.name = 'n'.repeat(101))),
        m('wrong-type', 'name', (d) => (d.name = null)),
      ];
    case 'welcome-scripts':
      return [
        ...common,
        m('wrong-type', 'body', (d) => (d.body = null)),
        m('wrong-type', 'body', (d) => (d.body = { text: 'x' })),
        m('injection', 'channel', (d) => (d.channel = inj())),
        m('injection', 'group', (d) => (d.group = inj())),
        m('wrong-type', 'channel', (d) => (d.channel = { set: 'x' })),
        m('range', 'title', (d) => (d.title = 't'.repeat(201))),
      ];
    case 'playbooks':
      return [
        ...common,
        m('injection', 'slug', (d) => (d.slug = slugInj())),
        m(
          'rrule',
          'rule',
          (d) =>
            (d.steps = [
              {
                day: 0,
                time: '09:00:00',
                source: 'text',
                text: 'x',
                rule: pick(
                  r,
                  BAD_RULES.filter((x) => x.length <= 500)
                ),
              },
            ])
        ),
        m(
          'rrule',
          'rule',
          (d) => (d.steps = [{ day: 0, time: '09:00:00', source: 'text', text: 'x', rule: 'DTSTART:20260101T090000\nRRULE:FREQ=DAILY' }])
        ),
        m('date', 'time', (d) => (d.steps = [{ day: 0, time: pick(r, BAD_TIMES), source: 'text', text: 'x' }])),
        m('enum', 'source', (d) => (d.steps = [{ day: 0, time: '09:00:00', source: pick(r, ['rss', 'TEXT', 'lesson ']), text: 'x' }])),
        m('range', 'day', (d) => (d.steps = [{ day: pick(r, [-366, 3651]), time: '09:00:00', source: 'text', text: 'x' }])),
        m('wrong-type', 'day', (d) => (d.steps = [{ day: 'first', time: '09:00:00', source: 'text', text: 'x' }])),
        m('wrong-type', 'time', (d) => (d.steps = [{ day: 1, source: 'text', text: 'x' }])),
        m('unknown-field', 'offset', (d) => (d.steps = [{ day: 0, time: '09:00:00', source: 'text', text: 'x', offset: 3 }])),
        m('wrong-type', 'steps', (d) => (d.steps = { day: 0 })),
        m('range', 'lengthDays', (d) => (d.lengthDays = -3)),
      ];
    case 'groups':
      return [
        ...common,
        m('zone', 'timezone', (d) => (d.timezone = pick(r, BAD_ZONES))),
        m('wrong-type', 'timezone', (d) => (d.timezone = pick(r, [null, 8, { tz: 'UTC' }, ['UTC'], '']))),
        m('injection', 'timezone', (d) => (d.timezone = inj())),
        m('injection', 'slug', (d) => (d.slug = slugInj())),
        m('enum', 'platform', (d) => (d.platform = pick(r, ['fax', 'WeCom', 'email', '']))),
        m('injection', 'platform', (d) => (d.platform = inj())),
        m('enum', 'stage', (d) => (d.stage = pick(r, ['dead', 'LAUNCH', 'open']))),
        m('enum', 'locale', (d) => (d.locale = pick(r, ['fr', 'zh', 'klingon', 'EN']))),
        m('injection', 'locale', (d) => (d.locale = inj())),
        m('date', 'cohortStart', (d) => (d.cohortStart = pick(r, BAD_DATES))),
        m('date', 'start', (d) => (d.quietHours = [{ start: pick(r, BAD_TIMES), end: '07:00:00' }])),
        m('date', 'end', (d) => (d.quietHours = [{ start: '22:00:00' }])),
        m('date', 'end', (d) => (d.quietHours = [{ start: '22:00:00', end: '22:00:00' }])),
        m('unknown-field', 'tz', (d) => (d.quietHours = [{ start: '22:00:00', end: '07:00:00', tz: 'UTC' }])),
        m('wrong-type', 'quietHours', (d) => (d.quietHours = '22:00-07:00')),
        m('range', 'maxPostsPerHour', (d) => (d.maxPostsPerHour = pick(r, [-1, 3601, 1e15]))),
        m('wrong-type', 'maxPostsPerHour', (d) => (d.maxPostsPerHour = '10/h')),
        m('wrong-type', 'secret', (d) => (d.secret = { key: 'x' })),
        m('range', 'endpoint', (d) => (d.endpoint = `https://example.com/${'p'.repeat(2100)}`)),
        m('date', 'endpointDisabledAt', (d) => (d.endpointDisabledAt = pick(r, BAD_INSTANTS))),
        m('wrong-type', 'tags', (d) => (d.tags = [{ evil: 1 }])),
        m('injection', 'tags', (d) => (d.tags = [inj()])),
      ];
    case 'tags':
      return [
        ...common,
        m('injection', 'slug', (d) => (d.slug = slugInj())),
        m('wrong-type', 'name', (d) => (d.name = { $gt: '' })),
        m('wrong-type', 'name', (d) => (d.name = null)),
        m('range', 'name', (d) => (d.name = '🙂'.repeat(101))),
      ];
    case 'schedules':
      return [
        ...common,
        m('rrule', 'rule', (d) => (d.rule = pick(r, BAD_RULES))),
        m('wrong-type', 'rule', (d) => (d.rule = pick(r, [null, 123, ['FREQ=DAILY'], { FREQ: 'DAILY' }]))),
        m('injection', 'rule', (d) => (d.rule = inj())),
        m('zone', 'timezone', (d) => (d.timezone = pick(r, BAD_ZONES))),
        m('injection', 'timezone', (d) => (d.timezone = inj())),
        m('date', 'startsAt', (d) => (d.startsAt = pick(r, BAD_INSTANTS))),
        m('date', 'endsAt', (d) => ((d.startsAt = '2026-12-01T00:00:00Z'), (d.endsAt = '2026-11-01T00:00:00Z'))),
        m(
          'date',
          'exceptions',
          (d) => (d.exceptions = pick(r, [['2026-02-30'], '2026-01-01', [20260101], { $where: '1' }, ['yesterday']]))
        ),
        m('enum', 'source', (d) => (d.source = pick(r, ['rss', 'Text', 'morning_report']))),
        m('enum', 'catchUp', (d) => (d.catchUp = pick(r, ['sometimes', 'ALL', 'none']))),
        m('enum', 'quietHours', (d) => (d.quietHours = pick(r, ['maybe', 'ignore']))),
        m('injection', 'catchUp', (d) => (d.catchUp = inj())),
        m('range', 'graceSeconds', (d) => (d.graceSeconds = pick(r, [-1, 604801]))),
        m('wrong-type', 'graceSeconds', (d) => (d.graceSeconds = pick(r, ['soon', '1e999', true]))),
        m('wrong-type', 'active', (d) => (d.active = pick(r, ['maybe', 2, 'yes']))),
        m('wrong-type', 'text', (d) => ((d.source = 'text'), (d.text = ''))),
        m('injection', 'groups', (d) => (d.groups = [inj()])),
        m('wrong-type', 'groups', (d) => (d.groups = { connect: [{ documentId: { $ne: null } }] })),
        m('range', 'name', (d) => (d.name = 'n'.repeat(201))),
      ];
  }
}
