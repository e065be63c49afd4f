/**
 * Loads the demo in both locales through the document service, so every content rule
 * (uniqueness, zone validation, secret sealing) applies to it too.
 *
 * Idempotent: each entry is found by its natural key (slug, code, date + edition, ...)
 * and only what is missing is created; nothing existing is changed.
 */
import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import { UID, DEFAULT_LOCALE, type AppUid } from '../constants';
import { dailyTopic, eveningReport, morningReport, type LocaleCode, type Localized } from './content';
import { CHANNELS, COURSE, GROUPS, PLAYBOOK, SCHEDULES, TAGS, TEAM_GROUP, lessons, welcomeScripts } from './catalog';
import { addDays, todayUtc } from './dates';
import { demoSecret } from '../plugins/scheduler/server/src/public';
import { adoptFirstAdmin } from './demo-owner';

const LOCALES: LocaleCode[] = ['en', 'zh-Hans'];
const OTHER_LOCALES = LOCALES.filter((l) => l !== DEFAULT_LOCALE);

export interface SeedReport {
  created: Record<string, number>;
}

/**
 * The document service calls the seed makes, the same for each of its types. Strapi types
 * every call per content type, with `data` in that type's input shape; the seed's rows are
 * plain records (its catalog), so its uids reach the service through this view.
 */
interface SeedDocuments {
  create(params: { locale?: string; data: Record<string, unknown> }): Promise<{ documentId: string }>;
  update(params: { documentId: string; locale: string; data: Record<string, unknown> }): Promise<unknown>;
  /** Only on types with draft & publish. */
  publish?(params: { documentId: string; locale: string }): Promise<unknown>;
}

export async function seedDemo(strapi: Core.Strapi, opts: { today?: string } = {}): Promise<SeedReport> {
  const today = opts.today ?? todayUtc();
  const created: Record<string, number> = {};
  const count = (uid: string, n = 1) => {
    created[uid] = (created[uid] ?? 0) + n;
  };
  const docs = (uid: AppUid) => strapi.documents(uid) as SeedDocuments;

  /**
   * Finds the document by `where` in the default locale (any status), creates it if
   * missing, adds missing localizations, and publishes when the type has draft & publish.
   */
  async function upsertLocalized(uid: AppUid, where: Record<string, unknown>, data: Localized<Record<string, unknown>>) {
    const model = strapi.getModel(uid);
    const hasDraft = model.options?.draftAndPublish === true;
    const existing = await strapi.db.query(uid).findOne({ where: { ...where, locale: DEFAULT_LOCALE }, select: ['documentId'] });
    let documentId: string = existing?.documentId;
    if (!documentId) {
      const doc = await docs(uid).create({ locale: DEFAULT_LOCALE, data: data[DEFAULT_LOCALE as LocaleCode] });
      documentId = doc.documentId;
      count(uid);
    }
    for (const locale of OTHER_LOCALES) {
      const localized = await strapi.db.query(uid).findOne({ where: { documentId, locale }, select: ['id'] });
      if (!localized) {
        await docs(uid).update({ documentId, locale, data: data[locale] });
        count(uid);
      }
    }
    if (hasDraft) {
      for (const locale of LOCALES) {
        const published = await strapi.db.query(uid).findOne({
          where: { documentId, locale, publishedAt: { $notNull: true } },
          select: ['id'],
        });
        if (!published) await docs(uid).publish!({ documentId, locale }); // hasDraft: it has one
      }
    }
    return documentId;
  }

  async function upsertPlain(uid: AppUid, where: Record<string, unknown>, data: () => Record<string, unknown>) {
    const existing = await strapi.db.query(uid).findOne({ where, select: ['documentId'] });
    if (existing) return existing.documentId as string;
    const doc = await docs(uid).create({ data: data() });
    count(uid);
    return doc.documentId as string;
  }

  const per = <T>(fn: (locale: LocaleCode) => T): Localized<T> => ({ en: fn('en'), 'zh-Hans': fn('zh-Hans') });

  // Tags (not localized).
  const tagIds: Record<string, string> = {};
  for (const tag of TAGS) tagIds[tag.slug] = await upsertPlain(UID.tag, { slug: tag.slug }, () => ({ ...tag }));

  // Channels.
  const channelIds: Record<string, string> = {};
  for (const channel of CHANNELS) {
    channelIds[channel.code] = await upsertLocalized(
      UID.channel,
      { code: channel.code },
      per((l) => ({ code: channel.code, ...channel.text[l] }))
    );
  }

  // Course, then its lessons (relations point at the course's document).
  const courseId = await upsertLocalized(
    UID.course,
    { slug: COURSE.slug },
    per((l) => ({
      slug: COURSE.slug,
      lengthDays: COURSE.lengthDays,
      classTime: COURSE.classTime,
      reminders: COURSE.reminders[l],
      ...COURSE.text[l],
    }))
  );
  for (const lesson of lessons()) {
    await upsertLocalized(
      UID.lesson,
      { day: lesson.day, course: { documentId: courseId } },
      per((l) => ({
        day: lesson.day,
        durationMinutes: lesson.durationMinutes,
        liveUrl: lesson.liveUrl,
        course: courseId,
        ...lesson.text[l],
      }))
    );
  }

  // Reports and topics from yesterday through the next six days.
  const tagConnect = [tagIds.camp];
  for (let offset = -1; offset <= 5; offset++) {
    const date = addDays(today, offset);
    await upsertLocalized(
      UID.dailyReport,
      { date, edition: 'morning' },
      per((l) => ({ date, edition: 'morning', tags: tagConnect, ...morningReport(l, date, offset) }))
    );
    await upsertLocalized(
      UID.dailyReport,
      { date, edition: 'evening' },
      per((l) => ({ date, edition: 'evening', tags: tagConnect, ...eveningReport(l, date, offset) }))
    );
    await upsertLocalized(
      UID.dailyTopic,
      { date },
      per((l) => ({ date, tags: tagConnect, ...dailyTopic(l, date, offset) }))
    );
  }

  // Playbook.
  const playbookId = await upsertLocalized(
    UID.playbook,
    { slug: PLAYBOOK.slug },
    per((l) => ({
      slug: PLAYBOOK.slug,
      lengthDays: PLAYBOOK.lengthDays,
      ...PLAYBOOK.text[l],
      steps: PLAYBOOK.steps.map((s) => ({
        day: s.day,
        time: `${s.time}:00.000`,
        rule: s.rule ?? null,
        source: s.source,
        title: s.title[l],
        text: s.text?.[l] ?? null,
      })),
    }))
  );

  // Groups (not localized; their secrets are generated here, never committed).
  for (const g of GROUPS) {
    await upsertPlain(UID.group, { slug: g.slug }, () => ({
      slug: g.slug,
      name: g.name,
      platform: g.platform,
      endpoint: g.endpoint,
      secret: demoSecretFor(g.platform),
      timezone: g.timezone,
      locale: g.locale,
      stage: g.stage,
      cohortStart: addDays(today, g.cohortStartOffset),
      course: courseId,
      playbook: playbookId,
      quietHours: g.quietHours,
      maxPostsPerHour: g.maxPostsPerHour,
      tags: g.tags.map((t) => tagIds[t]),
    }));
  }

  // The team group (no course, playbook or tags: it gets notices, not the camp's posts).
  await upsertPlain(UID.group, { slug: TEAM_GROUP.slug }, () => ({ ...TEAM_GROUP, secret: demoSecretFor(TEAM_GROUP.platform) }));

  // Schedules (scheduler plugin; not localized), by name.
  for (const schedule of SCHEDULES) {
    await upsertPlain(UID.schedule, { name: schedule.name }, () => ({
      ...schedule,
      tags: schedule.tags.map((t) => tagIds[t]),
      active: true,
    }));
  }

  // Welcome scripts: one per channel plus the default.
  for (const script of welcomeScripts()) {
    const existing = await strapi.db.query(UID.welcomeScript).findOne({
      where: script.channel
        ? { locale: DEFAULT_LOCALE, channel: { documentId: channelIds[script.channel] } }
        : { locale: DEFAULT_LOCALE, channel: { id: { $null: true } }, group: { id: { $null: true } } },
      select: ['documentId'],
    });
    const channel = script.channel ? channelIds[script.channel] : null;
    const where = existing ? { documentId: existing.documentId } : { documentId: '__none__' };
    await upsertLocalized(
      UID.welcomeScript,
      where,
      per((l) => ({ channel, ...script.text[l] }))
    );
  }

  // An admin user who registered before the seed ran owns the manual group's tasks.
  await adoptFirstAdmin(strapi);
  return { created };
}

/** A made-up credential in the platform's own shape (its module in the plugin says which; none for manual groups). */
function demoSecretFor(platform: string): string | null {
  return demoSecret(platform, crypto.randomBytes(24));
}
