/**
 * Notices to a team group: their kinds, the envelope a webhook receives, and their texts in
 * the team group's locale (en, zh-Hans; anything else is en). Each text says what to do and
 * links to the admin page where it is done. Pure.
 */

/** What a notice is about. More kinds (content missing, …) are one entry here and one text each. */
export const NOTICE_KINDS = [
  'task-overdue',
  'post-dead',
  'endpoint-disabled',
  'content-missing',
  'publication-failed',
  'holiday-data-missing',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** What a webhook team group receives as `notice` (and what the row keeps to send it again on a retry). */
export interface NoticeEnvelope {
  kind: NoticeKind;
  /** The group the notice is about (not the team group). */
  group: { slug: string; name: string };
  /** The subject delivery's documentId (a task, a dead post), when there is one. */
  delivery?: string;
  /** content-missing: the item (readiness line) and the slugs of this team group's groups that get it. */
  item?: { source: string; date: string; locale: string; state: string; groups: string[] };
  text: string;
}

/** What the texts are made of, already looked up and formatted. */
export interface NoticeInput {
  groupName: string;
  groupSlug: string;
  /** The subject post's local due time (HH:mm) and its zone. */
  localTime?: string;
  timezone?: string;
  title?: string | null;
  /** Why (a dead post's reason, a disabled endpoint's): credentials already scrubbed; URLs are masked here. */
  reason?: string | null;
  /** task-overdue: minutes after the due time. */
  minutes?: number;
  /** The admin page where it is done. */
  link: string;
  /** content-missing: the item, its first post's day relative to the team group's today, and how many groups get it. */
  content?: ContentInput;
  /** holiday-data-missing: the year without China holiday data, and the calendar (what the posts fall back to). */
  year?: number;
  calendar?: string;
}

export interface ContentInput {
  source: string;
  /** The content's date (the post's local date). */
  date: string;
  locale: string;
  state: 'draft' | 'missing';
  /** The first post's day in the team group's zone, relative to its today. */
  when: 'today' | 'tomorrow' | 'later';
  /** Lessons and reminders: the cohort day. */
  day?: number;
  groups: number;
}

type Locale = 'en' | 'zh-Hans';
const REASON_MAX = 300;

/** A reason as a notice shows it: no URL (an endpoint may carry a key), one line, bounded. */
export function safeReason(reason: string | null | undefined): string {
  const text = (reason ?? '')
    .replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, '[URL]')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > REASON_MAX ? `${text.slice(0, REASON_MAX - 1)}…` : text;
}

const TEXTS: Record<NoticeKind, Record<Locale, (i: NoticeInput) => string>> = {
  'task-overdue': {
    en: (i) =>
      `"${i.groupName}": the task${i.title ? ` (${i.title})` : ''} due at ${i.localTime} (${i.timezone}) is still not done ${i.minutes} minutes later. Post it, then mark it done on the Tasks page: ${i.link}`,
    'zh-Hans': (i) =>
      `「${i.groupName}」${i.localTime} 的任务${i.title ? `（${i.title}）` : ''}已过 ${i.minutes} 分钟仍未完成。请发送后在任务页标记完成：${i.link}`,
  },
  'post-dead': {
    en: (i) =>
      `"${i.groupName}": the post${i.title ? ` (${i.title})` : ''} due at ${i.localTime} (${i.timezone}) could not be delivered and will not be retried${reasonEn(i)}. Check the group's settings, then retry it from the calendar: ${i.link}`,
    'zh-Hans': (i) =>
      `「${i.groupName}」${i.localTime} 的消息${i.title ? `（${i.title}）` : ''}发送失败，不再重试${reasonZh(i)}。请检查群设置后在日历中重试：${i.link}`,
  },
  'content-missing': {
    en: (i) => {
      const c = i.content!;
      const when = c.when === 'today' ? "Today's" : c.when === 'tomorrow' ? "Tomorrow's" : 'The';
      const state = c.state === 'draft' ? 'is written but not published yet' : 'is not published yet';
      const n = c.groups === 1 ? '1 group will get it' : `${c.groups} groups will get it`;
      return `${when} ${i.localTime} (${i.timezone}) ${contentEn(c)} (${c.date}) ${state}: ${n}. ${c.state === 'draft' ? 'Publish it' : 'Write and publish it'}: ${i.link}`;
    },
    'zh-Hans': (i) => {
      const c = i.content!;
      const morning = (i.localTime ?? '') < '12:00';
      const when = c.when === 'today' ? (morning ? '今早' : '今天') : c.when === 'tomorrow' ? (morning ? '明早' : '明天') : c.date;
      const state = c.state === 'draft' ? '已写好但还没发布' : '还没有发布';
      return `${when} ${i.localTime}（${i.timezone}）的${contentZh(c)}（${c.date}）${state}：${c.groups} 个群会收到它。请${c.state === 'draft' ? '' : '创建并'}发布：${i.link}`;
    },
  },
  'endpoint-disabled': {
    en: (i) =>
      `"${i.groupName}": its endpoint was disabled${reasonEn(i)}; its posts are skipped until it is pointed elsewhere. Edit the group: ${i.link}`,
    'zh-Hans': (i) => `「${i.groupName}」的接收地址已停用${reasonZh(i)}，其消息将被跳过，直到改为新的地址。请编辑该群：${i.link}`,
  },
  // `title` names the schedule or playbook; the time is its first post in that year.
  'holiday-data-missing': {
    en: (i) =>
      `"${i.title}" reaches ${i.year} (first post ${i.localTime}, ${i.timezone}, in "${i.groupName}"), and there is no China holiday data for ${i.year} yet: ${i.calendar === 'cn-no-holidays' ? 'no public holiday is skipped' : 'its posts follow weekdays only'}. Update the holiday data (npm update chinese-days, then restart), or check the dates by hand: ${i.link}`,
    'zh-Hans': (i) =>
      `「${i.title}」已排到 ${i.year} 年（首次 ${i.localTime}（${i.timezone}），「${i.groupName}」），但还没有 ${i.year} 年的中国节假日数据：${i.calendar === 'cn-no-holidays' ? '暂不跳过任何节假日' : '暂按周一至周五发送'}。请更新节假日数据（npm update chinese-days 后重启），或手动核对日期：${i.link}`,
  },
  // No subject group: `title` names the action and entry, the time is the team group's.
  'publication-failed': {
    en: (i) =>
      `The scheduled ${i.title} at ${i.localTime} (${i.timezone}) failed${reasonEn(i)}. Fix the entry, then publish or schedule it again: ${i.link}`,
    'zh-Hans': (i) => `${i.localTime} 的定时任务（${i.title}）失败${reasonZh(i)}。请修改该条目后重新发布或定时：${i.link}`,
  },
};

function reasonEn(i: NoticeInput) {
  const r = safeReason(i.reason);
  return r ? ` (${r})` : '';
}
function reasonZh(i: NoticeInput) {
  const r = safeReason(i.reason);
  return r ? `（原因：${r}）` : '';
}

const LANGUAGE: Record<Locale, Record<string, string>> = {
  en: { en: 'English', 'zh-Hans': 'Chinese' },
  'zh-Hans': { en: '英文', 'zh-Hans': '中文' },
};
const CONTENT_EN: Record<string, (c: ContentInput) => string> = {
  'morning-report': () => 'morning report',
  'evening-report': () => 'evening report',
  'daily-topic': () => 'daily topic',
  lesson: (c) => `day ${c.day} lesson`,
  'lesson-reminder': (c) => `day ${c.day} lesson reminder`,
  'welcome-rules': () => 'welcome rules',
};
const CONTENT_ZH: Record<string, (c: ContentInput) => string> = {
  'morning-report': () => '早报',
  'evening-report': () => '晚报',
  'daily-topic': () => '每日话题',
  lesson: (c) => `第 ${c.day} 天课程`,
  'lesson-reminder': (c) => `第 ${c.day} 天课程提醒`,
  'welcome-rules': () => '欢迎规则',
};
function contentEn(c: ContentInput) {
  return `${(CONTENT_EN[c.source] ?? (() => c.source))(c)} in ${LANGUAGE.en[c.locale] ?? c.locale}`;
}
function contentZh(c: ContentInput) {
  return `${LANGUAGE['zh-Hans'][c.locale] ?? c.locale}${(CONTENT_ZH[c.source] ?? (() => c.source))(c)}`;
}

export const noticeLocale = (locale: string | null | undefined): Locale => (locale === 'zh-Hans' ? 'zh-Hans' : 'en');

/** The notice's text in `locale` (unknown locales: en). */
export function noticeText(kind: NoticeKind, locale: string | null | undefined, input: NoticeInput): string {
  return TEXTS[kind][noticeLocale(locale)](input);
}

/**
 * content-missing: the draft's edit view, else the list of that content type filtered to the
 * item (Strapi's create view takes no field values from the URL; the list has "Create").
 */
export function contentLink(
  base: string,
  target: { uid: string; locale: string; documentId?: string | null; filters?: Record<string, string | number> }
): string {
  const root = `${base.replace(/\/+$/, '')}/admin/content-manager/collection-types/${target.uid}`;
  const locale = `plugins[i18n][locale]=${encodeURIComponent(target.locale)}`;
  if (target.documentId) return `${root}/${target.documentId}?${locale}`;
  const filters = Object.entries(target.filters ?? {}).map(
    ([field, value], n) => `filters[$and][${n}][${field}][$eq]=${encodeURIComponent(String(value))}`
  );
  return `${root}?${[...filters, locale].join('&')}`;
}

/** Where in the admin each kind is dealt with. */
export function adminLink(base: string, kind: NoticeKind, groupDocumentId: string): string {
  const root = base.replace(/\/+$/, '');
  if (kind === 'task-overdue') return `${root}/admin/plugins/scheduler/tasks`;
  return `${root}/admin/content-manager/collection-types/api::group.group/${groupDocumentId}`;
}
