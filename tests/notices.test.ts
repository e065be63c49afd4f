/**
 * Team groups and notices: a task overdue, a post dead, an endpoint disabled each reach the
 * group's team group once, as a signed webhook in the team group's locale. Real Strapi on a
 * temporary SQLite database, a loopback receiver; the scheduler's clock is moved.
 */
import crypto from 'crypto';
import request from 'supertest';
import { Webhook } from 'standardwebhooks';
import { startStrapi, createApiToken, type TestApp } from './helpers/strapi';
import { planAndSend, setNow as setClock } from './helpers/scheduler-clock';
import { startFakePlatform, type FakePlatform, type Recorded } from './helpers/fake-platform';

let app: TestApp;
let fake: FakePlatform;
let token: string;
const plugin = () => app.strapi.plugin('scheduler');
const clock = () => plugin().service('clock');
const docs = (uid: string) => app.strapi.documents(uid as any) as any;
const bearer = () => ({ Authorization: `Bearer ${token}` });
const TASKS = 'http://localhost:1337/admin/plugins/scheduler/tasks';
const editView = (documentId: string) => `http://localhost:1337/admin/content-manager/collection-types/api::group.group/${documentId}`;

/** A forced planner round (with the tasks and warnings rounds) and a dispatch round at `iso`. */
const round = (iso: string) => planAndSend(app.strapi, iso);
const setNow = (iso: string) => setClock(app.strapi, iso);

const secrets: Record<string, string> = {};
async function group(slug: string, data: Record<string, unknown>) {
  const webhook = (data.platform ?? 'webhook') === 'webhook';
  if (webhook) secrets[slug] = `whsec_${crypto.randomBytes(24).toString('base64')}`;
  return docs('api::group.group').create({
    data: {
      name: slug,
      slug,
      platform: 'webhook',
      timezone: 'Asia/Shanghai',
      locale: 'en',
      stage: 'growth',
      ...(webhook ? { endpoint: `${fake.url}/hook/${slug}`, secret: secrets[slug] } : {}),
      ...data,
    },
  });
}

async function daily(name: string, groupDocumentId: string, timezone: string) {
  await docs('plugin::scheduler.schedule').create({
    data: {
      name,
      rule: 'FREQ=DAILY;BYHOUR=8;BYMINUTE=0',
      timezone,
      startsAt: '2026-12-01T00:00:00.000Z',
      source: 'text',
      title: name,
      text: `${name} for **{{group.name}}**`,
      graceSeconds: 86400,
      groups: [groupDocumentId],
    },
  });
}

/** What a team group's receiver got: each request verified against its signing secret. */
function received(team: string): { request: Recorded; body: any }[] {
  const wh = new Webhook(secrets[team]);
  return fake.received(`/hook/${team}`).map((r) => ({ request: r, body: wh.verify(r.body, r.headers as Record<string, string>) }));
}
const noticesTo = (team: string, kind?: string, about?: string) =>
  received(team).filter(
    (r) => r.body.type === 'notice' && (!kind || r.body.notice.kind === kind) && (!about || r.body.notice.group.slug === about)
  );

async function rowsOf(slug: string) {
  const { data } = await plugin().service('deliveries').list({ group: slug, limit: 1000 });
  return data as any[];
}
const noticeRows = async () =>
  (await app.strapi.db.connection('scheduler_deliveries').where('origin_kind', 'notice').select('key', 'group_slug', 'status')) as {
    key: string;
    group_slug: string;
    status: string;
  }[];

let teamZh: any;
let teamEn: any;

beforeAll(async () => {
  fake = await startFakePlatform();
  app = await startStrapi({ env: { SCHEDULER_HORIZON_HOURS: '48', SCHEDULER_MAX_ATTEMPTS: '3' } });
  token = await createApiToken(app.strapi);
  teamZh = await group('team-zh', { name: '运营群', locale: 'zh-Hans', purpose: 'team' });
  teamEn = await group('team-en', { name: 'Ops', purpose: 'team', defaultTeam: true });
});

afterAll(async () => {
  await app?.stop();
  await fake?.close();
});

describe('saving groups', () => {
  const post = (data: Record<string, unknown>) =>
    request(app.server)
      .post('/api/groups')
      .set(bearer())
      .send({ data: { timezone: 'UTC', locale: 'en', platform: 'pull', ...data } });
  const fieldOf = (res: request.Response) => res.body.error?.details?.errors?.[0]?.path;

  it('teamGroup must be a team group (400 naming teamGroup)', async () => {
    const community = await group('plain-community', { platform: 'pull' });
    const res = await post({ name: 'A', slug: 'bad-team-ref', teamGroup: community.documentId });
    expect(res.status).toBe(400);
    expect(fieldOf(res)).toEqual(['teamGroup']);
    expect(res.body.error.message).toContain('plain-community');
    expect(await app.strapi.db.query('api::group.group').findOne({ where: { slug: 'bad-team-ref' } })).toBeNull();
  });

  it('a team group names no teamGroup, is not manual, and only team groups are the default', async () => {
    const nested = await post({ name: 'B', slug: 'nested-team', purpose: 'team', teamGroup: teamEn.documentId });
    expect([nested.status, fieldOf(nested)]).toEqual([400, ['teamGroup']]);
    const manual = await post({ name: 'C', slug: 'manual-team', purpose: 'team', platform: 'manual' });
    expect([manual.status, fieldOf(manual)]).toEqual([400, ['platform']]);
    const notTeam = await post({ name: 'D', slug: 'default-community', defaultTeam: true });
    expect([notTeam.status, fieldOf(notTeam)]).toEqual([400, ['defaultTeam']]);
  });

  it('at most one default team group (400 naming defaultTeam and the one that is)', async () => {
    const res = await post({ name: 'E', slug: 'second-default', purpose: 'team', defaultTeam: true });
    expect([res.status, fieldOf(res)]).toEqual([400, ['defaultTeam']]);
    expect(res.body.error.message).toContain('team-en is already the default team group');
  });

  it('a team group others name stays a team group (400 naming purpose)', async () => {
    const team = await group('team-tmp', { purpose: 'team', platform: 'pull' });
    await group('names-tmp', { platform: 'pull', teamGroup: team.documentId });
    const res = await request(app.server)
      .put(`/api/groups/${team.documentId}`)
      .set(bearer())
      .send({ data: { purpose: 'community' } });
    expect([res.status, fieldOf(res)]).toEqual([400, ['purpose']]);
  });

  it('the documents API applies the same rules', async () => {
    await expect(docs('api::group.group').create({ data: { name: 'F', slug: 'doc-default', defaultTeam: true } })).rejects.toThrow(
      'only a team group'
    );
  });
});

describe('task overdue', () => {
  let zhTask: any;
  let enTask: any;

  beforeAll(async () => {
    const zh = await group('wechat-zh', {
      name: '21天习惯营·微信群3群',
      platform: 'manual',
      locale: 'zh-Hans',
      teamGroup: teamZh.documentId,
    });
    // Names no team group: the default one (team-en) gets its notices.
    const en = await group('wechat-en', { name: 'Habit camp WeChat', platform: 'manual' });
    await daily('早报', zh.documentId, 'Asia/Shanghai');
    await daily('Morning', en.documentId, 'Asia/Shanghai');
  });

  it('nothing before the overdue minutes are up', async () => {
    await round('2026-12-01T23:00:00Z');
    await round('2026-12-02T00:09:00Z');
    expect(noticesTo('team-zh')).toHaveLength(0);
    expect(noticesTo('team-en')).toHaveLength(0);
    zhTask = (await rowsOf('wechat-zh')).find((r) => r.scheduledFor === '2026-12-02T00:00:00.000Z');
    enTask = (await rowsOf('wechat-en')).find((r) => r.scheduledFor === '2026-12-02T00:00:00.000Z');
    expect([zhTask?.status, enTask?.status]).toEqual(['planned', 'planned']);
  });

  it('one notice per task, signed, in the team group’s locale, with the exact envelope', async () => {
    await round('2026-12-02T00:10:30Z');
    await plugin().service('dispatcher').tick();
    const zh = noticesTo('team-zh');
    expect(zh).toHaveLength(1);
    expect(zh[0].body).toEqual({
      type: 'notice',
      notice: {
        kind: 'task-overdue',
        group: { slug: 'wechat-zh', name: '21天习惯营·微信群3群' },
        delivery: zhTask.id,
        text: `「21天习惯营·微信群3群」08:00 的任务（早报）已过 10 分钟仍未完成。请发送后在任务页标记完成：${TASKS}`,
      },
    });
    const teamId = (await app.strapi.db.query('api::group.group').findOne({ where: { slug: 'team-zh' } })).id;
    expect(zh[0].request.headers['webhook-id']).toMatch(new RegExp(`^notice:task-overdue:\\d+:${teamId}$`));
    const en = noticesTo('team-en', 'task-overdue');
    expect(en.map((r) => r.body.notice)).toEqual([
      {
        kind: 'task-overdue',
        group: { slug: 'wechat-en', name: 'Habit camp WeChat' },
        delivery: enTask.id,
        text: `"Habit camp WeChat": the task (Morning) due at 08:00 (Asia/Shanghai) is still not done 10 minutes later. Post it, then mark it done on the Tasks page: ${TASKS}`,
      },
    ]);
  });

  it('later rounds send nothing more; the log shows the notice as a sent delivery', async () => {
    await round('2026-12-02T00:11:00Z');
    await round('2026-12-02T02:00:00Z');
    expect(noticesTo('team-zh')).toHaveLength(1);
    expect(noticesTo('team-en', 'task-overdue')).toHaveLength(1);
    const res = await request(app.server).get('/api/deliveries?group=team-zh').set(bearer());
    expect(res.status).toBe(200);
    expect(res.body.data.map((d: any) => [d.source, d.status])).toEqual([['notice', 'sent']]);
    // The calendar lists, filters and shows notices like any post.
    const calendar = plugin().service('calendar');
    const listed = await calendar.list({
      from: new Date('2026-12-01T00:00:00Z'),
      to: new Date('2026-12-03T00:00:00Z'),
      sources: ['notice'],
    });
    expect(JSON.stringify(listed)).toContain('team-zh');
    const detail = await calendar.detail(res.body.data[0].id);
    expect(JSON.parse(detail.rendition.parts[0].body).notice.kind).toBe('task-overdue');
    await calendar.attention();
  });

  it('exactly once when rounds and raises race on one database', async () => {
    const racer = await group('wechat-race', { name: '抢跑群', platform: 'manual', teamGroup: teamZh.documentId });
    await daily('Race', racer.documentId, 'Asia/Shanghai');
    await round('2026-12-02T23:00:00Z');
    const task = (await rowsOf('wechat-race')).find((r) => r.scheduledFor === '2026-12-03T00:00:00.000Z');
    setNow('2026-12-03T00:12:00Z');
    const tasks = plugin().service('tasks');
    const now = clock().now();
    await Promise.all([tasks.round(now), tasks.round(now), tasks.round(now)]);
    const row = await plugin().service('delivery-store').byDocumentId(task.id);
    const raise = () =>
      plugin()
        .service('notices')
        .raise({ kind: 'task-overdue', subjectGroupId: row.groupId, subjectKey: String(row.id), delivery: row });
    expect((await Promise.all([raise(), raise()])).sort()).toEqual(['exists', 'exists']);
    // A subject nobody raised yet, raised twice at once: one row.
    const fresh = () =>
      plugin()
        .service('notices')
        .raise({ kind: 'post-dead', subjectGroupId: row.groupId, subjectKey: `race-${row.id}`, delivery: row });
    expect((await Promise.all([fresh(), fresh(), fresh()])).sort()).toEqual(['exists', 'exists', 'raised']);
    expect((await noticeRows()).filter((r) => r.key.startsWith(`notice:post-dead:race-${row.id}:`))).toHaveLength(1);
    expect((await noticeRows()).filter((r) => r.key.startsWith(`notice:task-overdue:${row.id}:`))).toHaveLength(1);
    await plugin().service('dispatcher').tick();
    expect(noticesTo('team-zh', 'task-overdue', 'wechat-race')).toHaveLength(1);
  });
});

describe('post dead', () => {
  it('a post the receiver refuses (400) raises one post-dead notice naming the group and the delivery', async () => {
    const g = await group('hook-bad', { name: 'Hook camp', teamGroup: teamZh.documentId, timezone: 'UTC' });
    await daily('Daily', g.documentId, 'UTC');
    fake.defaultAnswer('/hook/hook-bad', { status: 400, body: '{"error":"bad payload"}' });
    await round('2026-12-03T07:00:00Z');
    await round('2026-12-03T08:00:30Z');
    const dead = (await rowsOf('hook-bad')).find((r) => r.scheduledFor === '2026-12-03T08:00:00.000Z');
    expect(dead.status).toBe('dead');
    await plugin().service('dispatcher').tick();
    await round('2026-12-03T08:05:00Z');
    const notices = noticesTo('team-zh', 'post-dead', 'hook-bad');
    expect(notices.map((r) => r.body.notice)).toEqual([
      {
        kind: 'post-dead',
        group: { slug: 'hook-bad', name: 'Hook camp' },
        delivery: dead.id,
        text: expect.stringMatching(/^「Hook camp」08:00 的消息（Daily）发送失败，不再重试（原因：.*400.*）。请检查群设置后在日历中重试：/),
      },
    ]);
    expect(notices[0].body.notice.text.endsWith(editView(g.documentId))).toBe(true);
    expect(notices[0].body.notice.text).not.toContain(fake.url);
  });

  it('a dead notice raises nothing (no notice about a notice)', async () => {
    const broken = await group('team-broken', { purpose: 'team', timezone: 'UTC' });
    fake.defaultAnswer('/hook/team-broken', { status: 400 });
    const g = await group('hook-bad-2', { teamGroup: broken.documentId, timezone: 'UTC' });
    await daily('Daily 2', g.documentId, 'UTC');
    fake.defaultAnswer('/hook/hook-bad-2', { status: 400 });
    await round('2026-12-04T07:00:00Z');
    await round('2026-12-04T08:00:30Z');
    await round('2026-12-04T08:01:00Z');
    await round('2026-12-04T08:02:00Z');
    const rows = await noticeRows();
    const toBroken = rows.filter((r) => r.group_slug === 'team-broken');
    expect(toBroken.map((r) => r.status)).toEqual(['dead']);
    // The dead notice is not the subject of another one (team-broken's own team group would be the default).
    expect(rows.filter((r) => r.key.startsWith('notice:post-dead:') && r.group_slug === 'team-en')).toHaveLength(0);
    expect(noticesTo('team-en', 'post-dead')).toHaveLength(0);
  });
});

describe('endpoint disabled', () => {
  it('410 Gone raises one endpoint-disabled notice (and no post-dead one)', async () => {
    const g = await group('hook-gone', { name: 'Gone camp', timezone: 'UTC' });
    await daily('Daily gone', g.documentId, 'UTC');
    fake.defaultAnswer('/hook/hook-gone', { status: 410 });
    await round('2026-12-05T07:00:00Z');
    await round('2026-12-05T08:00:30Z');
    await round('2026-12-05T08:01:00Z');
    await round('2026-12-06T08:00:30Z'); // the next day's post is skipped: no second notice
    expect(fake.received('/hook/hook-gone')).toHaveLength(1);
    expect(noticesTo('team-en', 'post-dead', 'hook-gone')).toHaveLength(0);
    const notices = noticesTo('team-en', 'endpoint-disabled', 'hook-gone');
    expect(notices.map((r) => r.body.notice)).toEqual([
      {
        kind: 'endpoint-disabled',
        group: { slug: 'hook-gone', name: 'Gone camp' },
        text: expect.stringMatching(
          /^"Gone camp": its endpoint was disabled \(the receiver answered HTTP 410 Gone at [^)]+\); its posts are skipped until it is pointed elsewhere\. Edit the group: /
        ),
      },
    ]);
    expect(notices[0].body.notice.text.endsWith(editView(g.documentId))).toBe(true);
  });
});

describe('without a team group', () => {
  it('no notice row and no error when no team group applies', async () => {
    await docs('api::group.group').update({ documentId: teamEn.documentId, data: { defaultTeam: false } });
    const lonely = await group('wechat-lonely', { platform: 'manual' });
    await daily('Lonely', lonely.documentId, 'Asia/Shanghai');
    await round('2026-12-06T23:00:00Z');
    await round('2026-12-07T00:15:00Z');
    await round('2026-12-07T00:16:00Z');
    const task = (await rowsOf('wechat-lonely')).find((r) => r.scheduledFor === '2026-12-07T00:00:00.000Z');
    expect(task.status).toBe('planned');
    const row = await plugin().service('delivery-store').byDocumentId(task.id);
    // Dealt with (the scan skips it from now on), and nothing queued about it.
    expect(row.noticedAt).not.toBeNull();
    expect((await noticeRows()).filter((r) => r.key.includes(`:${row.id}:`) || r.key.includes('wechat-lonely'))).toHaveLength(0);
    expect(
      await plugin()
        .service('notices')
        .raise({ kind: 'task-overdue', subjectGroupId: row.groupId, subjectKey: String(row.id), delivery: row })
    ).toBe('no-team-group');
  });
});
