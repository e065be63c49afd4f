/**
 * Splitting at platform limits, with multi-byte text: parts fit, are numbered "(i/n)"
 * (the marker counts toward the limit), and nothing is cut inside a character, a word,
 * a link, a tag or an entity.
 */
import { marked } from 'marked';
import { render, renderAll, splitBlocks } from '..';
import { defaultLimits } from '../../platforms/registry';
import { WECOM_MARKDOWN_LIMIT, WECOM_TEXT_LIMIT } from '../../platforms/wecom';
import { TELEGRAM_LIMIT } from '../../platforms/telegram';
import { REPORTS, VALUES } from './fixtures/reports';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
/** Valid UTF-16 (no lone surrogate) that survives a UTF-8 round trip, no replacement character. */
const intact = (s: string) =>
  Buffer.from(s, 'utf8').toString('utf8') === s &&
  !s.includes('\uFFFD') &&
  !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
const numbered = (parts: string[]) => parts.every((p, i) => p.endsWith(`\n\n(${i + 1}/${parts.length})`));
const unnumber = (p: string) => p.replace(/\n\n\(\d+\/\d+\)$/, '');

/** A long Chinese report: greeting, n items (title, summary, link), task, closing. */
function chineseReport(items: number) {
  const item = (i: number) =>
    [
      `**${i}. 坚持的第${i}个理由**`,
      `每天打卡是养成习惯最简单也最有效的方法。今天请写下你的目标，并且和伙伴们分享你的进展：哪怕只有一句话，也是一次投票。`,
      `[阅读全文](https://example.com/articles/reason-${i})`,
    ].join('\n');
  return [
    '# 早安！{{group.name}}的伙伴们',
    ...Array.from({ length: items }, (_, i) => item(i + 1)),
    '> **今日任务：**写下你的目标。',
    '祝大家今天顺利，晚上打卡见！',
  ].join('\n\n');
}

describe('WeCom markdown, 4,096 bytes', () => {
  const md = chineseReport(19);
  const r = render(md, 'wecom', { values: VALUES.zh, limit: WECOM_MARKDOWN_LIMIT });

  it('a ~5,000-byte Chinese report becomes 2 numbered parts of at most 4,096 bytes', () => {
    expect(r.size.bytes).toBeGreaterThan(4800);
    expect(r.size.bytes).toBeLessThan(5600);
    expect(r.parts).toHaveLength(2);
    expect(numbered(r.parts)).toBe(true);
    for (const part of r.parts) {
      expect(bytes(part)).toBeLessThanOrEqual(4096);
      expect(intact(part)).toBe(true);
    }
  });

  it('cuts between paragraphs: every block of the body is whole in exactly one part, in order', () => {
    const blocksOfBody = r.body.split('\n\n');
    const rejoined = r.parts.map(unnumber).join('\n\n');
    expect(rejoined).toBe(r.body);
    for (const block of blocksOfBody) expect(r.parts.filter((p) => unnumber(p).split('\n\n').includes(block))).toHaveLength(1);
  });

  it('the body stays whole and unnumbered', () => {
    expect(r.body).not.toMatch(/\(\d\/\d\)/);
    expect(r.body.startsWith('# 早安！21天习惯营·上海12期的伙伴们')).toBe(true);
  });

  it('renderAll applies the WeCom markdown limit by default (the registry limits)', () => {
    expect(renderAll(md, { values: VALUES.zh, limits: defaultLimits() }).wecom.parts).toEqual(r.parts);
  });
});

describe('plain text at the WeCom text limit (2,048 bytes)', () => {
  it('more, smaller parts, each whole', () => {
    const r = render(chineseReport(16), 'text', { values: VALUES.zh, limit: WECOM_TEXT_LIMIT });
    expect(r.parts.length).toBe(3);
    expect(numbered(r.parts)).toBe(true);
    for (const part of r.parts) {
      expect(bytes(part)).toBeLessThanOrEqual(2048);
      expect(intact(part)).toBe(true);
    }
    expect(r.parts.map(unnumber).join('\n\n')).toBe(r.body);
  });
});

describe('Telegram, 4,096 characters', () => {
  const md = Array.from(
    { length: 32 },
    (_, i) => `**Item ${i + 1}:** ${'Small habits & big results. '.repeat(8)}[read ${i + 1}](https://example.com/${i + 1}?a=1&b=2)`
  ).join('\n\n');
  const r = render(md, 'telegram', { limit: TELEGRAM_LIMIT });

  it('10,000+ characters become 3 parts, each within the limit and well-formed', () => {
    expect(r.size.chars).toBeGreaterThan(10000);
    expect(r.parts).toHaveLength(3);
    expect(numbered(r.parts)).toBe(true);
    for (const part of r.parts) {
      expect(part.length).toBeLessThanOrEqual(4096);
      const tags = [...part.matchAll(/<(\/?)([a-z]+)[^>]*>/g)];
      const stack: string[] = [];
      for (const [, close, name] of tags) {
        if (close) expect(stack.pop()).toBe(name);
        else stack.push(name);
      }
      expect(stack).toEqual([]);
      // No entity cut: every & starts one of Telegram's entities.
      expect(part).not.toMatch(/&(?!amp;|lt;|gt;|quot;)/);
    }
  });

  it('renderAll applies the Telegram limit by default (the registry limits)', () => {
    expect(renderAll(md, { limits: defaultLimits() }).telegram.parts).toEqual(r.parts);
  });

  it('a huge quote or code block is cut with its tags closed and reopened', () => {
    const quote = '> ' + Array.from({ length: 300 }, (_, i) => `Line ${i + 1} of the quote.`).join('\n> ');
    const parts = render(quote, 'telegram', { limit: { unit: 'chars', max: 2000 } }).parts;
    expect(parts.length).toBeGreaterThan(3);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(2000);
      expect(p.startsWith('<blockquote>')).toBe(true);
      expect(unnumber(p).endsWith('.</blockquote>')).toBe(true);
    }
    const code = '```\n' + Array.from({ length: 300 }, (_, i) => `let x${i} = a < b && c;`).join('\n') + '\n```';
    for (const p of render(code, 'telegram', { limit: { unit: 'chars', max: 2000 } }).parts) {
      expect(p.length).toBeLessThanOrEqual(2000);
      expect(p).toMatch(/^<pre>let x\d+ = a &lt; b &amp;&amp; c;\n[\s\S]*;<\/pre>\n\n\(\d+\/\d+\)$/);
    }
  });
});

describe('a single giant paragraph', () => {
  it('English: cut at sentence ends, never inside a word or a link', () => {
    const sentence = 'Build the habit one small step at a time. ';
    const link = '[the full guide](https://example.com/a-very-long-link-that-must-stay-whole)';
    const md = `${sentence.repeat(60)}${link} ${sentence.repeat(60)}`;
    const r = render(md, 'slack', { limit: { unit: 'chars', max: 1000 } });
    expect(r.parts.length).toBeGreaterThan(4);
    const words = new Set(md.split(/\s+/));
    for (const part of r.parts) {
      expect(part.length).toBeLessThanOrEqual(1000);
      const text = unnumber(part);
      expect(text.endsWith('.') || text.endsWith('>')).toBe(true);
      for (const w of text.replace(/<https:[^>]*>/g, ' ').split(/\s+/)) if (w) expect(words.has(w)).toBe(true);
    }
    expect(r.parts.filter((p) => p.includes('<https://example.com/a-very-long-link-that-must-stay-whole|the full guide>'))).toHaveLength(1);
  });

  it('Chinese: cut after 。！？, bytes within the WeCom limit', () => {
    const md = '今天的任务很简单！'.concat('坚持每天打卡，是养成习惯最简单也最有效的方法。你准备好了吗？'.repeat(80));
    const r = render(md, 'wecom', { limit: WECOM_MARKDOWN_LIMIT });
    expect(r.parts.length).toBe(2);
    for (const part of r.parts) {
      expect(bytes(part)).toBeLessThanOrEqual(4096);
      expect(intact(part)).toBe(true);
      expect(unnumber(part)).toMatch(/[。！？]$/);
    }
    expect(r.parts.map(unnumber).join('')).toBe(r.body);
  });

  it('CJK without punctuation or spaces: cut between characters, never inside one or an emoji', () => {
    const md = '习'.repeat(3000) + '😀👍🏽👨‍👩‍👧'.repeat(150);
    const r = render(md, 'wecom', { limit: WECOM_MARKDOWN_LIMIT });
    expect(r.parts.length).toBeGreaterThan(2);
    for (const part of r.parts) {
      expect(bytes(part)).toBeLessThanOrEqual(4096);
      expect(intact(part)).toBe(true);
      // A skin tone or a family joined with ZWJ is never separated from its base.
      expect(part).not.toMatch(/^[\u{1F3FB}-\u{1F3FF}\u200D]|\u200D\n/u);
    }
    expect(r.parts.map(unnumber).join('')).toBe(r.body);
  });

  it('a link that would straddle the limit moves whole to the next part', () => {
    const link = '[打卡指南](https://example.com/guide/check-in-every-day)';
    const md = '好'.repeat(1350) + link + '好'.repeat(1000);
    const r = render(md, 'wecom', { limit: WECOM_MARKDOWN_LIMIT });
    expect(r.parts).toHaveLength(2);
    expect(r.parts[0]).not.toContain('[打卡指南]');
    expect(r.parts[1]).toContain('[打卡指南](https://example.com/guide/check-in-every-day)');
    expect(r.parts[0]).not.toMatch(/\[[^\]]*$/);
  });

  it('a run with no break at all is cut between characters, never inside a link', () => {
    const md = 'a'.repeat(5000);
    const parts = render(md, 'text', { limit: { unit: 'chars', max: 2000 } }).parts;
    expect(parts).toHaveLength(3);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(2000);
    expect(parts.map(unnumber).join('')).toBe(md);
  });

  it('a single link longer than the limit is kept whole (the platform will refuse it, visibly)', () => {
    const url = `https://example.com/${'x'.repeat(300)}`;
    const parts = render(`[long](${url})`, 'wecom', { limit: { unit: 'bytes', max: 200 } }).parts;
    expect(parts).toEqual([`[long](${url})`]);
  });
});

describe('cost', () => {
  it('a 300 KB single paragraph splits in linear time', () => {
    const md = '坚持每天打卡，是养成习惯最简单也最有效的方法。'.repeat(12500);
    const start = Date.now();
    const parts = render(md, 'wecom', { limit: WECOM_MARKDOWN_LIMIT }).parts;
    expect(Date.now() - start).toBeLessThan(3000); // ~150 ms here; quadratic cutting took minutes
    expect(parts.length).toBeGreaterThan(200);
  });
});

describe('markdown rendition', () => {
  it('splits between top-level blocks; every part carries the reference definitions', () => {
    const md =
      '# Title\n\n' +
      Array.from({ length: 6 }, (_, i) => `Paragraph ${i} with a [reference][guide].`).join('\n\n') +
      '\n\n[guide]: https://example.com/guide';
    const parts = render(md, 'markdown', { limit: { unit: 'chars', max: 160 } }).parts;
    // Room for blocks: 160 − len("\n\n[guide]: <https://example.com/guide>\n\n(9/9)") = 115; a paragraph is 38.
    expect(parts).toHaveLength(3);
    const def = '\n\n[guide]: <https://example.com/guide>';
    expect(parts[0]).toBe(`# Title\n\nParagraph 0 with a [reference][guide].\n\nParagraph 1 with a [reference][guide].${def}\n\n(1/3)`);
    expect(parts[2]).toBe(`Paragraph 4 with a [reference][guide].\n\nParagraph 5 with a [reference][guide].${def}\n\n(3/3)`);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(160);
  });

  it("a placeholder in a reference definition's title is filled in every part, escaped", () => {
    const md =
      Array.from({ length: 6 }, (_, i) => `Paragraph ${i} with a [reference][guide].`).join('\n\n') +
      '\n\n[guide]: https://example.com/guide "Guide for {{group.name}}"';
    const name = 'Camp "12" *A*';
    const parts = render(md, 'markdown', { values: { 'group.name': name }, limit: { unit: 'chars', max: 200 } }).parts;
    expect(parts.length).toBeGreaterThan(1);
    // marked, reading each part back, finds the definition with the title as it was meant.
    for (const p of parts) {
      const links = marked.lexer(p).links;
      expect(links.guide).toEqual({ href: 'https://example.com/guide', title: `Guide for ${name}` });
    }
  });
});

describe('splitBlocks', () => {
  it('leaves a post that fits alone, unnumbered', () => {
    expect(splitBlocks(['a', 'b'], { unit: 'chars', max: 10 })).toEqual(['a\n\nb']);
  });

  it('the marker counts toward the limit', () => {
    // 'aaaa' + '\n\n' + 'bbbb' = 10 chars fits 10 alone, but as parts each needs room for "\n\n(1/2)".
    expect(splitBlocks(['aaaa', 'bbbb', 'cccc'], { unit: 'chars', max: 11 })).toEqual(['aaaa\n\n(1/3)', 'bbbb\n\n(2/3)', 'cccc\n\n(3/3)']);
  });

  it('without numbering, parts are just packed blocks', () => {
    expect(splitBlocks(['aaaa', 'bbbb', 'cccc'], { unit: 'chars', max: 10 }, { numbering: false })).toEqual(['aaaa\n\nbbbb', 'cccc']);
  });

  it('reserves room for two-digit numbers when there are ten parts or more', () => {
    const parts = splitBlocks(
      Array.from({ length: 12 }, (_, i) => String(i).padStart(5, 'x')),
      { unit: 'chars', max: 16 },
      { separator: '\n' }
    );
    expect(parts).toHaveLength(12);
    expect(parts[11]).toBe('xxx11\n(12/12)');
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(16);
  });

  it('counts bytes as UTF-8', () => {
    const parts = splitBlocks(['一二三', '四五六'], { unit: 'bytes', max: 16 });
    expect(parts).toEqual(['一二三\n\n(1/2)', '四五六\n\n(2/2)']);
    for (const p of parts) expect(bytes(p)).toBeLessThanOrEqual(16);
  });
});

describe('a week of reports fits every platform in one message', () => {
  it.each(REPORTS.map((r) => [r.name, r]))('%s', (_, r) => {
    const all = renderAll(r.markdown, { values: VALUES[r.lang], limits: defaultLimits() });
    for (const f of ['wecom', 'telegram', 'slack'] as const) expect(all[f].parts).toEqual([all[f].body]);
  });
});
