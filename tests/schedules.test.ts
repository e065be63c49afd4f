/**
 * Schedules over REST and the preview CLI, on a real Strapi with a temporary database.
 *
 * Expected instants are computed by hand from the zones' published offsets, not taken
 * from the engine:
 *  - America/New_York: EST = UTC-5 until Sun 2026-03-08 02:00 local, EDT = UTC-4 after;
 *    back to EST on Sun 2026-11-01 02:00 local. 08:00 EST = 13:00Z, 08:00 EDT = 12:00Z.
 *  - Asia/Shanghai: UTC+8 all year, so 08:00 = 00:00Z the same date.
 */
import path from 'path';
import { spawnSync } from 'child_process';
import request from 'supertest';
import { startStrapi, createApiToken, type TestApp } from './helpers/strapi';

let app: TestApp;
let token: string;
const auth = () => ({ Authorization: `Bearer ${token}` });
const api = () => request(app.server);
const groups: Record<string, string> = {};
let tagId: string;

beforeAll(async () => {
  app = await startStrapi();
  token = await createApiToken(app.strapi);
  const docs = app.strapi.documents as any;
  tagId = (await docs('api::tag.tag').create({ data: { name: 'Camp', slug: 'camp' } })).documentId;
  const mk = async (slug: string, timezone: string, extra: Record<string, unknown> = {}) => {
    const g = await docs('api::group.group').create({
      data: { name: slug, slug, platform: 'webhook', timezone, locale: 'en', stage: 'growth', ...extra },
    });
    groups[slug] = g.documentId;
  };
  await mk('shanghai', 'Asia/Shanghai', { quietHours: [{ start: '07:30:00.000', end: '09:00:00.000' }] });
  await mk('new-york', 'America/New_York');
  await mk('tagged-berlin', 'Europe/Berlin', { tags: [tagId] });
  await mk('tagged-closed', 'Europe/Berlin', { tags: [tagId], stage: 'closed' });
});

afterAll(async () => {
  await app?.stop();
});

const utcList = (target: any) => target.occurrences.map((o: any) => o.utc);

describe('schedule CRUD at /api/schedules', () => {
  let id: string;

  it('creates, reads, updates and deletes with an API token', async () => {
    const created = await api()
      .post('/api/schedules')
      .set(auth())
      .send({
        data: {
          name: 'Morning task',
          rule: 'FREQ=DAILY;BYHOUR=8;BYMINUTE=0',
          source: 'text',
          text: 'Good morning {{group.name}}',
          groups: [groups.shanghai, groups['new-york']],
          startsAt: '2026-12-01T00:00:00.000Z',
        },
      });
    expect(created.status).toBe(201);
    id = created.body.data.documentId;
    expect(created.body.data).toMatchObject({
      name: 'Morning task',
      catchUp: 'skip',
      graceSeconds: 300,
      active: true,
      quietHours: 'defer',
    });

    const read = await api().get(`/api/schedules/${id}?populate=groups`).set(auth());
    expect(read.status).toBe(200);
    expect(read.body.data.groups.map((g: any) => g.slug).sort()).toEqual(['new-york', 'shanghai']);

    const list = await api().get('/api/schedules').set(auth());
    expect(list.body.data.map((s: any) => s.documentId)).toContain(id);

    const updated = await api()
      .put(`/api/schedules/${id}`)
      .set(auth())
      .send({ data: { active: false } });
    expect(updated.status).toBe(200);
    expect(updated.body.data.active).toBe(false);
    await api()
      .put(`/api/schedules/${id}`)
      .set(auth())
      .send({ data: { active: true } });
  });

  it('is not public', async () => {
    expect((await api().get('/api/schedules')).status).toBe(403);
    expect((await api().post('/api/schedules/preview').send({ rule: 'FREQ=DAILY', timezone: 'UTC' })).status).toBe(403);
  });

  it('rejects an invalid rule or zone with a 400 naming the field, saving nothing', async () => {
    const before = await app.strapi.db.query('plugin::scheduler.schedule').count();
    const badRule = await api()
      .post('/api/schedules')
      .set(auth())
      .send({ data: { name: 'bad', rule: 'FREQ=DAILY;BYHOUR=25', source: 'text', text: 'x', timezone: 'UTC' } });
    expect(badRule.status).toBe(400);
    expect(badRule.body.error.details.errors[0].path).toEqual(['rule']);
    expect(badRule.body.error.message).toContain('BYHOUR');

    const badZone = await api()
      .post('/api/schedules')
      .set(auth())
      .send({ data: { name: 'bad', rule: 'FREQ=DAILY;BYHOUR=8', source: 'text', text: 'x', timezone: 'Europe/Atlantis' } });
    expect(badZone.status).toBe(400);
    expect(badZone.body.error.details.errors[0].path).toEqual(['timezone']);

    const badFreq = await api()
      .post('/api/schedules')
      .set(auth())
      .send({ data: { name: 'bad', rule: 'FREQ=FORTNIGHTLY', source: 'text', text: 'x' } });
    expect(badFreq.status).toBe(400);
    expect(badFreq.body.error.details.errors[0].path).toEqual(['rule']);

    const noText = await api()
      .post('/api/schedules')
      .set(auth())
      .send({ data: { name: 'bad', rule: 'FREQ=DAILY', source: 'text' } });
    expect(noText.status).toBe(400);
    expect(noText.body.error.details.errors[0].path).toEqual(['text']);

    expect(await app.strapi.db.query('plugin::scheduler.schedule').count()).toBe(before);

    // An update to an invalid rule is refused and the stored rule is unchanged.
    const upd = await api()
      .put(`/api/schedules/${id}`)
      .set(auth())
      .send({ data: { rule: 'FREQ=DAILY;BYMINUTE=61' } });
    expect(upd.status).toBe(400);
    const row = await app.strapi.db.query('plugin::scheduler.schedule').findOne({ where: { documentId: id } });
    expect(row.rule).toBe('FREQ=DAILY;BYHOUR=8;BYMINUTE=0');
  });

  it('lists occurrences per group, each in its own zone, with quiet-hour moves', async () => {
    const res = await api().get(`/api/schedules/${id}/occurrences?from=2026-12-02T00:00:00Z&to=2026-12-03T23:59:59Z`).set(auth());
    expect(res.status).toBe(200);
    const bySlug = Object.fromEntries(res.body.data.targets.map((t: any) => [t.group.slug, t]));
    // 08:00 Shanghai (UTC+8) = 00:00Z the same day.
    expect(utcList(bySlug.shanghai)).toEqual(['2026-12-02T00:00:00.000Z', '2026-12-03T00:00:00.000Z']);
    // 08:00 New York (EST, UTC-5) = 13:00Z.
    expect(utcList(bySlug['new-york'])).toEqual(['2026-12-02T13:00:00.000Z', '2026-12-03T13:00:00.000Z']);
    expect(bySlug['new-york'].occurrences[0].local).toBe('2026-12-02T08:00:00.000-05:00');
    // Shanghai is quiet 07:30-09:00: 08:00 moves to 09:00 local = 01:00Z.
    expect(bySlug.shanghai.occurrences[0].quiet).toEqual({
      action: 'defer',
      window: '07:30-09:00',
      movedTo: { utc: '2026-12-02T01:00:00.000Z', local: '2026-12-02T09:00:00.000+08:00' },
    });
    expect(bySlug['new-york'].occurrences[0].quiet).toBeNull();
    expect(bySlug.shanghai.description).toEqual({ en: 'every day at 08:00', zh: '每天 08:00' });

    const one = await api()
      .get(`/api/schedules/${id}/occurrences?from=2026-12-02T00:00:00Z&to=2026-12-03T00:00:00Z&group=new-york`)
      .set(auth());
    expect(one.body.data.targets.map((t: any) => t.group.slug)).toEqual(['new-york']);

    const notTarget = await api().get(`/api/schedules/${id}/occurrences?group=tagged-berlin`).set(auth());
    expect(notTarget.status).toBe(404);

    const badRange = await api().get(`/api/schedules/${id}/occurrences?from=2026-12-05T00:00:00Z&to=2026-12-01T00:00:00Z`).set(auth());
    expect(badRange.status).toBe(400);
    const unknown = await api().get('/api/schedules/nope/occurrences').set(auth());
    expect(unknown.status).toBe(404);
  });

  it('targets groups by tag, but never a closed group; a fixed zone applies to all', async () => {
    const created = await api()
      .post('/api/schedules')
      .set(auth())
      .send({
        data: {
          name: 'Tagged, Berlin time',
          rule: 'FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0',
          timezone: 'Europe/Berlin',
          source: 'daily-topic',
          tags: [tagId],
          startsAt: '2026-03-01T00:00:00.000Z',
        },
      });
    expect(created.status).toBe(201);
    const res = await api()
      .get(`/api/schedules/${created.body.data.documentId}/occurrences?from=2026-03-20T00:00:00Z&to=2026-04-01T00:00:00Z`)
      .set(auth());
    const slugs = res.body.data.targets.map((t: any) => t.group.slug);
    expect(slugs).toEqual(['tagged-berlin']);
    // Mondays 09:00 Berlin: 2026-03-23 is CET (UTC+1) = 08:00Z; 2026-03-30 is after the
    // 29 March change to CEST (UTC+2) = 07:00Z.
    expect(utcList(res.body.data.targets[0])).toEqual(['2026-03-23T08:00:00.000Z', '2026-03-30T07:00:00.000Z']);
  });
});

describe('POST /api/schedules/preview', () => {
  it('returns the description and the next occurrences in local time across a DST change', async () => {
    const res = await api().post('/api/schedules/preview').set(auth()).send({
      rule: 'FREQ=DAILY;BYHOUR=8;BYMINUTE=0',
      timezone: 'America/New_York',
      dtstart: '2026-03-01T08:00:00',
      from: '2026-03-07T00:00:00Z',
      count: 3,
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      timezone: 'America/New_York',
      calendar: 'none',
      adjustments: [],
      warnings: [],
      description: { en: 'every day at 08:00', zh: '每天 08:00' },
      occurrences: [
        { utc: '2026-03-07T13:00:00.000Z', local: '2026-03-07T08:00:00.000-05:00' },
        { utc: '2026-03-08T12:00:00.000Z', local: '2026-03-08T08:00:00.000-04:00' },
        { utc: '2026-03-09T12:00:00.000Z', local: '2026-03-09T08:00:00.000-04:00' },
      ],
    });
  });

  it('answers bad input with a 400 naming the field', async () => {
    const noRule = await api().post('/api/schedules/preview').set(auth()).send({ timezone: 'UTC' });
    expect(noRule.status).toBe(400);
    expect(noRule.body.error.details.errors[0].path).toEqual(['rule']);
    const zone = await api()
      .post('/api/schedules/preview')
      .set(auth())
      .send({ rule: 'FREQ=DAILY', timezone: 'Nowhere/Land', dtstart: '2026-01-01T08:00:00' });
    expect(zone.status).toBe(400);
    expect(zone.body.error.details.errors[0].path).toEqual(['timezone']);
    const unknownKey = await api().post('/api/schedules/preview').set(auth()).send({ rule: 'FREQ=DAILY', timezone: 'UTC', colour: 'red' });
    expect(unknownKey.status).toBe(400);
    const count = await api()
      .post('/api/schedules/preview')
      .set(auth())
      .send({ rule: 'FREQ=DAILY', timezone: 'UTC', dtstart: '2026-01-01T08:00:00', count: 0 });
    expect(count.status).toBe(400);
    expect(count.body.error.details.errors[0].path).toEqual(['count']);
  });
});

describe('npm run --silent preview', () => {
  const root = path.resolve(__dirname, '..');
  const run = (args: string[]) => spawnSync('npm', ['run', '--silent', 'preview', '--', ...args], { cwd: root, encoding: 'utf8' });
  // npm itself may warn about the machine's npm configuration; only our lines count.
  const ourLines = (stderr: string) => stderr.split('\n').filter((l) => l.trim() && !l.startsWith('npm warn'));

  it('prints one JSON object', () => {
    const res = run([
      '--rule',
      'FREQ=DAILY;BYHOUR=8;BYMINUTE=0',
      '--dtstart',
      '2026-03-01T08:00:00',
      '--tz',
      'America/New_York',
      '--from',
      '2026-11-01T00:00:00Z',
      '--count',
      '2',
    ]);
    expect(res.status).toBe(0);
    // 2026-11-01: back to EST (UTC-5) at 02:00, so 08:00 = 13:00Z on both days.
    expect(JSON.parse(res.stdout)).toEqual({
      timezone: 'America/New_York',
      calendar: 'none',
      adjustments: [],
      warnings: [],
      description: { en: 'every day at 08:00', zh: '每天 08:00' },
      occurrences: [
        { utc: '2026-11-01T13:00:00.000Z', local: '2026-11-01T08:00:00.000-05:00' },
        { utc: '2026-11-02T13:00:00.000Z', local: '2026-11-02T08:00:00.000-05:00' },
      ],
    });
  });

  it('--calendar cn-workdays adds the skipped and added days (State Council, National Day 2026)', () => {
    const res = run([
      '--rule',
      'FREQ=DAILY;BYHOUR=8;BYMINUTE=0',
      '--tz',
      'Asia/Shanghai',
      '--calendar',
      'cn-workdays',
      '--dtstart',
      '2026-09-28T08:00:00',
      '--count',
      '7',
    ]);
    expect(res.status).toBe(0);
    const out = JSON.parse(res.stdout);
    expect(out.calendar).toBe('cn-workdays');
    expect(out.occurrences.map((o: { local: string }) => o.local.slice(0, 10))).toEqual([
      '2026-09-28',
      '2026-09-29',
      '2026-09-30',
      '2026-10-08',
      '2026-10-09',
      '2026-10-10',
      '2026-10-12',
    ]);
    expect(out.adjustments[0].text.en).toBe('2026-10-01 skipped: National Day / 国庆节');
    expect(out.adjustments.at(-1).text.en).toBe('2026-10-10 added: make-up working day / 调休上班');
  });

  it('exits 2 with one line on stderr and nothing on stdout for bad input', () => {
    for (const args of [
      ['--rule', 'FREQ=DAILY', '--tz', 'UTC', '--calendar', 'cn'],
      ['--rule', 'FREQ=WEEKLY;BYDAY=MO', '--dtstart', '2026-03-01T08:00:00', '--tz', 'UTC', '--calendar', 'cn-workdays'],
      ['--rule', 'FREQ=DAILY;BYHOUR=25', '--dtstart', '2026-03-01T08:00:00', '--tz', 'UTC'],
      ['--rule', 'FREQ=DAILY', '--dtstart', '2026-03-01T08:00:00', '--tz', 'Mars/Base'],
      ['--tz', 'UTC'],
    ]) {
      const res = run(args);
      expect(res.status).toBe(2);
      expect(res.stdout).toBe('');
      expect(ourLines(res.stderr)).toHaveLength(1);
    }
    expect(ourLines(run(['--rule', 'FREQ=DAILY', '--dtstart', '2026-03-01T08:00:00', '--tz', 'Mars/Base']).stderr)[0]).toContain(
      'Mars/Base'
    );
  });
});
