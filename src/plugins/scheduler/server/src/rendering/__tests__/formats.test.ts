/**
 * Golden renditions. Every expected string is written by hand from the format's own
 * rules (Telegram Bot API "HTML style", Slack mrkdwn, the WeCom group robot's markdown
 * subset, plain text as decided in renderers/text.ts, sanitized HTML) — never captured
 * from the code's output.
 */
import { render, renderAll, RENDITION_FORMATS } from '..';
import { LESSON_ZH, REPORTS, VALUES, WELCOME_EN, WELCOME_ZH } from './fixtures/reports';

const report = (name: string) => REPORTS.find((r) => r.name === name)!.markdown;
const lines = (...l: string[]) => l.join('\n');
const blocks = (...b: string[]) => b.join('\n\n');

describe('Chinese morning report (# 早安！, three items, > 今日任务, closing)', () => {
  const md = report('morning-1-zh');
  const opts = { values: VALUES.zh };

  it('text: plain lines, "title (url)" links, quote as ｜ line, no markers', () => {
    expect(render(md, 'text', opts).body).toBe(
      blocks(
        '早安！21天习惯营·上海12期的伙伴们',
        '今天是2026年12月1日星期二，今日主题：从小处开始。',
        lines(
          '1. 两分钟法则',
          '任何新习惯，都从两分钟以内就能完成的版本开始。惯性比动力更可靠。',
          '阅读全文 (https://example.com/articles/day-1-1)'
        ),
        lines(
          '2. 为什么连续打卡有用',
          '看得见的打卡记录，会把模糊的想法变成对自己的每日承诺。',
          '阅读全文 (https://example.com/articles/day-1-2)'
        ),
        lines(
          '3. 读者来信',
          '来自上海的小林问：中断三天后怎么重新开始？简短的回答：不要连续错过两次。',
          '阅读全文 (https://example.com/articles/day-1-3)'
        ),
        '｜今日任务：写下你想养成的一个习惯，以及它最小的版本，带上 #打卡 发到群里。',
        '祝大家今天顺利，晚上打卡见！'
      )
    );
  });

  it('wecom: # heading, **bold**, [links](url), > quote; italic degrades to text', () => {
    expect(render(md, 'wecom', opts).body).toBe(
      blocks(
        '# 早安！21天习惯营·上海12期的伙伴们',
        '今天是2026年12月1日星期二，今日主题：从小处开始。',
        lines(
          '**1. 两分钟法则**',
          '任何新习惯，都从**两分钟以内**就能完成的版本开始。惯性比动力更可靠。',
          '[阅读全文](https://example.com/articles/day-1-1)'
        ),
        lines(
          '**2. 为什么连续打卡有用**',
          '看得见的打卡记录，会把模糊的想法变成对自己的每日承诺。',
          '[阅读全文](https://example.com/articles/day-1-2)'
        ),
        lines(
          '**3. 读者来信**',
          '来自上海的小林问：中断三天后怎么重新开始？简短的回答：不要连续错过两次。',
          '[阅读全文](https://example.com/articles/day-1-3)'
        ),
        '> **今日任务：**写下你想养成的**一个习惯**，以及它最小的版本，带上 #打卡 发到群里。',
        '祝大家今天顺利，晚上打卡见！'
      )
    );
  });

  it('telegram: <b> heading line, <i>, <a href>, <blockquote>, newlines instead of <p>', () => {
    expect(render(md, 'telegram', opts).body).toBe(
      blocks(
        '<b>早安！21天习惯营·上海12期的伙伴们</b>',
        '今天是2026年12月1日星期二，今日主题：<i>从小处开始</i>。',
        lines(
          '<b>1. 两分钟法则</b>',
          '任何新习惯，都从<b>两分钟以内</b>就能完成的版本开始。惯性比动力更可靠。',
          '<a href="https://example.com/articles/day-1-1">阅读全文</a>'
        ),
        lines(
          '<b>2. 为什么连续打卡有用</b>',
          '看得见的打卡记录，会把模糊的想法变成对自己的<i>每日承诺</i>。',
          '<a href="https://example.com/articles/day-1-2">阅读全文</a>'
        ),
        lines(
          '<b>3. 读者来信</b>',
          '来自上海的小林问：中断三天后怎么重新开始？简短的回答：不要连续错过两次。',
          '<a href="https://example.com/articles/day-1-3">阅读全文</a>'
        ),
        '<blockquote><b>今日任务：</b>写下你想养成的<b>一个习惯</b>，以及它最小的版本，带上 #打卡 发到群里。</blockquote>',
        '祝大家今天顺利，晚上打卡见！'
      )
    );
  });

  it('slack: *bold* heading line, _italic_, <url|text>, > quote', () => {
    expect(render(md, 'slack', opts).body).toBe(
      blocks(
        '*早安！21天习惯营·上海12期的伙伴们*',
        '今天是2026年12月1日星期二，今日主题：_从小处开始_。',
        lines(
          '*1. 两分钟法则*',
          '任何新习惯，都从*两分钟以内*就能完成的版本开始。惯性比动力更可靠。',
          '<https://example.com/articles/day-1-1|阅读全文>'
        ),
        lines(
          '*2. 为什么连续打卡有用*',
          '看得见的打卡记录，会把模糊的想法变成对自己的_每日承诺_。',
          '<https://example.com/articles/day-1-2|阅读全文>'
        ),
        lines(
          '*3. 读者来信*',
          '来自上海的小林问：中断三天后怎么重新开始？简短的回答：不要连续错过两次。',
          '<https://example.com/articles/day-1-3|阅读全文>'
        ),
        '> *今日任务：*写下你想养成的*一个习惯*，以及它最小的版本，带上 #打卡 发到群里。',
        '祝大家今天顺利，晚上打卡见！'
      )
    );
  });

  it('html: sanitized tags, links with rel/target', () => {
    const a = (n: number) => `<a href="https://example.com/articles/day-1-${n}" rel="noopener noreferrer" target="_blank">阅读全文</a>`;
    expect(render(md, 'html', opts).body).toBe(
      lines(
        '<h1>早安！21天习惯营·上海12期的伙伴们</h1>',
        '<p>今天是2026年12月1日星期二，今日主题：<em>从小处开始</em>。</p>',
        `<p><strong>1. 两分钟法则</strong>\n任何新习惯，都从<strong>两分钟以内</strong>就能完成的版本开始。惯性比动力更可靠。\n${a(1)}</p>`,
        `<p><strong>2. 为什么连续打卡有用</strong>\n看得见的打卡记录，会把模糊的想法变成对自己的<em>每日承诺</em>。\n${a(2)}</p>`,
        `<p><strong>3. 读者来信</strong>\n来自上海的小林问：中断三天后怎么重新开始？简短的回答：不要连续错过两次。\n${a(3)}</p>`,
        '<blockquote><p><strong>今日任务：</strong>写下你想养成的<strong>一个习惯</strong>，以及它最小的版本，带上 #打卡 发到群里。</p></blockquote>',
        '<p>祝大家今天顺利，晚上打卡见！</p>'
      )
    );
  });

  it('markdown: the source with the values in', () => {
    expect(render(md, 'markdown', opts).body).toBe(
      md.replace('{{group.name}}', '21天习惯营·上海12期').replace('{{date}}', '2026年12月1日星期二')
    );
  });

  it('reports nothing missing or unknown when every value is given', () => {
    for (const r of Object.values(renderAll(md, opts))) {
      expect(r.missing).toEqual([]);
      expect(r.unknown).toEqual([]);
      expect(r.parts).toEqual([r.body]);
    }
  });
});

describe('English morning report', () => {
  const md = report('morning-1-en');
  const opts = { values: VALUES.en };
  const items = [
    ['The two-minute rule', 'Start any new habit with a version that takes {b}two minutes or less{/b}. Momentum beats motivation.'],
    ['Why streaks work', 'A visible chain of check-ins turns a vague intention into a {i}daily promise{/i} to yourself.'],
    ['Reader question', 'Anna from Berlin asks how to restart after missing three days. Short answer: never miss twice.'],
  ];
  const item = (i: number, b: [string, string], it: [string, string], link: (url: string) => string) =>
    lines(
      `${b[0]}${i + 1}. ${items[i][0]}${b[1]}`,
      items[i][1].replace('{b}', b[0]).replace('{/b}', b[1]).replace('{i}', it[0]).replace('{/i}', it[1]),
      link(`https://example.com/articles/day-1-${i + 1}`)
    );

  it('html escapes the apostrophe and keeps the curly one', () => {
    const a = (url: string) => `<a href="${url}" rel="noopener noreferrer" target="_blank">Read more</a>`;
    expect(render(md, 'html', opts).body).toBe(
      lines(
        '<h1>Good morning, Habit Camp Berlin #3!</h1>',
        '<p>Today is Tuesday, 1 December 2026. Today&#39;s theme: <em>small steps</em>.</p>',
        ...[0, 1, 2].map((i) => `<p>${item(i, ['<strong>', '</strong>'], ['<em>', '</em>'], a)}</p>`),
        '<blockquote><p><strong>Today&#39;s task:</strong> Write down <strong>one habit</strong> you want to build and the smallest version of it. Post it with #check-in.</p></blockquote>',
        '<p>Have a great day, and see you at tonight’s check-in!</p>'
      )
    );
  });

  it('text', () => {
    expect(render(md, 'text', opts).body).toBe(
      blocks(
        'Good morning, Habit Camp Berlin #3!',
        "Today is Tuesday, 1 December 2026. Today's theme: small steps.",
        ...[0, 1, 2].map((i) => item(i, ['', ''], ['', ''], (url) => `Read more (${url})`)),
        "｜Today's task: Write down one habit you want to build and the smallest version of it. Post it with #check-in.",
        'Have a great day, and see you at tonight’s check-in!'
      )
    );
  });

  it('telegram', () => {
    expect(render(md, 'telegram', opts).body).toBe(
      blocks(
        '<b>Good morning, Habit Camp Berlin #3!</b>',
        "Today is Tuesday, 1 December 2026. Today's theme: <i>small steps</i>.",
        ...[0, 1, 2].map((i) => item(i, ['<b>', '</b>'], ['<i>', '</i>'], (url) => `<a href="${url}">Read more</a>`)),
        "<blockquote><b>Today's task:</b> Write down <b>one habit</b> you want to build and the smallest version of it. Post it with #check-in.</blockquote>",
        'Have a great day, and see you at tonight’s check-in!'
      )
    );
  });

  it('slack', () => {
    expect(render(md, 'slack', opts).body).toBe(
      blocks(
        '*Good morning, Habit Camp Berlin #3!*',
        "Today is Tuesday, 1 December 2026. Today's theme: _small steps_.",
        ...[0, 1, 2].map((i) => item(i, ['*', '*'], ['_', '_'], (url) => `<${url}|Read more>`)),
        "> *Today's task:* Write down *one habit* you want to build and the smallest version of it. Post it with #check-in.",
        'Have a great day, and see you at tonight’s check-in!'
      )
    );
  });

  it('wecom', () => {
    expect(render(md, 'wecom', opts).body).toBe(
      blocks(
        '# Good morning, Habit Camp Berlin #3!',
        "Today is Tuesday, 1 December 2026. Today's theme: small steps.",
        ...[0, 1, 2].map((i) => item(i, ['**', '**'], ['', ''], (url) => `[Read more](${url})`)),
        "> **Today's task:** Write down **one habit** you want to build and the smallest version of it. Post it with #check-in.",
        'Have a great day, and see you at tonight’s check-in!'
      )
    );
  });

  it('markdown escapes the # in the group name', () => {
    expect(render(md, 'markdown', opts).body.split('\n')[0]).toBe('# Good morning, Habit Camp Berlin \\#3!');
  });
});

describe('Chinese evening report: a list with bold and a link', () => {
  const md = report('evening-1-zh');
  const opts = { values: VALUES.zh };

  it('wecom: list items as • lines', () => {
    expect(render(md, 'wecom', opts).body).toBe(
      blocks(
        '## 晚上好，21天习惯营·上海12期',
        '一起回顾今天的群里（从小处开始）：',
        lines('• **32**位伙伴完成了打卡', '• 最佳回答：“先做两个俯卧撑，再喝咖啡”', '• 新朋友请先看[群规](https://example.com/rules)'),
        '> 回复 #打卡，用**一句话**说说今天过得怎么样。',
        '早点休息，晚安！明早 **08:00** 见。'
      )
    );
  });

  it('html: a tight list without <p>', () => {
    expect(render(md, 'html', opts).body.split('\n')[2]).toBe(
      '<ul><li><strong>32</strong>位伙伴完成了打卡</li><li>最佳回答：“先做两个俯卧撑，再喝咖啡”</li><li>新朋友请先看<a href="https://example.com/rules" rel="noopener noreferrer" target="_blank">群规</a></li></ul>'
    );
  });
});

describe('a lesson body (numbered list with a nested list, code, link)', () => {
  const values = { 'lesson.day': 3, 'lesson.title': '让提示显而易见', minutes: 60, 'class.time': '20:00' };
  const list = (bullet: string, code: (s: string) => string) =>
    lines(
      '1. 把书放在枕头上',
      '2. 把跑鞋放在门口',
      `   ${bullet}前一天晚上就放好`,
      `   ${bullet}和钥匙放在一起`,
      `3. 写下你的计划：${code('在[时间]，我会[行为]')}`
    );

  it('text: numbers kept, nested bullets indented under the item text', () => {
    expect(render(LESSON_ZH, 'text', { values }).body).toBe(
      blocks(
        '第3课：让提示显而易见',
        '还有60分钟开课（20:00），请提前进入直播间。',
        list('• ', (s) => s),
        '作业：拍一张你房间里的提示照片，发到群里。',
        '进入直播间 (https://live.example.com/day-3)'
      )
    );
  });

  it('wecom', () => {
    expect(render(LESSON_ZH, 'wecom', { values }).body).toBe(
      blocks(
        '## 第3课：让提示显而易见',
        '还有60分钟开课（20:00），请提前进入直播间。',
        list('• ', (s) => `\`${s}\``),
        '**作业：**拍一张你房间里的**提示**照片，发到群里。',
        '[进入直播间](https://live.example.com/day-3)'
      )
    );
  });

  it('telegram', () => {
    expect(render(LESSON_ZH, 'telegram', { values }).body).toBe(
      blocks(
        '<b>第3课：让提示显而易见</b>',
        '还有60分钟开课（20:00），请提前进入直播间。',
        list('• ', (s) => `<code>${s}</code>`),
        '<b>作业：</b>拍一张你房间里的<b>提示</b>照片，发到群里。',
        '<a href="https://live.example.com/day-3">进入直播间</a>'
      )
    );
  });

  it('slack', () => {
    expect(render(LESSON_ZH, 'slack', { values }).body).toBe(
      blocks(
        '*第3课：让提示显而易见*',
        '还有60分钟开课（20:00），请提前进入直播间。',
        list('• ', (s) => `\`${s}\``),
        '*作业：*拍一张你房间里的*提示*照片，发到群里。',
        '<https://live.example.com/day-3|进入直播间>'
      )
    );
  });

  it('html: nested <ol>/<ul>', () => {
    expect(render(LESSON_ZH, 'html', { values }).body).toBe(
      lines(
        '<h2>第3课：让提示显而易见</h2>',
        '<p>还有60分钟开课（20:00），请提前进入直播间。</p>',
        '<ol><li>把书放在枕头上</li><li>把跑鞋放在门口<ul><li>前一天晚上就放好</li><li>和钥匙放在一起</li></ul></li><li>写下你的计划：<code>在[时间]，我会[行为]</code></li></ol>',
        '<p><strong>作业：</strong>拍一张你房间里的<strong>提示</strong>照片，发到群里。</p>',
        '<p><a href="https://live.example.com/day-3" rel="noopener noreferrer" target="_blank">进入直播间</a></p>'
      )
    );
  });
});

describe('welcome scripts with the self-intro template', () => {
  const zh = {
    values: { 'group.name': '21天习惯营·上海12期', 'channel.name': '抖音', 'course.title': '21天习惯养成营', 'class.time': '20:00' },
    fallbacks: { 'member.nickname': '新朋友' },
  };
  const intro = lines('1. 你是谁', '2. 从哪里来', '3. 你的目标', '4. 你能提供什么', '5. 你想链接什么');

  it('text, with the nickname fallback', () => {
    const r = render(WELCOME_ZH, 'text', zh);
    expect(r.body).toBe(
      blocks(
        '欢迎新朋友加入21天习惯营·上海12期！',
        '你是从抖音来的吧？先做个自我介绍，让大家认识你：',
        intro,
        '｜群规：不发广告，每天打卡，互相鼓励。',
        '课程「21天习惯养成营」每晚 20:00 开始。'
      )
    );
    expect(r.missing).toEqual(['member.nickname']);
  });

  it('wecom', () => {
    expect(render(WELCOME_ZH, 'wecom', zh).body).toBe(
      blocks(
        '# 欢迎新朋友加入21天习惯营·上海12期！',
        '你是从抖音来的吧？先做个自我介绍，让大家认识你：',
        intro,
        '> 群规：不发广告，每天打卡，互相鼓励。',
        '课程「21天习惯养成营」每晚 20:00 开始。'
      )
    );
  });

  it('html: an ordered list', () => {
    expect(render(WELCOME_ZH, 'html', zh).body.split('\n')[2]).toBe(
      '<ol><li>你是谁</li><li>从哪里来</li><li>你的目标</li><li>你能提供什么</li><li>你想链接什么</li></ol>'
    );
  });

  const en = { values: { 'member.nickname': 'Ana', 'group.name': 'Habit Camp Berlin #3', 'channel.name': 'Douyin' } };
  const bullets = lines('• Who are you?', '• Where are you from?', '• Your goal', '• What you can offer', '• Who you want to connect with');

  it('telegram (English)', () => {
    expect(render(WELCOME_EN, 'telegram', en).body).toBe(
      blocks(
        'Welcome, <b>Ana</b>! You found Habit Camp Berlin #3 via Douyin.',
        'Introduce yourself:',
        bullets,
        '<blockquote>House rules: no ads, check in daily, cheer each other on.</blockquote>'
      )
    );
  });

  it('slack (English)', () => {
    expect(render(WELCOME_EN, 'slack', en).body).toBe(
      blocks(
        'Welcome, *Ana*! You found Habit Camp Berlin #3 via Douyin.',
        'Introduce yourself:',
        bullets,
        '> House rules: no ads, check in daily, cheer each other on.'
      )
    );
  });

  it('wecom (English)', () => {
    expect(render(WELCOME_EN, 'wecom', en).body).toBe(
      blocks(
        'Welcome, **Ana**! You found Habit Camp Berlin #3 via Douyin.',
        'Introduce yourself:',
        bullets,
        '> House rules: no ads, check in daily, cheer each other on.'
      )
    );
  });

  it('text (English)', () => {
    expect(render(WELCOME_EN, 'text', en).body).toBe(
      blocks(
        'Welcome, Ana! You found Habit Camp Berlin #3 via Douyin.',
        'Introduce yourself:',
        bullets,
        '｜House rules: no ads, check in daily, cheer each other on.'
      )
    );
  });
});

describe('the other constructs', () => {
  const md = [
    '### Notes',
    'Line one  \nline two with ~~old~~ text and `a & b`.',
    '> first\n>\n> second',
    '- [x] done\n- [ ] todo',
    '```\nif (a < b) { x = `y`; }\n```',
    '---',
    '| Day | Task |\n|---|---|\n| 1 | Read |\n| 2 | Walk |',
    '![A cat](https://img.example.com/cat.png) ![](https://img.example.com/dog.png)',
    'Mail [us](mailto:camp@example.com) or <camp@example.com>, relative [page](/rules), ok &amp; &lt;done&gt;',
  ].join('\n\n');

  it('html', () => {
    expect(render(md, 'html').body).toBe(
      lines(
        '<h3>Notes</h3>',
        '<p>Line one<br>line two with <del>old</del> text and <code>a &amp; b</code>.</p>',
        '<blockquote><p>first</p><p>second</p></blockquote>',
        '<ul><li>☑ done</li><li>☐ todo</li></ul>',
        '<pre><code>if (a &lt; b) { x = `y`; }</code></pre>',
        '<hr>',
        '<table><thead><tr><th>Day</th><th>Task</th></tr></thead><tbody><tr><td>1</td><td>Read</td></tr><tr><td>2</td><td>Walk</td></tr></tbody></table>',
        '<p><img src="https://img.example.com/cat.png" alt="A cat"> <img src="https://img.example.com/dog.png" alt=""></p>',
        '<p>Mail <a href="mailto:camp@example.com" rel="noopener noreferrer" target="_blank">us</a> or <a href="mailto:camp@example.com" rel="noopener noreferrer" target="_blank">camp@example.com</a>, relative <a href="/rules" rel="noopener noreferrer" target="_blank">page</a>, ok &amp; &lt;done&gt;</p>'
      )
    );
  });

  it('text: entities decoded, images "alt (url)" or "[image] url", hr as a rule', () => {
    expect(render(md, 'text').body).toBe(
      blocks(
        'Notes',
        'Line one\nline two with old text and a & b.',
        '｜first\n｜second',
        '• ☑ done\n• ☐ todo',
        'if (a < b) { x = `y`; }',
        '————',
        'Day | Task\n1 | Read\n2 | Walk',
        'A cat (https://img.example.com/cat.png) [image] https://img.example.com/dog.png',
        'Mail us (camp@example.com) or camp@example.com, relative page, ok & <done>'
      )
    );
  });

  it('telegram', () => {
    expect(render(md, 'telegram').body).toBe(
      blocks(
        '<b>Notes</b>',
        'Line one\nline two with <s>old</s> text and <code>a &amp; b</code>.',
        '<blockquote>first\nsecond</blockquote>',
        '• ☑ done\n• ☐ todo',
        '<pre>if (a &lt; b) { x = `y`; }</pre>',
        '————',
        '<b>Day | Task</b>\n1 | Read\n2 | Walk',
        '<a href="https://img.example.com/cat.png">A cat</a> <a href="https://img.example.com/dog.png">https://img.example.com/dog.png</a>',
        'Mail us (camp@example.com) or camp@example.com, relative page, ok &amp; &lt;done&gt;'
      )
    );
  });

  it('slack', () => {
    expect(render(md, 'slack').body).toBe(
      blocks(
        '*Notes*',
        'Line one\nline two with ~old~ text and `a &amp; b`.',
        '> first\n> second',
        '• ☑ done\n• ☐ todo',
        '```if (a &lt; b) { x = ˋyˋ; }```',
        '————',
        '*Day | Task*\n1 | Read\n2 | Walk',
        '<https://img.example.com/cat.png|A cat> <https://img.example.com/dog.png|https://img.example.com/dog.png>',
        'Mail <mailto:camp@example.com|us> or <mailto:camp@example.com|camp@example.com>, relative page, ok &amp; &lt;done&gt;'
      )
    );
  });

  it('wecom: strike → text, code block → `code` lines, table → lines', () => {
    expect(render(md, 'wecom').body).toBe(
      blocks(
        '### Notes',
        'Line one\nline two with old text and `a & b`.',
        '> first\n> second',
        '• ☑ done\n• ☐ todo',
        '`if (a < b) { x = ｀y｀; }`',
        '————',
        '**Day | Task**\n1 | Read\n2 | Walk',
        '[A cat](https://img.example.com/cat.png) [https://img.example.com/dog.png](https://img.example.com/dog.png)',
        // Decoded from &lt;done&gt;: "<d" could open a tag in WeCom, so it is neutralised.
        'Mail us (camp@example.com) or camp@example.com, relative page, ok & ＜done>'
      )
    );
  });

  it('<font color> reaches WeCom only; the others keep the words', () => {
    const md2 = '<font color="warning">明晚停课</font>，请留意群公告。';
    expect(render(md2, 'wecom').body).toBe('<font color="warning">明晚停课</font>，请留意群公告。');
    expect(render(md2, 'text').body).toBe('明晚停课，请留意群公告。');
    expect(render(md2, 'telegram').body).toBe('明晚停课，请留意群公告。');
    expect(render(md2, 'html').body).toBe('<p>明晚停课，请留意群公告。</p>');
    // Any other colour or tag is text.
    expect(render('<font color="red">x</font>', 'wecom').body).toBe('＜font color="red">x＜/font>');
  });

  it('HTML comments are dropped, not shown', () => {
    expect(render('<!-- editor note -->\n\nHello <!-- inline --> world', 'text').body).toBe('Hello  world');
  });
});

describe('renderAll', () => {
  it('renders every format from one call, with the same placeholder report', () => {
    const all = renderAll(WELCOME_ZH, { values: { 'group.name': 'G' } });
    expect(Object.keys(all).sort()).toEqual([...RENDITION_FORMATS].sort());
    for (const f of RENDITION_FORMATS) {
      expect(all[f].format).toBe(f);
      expect(all[f].missing.sort()).toEqual(['channel.name', 'class.time', 'course.title', 'member.nickname']);
      expect(all[f].body).toBe(render(WELCOME_ZH, f, { values: { 'group.name': 'G' }, limit: undefined }).body);
    }
  });

  it('can render only some formats', () => {
    expect(Object.keys(renderAll('x', { formats: ['text', 'telegram'] }))).toEqual(['text', 'telegram']);
  });

  it('reports sizes in UTF-8 bytes and UTF-16 code units', () => {
    const r = render('你好 😀', 'text');
    expect(r.size).toEqual({ bytes: 6 + 1 + 4, chars: 5 });
  });
});
