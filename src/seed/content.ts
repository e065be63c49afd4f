/**
 * The demo's editorial text, in both locales. Plain data: no Strapi import, so the
 * renderers' tests and benchmarks can use the same realistic content.
 */
export type LocaleCode = 'en' | 'zh-Hans';
export type Localized<T> = Record<LocaleCode, T>;

export interface ReportText {
  title: string;
  greeting: string;
  items: { title: string; summary: string; link?: string }[];
  task: string;
  closing: string;
}

/** Seven days of themes, cycled by day offset so each date reads differently. */
const THEMES: Localized<{ theme: string; items: [string, string][]; task: string }>[] = [
  {
    en: {
      theme: 'Small steps',
      items: [
        ['The two-minute rule', 'Start any new habit with a version that takes **two minutes or less**. Momentum beats motivation.'],
        ['Why streaks work', 'A visible chain of check-ins turns a vague intention into a *daily promise* to yourself.'],
        ['Reader question', 'Anna from Berlin asks how to restart after missing three days. Short answer: never miss twice.'],
      ],
      task: 'Write down **one habit** you want to build in this camp and the smallest version of it. Post it with #check-in.',
    },
    'zh-Hans': {
      theme: '从小处开始',
      items: [
        ['两分钟法则', '任何新习惯，都从**两分钟以内**就能完成的版本开始。惯性比动力更可靠。'],
        ['为什么连续打卡有用', '看得见的打卡记录，会把模糊的想法变成对自己的*每日承诺*。'],
        ['读者来信', '来自上海的小林问：中断三天后怎么重新开始？简短的回答：不要连续错过两次。'],
      ],
      task: '写下你想在本期训练营养成的**一个习惯**，以及它最小的版本，带上 #打卡 发到群里。',
    },
  },
  {
    en: {
      theme: 'Environment design',
      items: [
        ['Make it obvious', 'Put the book on your pillow, the running shoes by the door. Cues you can see get acted on.'],
        ['Make it easy', 'Reduce the steps between you and the habit. Friction is the silent habit killer.'],
        ['Community pick', 'This week’s favourite tool from the group: a paper habit tracker on the fridge.'],
      ],
      task: 'Change **one thing** in your room today that makes your habit easier. Share a photo.',
    },
    'zh-Hans': {
      theme: '设计你的环境',
      items: [
        ['让提示显而易见', '把书放在枕头上，把跑鞋放在门口。看得见的提示才会被执行。'],
        ['让行动简单', '减少你和习惯之间的步骤。阻力是习惯最安静的杀手。'],
        ['群友推荐', '本周群里最受欢迎的工具：贴在冰箱上的纸质习惯打卡表。'],
      ],
      task: '今天改变房间里的**一件事**，让你的习惯更容易开始，拍照分享到群里。',
    },
  },
  {
    en: {
      theme: 'Tracking',
      items: [
        ['Measure, don’t judge', 'Tracking is information, not a grade. A missed day is data, not failure.'],
        ['The habit scorecard', 'List your daily actions and mark each as helpful, neutral or harmful.'],
        ['Tip from the host', 'Check in at the same time each day: fixed times build habits.'],
      ],
      task: 'Make your own **habit scorecard** with at least five daily actions.',
    },
    'zh-Hans': {
      theme: '记录与追踪',
      items: [
        ['只记录，不评判', '记录是信息，不是分数。错过一天只是数据，不是失败。'],
        ['习惯计分卡', '列出你每天的行为，标记为有益、中性或有害。'],
        ['群主小贴士', '每天在固定时间打卡：固定的时间最能培养习惯。'],
      ],
      task: '做一张自己的**习惯计分卡**，至少列出五个日常行为。',
    },
  },
  {
    en: {
      theme: 'Habit stacking',
      items: [
        ['After I …, I will …', 'Tie the new habit to something you already do every day, like making coffee.'],
        ['Stack small', 'One new link per chain. Stacks that grow too fast break.'],
        ['Member story', 'Li Wei now reads ten pages right after brushing his teeth: 18 days and counting.'],
      ],
      task: 'Write your habit stack: “After I ___, I will ___.” Post it in the group.',
    },
    'zh-Hans': {
      theme: '习惯叠加',
      items: [
        ['在我……之后，我会……', '把新习惯和你每天已经在做的事连在一起，比如冲咖啡。'],
        ['一次只加一环', '每条习惯链一次只加一个新环节，叠得太快容易断。'],
        ['学员故事', '李伟现在每天刷完牙就读十页书，已经坚持了18天。'],
      ],
      task: '写下你的习惯叠加公式：“在我___之后，我会___。”发到群里。',
    },
  },
  {
    en: {
      theme: 'Rewards',
      items: [
        ['Make it satisfying', 'What is rewarded is repeated. Give yourself a small, immediate reward.'],
        ['Never miss twice', 'Missing once is an accident. Missing twice is the start of a new habit.'],
        ['Weekend challenge', 'Invite a friend to check in with you this weekend.'],
      ],
      task: 'Choose a **small reward** for finishing today’s habit, and tell the group what it is.',
    },
    'zh-Hans': {
      theme: '奖励自己',
      items: [
        ['让它令人愉悦', '被奖励的行为会被重复。给自己一个小而即时的奖励。'],
        ['绝不连续错过两次', '错过一次是意外，错过两次就是新习惯的开始。'],
        ['周末挑战', '这个周末邀请一位朋友和你一起打卡。'],
      ],
      task: '为完成今天的习惯选一个**小奖励**，并告诉群里的伙伴。',
    },
  },
  {
    en: {
      theme: 'Identity',
      items: [
        ['Be the type of person who …', 'Every check-in is a vote for the person you want to become.'],
        ['Outcomes vs identity', 'Goals are about results; identity is about who you are becoming.'],
        ['From the lecturer', 'Tonight’s class: how to keep going when motivation fades.'],
      ],
      task: 'Finish the sentence: “I am the type of person who ___.” Share it with #check-in.',
    },
    'zh-Hans': {
      theme: '身份认同',
      items: [
        ['成为那样的人', '每一次打卡，都是为你想成为的人投下的一票。'],
        ['结果与身份', '目标关注结果，身份关注你正在成为谁。'],
        ['讲师预告', '今晚课程：当动力消退时，如何继续坚持。'],
      ],
      task: '补全这句话：“我是一个___的人。”带上 #打卡 分享。',
    },
  },
  {
    en: {
      theme: 'Review',
      items: [
        ['Weekly review', 'Look back at your scorecard: what went well, what got in the way?'],
        ['Adjust, don’t quit', 'If a habit feels too hard, scale it down instead of dropping it.'],
        ['Shout-out', 'Congratulations to everyone with a seven-day streak!'],
      ],
      task: 'Post your **weekly review** in three lines: one win, one obstacle, one change.',
    },
    'zh-Hans': {
      theme: '复盘',
      items: [
        ['每周复盘', '回看你的计分卡：哪些做得好？什么阻碍了你？'],
        ['调整，而不是放弃', '如果一个习惯太难，就把它缩小，而不是放弃。'],
        ['表扬时间', '恭喜所有连续打卡七天的伙伴！'],
      ],
      task: '用三行写下你的**每周复盘**：一个收获、一个障碍、一个改变。',
    },
  },
];

const pick = <T>(list: T[], offset: number) => list[((offset % list.length) + list.length) % list.length];

export function morningReport(locale: LocaleCode, date: string, offset: number): ReportText {
  const t = pick(THEMES, offset)[locale];
  return locale === 'en'
    ? {
        title: `Morning report ${date}: ${t.theme}`,
        greeting: `Good morning, {{group.name}}! Today is {{date}}. Today's theme: ${t.theme}.`,
        items: t.items.map(([title, summary], i) => ({ title, summary, link: `https://example.com/articles/${date}-${i + 1}` })),
        task: `**Today's task:** ${t.task}`,
        closing: 'Have a great day, and see you at tonight’s check-in!',
      }
    : {
        title: `早报 ${date}：${t.theme}`,
        greeting: `早上好，{{group.name}}的伙伴们！今天是{{date}}，今日主题：${t.theme}。`,
        items: t.items.map(([title, summary], i) => ({ title, summary, link: `https://example.com/articles/${date}-${i + 1}` })),
        task: `**今日任务：**${t.task}`,
        closing: '祝大家今天顺利，晚上打卡见！',
      };
}

export function eveningReport(locale: LocaleCode, date: string, offset: number): ReportText {
  const t = pick(THEMES, offset)[locale];
  return locale === 'en'
    ? {
        title: `Evening report ${date}`,
        greeting: 'Good evening, everyone. Here is today in the group:',
        items: [
          { title: 'Today’s highlights', summary: `Great discussion on “${t.theme.toLowerCase()}”. Thank you to everyone who shared.` },
          { title: 'Check-in', summary: 'Most of you have checked in already. Still missing? There is time until 23:00.' },
          { title: 'Tomorrow', summary: 'The morning report arrives at 08:00 with a new theme.' },
        ],
        task: 'Reply with #check-in and **one sentence** about how today went.',
        closing: 'Rest well. Good night!',
      }
    : {
        title: `晚报 ${date}`,
        greeting: '晚上好，一起回顾今天的群里：',
        items: [
          { title: '今日精华', summary: `关于“${t.theme}”的讨论非常精彩，感谢每一位分享的伙伴。` },
          { title: '打卡情况', summary: '大部分伙伴已经完成打卡，还没打卡的同学23:00前还来得及。' },
          { title: '明日预告', summary: '明早8:00的早报会带来新的主题。' },
        ],
        task: '回复 #打卡，用**一句话**总结你的今天。',
        closing: '早点休息，晚安！',
      };
}

const TOPICS: Localized<{ title: string; prompt: string; hostGuide: string }>[] = [
  {
    en: {
      title: 'Your smallest habit',
      prompt: 'What is the **smallest habit** that made a big difference in your life?',
      hostGuide: 'Open with your own example. Reply to the first five answers personally.',
    },
    'zh-Hans': {
      title: '最小的习惯',
      prompt: '哪一个**最小的习惯**给你的生活带来了很大的改变？',
      hostGuide: '先分享你自己的例子，亲自回复前五条回答。',
    },
  },
  {
    en: {
      title: 'Morning or night?',
      prompt: 'Are you a morning person or a night owl? When do you do your best work?',
      hostGuide: 'Keep it light. Summarise the split (morning vs night) in the evening report.',
    },
    'zh-Hans': {
      title: '早起还是夜猫子？',
      prompt: '你是早起的人还是夜猫子？一天中什么时候状态最好？',
      hostGuide: '保持轻松的氛围，晚报里总结一下早起和夜猫子的比例。',
    },
  },
  {
    en: {
      title: 'Obstacles',
      prompt: 'What got in the way of your habit this week? Name one obstacle.',
      hostGuide: 'Collect the top three obstacles for the lecturer’s Q&A.',
    },
    'zh-Hans': {
      title: '遇到的阻碍',
      prompt: '这周是什么阻碍了你的习惯？说出一个就好。',
      hostGuide: '收集排名前三的阻碍，交给讲师在答疑时讲解。',
    },
  },
  {
    en: {
      title: 'Your environment',
      prompt: 'Show us one change in your space that helps your habit.',
      hostGuide: 'Encourage photos. Pin the most creative one.',
    },
    'zh-Hans': { title: '你的环境', prompt: '分享一个你为习惯做出的环境改变。', hostGuide: '鼓励大家发照片，把最有创意的一条设为精华。' },
  },
  {
    en: {
      title: 'Accountability',
      prompt: 'Who keeps you accountable: a friend, a tracker, this group?',
      hostGuide: 'Use answers to promote buddy pairs for next week.',
    },
    'zh-Hans': {
      title: '谁在督促你',
      prompt: '是谁在督促你坚持：朋友、打卡表，还是这个群？',
      hostGuide: '借这个话题推动下周的打卡搭子配对。',
    },
  },
  {
    en: {
      title: 'Rewards',
      prompt: 'How do you reward yourself after a good day?',
      hostGuide: 'Share the reward ideas in tomorrow’s morning report.',
    },
    'zh-Hans': { title: '奖励方式', prompt: '顺利完成一天后，你会怎样奖励自己？', hostGuide: '把大家的奖励点子整理进明天的早报。' },
  },
  {
    en: {
      title: 'One week in',
      prompt: 'One word for your first week in the camp?',
      hostGuide: 'Make a word cloud for the weekly review.',
    },
    'zh-Hans': { title: '第一周', prompt: '用一个词形容你在训练营的第一周？', hostGuide: '把回答做成词云，用在每周复盘里。' },
  },
];

export function dailyTopic(locale: LocaleCode, date: string, offset: number) {
  const t = pick(TOPICS, offset)[locale];
  const summary =
    locale === 'en'
      ? `**Highlights (${date})**\n\n- Many of you shared short, specific answers.\n- The most-liked reply will be featured in the evening report.`
      : `**精华整理（${date}）**\n\n- 很多伙伴分享了简短而具体的回答。\n- 点赞最多的回复会出现在晚报里。`;
  return { ...t, summary };
}
