/** Generators for the group and welcome-script actions: a group's day, joins, resolving a welcome script. */
import type { Add, Category, Fixtures } from './types';
import { pick, type Rng } from './rng';
import { BAD_DATES, INJECTIONS, json, JSONH, q, seg, twoMbField } from './values';

export function actionGenerators(add: Add): void {
  const today = (category: Category, params: (r: Rng) => Record<string, string>, field?: string, weight = 1) =>
    add(
      'GET /api/groups/:slug/today',
      category,
      (r, fx) => ({
        category,
        endpoint: 'GET /api/groups/:slug/today',
        method: 'GET',
        path: `/api/groups/${fx.groupSlug}/today?${q(params(r))}`,
        field,
      }),
      weight
    );
  today('date', (r) => ({ date: pick(r, BAD_DATES) }), 'date', 3);
  today('injection', (r) => ({ date: pick(r, INJECTIONS) }), 'date');
  today('wrong-type', () => ({ 'date[0]': '2026-01-01' }), 'date');
  today('unknown-field', (r) => ({ [pick(r, ['from', 'locale', 'bogus'])]: 'x' }));
  add('GET /api/groups/:slug/today', 'bad-id', (r) => ({
    category: 'bad-id',
    endpoint: 'GET /api/groups/:slug/today',
    method: 'GET',
    path: `/api/groups/${seg(pick(r, INJECTIONS))}/today`,
  }));
  const joins = (category: Category, body: (r: Rng) => string, field?: string, weight = 1, headers: Record<string, string> = JSONH) =>
    add(
      'POST /api/groups/:slug/joins',
      category,
      (r, fx) => ({
        category,
        endpoint: 'POST /api/groups/:slug/joins',
        method: 'POST',
        path: `/api/groups/${fx.groupSlug}/joins`,
        headers,
        body: body(r),
        field,
      }),
      weight
    );
  joins(
    'wrong-type',
    (r) =>
      json(
        pick(r, [
          { channel: { code: 'x' } },
          { channel: ['douyin'] },
          { member: 'someone' },
          { member: { nickname: { $gt: '' } } },
          { member: [{}] },
        ])
      ),
    undefined,
    2
  );
  joins('range', (r) => json(pick(r, [{ member: { nickname: 'n'.repeat(101) } }, { channel: 'c'.repeat(101) }])));
  joins('unknown-field', (r) =>
    pick(r, ['{"channel":"douyin","memberId":5}', '{"member":{"nickname":"x","avatar":"y"}}', '{"constructor":{}}'])
  );
  joins('bad-json', (r) => pick(r, ['{"channel":"douyin",}', '{"channel":', 'null', '"douyin"', '[]']));
  joins('wrong-content-type', (r) => pick(r, ['channel=douyin', '\u0000\u0001\u0002']), undefined, 1, {
    'content-type': 'application/octet-stream',
  });
  joins('wrong-content-type', () => '{"channel":"douyin"}', undefined, 0.5, { 'content-type': 'text/plain' });
  joins('oversized', () => json({ member: { nickname: twoMbField() } }), undefined, 0.2);
  add('POST /api/groups/:slug/joins', 'bad-id', (r) => ({
    category: 'bad-id',
    endpoint: 'POST /api/groups/:slug/joins',
    method: 'POST',
    path: `/api/groups/${seg(pick(r, INJECTIONS))}/joins`,
    headers: JSONH,
    body: json({ channel: 'douyin', member: { nickname: 'x' } }),
  }));
  add(
    'POST /api/groups/:slug/joins',
    'method',
    (r, fx) => ({
      category: 'method',
      endpoint: 'GET /api/groups/:slug/joins',
      method: pick(r, ['GET', 'PUT', 'DELETE']),
      path: `/api/groups/${fx.groupSlug}/joins`,
    }),
    0.3
  );
  const resolve = (category: Category, params: (r: Rng, fx: Fixtures) => Record<string, string>, field?: string, weight = 1) =>
    add(
      'GET /api/welcome-scripts/resolve',
      category,
      (r, fx) => ({
        category,
        endpoint: 'GET /api/welcome-scripts/resolve',
        method: 'GET',
        path: `/api/welcome-scripts/resolve?${q(params(r, fx))}`,
        field,
      }),
      weight
    );
  resolve('wrong-type', (r) => pick(r, [{}, { channel: 'douyin' }]), 'group');
  resolve('wrong-type', (_r, fx) => ({ 'group[0]': fx.groupSlug }), 'group');
  resolve('wrong-type', (_r, fx) => ({ group: fx.groupSlug, 'nickname[a]': '1' }), 'nickname');
  resolve('range', (_r, fx) => ({ group: fx.groupSlug, nickname: '昵'.repeat(101) }), 'nickname');
  resolve('unknown-field', (r, fx) => ({ group: fx.groupSlug, [pick(r, ['locale', 'bogus', 'filters[id]'])]: 'x' }));
  resolve('injection', (r) => ({ group: pick(r, INJECTIONS) }));
}
