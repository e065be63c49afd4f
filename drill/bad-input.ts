/**
 * Drill: bad input at volume.
 *
 * 1,000 malformed REST requests, generated deterministically from a seed and spread over
 * every writable or parameterised endpoint (core content types, the scheduler plugin, the
 * group and welcome-script actions): bad JSON, wrong types, unknown fields, oversized
 * bodies, invalid RRULEs and zones, bad dates, out-of-range enums, injection strings in
 * fields that have a format, bad query parameters and wrong methods. Each must be a 4xx
 * (400, 404, 405, 413 or 415) in Strapi's error shape with a message; validation errors
 * must name the field. No table may gain or lose a row and the fixtures the requests aim
 * at must be unchanged. The same 1,000 run twice more and the server's RSS may not grow
 * by 40 MB or more between the first and the third round; V8 collects old garbage late,
 * so when it did, more rounds run until RSS is back within 40 MB or two major GCs show
 * whether the floor under the sawtooth rises (see the comment at the rounds).
 *
 * Separately, injection strings in every free-text field of valid creates must be stored
 * and read back byte for byte; those entries are deleted again.
 */
import fs from 'fs';

export interface DrillRow {
  what: string;
  tried: number;
  found: string;
  ok: boolean;
}
export interface DrillResult {
  name: string;
  ok: boolean;
  rows: DrillRow[];
}
export interface BadInputContext {
  url: string;
  token: string;
  pid: number;
  rowCounts: () => Promise<Record<string, number>>;
  log?: (line: string) => void;
  /** Defaults: seed 20261122, 1,000 requests, 200 warm-up, concurrency 8, 15 s per request, 40 MB, up to 30 extra rounds. */
  options?: Partial<BadInputOptions>;
}
export interface BadInputOptions {
  seed: number;
  count: number;
  warmup: number;
  concurrency: number;
  timeoutMs: number;
  maxRssGrowthMb: number;
  /** Rounds beyond the third, only while RSS stays the limit or more above round 1's and fewer than two major GCs were seen. */
  extraRounds: number;
}

const DEFAULTS: BadInputOptions = { seed: 20261122, count: 1000, warmup: 200, concurrency: 8, timeoutMs: 15_000, maxRssGrowthMb: 40, extraRounds: 30 };
/** Statuses a malformed, authenticated request may get. */
const OK_STATUS = new Set([400, 404, 405, 413, 415]);
const MB = 1024 * 1024;

// ---------------------------------------------------------------------------------------
// Requests

type Category =
  | 'bad-json'
  | 'wrong-content-type'
  | 'wrong-type'
  | 'unknown-field'
  | 'oversized'
  | 'rrule'
  | 'zone'
  | 'date'
  | 'enum'
  | 'range'
  | 'injection'
  | 'query'
  | 'bad-id'
  | 'method';

const CATEGORY_TEXT: Record<Category, string> = {
  'bad-json': 'bad JSON (truncated, trailing commas, binary garbage, too deep)',
  'wrong-content-type': 'wrong or broken content type / encoding',
  'wrong-type': 'wrong types (string for integer, object for string, arrays, null for required)',
  'unknown-field': 'unknown fields (body, components, query)',
  oversized: 'oversized bodies (5 MB JSON, 2 MB field, 900 KB field)',
  rrule: 'invalid RRULE strings',
  zone: 'invalid IANA zones',
  date: 'bad dates, times and date-times',
  enum: 'out-of-range enums',
  range: 'numbers out of range',
  injection: 'injection strings in fields with a format',
  query: 'bad filters, sort, pagination, populate, fields, locale',
  'bad-id': 'malformed ids and slugs in the path',
  method: 'wrong HTTP method',
};

interface Req {
  category: Category;
  /** The route as written in the routes file, for the coverage count. */
  endpoint: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** The field a 400 must name (in the message, details.errors[].path or details.key/param). */
  field?: string;
}

interface Fixtures {
  tag: string;
  group: string;
  groupSlug: string;
  course: string;
  lesson: string;
  report: string;
  topic: string;
  channel: string;
  welcome: string;
  playbook: string;
  schedule: string;
}

type Rng = () => number;
function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = <T>(r: Rng, list: readonly T[]): T => list[Math.floor(r() * list.length)];

/** Injection strings; each is invalid wherever a slug, zone, rule, date, enum, locale or id is expected. */
const INJECTIONS = [
  "' OR 1=1 --",
  '"; DROP TABLE groups; --',
  "Robert'); DROP TABLE tags;--",
  '<script>alert(1)</script>',
  "{{constructor.constructor('x')()}}",
  '../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '$where',
  '{"$where": "sleep(1000)"}',
  '__proto__[admin]=1',
  'a\u0000b',
  '\u0000',
  '${7*7}',
  '%00%27',
  '\u202e\u0000gpj.exe',
  '🙂'.repeat(600),
  '中'.repeat(3000),
] as const;
/** Also invalid in a slug (Strapi's uid allows A-Z a-z 0-9 - _ . ~). */
const SLUG_INJECTIONS = INJECTIONS.filter((s) => !/^[A-Za-z0-9\-_.~]*$/.test(s));

const BAD_RULES = [
  'FREQ=SOMETIMES',
  'FREQ=SECONDLY',
  'FREQ=MINUTELY;INTERVAL=1',
  'FREQ=DAILY;BYHOUR=25',
  'FREQ=DAILY;BYMINUTE=60',
  'FREQ=WEEKLY;BYDAY=XX',
  'FREQ=DAILY;INTERVAL=0',
  'FREQ=DAILY;COUNT=-1',
  'FREQ=DAILY;UNTIL=notadate',
  'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=31',
  'FREQ=MONTHLY;BYMONTH=13',
  'FREQ=HOURLY;BYMONTHDAY=1',
  'DTSTART:garbage\nRRULE:FREQ=DAILY',
  'DTSTART;TZID=Mars/Olympus:20260301T090000\nRRULE:FREQ=DAILY',
  'RRULE:',
  'FREQ=DAILY;;;BYHOUR',
  'FREQ=DAILY;BYSETPOS=400',
  'FREQ=DAILY\u0000;BYHOUR=8',
  "FREQ=DAILY' OR 1=1 --",
  'FREQ=DAILY;BYHOUR=8\nEXDATE:notadate',
  `FREQ=DAILY;${'BYHOUR=8;'.repeat(600)}`,
];
const BAD_ZONES = ['Mars/Olympus_Mons', 'Asia/Shanghai\u0000', ' Europe/Berlin', 'UTC+25', 'GMT+8:00', '+08:00', 'Europe/Berlin; DROP TABLE groups', '../../etc/passwd', 'America/New York', 'Asia/', '🙂'.repeat(40)];
const BAD_DATES = ['2026-02-30', '2026-13-01', '2026-00-10', 'yesterday', '20260101', '2026/01/01', '01-02-2026', '2026-01-01T99:00', '0000-00-00', '9999-99-99', "2026-01-01' OR 1=1 --"];
const BAD_INSTANTS = ['notadate', '2026-13-01T00:00:00Z', '2026-02-30T08:00:00Z', '2026-01-01T25:00:00Z', '12', 'Tuesday', '2026-01-01T08:00:00+25:00', '1e999'];
const BAD_TIMES = ['24:00', '25:00:00', '7pm', '12:60', '08:00:61', 'noon', '8', '08-00'];

const q = (params: Record<string, string>) =>
  Object.entries(params)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(short(v))}`)
    .join('&');
/** Path segments and query values stay short enough for Node's 16 KB header limit (a longer URL is a bodiless 431). */
const short = (s: string) => (s.length > 500 ? s.slice(0, 500) : s);
const seg = (s: string) => encodeURIComponent(short(s));
const json = (v: unknown) => JSON.stringify(v);
const JSONH = { 'content-type': 'application/json' };

// Big bodies are built once and shared across rounds.
let big5mb: Uint8Array | null = null;
let big2mbField: string | null = null;
let big900kbField: string | null = null;
const fiveMb = () => (big5mb ??= new TextEncoder().encode(json({ data: { name: 'x', slug: 'x', description: 'y'.repeat(5 * MB) } })));
const twoMbField = () => (big2mbField ??= 'z'.repeat(2 * MB));
const nineHundredKb = () => (big900kbField ??= '界'.repeat(300 * 1024)); // 900 KB of UTF-8, under the 1 MB limit

/** Valid create payloads, to mutate one field at a time. */
function validData(type: string, fx: Fixtures, r: Rng): Record<string, any> {
  const n = Math.floor(r() * 1e9);
  switch (type) {
    case 'daily-reports':
      return { date: '2099-06-01', edition: 'morning', title: 'T', greeting: 'G', items: [{ title: 'I', summary: 'S', link: 'https://example.com' }], task: 'K', closing: 'C' };
    case 'daily-topics':
      return { date: '2099-06-01', title: 'T', prompt: 'P', hostGuide: 'H', summary: 'S' };
    case 'courses':
      return { title: 'C', slug: `bi-c-${n}`, description: 'D', lengthDays: 21, classTime: '20:00:00', reminders: [{ minutesBefore: 60, text: 'R' }] };
    case 'lessons':
      return { course: fx.course, day: 900 + (n % 900), title: 'L', body: 'B', homework: 'H', classTime: '20:00:00', durationMinutes: 60, liveUrl: 'https://example.com/live' };
    case 'channels':
      return { name: 'Ch', code: `bi-ch-${n}`, description: 'D' };
    case 'welcome-scripts':
      return { title: 'W', channel: fx.channel, body: 'B', selfIntroTemplate: 'S', rules: 'R' };
    case 'playbooks':
      return { name: 'P', slug: `bi-p-${n}`, description: 'D', lengthDays: 21, steps: [{ day: 0, time: '09:00:00', source: 'text', text: 'X', title: 'S' }] };
    case 'groups':
      return { name: 'G', slug: `bi-g-${n}`, platform: 'pull', timezone: 'Asia/Shanghai', locale: 'en', stage: 'growth', cohortStart: '2099-01-01', quietHours: [{ start: '23:00:00', end: '07:00:00' }], maxPostsPerHour: 10 };
    case 'tags':
      return { name: 'T', slug: `bi-t-${n}` };
    case 'schedules':
      return { name: 'S', rule: 'FREQ=DAILY;BYHOUR=8;BYMINUTE=0', timezone: 'Asia/Shanghai', source: 'text', text: 'X', active: false, groups: [fx.group], catchUp: 'skip', graceSeconds: 300, quietHours: 'defer' };
    default:
      throw new Error(type);
  }
}

const TYPES = ['daily-reports', 'daily-topics', 'courses', 'lessons', 'channels', 'welcome-scripts', 'playbooks', 'groups', 'tags', 'schedules'] as const;
type TypeName = (typeof TYPES)[number];
const fixtureOf = (type: TypeName, fx: Fixtures): string =>
  ({ 'daily-reports': fx.report, 'daily-topics': fx.topic, courses: fx.course, lessons: fx.lesson, channels: fx.channel, 'welcome-scripts': fx.welcome, playbooks: fx.playbook, groups: fx.group, tags: fx.tag, schedules: fx.schedule })[type];

/** A field mutation that makes a write invalid: [field to name, value, category]. */
type Mutation = { field: string; set: (d: Record<string, any>) => void; category: Category };
const m = (category: Category, field: string, set: (d: Record<string, any>) => void): Mutation => ({ category, field, set });

function mutations(type: TypeName, r: Rng): Mutation[] {
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
        m('rrule', 'rule', (d) => (d.steps = [{ day: 0, time: '09:00:00', source: 'text', text: 'x', rule: pick(r, BAD_RULES.filter((x) => x.length <= 500)) }])),
        m('rrule', 'rule', (d) => (d.steps = [{ day: 0, time: '09:00:00', source: 'text', text: 'x', rule: 'DTSTART:20260101T090000\nRRULE:FREQ=DAILY' }])),
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
        m('date', 'exceptions', (d) => (d.exceptions = pick(r, [['2026-02-30'], '2026-01-01', [20260101], { $where: '1' }, ['yesterday']]))),
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

type Gen = { endpoint: string; category: Category; weight?: number; make: (r: Rng, fx: Fixtures) => Req };

/** Every generator; each is used at least once, the rest of the 1,000 is drawn by weight. */
function generators(): Gen[] {
  const gens: Gen[] = [];
  const add = (endpoint: string, category: Category, make: Gen['make'], weight = 1) => gens.push({ endpoint, category, make, weight });

  for (const type of TYPES) {
    const list = `/api/${type}`;
    // Writes: one invalid field in an otherwise valid body, on create and on update of a fixture.
    const probe = mutations(type, mulberry32(1));
    probe.forEach((mu, i) => {
      add(`POST ${list}`, mu.category, (r, fx) => {
        const data = validData(type, fx, r);
        mutations(type, r)[i].set(data);
        return { category: mu.category, endpoint: `POST ${list}`, method: 'POST', path: list, headers: JSONH, body: json({ data }), field: mu.field };
      });
      add(`PUT ${list}/:id`, mu.category, (r, fx) => {
        const data: Record<string, any> = {};
        mutations(type, r)[i].set(data);
        if (mu.field === 'endsAt') data.startsAt = '2026-12-01T00:00:00Z';
        return { category: mu.category, endpoint: `PUT ${list}/:id`, method: 'PUT', path: `${list}/${fixtureOf(type, fx)}`, headers: JSONH, body: json({ data }), field: mu.field };
      });
    });
    // Bad JSON and bodies in the wrong shape.
    add(`POST ${list}`, 'bad-json', (r, fx) => {
      const text = json({ data: validData(type, fx, r) });
      const variant = pick(r, [
        () => text.slice(0, Math.max(1, Math.floor(text.length * r()))),
        () => text.replace(/}$/, ',}'),
        () => text.replace(/"(\w+)":/, '$1:'),
        () => text.replace(/"/g, "'"),
        () => `${text} // comment`,
        () => text.replace(/:\s*"[^"]*"/, ': NaN'),
        () => `\ufeff${text}`.slice(0, -2),
        () => '{"data":',
        () => 'null',
        () => '"data"',
        () => '[{"data":{}}]',
        () => '{"data": []}',
        () => '{"data": "x"}',
      ])();
      return { category: 'bad-json', endpoint: `POST ${list}`, method: 'POST', path: list, headers: JSONH, body: variant };
    }, 3);
    add(`POST ${list}`, 'bad-json', (r) => {
      const bytes = new Uint8Array(64 + Math.floor(r() * 4000));
      for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(r() * 256);
      return { category: 'bad-json', endpoint: `POST ${list}`, method: 'POST', path: list, headers: JSONH, body: bytes };
    });
    add(`PUT ${list}/:id`, 'bad-json', (r, fx) => ({ category: 'bad-json', endpoint: `PUT ${list}/:id`, method: 'PUT', path: `${list}/${fixtureOf(type, fx)}`, headers: JSONH, body: pick(r, ['{"data":{"name":"x",}}', '{"data":{', '{data:{}}', "{'data':{}}", '{"data":{"name":"x"}}}']) }));
    add(`POST ${list}`, 'bad-json', () => {
      let deep = '1';
      for (let i = 0; i < 5000; i++) deep = `[${deep}]`;
      return { category: 'bad-json', endpoint: `POST ${list}`, method: 'POST', path: list, headers: JSONH, body: `{"data":{"title":${deep}}}` };
    });
    add(`POST ${list}`, 'injection', () => ({ category: 'injection', endpoint: `POST ${list}`, method: 'POST', path: list, headers: JSONH, body: '{"data":{"__proto__":{"isAdmin":true}}}' }));
    add(`POST ${list}`, 'wrong-content-type', (r, fx) => {
      const body = json({ data: validData(type, fx, r) });
      const [ct, b, enc] = pick(r, [
        ['text/plain', body, undefined],
        ['application/xml', `<data><name>x</name></data>`, undefined],
        ['application/octet-stream', body, undefined],
        ['image/png', body, undefined],
        ['multipart/form-data; boundary=XX', 'garbage without parts', undefined],
        ['multipart/form-data', body, undefined],
        ['application/json', 'not gzip at all', 'gzip'],
        ['application/json', body, 'br'],
        ['application/json', body, 'x-unknown'],
        ['application/x-www-form-urlencoded', 'data[bogusField]=1', undefined],
      ] as [string, string, string | undefined][]);
      return { category: 'wrong-content-type', endpoint: `POST ${list}`, method: 'POST', path: list, headers: { 'content-type': ct, ...(enc ? { 'content-encoding': enc } : {}) }, body: b };
    }, 2);
    // Oversized.
    add(`POST ${list}`, 'oversized', () => ({ category: 'oversized', endpoint: `POST ${list}`, method: 'POST', path: list, headers: JSONH, body: fiveMb() }), 0.2);
    add(`PUT ${list}/:id`, 'oversized', (r, fx) => ({ category: 'oversized', endpoint: `PUT ${list}/:id`, method: 'PUT', path: `${list}/${fixtureOf(type, fx)}`, headers: JSONH, body: json({ data: { [type === 'tags' || type === 'groups' || type === 'channels' || type === 'playbooks' || type === 'schedules' ? 'name' : 'title']: twoMbField() } }) }), 0.2);
    const maxField = type === 'tags' || type === 'groups' || type === 'channels' || type === 'playbooks' || type === 'schedules' ? 'name' : 'title';
    add(`POST ${list}`, 'oversized', (r, fx) => ({ category: 'oversized', endpoint: `POST ${list}`, method: 'POST', path: list, headers: JSONH, body: json({ data: { ...validData(type, fx, r), [maxField]: nineHundredKb() } }), field: maxField }), 0.2);
    // NUL in free text: PostgreSQL cannot store it, so it is refused everywhere.
    add(`POST ${list}`, 'injection', (r, fx) => ({ category: 'injection', endpoint: `POST ${list}`, method: 'POST', path: list, headers: JSONH, body: json({ data: { ...validData(type, fx, r), [maxField]: `before\u0000after` } }), field: maxField }), 0.5);
    // Malformed ids in the path.
    add(`GET ${list}/:id`, 'bad-id', (r) => ({ category: 'bad-id', endpoint: `GET ${list}/:id`, method: 'GET', path: `${list}/${seg(pick(r, INJECTIONS))}` }));
    add(`PUT ${list}/:id`, 'bad-id', (r, fx) => ({ category: 'bad-id', endpoint: `PUT ${list}/:id`, method: 'PUT', path: `${list}/${seg(pick(r, INJECTIONS))}`, headers: JSONH, body: json({ data: { [maxField]: 'valid' } }) }));
    // Queries.
    for (const [category, params, field] of queryCases(type)) {
      add(`GET ${list}`, category, (r) => ({ category, endpoint: `GET ${list}`, method: 'GET', path: `${list}?${q(typeof params === 'function' ? params(r) : params)}`, field }));
    }
    add(`GET ${list}/:id`, 'query', (r, fx) => ({ category: 'query', endpoint: `GET ${list}/:id`, method: 'GET', path: `${list}/${fixtureOf(type, fx)}?${q(pick(r, [{ populate: 'nope' }, { fields: 'constructor' }, { 'fields[0]': 'nope' }, { locale: "' OR 1=1 --" }, { foo: 'bar' }]))}` }));
    add(`DELETE ${list}/:id`, 'query', (r, fx) => ({ category: 'query', endpoint: `DELETE ${list}/:id`, method: 'DELETE', path: `${list}/${fixtureOf(type, fx)}?${q(pick(r, [{ locale: 'klingon' }, { locale: '../../etc' }, { foo: '1' }, { status: 'gone' }]))}` }));
    // Wrong methods.
    add(`PATCH ${list}`, 'method', (r, fx) => pick(r, [
      { category: 'method' as const, endpoint: `PATCH ${list}/:id`, method: 'PATCH', path: `${list}/${fixtureOf(type, fx)}`, headers: JSONH, body: '{"data":{}}' },
      { category: 'method' as const, endpoint: `PUT ${list}`, method: 'PUT', path: list, headers: JSONH, body: '{"data":{}}' },
      { category: 'method' as const, endpoint: `POST ${list}/:id`, method: 'POST', path: `${list}/${fixtureOf(type, fx)}`, headers: JSONH, body: '{"data":{}}' },
      { category: 'method' as const, endpoint: `DELETE ${list}`, method: 'DELETE', path: list },
    ]), 0.5);
  }

  // --- Scheduler plugin -------------------------------------------------------------
  const preview = (category: Category, body: (r: Rng) => unknown, field?: string, weight = 1) =>
    add('POST /api/schedules/preview', category, (r) => ({ category, endpoint: 'POST /api/schedules/preview', method: 'POST', path: '/api/schedules/preview', headers: JSONH, body: json(body(r)), field }), weight);
  preview('rrule', (r) => ({ rule: pick(r, BAD_RULES), timezone: 'Europe/Berlin' }), 'rule', 4);
  preview('zone', (r) => ({ rule: 'FREQ=DAILY;BYHOUR=8', timezone: pick(r, BAD_ZONES) }), 'timezone', 3);
  preview('zone', () => ({ rule: 'FREQ=DAILY;BYHOUR=8' }), 'timezone');
  preview('injection', (r) => ({ rule: pick(r, INJECTIONS), timezone: 'UTC' }), 'rule', 2);
  preview('injection', (r) => ({ rule: 'FREQ=DAILY', timezone: pick(r, INJECTIONS) }), 'timezone', 2);
  preview('date', (r) => ({ rule: 'FREQ=DAILY', timezone: 'UTC', from: pick(r, BAD_INSTANTS) }), 'from');
  preview('date', (r) => ({ rule: 'FREQ=DAILY', timezone: 'UTC', dtstart: pick(r, ['garbage', '2026-13-01T08:00', '2026-02-30T08:00:00']) }), 'dtstart');
  preview('range', (r) => ({ rule: 'FREQ=DAILY', timezone: 'UTC', count: pick(r, [0, -1, 1001, 1e9]) }), 'count');
  preview('wrong-type', (r) => pick(r, [{ rule: 'FREQ=DAILY', timezone: 'UTC', count: 'ten' }, { rule: { FREQ: 'DAILY' } }, { rule: ['FREQ=DAILY'] }, { rule: null }, { rule: 'FREQ=DAILY', timezone: 8 }, {}]), undefined, 2);
  preview('unknown-field', (r) => ({ rule: 'FREQ=DAILY', timezone: 'UTC', [pick(r, ['bogus', 'tz', 'constructor'])]: 1 }), undefined);
  add('POST /api/schedules/preview', 'bad-json', (r) => ({ category: 'bad-json', endpoint: 'POST /api/schedules/preview', method: 'POST', path: '/api/schedules/preview', headers: JSONH, body: pick(r, ['{"rule":"FREQ=DAILY",}', '{"rule":', 'null', '[1]', '"FREQ=DAILY"', '{rule:1}']) }), 2);
  add('POST /api/schedules/preview', 'oversized', () => ({ category: 'oversized', endpoint: 'POST /api/schedules/preview', method: 'POST', path: '/api/schedules/preview', headers: JSONH, body: json({ rule: `FREQ=DAILY;X-PAD=${twoMbField()}`, timezone: 'UTC' }) }), 0.2);
  add('POST /api/schedules/preview', 'method', () => ({ category: 'method', endpoint: 'PATCH /api/schedules/preview', method: 'PATCH', path: '/api/schedules/preview', headers: JSONH, body: '{}' }), 0.3);

  const occ = (category: Category, params: (r: Rng) => Record<string, string>, field?: string, weight = 1) =>
    add('GET /api/schedules/:id/occurrences', category, (r, fx) => ({ category, endpoint: 'GET /api/schedules/:id/occurrences', method: 'GET', path: `/api/schedules/${fx.schedule}/occurrences?${q(params(r))}`, field }), weight);
  occ('date', (r) => ({ from: pick(r, BAD_INSTANTS) }), 'from', 2);
  occ('date', (r) => ({ from: '2026-01-01T00:00:00Z', to: pick(r, BAD_INSTANTS) }), 'to');
  occ('date', () => ({ from: '2026-03-01T00:00:00Z', to: '2026-02-01T00:00:00Z' }), 'to');
  occ('range', () => ({ from: '2026-01-01T00:00:00Z', to: '2030-01-01T00:00:00Z' }), 'to');
  occ('wrong-type', () => ({ 'from[0]': 'a', 'from[1]': 'b' }), 'from');
  occ('wrong-type', () => ({ 'group[$ne]': 'x' }), 'group');
  occ('unknown-field', (r) => ({ [pick(r, ['timezone', 'limit', 'bogus'])]: '1' }));
  occ('injection', (r) => ({ group: pick(r, INJECTIONS) }));
  add('GET /api/schedules/:id/occurrences', 'bad-id', (r) => ({ category: 'bad-id', endpoint: 'GET /api/schedules/:id/occurrences', method: 'GET', path: `/api/schedules/${seg(pick(r, INJECTIONS))}/occurrences` }));
  add('POST /api/schedules/:id/run-now', 'bad-id', (r) => ({ category: 'bad-id', endpoint: 'POST /api/schedules/:id/run-now', method: 'POST', path: `/api/schedules/${seg(pick(r, INJECTIONS))}/run-now` }), 2);
  add('POST /api/schedules/:id/run-now', 'method', (r, fx) => ({ category: 'method', endpoint: 'GET /api/schedules/:id/run-now', method: pick(r, ['GET', 'PUT', 'DELETE']), path: `/api/schedules/${fx.schedule}/run-now` }), 0.5);

  const rend = (category: Category, source: (r: Rng) => string, params: (r: Rng, fx: Fixtures) => Record<string, string>, field?: string, weight = 1) =>
    add('GET /api/renditions/:source', category, (r, fx) => ({ category, endpoint: 'GET /api/renditions/:source', method: 'GET', path: `/api/renditions/${seg(source(r))}?${q(params(r, fx))}`, field }), weight);
  const SOURCES = ['text', 'morning-report', 'evening-report', 'daily-topic', 'lesson', 'lesson-reminder', 'welcome-rules'];
  rend('enum', (r) => pick(r, ['rss', 'Morning-Report', 'morning_report', 'lessons']), (_r, fx) => ({ group: fx.groupSlug }), 'source', 2);
  rend('injection', (r) => pick(r, INJECTIONS), (_r, fx) => ({ group: fx.groupSlug }), 'source');
  rend('date', (r) => pick(r, SOURCES), (r, fx) => ({ group: fx.groupSlug, date: pick(r, BAD_DATES) }), 'date', 2);
  rend('date', (r) => pick(r, SOURCES), (r, fx) => ({ group: fx.groupSlug, time: pick(r, BAD_TIMES) }), 'time');
  rend('enum', (r) => pick(r, SOURCES), (r, fx) => ({ group: fx.groupSlug, format: pick(r, ['pdf', 'HTML', 'wechat', '']) }), 'format');
  rend('wrong-type', (r) => pick(r, SOURCES), () => ({}), 'group');
  rend('wrong-type', (r) => pick(r, SOURCES), (_r, fx) => ({ 'group[0]': fx.groupSlug }), 'group');
  rend('unknown-field', (r) => pick(r, SOURCES), (r, fx) => ({ group: fx.groupSlug, [pick(r, ['locale', 'bogus', 'populate'])]: 'x' }));
  rend('injection', (r) => pick(r, SOURCES), (r) => ({ group: pick(r, INJECTIONS) }));

  const dl = (category: Category, params: (r: Rng) => Record<string, string>, field?: string, weight = 1) =>
    add('GET /api/deliveries', category, (r) => ({ category, endpoint: 'GET /api/deliveries', method: 'GET', path: `/api/deliveries?${q(params(r))}`, field }), weight);
  dl('enum', (r) => ({ status: pick(r, ['bogus', 'SENT', 'sent,,failed', 'upcoming', 'failed;dead']) }), 'status', 2);
  dl('injection', (r) => ({ status: pick(r, INJECTIONS) }), 'status');
  dl('date', (r) => ({ from: pick(r, BAD_INSTANTS) }), 'from');
  dl('date', (r) => ({ to: pick(r, BAD_INSTANTS) }), 'to');
  dl('wrong-type', (r) => pick(r, [{ limit: 'ten' }, { limit: '-1' }, { limit: '1.5' }, { offset: '-1' }, { offset: 'x' }]), undefined, 2);
  dl('wrong-type', (r) => pick(r, [{ 'status[0]': 'sent' }, { 'group[$ne]': 'x' }, { 'from[$gt]': '2026-01-01' }]), undefined);
  dl('range', () => ({ limit: '100000' }), 'limit');
  dl('unknown-field', (r) => ({ [pick(r, ['filters[status][$eq]', 'sort', 'bogus', 'populate'])]: 'x' }));

  add('GET /api/deliveries/:id', 'bad-id', (r) => ({ category: 'bad-id', endpoint: 'GET /api/deliveries/:id', method: 'GET', path: `/api/deliveries/${seg(pick(r, INJECTIONS))}` }));
  for (const action of ['retry', 'cancel', 'send-now']) {
    add(`POST /api/deliveries/:id/${action}`, 'bad-id', (r) => ({ category: 'bad-id', endpoint: `POST /api/deliveries/:id/${action}`, method: 'POST', path: `/api/deliveries/${seg(pick(r, INJECTIONS))}/${action}` }), 1.5);
    add(`POST /api/deliveries/:id/${action}`, 'method', (r) => ({ category: 'method', endpoint: `GET /api/deliveries/:id/${action}`, method: pick(r, ['PUT', 'DELETE', 'PATCH']), path: `/api/deliveries/no-such-delivery/${action}` }), 0.3);
  }
  const lease = (category: Category, body: (r: Rng) => string, field?: string, weight = 1, headers: Record<string, string> = JSONH) =>
    add('POST /api/deliveries/lease', category, (r) => ({ category, endpoint: 'POST /api/deliveries/lease', method: 'POST', path: '/api/deliveries/lease', headers, body: body(r), field }), weight);
  lease('wrong-type', (r) => json(pick(r, [{ max: 'lots' }, { groups: 'one-group' }, { groups: [{ $ne: 1 }] }, { visibilitySeconds: '60s' }, { max: 1.5 }])), undefined, 2);
  lease('range', (r) => json(pick(r, [{ max: 0 }, { max: 101 }, { visibilitySeconds: 1 }, { visibilitySeconds: 3601 }, { groups: Array.from({ length: 501 }, (_, i) => `g${i}`) }])), undefined, 2);
  lease('unknown-field', (r) => json({ max: 1, [pick(r, ['priority', 'owner', 'constructor'])]: 'x' }));
  lease('bad-json', (r) => pick(r, ['{"max":1,}', '{"max":', '[]', 'null', '"x"']));
  lease('wrong-content-type', () => 'max=10', undefined, 0.5, { 'content-type': 'application/octet-stream' });
  lease('oversized', () => json({ groups: [twoMbField()] }), undefined, 0.2);
  add('POST /api/deliveries/lease', 'method', () => ({ category: 'method', endpoint: 'DELETE /api/deliveries/lease', method: 'DELETE', path: '/api/deliveries/lease' }), 0.3);
  for (const action of ['ack', 'nack']) {
    const ep = `POST /api/deliveries/:id/${action}`;
    const send = (category: Category, body: (r: Rng) => string, field?: string, weight = 1, headers: Record<string, string> = JSONH) =>
      add(ep, category, (r) => ({ category, endpoint: ep, method: 'POST', path: `/api/deliveries/no-such-delivery/${action}`, headers, body: body(r), field }), weight);
    send('wrong-type', (r) => json(pick(r, [{ leaseToken: 5 }, { leaseToken: { $ne: null } }, { leaseToken: ['x'] }])), 'leaseToken', 1.5);
    send('unknown-field', (r) => json({ leaseToken: 'x', reason: 'r', [pick(r, ['extra', 'status', 'toString'])]: 1 }));
    send('bad-json', (r) => pick(r, ['{"leaseToken":"x",}', '{', 'null', '[1]']));
    send('wrong-content-type', () => 'leaseToken=x', undefined, 0.5, { 'content-type': 'text/plain' });
    add(ep, 'bad-id', (r) => ({ category: 'bad-id', endpoint: ep, method: 'POST', path: `/api/deliveries/${seg(pick(r, INJECTIONS))}/${action}`, headers: JSONH, body: json({ leaseToken: 'x', reason: 'r' }) }));
    if (action === 'nack') {
      send('wrong-type', () => json({ leaseToken: 'x' }), 'reason');
      send('range', (r) => json(pick(r, [{ reason: 'r', retryInSeconds: -5 }, { reason: 'r', retryInSeconds: 604801 }, { reason: 'r'.repeat(2001) }])));
      send('wrong-type', (r) => json({ reason: 'r', retryInSeconds: pick(r, ['soon', '60s', [60]]) }), 'retryInSeconds');
    }
  }

  // --- Group and welcome-script actions ---------------------------------------------
  const today = (category: Category, params: (r: Rng) => Record<string, string>, field?: string, weight = 1) =>
    add('GET /api/groups/:slug/today', category, (r, fx) => ({ category, endpoint: 'GET /api/groups/:slug/today', method: 'GET', path: `/api/groups/${fx.groupSlug}/today?${q(params(r))}`, field }), weight);
  today('date', (r) => ({ date: pick(r, BAD_DATES) }), 'date', 3);
  today('injection', (r) => ({ date: pick(r, INJECTIONS) }), 'date');
  today('wrong-type', () => ({ 'date[0]': '2026-01-01' }), 'date');
  today('unknown-field', (r) => ({ [pick(r, ['from', 'locale', 'bogus'])]: 'x' }));
  add('GET /api/groups/:slug/today', 'bad-id', (r) => ({ category: 'bad-id', endpoint: 'GET /api/groups/:slug/today', method: 'GET', path: `/api/groups/${seg(pick(r, INJECTIONS))}/today` }));
  const joins = (category: Category, body: (r: Rng) => string, field?: string, weight = 1, headers: Record<string, string> = JSONH) =>
    add('POST /api/groups/:slug/joins', category, (r, fx) => ({ category, endpoint: 'POST /api/groups/:slug/joins', method: 'POST', path: `/api/groups/${fx.groupSlug}/joins`, headers, body: body(r), field }), weight);
  joins('wrong-type', (r) => json(pick(r, [{ channel: { code: 'x' } }, { channel: ['douyin'] }, { member: 'someone' }, { member: { nickname: { $gt: '' } } }, { member: [{}] }])), undefined, 2);
  joins('range', (r) => json(pick(r, [{ member: { nickname: 'n'.repeat(101) } }, { channel: 'c'.repeat(101) }])));
  joins('unknown-field', (r) => pick(r, ['{"channel":"douyin","memberId":5}', '{"member":{"nickname":"x","avatar":"y"}}', '{"constructor":{}}']));
  joins('bad-json', (r) => pick(r, ['{"channel":"douyin",}', '{"channel":', 'null', '"douyin"', '[]']));
  joins('wrong-content-type', (r) => pick(r, ['channel=douyin', '\u0000\u0001\u0002']), undefined, 1, { 'content-type': 'application/octet-stream' });
  joins('wrong-content-type', () => '{"channel":"douyin"}', undefined, 0.5, { 'content-type': 'text/plain' });
  joins('oversized', () => json({ member: { nickname: twoMbField() } }), undefined, 0.2);
  add('POST /api/groups/:slug/joins', 'bad-id', (r) => ({ category: 'bad-id', endpoint: 'POST /api/groups/:slug/joins', method: 'POST', path: `/api/groups/${seg(pick(r, INJECTIONS))}/joins`, headers: JSONH, body: json({ channel: 'douyin', member: { nickname: 'x' } }) }));
  add('POST /api/groups/:slug/joins', 'method', (r, fx) => ({ category: 'method', endpoint: 'GET /api/groups/:slug/joins', method: pick(r, ['GET', 'PUT', 'DELETE']), path: `/api/groups/${fx.groupSlug}/joins` }), 0.3);
  const resolve = (category: Category, params: (r: Rng, fx: Fixtures) => Record<string, string>, field?: string, weight = 1) =>
    add('GET /api/welcome-scripts/resolve', category, (r, fx) => ({ category, endpoint: 'GET /api/welcome-scripts/resolve', method: 'GET', path: `/api/welcome-scripts/resolve?${q(params(r, fx))}`, field }), weight);
  resolve('wrong-type', (r) => pick(r, [{}, { channel: 'douyin' }]), 'group');
  resolve('wrong-type', (_r, fx) => ({ 'group[0]': fx.groupSlug }), 'group');
  resolve('wrong-type', (_r, fx) => ({ group: fx.groupSlug, 'nickname[a]': '1' }), 'nickname');
  resolve('range', (_r, fx) => ({ group: fx.groupSlug, nickname: '昵'.repeat(101) }), 'nickname');
  resolve('unknown-field', (r, fx) => ({ group: fx.groupSlug, [pick(r, ['locale', 'bogus', 'filters[id]'])]: 'x' }));
  resolve('injection', (r) => ({ group: pick(r, INJECTIONS) }));

  return gens;
}

type QueryCase = [Category, Record<string, string> | ((r: Rng) => Record<string, string>), string | undefined];

/** Bad list queries for a content type (its own field names where the case needs one). */
function queryCases(type: TypeName): QueryCase[] {
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
  if (f.int) cases.push(['query', (r) => ({ [`filters[${f.int}][${pick(r, ['$gt', '$eq', '$lte'])}]`]: pick(r, ['abc', "1' OR 1=1 --", '1;DROP TABLE x', 'NaN']) }), f.int]);
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

/** The 1,000 (or `count`) requests for a seed: every generator once, then by weight. */
export function buildRequests(seed: number, count: number, fx: Fixtures): Req[] {
  const gens = generators();
  const r = mulberry32(seed);
  const out: Req[] = [];
  for (const g of gens) if (out.length < count) out.push(g.make(r, fx));
  const total = gens.reduce((s, g) => s + (g.weight ?? 1), 0);
  const oversizedCap = Math.ceil(count * 0.03);
  while (out.length < count) {
    let x = r() * total;
    let g = gens[0];
    for (const cand of gens) {
      x -= cand.weight ?? 1;
      if (x <= 0) {
        g = cand;
        break;
      }
    }
    if (g.category === 'oversized' && out.filter((q0) => q0.category === 'oversized').length >= oversizedCap) continue;
    out.push(g.make(r, fx));
  }
  // A deterministic shuffle, so endpoints interleave under concurrency.
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Sending and judging

interface Outcome {
  req: Req;
  status: number; // 0 = network error / timeout
  text: string;
  problem: string | null;
}

function namesField(err: any, field: string): boolean {
  const f = field.toLowerCase();
  if (String(err?.message ?? '').toLowerCase().includes(f)) return true;
  const d = err?.details ?? {};
  const errs = Array.isArray(d.errors) ? d.errors : [];
  if (errs.some((e: any) => (Array.isArray(e?.path) ? e.path : [e?.path]).some((p: unknown) => String(p).toLowerCase() === f) || String(e?.message ?? '').toLowerCase().includes(f))) return true;
  return [d.key, d.path, d.param].some((v) => v != null && String(v).toLowerCase().split('.').includes(f));
}

export function judge(req: Req, status: number, text: string): string | null {
  if (status === 0) return `network error: ${text}`;
  if (status >= 500) return `${status}`;
  if (status < 400) return `${status} (accepted)`;
  if (!OK_STATUS.has(status)) return `${status} (not one of ${[...OK_STATUS].join('/')})`;
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    return `${status} without a JSON error body`;
  }
  const err = body?.error;
  if (!err || typeof err.message !== 'string' || err.message.trim() === '') return `${status} without error.message`;
  if (err.status !== status) return `${status} but error.status is ${err.status}`;
  if (req.field && status === 400 && err.name === 'ValidationError' && !namesField(err, req.field)) return `400 does not name the field ${req.field}`;
  return null;
}

async function send(base: string, token: string, req: Req, timeoutMs: number): Promise<Outcome> {
  try {
    const res = await fetch(base + req.path, {
      method: req.method,
      headers: { authorization: `Bearer ${token}`, ...(req.headers ?? {}) },
      body: req.body as any,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    return { req, status: res.status, text, problem: judge(req, res.status, text) };
  } catch (err: any) {
    const msg = `${err?.name ?? 'Error'}: ${err?.message ?? err}${err?.cause ? ` (${err.cause.code ?? err.cause.message ?? err.cause})` : ''}`;
    return { req, status: 0, text: msg, problem: judge(req, 0, msg) };
  }
}

async function runAll(base: string, token: string, reqs: Req[], concurrency: number, timeoutMs: number): Promise<Outcome[]> {
  const out: Outcome[] = new Array(reqs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, reqs.length) }, async () => {
      while (next < reqs.length) {
        const i = next++;
        out[i] = await send(base, token, reqs[i], timeoutMs);
      }
    })
  );
  return out;
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const m0 = /VmRSS:\s+(\d+)\s+kB/.exec(status);
  if (!m0) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(m0[1]) / 1024;
}

/**
 * VmRSS every 100 ms, tagged with the round it was taken in. A fall of 30 MB or more below
 * the highest RSS since the previous one is a major GC; its floor is the lowest RSS in the
 * 3 s after it (V8 hands pages back over a moment).
 */
class RssSampler {
  round = 0;
  readonly collections: { round: number; floor: number }[] = [];
  private samples: { round: number; mb: number }[] = [];
  private high = 0;
  private open: { round: number; floor: number; left: number } | null = null;
  private timer: NodeJS.Timeout;
  constructor(private pid: number) {
    this.timer = setInterval(() => this.take(), 100);
    this.timer.unref?.();
  }
  private take() {
    let mb: number;
    try {
      mb = rssMb(this.pid);
    } catch {
      return; // the process is gone: the requests will say so
    }
    this.samples.push({ round: this.round, mb });
    if (this.round < 1) return;
    if (this.open) {
      this.open.floor = Math.min(this.open.floor, mb);
      if (--this.open.left <= 0) {
        this.collections.push({ round: this.open.round, floor: this.open.floor });
        this.high = mb;
        this.open = null;
      }
    } else if (mb < this.high - 30) {
      this.open = { round: this.round, floor: mb, left: 30 };
    } else {
      this.high = Math.max(this.high, mb);
    }
  }
  min(from: number, to = Infinity) {
    return Math.min(...this.samples.filter((x) => x.round >= from && x.round <= to).map((x) => x.mb));
  }
  max() {
    return Math.max(...this.samples.map((x) => x.mb));
  }
  /** Wait for an open collection's floor. */
  async settle() {
    while (this.open) await new Promise((r) => setTimeout(r, 100));
  }
  stop() {
    clearInterval(this.timer);
  }
}

const printable = (s: string, n: number) => JSON.stringify(s.length > n ? `${s.slice(0, n)}…` : s).slice(1, -1);
const example = (o: Outcome) => `${o.req.method} ${printable(o.req.path, 100)} → ${o.status === 0 ? 'ERR' : o.status} ${printable(o.text, 200)} [${o.problem}]`;
const counts = (xs: Outcome[]) => {
  const byStatus = new Map<number, number>();
  for (const o of xs) byStatus.set(o.status, (byStatus.get(o.status) ?? 0) + 1);
  return [...byStatus.entries()].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s === 0 ? 'ERR' : s}×${n}`).join(' ');
};

function diffCounts(before: Record<string, number>, after: Record<string, number>): string[] {
  const tables = new Set([...Object.keys(before), ...Object.keys(after)]);
  const out: string[] = [];
  for (const t of [...tables].sort()) {
    const d = (after[t] ?? 0) - (before[t] ?? 0);
    if (d !== 0 || !(t in before) || !(t in after)) out.push(`${t} ${d > 0 ? '+' : ''}${d}`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Fixtures and the free-text round trip

class Api {
  constructor(
    private base: string,
    private token: string,
    private timeoutMs: number
  ) {}
  async call(method: string, path: string, body?: unknown): Promise<{ status: number; json: any; text: string }> {
    const res = await fetch(this.base + path, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body !== undefined ? JSONH : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await res.text();
    let parsed: any = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: res.status, json: parsed, text };
  }
  async create(type: string, data: unknown): Promise<any> {
    const r = await this.call('POST', `/api/${type}`, { data });
    if (r.status !== 201 && r.status !== 200) throw new Error(`creating a ${type} fixture failed: ${r.status} ${r.text.slice(0, 300)}`);
    return r.json.data;
  }
}

const POPULATE: Record<string, string> = {
  'daily-reports': 'populate[items]=true&populate[tags]=true',
  'daily-topics': 'populate[tags]=true',
  courses: 'populate[reminders]=true&populate[lessons]=true',
  lessons: 'populate[course]=true',
  channels: '',
  'welcome-scripts': 'populate[channel]=true&populate[group]=true',
  playbooks: 'populate[steps]=true',
  groups: 'populate[quietHours]=true&populate[tags]=true&populate[course]=true&populate[playbook]=true',
  tags: '',
  schedules: 'populate[groups]=true&populate[tags]=true',
};

/** Creates what the requests aim at; `created` is filled as it goes, so a failure half-way still cleans up. */
async function createFixtures(api: Api, suffix: string, created: [string, string][]): Promise<{ fx: Fixtures; created: [string, string][] }> {
  const mk = async (type: string, data: unknown) => {
    const d = await api.create(type, data);
    created.push([type, d.documentId]);
    return d;
  };
  const tag = await mk('tags', { name: `drill bad-input ${suffix}`, slug: `drill-bi-${suffix}` });
  const group = await mk('groups', { name: `drill bad-input ${suffix}`, slug: `drill-bi-${suffix}`, platform: 'pull', timezone: 'Asia/Shanghai', locale: 'en', stage: 'growth', quietHours: [{ start: '23:00:00', end: '07:00:00' }] });
  const course = await mk('courses', { title: `drill ${suffix}`, slug: `drill-bi-${suffix}`, lengthDays: 21, classTime: '20:00:00', reminders: [{ minutesBefore: 60, text: 'soon' }] });
  const lesson = await mk('lessons', { course: course.documentId, day: 3000 + (Number.parseInt(suffix, 36) % 600), title: 'drill lesson' });
  const day = 1 + (Number.parseInt(suffix, 36) % 28);
  const date = `2098-${String(1 + (Number.parseInt(suffix, 36) % 12)).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const report = await mk('daily-reports', { date, edition: 'evening', title: 'drill report', items: [{ title: 'item' }] });
  const topic = await mk('daily-topics', { date, title: 'drill topic' });
  const channel = await mk('channels', { name: `drill ${suffix}`, code: `drill-bi-${suffix}` });
  const welcome = await mk('welcome-scripts', { channel: channel.documentId, group: group.documentId, body: 'welcome' });
  const playbook = await mk('playbooks', { name: `drill ${suffix}`, slug: `drill-bi-${suffix}`, lengthDays: 7, steps: [{ day: 0, time: '09:00:00', source: 'text', text: 'hi' }] });
  const schedule = await mk('schedules', { name: `drill bad-input ${suffix}`, rule: 'FREQ=DAILY;BYHOUR=8;BYMINUTE=0', source: 'text', text: 'x', active: false, groups: [group.documentId] });
  return {
    fx: {
      tag: tag.documentId,
      group: group.documentId,
      groupSlug: group.slug,
      course: course.documentId,
      lesson: lesson.documentId,
      report: report.documentId,
      topic: topic.documentId,
      channel: channel.documentId,
      welcome: welcome.documentId,
      playbook: playbook.documentId,
      schedule: schedule.documentId,
    },
    created,
  };
}

/** The fixtures as stored, to prove no rejected update changed them. */
async function snapshot(api: Api, created: [string, string][]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [type, id] of created) {
    const r = await api.call('GET', `/api/${type}/${id}?${POPULATE[type] || 'populate=*'}`);
    out[`${type}/${id}`] = `${r.status} ${JSON.stringify(r.json?.data ?? r.text)}`;
  }
  return out;
}

async function deleteAll(api: Api, created: [string, string][]): Promise<string[]> {
  const problems: string[] = [];
  // Dependents first.
  const order = ['welcome-scripts', 'lessons', 'schedules', 'daily-reports', 'daily-topics', 'playbooks', 'groups', 'courses', 'channels', 'tags'];
  const sorted = [...created].sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]));
  for (const [type, id] of sorted) {
    try {
      const r = await api.call('DELETE', `/api/${type}/${id}`);
      if (r.status >= 300) problems.push(`DELETE ${type}/${id}: ${r.status}`);
    } catch (err: any) {
      problems.push(`DELETE ${type}/${id}: ${err.message}`);
    }
  }
  return problems;
}

/** Injection strings that must be kept as they are in free text (NUL is refused everywhere: PostgreSQL cannot store it). */
const FREE_TEXT = [
  "' OR 1=1 --",
  '"; DROP TABLE groups; --',
  '<script>alert("x")</script><img src=x onerror=alert(1)>',
  "{{constructor.constructor('x')()}}",
  '../../etc/passwd',
  '{"$where": "sleep(1000)", "__proto__": {"admin": true}}',
  '${7*7} #{7*7} <%= 7*7 %>',
  'Robert\'); DROP TABLE "tags";--  \\ \\\\ \\" `rm -rf /`',
  '\u202eevil\u200b\ufeff 👩‍👩‍👧‍👦 𝕏 中文 Ω',
];
const LONG_UNICODE = `${'🙂中文Ω'.repeat(12_000)}end`;

/** Creates one entry per type with injection strings in every free-text field, reads them back, deletes them. */
async function freeTextRoundTrip(api: Api, fx: Fixtures, suffix: string): Promise<{ compared: number; problems: string[]; created: [string, string][] }> {
  let k = 0;
  const s = (max = 200) => {
    const v = FREE_TEXT[k++ % FREE_TEXT.length];
    return v.length > max ? v.slice(0, max) : v;
  };
  const long = () => LONG_UNICODE;
  const n = Number.parseInt(suffix, 36);
  const plans: { type: TypeName; data: Record<string, any>; fields: string[] }[] = [
    { type: 'tags', data: { name: s(100), slug: `drill-bi-tt-${suffix}` }, fields: ['name'] },
    { type: 'channels', data: { name: s(100), code: `drill-bi-tc-${suffix}`, description: long() }, fields: ['name', 'description'] },
    { type: 'groups', data: { name: s(), slug: `drill-bi-tg-${suffix}`, platform: 'pull', timezone: 'Europe/Berlin', locale: 'en' }, fields: ['name'] },
    { type: 'courses', data: { title: s(), slug: `drill-bi-tco-${suffix}`, description: long(), reminders: [{ minutesBefore: 5, text: s(100000) }] }, fields: ['title', 'description', 'reminders.0.text'] },
    { type: 'lessons', data: { course: fx.course, day: 3600 + (n % 50), title: s(), body: long(), homework: s(100000) }, fields: ['title', 'body', 'homework'] },
    {
      type: 'daily-reports',
      data: { date: `2097-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`, edition: 'morning', title: s(), greeting: s(100000), items: [{ title: s(), summary: long() }], task: s(100000), closing: s(100000) },
      fields: ['title', 'greeting', 'items.0.title', 'items.0.summary', 'task', 'closing'],
    },
    { type: 'daily-topics', data: { date: `2097-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`, title: s(), prompt: s(100000), hostGuide: long(), summary: s(100000) }, fields: ['title', 'prompt', 'hostGuide', 'summary'] },
    { type: 'welcome-scripts', data: { title: s(), channel: fx.channel, body: s(100000), selfIntroTemplate: long(), rules: s(100000) }, fields: ['title', 'body', 'selfIntroTemplate', 'rules'] },
    { type: 'playbooks', data: { name: s(), slug: `drill-bi-tp-${suffix}`, description: long(), steps: [{ day: 0, time: '09:00:00', source: 'text', title: s(), text: s(100000) }] }, fields: ['name', 'description', 'steps.0.title', 'steps.0.text'] },
    { type: 'schedules', data: { name: s(), rule: 'FREQ=DAILY;BYHOUR=8', source: 'text', text: long(), active: false }, fields: ['name', 'text'] },
  ];
  const problems: string[] = [];
  const created: [string, string][] = [];
  let compared = 0;
  const get = (o: any, path: string) => path.split('.').reduce((v, p) => (v == null ? v : v[p]), o);
  for (const plan of plans) {
    const r = await api.call('POST', `/api/${plan.type}`, { data: plan.data });
    if (r.status !== 201 && r.status !== 200) {
      problems.push(`POST /api/${plan.type} → ${r.status} ${printable(r.text, 200)}`);
      continue;
    }
    const id = r.json.data.documentId;
    created.push([plan.type, id]);
    const back = await api.call('GET', `/api/${plan.type}/${id}?${POPULATE[plan.type] || 'populate=*'}`);
    for (const field of plan.fields) {
      compared++;
      const sent = get(plan.data, field);
      const got = get(back.json?.data, field);
      if (got !== sent) problems.push(`${plan.type}.${field}: sent ${printable(String(sent), 60)} (${String(sent).length} chars), read back ${printable(String(got), 60)} (${got == null ? got : String(got).length} chars)`);
    }
  }
  return { compared, problems, created };
}

// ---------------------------------------------------------------------------------------

export async function badInputDrill(ctx: BadInputContext): Promise<DrillResult> {
  const o = { ...DEFAULTS, ...(ctx.options ?? {}) };
  const log = ctx.log ?? (() => undefined);
  const base = ctx.url.replace(/\/+$/, '');
  const api = new Api(base, ctx.token, o.timeoutMs);
  const rows: DrillRow[] = [];
  const suffix = (Date.now() % 36 ** 6).toString(36);

  const initialCounts = await ctx.rowCounts();
  log(`bad-input: creating fixtures (suffix ${suffix})`);
  const created: [string, string][] = [];
  let cleanup: string[] = [];
  try {
    const { fx } = await createFixtures(api, suffix, created);
    const reqs = buildRequests(o.seed, o.count, fx);
    const warm = buildRequests(o.seed + 1, o.warmup, fx);
    const endpoints = new Set(reqs.map((r) => r.endpoint));

    log(`bad-input: warm-up, ${warm.length} requests`);
    await runAll(base, ctx.token, warm, o.concurrency, o.timeoutMs);
    const rss0 = rssMb(ctx.pid);
    const fixturesBefore = await snapshot(api, created);
    const before = await ctx.rowCounts();
    const idle = await ctx.rowCounts();
    const moving = diffCounts(before, idle);

    const rounds: Outcome[][] = [];
    const rss: number[] = [];
    const after: Record<string, number>[] = [];
    const sampler = new RssSampler(ctx.pid);
    const round = async (n: number) => {
      const t0 = Date.now();
      sampler.round = n;
      const outcomes = await runAll(base, ctx.token, reqs, o.concurrency, o.timeoutMs);
      rounds.push(outcomes);
      rss.push(rssMb(ctx.pid));
      const bad = outcomes.filter((x) => x.problem).length;
      log(`bad-input: round ${n}: ${outcomes.length} requests in ${((Date.now() - t0) / 1000).toFixed(1)} s, ${bad} failed, RSS ${rss[n - 1].toFixed(1)} MB`);
    };
    try {
      for (let n = 1; n <= 3; n++) {
        await round(n);
        if (n === 1 || n === 3) after.push(await ctx.rowCounts());
      }
      // V8 frees old garbage in major collections whose timing the load decides: under
      // these requests RSS climbs 15-45 MB a round for 5-15 rounds, then falls by 50-250 MB,
      // and V8 keeps more pages after each (the heap after a forced GC stays flat: +0.6 MB
      // per 3,000 requests in-process). So when three rounds grew too much, more rounds
      // run (at most extraRounds) until RSS is back within the limit of round 1's, or two
      // major GCs have been seen: then the floor after the later one may not be the limit
      // or more above the floor after the first (a leak keeps raising the floor).
      const back = () => sampler.min(4) - rss[0] < o.maxRssGrowthMb;
      if (rss[2] - rss[0] >= o.maxRssGrowthMb) {
        for (let n = 4; n <= 3 + o.extraRounds && !back() && sampler.collections.length < 2; n++) {
          await round(n);
          await sampler.settle();
        }
        after.push(await ctx.rowCounts());
      }
    } finally {
      sampler.stop();
    }
    const fixturesAfter = await snapshot(api, created);

    // Category table (round 1).
    const first = rounds[0];
    const categories = [...new Set(first.map((x) => x.req.category))].sort();
    for (const c of categories) {
      const xs = first.filter((x) => x.req.category === c);
      const failed = xs.filter((x) => x.problem);
      rows.push({
        what: `${c}: ${CATEGORY_TEXT[c]}`,
        tried: xs.length,
        found: `${counts(xs)}${failed.length ? `; ${failed.length} failed, e.g. ${failed.slice(0, 3).map(example).join(' | ')}` : ''}`,
        ok: failed.length === 0,
      });
    }
    const failures = first.filter((x) => x.problem);
    const five = failures.filter((x) => x.status >= 500).length;
    const two = failures.filter((x) => x.status >= 200 && x.status < 300).length;
    const net = failures.filter((x) => x.status === 0).length;
    rows.push({
      what: `${o.count} malformed requests (seed ${o.seed}, ${endpoints.size} endpoints, ${categories.length} categories) answer 4xx with a clear message`,
      tried: first.length,
      found: failures.length
        ? `${failures.length} failed (5xx ${five}, 2xx ${two}, network ${net}, other ${failures.length - five - two - net}): ${failures.slice(0, 10).map(example).join(' | ')}`
        : `all ${counts(first)}; no 5xx, no 2xx, every body in Strapi's error shape with a message, validation errors name the field`,
      ok: failures.length === 0,
    });
    const later = rounds.slice(1).flat().filter((x) => x.problem);
    rows.push({
      what: `the same requests ${rounds.length - 1} times more answer the same way`,
      tried: rounds.slice(1).flat().length,
      found: later.length ? `${later.length} failed: ${later.slice(0, 10).map(example).join(' | ')}` : 'no failures',
      ok: later.length === 0,
    });

    // No partial row.
    const d1 = diffCounts(before, after[0]);
    const d3 = diffCounts(before, after[after.length - 1]);
    const changed = [...Object.entries(fixturesBefore)].filter(([k, v]) => fixturesAfter[k] !== v).map(([k]) => k);
    rows.push({
      what: 'no partial row: every table keeps its row count, the fixtures the updates aimed at are unchanged',
      tried: Object.keys(before).length + created.length,
      found:
        d1.length || d3.length || changed.length
          ? [d1.length ? `after round 1: ${d1.join(', ')}` : '', d3.length ? `after round ${rounds.length}: ${d3.join(', ')}` : '', changed.length ? `fixtures changed: ${changed.join(', ')}` : '', moving.length ? `(changed while idle too: ${moving.join(', ')})` : '']
              .filter(Boolean)
              .join('; ')
          : `${Object.keys(before).length} tables unchanged after rounds 1 and ${rounds.length}; ${created.length} fixtures unchanged`,
      ok: d1.length === 0 && d3.length === 0 && changed.length === 0,
    });

    // Memory.
    const growth = rss[2] - rss[0];
    const r3 = `RSS after warm-up ${rss0.toFixed(1)} MB, after rounds 1/2/3 ${rss.slice(0, 3).map((x) => x.toFixed(1)).join(' / ')} MB (${growth >= 0 ? '+' : ''}${growth.toFixed(1)} MB)`;
    let memOk = growth < o.maxRssGrowthMb;
    let memFound = r3;
    if (!memOk) {
      const low = sampler.min(4);
      const gcs = sampler.collections;
      const more = `; ${rss.length - 3} more rounds (RSS after each ${rss.slice(3).map((x) => x.toFixed(0)).join(' / ')} MB, peak ${sampler.max().toFixed(0)} MB)`;
      if (low - rss[0] < o.maxRssGrowthMb) {
        memOk = true;
        memFound = `${r3}${more}: back down to ${low.toFixed(1)} MB, so it was garbage awaiting a major GC`;
      } else if (gcs.length >= 2) {
        const rise = gcs[gcs.length - 1].floor - gcs[0].floor;
        memOk = rise < o.maxRssGrowthMb;
        memFound = `${r3}${more}: floors after major GCs ${gcs.map((g) => `${g.floor.toFixed(0)} MB (round ${g.round})`).join(', ')}: ${rise >= 0 ? '+' : ''}${rise.toFixed(1)} MB${memOk ? ', not rising' : ', rising'}`;
      } else {
        memFound = `${r3}${more}: lowest ${low.toFixed(1)} MB; ${gcs.length} major GC seen, too few to tell garbage from growth`;
      }
    }
    rows.push({
      what: `memory stays flat: RSS after round 3 minus after round 1 < ${o.maxRssGrowthMb} MB (or, in up to ${o.extraRounds} more rounds, back within that, or post-GC floors rising less)`,
      tried: rss.length,
      found: memFound,
      ok: memOk,
    });

    // Free text is kept literally.
    log('bad-input: free-text round trip');
    const trip = await freeTextRoundTrip(api, fx, suffix);
    const tripCleanup = await deleteAll(api, trip.created);
    rows.push({
      what: 'injection strings in every free-text field of valid creates are stored and read back byte for byte (then deleted)',
      tried: trip.compared,
      found: trip.problems.length || tripCleanup.length ? [...trip.problems, ...tripCleanup].slice(0, 10).join(' | ') : `${trip.compared} fields in ${trip.created.length} entries identical; deleted again`,
      ok: trip.problems.length === 0 && tripCleanup.length === 0,
    });
  } finally {
    cleanup = await deleteAll(api, created);
  }
  const finalCounts = await ctx.rowCounts();
  const left = diffCounts(initialCounts, finalCounts);
  rows.push({
    what: 'fixtures and round-trip entries are removed again',
    tried: created.length,
    found: cleanup.length || left.length ? [...cleanup, left.length ? `row counts differ from before the drill: ${left.join(', ')}` : ''].filter(Boolean).join('; ') : 'row counts back to where they were before the drill',
    ok: cleanup.length === 0 && left.length === 0,
  });

  return { name: 'bad input at volume', ok: rows.every((r) => r.ok), rows };
}
