/**
 * Placeholders: detection, filling before rendering, fallbacks, missing/unknown reports,
 * and sentinels surviving marked's lexer wherever a placeholder can stand.
 */
import { findPlaceholders, KNOWN_PLACEHOLDERS, render, renderAll, RENDITION_FORMATS } from '..';
import { toSentinels } from '../placeholders';
import { lex } from '../walk';

describe('KNOWN_PLACEHOLDERS', () => {
  it('lists the nine placeholders editors may use', () => {
    expect([...KNOWN_PLACEHOLDERS].sort()).toEqual([
      'channel.name',
      'class.time',
      'course.title',
      'date',
      'group.name',
      'lesson.day',
      'lesson.title',
      'member.nickname',
      'minutes',
    ]);
  });
});

describe('findPlaceholders', () => {
  it('separates known from unknown, once each, whitespace inside braces allowed', () => {
    expect(findPlaceholders('Hi {{ member.nickname }} in {{group.name}}, {{group.name}} {{foo.bar}} {{ group.nmae }}')).toEqual({
      known: ['member.nickname', 'group.name'],
      unknown: ['foo.bar', 'group.nmae'],
    });
  });

  it('counts any {{…}} as a placeholder, so none can slip through as text', () => {
    expect(findPlaceholders('{{名字}} {{foo-bar}} {{ a b }}').unknown).toEqual(['名字', 'foo-bar', 'a b']);
  });

  it('finds none in plain text or single braces', () => {
    expect(findPlaceholders('a {b} c { {d} }')).toEqual({ known: [], unknown: [] });
  });
});

describe('filling', () => {
  it('fills known ones, falls back for missing ones, drops and reports unknown ones', () => {
    const r = render('Hi {{ member.nickname }}, welcome to {{group.name}}{{foo.bar}}!', 'text', {
      values: { 'group.name': 'G' },
      fallbacks: { 'member.nickname': 'friend' },
    });
    expect(r.body).toBe('Hi friend, welcome to G!');
    expect(r.missing).toEqual(['member.nickname']);
    expect(r.unknown).toEqual(['foo.bar']);
  });

  it('the default fallback is empty; null, undefined and blank values count as missing', () => {
    const r = render('[{{member.nickname}}][{{group.name}}][{{date}}][{{minutes}}]', 'text', {
      values: { 'member.nickname': null, 'group.name': undefined, date: '  ', minutes: 0 },
    });
    expect(r.body).toBe('[][][][0]');
    expect(r.missing.sort()).toEqual(['date', 'group.name', 'member.nickname']);
  });

  it('Chinese fallback for a nickname', () => {
    expect(render('欢迎{{member.nickname}}！', 'wecom', { fallbacks: { 'member.nickname': '新朋友' } }).body).toBe('欢迎新朋友！');
  });

  it('numbers are written as they are', () => {
    expect(render('还有{{minutes}}分钟，第{{lesson.day}}课', 'text', { values: { minutes: 15, 'lesson.day': 3 } }).body).toBe(
      '还有15分钟，第3课'
    );
  });

  it('never sends {{…}} in any format, known, unknown or malformed', () => {
    const all = renderAll('a {{nope}} b {{ 名字 }} c {{member.nickname}} d');
    for (const f of RENDITION_FORMATS) {
      expect(all[f].body).not.toContain('{{');
      expect(all[f].unknown).toEqual(['nope', '名字']);
      expect(all[f].missing).toEqual(['member.nickname']);
    }
  });
});

describe('sentinels survive the lexer wherever a placeholder stands', () => {
  const values = { 'group.name': 'Camp & Co', 'member.nickname': 'Ana Lee' };

  it('the lexer keeps them as text inside emphasis, links and headings', () => {
    const { markdown } = toSentinels('# {{group.name}}\n\n**{{member.nickname}}** [x](https://x.test/{{group.name}})', values);
    const tokens = lex(markdown) as any[];
    expect(tokens[0].type).toBe('heading');
    expect(tokens[0].text).toMatch(/^\uE000.\uE001$/);
    const inline = tokens.find((t) => t.type === 'paragraph').tokens;
    expect(inline[0].type).toBe('strong');
    expect(inline[2].type).toBe('link');
    expect(inline[2].href).toMatch(/^https:\/\/x\.test\/\uE000.\uE001$/);
  });

  it('in a heading', () => {
    expect(render('# Welcome to {{group.name}}', 'html', { values }).body).toBe('<h1>Welcome to Camp &amp; Co</h1>');
    expect(render('## {{group.name}}', 'wecom', { values }).body).toBe('## Camp & Co');
  });

  it('in a link URL: percent-encoded for every format', () => {
    const md = '[join](https://example.com/g/{{group.name}}?u={{member.nickname}})';
    const url = 'https://example.com/g/Camp%20%26%20Co?u=Ana%20Lee';
    expect(render(md, 'html', { values }).body).toBe(`<p><a href="${url}" rel="noopener noreferrer" target="_blank">join</a></p>`);
    expect(render(md, 'telegram', { values }).body).toBe(`<a href="${url}">join</a>`);
    expect(render(md, 'slack', { values }).body).toBe(`<${url}|join>`);
    expect(render(md, 'wecom', { values }).body).toBe(`[join](${url})`);
    expect(render(md, 'text', { values }).body).toBe(`join (${url})`);
    expect(render(md, 'markdown', { values }).body).toBe(`[join](${url})`);
  });

  it('a value cannot supply a URL scheme', () => {
    const r = render('[open]({{member.nickname}})', 'html', { values: { 'member.nickname': 'javascript:alert(1)' } });
    expect(r.body).toBe('<p><a href="javascript%3Aalert%281%29" rel="noopener noreferrer" target="_blank">open</a></p>');
  });

  it('in link text, bold, a list, a quote, a table cell and an image alt', () => {
    const md =
      '[{{member.nickname}}](https://x.test) **{{member.nickname}}**\n\n- {{group.name}}\n\n> {{group.name}}\n\n| who |\n|---|\n| {{member.nickname}} |\n\n![{{group.name}}](https://img.test/a.png)';
    expect(render(md, 'telegram', { values }).body).toBe(
      '<a href="https://x.test">Ana Lee</a> <b>Ana Lee</b>\n\n• Camp &amp; Co\n\n<blockquote>Camp &amp; Co</blockquote>\n\n<b>who</b>\nAna Lee\n\n<a href="https://img.test/a.png">Camp &amp; Co</a>'
    );
  });

  it('in a bare URL (autolink)', () => {
    expect(render('See https://example.com/{{member.nickname}}', 'slack', { values }).body).toBe(
      'See <https://example.com/Ana%20Lee|https://example.com/Ana Lee>'
    );
  });

  it('in code: kept as typed, only what could close the code changed', () => {
    expect(
      render('`{{member.nickname}}`\n\n```\nhi {{member.nickname}}\n```', 'markdown', { values: { 'member.nickname': 'a`b*c' } }).body
    ).toBe('`a｀b*c`\n\n```\nhi a｀b*c\n```');
  });

  it('many placeholders (more than one sentinel digit) still fill correctly', () => {
    const md = Array.from({ length: 7000 }, () => '{{minutes}}').join(' ');
    const body = render(md, 'text', { values: { minutes: 5 } }).body;
    expect(body).toBe(Array.from({ length: 7000 }, () => '5').join(' '));
  });
});
