/**
 * Renditions over REST on the seeded demo (seeded as if today were 2026-12-01), on a real
 * Strapi with a temporary database.
 *
 * Demo facts the expectations rely on (src/seed): the Shanghai group (zh-Hans, UTC+8)
 * started its cohort on 2026-11-28 (today - 3), so 2026-12-01 is its Day 3; lesson 3 is
 * "让提示显而易见" / "Make it obvious"; the course's class time is 20:00 and its reminders
 * are 660, 60 and 5 minutes before. The Berlin group is en, UTC+1 in December.
 */
import request from 'supertest';
import { startStrapi, createApiToken, type TestApp } from './helpers/strapi';

let app: TestApp;
let token: string;
const auth = () => ({ Authorization: `Bearer ${token}` });
const api = () => request(app.server);
const SH = 'habit-camp-shanghai-12';
const BER = 'habit-camp-berlin-3';

beforeAll(async () => {
  app = await startStrapi();
  token = await createApiToken(app.strapi);
  const { seedDemo } = require('../dist/src/seed/seed');
  await seedDemo(app.strapi, { today: '2026-12-01' });
});

afterAll(async () => {
  await app?.stop();
});

describe('GET /api/renditions/:source', () => {
  it('renders the morning report as plain text with placeholders filled in the group locale and zone', async () => {
    const res = await api().get(`/api/renditions/morning-report?date=2026-12-01&group=${SH}&format=text`).set(auth());
    expect(res.status).toBe(200);
    const body: string = res.body.data.body;
    expect(body).toContain('早上好，21天习惯营·上海12期的伙伴们！今天是2026年12月1日星期二');
    // greeting → items → task → closing
    const order = ['早上好', '两分钟法则', '今日任务', '祝大家今天顺利'].map((s) => body.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(body).not.toMatch(/\*\*|\{\{|^#/m);
    expect(res.body.data.parts).toEqual([body]);
  });

  it('renders Telegram HTML for an English group', async () => {
    const res = await api().get(`/api/renditions/morning-report?date=2026-12-01&group=${BER}&format=telegram`).set(auth());
    expect(res.status).toBe(200);
    expect(res.body.data.body).toContain('<b>1. The two-minute rule</b>');
    expect(res.body.data.body).not.toMatch(/<p>|<br/);
  });

  it('returns every format when none is asked for', async () => {
    const res = await api().get(`/api/renditions/daily-topic?date=2026-12-01&group=${BER}`).set(auth());
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.data.renditions).sort()).toEqual([
      'dingtalk',
      'discord',
      'feishu',
      'html',
      'markdown',
      'slack',
      'telegram',
      'text',
      'wecom',
    ]);
    // The topic's host guide is never posted.
    expect(JSON.stringify(res.body.data)).not.toContain('Reply to the first five answers');
  });

  it("picks the lesson of the group's cohort day, and the reminder for the minutes before class", async () => {
    const lesson = await api().get(`/api/renditions/lesson?date=2026-12-01&group=${SH}&format=text`).set(auth());
    expect(lesson.status).toBe(200);
    expect(lesson.body.data.title).toBe('让提示显而易见');
    const reminder = await api().get(`/api/renditions/lesson-reminder?date=2026-12-01&group=${SH}&format=text&time=19:00`).set(auth());
    expect(reminder.body.data.body).toContain('还有60分钟开课：让提示显而易见');
  });

  it('answers 404 for an unknown group or a date without content, 400 for a bad source', async () => {
    const group = await api().get('/api/renditions/morning-report?date=2026-12-01&group=nope').set(auth());
    expect(group.status).toBe(404);
    const empty = await api().get(`/api/renditions/morning-report?date=2027-06-01&group=${SH}`).set(auth());
    expect(empty.status).toBe(404);
    expect(empty.body.error.message).toContain('no published morning report for 2027-06-01');
    const bad = await api().get(`/api/renditions/weather?date=2026-12-01&group=${SH}`).set(auth());
    expect(bad.status).toBe(400);
  });

  it('never serves a draft, and falls back to the default locale', async () => {
    const docs = app.strapi.documents('api::daily-report.daily-report') as any;
    await docs.create({ locale: 'en', data: { date: '2027-01-05', edition: 'morning', greeting: 'Draft only' } });
    const draft = await api().get(`/api/renditions/morning-report?date=2027-01-05&group=${BER}&format=text`).set(auth());
    expect(draft.status).toBe(404);

    const en = await docs.create({ locale: 'en', data: { date: '2027-01-06', edition: 'morning', greeting: 'English only' } });
    await docs.publish({ documentId: en.documentId, locale: 'en' });
    const zhGroup = await api().get(`/api/renditions/morning-report?date=2027-01-06&group=${SH}&format=text`).set(auth());
    expect(zhGroup.status).toBe(200);
    expect(zhGroup.body.data.body).toContain('English only');
  });
});

describe('welcome scripts per channel', () => {
  it('picks the channel script and escapes the nickname in every format', async () => {
    const res = await api()
      .post(`/api/groups/${SH}/joins`)
      .set(auth())
      .send({ channel: 'douyin', member: { nickname: '<b>*x*</b>' } });
    expect(res.status).toBe(200);
    const d = res.body.data;
    expect(d.script.matched).toBe('channel');
    expect(d.fallback).toBe(false);
    expect(d.renditions.text.body).toContain('欢迎从抖音来的<b>*x*</b>');
    expect(d.renditions.telegram.body).toContain('&lt;b&gt;*x*&lt;/b&gt;');
    expect(d.renditions.html.body).not.toContain('<b>*x*</b>');
    for (const format of ['text', 'wecom', 'telegram', 'slack', 'html']) expect(d.renditions[format].body).not.toContain('{{');
  });

  it('falls back to the default script for an unknown channel and says so', async () => {
    const res = await api()
      .post(`/api/groups/${BER}/joins`)
      .set(auth())
      .send({ channel: 'carrier-pigeon', member: { nickname: 'Ana' } });
    expect(res.status).toBe(200);
    expect(res.body.data.fallback).toBe(true);
    expect(res.body.data.channel.known).toBe(false);
    expect(res.body.data.notes.join(' ')).toContain('carrier-pigeon');
    expect(res.body.data.renditions.text.body).toContain('Welcome to Habit Camp Berlin #3, Ana!');
  });

  it("prefers the group's own override for the channel", async () => {
    const docs = app.strapi.documents as any;
    const channel = await docs('api::channel.channel').findFirst({ filters: { code: 'referral' }, locale: 'en' });
    const group = await docs('api::group.group').findFirst({ filters: { slug: BER } });
    const script = await docs('api::welcome-script.welcome-script').create({
      locale: 'en',
      data: { channel: channel.documentId, group: group.documentId, body: 'Berlin referral special for {{member.nickname}}' },
    });
    await docs('api::welcome-script.welcome-script').publish({ documentId: script.documentId, locale: 'en' });
    const res = await api().get(`/api/welcome-scripts/resolve?channel=referral&group=${BER}&nickname=Jo`).set(auth());
    expect(res.status).toBe(200);
    expect(res.body.data.script.matched).toBe('group-channel');
    expect(res.body.data.renditions.text.body).toContain('Berlin referral special for Jo');
    // Another channel still gets the channel script.
    const other = await api().get(`/api/welcome-scripts/resolve?channel=douyin&group=${BER}`).set(auth());
    expect(other.body.data.script.matched).toBe('channel');
    // No nickname: the fallback word, never a raw placeholder.
    expect(other.body.data.renditions.text.body).toContain('Welcome, friend, from Douyin!');
  });

  it('answers 404 for an unknown group and 400 for bad input', async () => {
    expect((await api().post('/api/groups/nope/joins').set(auth()).send({ channel: 'douyin' })).status).toBe(404);
    expect((await api().post(`/api/groups/${SH}/joins`).set(auth()).send({ channel: 'douyin', extra: 1 })).status).toBe(400);
    expect((await api().get('/api/welcome-scripts/resolve?channel=douyin').set(auth())).status).toBe(400);
  });
});

describe('GET /api/groups/:slug/today', () => {
  it("lists the day's posts in local time with their renditions", async () => {
    const res = await api().get(`/api/groups/${SH}/today?date=2026-12-01`).set(auth());
    expect(res.status).toBe(200);
    const posts = res.body.data.posts;
    const at = (source: string) => posts.filter((p: any) => p.source === source).map((p: any) => p.scheduledFor.local.slice(11, 16));
    expect(at('morning-report')).toEqual(['08:00']);
    expect(at('daily-topic')).toEqual(['12:30']);
    expect(at('lesson')).toEqual(['20:00']);
    expect(at('lesson-reminder')).toEqual(['09:00', '19:00', '19:55']);
    expect(at('evening-report')).toEqual(['21:30']);
    // 08:00 Shanghai (UTC+8) is 00:00Z.
    expect(posts.find((p: any) => p.source === 'morning-report').scheduledFor.utc).toBe('2026-12-01T00:00:00.000Z');
    const lesson = posts.find((p: any) => p.source === 'lesson');
    expect(lesson.renditions.text.body).toContain('让提示显而易见');
  });

  it('answers 404 for an unknown group', async () => {
    expect((await api().get('/api/groups/nope/today?date=2026-12-01').set(auth())).status).toBe(404);
  });
});
