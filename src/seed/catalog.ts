/**
 * The demo's course, channels, welcome scripts, playbook, groups and tags.
 * Plain data; src/seed/seed.ts writes it through the document service.
 */
import type { Localized } from './content';

export const TAGS = [
  { slug: 'camp', name: 'Camp' },
  { slug: 'active', name: 'Active' },
  { slug: 'course-21-day', name: '21-day course' },
  { slug: 'city-shanghai', name: 'Shanghai' },
  { slug: 'city-berlin', name: 'Berlin' },
  { slug: 'city-new-york', name: 'New York' },
];

export const COURSE = {
  slug: 'habit-camp-21',
  lengthDays: 21,
  classTime: '20:00:00.000',
  text: {
    en: {
      title: '21-Day Habit Camp',
      description: 'A 21-day cohort camp: one short live class a day at 20:00, a daily check-in, weekly reviews.',
    },
    'zh-Hans': { title: '21天习惯养成训练营', description: '为期21天的训练营：每天20:00一节直播小课、每日打卡、每周复盘。' },
  } as Localized<{ title: string; description: string }>,
  // The trade's usual three: the morning of class day (09:00 for a 20:00 class), one hour before, five minutes before.
  reminders: {
    en: [
      { minutesBefore: 660, text: 'Today at {{class.time}}: **Day {{lesson.day}}: {{lesson.title}}**. See you tonight!' },
      { minutesBefore: 60, text: 'Class starts in {{minutes}} minutes: **{{lesson.title}}**. Get your notebook ready.' },
      { minutesBefore: 5, text: 'We start in {{minutes}} minutes! Join the live room now.' },
    ],
    'zh-Hans': [
      { minutesBefore: 660, text: '今晚{{class.time}}上课：**第{{lesson.day}}天：{{lesson.title}}**，不见不散！' },
      { minutesBefore: 60, text: '还有{{minutes}}分钟开课：**{{lesson.title}}**，准备好笔记本。' },
      { minutesBefore: 5, text: '还有{{minutes}}分钟开始！现在进入直播间吧。' },
    ],
  } as Localized<{ minutesBefore: number; text: string }[]>,
};

const LESSON_TITLES: Localized<string[]> = {
  en: [
    'Opening ceremony',
    'Why habits beat goals',
    'The habit loop',
    'Make it obvious',
    'Implementation intentions',
    'Habit stacking',
    'Designing your environment',
    'Week 1 review',
    'Make it attractive',
    'Temptation bundling',
    'The role of family and friends',
    'Make it easy',
    'The two-minute rule',
    'Automating habits',
    'Week 2 review',
    'Make it satisfying',
    'Habit tracking',
    'Never miss twice',
    'Accountability partners',
    'When motivation fades',
    'Identity-based habits',
    'Graduation and week 3 review',
  ],
  'zh-Hans': [
    '开营仪式',
    '为什么习惯胜过目标',
    '习惯回路',
    '让提示显而易见',
    '执行意图',
    '习惯叠加',
    '设计你的环境',
    '第一周复盘',
    '让习惯有吸引力',
    '诱惑捆绑',
    '家人和朋友的作用',
    '让行动简单',
    '两分钟法则',
    '让习惯自动化',
    '第二周复盘',
    '让习惯令人愉悦',
    '习惯追踪',
    '绝不连续错过两次',
    '打卡搭子',
    '当动力消退时',
    '基于身份的习惯',
    '结营仪式与第三周复盘',
  ],
};

export function lessons() {
  return LESSON_TITLES.en.map((_, day) => ({
    day,
    durationMinutes: day === 0 ? 60 : 45,
    liveUrl: `https://live.example.com/habit-camp-21/day-${day}`,
    text: {
      en: {
        title: LESSON_TITLES.en[day],
        body:
          day === 0
            ? '## Welcome to the camp!\n\nTonight we meet each other, go through the **group rules** and set one habit each.\n\n1. Introduce yourself\n2. Pick your habit\n3. Find a check-in buddy'
            : `## Day ${day}: ${LESSON_TITLES.en[day]}\n\nIn tonight's class we cover *${LESSON_TITLES.en[day].toLowerCase()}*, with examples from the group and time for questions.`,
        homework:
          day === 0
            ? 'Post your self-introduction and your habit with #check-in.'
            : `Practise today's idea once and check in with **#day${day}**.`,
      },
      'zh-Hans': {
        title: LESSON_TITLES['zh-Hans'][day],
        body:
          day === 0
            ? '## 欢迎来到训练营！\n\n今晚我们彼此认识、一起学习**群规**，每人定下一个习惯。\n\n1. 自我介绍\n2. 选定你的习惯\n3. 找一位打卡搭子'
            : `## 第${day}天：${LESSON_TITLES['zh-Hans'][day]}\n\n今晚的课程讲解“${LESSON_TITLES['zh-Hans'][day]}”，结合群友的例子，并留出答疑时间。`,
        homework: day === 0 ? '带上 #打卡 发布你的自我介绍和要养成的习惯。' : `今天实践一次课上的方法，带上 **#第${day}天** 打卡。`,
      },
    } as Localized<{ title: string; body: string; homework: string }>,
  }));
}

export const CHANNELS: { code: string; text: Localized<{ name: string; description: string }> }[] = [
  {
    code: 'douyin',
    text: {
      en: { name: 'Douyin', description: 'Short-video platform: members who found us through a video.' },
      'zh-Hans': { name: '抖音', description: '短视频平台：看了视频进群的伙伴。' },
    },
  },
  {
    code: 'xiaohongshu',
    text: {
      en: { name: 'Xiaohongshu', description: 'Notes app: members who read one of our posts.' },
      'zh-Hans': { name: '小红书', description: '笔记平台：看了笔记进群的伙伴。' },
    },
  },
  {
    code: 'offline-event',
    text: {
      en: { name: 'Offline event', description: 'Scanned the QR code at a meetup or talk.' },
      'zh-Hans': { name: '线下活动', description: '在线下活动现场扫码进群的伙伴。' },
    },
  },
  {
    code: 'referral',
    text: {
      en: { name: 'Referral', description: 'Invited by a friend who is already a member.' },
      'zh-Hans': { name: '老带新', description: '由老学员推荐进群的伙伴。' },
    },
  },
];

const SELF_INTRO: Localized<string> = {
  en: 'Introduce yourself in five lines:\n\n1. Who you are\n2. Where you are from\n3. Your goal for this camp\n4. What you can offer\n5. Who you would like to connect with',
  'zh-Hans': '用五句话介绍自己：\n\n1. 你是谁\n2. 来自哪里\n3. 你在训练营的目标\n4. 你能提供什么\n5. 你想链接什么样的人',
};

const RULES: Localized<string> = {
  en: '**Group rules**\n\n- Stay on topic: habits, learning, check-ins.\n- Be kind; no ads, no links to other groups.\n- Quiet hours 23:00–07:00: please don’t post.\n- Check in every day with #check-in.',
  'zh-Hans':
    '**群规**\n\n- 围绕主题交流：习惯、学习、打卡。\n- 友善交流，禁止广告和拉群。\n- 23:00–07:00 为禁言时间，请勿发言。\n- 每天带上 #打卡 完成打卡。',
};

const GIFT: Localized<Record<string, string>> = {
  en: {
    douyin:
      'Welcome, {{member.nickname}}, from Douyin! Glad the video brought you here. Your welcome gift: the *Habit Starter Kit* PDF, pinned in the group.',
    xiaohongshu:
      'Hi {{member.nickname}}, welcome from Xiaohongshu! Our notes were just the start: your gift is the printable habit tracker, pinned above.',
    'offline-event':
      'Great to see you again, {{member.nickname}}! Thanks for joining us at the meetup. As promised, the slides are pinned in the group.',
    referral: 'Welcome, {{member.nickname}}! A friend vouched for you, so you get a buddy straight away: reply “buddy” and we’ll pair you.',
    default: 'Welcome to {{group.name}}, {{member.nickname}}! We’re glad you’re here.',
  },
  'zh-Hans': {
    douyin: '欢迎从抖音来的{{member.nickname}}！很高兴视频把你带到这里。入群礼：《习惯启动手册》PDF，已置顶在群公告。',
    xiaohongshu: '嗨，{{member.nickname}}，欢迎从小红书来到这里！送你一份可打印的习惯打卡表，已置顶。',
    'offline-event': '{{member.nickname}}，很高兴在线下活动见到你！答应大家的活动课件已置顶在群里。',
    referral: '欢迎{{member.nickname}}！你是老朋友推荐来的，回复“搭子”我们马上帮你配对打卡搭子。',
    default: '欢迎来到{{group.name}}，{{member.nickname}}！很高兴认识你。',
  },
};

export function welcomeScripts() {
  return [...CHANNELS.map((c) => c.code), null].map((channel) => ({
    channel,
    text: {
      en: {
        title: channel ? `Welcome: ${channel}` : 'Welcome: default',
        body: GIFT.en[channel ?? 'default'],
        selfIntroTemplate: SELF_INTRO.en,
        rules: RULES.en,
      },
      'zh-Hans': {
        title: channel ? `欢迎语：${channel}` : '欢迎语：默认',
        body: GIFT['zh-Hans'][channel ?? 'default'],
        selfIntroTemplate: SELF_INTRO['zh-Hans'],
        rules: RULES['zh-Hans'],
      },
    } as Localized<{ title: string; body: string; selfIntroTemplate: string; rules: string }>,
  }));
}

type Step = { day: number; time: string; rule?: string; source: string; title: Localized<string>; text?: Localized<string> };

/** The 21-day camp timeline of DOMAIN.md. Daily steps repeat with a rule inside the window. */
export const PLAYBOOK = {
  slug: 'camp-21-day',
  lengthDays: 22,
  text: {
    en: {
      name: '21-day camp',
      description: 'Opening on Day 0, a daily rhythm of task, topic, lesson and evening report, weekly reviews, farewell on Day 22.',
    },
    'zh-Hans': {
      name: '21天训练营 SOP',
      description: '第0天开营，每天任务、话题、课程、晚报的固定节奏，每周复盘，第22天结营并推荐下一期。',
    },
  } as Localized<{ name: string; description: string }>,
  steps: [
    {
      day: -1,
      time: '20:00',
      source: 'text',
      title: { en: 'Pre-launch notice', 'zh-Hans': '开营预告' },
      text: {
        en: 'Tomorrow at 19:00 we open the camp. Please read the group rules and prepare a short self-introduction.',
        'zh-Hans': '明晚19:00正式开营，请先阅读群规并准备好简短的自我介绍。',
      },
    },
    {
      day: 0,
      time: '19:00',
      source: 'text',
      title: { en: 'Opening ceremony', 'zh-Hans': '开营仪式' },
      text: {
        en: '🎉 **The camp is open!** Welcome, everyone. Tonight: introductions, group rules and your habit for the next 21 days.',
        'zh-Hans': '🎉 **正式开营！**欢迎大家。今晚：自我介绍、学习群规、定下未来21天的习惯。',
      },
    },
    { day: 0, time: '19:05', source: 'welcome-rules', title: { en: 'Group rules', 'zh-Hans': '群规' } },
    {
      day: 1,
      time: '08:00',
      rule: 'FREQ=DAILY;COUNT=21',
      source: 'morning-report',
      title: { en: 'Task announcement (morning report)', 'zh-Hans': '任务公告（早报）' },
    },
    {
      day: 1,
      time: '09:00',
      rule: 'FREQ=DAILY;COUNT=21',
      source: 'lesson-reminder',
      title: { en: 'Class reminder (morning)', 'zh-Hans': '上课提醒（早）' },
    },
    { day: 1, time: '12:30', rule: 'FREQ=DAILY;COUNT=21', source: 'daily-topic', title: { en: 'Daily topic', 'zh-Hans': '每日话题' } },
    {
      day: 1,
      time: '19:00',
      rule: 'FREQ=DAILY;COUNT=21',
      source: 'lesson-reminder',
      title: { en: 'Class reminder (1 hour)', 'zh-Hans': '上课提醒（1小时）' },
    },
    {
      day: 1,
      time: '19:55',
      rule: 'FREQ=DAILY;COUNT=21',
      source: 'lesson-reminder',
      title: { en: 'Class reminder (5 minutes)', 'zh-Hans': '上课提醒（5分钟）' },
    },
    { day: 1, time: '20:00', rule: 'FREQ=DAILY;COUNT=21', source: 'lesson', title: { en: 'Lesson', 'zh-Hans': '课程' } },
    { day: 1, time: '21:30', rule: 'FREQ=DAILY;COUNT=21', source: 'evening-report', title: { en: 'Evening report', 'zh-Hans': '晚报' } },
    ...[7, 14, 21].map((day) => ({
      day,
      time: '21:00',
      source: 'text',
      title: { en: `Week ${day / 7} review and awards`, 'zh-Hans': `第${day / 7}周复盘与颁奖` },
      text: {
        en: `🏆 **Week ${day / 7} review.** Share one win and one lesson; this week's most consistent members get a badge.`,
        'zh-Hans': `🏆 **第${day / 7}周复盘**：分享一个收获和一个教训，本周打卡最稳定的伙伴将获得勋章。`,
      },
    })),
    {
      day: 22,
      time: '20:00',
      source: 'text',
      title: { en: 'Farewell and next cohort', 'zh-Hans': '结营与下期推荐' },
      text: {
        en: 'Thank you for 21 days together! 🙏 The next cohort starts soon: invite a friend and you both get the Habit Starter Kit.',
        'zh-Hans': '感谢21天的陪伴！🙏 下一期即将开营：邀请一位朋友一起报名，双方都可获得《习惯启动手册》。',
      },
    },
  ] as Step[],
};

/** The demo's manual group (a WeChat group its owner posts to by hand): the first admin user becomes its owner. */
export const DEMO_MANUAL_GROUP = 'habit-camp-wechat-3';

/**
 * Four groups: three on robots in three zones, and one WeChat group whose owner posts by
 * hand (staff tasks); cohorts started a few days ago.
 */
export const GROUPS = [
  {
    slug: 'habit-camp-shanghai-12',
    name: '21天习惯营·上海12期',
    platform: 'wecom',
    timezone: 'Asia/Shanghai',
    locale: 'zh-Hans',
    stage: 'growth',
    cohortStartOffset: -3,
    quietHours: [{ start: '23:00:00.000', end: '07:00:00.000' }],
    maxPostsPerHour: 6,
    tags: ['camp', 'active', 'course-21-day', 'city-shanghai'],
  },
  {
    slug: 'habit-camp-berlin-3',
    name: 'Habit Camp Berlin #3',
    platform: 'telegram',
    endpoint: '-1001234567890',
    timezone: 'Europe/Berlin',
    locale: 'en',
    stage: 'launch',
    cohortStartOffset: -1,
    quietHours: [{ start: '22:00:00.000', end: '07:30:00.000' }],
    maxPostsPerHour: 6,
    tags: ['camp', 'course-21-day', 'city-berlin'],
  },
  {
    slug: 'habit-camp-new-york-5',
    name: 'Habit Camp New York #5',
    platform: 'webhook',
    endpoint: 'http://127.0.0.1:4010/hooks/habit-camp-new-york-5',
    timezone: 'America/New_York',
    locale: 'en',
    stage: 'growth',
    cohortStartOffset: -5,
    quietHours: [
      { start: '22:30:00.000', end: '07:00:00.000' },
      { start: '13:00:00.000', end: '14:00:00.000' },
    ],
    maxPostsPerHour: 4,
    tags: ['camp', 'active', 'course-21-day', 'city-new-york'],
  },
  {
    slug: DEMO_MANUAL_GROUP,
    name: '21天习惯营·微信群3群',
    platform: 'manual',
    timezone: 'Asia/Shanghai',
    locale: 'zh-Hans',
    stage: 'growth',
    cohortStartOffset: -2,
    quietHours: [{ start: '23:00:00.000', end: '07:00:00.000' }],
    maxPostsPerHour: 4,
    tags: ['camp', 'active', 'course-21-day', 'city-shanghai'],
  },
];

/**
 * The team's own group (运营群): notices about the groups above (a task overdue, a post dead,
 * an endpoint disabled) land here, as the default team group. A webhook to the demo receiver.
 */
export const TEAM_GROUP = {
  slug: 'ops-team',
  name: '运营团队群',
  platform: 'webhook',
  endpoint: 'http://127.0.0.1:4010/hooks/ops-team',
  timezone: 'Asia/Shanghai',
  locale: 'zh-Hans',
  stage: 'growth',
  purpose: 'team',
  defaultTeam: true,
};

/**
 * Recurring posts beside the playbook, one per language (a schedule's text is in one
 * language), targeted by city tag; the admin's calendar and schedule editor show them.
 */
export const SCHEDULES = [
  {
    name: 'Afternoon stretch break',
    rule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=15;BYMINUTE=0',
    source: 'text',
    text: '🧘 **Stretch break, {{group.name}}!** Stand up, roll your shoulders, drink a glass of water. Two minutes.',
    tags: ['city-berlin', 'city-new-york'],
  },
  {
    // China's working days: no post on public holidays, one on the make-up weekends (调休).
    name: '下午拉伸提醒',
    rule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=15;BYMINUTE=0',
    calendar: 'cn-workdays',
    source: 'text',
    text: '🧘 **{{group.name}}，起来活动一下！**转转肩膀，喝杯水，两分钟就好。',
    tags: ['city-shanghai'],
  },
  {
    name: 'Weekend check-in',
    rule: 'FREQ=WEEKLY;BYDAY=SA,SU;BYHOUR=10;BYMINUTE=0',
    source: 'text',
    text: '☀️ Weekend check-in: did you keep your habit today? Reply with a photo or one line.',
    tags: ['city-berlin', 'city-new-york'],
  },
  {
    name: '周末打卡',
    rule: 'FREQ=WEEKLY;BYDAY=SA,SU;BYHOUR=10;BYMINUTE=0',
    source: 'text',
    text: '☀️ 周末打卡：今天的习惯坚持了吗？回复一张照片或一句话即可。',
    tags: ['city-shanghai'],
  },
];
