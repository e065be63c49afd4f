import { adminLink, contentLink, noticeText, safeReason, type NoticeInput, type NoticeKind } from '../texts';

const TASKS = 'http://localhost:1337/admin/plugins/scheduler/tasks';
const GROUP = 'http://localhost:1337/admin/content-manager/collection-types/api::group.group/abc123';
const base: NoticeInput = {
  groupName: '21天习惯营·微信群3群',
  groupSlug: 'habit-camp-wechat-3',
  localTime: '08:00',
  timezone: 'Asia/Shanghai',
  title: '早报',
  minutes: 10,
  link: TASKS,
};

describe('noticeText', () => {
  it.each<[NoticeKind, string, Partial<NoticeInput>, string]>([
    ['task-overdue', 'zh-Hans', {}, `「21天习惯营·微信群3群」08:00 的任务（早报）已过 10 分钟仍未完成。请发送后在任务页标记完成：${TASKS}`],
    [
      'task-overdue',
      'en',
      { groupName: 'Camp NY', localTime: '08:00', timezone: 'America/New_York', title: null },
      `"Camp NY": the task due at 08:00 (America/New_York) is still not done 10 minutes later. Post it, then mark it done on the Tasks page: ${TASKS}`,
    ],
    [
      'post-dead',
      'zh-Hans',
      { link: GROUP, reason: 'HTTP 400: bad request' },
      `「21天习惯营·微信群3群」08:00 的消息（早报）发送失败，不再重试（原因：HTTP 400: bad request）。请检查群设置后在日历中重试：${GROUP}`,
    ],
    [
      'post-dead',
      'en',
      { link: GROUP, title: 'Morning', reason: null },
      `"21天习惯营·微信群3群": the post (Morning) due at 08:00 (Asia/Shanghai) could not be delivered and will not be retried. Check the group's settings, then retry it from the calendar: ${GROUP}`,
    ],
    [
      'endpoint-disabled',
      'en',
      { groupName: 'Camp NY', link: GROUP, reason: 'the receiver answered HTTP 410 Gone' },
      `"Camp NY": its endpoint was disabled (the receiver answered HTTP 410 Gone); its posts are skipped until it is pointed elsewhere. Edit the group: ${GROUP}`,
    ],
    [
      'endpoint-disabled',
      'zh-Hans',
      { link: GROUP, reason: null },
      `「21天习惯营·微信群3群」的接收地址已停用，其消息将被跳过，直到改为新的地址。请编辑该群：${GROUP}`,
    ],
    [
      'publication-failed',
      'en',
      { localTime: '2026-12-03 08:00', title: 'publish of daily-report abc (zh-Hans)', reason: 'date must be defined.', link: GROUP },
      `The scheduled publish of daily-report abc (zh-Hans) at 2026-12-03 08:00 (Asia/Shanghai) failed (date must be defined.). Fix the entry, then publish or schedule it again: ${GROUP}`,
    ],
    [
      'publication-failed',
      'zh-Hans',
      { localTime: '2026-12-03 08:00', title: 'publish of daily-report abc (zh-Hans)', reason: null, link: GROUP },
      `2026-12-03 08:00 的定时任务（publish of daily-report abc (zh-Hans)）失败。请修改该条目后重新发布或定时：${GROUP}`,
    ],
    [
      'holiday-data-missing',
      'en',
      { title: 'Morning report', year: 2027, localTime: '2027-01-04 08:00', link: GROUP },
      `"Morning report" reaches 2027 (first post 2027-01-04 08:00, Asia/Shanghai, in "21天习惯营·微信群3群"), and there is no China holiday data for 2027 yet: its posts follow weekdays only. Update the holiday data (npm update chinese-days, then restart), or check the dates by hand: ${GROUP}`,
    ],
    [
      'holiday-data-missing',
      'zh-Hans',
      { title: '早报', year: 2027, localTime: '2027-01-04 08:00', link: GROUP },
      `「早报」已排到 2027 年（首次 2027-01-04 08:00（Asia/Shanghai），「21天习惯营·微信群3群」），但还没有 2027 年的中国节假日数据：暂按周一至周五发送。请更新节假日数据（npm update chinese-days 后重启），或手动核对日期：${GROUP}`,
    ],
  ])('%s in %s', (kind, locale, over, expected) => {
    expect(noticeText(kind, locale, { ...base, ...over })).toBe(expected);
  });

  it.each(['fr', '', null, undefined])('an unknown locale (%p) is en', (locale) => {
    expect(noticeText('task-overdue', locale, base)).toBe(noticeText('task-overdue', 'en', base));
  });
});

describe('safeReason', () => {
  it.each<[string | null, string]>([
    [null, ''],
    ['HTTP 400', 'HTTP 400'],
    ['POST https://hooks.example.com/x?key=SECRET failed', 'POST [URL] failed'],
    ['line one\n  line two', 'line one line two'],
  ])('%p → %p', (reason, expected) => {
    expect(safeReason(reason)).toBe(expected);
  });

  it('is bounded', () => {
    expect(safeReason('x'.repeat(1000))).toHaveLength(300);
  });
});

describe('adminLink', () => {
  it.each<[NoticeKind, string, string]>([
    ['task-overdue', 'http://localhost:1337', TASKS],
    ['post-dead', 'http://localhost:1337/', GROUP],
    ['endpoint-disabled', 'http://localhost:1337', GROUP],
  ])('%s', (kind, root, expected) => {
    expect(adminLink(root, kind, 'abc123')).toBe(expected);
  });
});

describe('content-missing', () => {
  const REPORTS = 'http://h/admin/content-manager/collection-types/api::daily-report.daily-report';
  const input = (content: Partial<NonNullable<NoticeInput['content']>>, more: Partial<NoticeInput> = {}): NoticeInput => ({
    ...base,
    link: 'L',
    content: {
      source: 'morning-report',
      date: '2026-12-02',
      locale: 'zh-Hans',
      state: 'missing',
      when: 'tomorrow',
      groups: 12,
      ...content,
    },
    ...more,
  });
  it.each<[string, NoticeInput, string]>([
    ['zh-Hans', input({}), '明早 08:00（Asia/Shanghai）的中文早报（2026-12-02）还没有发布：12 个群会收到它。请创建并发布：L'],
    [
      'zh-Hans',
      input({ state: 'draft', when: 'today', source: 'evening-report' }, { localTime: '21:00' }),
      '今天 21:00（Asia/Shanghai）的中文晚报（2026-12-02）已写好但还没发布：12 个群会收到它。请发布：L',
    ],
    [
      'zh-Hans',
      input({ when: 'later', source: 'lesson', day: 3, locale: 'en' }),
      '2026-12-02 08:00（Asia/Shanghai）的英文第 3 天课程（2026-12-02）还没有发布：12 个群会收到它。请创建并发布：L',
    ],
    [
      'zh-Hans',
      input({ source: 'daily-topic', when: 'today' }),
      '今早 08:00（Asia/Shanghai）的中文每日话题（2026-12-02）还没有发布：12 个群会收到它。请创建并发布：L',
    ],
    [
      'en',
      input({}),
      "Tomorrow's 08:00 (Asia/Shanghai) morning report in Chinese (2026-12-02) is not published yet: 12 groups will get it. Write and publish it: L",
    ],
    [
      'en',
      input({ state: 'draft', groups: 1, when: 'today', source: 'lesson-reminder', day: 0, locale: 'en' }),
      "Today's 08:00 (Asia/Shanghai) day 0 lesson reminder in English (2026-12-02) is written but not published yet: 1 group will get it. Publish it: L",
    ],
    [
      'en',
      input({ when: 'later', source: 'welcome-rules' }),
      'The 08:00 (Asia/Shanghai) welcome rules in Chinese (2026-12-02) is not published yet: 12 groups will get it. Write and publish it: L',
    ],
  ])('%s: %s', (locale, i, expected) => expect(noticeText('content-missing', locale, i)).toBe(expected));

  it.each<[Parameters<typeof contentLink>[1], string]>([
    [
      { uid: 'api::daily-report.daily-report', locale: 'zh-Hans', filters: { date: '2026-12-02', edition: 'morning' } },
      `${REPORTS}?filters[$and][0][date][$eq]=2026-12-02&filters[$and][1][edition][$eq]=morning&plugins[i18n][locale]=zh-Hans`,
    ],
    [{ uid: 'api::daily-report.daily-report', locale: 'en', documentId: 'd1' }, `${REPORTS}/d1?plugins[i18n][locale]=en`],
  ])('link %#', (target, expected) => expect(contentLink('http://h/', target)).toBe(expected));
});
