/**
 * Content missing (issue 16): warnings ahead of time to the team group (content-missing
 * notices, once per item and lead time), and what a post does when its content is still
 * missing at send time (whenMissing: skip, fallback, hold). Real Strapi on a temporary
 * SQLite database, a loopback receiver; the scheduler's clock is moved.
 */
import crypto from 'crypto';
import request from 'supertest';
import { Webhook } from 'standardwebhooks';
import { startStrapi, createApiToken, type TestApp } from './helpers/strapi';
import { planAndSend, setNow as setClock } from './helpers/scheduler-clock';
import { startFakePlatform, type FakePlatform } from './helpers/fake-platform';

let app: TestApp;
let fake: FakePlatform;
let token: string;
const plugin = () => app.strapi.plugin('scheduler');
const clock = () => plugin().service('clock');
const docs = (uid: string) => app.strapi.documents(uid as any) as any;
const REPORT = 'api::daily-report.daily-report';
const TOPIC = 'api::daily-topic.daily-topic';

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

async function schedule(name: string, groups: string[], data: Record<string, unknown>) {
  return docs('plugin::scheduler.schedule').create({ data: { name, timezone: 'Asia/Shanghai', graceSeconds: 86400, groups, ...data } });
}

function received(slug: string): any[] {
  const wh = new Webhook(secrets[slug]);
  return fake.received(`/hook/${slug}`).map((r) => wh.verify(r.body, r.headers as Record<string, string>));
}
const missingNotices = () => received('team-zh').filter((b: any) => b.type === 'notice' && b.notice.kind === 'content-missing');
const noticeKeys = async () =>
  (
    (await app.strapi.db.connection('scheduler_deliveries').where('key', 'like', 'notice:content-missing:%').select('key')) as {
      key: string;
    }[]
  )
    .map((r) => r.key)
    .sort();
async function rowsOf(slug: string) {
  const { data } = await plugin().service('deliveries').list({ group: slug, limit: 1000 });
  return data as any[];
}

let team: any;
let zhA: any;
let zhB: any;

beforeAll(async () => {
  fake = await startFakePlatform();
  app = await startStrapi({ env: { SCHEDULER_HORIZON_HOURS: '48', SCHEDULER_READINESS_LEAD_HOURS: '24,2' } });
  token = await createApiToken(app.strapi);
  team = await group('team-zh', { name: '运营群', locale: 'zh-Hans', purpose: 'team', defaultTeam: true });
  // Posts to these two are leased by bots: nothing is sent, only the warnings matter here.
  zhA = await group('zh-a', { locale: 'zh-Hans', platform: 'pull' });
  zhB = await group('zh-b', { locale: 'zh-Hans', platform: 'pull' });
  // 08:00 Shanghai from 2026-12-03 (00:00 UTC) to 2026-12-05.
  await schedule('早报', [zhA.documentId, zhB.documentId], {
    rule: 'FREQ=DAILY;BYHOUR=8;BYMINUTE=0',
    startsAt: '2026-12-02T12:00:00.000Z',
    endsAt: '2026-12-05T12:00:00.000Z',
    source: 'morning-report',
  });
});

afterAll(async () => {
  await app?.stop();
  await fake?.close();
});

describe('warnings ahead of time', () => {
  it('24 h before: one content-missing notice in the team group language, then nothing on repeated rounds', async () => {
    await round('2026-12-01T23:50:00.000Z');
    expect(await noticeKeys()).toEqual([]);
    await round('2026-12-02T00:00:30.000Z');
    await round('2026-12-02T00:02:00.000Z');
    await round('2026-12-02T12:00:00.000Z');
    expect(await noticeKeys()).toEqual([`notice:content-missing:morning-report:2026-12-03:zh-Hans::::24h:${team.id}`]);
    const got = missingNotices();
    expect(got).toHaveLength(1);
    expect(got[0].notice.text).toBe(
      '明早 08:00（Asia/Shanghai）的中文早报（2026-12-03）还没有发布：2 个群会收到它。请创建并发布：' +
        'http://localhost:1337/admin/content-manager/collection-types/api::daily-report.daily-report' +
        '?filters[$and][0][date][$eq]=2026-12-03&filters[$and][1][edition][$eq]=morning&plugins[i18n][locale]=zh-Hans'
    );
    expect(got[0].notice.item).toEqual({
      source: 'morning-report',
      date: '2026-12-03',
      locale: 'zh-Hans',
      state: 'missing',
      groups: ['zh-a', 'zh-b'],
    });
  });

  it('2 h before: one more; nothing else after', async () => {
    await round('2026-12-02T22:00:30.000Z');
    await round('2026-12-02T22:30:00.000Z');
    await round('2026-12-02T23:40:00.000Z');
    expect(await noticeKeys()).toEqual([
      `notice:content-missing:morning-report:2026-12-03:zh-Hans::::24h:${team.id}`,
      `notice:content-missing:morning-report:2026-12-03:zh-Hans::::2h:${team.id}`,
    ]);
    const got = missingNotices();
    expect(got).toHaveLength(2);
    expect(got[1].notice.text).toContain('今早 08:00（Asia/Shanghai）的中文早报（2026-12-03）还没有发布：2 个群会收到它。');
  });

  it('a draft is named as written but not published, linked to its edit view; two rounds at once make one row', async () => {
    const draft = await docs(REPORT).create({
      locale: 'zh-Hans',
      data: { date: '2026-12-04', edition: 'morning', title: '早报', greeting: '早上好' },
    });
    setNow('2026-12-03T00:00:30.000Z');
    const warnings = plugin().service('content-warnings');
    const now = clock().now();
    const results = await Promise.all([warnings.round(now, { force: true }), warnings.round(now, { force: true })]);
    expect(results.reduce((a: number, b: number) => a + b, 0)).toBe(1);
    const keys = (await noticeKeys()).filter((k) => k.includes('2026-12-04'));
    expect(keys).toEqual([`notice:content-missing:morning-report:2026-12-04:zh-Hans::::24h:${team.id}`]);
    await plugin().service('dispatcher').tick();
    const last = missingNotices().at(-1);
    expect(last.notice.text).toBe(
      `明早 08:00（Asia/Shanghai）的中文早报（2026-12-04）已写好但还没发布：2 个群会收到它。请发布：http://localhost:1337/admin/content-manager/collection-types/api::daily-report.daily-report/${draft.documentId}?plugins[i18n][locale]=zh-Hans`
    );
  });

  it('published content raises nothing', async () => {
    await docs(REPORT).create({
      locale: 'zh-Hans',
      status: 'published',
      data: { date: '2026-12-05', edition: 'morning', title: '早报', greeting: '早上好' },
    });
    const before = (await noticeKeys()).length;
    await round('2026-12-04T00:00:30.000Z');
    await round('2026-12-04T22:30:00.000Z');
    expect((await noticeKeys()).filter((k) => k.includes('2026-12-05'))).toEqual([]);
    expect((await noticeKeys()).length).toBe(before);
  });
});

describe('when content is missing at send time', () => {
  const topic = (over: Record<string, unknown> = {}) => ({
    rule: 'FREQ=DAILY;BYHOUR=20;BYMINUTE=0',
    startsAt: '2026-12-10T00:00:00.000Z',
    endsAt: '2026-12-10T23:00:00.000Z',
    source: 'daily-topic',
    ...over,
  });

  beforeAll(async () => {
    const g = async (slug: string) => (await group(slug, { teamGroup: team.documentId })).documentId;
    await schedule('skip', [await g('m-skip')], topic());
    await schedule(
      'fallback',
      [await g('m-fallback')],
      topic({ whenMissing: 'fallback', fallbackText: 'No topic tonight, {{group.name}}: tell us about your day <3' })
    );
    await schedule('hold', [await g('m-hold')], topic({ whenMissing: 'hold', holdMinutes: 30 }));
    await schedule('hold-never', [await g('m-hold-never')], topic({ source: 'evening-report', whenMissing: 'hold', holdMinutes: 10 }));
    const task = (await group('m-task', { platform: 'manual', teamGroup: team.documentId })).documentId;
    await schedule('task fallback', [task], topic({ whenMissing: 'fallback', fallbackText: 'Task fallback for {{group.name}}' }));
    const pull = async (slug: string) => (await group(slug, { platform: 'pull', teamGroup: team.documentId })).documentId;
    const evening = { source: 'evening-report' };
    await schedule(
      'pull fallback',
      [await pull('p-fallback')],
      topic({ ...evening, whenMissing: 'fallback', fallbackText: 'Bot fallback for {{group.name}}' })
    );
    await schedule('pull hold', [await pull('p-hold')], topic({ ...evening, whenMissing: 'hold', holdMinutes: 30 }));
    const edited = await schedule('edited', [await g('m-edited')], topic());
    await round('2026-12-10T11:00:00.000Z');
    // Edited after its row was planned: the planned row takes the new policy.
    await docs('plugin::scheduler.schedule').update({
      documentId: edited.documentId,
      data: { whenMissing: 'fallback', fallbackText: 'Edited fallback for {{group.name}}' },
    });
    await round('2026-12-10T11:30:00.000Z');
  });

  it('400 for fallback without fallbackText, naming the field', async () => {
    const res = await request(app.server)
      .post('/api/schedules')
      .set({ Authorization: `Bearer ${token}` })
      .send({ data: { name: 'bad', ...topic({ whenMissing: 'fallback' }), groups: [zhA.documentId] } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['fallbackText']);
  });

  it("400 for a playbook step's fallback without fallbackText, naming steps[i].fallbackText", async () => {
    const res = await request(app.server)
      .post('/api/playbooks')
      .set({ Authorization: `Bearer ${token}` })
      .send({
        data: {
          name: 'P',
          slug: 'p-no-fallback',
          steps: [
            { day: 0, time: '09:00:00', source: 'daily-topic', whenMissing: 'fallback', fallbackText: 'ok' },
            { day: 1, time: '09:00:00', source: 'daily-topic', whenMissing: 'fallback' },
          ],
        },
      });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['steps', '1', 'fallbackText']);
  });

  it('skip (the default): skipped with the reason; fallback: the fallback text sent, placeholders filled; hold: waiting', async () => {
    await round('2026-12-10T12:00:05.000Z');
    const [skip] = await rowsOf('m-skip');
    expect(skip).toMatchObject({ status: 'skipped', missingAction: 'skipped', reason: 'no published daily topic for 2026-12-10' });
    const [fallback] = await rowsOf('m-fallback');
    expect(fallback).toMatchObject({
      status: 'sent',
      missingAction: 'fallback',
      reason: 'fallback text sent: no published daily topic for 2026-12-10',
    });
    const posts = received('m-fallback');
    expect(posts).toHaveLength(1);
    expect(posts[0].content.text).toBe('No topic tonight, m-fallback: tell us about your day <3');
    expect(posts[0].content.html).toContain('m-fallback');
    expect(posts[0].content.html).toContain('&lt;3');
    expect((await rowsOf('m-edited'))[0]).toMatchObject({ status: 'sent', missingAction: 'fallback' });
    expect(received('m-edited')[0].content.text).toBe('Edited fallback for m-edited');
    // A staff task: its text is fixed to the fallback text, for its owner to post.
    const [task] = await rowsOf('m-task');
    expect(task).toMatchObject({ status: 'planned', missingAction: 'fallback' });
    expect(task.payload.renditions.text.parts).toEqual(['Task fallback for m-task']);
    const [held] = await rowsOf('m-hold');
    expect(held).toMatchObject({ status: 'planned', missingAction: 'held', attempts: 0 });
    expect(held.reason).toBe('held until 20:30: no published daily topic for 2026-12-10');
    expect(received('m-hold')).toHaveLength(0);
  });

  it('hold: published during the hold → sent, the row says held', async () => {
    await round('2026-12-10T12:01:10.000Z');
    expect((await rowsOf('m-hold'))[0]).toMatchObject({ status: 'planned', missingAction: 'held' });
    await docs(TOPIC).create({
      locale: 'en',
      status: 'published',
      data: { date: '2026-12-10', title: 'Tonight', prompt: 'What did you learn?' },
    });
    await round('2026-12-10T12:02:20.000Z');
    const [held] = await rowsOf('m-hold');
    expect(held).toMatchObject({ status: 'sent', missingAction: 'held', attempts: 1, reason: 'sent after holding for its content' });
    expect(received('m-hold')).toHaveLength(1);
    expect(received('m-hold')[0].content.text).toContain('What did you learn?');
  });

  it('hold: never published → skipped after holdMinutes with the reason', async () => {
    await round('2026-12-10T12:05:00.000Z');
    expect((await rowsOf('m-hold-never'))[0]).toMatchObject({ status: 'planned', missingAction: 'held' });
    await round('2026-12-10T12:09:00.000Z');
    await round('2026-12-10T12:10:30.000Z');
    const [row] = await rowsOf('m-hold-never');
    expect(row).toMatchObject({
      status: 'skipped',
      missingAction: 'skipped',
      attempts: 0,
      reason: 'held 10 min; no published evening report for 2026-12-10',
    });
    expect(received('m-hold-never')).toHaveLength(0);
  });

  it('bots (pull) get the same policy: the fallback text is leased; a held post is not handed out', async () => {
    const lease = (slug: string) =>
      request(app.server)
        .post('/api/deliveries/lease')
        .set({ Authorization: `Bearer ${token}` })
        .send({ groups: [slug], max: 5, visibilitySeconds: 60 });
    const fallback = await lease('p-fallback');
    expect(fallback.status).toBe(200);
    expect(fallback.body.data.map((p: any) => p.content.text.body)).toEqual(['Bot fallback for p-fallback']);
    const ack = await request(app.server)
      .post(`/api/deliveries/${fallback.body.data[0].id}/ack`)
      .set({ Authorization: `Bearer ${token}` })
      .send({ leaseToken: fallback.body.data[0].leaseToken });
    expect(ack.status).toBe(200);
    expect((await rowsOf('p-fallback'))[0]).toMatchObject({
      status: 'sent',
      missingAction: 'fallback',
      reason: 'fallback text sent: no published evening report for 2026-12-10',
    });
    expect((await lease('p-hold')).body.data).toEqual([]);
    expect((await rowsOf('p-hold'))[0]).toMatchObject({ status: 'planned', missingAction: 'held', attempts: 0 });
  });
});
