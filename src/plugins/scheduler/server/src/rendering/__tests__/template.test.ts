/**
 * Render once, fill per group: fillTemplate(prepareTemplate(md, …), values) must be
 * byte-identical to renderAll(md, { values, … }) — renderAll is the oracle (it lexes
 * and walks with the values in; the template walks with marks and substitutes later).
 */
import { isDeepStrictEqual } from 'util';
import {
  fillTemplate,
  KNOWN_PLACEHOLDERS,
  prepareTemplate,
  renderAll,
  RENDITION_FORMATS,
  type FillStats,
  type Limit,
  type RenditionFormat,
} from '..';
import { defaultLimits } from '../../platforms/registry';
import { LESSON_EN, LESSON_ZH, REPORTS, VALUES, WELCOME_EN, WELCOME_ZH } from './fixtures/reports';

type Values = Record<string, string | number | null | undefined>;
type Limits = Partial<Record<RenditionFormat, Limit>>;

const NAMES = KNOWN_PLACEHOLDERS;
const all = (v: string | null | undefined): Values => Object.fromEntries(NAMES.map((n) => [n, v]));

const long = (n: number, line: string) => Array.from({ length: n }, (_, i) => line.replace('#', String(i + 1))).join('\n\n');

const SOURCES: [string, string][] = [
  ['empty', ''],
  ['no placeholder', '# Title\n\nJust *text* and a [link](https://e.com).'],
  ['only a placeholder', '{{group.name}}'],
  ['headings', '# {{group.name}}\n\n## Day {{lesson.day}}: {{lesson.title}}\n\n###### {{date}}\n\nLine one\n{{group.name}}\n==='],
  ['heading, value first', '# {{date}}\n\n{{group.name}} heading\n---'],
  [
    'emphasis',
    '*{{group.name}}* **{{member.nickname}}** ~~{{date}}~~ ***{{channel.name}}*** _{{course.title}}_\n\n**今日任务：**{{lesson.title}}写下',
  ],
  ['nested emphasis', '**bold *{{group.name}}* `{{date}}` [x](https://e.com)**'],
  ['link text', 'See [{{group.name}} notes](https://e.com/notes) and [{{date}}](https://e.com/d).'],
  ['link url', '[notes](https://e.com/{{group.name}}?d={{date}}) [mail](mailto:{{member.nickname}}@e.com) [tel](tel:{{minutes}})'],
  ['scheme from value', '[x]({{channel.name}}:alert(1)) [y]({{channel.name}}) ![z]({{channel.name}})'],
  ['autolinks', 'https://e.com/r/{{date}} and <https://e.com/{{group.name}}> and www.e.com/{{date}} and a@b.co'],
  ['link is its url', '[https://e.com/{{date}}](https://e.com/{{date}})'],
  [
    'reference link',
    'Read [the notes][n] or [{{group.name}}][m].\n\n[n]: https://e.com/{{date}} "Notes {{group.name}}"\n[m]: https://e.com/m',
  ],
  ['images', '![{{group.name}}](https://e.com/{{date}}.png) ![](https://e.com/a.png) ![alt {{date}}](/rel.png)'],
  ['code span', 'Type `{{date}}` or ``a ` {{group.name}}`` now. `{{minutes}}`'],
  ['fenced code', '```js\nconst g = "{{group.name}}";\n\n{{date}}\n```\n\n~~~{{lesson.day}}\n{{minutes}}\n~~~'],
  ['long code', '```\n' + Array.from({ length: 40 }, (_, i) => `line ${i} {{group.name}} ` + 'x'.repeat(30)).join('\n') + '\n```'],
  ['quotes', '> {{group.name}}\n> today {{date}}\n>\n> > nested {{member.nickname}}\n>\n> ```\n> {{date}}\n> ```'],
  ['quote, value first', '> {{minutes}}. done\n\n> {{date}}'],
  [
    'nested lists',
    '- {{group.name}}\n  - {{date}}\n    1. {{minutes}}\n- [ ] task {{lesson.title}}\n- [x] {{date}}\n\n3. three {{group.name}}\n4. {{minutes}}\n\n* loose {{date}}\n\n  second {{group.name}}\n\n* b',
  ],
  ['table', '| {{group.name}} | b |\n|---|:-:|\n| {{date}} | `{{minutes}}` |\n| **{{lesson.title}}** | [l](https://e.com/{{date}}) |'],
  ['font', '<font color="info">{{group.name}}</font> and <font color=warning>**{{date}}**</font>'],
  ['font block', '<font color="comment">\n{{group.name}} [x](https://e.com/{{date}})\n</font>'],
  ['html', '<b>{{group.name}}</b> <a href="{{date}}">x</a>\n\n<div>\n{{member.nickname}}\n</div>\n\n<!-- {{group.name}} -->\n\nafter'],
  ['comment inline', 'a <!-- {{group.name}} --> b {{date}}'],
  [
    'line starts',
    '{{group.name}}\n\n{{minutes}}. item\n\n{{minutes}}) item\n\n1{{minutes}}. x\n\n- {{group.name}}\n\n{{group.name}}\n{{date}}\n\ntext  \n{{minutes}}.\n\n#{{group.name}}\n\n-{{date}}\n\n{{minutes}}{{lesson.day}}. x\n\n{{date}}',
  ],
  ['adjacent', '{{group.name}}{{date}}{{group.name}}. {{minutes}}{{minutes}}'],
  ['trailing', 'Hello {{group.name}}\n\nHello {{date}}   \n\n**{{member.nickname}}**'],
  ['escapes and entities', '\\*{{group.name}}\\* &amp;{{date}}&lt; &{{minutes}}; &#{{minutes}};'],
  ['unknown and odd', '{{ group.name }} {{foo}} {{ 名字 }} {{{date}}} {{group.name}x}} \uE000\uE100\uE001 \uE002 {{date}}'],
  ['hr', '{{group.name}}\n\n---\n\n***\n\n{{date}}'],
  ['long, splits', long(30, 'Paragraph # for {{group.name}}: today is {{date}} and the class starts in {{minutes}} minutes.')],
  ['long CJK, splits', long(40, '第#段：{{group.name}}的伙伴们，今天是{{date}}，还有{{minutes}}分钟开课。请准时参加，不要迟到。')],
  ['one long paragraph', 'Intro {{group.name}} ' + 'word '.repeat(900) + '{{date}} end'],
  ['lesson zh', LESSON_ZH],
  ['lesson en', LESSON_EN],
  ['welcome zh', WELCOME_ZH],
  ['welcome en', WELCOME_EN],
  ...REPORTS.slice(0, 4).map((r): [string, string] => [r.name, r.markdown]),
];

const HOSTILE = [
  '<b>*x*</b>',
  '@everyone',
  '@here now',
  '<at id=all></at>',
  '<@123> <#1> <t:1>',
  '&amp;',
  '&lt;',
  ']( javascript:alert(1))',
  'javascript:alert(1)',
  'http',
  'https://e.com/',
  '`x`',
  '```',
  '|',
  'a | b',
  '#',
  '# h',
  '> q',
  '>q',
  '- x',
  '+ x',
  '= x',
  '1. x',
  '1) x',
  '30',
  '2.5',
  '2026-12-02',
  '2026.12.02',
  '0',
  'a\nb',
  '\n# x',
  'x\r\n> y',
  ' x ',
  '  ',
  '\t',
  'x\u00a0',
  '\u3000x',
  '',
  '\uE000',
  '\uE000\uE100\uE001',
  '\uE002x\uE003',
  '*',
  '_x_',
  '~~x~~',
  '\\',
  '\\*',
  '&#58;',
  '%41',
  '👍🏽 👨‍👩‍👧',
  'x'.repeat(3000),
  '中'.repeat(1500),
  'snake_case 5*3',
];

const PLAIN: Values[] = [
  VALUES.en,
  VALUES.zh,
  { 'group.name': 'Habit Camp 7', 'member.nickname': 'Anna', date: '2026-12-02', minutes: 15, 'lesson.day': 3 },
  { 'group.name': '上海12期', 'member.nickname': '小明', 'channel.name': '公众号', 'lesson.title': '提示' },
];

const VALUE_SETS: Values[] = [
  {},
  ...PLAIN,
  all(null),
  all(undefined),
  ...HOSTILE.map(all),
  // Some present, some missing: variants per missing set.
  { 'group.name': '# G', date: '', minutes: '30' },
  { 'group.name': 'G', 'member.nickname': '@everyone', date: '   ', minutes: 5 },
];

const HEAVY_SETS: Values[] = [
  ...PLAIN,
  all(null),
  ...['# h', '30', '2.5', '', ' x ', '<b>*x*</b>', '@everyone', '\uE000', 'a\nb', 'x'.repeat(300), '中'.repeat(200)].map(all),
];

const FALLBACKS: Record<string, string>[] = [
  {},
  { 'member.nickname': '同学', 'group.name': '本群' },
  { 'member.nickname': 'friend', date: 'today', minutes: '10' },
  { 'group.name': '# <b>*x*</b>\n> q', date: '30', 'member.nickname': ' ' },
];

const SMALL: Limits = Object.fromEntries(
  RENDITION_FORMATS.map((f, i): [RenditionFormat, Limit] => [f, { unit: i % 2 ? 'chars' : 'bytes', max: 300 }])
);
/** Limits × fallbacks per source: platform limits with every fallback set, the rest fewer. */
const RUNS: [Limits | undefined, Record<string, string>[]][] = [
  [defaultLimits(), FALLBACKS],
  [SMALL, [FALLBACKS[0], FALLBACKS[3]]],
  [undefined, [FALLBACKS[2]]],
];

function firstDifference(a: Record<string, unknown>, b: Record<string, unknown>): string {
  for (const f of Object.keys(b))
    if (!isDeepStrictEqual(a[f], b[f])) return `${f}:\n  template ${JSON.stringify(a[f])}\n  renderAll ${JSON.stringify(b[f])}`;
  return `formats ${Object.keys(a)} vs ${Object.keys(b)}`;
}

function expectSame(
  md: string,
  values: Values,
  fallbacks: Record<string, string>,
  limits: Limits | undefined,
  formats?: RenditionFormat[]
) {
  const t = prepareTemplate(md, { fallbacks, limits, formats });
  const got = fillTemplate(t, values);
  const want = renderAll(md, { values, fallbacks, limits, formats });
  if (!isDeepStrictEqual(got, want)) throw new Error(`differs for ${JSON.stringify(values)}: ${firstDifference(got, want)}`);
}

describe('fillTemplate equals renderAll, byte for byte', () => {
  for (const [name, md] of SOURCES)
    it(`${name}: every format, fallbacks, limits, hostile values`, () => {
      // Long sources (many slots): fewer value sets, each value in every slot.
      const heavy = md.length > 1500;
      for (const [limits, fallbackSets] of heavy ? RUNS.slice(0, 2) : RUNS)
        for (const fallbacks of heavy ? fallbackSets.slice(0, 2) : fallbackSets) {
          // One template for all groups, as compose uses it (variants and marks are reused).
          const t = prepareTemplate(md, { fallbacks, limits });
          for (const values of heavy ? HEAVY_SETS : VALUE_SETS) {
            const got = fillTemplate(t, values);
            const want = renderAll(md, { values, fallbacks, limits });
            if (!isDeepStrictEqual(got, want))
              throw new Error(
                `differs for ${JSON.stringify(values)}, fallbacks ${JSON.stringify(fallbacks)}: ${firstDifference(got, want)}`
              );
          }
        }
    });

  it('a subset of formats, in the order asked', () => {
    const formats: RenditionFormat[] = ['markdown', 'wecom', 'text'];
    const t = prepareTemplate(LESSON_ZH, { formats });
    const got = fillTemplate(t, VALUES.zh);
    expect(Object.keys(got)).toEqual(formats);
    expect(got).toEqual(renderAll(LESSON_ZH, { values: VALUES.zh, formats }));
    for (const source of [LESSON_EN, WELCOME_EN]) expectSame(source, VALUES.en, {}, defaultLimits(), ['discord', 'dingtalk']);
  });

  it('values pushing a post over the limit split exactly as renderAll splits them', () => {
    const md = long(8, 'Part # for {{group.name}}, on {{date}}.');
    const t = prepareTemplate(md, { limits: defaultLimits() });
    for (const n of [1, 100, 1000, 3000]) {
      const values = { 'group.name': 'Gruppe '.repeat(n).trim(), date: '2026-12-02' };
      const got = fillTemplate(t, values);
      expect(got).toEqual(renderAll(md, { values, limits: defaultLimits() }));
      if (n === 3000) expect(got.discord.parts.length).toBeGreaterThan(1);
    }
  });
});

/** mulberry32: a small seeded generator, so every run draws the same values. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = [
  'a',
  'Z',
  '中',
  '文',
  ' ',
  '  ',
  '#',
  '>',
  '-',
  '+',
  '=',
  '.',
  ')',
  '(',
  '1',
  '0',
  '42',
  '*',
  '**',
  '_',
  '~',
  '`',
  '|',
  '<',
  '</',
  '&',
  'amp;',
  '#58;',
  '[',
  ']',
  '](',
  '!',
  '@',
  'everyone',
  'here',
  '\n',
  '\r',
  '\t',
  '\u00a0',
  '\u3000',
  '\u2028',
  '\uE000',
  '\uE001',
  '\uE100',
  '\\',
  ':',
  '/',
  'http',
  'javascript:',
  '%',
  '👍',
  '🏽',
  '\u200b',
  '{{',
  '}}',
  'font',
  '"',
  "'",
];

describe('seeded random values from a hostile alphabet', () => {
  const sources = [
    SOURCES.find(([n]) => n === 'line starts')![1],
    SOURCES.find(([n]) => n === 'nested lists')![1],
    SOURCES.find(([n]) => n === 'headings')![1],
    SOURCES.find(([n]) => n === 'table')![1],
    SOURCES.find(([n]) => n === 'link url')![1],
    SOURCES.find(([n]) => n === 'adjacent')![1],
    LESSON_ZH,
    WELCOME_EN,
  ];
  it('600 draws, each equal to renderAll', () => {
    const rnd = random(20261202);
    const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)];
    const templates = sources.map((md) => [md, prepareTemplate(md, { limits: SMALL, fallbacks: FALLBACKS[1] })] as const);
    for (let i = 0; i < 600; i++) {
      const [md, t] = pick([...templates]);
      const values: Values = {};
      for (const name of NAMES) {
        if (rnd() < 0.15) continue; // missing
        const n = Math.floor(rnd() * 7);
        values[name] = Array.from({ length: n }, () => pick(ALPHABET)).join('');
      }
      const got = fillTemplate(t, values);
      const want = renderAll(md, { values, limits: SMALL, fallbacks: FALLBACKS[1] });
      if (!isDeepStrictEqual(got, want)) throw new Error(`draw ${i}, ${JSON.stringify(values)}: ${firstDifference(got, want)}`);
    }
  });
});

describe('the fast path is taken', () => {
  it('reports and lessons with plain values: every block filled, none rendered again', () => {
    for (const { markdown, lang } of REPORTS) {
      const t = prepareTemplate(markdown, { limits: defaultLimits() });
      expect(t.slots).toBeGreaterThan(0);
      expect(t.dynamicBlocks).toBe(0);
      const stats: FillStats = { filled: 0, rendered: 0 };
      for (let g = 0; g < 20; g++) {
        const values = { ...VALUES[lang], 'group.name': `${lang === 'en' ? 'Group' : '群'} ${g + 1}` };
        expect(fillTemplate(t, values, stats)).toEqual(renderAll(markdown, { values, limits: defaultLimits() }));
      }
      expect(stats.rendered).toBe(0);
      expect(stats.filled).toBeGreaterThanOrEqual(20 * RENDITION_FORMATS.length);
    }
    for (const [md, values] of [
      [LESSON_ZH, { ...VALUES.zh, 'lesson.day': '第3天', 'lesson.title': '提示', minutes: '15分钟' }],
      [WELCOME_ZH, { ...VALUES.zh, 'member.nickname': '小明', 'channel.name': '公众号' }],
      [WELCOME_EN, { ...VALUES.en, 'member.nickname': 'Anna Müller', 'channel.name': 'the newsletter' }],
    ] as const) {
      const stats: FillStats = { filled: 0, rendered: 0 };
      const t = prepareTemplate(md);
      expect(fillTemplate(t, values, stats)).toEqual(renderAll(md, { values }));
      expect(stats).toEqual({ filled: expect.any(Number), rendered: 0 });
      expect(stats.filled).toBeGreaterThan(0);
    }
  });

  it('missing values with fallbacks stay on the fast path (one variant per missing set)', () => {
    const md = WELCOME_ZH;
    const fallbacks = { 'member.nickname': '新朋友' };
    const t = prepareTemplate(md, { fallbacks });
    const stats: FillStats = { filled: 0, rendered: 0 };
    for (const values of [VALUES.zh, { ...VALUES.zh, 'member.nickname': '小红' }, { ...VALUES.zh, 'channel.name': '' }])
      expect(fillTemplate(t, values, stats)).toEqual(renderAll(md, { values, fallbacks }));
    expect(stats.rendered).toBe(0);
  });

  it('what is not plain is detected and rendered again, only in the blocks that hold it', () => {
    const md = '# {{group.name}}\n\n{{group.name}} starts in {{minutes}} minutes.\n\n[{{date}}](https://e.com)\n\nBye.';
    const t = prepareTemplate(md);
    expect(t.dynamicBlocks).toBe(1); // the link
    const stats: FillStats = { filled: 0, rendered: 0 };
    fillTemplate(t, { 'group.name': 'G', minutes: 5, date: 'd' }, stats);
    // Per walked format (all but markdown) the link paragraph; the rest is filled.
    const walked = RENDITION_FORMATS.length - 1;
    expect(stats).toEqual({ filled: walked * 2 + 1, rendered: walked });
    const hostile: FillStats = { filled: 0, rendered: 0 };
    const values = { 'group.name': '# G', minutes: 5, date: 'd' };
    expect(fillTemplate(t, values, hostile)).toEqual(renderAll(md, { values }));
    expect(hostile.rendered).toBe(walked * 3);
  });
});
