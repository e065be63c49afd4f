/**
 * Nothing from a placeholder value or from text can become markup in any format.
 */
import { render, renderAll } from '..';

const EVIL = '<b>*x*</b>';

describe('a nickname cannot inject markup', () => {
  const all = renderAll('Welcome {{member.nickname}}!', { values: { 'member.nickname': EVIL } });

  it('text shows it literally', () => expect(all.text.body).toBe('Welcome <b>*x*</b>!'));
  it('html escapes it', () => expect(all.html.body).toBe('<p>Welcome &lt;b&gt;*x*&lt;/b&gt;!</p>'));
  it('telegram escapes <, > and &', () => expect(all.telegram.body).toBe('Welcome &lt;b&gt;*x*&lt;/b&gt;!'));
  it('slack escapes and neutralises markers', () => expect(all.slack.body).toBe('Welcome &lt;b&gt;＊x＊&lt;/b&gt;!'));
  it('wecom neutralises markers and tags', () => expect(all.wecom.body).toBe('Welcome ＜b＞＊x＊＜/b＞!'));
  it('markdown escapes it', () => expect(all.markdown.body).toBe('Welcome \\<b\\>\\*x\\*\\</b\\>!'));

  it('markdown syntax in a value stays text', () => {
    const r = renderAll('Hi {{member.nickname}}', { values: { 'member.nickname': '[click](javascript:alert(1)) **b**' } });
    expect(r.html.body).toBe('<p>Hi [click](javascript:alert(1)) **b**</p>');
    expect(r.telegram.body).not.toContain('<a');
    expect(r.wecom.body).toBe('Hi ［click］(javascript:alert(1)) ＊＊b＊＊');
  });
});

describe('content cannot smuggle markup either', () => {
  it('raw HTML in markdown is escaped, never passed through', () => {
    const md = '<script>alert(1)</script>\n\nHello <img src=x onerror=alert(1)> & bye';
    const html = render(md, 'html').body;
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain('&lt;script&gt;');
    expect(render(md, 'telegram').body).not.toMatch(/<script|<img/);
  });

  it('javascript:, data: and vbscript: links lose their link', () => {
    for (const url of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<b>', 'vbscript:x', 'java\tscript:alert(1)']) {
      const md = `[x](${url.replace(/ /g, '%20')})`;
      for (const format of ['html', 'telegram', 'slack', 'wecom', 'text'] as const) {
        expect(render(md, format).body.toLowerCase()).not.toMatch(/javascript|vbscript|data:/);
      }
    }
  });

  it('links keep rel="noopener"', () => {
    expect(render('[a](https://x.test)', 'html').body).toContain('rel="noopener noreferrer"');
  });

  it('Telegram output uses only the tags Telegram accepts', () => {
    const md = '# T\n\n**b** *i* ~~s~~ `c` [l](https://x.test)\n\n> q\n\n```\npre\n```\n\n---\n\n| a | b |\n|---|---|\n| 1 | 2 |';
    const tags = [...render(md, 'telegram').body.matchAll(/<\/?([a-z]+)/g)].map((m) => m[1]);
    expect(new Set(tags)).toEqual(new Set(['b', 'i', 's', 'code', 'a', 'blockquote', 'pre']));
  });

  it('text has no stray *, # or >', () => {
    const body = render('# Title\n\n**bold** and *em*\n\n> quoted\n\n- item', 'text').body;
    expect(body).not.toMatch(/[*#>]/);
  });
});
