/** The free-text round trip: injection strings in every free-text field of valid creates must read back byte for byte. */
import type { Fixtures } from './types';
import type { Api } from './api';
import { POPULATE, type TypeName } from './content-types';
import { printable } from './format';

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
export async function freeTextRoundTrip(
  api: Api,
  fx: Fixtures,
  suffix: string
): Promise<{ compared: number; problems: string[]; created: [string, string][] }> {
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
    {
      type: 'groups',
      data: { name: s(), slug: `drill-bi-tg-${suffix}`, platform: 'pull', timezone: 'Europe/Berlin', locale: 'en' },
      fields: ['name'],
    },
    {
      type: 'courses',
      data: { title: s(), slug: `drill-bi-tco-${suffix}`, description: long(), reminders: [{ minutesBefore: 5, text: s(100000) }] },
      fields: ['title', 'description', 'reminders.0.text'],
    },
    {
      type: 'lessons',
      data: { course: fx.course, day: 3600 + (n % 50), title: s(), body: long(), homework: s(100000) },
      fields: ['title', 'body', 'homework'],
    },
    {
      type: 'daily-reports',
      data: {
        date: `2097-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`,
        edition: 'morning',
        title: s(),
        greeting: s(100000),
        items: [{ title: s(), summary: long() }],
        task: s(100000),
        closing: s(100000),
      },
      fields: ['title', 'greeting', 'items.0.title', 'items.0.summary', 'task', 'closing'],
    },
    {
      type: 'daily-topics',
      data: {
        date: `2097-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`,
        title: s(),
        prompt: s(100000),
        hostGuide: long(),
        summary: s(100000),
      },
      fields: ['title', 'prompt', 'hostGuide', 'summary'],
    },
    {
      type: 'welcome-scripts',
      data: { title: s(), channel: fx.channel, body: s(100000), selfIntroTemplate: long(), rules: s(100000) },
      fields: ['title', 'body', 'selfIntroTemplate', 'rules'],
    },
    {
      type: 'playbooks',
      data: {
        name: s(),
        slug: `drill-bi-tp-${suffix}`,
        description: long(),
        steps: [{ day: 0, time: '09:00:00', source: 'text', title: s(), text: s(100000) }],
      },
      fields: ['name', 'description', 'steps.0.title', 'steps.0.text'],
    },
    {
      type: 'schedules',
      data: { name: s(), rule: 'FREQ=DAILY;BYHOUR=8', source: 'text', text: long(), active: false },
      fields: ['name', 'text'],
    },
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
      if (got !== sent)
        problems.push(
          `${plan.type}.${field}: sent ${printable(String(sent), 60)} (${String(sent).length} chars), read back ${printable(String(got), 60)} (${got == null ? got : String(got).length} chars)`
        );
    }
  }
  return { compared, problems, created };
}
