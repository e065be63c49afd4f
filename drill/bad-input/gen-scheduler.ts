/** Generators for the scheduler plugin's routes: preview, occurrences, run-now, renditions, deliveries, lease, ack and nack. */
import type { Add, Category, Fixtures } from './types';
import { pick, type Rng } from './rng';
import { BAD_DATES, BAD_INSTANTS, BAD_RULES, BAD_TIMES, BAD_ZONES, INJECTIONS, json, JSONH, q, seg, twoMbField } from './values';

export function schedulerGenerators(add: Add): void {
  const preview = (category: Category, body: (r: Rng) => unknown, field?: string, weight = 1) =>
    add(
      'POST /api/schedules/preview',
      category,
      (r) => ({
        category,
        endpoint: 'POST /api/schedules/preview',
        method: 'POST',
        path: '/api/schedules/preview',
        headers: JSONH,
        body: json(body(r)),
        field,
      }),
      weight
    );
  preview('rrule', (r) => ({ rule: pick(r, BAD_RULES), timezone: 'Europe/Berlin' }), 'rule', 4);
  preview('zone', (r) => ({ rule: 'FREQ=DAILY;BYHOUR=8', timezone: pick(r, BAD_ZONES) }), 'timezone', 3);
  preview('zone', () => ({ rule: 'FREQ=DAILY;BYHOUR=8' }), 'timezone');
  preview('injection', (r) => ({ rule: pick(r, INJECTIONS), timezone: 'UTC' }), 'rule', 2);
  preview('injection', (r) => ({ rule: 'FREQ=DAILY', timezone: pick(r, INJECTIONS) }), 'timezone', 2);
  preview('date', (r) => ({ rule: 'FREQ=DAILY', timezone: 'UTC', from: pick(r, BAD_INSTANTS) }), 'from');
  preview(
    'date',
    (r) => ({ rule: 'FREQ=DAILY', timezone: 'UTC', dtstart: pick(r, ['garbage', '2026-13-01T08:00', '2026-02-30T08:00:00']) }),
    'dtstart'
  );
  preview('range', (r) => ({ rule: 'FREQ=DAILY', timezone: 'UTC', count: pick(r, [0, -1, 1001, 1e9]) }), 'count');
  preview(
    'wrong-type',
    (r) =>
      pick(r, [
        { rule: 'FREQ=DAILY', timezone: 'UTC', count: 'ten' },
        { rule: { FREQ: 'DAILY' } },
        { rule: ['FREQ=DAILY'] },
        { rule: null },
        { rule: 'FREQ=DAILY', timezone: 8 },
        {},
      ]),
    undefined,
    2
  );
  preview('unknown-field', (r) => ({ rule: 'FREQ=DAILY', timezone: 'UTC', [pick(r, ['bogus', 'tz', 'constructor'])]: 1 }), undefined);
  add(
    'POST /api/schedules/preview',
    'bad-json',
    (r) => ({
      category: 'bad-json',
      endpoint: 'POST /api/schedules/preview',
      method: 'POST',
      path: '/api/schedules/preview',
      headers: JSONH,
      body: pick(r, ['{"rule":"FREQ=DAILY",}', '{"rule":', 'null', '[1]', '"FREQ=DAILY"', '{rule:1}']),
    }),
    2
  );
  add(
    'POST /api/schedules/preview',
    'oversized',
    () => ({
      category: 'oversized',
      endpoint: 'POST /api/schedules/preview',
      method: 'POST',
      path: '/api/schedules/preview',
      headers: JSONH,
      body: json({ rule: `FREQ=DAILY;X-PAD=${twoMbField()}`, timezone: 'UTC' }),
    }),
    0.2
  );
  add(
    'POST /api/schedules/preview',
    'method',
    () => ({
      category: 'method',
      endpoint: 'PATCH /api/schedules/preview',
      method: 'PATCH',
      path: '/api/schedules/preview',
      headers: JSONH,
      body: '{}',
    }),
    0.3
  );

  const occ = (category: Category, params: (r: Rng) => Record<string, string>, field?: string, weight = 1) =>
    add(
      'GET /api/schedules/:id/occurrences',
      category,
      (r, fx) => ({
        category,
        endpoint: 'GET /api/schedules/:id/occurrences',
        method: 'GET',
        path: `/api/schedules/${fx.schedule}/occurrences?${q(params(r))}`,
        field,
      }),
      weight
    );
  occ('date', (r) => ({ from: pick(r, BAD_INSTANTS) }), 'from', 2);
  occ('date', (r) => ({ from: '2026-01-01T00:00:00Z', to: pick(r, BAD_INSTANTS) }), 'to');
  occ('date', () => ({ from: '2026-03-01T00:00:00Z', to: '2026-02-01T00:00:00Z' }), 'to');
  occ('range', () => ({ from: '2026-01-01T00:00:00Z', to: '2030-01-01T00:00:00Z' }), 'to');
  occ('wrong-type', () => ({ 'from[0]': 'a', 'from[1]': 'b' }), 'from');
  occ('wrong-type', () => ({ 'group[$ne]': 'x' }), 'group');
  occ('unknown-field', (r) => ({ [pick(r, ['timezone', 'limit', 'bogus'])]: '1' }));
  occ('injection', (r) => ({ group: pick(r, INJECTIONS) }));
  add('GET /api/schedules/:id/occurrences', 'bad-id', (r) => ({
    category: 'bad-id',
    endpoint: 'GET /api/schedules/:id/occurrences',
    method: 'GET',
    path: `/api/schedules/${seg(pick(r, INJECTIONS))}/occurrences`,
  }));
  add(
    'POST /api/schedules/:id/run-now',
    'bad-id',
    (r) => ({
      category: 'bad-id',
      endpoint: 'POST /api/schedules/:id/run-now',
      method: 'POST',
      path: `/api/schedules/${seg(pick(r, INJECTIONS))}/run-now`,
    }),
    2
  );
  add(
    'POST /api/schedules/:id/run-now',
    'method',
    (r, fx) => ({
      category: 'method',
      endpoint: 'GET /api/schedules/:id/run-now',
      method: pick(r, ['GET', 'PUT', 'DELETE']),
      path: `/api/schedules/${fx.schedule}/run-now`,
    }),
    0.5
  );

  const rend = (
    category: Category,
    source: (r: Rng) => string,
    params: (r: Rng, fx: Fixtures) => Record<string, string>,
    field?: string,
    weight = 1
  ) =>
    add(
      'GET /api/renditions/:source',
      category,
      (r, fx) => ({
        category,
        endpoint: 'GET /api/renditions/:source',
        method: 'GET',
        path: `/api/renditions/${seg(source(r))}?${q(params(r, fx))}`,
        field,
      }),
      weight
    );
  const SOURCES = ['text', 'morning-report', 'evening-report', 'daily-topic', 'lesson', 'lesson-reminder', 'welcome-rules'];
  rend(
    'enum',
    (r) => pick(r, ['rss', 'Morning-Report', 'morning_report', 'lessons']),
    (_r, fx) => ({ group: fx.groupSlug }),
    'source',
    2
  );
  rend(
    'injection',
    (r) => pick(r, INJECTIONS),
    (_r, fx) => ({ group: fx.groupSlug }),
    'source'
  );
  rend(
    'date',
    (r) => pick(r, SOURCES),
    (r, fx) => ({ group: fx.groupSlug, date: pick(r, BAD_DATES) }),
    'date',
    2
  );
  rend(
    'date',
    (r) => pick(r, SOURCES),
    (r, fx) => ({ group: fx.groupSlug, time: pick(r, BAD_TIMES) }),
    'time'
  );
  rend(
    'enum',
    (r) => pick(r, SOURCES),
    (r, fx) => ({ group: fx.groupSlug, format: pick(r, ['pdf', 'HTML', 'wechat', '']) }),
    'format'
  );
  rend(
    'wrong-type',
    (r) => pick(r, SOURCES),
    () => ({}),
    'group'
  );
  rend(
    'wrong-type',
    (r) => pick(r, SOURCES),
    (_r, fx) => ({ 'group[0]': fx.groupSlug }),
    'group'
  );
  rend(
    'unknown-field',
    (r) => pick(r, SOURCES),
    (r, fx) => ({ group: fx.groupSlug, [pick(r, ['locale', 'bogus', 'populate'])]: 'x' })
  );
  rend(
    'injection',
    (r) => pick(r, SOURCES),
    (r) => ({ group: pick(r, INJECTIONS) })
  );

  const dl = (category: Category, params: (r: Rng) => Record<string, string>, field?: string, weight = 1) =>
    add(
      'GET /api/deliveries',
      category,
      (r) => ({ category, endpoint: 'GET /api/deliveries', method: 'GET', path: `/api/deliveries?${q(params(r))}`, field }),
      weight
    );
  dl('enum', (r) => ({ status: pick(r, ['bogus', 'SENT', 'sent,,failed', 'upcoming', 'failed;dead']) }), 'status', 2);
  dl('injection', (r) => ({ status: pick(r, INJECTIONS) }), 'status');
  dl('date', (r) => ({ from: pick(r, BAD_INSTANTS) }), 'from');
  dl('date', (r) => ({ to: pick(r, BAD_INSTANTS) }), 'to');
  dl('wrong-type', (r) => pick(r, [{ limit: 'ten' }, { limit: '-1' }, { limit: '1.5' }, { offset: '-1' }, { offset: 'x' }]), undefined, 2);
  dl('wrong-type', (r) => pick(r, [{ 'status[0]': 'sent' }, { 'group[$ne]': 'x' }, { 'from[$gt]': '2026-01-01' }]), undefined);
  dl('range', () => ({ limit: '100000' }), 'limit');
  dl('unknown-field', (r) => ({ [pick(r, ['filters[status][$eq]', 'sort', 'bogus', 'populate'])]: 'x' }));

  add('GET /api/deliveries/:id', 'bad-id', (r) => ({
    category: 'bad-id',
    endpoint: 'GET /api/deliveries/:id',
    method: 'GET',
    path: `/api/deliveries/${seg(pick(r, INJECTIONS))}`,
  }));
  for (const action of ['retry', 'cancel', 'send-now']) {
    add(
      `POST /api/deliveries/:id/${action}`,
      'bad-id',
      (r) => ({
        category: 'bad-id',
        endpoint: `POST /api/deliveries/:id/${action}`,
        method: 'POST',
        path: `/api/deliveries/${seg(pick(r, INJECTIONS))}/${action}`,
      }),
      1.5
    );
    add(
      `POST /api/deliveries/:id/${action}`,
      'method',
      (r) => ({
        category: 'method',
        endpoint: `GET /api/deliveries/:id/${action}`,
        method: pick(r, ['PUT', 'DELETE', 'PATCH']),
        path: `/api/deliveries/no-such-delivery/${action}`,
      }),
      0.3
    );
  }
  const lease = (category: Category, body: (r: Rng) => string, field?: string, weight = 1, headers: Record<string, string> = JSONH) =>
    add(
      'POST /api/deliveries/lease',
      category,
      (r) => ({
        category,
        endpoint: 'POST /api/deliveries/lease',
        method: 'POST',
        path: '/api/deliveries/lease',
        headers,
        body: body(r),
        field,
      }),
      weight
    );
  lease(
    'wrong-type',
    (r) => json(pick(r, [{ max: 'lots' }, { groups: 'one-group' }, { groups: [{ $ne: 1 }] }, { visibilitySeconds: '60s' }, { max: 1.5 }])),
    undefined,
    2
  );
  lease(
    'range',
    (r) =>
      json(
        pick(r, [
          { max: 0 },
          { max: 101 },
          { visibilitySeconds: 1 },
          { visibilitySeconds: 3601 },
          { groups: Array.from({ length: 501 }, (_, i) => `g${i}`) },
        ])
      ),
    undefined,
    2
  );
  lease('unknown-field', (r) => json({ max: 1, [pick(r, ['priority', 'owner', 'constructor'])]: 'x' }));
  lease('bad-json', (r) => pick(r, ['{"max":1,}', '{"max":', '[]', 'null', '"x"']));
  lease('wrong-content-type', () => 'max=10', undefined, 0.5, { 'content-type': 'application/octet-stream' });
  lease('oversized', () => json({ groups: [twoMbField()] }), undefined, 0.2);
  add(
    'POST /api/deliveries/lease',
    'method',
    () => ({ category: 'method', endpoint: 'DELETE /api/deliveries/lease', method: 'DELETE', path: '/api/deliveries/lease' }),
    0.3
  );
  for (const action of ['ack', 'nack']) {
    const ep = `POST /api/deliveries/:id/${action}`;
    const send = (category: Category, body: (r: Rng) => string, field?: string, weight = 1, headers: Record<string, string> = JSONH) =>
      add(
        ep,
        category,
        (r) => ({
          category,
          endpoint: ep,
          method: 'POST',
          path: `/api/deliveries/no-such-delivery/${action}`,
          headers,
          body: body(r),
          field,
        }),
        weight
      );
    send('wrong-type', (r) => json(pick(r, [{ leaseToken: 5 }, { leaseToken: { $ne: null } }, { leaseToken: ['x'] }])), 'leaseToken', 1.5);
    send('unknown-field', (r) => json({ leaseToken: 'x', reason: 'r', [pick(r, ['extra', 'status', 'toString'])]: 1 }));
    send('bad-json', (r) => pick(r, ['{"leaseToken":"x",}', '{', 'null', '[1]']));
    send('wrong-content-type', () => 'leaseToken=x', undefined, 0.5, { 'content-type': 'text/plain' });
    add(ep, 'bad-id', (r) => ({
      category: 'bad-id',
      endpoint: ep,
      method: 'POST',
      path: `/api/deliveries/${seg(pick(r, INJECTIONS))}/${action}`,
      headers: JSONH,
      body: json({ leaseToken: 'x', reason: 'r' }),
    }));
    if (action === 'nack') {
      send('wrong-type', () => json({ leaseToken: 'x' }), 'reason');
      send('range', (r) =>
        json(pick(r, [{ reason: 'r', retryInSeconds: -5 }, { reason: 'r', retryInSeconds: 604801 }, { reason: 'r'.repeat(2001) }]))
      );
      send('wrong-type', (r) => json({ reason: 'r', retryInSeconds: pick(r, ['soon', '60s', [60]]) }), 'retryInSeconds');
    }
  }
}
