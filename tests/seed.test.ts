/**
 * The demo seed: the first development boot loads it automatically, it holds what the
 * README promises, and running it again changes nothing.
 */
import request from 'supertest';
import { startStrapi, createApiToken, type TestApp } from './helpers/strapi';
import { addDays, todayUtc } from '../src/seed/dates';

let app: TestApp;
const TABLES = [
  'tags',
  'channels',
  'courses',
  'lessons',
  'daily_reports',
  'daily_topics',
  'playbooks',
  'groups',
  'welcome_scripts',
  'scheduler_schedules',
];

beforeAll(async () => {
  // Development mode with SEED unset: the bootstrap seeds the empty database.
  app = await startStrapi({ env: { NODE_ENV: 'development', SEED: 'true' } });
});

afterAll(async () => {
  await app?.stop();
});

async function snapshot() {
  const knex = app.strapi.db.connection;
  const out: Record<string, unknown> = {};
  for (const table of TABLES) {
    out[table] = await knex(table).select('id', 'document_id', 'locale', 'updated_at').orderBy('id');
  }
  return out;
}

describe('demo seed', () => {
  const today = todayUtc();

  it('was loaded on the first development boot', async () => {
    expect(await app.strapi.db.query('api::group.group').count()).toBe(5);
  });

  it('has a week of reports and topics in both locales, from yesterday on, published', async () => {
    for (const locale of ['en', 'zh-Hans']) {
      const reports = await app.strapi
        .documents('api::daily-report.daily-report')
        .findMany({ locale, status: 'published', limit: 100 } as any);
      const dates = [...new Set(reports.map((r: any) => r.date))].sort();
      expect(dates).toEqual([-1, 0, 1, 2, 3, 4, 5].map((d) => addDays(today, d)));
      expect(reports).toHaveLength(14);
      const topics = await app.strapi
        .documents('api::daily-topic.daily-topic')
        .findMany({ locale, status: 'published', limit: 100 } as any);
      expect(topics).toHaveLength(7);
    }
  });

  it('serves the seeded report to the public by date and locale', async () => {
    const res = await request(app.server).get(`/api/daily-reports?filters[date][$eq]=${today}&locale=zh-Hans&populate=items`);
    expect(res.status).toBe(200);
    expect(res.body.data.map((r: any) => r.edition).sort()).toEqual(['evening', 'morning']);
    const morning = res.body.data.find((r: any) => r.edition === 'morning');
    expect(morning.title).toContain('早报');
    expect(morning.items).toHaveLength(3);
  });

  it('has the 21-day course with Day 0..21 and the three usual reminders', async () => {
    const [course] = await app.strapi
      .documents('api::course.course')
      .findMany({ locale: 'zh-Hans', status: 'published', populate: ['reminders', 'lessons'] } as any);
    expect(course.lengthDays).toBe(21);
    expect((course as any).reminders.map((r: any) => r.minutesBefore)).toEqual([660, 60, 5]);
    const days = (course as any).lessons.map((l: any) => l.day).sort((a: number, b: number) => a - b);
    expect(days).toEqual(Array.from({ length: 22 }, (_, i) => i));
  });

  it('has four channels with scripts and one default per locale', async () => {
    for (const locale of ['en', 'zh-Hans']) {
      const scripts = await app.strapi
        .documents('api::welcome-script.welcome-script')
        .findMany({ locale, status: 'published', populate: ['channel', 'group'] } as any);
      const codes = scripts.map((s: any) => s.channel?.code ?? 'default').sort();
      expect(codes).toEqual(['default', 'douyin', 'offline-event', 'referral', 'xiaohongshu']);
    }
  });

  it('has the 21-day playbook of DOMAIN.md', async () => {
    const [playbook] = await app.strapi.documents('api::playbook.playbook').findMany({ status: 'published', populate: ['steps'] } as any);
    const steps = (playbook as any).steps.map((s: any) => `${s.day} ${s.time.slice(0, 5)} ${s.source}`);
    expect(steps).toEqual(
      expect.arrayContaining([
        '0 19:00 text', // opening ceremony
        '1 08:00 morning-report',
        '1 12:30 daily-topic',
        '1 09:00 lesson-reminder',
        '1 19:00 lesson-reminder',
        '1 19:55 lesson-reminder',
        '1 20:00 lesson',
        '1 21:30 evening-report',
        '7 21:00 text',
        '14 21:00 text',
        '21 21:00 text',
        '22 20:00 text', // farewell and referral
      ])
    );
  });

  it('has four groups on four platforms in three zones, with quiet hours and cohorts under way', async () => {
    const all = await app.strapi.documents('api::group.group').findMany({ populate: ['quietHours', 'course', 'playbook'] } as any);
    const groups = all.filter((g: any) => g.purpose === 'community');
    expect(groups).toHaveLength(4);
    const byPlatform = Object.fromEntries(groups.map((g: any) => [g.platform, g]));
    expect(byPlatform.wecom.timezone).toBe('Asia/Shanghai');
    expect(byPlatform.telegram.timezone).toBe('Europe/Berlin');
    expect(byPlatform.webhook.timezone).toBe('America/New_York');
    // A WeChat group its owner posts to by hand: no endpoint, no secret.
    expect(byPlatform.manual).toMatchObject({
      slug: 'habit-camp-wechat-3',
      name: '21天习惯营·微信群3群',
      timezone: 'Asia/Shanghai',
      locale: 'zh-Hans',
      endpoint: null,
    });
    expect(byPlatform.manual.secret ?? null).toBeNull();
    for (const g of groups as any[]) {
      expect(g.quietHours.length).toBeGreaterThan(0);
      expect(g.cohortStart < today).toBe(true);
      expect(g.course.slug).toBe('habit-camp-21');
      expect(g.playbook.slug).toBe('camp-21-day');
    }
  });

  it('has a zh-Hans team group on the demo receiver, the default for every group, with no camp content', async () => {
    const [team] = await app.strapi
      .documents('api::group.group')
      .findMany({ filters: { purpose: 'team' }, populate: ['course', 'playbook', 'tags'] } as any);
    expect(team).toMatchObject({
      slug: 'ops-team',
      name: '运营团队群',
      platform: 'webhook',
      endpoint: 'http://127.0.0.1:4010/hooks/ops-team',
      locale: 'zh-Hans',
      defaultTeam: true,
      course: null,
      playbook: null,
    });
    expect((team as any).tags).toEqual([]);
  });

  it('has recurring schedules per language, targeted by city tag, that the planner turns into posts', async () => {
    const schedules = await app.strapi.documents('plugin::scheduler.schedule').findMany({ populate: ['tags'] } as any);
    expect(schedules.map((s: any) => s.name).sort()).toEqual(
      ['Afternoon stretch break', 'Weekend check-in', '下午拉伸提醒', '周末打卡'].sort()
    );
    const zh = schedules.find((s: any) => s.name === '周末打卡') as any;
    expect(zh.tags.map((t: any) => t.slug)).toEqual(['city-shanghai']);
    // The Chinese weekday reminder follows China's working days.
    expect((schedules.find((s: any) => s.name === '下午拉伸提醒') as any).calendar).toBe('cn-workdays');
    expect((schedules.find((s: any) => s.name === 'Afternoon stretch break') as any).calendar).toBe('none');
    // Every seeded schedule reaches at least one group in the coming fortnight (the longest
    // break, the Spring Festival, is nine days).
    const from = new Date();
    const to = new Date(from.getTime() + 14 * 86_400_000);
    for (const s of schedules as any[]) {
      const { targets } = await app.strapi.plugin('scheduler').service('schedule').occurrences(s.documentId, { from, to });
      expect([s.name, targets.some((t: any) => t.occurrences.length > 0)]).toEqual([s.name, true]);
    }
  });

  it('gives the manual group posts like the others, and the first admin who registers its tasks', async () => {
    const plugin = app.strapi.plugin('scheduler');
    await plugin.service('planner').planAll({ force: true });
    const token = await createApiToken(app.strapi, 'read-only');
    const all = await request(app.server)
      .get('/api/tasks?mine=false')
      .set({ Authorization: `Bearer ${token}` });
    expect(all.status).toBe(400); // mine is the admin's filter, not the API's
    const tasks = await request(app.server)
      .get('/api/tasks?group=habit-camp-wechat-3')
      .set({ Authorization: `Bearer ${token}` });
    expect(tasks.status).toBe(200);
    expect(tasks.body.data.length).toBeGreaterThan(0);
    expect(tasks.body.data.every((t: any) => t.owners.length === 0)).toBe(true);

    const res = await request(app.server)
      .post('/admin/register-admin')
      .send({ firstname: 'New', lastname: 'Comer', email: 'newcomer@example.com', password: 'Passw0rd!Passw0rd' });
    expect(res.status).toBe(200);
    const mine = await request(app.server)
      .get('/scheduler/tasks')
      .set({ Authorization: `Bearer ${res.body.data.token}` });
    expect(mine.status).toBe(200);
    expect(mine.body.data.length).toBe(tasks.body.data.length);
    expect(new Set(mine.body.data.map((t: any) => t.group.slug))).toEqual(new Set(['habit-camp-wechat-3']));
    expect(mine.body.data[0].owners).toEqual(['newcomer@example.com']);
  });

  it('is idempotent: a second run creates and changes nothing', async () => {
    const { seedDemo } = require('../dist/src/seed/seed');
    const before = await snapshot();
    const { created } = await seedDemo(app.strapi);
    expect(created).toEqual({});
    expect(await snapshot()).toEqual(before);
  });
});
