/**
 * A chat-platform group made over REST (as an integrator would, with an API token) and
 * `count` schedules posting `text` to it, daily at 08:00 UTC unless `rule` says otherwise:
 * what the per-platform API tests (DingTalk, Feishu) start from.
 */
import request from 'supertest';
import type { TestApp } from './strapi';

export interface ChatGroupOptions {
  platform: string;
  slug: string;
  fields: { secret: string; signingSecret?: string };
  text: string;
  count?: number;
  rule?: string;
}

/** The group's REST answer (its text, to grep for credentials) and its documentId. */
export async function chatGroup(app: TestApp, token: string, o: ChatGroupOptions): Promise<{ documentId: string; response: string }> {
  const res = await request(app.server)
    .post('/api/groups')
    .set({ Authorization: `Bearer ${token}` })
    .send({ data: { name: o.slug, slug: o.slug, platform: o.platform, ...o.fields, timezone: 'UTC', locale: 'zh-Hans', stage: 'growth' } });
  if (res.status !== 201) throw new Error(`creating ${o.slug}: ${res.status} ${res.text.slice(0, 300)}`);
  const count = o.count ?? 1;
  for (let i = 0; i < count; i++)
    await (app.strapi.documents('plugin::scheduler.schedule' as any) as any).create({
      data: {
        name: `${o.slug} ${i}`,
        rule: o.rule ?? 'FREQ=DAILY;BYHOUR=8;BYMINUTE=0',
        timezone: 'UTC',
        startsAt: '2026-12-01T00:00:00.000Z',
        source: 'text',
        text: count > 1 ? `${o.text} #${i + 1}` : o.text,
        groups: [res.body.data.documentId],
      },
    });
  return { documentId: res.body.data.documentId, response: res.text };
}
