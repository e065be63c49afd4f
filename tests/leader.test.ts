/**
 * The planner's cluster lease, on a real database: one holder at a time, renewals keep
 * it, a lease that ran out is taken over, a release hands it over at once, and two
 * instances racing for a fresh lease get exactly one winner. Instances are told apart by
 * their owner id; the scheduler's clock is moved, not mocked.
 */
import request from 'supertest';
import { startStrapi, createApiToken, type TestApp } from './helpers/strapi';

let app: TestApp;
const leader = () => app.strapi.plugin('scheduler').service('leases');
const clock = () => app.strapi.plugin('scheduler').service('clock');
const TTL = 15_000;

beforeAll(async () => {
  app = await startStrapi();
});
afterAll(async () => {
  await app?.stop();
});

it('one holder at a time; renewal keeps it; after expiry another instance takes over', async () => {
  clock().reset();
  expect(await leader().acquire('role-a', TTL, 'instance-1')).toBe(true);
  expect(await leader().acquire('role-a', TTL, 'instance-2')).toBe(false);
  clock().advance(10_000);
  expect(await leader().acquire('role-a', TTL, 'instance-1')).toBe(true); // renewed until +25 s
  clock().advance(10_000); // +20 s: the first lease (until +15 s) would have run out, the renewal has not
  expect(await leader().acquire('role-a', TTL, 'instance-2')).toBe(false);
  clock().advance(6_000); // +26 s: instance-1 stopped renewing (it died)
  expect(await leader().acquire('role-a', TTL, 'instance-2')).toBe(true);
  expect(await leader().acquire('role-a', TTL, 'instance-1')).toBe(false);
  expect(await leader().holder('role-a')).toMatchObject({ owner: 'instance-2', current: true });
});

it('a release hands the role over at once', async () => {
  clock().reset();
  expect(await leader().acquire('role-b', TTL, 'instance-1')).toBe(true);
  await leader().release('role-b', 'instance-2'); // not the holder: nothing happens
  expect(await leader().acquire('role-b', TTL, 'instance-2')).toBe(false);
  await leader().release('role-b', 'instance-1');
  expect(await leader().acquire('role-b', TTL, 'instance-2')).toBe(true);
});

it('instances racing for a fresh lease: exactly one wins', async () => {
  clock().reset();
  const results = await Promise.all(['i1', 'i2', 'i3', 'i4', 'i5'].map((owner) => leader().acquire('role-c', TTL, owner)));
  expect(results.filter(Boolean)).toHaveLength(1);
});

it('health names the planner leader', async () => {
  clock().reset();
  const owner = app.strapi.plugin('scheduler').service('dispatcher').owner;
  expect(await leader().acquire('planner', TTL)).toBe(true);
  const token = await createApiToken(app.strapi);
  const res = await request(app.server)
    .get('/api/scheduler/health')
    .set({ Authorization: `Bearer ${token}` });
  expect(res.status).toBe(200);
  expect(res.body.data.planner).toMatchObject({ leader: owner, lastRunAt: expect.any(String) });
});
