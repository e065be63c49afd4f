/**
 * Nothing from a placeholder value, and nothing typed as raw HTML or as a dangerous
 * link in the content, can become markup in any format.
 */
import { render, renderAll, RENDITION_FORMATS, type RenditionFormat } from '..';

const nick = (markdown: string, nickname: string) => renderAll(markdown, { values: { 'member.nickname': nickname } });

/** Every tag in an HTML rendition is one the renderer writes, with safe attributes only. */
function expectSafeHtml(html: string) {
  for (const m of html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)) {
    expect([
      'h1',
      'h2',
      'h3',
      'h4',
      'h5',
      'h6',
      'p',
      'br',
      'strong',
      'em',
      'del',
      'code',
      'pre',
      'a',
      'img',
      'ul',
      'ol',
      'li',
      'blockquote',
      'hr',
      'table',
      'thead',
      'tbody',
      'tr',
      'th',
      'td',
    ]).toContain(m[1].toLowerCase());
    const attrs = [...m[2].matchAll(/([a-zA-Z-]+)="([^"]*)"/g)];
    expect(m[2].replace(/\s*[a-zA-Z-]+="[^"]*"/g, '').trim()).toBe(''); // nothing but name="value" pairs
    for (const [, name, value] of attrs) {
      expect(['href', 'src', 'alt', 'rel', 'target', 'class', 'start']).toContain(name);
      if (name === 'href' || name === 'src') expect(value).toMatch(/^(https?:|mailto:|tel:|\/|#|\?|[^:]*$)/i);
    }
  }
}

/** Telegram accepts only these tags; <a> only with href, <code> only with a language class. */
function expectTelegramTags(body: string) {
  for (const m of body.matchAll(/<\/?([a-z]+)([^>]*)>/g)) {
    expect(['b', 'i', 'u', 's', 'a', 'code', 'pre', 'blockquote']).toContain(m[1]);
    if (m[2].trim()) expect(m[2]).toMatch(/^ (href="[^"]*"|class="language-[\w+#.-]+")$/);
  }
}

describe('a nickname cannot inject markup (it shows as literal text everywhere)', () => {
  it('<b>*x*</b>', () => {
    const r = nick('Welcome {{member.nickname}}!', '<b>*x*</b>');
    expect(r.text.body).toBe('Welcome <b>*x*</b>!');
    expect(r.html.body).toBe('<p>Welcome &lt;b&gt;*x*&lt;/b&gt;!</p>');
    expect(r.telegram.body).toBe('Welcome &lt;b&gt;*x*&lt;/b&gt;!');
    expect(r.slack.body).toBe('Welcome &lt;b&gt;＊x＊&lt;/b&gt;!');
    expect(r.wecom.body).toBe('Welcome ＜b>＊x＊＜/b>!');
    expect(r.markdown.body).toBe('Welcome \\<b\\>\\*x\\*\\</b\\>!');
  });

  it('a markdown link with a javascript: URL', () => {
    const r = nick('Hi {{member.nickname}}', '[click](javascript:alert(1))');
    expect(r.text.body).toBe('Hi [click](javascript:alert(1))');
    expect(r.html.body).toBe('<p>Hi [click](javascript:alert(1))</p>');
    expect(r.telegram.body).toBe('Hi [click](javascript:alert(1))');
    expect(r.slack.body).toBe('Hi [click](javascript:alert(1))');
    expect(r.wecom.body).toBe('Hi ［click］(javascript:alert(1))');
    expect(r.markdown.body).toBe('Hi \\[click\\]\\(javascript\\:alert\\(1\\)\\)');
  });

  it('</a><script> in link text and in the link URL', () => {
    const value = '</a><script>alert(1)</script>';
    const enc = '%3C%2Fa%3E%3Cscript%3Ealert%281%29%3C%2Fscript%3E';
    const r = nick('[{{member.nickname}}](https://x.test/u/{{member.nickname}})', value);
    expect(r.html.body).toBe(
      `<p><a href="https://x.test/u/${enc}" rel="noopener noreferrer" target="_blank">&lt;/a&gt;&lt;script&gt;alert(1)&lt;/script&gt;</a></p>`
    );
    expect(r.telegram.body).toBe(`<a href="https://x.test/u/${enc}">&lt;/a&gt;&lt;script&gt;alert(1)&lt;/script&gt;</a>`);
    expect(r.slack.body).toBe(`<https://x.test/u/${enc}|&lt;/a&gt;&lt;script&gt;alert(1)&lt;/script&gt;>`);
    expect(r.wecom.body).toBe(`[＜/a>＜script>alert(1)＜/script>](https://x.test/u/${enc})`);
    expect(r.text.body).toBe(`</a><script>alert(1)</script> (https://x.test/u/${enc})`);
    expect(r.markdown.body).toBe(`[\\</a\\>\\<script\\>alert\\(1\\)\\</script\\>](https://x.test/u/${enc})`);
  });

  it('<img onerror> in a heading', () => {
    const r = nick('# Hello {{member.nickname}}', '<img src=x onerror=alert(1)>');
    expect(r.html.body).toBe('<h1>Hello &lt;img src=x onerror=alert(1)&gt;</h1>');
    expect(r.telegram.body).toBe('<b>Hello &lt;img src=x onerror=alert(1)&gt;</b>');
    expect(r.wecom.body).toBe('# Hello ＜img src=x onerror=alert(1)>');
    expectSafeHtml(r.html.body);
  });

  it('Slack and WeCom markers: *, _, ~, `, and & < > entities', () => {
    const r = nick('Hi {{member.nickname}}', '_x_ ~y~ `z` *w* a&b <c>');
    expect(r.slack.body).toBe('Hi ＿x＿ ～y～ ｀z｀ ＊w＊ a&amp;b &lt;c&gt;');
    expect(r.wecom.body).toBe('Hi _x_ ~y~ ｀z｀ ＊w＊ a&b ＜c>');
    expect(r.telegram.body).toBe('Hi _x_ ~y~ `z` *w* a&amp;b &lt;c&gt;');
    expect(r.text.body).toBe('Hi _x_ ~y~ `z` *w* a&b <c>');
  });

  it('Slack mentions and specials cannot be spelled by a value or by content', () => {
    expect(nick('Hi {{member.nickname}}', '<!channel> <@U123>').slack.body).toBe('Hi &lt;!channel&gt; &lt;@U123&gt;');
    expect(render('Hi <!channel> and <!here>', 'slack').body).toBe('Hi &lt;!channel&gt; and &lt;!here&gt;');
  });

  it('snake_case and 5*3 stay as typed in Slack (no word boundary, no marker)', () => {
    expect(nick('{{member.nickname}}', 'ana_lee 5*3').slack.body).toBe('ana_lee 5*3');
  });

  it('an entity in a value stays literal (it is not decoded)', () => {
    const r = nick('Hi {{member.nickname}}', '&lt;b&gt;');
    expect(r.html.body).toBe('<p>Hi &amp;lt;b&amp;gt;</p>');
    expect(r.telegram.body).toBe('Hi &amp;lt;b&amp;gt;');
    expect(r.text.body).toBe('Hi &lt;b&gt;');
    expect(r.markdown.body).toBe('Hi \\&lt;b\\&gt;');
  });

  it('a value cannot start a heading, quote or list: it is one line, line starts neutralised', () => {
    const r = nick('{{member.nickname}} joined', '# big\n\n> quote\n- item');
    // One line: the # starting it is neutralised; a > in the middle of a line is harmless.
    expect(r.wecom.body).toBe('＃ big > quote - item joined');
    expect(r.text.body).toBe('# big > quote - item joined');
    expect(r.markdown.body).toBe('\\# big \\> quote \\- item joined');
    expect(r.telegram.body).toBe('# big &gt; quote - item joined');
  });

  it('a value inside bold stays inside it, its own markers inert', () => {
    const r = nick('Welcome **{{member.nickname}}**!', '**not bold**');
    expect(r.wecom.body).toBe('Welcome **＊＊not bold＊＊**!');
    expect(r.slack.body).toBe('Welcome *＊＊not bold＊＊*!');
    expect(r.telegram.body).toBe('Welcome <b>**not bold**</b>!');
  });

  it('a value inside code is code', () => {
    const r = nick('Your tag: `#{{member.nickname}}`', 'a`b<c>');
    expect(r.html.body).toBe('<p>Your tag: <code>#a`b&lt;c&gt;</code></p>');
    expect(r.telegram.body).toBe('Your tag: <code>#a`b&lt;c&gt;</code>');
    expect(r.slack.body).toBe('Your tag: `#aˋb&lt;c&gt;`');
    expect(r.wecom.body).toBe('Your tag: `#a｀b<c>`');
    expect(r.markdown.body).toBe('Your tag: `#a｀b<c>`');
  });

  it('never emits a sentinel or {{ in any format, even when a value spells one', () => {
    const r = nick('{{member.nickname}} {{nope}} [x]({{member.nickname}}) `{{member.nickname}}`', '\uE000\uE100\uE001');
    for (const f of RENDITION_FORMATS) {
      expect(r[f].body).not.toMatch(/[\uE000-\uE003]/);
      expect(r[f].body).not.toContain('{{');
    }
  });
});

describe('content cannot smuggle markup either', () => {
  const evil = [
    '<script>alert(1)</script>',
    'Hello <img src=x onerror=alert(1)> & <iframe src="https://evil.test"></iframe> <style>p{}</style>',
    '<a href="javascript:alert(1)" onclick="alert(1)">x</a>',
    '[js](javascript:alert(1)) [JS](JaVaScRiPt:alert(1)) [ent](javascript&#58;alert(1)) [tab](java%09script:alert(1)) [data](data:text/html,<b>x</b>) [vb](vbscript:msgbox)',
    '![img](javascript:alert(1)) ![pic](data:image/png;base64,AAAA) <javascript:alert(1)>',
    '[quote](https://a.test/"onmouseover="alert(1))',
  ].join('\n\n');

  it('html: raw HTML is escaped text, only safe tags and URLs', () => {
    const body = render(evil, 'html').body;
    expectSafeHtml(body);
    expect(body).toContain('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
    expect(body).toContain(
      'Hello &lt;img src=x onerror=alert(1)&gt; &amp; &lt;iframe src=&quot;https://evil.test&quot;&gt;&lt;/iframe&gt;'
    );
    expect(body).toContain('<a href="https://a.test/&quot;onmouseover=&quot;alert(1)" rel="noopener noreferrer" target="_blank">quote</a>');
    expect(body).not.toMatch(/href="\s*(javascript|data|vbscript)/i);
    expect(body).not.toMatch(/src="\s*(javascript|data)/i);
  });

  it('chat formats keep a quote-laden URL inside its link', () => {
    const md = '[quote](https://a.test/"onmouseover="alert(1))';
    expect(render(md, 'telegram').body).toBe('<a href="https://a.test/&quot;onmouseover=&quot;alert(1)">quote</a>');
    expect(render(md, 'wecom').body).toBe('[quote](https://a.test/%22onmouseover=%22alert%281%29)');
    expect(render(md, 'slack').body).toBe('<https://a.test/"onmouseover="alert(1)|quote>');
  });

  it('dangerous links lose their link in every format (the words stay)', () => {
    const md = '[js](javascript:alert(1)) [ent](javascript&#58;alert(1)) [data](data:text/html,x) [vb](vbscript:x)';
    expect(render(md, 'html').body).toBe('<p>js ent data vb</p>');
    expect(render(md, 'text').body).toBe('js ent data vb');
    expect(render(md, 'telegram').body).toBe('js ent data vb');
    expect(render(md, 'slack').body).toBe('js ent data vb');
    expect(render(md, 'wecom').body).toBe('js ent data vb');
  });

  it('telegram: only the tags Telegram accepts, raw HTML escaped', () => {
    const body = render(
      evil + '\n\n# T\n\n**b** *i* ~~s~~ `c` [l](https://x.test)\n\n> q\n\n```js\npre\n```\n\n---\n\n| a | b |\n|---|---|\n| 1 | 2 |',
      'telegram'
    ).body;
    expectTelegramTags(body);
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(body).not.toMatch(/<p>|<br/);
  });

  it('telegram nesting rules: no code inside bold or links, no quote inside a quote', () => {
    expect(render('# Use `npm`', 'telegram').body).toBe('<b>Use npm</b>');
    expect(render('[`code` link](https://x.test)', 'telegram').body).toBe('<a href="https://x.test">code link</a>');
    expect(render('> outer\n>\n> > inner', 'telegram').body).toBe('<blockquote>outer\ninner</blockquote>');
    expect(render('**a **b** c**', 'telegram').body).not.toContain('<b><b>');
  });

  it('wecom: raw tags and markers from content are neutralised', () => {
    expect(render('a \\*not bold\\* <b>x</b> [y\\]', 'wecom').body).toBe('a ＊not bold＊ ＜b>x＜/b> ［y］');
    expect(render('\\# not a heading\n\n\\> not a quote', 'wecom').body).toBe('＃ not a heading\n\n＞ not a quote');
  });

  it('text: no markup characters from markdown syntax remain', () => {
    const body = render('# Title\n\n**bold** and *em* and ~~del~~\n\n> quoted\n\n- item\n\n1. first', 'text').body;
    expect(body).toBe('Title\n\nbold and em and del\n\n｜quoted\n\n• item\n\n1. first');
    expect(body).not.toMatch(/[*#>~]/);
  });

  it('every format stays free of raw executable markup', () => {
    for (const f of ['telegram', 'slack', 'wecom'] as RenditionFormat[]) {
      const body = render(evil, f).body;
      expect(body).not.toMatch(/<(script|img|iframe|style)/i);
      expect(body).not.toMatch(/<a [^>]*(javascript|onclick)/i);
    }
  });
});

describe('discord: values and content show literally, and never mention anyone', () => {
  const ZW = '\u200b';

  it('<b>*x*</b>: every marker backslash-escaped (Discord shows the character after a backslash as typed)', () => {
    expect(nick('Welcome {{member.nickname}}!', '<b>*x*</b>').discord.body).toBe('Welcome \\<b\\>\\*x\\*\\</b\\>!');
  });

  it('@everyone and @here get a zero-width space after the @; <@user>, <@&role>, <#channel>, <t:…> get a backslash', () => {
    const r = nick('Hi {{member.nickname}}', '@everyone @HERE <@123> <@!4> <@&56> <#78> <t:1618953630:R> <:e:9>');
    expect(r.discord.body).toBe(`Hi @${ZW}everyone @${ZW}HERE \\<@123\\> \\<@!4\\> \\<@&56\\> \\<#78\\> \\<t:1618953630:R\\> \\<:e:9\\>`);
    // Typed in the content itself, the same.
    expect(render('Ping @everyone and <@123>, or @here', 'discord').body).toBe(`Ping @${ZW}everyone and \\<@123\\>, or @${ZW}here`);
    // An e-mail address or a handle is no mention and stays as typed.
    expect(nick('{{member.nickname}}', 'ann@example.com @ann').discord.body).toBe('ann@example.com @ann');
  });

  it('spoilers, underline, strike, code, masked links and escapes from a value are inert', () => {
    const r = nick('Hi {{member.nickname}}', '||s|| __u__ ~~d~~ `c` [x](https://evil.test) \\*');
    expect(r.discord.body).toBe('Hi \\|\\|s\\|\\| \\_\\_u\\_\\_ \\~\\~d\\~\\~ \\`c\\` \\[x\\](https://evil.test) \\\\\\*');
  });

  it('a value cannot start a heading, subtext, quote or list', () => {
    expect(nick('{{member.nickname}} joined', '# big\n\n> quote\n- item').discord.body).toBe('\\# big \\> quote - item joined');
    expect(nick('{{member.nickname}}', '-# small').discord.body).toBe('\\-# small');
    expect(nick('{{member.nickname}}', '1. first').discord.body).toBe('1\\. first');
    expect(nick('{{member.nickname}}', '+ plus').discord.body).toBe('\\+ plus');
  });

  it('a value inside bold stays inside it; inside code it is code (no backtick can close it)', () => {
    expect(nick('Welcome **{{member.nickname}}**!', '**not bold**').discord.body).toBe('Welcome **\\*\\*not bold\\*\\***!');
    expect(nick('Your tag: `#{{member.nickname}}`', 'a`b<c> @everyone').discord.body).toBe('Your tag: `#aˋb<c> @everyone`');
    expect(nick('```\n{{member.nickname}}\n```', '```\n@here').discord.body).toBe('```\nˋˋˋ @here\n```');
  });

  it('a value in a link URL is percent-encoded; link text is escaped', () => {
    const value = '](https://evil.test) <@1>';
    const r = nick('[{{member.nickname}}](https://x.test/u/{{member.nickname}})', value);
    expect(r.discord.body).toBe('[\\](https://evil.test) \\<@1\\>](https://x.test/u/%5D%28https%3A%2F%2Fevil.test%29%20%3C%401%3E)');
  });

  it('raw HTML and dangerous links from content: shown as text, no link', () => {
    expect(render('<script>alert(1)</script>', 'discord').body).toBe('\\<script\\>alert(1)\\</script\\>');
    expect(render('[js](javascript:alert(1)) [data](data:text/html,x)', 'discord').body).toBe('js data');
    expect(render('[quote](https://a.test/"onmouseover="alert(1))', 'discord').body).toBe(
      '[quote](https://a.test/%22onmouseover=%22alert%281%29)'
    );
  });
});

describe('dingtalk: placeholder values and content show literally, ping nobody', () => {
  it('<b>*x*</b>, markdown links, entities and markers from a value are text', () => {
    expect(nick('Welcome {{member.nickname}}!', '<b>*x*</b>').dingtalk.body).toBe('Welcome ＜b>＊x＊＜/b>!');
    expect(nick('Hi {{member.nickname}}', '[click](javascript:alert(1))').dingtalk.body).toBe('Hi ［click］(javascript:alert(1))');
    expect(nick('Hi {{member.nickname}}', '![x](https://evil.test/p.png)').dingtalk.body).toBe('Hi !［x］(https://evil.test/p.png)');
    expect(nick('Hi {{member.nickname}}', '_x_ ~y~ `z` *w* a&b <c>').dingtalk.body).toBe('Hi ＿x＿ ～y～ ｀z｀ ＊w＊ a&b ＜c>');
    expect(nick('Hi {{member.nickname}}', '&lt;b&gt; &#60;i&#62;').dingtalk.body).toBe('Hi ＆lt;b＆gt; ＆#60;i＆#62;');
    expect(nick('{{member.nickname}}', 'ana_lee').dingtalk.body).toBe('ana_lee');
  });

  it('@all and @13800000000 stay as written (the robot notifies only those listed in `at`, and nobody is)', () => {
    expect(nick('Hi {{member.nickname}}', '@all @13800000000').dingtalk.body).toBe('Hi @all @13800000000');
  });

  it('</a><script> in link text and URL stays text and inside the link', () => {
    const value = '</a><script>alert(1)</script>';
    const enc = '%3C%2Fa%3E%3Cscript%3Ealert%281%29%3C%2Fscript%3E';
    const r = nick('[{{member.nickname}}](https://x.test/u/{{member.nickname}})', value);
    expect(r.dingtalk.body).toBe(`[＜/a>＜script>alert(1)＜/script>](https://x.test/u/${enc})`);
  });

  it('a value cannot start a heading, quote or list, nor leave bold or code', () => {
    expect(nick('{{member.nickname}} joined', '# big\n\n> quote\n- item').dingtalk.body).toBe('＃ big > quote - item joined');
    expect(nick('{{member.nickname}}', '- item').dingtalk.body).toBe('－ item');
    expect(nick('{{member.nickname}}', '1. first').dingtalk.body).toBe('1． first');
    expect(nick('{{member.nickname}}', '> quote').dingtalk.body).toBe('＞ quote');
    expect(nick('Welcome **{{member.nickname}}**!', '**not bold**').dingtalk.body).toBe('Welcome **＊＊not bold＊＊**!');
    expect(nick('Your tag: `#{{member.nickname}}`', 'a`b<c>').dingtalk.body).toBe('Your tag: #a｀b＜c>');
  });

  it('content: escaped markers, raw tags, dangerous links and would-be blocks are neutralised', () => {
    expect(render('a \\*not bold\\* <b>x</b> [y\\]', 'dingtalk').body).toBe('a ＊not bold＊ ＜b>x＜/b> ［y］');
    expect(render('\\# not a heading\n\n\\> not a quote\n\n\\- not a list\n\n1\\. not a list', 'dingtalk').body).toBe(
      '＃ not a heading\n\n＞ not a quote\n\n－ not a list\n\n1． not a list'
    );
    expect(render('Title\n\\===', 'dingtalk').body).toBe('Title\n＝==');
    expect(
      render('[js](javascript:alert(1)) [ent](javascript&#58;alert(1)) [data](data:text/html,x) [vb](vbscript:x)', 'dingtalk').body
    ).toBe('js ent data vb');
    expect(render('[quote](https://a.test/"onmouseover="alert(1))', 'dingtalk').body).toBe(
      '[quote](https://a.test/%22onmouseover=%22alert%281%29)'
    );
    const body = render(
      '<script>alert(1)</script>\n\nHello <img src=x onerror=alert(1)> <iframe src="https://evil.test"></iframe>',
      'dingtalk'
    ).body;
    expect(body).not.toMatch(/<(script|img|iframe|style)/i);
  });
});

describe('feishu: placeholder values and content show literally, mention nobody, link nowhere', () => {
  it.each([
    ['<b>*x*</b>', 'Hi ＜b>＊x＊＜/b>'],
    ['<at id=all></at>', 'Hi ＜at id=all>＜/at>'],
    ['<at user_id="all">所有人</at>', 'Hi ＜at user_id="all">所有人＜/at>'],
    ["<at email='a@b.test'></at>", "Hi ＜at email='a@b.test'>＜/at>"],
    ['@所有人 @all', 'Hi @所有人 @all'],
    ['[x](javascript:alert(1))', 'Hi ［x］(javascript:alert(1))'],
    ['[x](https://evil.test)', 'Hi ［x］(https://evil.test)'],
    ['![x](img_v2_key)', 'Hi !［x］(img_v2_key)'],
    ['<font color=red>red</font>', 'Hi ＜font color=red>red＜/font>'],
    ["<link url='https://evil.test'>x</link>", "Hi ＜link url='https://evil.test'>x＜/link>"],
    ['&lt;at id=all&gt; &#60;b&#62;', 'Hi ＆lt;at id=all＆gt; ＆#60;b＆#62;'],
    ['_x_ ~~y~~ `z` *w* a&b a < b', 'Hi ＿x＿ ～～y～～ ｀z｀ ＊w＊ a&b a < b'],
    ['ana_lee 5*3', 'Hi ana_lee 5＊3'],
  ])('value %s', (value, shown) => {
    expect(nick('Hi {{member.nickname}}', value).feishu.body).toBe(shown);
  });

  it('a value cannot start a heading, quote, list or fence, nor leave bold or code', () => {
    expect(nick('{{member.nickname}} joined', '# big\n\n> quote\n- item').feishu.body).toBe('＃ big > quote - item joined');
    expect(nick('{{member.nickname}}', '- item').feishu.body).toBe('－ item');
    expect(nick('{{member.nickname}}', '1. first').feishu.body).toBe('1． first');
    expect(nick('{{member.nickname}}', '```js').feishu.body).toBe('｀｀｀js');
    expect(nick('Welcome **{{member.nickname}}**!', '**not bold**').feishu.body).toBe('Welcome **＊＊not bold＊＊**!');
    // Inline code shows as text in a 1.0 card, so a value in it is escaped as text.
    expect(nick('Your tag: `#{{member.nickname}}`', 'a`b<c> *d*').feishu.body).toBe('Your tag: #a｀b＜c> ＊d＊');
    // In a fenced block a value is escaped as text too: it must not depend on the client showing the fence.
    expect(nick('```\n{{member.nickname}}\n```', '<at id=all></at> **x**').feishu.body).toBe('```\n＜at id=all>＜/at> ＊＊x＊＊\n```');
  });

  it('</a><script> in link text and URL stays text and inside the link', () => {
    const value = '</a><script>alert(1)</script>';
    const enc = '%3C%2Fa%3E%3Cscript%3Ealert%281%29%3C%2Fscript%3E';
    const r = nick('[{{member.nickname}}](https://x.test/u/{{member.nickname}})', value);
    expect(r.feishu.body).toBe(`[＜/a>＜script>alert(1)＜/script>](https://x.test/u/${enc})`);
  });

  it('content: mention tags, font, escaped markers, raw tags, dangerous links and would-be blocks are neutralised', () => {
    expect(render('Hello <at id=all></at> and <at user_id="all"></at> @所有人', 'feishu').body).toBe(
      'Hello ＜at id=all>＜/at> and ＜at user_id="all">＜/at> @所有人'
    );
    expect(render('<font color=red>warn</font> <font color="warning">w</font>', 'feishu').body).toBe('＜font color=red>warn＜/font> w');
    expect(render('a \\*not bold\\* <b>x</b> [y\\]', 'feishu').body).toBe('a ＊not bold＊ ＜b>x＜/b> ［y］');
    expect(render('\\# not a heading\n\n\\> not a quote\n\n\\- not a list\n\n1\\. not a list', 'feishu').body).toBe(
      '＃ not a heading\n\n＞ not a quote\n\n－ not a list\n\n1． not a list'
    );
    expect(
      render('[js](javascript:alert(1)) [ent](javascript&#58;alert(1)) [data](data:text/html,x) [vb](vbscript:x)', 'feishu').body
    ).toBe('js ent data vb');
    expect(render('[quote](https://a.test/"onmouseover="alert(1))', 'feishu').body).toBe(
      '[quote](https://a.test/%22onmouseover=%22alert%281%29)'
    );
    const body = render(
      '<script>alert(1)</script>\n\nHello <img src=x onerror=alert(1)> <iframe src="https://evil.test"></iframe>',
      'feishu'
    ).body;
    expect(body).not.toMatch(/<(script|img|iframe|style|at|font|link)/i);
  });

  it('no rendering of any input holds a tag Feishu reads (<at, <font, <link) or a non-web link', () => {
    const inputs = ['<at id=all></at>', '<AT ID=ALL></AT>', '< at id=all>', '<at\tid=all>', '<font color=red>', '<link url=x>'];
    for (const v of inputs) {
      const r = nick('{{member.nickname}} [a](https://x.test/{{member.nickname}}) `{{member.nickname}}`', v).feishu.body;
      // A tag's name follows its `<` directly (`< at` is text to an HTML-style parser): no `<` before a letter survives.
      expect(r).not.toMatch(/<(at|font|link)\b/i);
      expect(r).not.toMatch(/\]\((?!https?:)/);
    }
  });
});
