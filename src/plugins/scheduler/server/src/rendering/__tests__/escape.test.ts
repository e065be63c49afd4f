/** The escaping primitives, each against its format's documented rules. */
import { decodeEntities, escapeHtml, escapeMarkdown, escapeSlack, escapeWecom, neutralizeLineStarts, safeUrl } from '../escape';

describe('safeUrl', () => {
  it.each([
    'https://example.com/a?b=1&c=2',
    'http://x.test',
    'mailto:a@b.c',
    'tel:+8613800000000',
    '/relative/path',
    '#anchor',
    'page.html',
    '?q=1',
    '/a:b',
  ])('allows %s', (url) => {
    expect(safeUrl(url)).toBe(url);
  });

  it.each([
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:x',
    'javascript&#58;alert(1)',
    'javascript&#x3A;alert(1)',
    '&#106;avascript:alert(1)',
    'data:text/html,x',
    'vbscript:x',
    'file:///etc/passwd',
    'java\u200bscript:x',
  ])('rejects %j', (url) => {
    expect(safeUrl(url)).toBeNull();
  });

  it('decodes entities in what it returns', () => {
    expect(safeUrl('https://x.test/?a=1&amp;b=2')).toBe('https://x.test/?a=1&b=2');
  });
});

describe('decodeEntities', () => {
  it('named, decimal and hex; unknown names stay', () => {
    expect(decodeEntities('&amp; &lt;&gt; &quot;&#39; &#20013;&#x6587; &nbsp;|&bogus; & alone')).toBe(
      '& <> "\' 中文 \u00a0|&bogus; & alone'
    );
  });
  it('never produces a lone surrogate', () => {
    expect(decodeEntities('&#xD800;')).toBe('\uFFFD');
  });
});

describe('escapeHtml', () => {
  it('escapes the five characters', () =>
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;'));
});

describe('escapeSlack', () => {
  it('entities for & < >', () => expect(escapeSlack('a & <b>')).toBe('a &amp; &lt;b&gt;'));
  it('markers at word boundaries become full-width', () => expect(escapeSlack('*bold* _it_ ~s~ `c`')).toBe('＊bold＊ ＿it＿ ～s～ ｀c｀'));
  it('markers between ASCII letters or digits stay', () => expect(escapeSlack('snake_case_name 2*3 a~b')).toBe('snake_case_name 2*3 a~b'));
  it('markers next to CJK become full-width', () => expect(escapeSlack('中_文_')).toBe('中＿文＿'));
});

describe('escapeWecom', () => {
  it('bold, code and link characters always', () => expect(escapeWecom('**x** `y` [z](u)')).toBe('＊＊x＊＊ ｀y｀ ［z］(u)'));
  it('< only where it could open a tag', () =>
    expect(escapeWecom('a < b, 1<2, <font color="info">, </x>, <!--, end <')).toBe(
      'a < b, 1<2, ＜font color="info">, ＜/x>, ＜!--, end ＜'
    ));
  it('> only at the start of a line', () => expect(escapeWecom('> q\na > b\n  > r')).toBe('＞ q\na > b\n  ＞ r'));
  it('# at a line start is a block matter', () => expect(neutralizeLineStarts('# a\nb # c\n  #d')).toBe('＃ a\nb # c\n  ＃d'));
});

describe('escapeMarkdown', () => {
  it('backslashes every markdown punctuation mark', () =>
    expect(escapeMarkdown('*a* _b_ [c](d) # e > f - g 1. h & i <j> `k` ~l~ | m ! n')).toBe(
      '\\*a\\* \\_b\\_ \\[c\\]\\(d\\) \\# e \\> f \\- g 1\\. h \\& i \\<j\\> \\`k\\` \\~l\\~ \\| m \\! n'
    ));
  it('leaves CJK text alone', () => expect(escapeMarkdown('上海12期·小林')).toBe('上海12期·小林'));
});
