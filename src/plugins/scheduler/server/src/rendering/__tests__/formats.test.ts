/**
 * Golden renditions, written by hand from each platform's documented format (not
 * captured from the code): Telegram Bot API "HTML style", Slack mrkdwn, the WeCom group
 * robot's markdown subset, plain text, sanitized HTML.
 */
import { render, renderAll } from '..';

const REPORT_ZH = [
  '早上好，{{group.name}}的伙伴们！今天是{{date}}。',
  '',
  '**1. 两分钟法则**',
  '',
  '任何新习惯，都从*两分钟以内*就能完成的版本开始。',
  '',
  '[阅读全文](https://example.com/a?x=1&y=2)',
  '',
  '> **今日任务：**写下你的习惯',
  '',
  '- 你是谁',
  '- 从哪里来',
].join('\n');

const values = { 'group.name': '上海12期', date: '2026年12月1日星期二' };

describe('golden renditions of a Chinese morning report', () => {
  it('text', () => {
    expect(render(REPORT_ZH, 'text', { values }).body).toBe(
      [
        '早上好，上海12期的伙伴们！今天是2026年12月1日星期二。',
        '1. 两分钟法则',
        '任何新习惯，都从两分钟以内就能完成的版本开始。',
        '阅读全文 (https://example.com/a?x=1&y=2)',
        '今日任务：写下你的习惯',
        '• 你是谁\n• 从哪里来',
      ].join('\n\n')
    );
  });

  it('wecom', () => {
    expect(render(REPORT_ZH, 'wecom', { values }).body).toBe(
      [
        '早上好，上海12期的伙伴们！今天是2026年12月1日星期二。',
        '**1. 两分钟法则**',
        '任何新习惯，都从两分钟以内就能完成的版本开始。',
        '[阅读全文](https://example.com/a?x=1&y=2)',
        '> **今日任务：**写下你的习惯',
        '• 你是谁\n• 从哪里来',
      ].join('\n\n')
    );
  });

  it('telegram', () => {
    expect(render(REPORT_ZH, 'telegram', { values }).body).toBe(
      [
        '早上好，上海12期的伙伴们！今天是2026年12月1日星期二。',
        '<b>1. 两分钟法则</b>',
        '任何新习惯，都从<i>两分钟以内</i>就能完成的版本开始。',
        '<a href="https://example.com/a?x=1&amp;y=2">阅读全文</a>',
        '<blockquote><b>今日任务：</b>写下你的习惯</blockquote>',
        '• 你是谁\n• 从哪里来',
      ].join('\n\n')
    );
  });

  it('slack', () => {
    expect(render(REPORT_ZH, 'slack', { values }).body).toBe(
      [
        '早上好，上海12期的伙伴们！今天是2026年12月1日星期二。',
        '*1. 两分钟法则*',
        '任何新习惯，都从_两分钟以内_就能完成的版本开始。',
        '<https://example.com/a?x=1&y=2|阅读全文>',
        '> *今日任务：*写下你的习惯',
        '• 你是谁\n• 从哪里来',
      ].join('\n\n')
    );
  });

  it('html', () => {
    expect(render(REPORT_ZH, 'html', { values }).body).toBe(
      [
        '<p>早上好，上海12期的伙伴们！今天是2026年12月1日星期二。</p>',
        '<p><strong>1. 两分钟法则</strong></p>',
        '<p>任何新习惯，都从<em>两分钟以内</em>就能完成的版本开始。</p>',
        '<p><a href="https://example.com/a?x=1&amp;y=2" rel="noopener noreferrer" target="_blank">阅读全文</a></p>',
        '<blockquote><p><strong>今日任务：</strong>写下你的习惯</p></blockquote>',
        '<ul><li>你是谁</li><li>从哪里来</li></ul>',
      ].join('\n')
    );
  });
});

describe('English lesson with a heading, numbered list and code', () => {
  const md = '## Day 3: Make it obvious\n\n1. Put the book on your pillow\n2. Shoes by the door\n\nUse `#check-in` when done.';
  it('text keeps numbers and drops the heading marker', () => {
    expect(render(md, 'text').body).toBe('Day 3: Make it obvious\n\n1. Put the book on your pillow\n2. Shoes by the door\n\nUse #check-in when done.');
  });
  it('wecom keeps the heading', () => {
    expect(render(md, 'wecom').body).toBe('## Day 3: Make it obvious\n\n1. Put the book on your pillow\n2. Shoes by the door\n\nUse `#check-in` when done.');
  });
  it('telegram makes the heading bold', () => {
    expect(render(md, 'telegram').body).toBe('<b>Day 3: Make it obvious</b>\n\n1. Put the book on your pillow\n2. Shoes by the door\n\nUse <code>#check-in</code> when done.');
  });
});

describe('placeholders', () => {
  it('fills known ones, falls back for missing ones, drops and reports unknown ones', () => {
    const r = render('Hi {{ member.nickname }}, welcome to {{group.name}} {{foo.bar}}!', 'text', { values: { 'group.name': 'G' }, fallbacks: { 'member.nickname': 'friend' } });
    expect(r.body).toBe('Hi friend, welcome to G !');
    expect(r.missing).toEqual(['member.nickname']);
    expect(r.unknown).toEqual(['foo.bar']);
    const all = renderAll('x {{nope}} y');
    for (const f of Object.values(all)) expect(f.body).not.toContain('{{');
  });

  it('fills a placeholder inside a link URL, encoded', () => {
    const r = render('[join](https://example.com/g/{{group.name}})', 'html', { values: { 'group.name': 'a b&"c' } });
    expect(r.body).toBe('<p><a href="https://example.com/g/a%20b%26%22c" rel="noopener noreferrer" target="_blank">join</a></p>');
  });
});
