/**
 * DingTalk custom robots end to end: a real Strapi sends through the dispatcher to a fake
 * DingTalk on loopback (tests/helpers/fake-dingtalk.ts) that checks the token, the 加签
 * signature and its timestamp, the markdown body and the 20-a-minute limit as DingTalk
 * describes them. The scheduler's clock is moved, not mocked; the fake counts its minutes on
 * that clock.
 */
import crypto from 'crypto';
import request from 'supertest';
import { setNow as setClock } from './helpers/scheduler-clock';
import { chatGroup } from './helpers/chat-group';
import { startStrapi, createApiToken, type TestApp } from './helpers/strapi';
import { captureLogs } from './helpers/log-capture';
import { everyRowText } from './helpers/every-row';
import { startFakeDingtalk, type FakeDingtalk } from './helpers/fake-dingtalk';

let app: TestApp;
let fake: FakeDingtalk;
let token: string;
let jwt: string;
const logged: string[] = [];
const responses: string[] = [];
const plugin = () => app.strapi.plugin('scheduler');
const setNow = (iso: string) => setClock(app.strapi, iso);

const accessToken = () => crypto.randomBytes(32).toString('hex');
const signingSecret = () => `SEC${crypto.randomBytes(32).toString('hex')}`;
const documentedSign = (timestamp: string, secret: string) =>
  crypto.createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');

/** Every credential this file uses, to grep for at the end. */
const credentials: string[] = [];

beforeAll(async () => {
  fake = await startFakeDingtalk({ clock: () => plugin().service('clock').now().getTime(), echoToken: true });
  app = await startStrapi({ env: { DINGTALK_BASE_URL: fake.url, SCHEDULER_TIMEOUT_MS: '2000' } });
  captureLogs(app.strapi, logged);
  token = await createApiToken(app.strapi);
  const res = await request(app.server)
    .post('/admin/register-admin')
    .send({ firstname: 'Ding', lastname: 'Ops', email: 'ding@example.com', password: 'Passw0rd!Passw0rd' });
  jwt = res.body.data.token;
});

afterAll(async () => {
  await app?.stop();
  await fake?.close();
});

/** A DingTalk group and `count` daily 08:00 schedules posting `text` to it (tests/helpers/chat-group.ts). */
async function dingtalkGroup(slug: string, fields: { secret: string; signingSecret?: string }, text: string, count = 1) {
  const made = await chatGroup(app, token, { platform: 'dingtalk', slug, fields, text, count });
  responses.push(made.response);
  return made;
}

const rowsOf = async (slug: string, day: string) =>
  ((await plugin().service('deliveries').list({ group: slug, limit: 100 })).data as any[]).filter(
    (r) => r.scheduledFor === `${day}T08:00:00.000Z`
  );

async function sendDay(day: string, slugs: string[]) {
  setNow(`${day}T07:00:00Z`);
  await plugin().service('planner').planAll();
  setNow(`${day}T08:00:30Z`);
  await plugin().service('dispatcher').tick();
  const out: Record<string, any> = {};
  for (const slug of slugs) [out[slug]] = await rowsOf(slug, day);
  return out;
}

const LONG = Array.from(
  { length: 60 },
  (_, i) => `**第${i + 1}天**：${'今天的打卡任务是读完一章书并写下三点收获，然后在群里分享一下。'.repeat(4)}`
).join('\n\n');

describe('a signed robot', () => {
  it('gets a long report in numbered parts, each signed as documented with a fresh timestamp', async () => {
    const t = accessToken();
    const s = signingSecret();
    credentials.push(t, s);
    fake.addRobot(t, { signingSecret: s });
    await dingtalkGroup('dt-signed', { secret: t, signingSecret: s }, `# 每日报告\n\n${LONG}`);
    const before = Date.now();
    const rows = await sendDay('2026-12-01', ['dt-signed']);
    expect(rows['dt-signed'].status).toBe('sent');
    const got = fake.received(t);
    expect(got.length).toBe(2);
    expect(got.map((r) => r.errcode)).toEqual([0, 0]);
    got.forEach((r, i) => {
      const timestamp = Number(r.timestamp);
      expect(timestamp).toBeGreaterThanOrEqual(before - 1000);
      expect(timestamp).toBeLessThanOrEqual(Date.now() + 1000);
      expect(r.sign).toBe(documentedSign(r.timestamp!, s));
      const body = JSON.parse(r.body);
      expect(body.msgtype).toBe('markdown');
      expect(body.at).toEqual({ isAtAll: false });
      // The post's title (the schedule's name), numbered per part.
      expect(body.markdown.title).toBe(`dt-signed 0 (${i + 1}/2)`);
      expect(body.markdown.text.endsWith(`(${i + 1}/2)`)).toBe(true);
      expect(Buffer.byteLength(r.body, 'utf8')).toBeLessThanOrEqual(20000);
    });
    expect(JSON.parse(got[0].body).markdown.text.startsWith('# 每日报告\n\n**第1天**：')).toBe(true);
    // The stored payload has the credentials masked.
    const detail = await request(app.server)
      .get(`/scheduler/deliveries/${rows['dt-signed'].id}`)
      .set({ Authorization: `Bearer ${jwt}` });
    responses.push(detail.text);
    expect(detail.text).toContain('access_token=***&timestamp=***&sign=***');
  });

  it('an unsigned robot gets no timestamp or sign', async () => {
    const t = accessToken();
    credentials.push(t);
    fake.addRobot(t);
    await dingtalkGroup('dt-plain', { secret: t }, '早上好 {{group.name}}');
    const rows = await sendDay('2026-12-02', ['dt-plain']);
    expect(rows['dt-plain'].status).toBe('sent');
    const [r] = fake.received(t);
    expect([r.timestamp, r.sign, r.errcode]).toEqual([null, null, 0]);
    expect(JSON.parse(r.body).markdown).toEqual({ title: 'dt-plain 0', text: '早上好 dt-plain' });
  });
});

describe('refusals', () => {
  it('a wrong signing secret: dead at once (310000), the reason naming neither secret', async () => {
    const t = accessToken();
    const right = signingSecret();
    const wrong = signingSecret();
    credentials.push(t, right, wrong);
    fake.addRobot(t, { signingSecret: right });
    await dingtalkGroup('dt-wrong', { secret: t, signingSecret: wrong }, 'Hello');
    const rows = await sendDay('2026-12-03', ['dt-wrong']);
    const row = rows['dt-wrong'];
    expect(row.status).toBe('dead');
    expect(fake.received(t).map((r) => r.errcode)).toEqual([310000]);
    expect(row.reason).toContain('errcode 310000');
    expect(row.reason).toContain('signature');
    // The fake echoed the token in errmsg: masked.
    expect(row.reason).toContain('access_token=***');
    for (const value of [t, right, wrong]) expect(JSON.stringify(row)).not.toContain(value);
  });

  it('an unknown access_token: dead (300001)', async () => {
    const t = accessToken();
    credentials.push(t);
    await dingtalkGroup('dt-unknown', { secret: t }, 'Hello');
    const row = (await sendDay('2026-12-04', ['dt-unknown']))['dt-unknown'];
    expect(row.status).toBe('dead');
    expect(row.reason).toContain('errcode 300001');
    expect(JSON.stringify(row)).not.toContain(t);
  });

  it('a token with a space or a signingSecret with a line break is refused on save, naming the field, never the value', async () => {
    for (const [data, field] of [
      [{ secret: 'abc def' }, 'secret'],
      [{ secret: accessToken(), signingSecret: 'SECabc\ndef' }, 'signingSecret'],
    ] as const) {
      const res = await request(app.server)
        .post('/api/groups')
        .set({ Authorization: `Bearer ${token}` })
        .send({ data: { name: `dt-bad-${field}`, slug: `dt-bad-${field}`, platform: 'dingtalk', ...data, timezone: 'UTC' } });
      expect(res.status).toBe(400);
      expect(res.text).toContain(field);
      expect(res.text).not.toContain('abc def');
      expect(res.text).not.toContain('SECabc');
    }
  });
});

describe('pacing', () => {
  it('25 posts due at once to one robot: never more than 20 in any minute, all sent, never throttled', async () => {
    const t = accessToken();
    const s = signingSecret();
    credentials.push(t, s);
    fake.addRobot(t, { signingSecret: s });
    await dingtalkGroup('dt-busy', { secret: t, signingSecret: s }, '打卡提醒', 25);
    setNow('2026-12-05T07:00:00Z');
    await plugin().service('planner').planAll();
    const start = Date.parse('2026-12-05T08:00:30Z');
    for (let k = 0; k < 18; k++) {
      setNow(new Date(start + k * 10_000).toISOString());
      await plugin().service('dispatcher').tick();
    }
    const rows = await rowsOf('dt-busy', '2026-12-05');
    expect(rows).toHaveLength(25);
    expect(rows.map((r) => r.status)).toEqual(Array(25).fill('sent'));
    const got = fake.received(t);
    expect(got).toHaveLength(25);
    expect(got.every((r) => r.errcode === 0)).toBe(true);
    expect(fake.maxPerMinute(t)).toBe(20);
    // The five beyond 20 went out a minute after the first ones, not before.
    const times = got.map((r) => r.at).sort((a, b) => a - b);
    expect(times[20] - times[0]).toBeGreaterThanOrEqual(60_000);
  });
});

describe('pacing split posts', () => {
  it('12 posts of two parts each (24 messages) due at once: each part takes a slot, never more than 20 a minute', async () => {
    const t = accessToken();
    credentials.push(t);
    fake.addRobot(t);
    await dingtalkGroup('dt-split', { secret: t }, LONG, 12);
    setNow('2026-12-06T07:00:00Z');
    await plugin().service('planner').planAll();
    const start = Date.parse('2026-12-06T08:00:30Z');
    for (let k = 0; k < 24; k++) {
      setNow(new Date(start + k * 10_000).toISOString());
      await plugin().service('dispatcher').tick();
    }
    const rows = await rowsOf('dt-split', '2026-12-06');
    expect(rows.map((r) => r.status)).toEqual(Array(12).fill('sent'));
    const got = fake.received(t);
    expect(got).toHaveLength(24);
    expect(got.every((r) => r.errcode === 0)).toBe(true);
    expect(fake.maxPerMinute(t)).toBe(20);
    // Every post's two parts arrived once each, the first before the second.
    const titles = got.map((r) => JSON.parse(r.body).markdown.title as string);
    for (let i = 0; i < 12; i++) {
      const first = titles.indexOf(`dt-split ${i} (1/2)`);
      const second = titles.indexOf(`dt-split ${i} (2/2)`);
      expect([first >= 0, second > first, titles.lastIndexOf(`dt-split ${i} (2/2)`) === second]).toEqual([true, true, true]);
    }
  });
});

describe('no credential anywhere', () => {
  it('not in REST or admin responses, rows or log lines', async () => {
    const { data: groups } = (
      await request(app.server)
        .get('/api/groups?populate=*')
        .set({ Authorization: `Bearer ${token}` })
    ).body;
    responses.push(JSON.stringify(groups));
    for (const g of groups) {
      for (const path of [
        `/content-manager/collection-types/api::group.group/${g.documentId}`,
        `/scheduler/groups/${g.documentId}/timeline`,
      ]) {
        responses.push(
          (
            await request(app.server)
              .get(path)
              .set({ Authorization: `Bearer ${jwt}` })
          ).text
        );
      }
    }
    responses.push(
      (
        await request(app.server)
          .get('/api/deliveries?limit=100')
          .set({ Authorization: `Bearer ${token}` })
      ).text
    );
    expect(JSON.stringify(groups)).not.toMatch(/"secret"|signingSecret/);
    const haystacks = { responses: responses.join('\n'), rows: await everyRowText(app.strapi), log: logged.join('\n') };
    expect(credentials.length).toBeGreaterThanOrEqual(8);
    for (const [where, text] of Object.entries(haystacks))
      for (const c of credentials)
        for (const form of [c, encodeURIComponent(c)]) if (text.includes(form)) throw new Error(`a credential in ${where}`);
    expect(haystacks.responses).toContain('dt-signed');
  });
});
