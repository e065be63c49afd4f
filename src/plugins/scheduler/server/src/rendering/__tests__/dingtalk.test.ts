/**
 * The DingTalk robot's markdown rendition. Expected strings are written by hand from the
 * subset DingTalk's message-type page lists (# headings, > quotes, **bold**, *italic*,
 * [links](url), ![images](url), "- " and "1. " lists; a line break as "  \n") and the
 * degradations decided in renderers/dingtalk.ts — never captured from the code's output.
 */
import { render, renderAll } from '..';
import { measure } from '../limits';

const LIMIT = { unit: 'bytes', max: 16000 } as const;

describe('dingtalk: what the robot renders', () => {
  const md = [
    '# Hello {{group.name}}',
    'Today *small* **steps** and ~~old~~ `npm i` ![logo](https://x.test/l.png) [site](https://x.test/a)',
    '- one\n- two\n  - nested',
    '3. c\n4. d',
    '> quoted **bold**\n>\n> second',
    '---',
    '| a | b |\n|---|---|\n| 1 | 2 |',
    '```js\nlet a = 1;\n# not heading\n```',
  ].join('\n\n');

  it('headings, italic, bold, images, links, real lists, quotes; strike, code, rules and tables degrade', () => {
    expect(render(md, 'dingtalk', { values: { 'group.name': 'G_1' } }).body).toBe(
      [
        '# Hello G_1',
        'Today *small* **steps** and old npm i ![logo](https://x.test/l.png) [site](https://x.test/a)',
        '- one\n- two\n  - nested',
        '3. c\n4. d',
        '> quoted **bold**\n> second',
        '————',
        '**a | b**  \n1 | 2',
        'let a = 1;  \n＃ not heading',
      ].join('\n\n')
    );
  });

  it('a hard line break is "  \\n"; mailto links show their address; a non-web image shows its alt text', () => {
    expect(render('one  \ntwo', 'dingtalk').body).toBe('one  \ntwo');
    expect(render('[write us](mailto:a@b.test)', 'dingtalk').body).toBe('write us (a@b.test)');
    expect(render('![the logo](ftp://x.test/l.png)', 'dingtalk').body).toBe('the logo');
  });

  it('a URL with brackets or spaces stays inside its link', () => {
    expect(render('[q](<https://a.test/x (1)>)', 'dingtalk').body).toBe('[q](https://a.test/x%20%281%29)');
  });
});

describe('dingtalk: split at 16,000 bytes (DingTalk refuses bodies over 20,000)', () => {
  it('exactly at the limit is one part; one byte more is two, each within it (ASCII)', () => {
    expect(render('a'.repeat(16000), 'dingtalk', { limit: LIMIT }).parts).toHaveLength(1);
    const parts = render('a'.repeat(16001), 'dingtalk', { limit: LIMIT }).parts;
    expect(parts).toHaveLength(2);
    for (const p of parts) expect(measure(p, 'bytes')).toBeLessThanOrEqual(16000);
  });

  it('CJK counts 3 bytes a character: 5,333 characters fit (15,999 bytes), 5,334 do not', () => {
    expect(render('今'.repeat(5333), 'dingtalk', { limit: LIMIT }).parts).toHaveLength(1);
    const parts = render('今'.repeat(5334), 'dingtalk', { limit: LIMIT }).parts;
    expect(parts.length).toBe(2);
    for (const p of parts) expect(measure(p, 'bytes')).toBeLessThanOrEqual(16000);
  });

  it('a long Chinese report: whole paragraphs per part, numbered (i/n), nothing lost', () => {
    const paragraph = (i: number) => `第${i}段：今天的打卡任务是读完一章书并写下三点收获，然后在群里分享。`.repeat(4);
    const md = Array.from({ length: 60 }, (_, i) => paragraph(i + 1)).join('\n\n');
    const r = renderAll(md, { formats: ['dingtalk'], limits: { dingtalk: LIMIT } }).dingtalk;
    expect(measure(r.body, 'bytes')).toBeGreaterThan(16000);
    expect(r.parts.length).toBe(2);
    r.parts.forEach((p, i) => {
      expect(measure(p, 'bytes')).toBeLessThanOrEqual(16000);
      expect(p.endsWith(`\n\n(${i + 1}/2)`)).toBe(true);
    });
    const joined = r.parts.map((p) => p.replace(/\n\n\(\d\/2\)$/, '')).join('\n\n');
    expect(joined).toBe(r.body);
  });
});
