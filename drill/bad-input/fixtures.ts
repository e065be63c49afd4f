/** The fixtures the requests aim at: created, snapshotted to prove them unchanged, deleted again. */
import type { Fixtures } from './types';
import type { Api } from './api';
import { POPULATE } from './content-types';

/** Creates what the requests aim at; `created` is filled as it goes, so a failure half-way still cleans up. */
export async function createFixtures(
  api: Api,
  suffix: string,
  created: [string, string][]
): Promise<{ fx: Fixtures; created: [string, string][] }> {
  const mk = async (type: string, data: unknown) => {
    const d = await api.create(type, data);
    created.push([type, d.documentId]);
    return d;
  };
  const tag = await mk('tags', { name: `drill bad-input ${suffix}`, slug: `drill-bi-${suffix}` });
  const group = await mk('groups', {
    name: `drill bad-input ${suffix}`,
    slug: `drill-bi-${suffix}`,
    platform: 'pull',
    timezone: 'Asia/Shanghai',
    locale: 'en',
    stage: 'growth',
    quietHours: [{ start: '23:00:00', end: '07:00:00' }],
  });
  const course = await mk('courses', {
    title: `drill ${suffix}`,
    slug: `drill-bi-${suffix}`,
    lengthDays: 21,
    classTime: '20:00:00',
    reminders: [{ minutesBefore: 60, text: 'soon' }],
  });
  const lesson = await mk('lessons', { course: course.documentId, day: 3000 + (Number.parseInt(suffix, 36) % 600), title: 'drill lesson' });
  const day = 1 + (Number.parseInt(suffix, 36) % 28);
  const date = `2098-${String(1 + (Number.parseInt(suffix, 36) % 12)).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const report = await mk('daily-reports', { date, edition: 'evening', title: 'drill report', items: [{ title: 'item' }] });
  const topic = await mk('daily-topics', { date, title: 'drill topic' });
  const channel = await mk('channels', { name: `drill ${suffix}`, code: `drill-bi-${suffix}` });
  const welcome = await mk('welcome-scripts', { channel: channel.documentId, group: group.documentId, body: 'welcome' });
  const playbook = await mk('playbooks', {
    name: `drill ${suffix}`,
    slug: `drill-bi-${suffix}`,
    lengthDays: 7,
    steps: [{ day: 0, time: '09:00:00', source: 'text', text: 'hi' }],
  });
  const schedule = await mk('schedules', {
    name: `drill bad-input ${suffix}`,
    rule: 'FREQ=DAILY;BYHOUR=8;BYMINUTE=0',
    source: 'text',
    text: 'x',
    active: false,
    groups: [group.documentId],
  });
  return {
    fx: {
      tag: tag.documentId,
      group: group.documentId,
      groupSlug: group.slug,
      course: course.documentId,
      lesson: lesson.documentId,
      report: report.documentId,
      topic: topic.documentId,
      channel: channel.documentId,
      welcome: welcome.documentId,
      playbook: playbook.documentId,
      schedule: schedule.documentId,
    },
    created,
  };
}

/** The fixtures as stored, to prove no rejected update changed them. */
export async function snapshot(api: Api, created: [string, string][]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [type, id] of created) {
    const r = await api.call('GET', `/api/${type}/${id}?${POPULATE[type] || 'populate=*'}`);
    out[`${type}/${id}`] = `${r.status} ${JSON.stringify(r.json?.data ?? r.text)}`;
  }
  return out;
}

export async function deleteAll(api: Api, created: [string, string][]): Promise<string[]> {
  const problems: string[] = [];
  // Dependents first.
  const order = [
    'welcome-scripts',
    'lessons',
    'schedules',
    'daily-reports',
    'daily-topics',
    'playbooks',
    'groups',
    'courses',
    'channels',
    'tags',
  ];
  const sorted = [...created].sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]));
  for (const [type, id] of sorted) {
    try {
      const r = await api.call('DELETE', `/api/${type}/${id}`);
      if (r.status >= 300) problems.push(`DELETE ${type}/${id}: ${r.status}`);
    } catch (err: any) {
      problems.push(`DELETE ${type}/${id}: ${err.message}`);
    }
  }
  return problems;
}
