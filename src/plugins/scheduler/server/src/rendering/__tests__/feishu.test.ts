/**
 * The Feishu / Lark card-markdown rendition. Expected strings are written by hand from what
 * the card pages list for a JSON 1.0 card's markdown element (**bold**, *italic*, ~~strike~~,
 * [links](url), "- " / "1. " lists, fenced code blocks) and the degradations decided in
 * renderers/feishu.ts (headings a bold line, quotes "｜" lines, tables lines with a bold
 * header, inline code its text, images a link) — never captured from the code's output.
 */
import { render, renderAll } from '..';
import { measure } from '../limits';

const LIMIT = { unit: 'bytes', max: 9000 } as const;

describe('feishu: what the card markdown renders', () => {
  const md = [
    '# Hello {{group.name}}',
    'Today *small* **steps** and ~~old~~ `npm i` ![logo](https://x.test/l.png) [site](https://x.test/a)',
    '- one\n- two\n  - nested',
    '3. c\n4. d',
    '> quoted **bold**\n>\n> second',
    '---',
    '| a | b |\n|---|---|\n| 1 | 2 |',
    '```js\nlet a = `1`;\n# not heading <at id=all></at>\n```',
  ].join('\n\n');

  it('bold, italic, strike, links, real lists and fenced code; headings, quotes, tables, rules and images degrade', () => {
    expect(render(md, 'feishu', { values: { 'group.name': 'G_1' } }).body).toBe(
      [
        '**Hello G_1**',
        'Today *small* **steps** and ~~old~~ npm i [logo](https://x.test/l.png) [site](https://x.test/a)',
        '- one\n- two\n  - nested',
        '3. c\n4. d',
        '｜quoted **bold**\n｜second',
        '————',
        '**a | b**\n1 | 2',
        // Inside the fence: no backtick that could close it, no tag that could mention anyone.
        '```js\nlet a = ˋ1ˋ;\n# not heading ＜at id=all>＜/at>\n```',
      ].join('\n\n')
    );
  });

  it('bold inside a heading is not doubled; a hard line break is a newline; mailto shows its address; a non-web image its alt', () => {
    expect(render('## The **big** day', 'feishu').body).toBe('**The big day**');
    expect(render('one  \ntwo', 'feishu').body).toBe('one\ntwo');
    expect(render('[write us](mailto:a@b.test)', 'feishu').body).toBe('write us (a@b.test)');
    expect(render('![the logo](ftp://x.test/l.png)', 'feishu').body).toBe('the logo');
    expect(render('![](https://x.test/l.png)', 'feishu').body).toBe('[https://x.test/l.png](https://x.test/l.png)');
  });

  it('a URL with brackets or spaces stays inside its link', () => {
    expect(render('[q](<https://a.test/x (1)>)', 'feishu').body).toBe('[q](https://a.test/x%20%281%29)');
  });

  it('a long code block is cut into fenced pieces, each opened and closed', () => {
    const code = Array.from({ length: 400 }, (_, i) => `line ${i} ${'x'.repeat(30)}`).join('\n');
    const body = render('```\n' + code + '\n```', 'feishu').body;
    const fences = body.split('\n').filter((l) => l === '```');
    expect(fences.length % 2).toBe(0);
    expect(fences.length).toBeGreaterThan(2);
    // Every line of code is there once.
    expect(body.split('\n').filter((l) => l.startsWith('line '))).toHaveLength(400);
  });
});

describe('feishu: split at 9,000 bytes (Feishu refuses bodies over 20 KB; JSON escaping may double the text)', () => {
  it('exactly at the limit is one part; one byte more is two, each within it (ASCII)', () => {
    expect(render('a'.repeat(9000), 'feishu', { limit: LIMIT }).parts).toHaveLength(1);
    const parts = render('a'.repeat(9001), 'feishu', { limit: LIMIT }).parts;
    expect(parts).toHaveLength(2);
    for (const p of parts) expect(measure(p, 'bytes')).toBeLessThanOrEqual(9000);
  });

  it('CJK counts 3 bytes a character: 3,000 characters fit (9,000 bytes), 3,001 do not', () => {
    expect(render('今'.repeat(3000), 'feishu', { limit: LIMIT }).parts).toHaveLength(1);
    const parts = render('今'.repeat(3001), 'feishu', { limit: LIMIT }).parts;
    expect(parts.length).toBe(2);
    for (const p of parts) expect(measure(p, 'bytes')).toBeLessThanOrEqual(9000);
  });

  it('a long Chinese report: whole paragraphs per part, numbered (i/n), nothing lost', () => {
    const paragraph = (i: number) => `**第${i}段**：今天的打卡任务是读完一章书并写下三点收获，然后在群里分享。`.repeat(4);
    const md = Array.from({ length: 60 }, (_, i) => paragraph(i + 1)).join('\n\n');
    const r = renderAll(md, { formats: ['feishu'], limits: { feishu: LIMIT } }).feishu;
    expect(measure(r.body, 'bytes')).toBeGreaterThan(18000);
    expect(r.parts.length).toBe(3);
    r.parts.forEach((p, i) => {
      expect(measure(p, 'bytes')).toBeLessThanOrEqual(9000);
      expect(p.endsWith(`\n\n(${i + 1}/3)`)).toBe(true);
      // No bold cut open: every part has whole pairs of markers.
      expect((p.match(/\*\*/g) ?? []).length % 2).toBe(0);
    });
    const joined = r.parts.map((p) => p.replace(/\n\n\(\d\/3\)$/, '')).join('\n\n');
    expect(joined).toBe(r.body);
  });

  it('a link is never cut, a code block never split inside a fence', () => {
    const md = [`${'今'.repeat(2990)}[链接](https://x.test/${'a'.repeat(40)})`, '```\n' + 'code line\n'.repeat(300) + '```'].join('\n\n');
    const parts = render(md, 'feishu', { limit: LIMIT }).parts;
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) {
      expect(measure(p, 'bytes')).toBeLessThanOrEqual(9000);
      expect((p.match(/```/g) ?? []).length % 2).toBe(0);
    }
    expect(parts.some((p) => p.includes(`[链接](https://x.test/${'a'.repeat(40)})`))).toBe(true);
  });
});
