/**
 * Splitting at platform limits with multi-byte text.
 */
import { render, splitBlocks, PLATFORM_LIMITS } from '..';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
const intact = (s: string) => Buffer.from(s, 'utf8').toString('utf8') === s && !s.includes('\uFFFD') && !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(s);

function chineseReport(paragraphs: number) {
  const p = (i: number) => `第${i}段：坚持每天打卡，是养成习惯最简单也最有效的方法。今天的任务是写下你的目标，并且和伙伴们分享你的进展。`;
  return Array.from({ length: paragraphs }, (_, i) => p(i + 1)).join('\n\n');
}

describe('splitting', () => {
  it('a ~5,000-byte Chinese report for WeCom markdown becomes numbered parts of ≤ 4,096 bytes at paragraph boundaries', () => {
    const md = chineseReport(32);
    expect(bytes(md)).toBeGreaterThan(5000);
    const r = render(md, 'wecom', { limit: PLATFORM_LIMITS['wecom-markdown'] });
    expect(r.parts.length).toBe(2);
    r.parts.forEach((part, i) => {
      expect(bytes(part)).toBeLessThanOrEqual(4096);
      expect(intact(part)).toBe(true);
      expect(part.endsWith(`(${i + 1}/2)`)).toBe(true);
    });
    // No paragraph was cut: every paragraph appears whole in exactly one part.
    for (const para of md.split('\n\n')) expect(r.parts.filter((p) => p.includes(para))).toHaveLength(1);
  });

  it('WeCom text (2,048 bytes) gets more parts', () => {
    const r = render(chineseReport(30), 'text', { limit: PLATFORM_LIMITS['wecom-text'] });
    expect(r.parts.length).toBeGreaterThanOrEqual(3);
    for (const part of r.parts) expect(bytes(part)).toBeLessThanOrEqual(2048);
  });

  it('Telegram splits at 4,096 characters and keeps every part well-formed', () => {
    const md = Array.from({ length: 40 }, (_, i) => `**Item ${i}**: ${'habit '.repeat(40)}[link ${i}](https://example.com/${i})`).join('\n\n');
    const r = render(md, 'telegram', { limit: PLATFORM_LIMITS.telegram });
    expect(r.parts.length).toBeGreaterThan(1);
    for (const part of r.parts) {
      expect(part.length).toBeLessThanOrEqual(4096);
      expect((part.match(/<b>/g) ?? []).length).toBe((part.match(/<\/b>/g) ?? []).length);
      expect((part.match(/<a /g) ?? []).length).toBe((part.match(/<\/a>/g) ?? []).length);
    }
  });

  it('a single giant paragraph is cut at sentence ends, never inside a word or a link', () => {
    const sentence = 'Build the habit one small step at a time. ';
    const md = `${sentence.repeat(60)}[the full guide](https://example.com/a-very-long-link-that-must-stay-whole) ${sentence.repeat(60)}`;
    const parts = render(md, 'slack', { limit: { unit: 'chars', max: 1000 } }).parts;
    expect(parts.length).toBeGreaterThan(4);
    const words = new Set(md.split(/\s+/).map((w) => w.replace(/[.]/g, '')));
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(1000);
      const body = part.replace(/\n\(\d+\/\d+\)$/, '').replace(/<[^>]*>/g, ' ');
      for (const w of body.split(/\s+/)) expect(w === '' || words.has(w.replace(/[.]/g, ''))).toBe(true);
      // Cut after a full stop, not in the middle of a sentence.
      expect(body.trimEnd().endsWith('.') || body.trimEnd().endsWith('>')).toBe(true);
    }
    expect(parts.filter((p) => p.includes('<https://example.com/a-very-long-link-that-must-stay-whole|the full guide>'))).toHaveLength(1);
  });

  it('CJK text without spaces is cut between characters, never inside one', () => {
    const md = '习'.repeat(3000) + '😀'.repeat(500);
    const parts = render(md, 'wecom', { limit: PLATFORM_LIMITS['wecom-markdown'] }).parts;
    expect(parts.length).toBeGreaterThan(2);
    for (const part of parts) {
      expect(bytes(part)).toBeLessThanOrEqual(4096);
      expect(intact(part)).toBe(true);
    }
  });

  it('leaves a post that fits alone', () => {
    expect(splitBlocks(['a', 'b'], { unit: 'chars', max: 10 })).toEqual(['a\n\nb']);
  });
});
