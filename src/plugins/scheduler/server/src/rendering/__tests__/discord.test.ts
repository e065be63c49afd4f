/**
 * The discord rendition: Discord's markdown, written by hand from Discord's formatting
 * rules (bold **, italic *, strike ~~, `code`, ``` blocks, "> " quotes, # ## ### headings,
 * "- " / "1. " lists, [masked](links), a backslash before punctuation shows it as typed),
 * and its splitting at Discord's 2,000 characters.
 */
import { render, renderAll } from '..';
import { defaultLimits } from '../../platforms/registry';
import { REPORTS, VALUES } from './fixtures/reports';

const LIMIT = { unit: 'chars', max: 2000 } as const;
const blocks = (...b: string[]) => b.join('\n\n');
const lines = (...l: string[]) => l.join('\n');
const unnumber = (p: string) => p.replace(/\n\n\(\d+\/\d+\)$/, '');

describe('discord: the markdown Discord shows', () => {
  it('headings, emphasis, code, links, quotes, lists, rule, table', () => {
    const md = [
      '# Title',
      '## Sub',
      '#### Deep',
      '**b** *i* ~~s~~ `c` [docs](https://x.test/a_(b)) https://y.test/p',
      '> quoted\n>\n> > inner',
      '```js\nconst a = `t`;\n```',
      '---',
      '- one\n- two\n  1. first\n  2. second',
      '3. three\n4. four',
      '| a | b |\n|---|---|\n| 1 | 2 |',
    ].join('\n\n');
    expect(render(md, 'discord').body).toBe(
      blocks(
        '# Title',
        '## Sub',
        '### Deep',
        '**b** *i* ~~s~~ `c` [docs](https://x.test/a_%28b%29) https://y.test/p',
        lines('> quoted', '> inner'),
        lines('```js', 'const a = ˋtˋ;', '```'),
        '————',
        lines('- one', '- two', '  1. first', '  2. second'),
        lines('3. three', '4. four'),
        lines('**a | b**', '1 | 2')
      )
    );
  });

  it('bold inside bold is not doubled; mailto and images as Discord can show them', () => {
    expect(render('**a **b** c**', 'discord').body).toBe('**a b c**');
    expect(render('Write [to us](mailto:team@x.test) or [team@x.test](mailto:team@x.test)', 'discord').body).toBe(
      'Write to us (team@x.test) or team@x.test'
    );
    expect(render('![chart](https://x.test/c.png) ![](https://x.test/d.png)', 'discord').body).toBe(
      '[chart](https://x.test/c.png) https://x.test/d.png'
    );
  });

  it('an English morning report, values filled', () => {
    const md = REPORTS.find((r) => r.name === 'morning-1-en')!.markdown;
    const body = render(md, 'discord', { values: VALUES.en }).body;
    // "#3" stays mid-line as typed; the heading is Discord's "# ".
    expect(body.startsWith('# Good morning, Habit Camp Berlin #3!\n\n')).toBe(true);
    expect(body).toContain('[Read more](https://example.com/articles/day-1-1)');
    expect(body).toMatch(/\n> \*\*Today's task:\*\* /);
    expect(body).not.toContain('{{');
  });
});

describe('discord: splitting at 2,000 characters', () => {
  it('a long English post: numbered parts within the limit, every paragraph whole and in order', () => {
    const md = Array.from({ length: 20 }, (_, i) => `**Tip ${i + 1}.** ${'Small steps add up over time. '.repeat(6).trim()}`).join('\n\n');
    const r = render(md, 'discord', { limit: LIMIT });
    // 20 × (13 or 14 + 179) + 19 × 2 ≈ 3,900 characters: two parts.
    expect(r.body.length).toBeGreaterThan(3800);
    expect(r.parts).toHaveLength(2);
    r.parts.forEach((p, i) => {
      expect(p.length).toBeLessThanOrEqual(2000);
      expect(p.endsWith(`\n\n(${i + 1}/2)`)).toBe(true);
    });
    expect(r.parts.map(unnumber).join('\n\n')).toBe(r.body);
  });

  it('Chinese without spaces: cut after 。, every part within 2,000 characters', () => {
    const sentence = '今天的打卡任务是读完一章书并写下三点收获然后在群里分享。'; // 28 characters
    const md = sentence.repeat(200); // 5,600 characters, one paragraph
    const r = render(md, 'discord', { limit: LIMIT });
    expect(r.parts).toHaveLength(3);
    for (const p of r.parts) {
      expect(p.length).toBeLessThanOrEqual(2000);
      // Each part ends on a full sentence.
      expect(unnumber(p).endsWith('分享。')).toBe(true);
    }
    expect(r.parts.map(unnumber).join('')).toBe(md);
  });

  it('a code block longer than a message: every part is whole fenced code blocks, no line lost', () => {
    const code = Array.from({ length: 400 }, (_, i) => `let x${i} = a < b && c; // ${i}`).join('\n');
    const md = 'Before:\n\n```ts\n' + code + '\n```\n\nAfter.';
    const r = render(md, 'discord', { limit: LIMIT });
    expect(r.parts.length).toBeGreaterThanOrEqual(6);
    const seen: string[] = [];
    for (const p of r.parts) {
      expect(p.length).toBeLessThanOrEqual(2000);
      // An even number of fences: none is left open at the end of a part.
      expect((p.match(/```/g) ?? []).length % 2).toBe(0);
      for (const m of p.matchAll(/```ts\n([\s\S]*?)\n```/g)) seen.push(...m[1].split('\n'));
    }
    expect(seen).toEqual(code.split('\n'));
    // A block too big for one message is cut on its own: the paragraph before it is a part.
    expect(unnumber(r.parts[0])).toBe('Before:');
    expect(r.parts[1].startsWith('```ts\nlet x0 = a < b && c; // 0\n')).toBe(true);
    expect(unnumber(r.parts[r.parts.length - 1]).endsWith('```\n\nAfter.')).toBe(true);
  });

  it('a long quote: every part starts as a quote', () => {
    const md = '> ' + Array.from({ length: 200 }, (_, i) => `Line ${i + 1} of the quote.`).join('\n> ');
    const parts = render(md, 'discord', { limit: LIMIT }).parts;
    expect(parts.length).toBeGreaterThanOrEqual(3);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(2000);
      for (const line of unnumber(p).split('\n')) expect(line).toMatch(/^> Line \d+ of the quote\.$/);
    }
  });

  it('renderAll applies the Discord limit by default (the registry limits)', () => {
    const md = 'word '.repeat(1000);
    expect(renderAll(md, { limits: defaultLimits() }).discord.parts).toEqual(render(md, 'discord', { limit: LIMIT }).parts);
    expect(renderAll(md, { limits: defaultLimits() }).discord.parts.length).toBe(3);
  });
});
