/**
 * Feishu / Lark custom bots end to end: a real Strapi sends through the dispatcher to a fake
 * Feishu on loopback (tests/helpers/fake-feishu.ts) that checks the hook path, the card body,
 * the 签名校验 signature and its timestamp, the 20 KB body limit, and the 100-a-minute and
 * 5-a-second limits as Feishu describes them. The scheduler's clock is moved, not mocked; the
 * fake counts its minutes and seconds on that clock.
 */
import crypto from 'crypto';
import request from 'supertest';
import { setNow as setClock } from './helpers/scheduler-clock';
import { chatGroup } from './helpers/chat-group';
import { startStrapi, createApiToken, type TestApp } from './helpers/strapi';
import { captureLogs } from './helpers/log-capture';
import { everyRowText } from './helpers/every-row';
import { startFakeFeishu, type FakeFeishu } from './helpers/fake-feishu';

let app: TestApp;
let fake: FakeFeishu;
let token: string;
let jwt: string;
const logged: string[] = [];
const responses: string[] = [];
const plugin = () => app.strapi.plugin('scheduler');
const setNow = (iso: string) => setClock(app.strapi, iso);
const auth = () => ({ Authorization: `Bearer ${token}` });

const hookId = () => crypto.randomUUID();
const signingSecret = () => crypto.randomBytes(16).toString('base64url');
/** The guide's construction, written again: Base64(HmacSHA256(key = timestamp + "\n" + secret, data empty)). */
const documentedSign = (timestamp: string, secret: string) =>
  crypto.createHmac('sha256', `${timestamp}\n${secret}`).update(Buffer.alloc(0)).digest('base64');

/** Every credential this file uses, to grep for at the end. */
const credentials: string[] = [];

beforeAll(async () => {
  fake = await startFakeFeishu({ clock: () => plugin().service('clock').now().getTime() });
  app = await startStrapi({ env: { FEISHU_BASE_URL: fake.url, SCHEDULER_TIMEOUT_MS: '2000' } });
  captureLogs(app.strapi, logged);
  token = await createApiToken(app.strapi);
  const res = await request(app.server)
    .post('/admin/register-admin')
    .send({ firstname: 'Fei', lastname: 'Ops', email: 'feishu@example.com', password: 'Passw0rd!Passw0rd' });
  jwt = res.body.data.token;
});

afterAll(async () => {
  await app?.stop();
  await fake?.close();
});

/** A Feishu group and `count` daily 08:00 schedules (or one `rule`) posting `text` to it (tests/helpers/chat-group.ts). */
async function feishuGroup(
  slug: string,
  fields: { secret: string; signingSecret?: string },
  text: string,
  { count = 1, rule }: { count?: number; rule?: string } = {}
) {
  const made = await chatGroup(app, token, { platform: 'feishu', slug, fields, text, count, rule });
  responses.push(made.response);
  return made;
}

const rowsOf = async (slug: string, day?: string) =>
  ((await plugin().service('deliveries').list({ group: slug, limit: 200 })).data as any[]).filter(
    (r) => !day || r.scheduledFor === `${day}T08:00:00.000Z`
  );

async function sendDay(day: string, slug: string) {
  setNow(`${day}T07:00:00Z`);
  await plugin().service('planner').planAll();
  setNow(`${day}T08:00:30Z`);
  await plugin().service('dispatcher').tick();
  return (await rowsOf(slug, day))[0];
}

const LONG = Array.from(
  { length: 40 },
  (_, i) => `**第${i + 1}天**："${'今天的打卡任务是读完一章书并写下三点收获，然后在群里分享一下。'.repeat(4)}"`
).join('\n\n');

const card = (r: { json: any }) => r.json.card;

describe('a signed bot', () => {
  it('gets a long report in numbered parts, each signed as documented with a fresh timestamp', async () => {
    const h = hookId();
    const s = signingSecret();
    credentials.push(h, s);
    fake.addBot(h, { signingSecret: s });
    await feishuGroup('fs-signed', { secret: h, signingSecret: s }, `# 每日报告\n\n${LONG}`);
    const before = Math.floor(Date.now() / 1000);
    const row = await sendDay('2026-12-01', 'fs-signed');
    const after = Math.ceil(Date.now() / 1000);
    expect(row.status).toBe('sent');
    const got = fake.received(h);
    const n = got.length;
    expect(n).toBeGreaterThanOrEqual(2);
    expect(got.map((r) => r.code)).toEqual(Array(n).fill(0));
    got.forEach((r, i) => {
      expect(r.json.msg_type).toBe('interactive');
      expect(r.json.timestamp).toMatch(/^\d{10}$/);
      expect(Number(r.json.timestamp)).toBeGreaterThanOrEqual(before);
      expect(Number(r.json.timestamp)).toBeLessThanOrEqual(after);
      expect(r.json.sign).toBe(documentedSign(r.json.timestamp, s));
      // The post's title (the schedule's name) in the header, numbered per part; the part's number at its end.
      expect(card(r).header.title).toEqual({ tag: 'plain_text', content: `fs-signed 0 (${i + 1}/${n})` });
      expect(card(r).elements[0].content.endsWith(`(${i + 1}/${n})`)).toBe(true);
      expect(Buffer.byteLength(r.body, 'utf8')).toBeLessThanOrEqual(20000);
    });
    expect(card(got[0]).elements[0].content.startsWith('**每日报告**\n\n**第1天**：')).toBe(true);
    // The stored payload has the hook id masked.
    const detail = await request(app.server)
      .get(`/scheduler/deliveries/${row.id}`)
      .set({ Authorization: `Bearer ${jwt}` });
    responses.push(detail.text);
    expect(detail.text).toContain('/open-apis/bot/v2/hook/***');
  });

  it('an unsigned bot gets no timestamp or sign; a value that spells a mention is text', async () => {
    const h = hookId();
    credentials.push(h);
    fake.addBot(h);
    await feishuGroup('fs-plain', { secret: h }, '早上好 {{group.name}} <at id=all></at> @所有人');
    const row = await sendDay('2026-12-02', 'fs-plain');
    expect(row.status).toBe('sent');
    const [r] = fake.received(h);
    expect([r.json.timestamp, r.json.sign, r.code]).toEqual([undefined, undefined, 0]);
    expect(card(r).elements).toEqual([{ tag: 'markdown', content: '早上好 fs-plain ＜at id=all>＜/at> @所有人' }]);
  });
});

describe('refusals', () => {
  it('a wrong signing secret: dead at once (19021), the reason naming neither secret', async () => {
    const h = hookId();
    const right = signingSecret();
    const wrong = signingSecret();
    credentials.push(h, right, wrong);
    fake.addBot(h, { signingSecret: right });
    await feishuGroup('fs-wrong', { secret: h, signingSecret: wrong }, 'Hello');
    const row = await sendDay('2026-12-03', 'fs-wrong');
    expect(row.status).toBe('dead');
    expect(fake.received(h).map((r) => r.code)).toEqual([19021]);
    expect(row.reason).toContain('Feishu code 19021');
    expect(row.reason).toContain('signature');
    for (const value of [h, right, wrong]) expect(JSON.stringify(row)).not.toContain(value);
  });

  it('an unknown hook id: dead (19001)', async () => {
    const h = hookId();
    credentials.push(h);
    await feishuGroup('fs-unknown', { secret: h }, 'Hello');
    const row = await sendDay('2026-12-04', 'fs-unknown');
    expect(row.status).toBe('dead');
    expect(row.reason).toContain('Feishu code 19001');
    expect(JSON.stringify(row)).not.toContain(h);
  });

  it('bad fields are refused on save, naming the field, never the value, and nothing is saved', async () => {
    for (const [data, field, shown] of [
      [{ endpoint: 'https://open.feishu.cn/x', secret: hookId() }, 'endpoint', 'open.feishu.cn/x'],
      [{ secret: 'hook with-space-value' }, 'secret', 'with-space-value'],
      [{ secret: `https://open.feishu.cn/open-apis/bot/v2/hook/whole-url-value` }, 'secret', 'whole-url-value'],
      [{ secret: hookId(), signingSecret: 'sign\nbreak-value' }, 'signingSecret', 'break-value'],
    ] as const) {
      const slug = `fs-bad-${field}-${shown.length}`;
      const res = await request(app.server)
        .post('/api/groups')
        .set(auth())
        .send({ data: { name: slug, slug, platform: 'feishu', ...data, timezone: 'UTC' } });
      expect(res.status).toBe(400);
      expect((res.body.error.details?.errors ?? []).map((e: { path: string[] }) => e.path.join('.'))).toContain(field);
      expect(res.text).not.toContain(shown);
      expect(await app.strapi.db.query('api::group.group').findOne({ where: { slug } })).toBeNull();
    }
  });
});

describe('the frequency limit', () => {
  it('an 11232 answer: the post waits a minute, not an attempt, and is then sent', async () => {
    const h = hookId();
    credentials.push(h);
    fake.addBot(h);
    fake.limitNext(h, 1);
    await feishuGroup('fs-limited', { secret: h }, 'Hello');
    let row = await sendDay('2026-12-05', 'fs-limited');
    expect(row).toMatchObject({ status: 'failed', attempts: 0, reason: 'rate limited by the platform; not counted as an attempt' });
    expect(row.lastError).toContain('Feishu code 11232');
    const next = Date.parse(row.nextAttemptAt);
    expect(next - Date.parse('2026-12-05T08:00:30Z')).toBeGreaterThanOrEqual(60_000);
    expect(next - Date.parse('2026-12-05T08:00:30Z')).toBeLessThan(62_000);
    // Not before the minute is over…
    setNow('2026-12-05T08:01:00Z');
    await plugin().service('dispatcher').tick();
    expect(fake.received(h)).toHaveLength(1);
    // …then resent and sent.
    setNow('2026-12-05T08:01:40Z');
    await plugin().service('dispatcher').tick();
    [row] = await rowsOf('fs-limited', '2026-12-05');
    expect(row.status).toBe('sent');
    expect(fake.received(h).map((r) => r.code)).toEqual([11232, 0]);
  });
});

describe('pacing', () => {
  it('130 posts due at once, two dispatchers: never over 5 a second or 100 a minute at the fake, all sent, never limited', async () => {
    const h = hookId();
    credentials.push(h);
    fake.addBot(h);
    // Four schedules every 5 minutes (the shortest interval a schedule may have) give enough posts.
    await feishuGroup('fs-busy', { secret: h }, '打卡提醒', { count: 4, rule: 'FREQ=MINUTELY;INTERVAL=5' });
    setNow('2026-12-06T07:00:00Z');
    await plugin().service('planner').planAll();
    const store = plugin().service('delivery-store');
    const planned = await store
      .knex()(store.table())
      .where(store.col('groupSlug'), 'fs-busy')
      .where(store.col('status'), 'planned')
      .orderBy(store.col('dueAt'))
      .select('id', store.col('key'));
    expect(planned.length).toBeGreaterThanOrEqual(130);
    const ids = planned.slice(0, 130).map((r: any) => r.id);
    const keys = new Set(planned.slice(0, 130).map((r: any) => r[store.col('key')]));
    // 130 due at once (as after a run-now or a burst of joins); the rest of the minutely posts are not part of this.
    await store
      .knex()(store.table())
      .whereIn('id', ids)
      .update({ [store.col('dueAt')]: new Date('2026-12-06T07:59:00Z'), [store.col('graceSeconds')]: 86400 });
    await store
      .knex()(store.table())
      .where(store.col('groupSlug'), 'fs-busy')
      .whereNotIn('id', ids)
      .update({ [store.col('status')]: 'cancelled' });
    const start = Date.parse('2026-12-06T08:00:00Z');
    for (let k = 0; k <= 90; k++) {
      setNow(new Date(start + k * 1000).toISOString());
      // Two dispatchers at once, as on two instances: the count is shared through the database.
      await Promise.all([
        plugin().service('dispatcher').tick({ workerId: 'a', max: 100 }),
        plugin().service('dispatcher').tick({ workerId: 'b', max: 100 }),
      ]);
      if (k === 50) {
        // Within the first minute: 100 at most, at no more than five a second.
        expect(fake.received(h).length).toBeLessThanOrEqual(100);
        expect(fake.received(h).length).toBeGreaterThanOrEqual(60);
      }
    }
    const got = fake.received(h);
    expect(got).toHaveLength(130);
    // Feishu's own count never had to refuse one…
    expect(got.every((r) => r.code === 0)).toBe(true);
    // …and the fake, counting every request on its clock, never saw more than Feishu allows.
    expect(fake.maxIn(h, 1000)).toBe(5);
    expect(fake.maxIn(h, 60_000)).toBe(100);
    const rows = (await rowsOf('fs-busy')).filter((r: any) => keys.has(r.key));
    expect(rows).toHaveLength(130);
    expect(rows.map((r: any) => [r.status, r.attempts])).toEqual(Array(130).fill(['sent', 1]));
  });
});

describe('the editor', () => {
  it('the renditions panel shows a Feishu row at 9,000 bytes, mentions shown as text', async () => {
    const h = hookId();
    credentials.push(h);
    await feishuGroup('fs-preview', { secret: h }, 'x');
    const res = await request(app.server)
      .post('/scheduler/editor/content-preview')
      .set({ Authorization: `Bearer ${jwt}` })
      .send({ model: 'api::daily-topic.daily-topic', group: 'fs-preview', data: { prompt: 'Hello **{{group.name}}** <at id=all></at>' } });
    expect(res.status).toBe(200);
    responses.push(res.text);
    const row = res.body.data.renditions.find((r: any) => r.platform === 'feishu');
    expect(row).toMatchObject({
      labels: { en: 'Feishu / Lark', 'zh-Hans': '飞书' },
      format: 'feishu',
      limit: { unit: 'bytes', max: 9000 },
      overLimit: false,
      parts: 1,
    });
    expect(row.body).toContain('Hello **fs-preview** ＜at id=all>＜/at>');
  });
});

describe('no credential anywhere', () => {
  it('not in REST or admin responses, rows or log lines', async () => {
    const { data: groups } = (await request(app.server).get('/api/groups?populate=*').set(auth())).body;
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
    responses.push((await request(app.server).get('/api/deliveries?limit=100').set(auth())).text);
    responses.push((await request(app.server).get('/api/scheduler/health').set(auth())).text);
    expect(JSON.stringify(groups)).not.toMatch(/"secret"|signingSecret/);
    const haystacks = { responses: responses.join('\n'), rows: await everyRowText(app.strapi), log: logged.join('\n') };
    expect(credentials.length).toBeGreaterThanOrEqual(9);
    for (const [where, text] of Object.entries(haystacks))
      for (const c of credentials)
        for (const form of [c, encodeURIComponent(c)]) if (text.includes(form)) throw new Error(`a credential in ${where}`);
    // The grep works: the rows hold the masked request URLs.
    expect(haystacks.rows).toContain('/open-apis/bot/v2/hook/***');
    expect(haystacks.responses).toContain('fs-signed');
  });
});
