/**
 * Three app instances (separate processes) on one PostgreSQL database, planner and
 * dispatcher loops on in all three, as a team runs them behind a load balancer:
 * 10,000 posts due across 500 groups within two minutes, to a webhook receiver on
 * loopback that verifies every signature and counts by `webhook-id`, and to ten WeCom
 * robots paced at 5 posts a minute. Every post arrives, none twice, each group's in order;
 * no robot ever gets more than 5 in a minute although three instances send to it, nor
 * do three signed DingTalk robots, three signed Feishu bots and three Discord webhooks (fakes that check signatures
 * and limits as the platforms do), each paced by its own setting; one instance plans, all
 * three dispatch.
 *
 * PostgreSQL only (TEST_DATABASE_URL): several processes on one SQLite file are covered
 * by tests/crash-recovery.test.ts.
 */
import crypto from 'crypto';
import { startStrapi, usingPostgres, type TestApp } from './helpers/strapi';
import { Cluster } from './helpers/cluster';
import { countById, startWebhookReceiver, type WebhookReceiver } from './helpers/webhook-receiver';
import { startFakeDingtalk, type FakeDingtalk } from './helpers/fake-dingtalk';
import { startFakeDiscord, type FakeDiscord } from './helpers/fake-discord';
import { startFakeFeishu, type FakeFeishu } from './helpers/fake-feishu';

const HOOK_GROUPS = 490;
const ROBOT_GROUPS = 10;
const SCHEDULES = 20;
const ROBOT_PER_MINUTE = 5;
/** DingTalk robots (signed) and Discord webhooks, paced like the WeCom robots by their own settings. */
const DINGTALK_GROUPS = 3;
const DISCORD_GROUPS = 3;
const FEISHU_GROUPS = 3;
const CHAT_GROUPS = DINGTALK_GROUPS + DISCORD_GROUPS + FEISHU_GROUPS;
const TOTAL = (HOOK_GROUPS + ROBOT_GROUPS + CHAT_GROUPS) * SCHEDULES;

const describePg = usingPostgres() ? describe : describe.skip;
jest.setTimeout(15 * 60_000);

describePg('three instances on one PostgreSQL database', () => {
  let setup: TestApp;
  let receiver: WebhookReceiver;
  let cluster: Cluster;
  let dingtalk: FakeDingtalk;
  let discord: FakeDiscord;
  let feishu: FakeFeishu;
  const secret = `whsec_${crypto.randomBytes(24).toString('base64')}`;
  let firstDue: number;

  beforeAll(async () => {
    receiver = await startWebhookReceiver(secret);
    dingtalk = await startFakeDingtalk();
    discord = await startFakeDiscord();
    feishu = await startFakeFeishu();
    setup = await startStrapi({ env: { DATABASE_POOL_MAX: '10' } });
    const docs = (uid: string) => setup.strapi.documents(uid as any) as any;
    const tag = await docs('api::tag.tag').create({ data: { name: 'Cluster', slug: 'cluster' } });
    for (let i = 0; i < HOOK_GROUPS + ROBOT_GROUPS; i++) {
      const robot = i >= HOOK_GROUPS;
      await docs('api::group.group').create({
        data: {
          name: `Cluster ${i}`,
          slug: `cluster-${i}`,
          platform: robot ? 'wecom' : 'webhook',
          endpoint: robot ? null : `${receiver.url}/hook/cluster-${i}`,
          secret: robot ? `robot-${i}` : secret,
          timezone: 'UTC',
          locale: 'en',
          stage: 'growth',
          tags: [tag.documentId],
        },
      });
    }
    for (let i = 0; i < CHAT_GROUPS; i++) {
      const platform = i < DINGTALK_GROUPS ? 'dingtalk' : i < DINGTALK_GROUPS + DISCORD_GROUPS ? 'discord' : 'feishu';
      const token = platform === 'feishu' ? crypto.randomUUID() : crypto.randomBytes(24).toString('hex');
      const signingSecret = crypto.randomBytes(16).toString('hex');
      const discordId = String(100_000_000_000_000_000n + BigInt(i));
      if (platform === 'dingtalk') dingtalk.addRobot(token, { signingSecret });
      else if (platform === 'feishu') feishu.addBot(token, { signingSecret });
      else discord.addWebhook(discordId, token);
      await docs('api::group.group').create({
        data: {
          name: `Cluster chat ${i}`,
          slug: `cluster-chat-${i}`,
          platform,
          secret: platform === 'discord' ? `https://discord.com/api/webhooks/${discordId}/${token}` : token,
          ...(platform === 'discord' ? {} : { signingSecret }),
          timezone: 'UTC',
          locale: 'en',
          stage: 'growth',
          tags: [tag.documentId],
        },
      });
    }
    // Ten schedules fall due on each of two minutes, from the first full minute 75 s away.
    firstDue = Math.ceil((Date.now() + 75_000) / 60_000) * 60_000;
    for (let i = 0; i < SCHEDULES; i++) {
      const at = new Date(firstDue + Math.floor(i / 10) * 60_000);
      await docs('plugin::scheduler.schedule').create({
        data: {
          name: `cluster ${i}`,
          rule: `FREQ=DAILY;BYHOUR=${at.getUTCHours()};BYMINUTE=${at.getUTCMinutes()}`,
          timezone: 'UTC',
          startsAt: new Date().toISOString(),
          endsAt: new Date(firstDue + 10 * 60_000).toISOString(),
          source: 'text',
          text: `Post ${i} for **{{group.name}}**`,
          tags: [tag.documentId],
        },
      });
    }
    cluster = new Cluster({
      DATABASE_POOL_MIN: '0',
      DATABASE_POOL_MAX: '10',
      SCHEDULER_PLANNER_INTERVAL_MS: '2000',
      SCHEDULER_DISPATCH_INTERVAL_MS: '500',
      SCHEDULER_PACING_WECOM: String(ROBOT_PER_MINUTE),
      WECOM_BASE_URL: receiver.url,
      SCHEDULER_PACING_DINGTALK: String(ROBOT_PER_MINUTE),
      DINGTALK_BASE_URL: dingtalk.url,
      SCHEDULER_PACING_DISCORD: String(ROBOT_PER_MINUTE),
      DISCORD_BASE_URL: discord.url,
      SCHEDULER_PACING_FEISHU: String(ROBOT_PER_MINUTE),
      FEISHU_BASE_URL: feishu.url,
    });
    await cluster.start(3);
  });

  afterAll(async () => {
    await cluster?.stopAll();
    await setup?.stop();
    await receiver?.close();
    await dingtalk?.close();
    await discord?.close();
    await feishu?.close();
  });

  it('delivers every post exactly once, paces each robot across instances, plans on one instance and dispatches on all three', async () => {
    const deadline = firstDue + 6 * 60_000;
    const webhookTotal = HOOK_GROUPS * SCHEDULES;
    const robotTotal = ROBOT_GROUPS * SCHEDULES;
    const accepted = () =>
      dingtalk.requests.filter((r) => r.errcode === 0).length +
      discord.requests.filter((r) => r.status === 200).length +
      feishu.requests.filter((r) => r.code === 0).length;
    while (receiver.arrivals.length < webhookTotal || receiver.robots.length < robotTotal || accepted() < CHAT_GROUPS * SCHEDULES) {
      if (Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    // Room for a wrongly doubled send to show up.
    await new Promise((r) => setTimeout(r, 3000));

    // Webhooks: every post once, signed.
    expect(receiver.badSignatures()).toBe(0);
    const byId = countById(receiver.arrivals);
    const twice = [...byId.values()].filter((a) => a.length > 1);
    expect(twice).toEqual([]);
    expect(byId.size).toBe(webhookTotal);
    const perGroup = new Map<string, number>();
    for (const a of receiver.arrivals) perGroup.set(a.group, (perGroup.get(a.group) ?? 0) + 1);
    expect(perGroup.size).toBe(HOOK_GROUPS);
    expect([...perGroup.values()].every((n) => n === SCHEDULES)).toBe(true);
    // In order per group although three instances send: the second minute's posts after the first's.
    const outOfOrder = [...perGroup.keys()].filter((g) => {
      const seq = receiver.arrivals.filter((a) => a.group === g).map((a) => a.scheduledFor);
      return seq.some((x, i) => i > 0 && x < seq[i - 1]);
    });
    expect(outOfOrder).toEqual([]);

    // Robots: every post once (each schedule's text names it), never more than 5 in 60 s.
    expect(receiver.robots).toHaveLength(robotTotal);
    const robots = new Map<string, number[]>();
    for (const r of receiver.robots) {
      robots.set(r.key, [...(robots.get(r.key) ?? []), r.at]);
    }
    expect(robots.size).toBe(ROBOT_GROUPS);
    for (const [key, times] of robots) {
      const texts = new Set(receiver.robots.filter((r) => r.key === key).map((r) => r.text));
      expect(texts.size).toBe(SCHEDULES);
      const sorted = [...times].sort((a, b) => a - b);
      // Any ROBOT_PER_MINUTE + 1 consecutive posts span at least a minute (1 s for the request's own travel).
      for (let i = 0; i + ROBOT_PER_MINUTE < sorted.length; i++)
        expect(sorted[i + ROBOT_PER_MINUTE] - sorted[i]).toBeGreaterThanOrEqual(59_000);
    }

    // DingTalk and Discord: every post once, each signed or addressed as its API wants,
    // never refused or throttled, and never more than 5 in any 60 s although three instances send.
    expect(dingtalk.requests.filter((r) => r.errcode !== 0)).toEqual([]);
    expect(discord.requests.filter((r) => r.status !== 200).map((r) => `${r.status} ${r.problem}`)).toEqual([]);
    expect(feishu.requests.filter((r) => r.code !== 0)).toEqual([]);
    const chatTimes = new Map<string, number[]>();
    for (const r of dingtalk.requests) chatTimes.set(`dingtalk ${r.token}`, [...(chatTimes.get(`dingtalk ${r.token}`) ?? []), r.at]);
    for (const r of feishu.requests) chatTimes.set(`feishu ${r.hookId}`, [...(chatTimes.get(`feishu ${r.hookId}`) ?? []), r.at]);
    for (const r of discord.requests)
      chatTimes.set(`discord ${r.path.split('?')[0]}`, [...(chatTimes.get(`discord ${r.path.split('?')[0]}`) ?? []), r.at]);
    expect(chatTimes.size).toBe(CHAT_GROUPS);
    for (const times of chatTimes.values()) {
      expect(times).toHaveLength(SCHEDULES);
      const sorted = [...times].sort((a, b) => a - b);
      for (let i = 0; i + ROBOT_PER_MINUTE < sorted.length; i++)
        expect(sorted[i + ROBOT_PER_MINUTE] - sorted[i]).toBeGreaterThanOrEqual(59_000);
    }
    for (const i of Array.from({ length: DISCORD_GROUPS }, (_, k) => DINGTALK_GROUPS + k))
      expect(new Set(discord.messages(String(100_000_000_000_000_000n + BigInt(i)))).size).toBe(SCHEDULES);

    // The database agrees: all sent, by all three instances; one planner.
    const s = setup.strapi.plugin('scheduler').service('delivery-store');
    const rows = await s
      .knex()(s.table())
      .select(s.col('status'), s.col('leaseOwner'), s.col('dueAt'), s.col('sentAt'))
      .where(s.col('groupSlug'), 'like', 'cluster-%');
    const due = rows.filter((r: any) => new Date(r[s.col('dueAt')]).getTime() < firstDue + 10 * 60_000);
    expect(due).toHaveLength(TOTAL);
    expect(due.filter((r: any) => r[s.col('status')] !== 'sent')).toEqual([]);
    const owners = new Set(due.map((r: any) => r[s.col('leaseOwner')]));
    expect([...owners].sort()).toEqual(
      cluster
        .live()
        .map((i) => i.owner)
        .sort()
    );
    const lease = await setup.strapi.plugin('scheduler').service('leases').holder('planner');
    expect(cluster.live().map((i) => i.owner)).toContain(lease.owner);

    // How late (sent minus due) the webhook posts were, for the record (speed is the bench's job).
    const late = receiver.arrivals.map((a) => a.at - Date.parse(a.scheduledFor)).sort((a, b) => a - b);
    const p = (q: number) => late[Math.min(late.length - 1, Math.floor(q * late.length))];
    process.stdout.write(
      `cluster: ${TOTAL} posts, lateness p50 ${(p(0.5) / 1000).toFixed(2)} s, p99 ${(p(0.99) / 1000).toFixed(2)} s, max ${(late[late.length - 1] / 1000).toFixed(2)} s\n`
    );
  });
});
