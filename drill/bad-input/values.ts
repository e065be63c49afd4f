/** Bad values (injection strings, rules, zones, dates, instants, times) and the small helpers requests are built with. */

const MB = 1024 * 1024;

/** Injection strings; each is invalid wherever a slug, zone, rule, date, enum, locale or id is expected. */
export const INJECTIONS = [
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
export const SLUG_INJECTIONS = INJECTIONS.filter((s) => !/^[A-Za-z0-9\-_.~]*$/.test(s));

export const BAD_RULES = [
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
export const BAD_ZONES = [
  'Mars/Olympus_Mons',
  'Asia/Shanghai\u0000',
  ' Europe/Berlin',
  'UTC+25',
  'GMT+8:00',
  '+08:00',
  'Europe/Berlin; DROP TABLE groups',
  '../../etc/passwd',
  'America/New York',
  'Asia/',
  '🙂'.repeat(40),
];
export const BAD_DATES = [
  '2026-02-30',
  '2026-13-01',
  '2026-00-10',
  'yesterday',
  '20260101',
  '2026/01/01',
  '01-02-2026',
  '2026-01-01T99:00',
  '0000-00-00',
  '9999-99-99',
  "2026-01-01' OR 1=1 --",
];
export const BAD_INSTANTS = [
  'notadate',
  '2026-13-01T00:00:00Z',
  '2026-02-30T08:00:00Z',
  '2026-01-01T25:00:00Z',
  '12',
  'Tuesday',
  '2026-01-01T08:00:00+25:00',
  '1e999',
];
export const BAD_TIMES = ['24:00', '25:00:00', '7pm', '12:60', '08:00:61', 'noon', '8', '08-00'];

export const q = (params: Record<string, string>) =>
  Object.entries(params)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(short(v))}`)
    .join('&');
/** Path segments and query values stay short enough for Node's 16 KB header limit (a longer URL is a bodiless 431). */
export const short = (s: string) => (s.length > 500 ? s.slice(0, 500) : s);
export const seg = (s: string) => encodeURIComponent(short(s));
export const json = (v: unknown) => JSON.stringify(v);
export const JSONH = { 'content-type': 'application/json' };

// Big bodies are built once and shared across rounds.
let big5mb: Uint8Array | null = null;
let big2mbField: string | null = null;
let big900kbField: string | null = null;
export const fiveMb = () =>
  (big5mb ??= new TextEncoder().encode(json({ data: { name: 'x', slug: 'x', description: 'y'.repeat(5 * MB) } })));
export const twoMbField = () => (big2mbField ??= 'z'.repeat(2 * MB));
export const nineHundredKb = () => (big900kbField ??= '界'.repeat(300 * 1024)); // 900 KB of UTF-8, under the 1 MB limit
