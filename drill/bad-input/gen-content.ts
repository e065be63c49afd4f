/** Generators for the core content types' REST routes: bad writes, bad JSON and bodies, oversized, bad ids, bad queries, wrong methods. */
import type { Add } from './types';
import { mulberry32, pick } from './rng';
import { fiveMb, INJECTIONS, json, JSONH, nineHundredKb, q, seg, twoMbField } from './values';
import { fixtureOf, TYPES, validData } from './content-types';
import { mutations } from './mutations';
import { queryCases } from './query-cases';

export function contentTypeGenerators(add: Add): void {
  for (const type of TYPES) {
    const list = `/api/${type}`;
    // Writes: one invalid field in an otherwise valid body, on create and on update of a fixture.
    const probe = mutations(type, mulberry32(1));
    probe.forEach((mu, i) => {
      add(`POST ${list}`, mu.category, (r, fx) => {
        const data = validData(type, fx, r);
        mutations(type, r)[i].set(data);
        return {
          category: mu.category,
          endpoint: `POST ${list}`,
          method: 'POST',
          path: list,
          headers: JSONH,
          body: json({ data }),
          field: mu.field,
        };
      });
      add(`PUT ${list}/:id`, mu.category, (r, fx) => {
        const data: Record<string, any> = {};
        mutations(type, r)[i].set(data);
        if (mu.field === 'endsAt') data.startsAt = '2026-12-01T00:00:00Z';
        return {
          category: mu.category,
          endpoint: `PUT ${list}/:id`,
          method: 'PUT',
          path: `${list}/${fixtureOf(type, fx)}`,
          headers: JSONH,
          body: json({ data }),
          field: mu.field,
        };
      });
    });
    // Bad JSON and bodies in the wrong shape.
    add(
      `POST ${list}`,
      'bad-json',
      (r, fx) => {
        const text = json({ data: validData(type, fx, r) });
        const variant = pick(r, [
          () => text.slice(0, Math.max(1, Math.floor(text.length * r()))),
          () => text.replace(/}$/, ',}'),
          () => text.replace(/"(\w+)":/, '$1:'),
          () => text.replace(/"/g, "'"),
          () => `${text} // comment`,
          () => text.replace(/:\s*"[^"]*"/, ': NaN'),
          () => `\ufeff${text}`.slice(0, -2),
          () => '{"data":',
          () => 'null',
          () => '"data"',
          () => '[{"data":{}}]',
          () => '{"data": []}',
          () => '{"data": "x"}',
        ])();
        return { category: 'bad-json', endpoint: `POST ${list}`, method: 'POST', path: list, headers: JSONH, body: variant };
      },
      3
    );
    add(`POST ${list}`, 'bad-json', (r) => {
      const bytes = new Uint8Array(64 + Math.floor(r() * 4000));
      for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(r() * 256);
      return { category: 'bad-json', endpoint: `POST ${list}`, method: 'POST', path: list, headers: JSONH, body: bytes };
    });
    add(`PUT ${list}/:id`, 'bad-json', (r, fx) => ({
      category: 'bad-json',
      endpoint: `PUT ${list}/:id`,
      method: 'PUT',
      path: `${list}/${fixtureOf(type, fx)}`,
      headers: JSONH,
      body: pick(r, ['{"data":{"name":"x",}}', '{"data":{', '{data:{}}', "{'data':{}}", '{"data":{"name":"x"}}}']),
    }));
    add(`POST ${list}`, 'bad-json', () => {
      let deep = '1';
      for (let i = 0; i < 5000; i++) deep = `[${deep}]`;
      return {
        category: 'bad-json',
        endpoint: `POST ${list}`,
        method: 'POST',
        path: list,
        headers: JSONH,
        body: `{"data":{"title":${deep}}}`,
      };
    });
    add(`POST ${list}`, 'injection', () => ({
      category: 'injection',
      endpoint: `POST ${list}`,
      method: 'POST',
      path: list,
      headers: JSONH,
      body: '{"data":{"__proto__":{"isAdmin":true}}}',
    }));
    add(
      `POST ${list}`,
      'wrong-content-type',
      (r, fx) => {
        const body = json({ data: validData(type, fx, r) });
        const [ct, b, enc] = pick(r, [
          ['text/plain', body, undefined],
          ['application/xml', `<data><name>x</name></data>`, undefined],
          ['application/octet-stream', body, undefined],
          ['image/png', body, undefined],
          ['multipart/form-data; boundary=XX', 'garbage without parts', undefined],
          ['multipart/form-data', body, undefined],
          ['application/json', 'not gzip at all', 'gzip'],
          ['application/json', body, 'br'],
          ['application/json', body, 'x-unknown'],
          ['application/x-www-form-urlencoded', 'data[bogusField]=1', undefined],
        ] as [string, string, string | undefined][]);
        return {
          category: 'wrong-content-type',
          endpoint: `POST ${list}`,
          method: 'POST',
          path: list,
          headers: { 'content-type': ct, ...(enc ? { 'content-encoding': enc } : {}) },
          body: b,
        };
      },
      2
    );
    // Oversized.
    add(
      `POST ${list}`,
      'oversized',
      () => ({ category: 'oversized', endpoint: `POST ${list}`, method: 'POST', path: list, headers: JSONH, body: fiveMb() }),
      0.2
    );
    add(
      `PUT ${list}/:id`,
      'oversized',
      (r, fx) => ({
        category: 'oversized',
        endpoint: `PUT ${list}/:id`,
        method: 'PUT',
        path: `${list}/${fixtureOf(type, fx)}`,
        headers: JSONH,
        body: json({
          data: {
            [type === 'tags' || type === 'groups' || type === 'channels' || type === 'playbooks' || type === 'schedules'
              ? 'name'
              : 'title']: twoMbField(),
          },
        }),
      }),
      0.2
    );
    const maxField =
      type === 'tags' || type === 'groups' || type === 'channels' || type === 'playbooks' || type === 'schedules' ? 'name' : 'title';
    add(
      `POST ${list}`,
      'oversized',
      (r, fx) => ({
        category: 'oversized',
        endpoint: `POST ${list}`,
        method: 'POST',
        path: list,
        headers: JSONH,
        body: json({ data: { ...validData(type, fx, r), [maxField]: nineHundredKb() } }),
        field: maxField,
      }),
      0.2
    );
    // NUL in free text: PostgreSQL cannot store it, so it is refused everywhere.
    add(
      `POST ${list}`,
      'injection',
      (r, fx) => ({
        category: 'injection',
        endpoint: `POST ${list}`,
        method: 'POST',
        path: list,
        headers: JSONH,
        body: json({ data: { ...validData(type, fx, r), [maxField]: `before\u0000after` } }),
        field: maxField,
      }),
      0.5
    );
    // Malformed ids in the path.
    add(`GET ${list}/:id`, 'bad-id', (r) => ({
      category: 'bad-id',
      endpoint: `GET ${list}/:id`,
      method: 'GET',
      path: `${list}/${seg(pick(r, INJECTIONS))}`,
    }));
    add(`PUT ${list}/:id`, 'bad-id', (r) => ({
      category: 'bad-id',
      endpoint: `PUT ${list}/:id`,
      method: 'PUT',
      path: `${list}/${seg(pick(r, INJECTIONS))}`,
      headers: JSONH,
      body: json({ data: { [maxField]: 'valid' } }),
    }));
    // Queries.
    for (const [category, params, field] of queryCases(type)) {
      add(`GET ${list}`, category, (r) => ({
        category,
        endpoint: `GET ${list}`,
        method: 'GET',
        path: `${list}?${q(typeof params === 'function' ? params(r) : params)}`,
        field,
      }));
    }
    add(`GET ${list}/:id`, 'query', (r, fx) => ({
      category: 'query',
      endpoint: `GET ${list}/:id`,
      method: 'GET',
      path: `${list}/${fixtureOf(type, fx)}?${q(pick(r, [{ populate: 'nope' }, { fields: 'constructor' }, { 'fields[0]': 'nope' }, { locale: "' OR 1=1 --" }, { foo: 'bar' }]))}`,
    }));
    add(`DELETE ${list}/:id`, 'query', (r, fx) => ({
      category: 'query',
      endpoint: `DELETE ${list}/:id`,
      method: 'DELETE',
      path: `${list}/${fixtureOf(type, fx)}?${q(pick(r, [{ locale: 'klingon' }, { locale: '../../etc' }, { foo: '1' }, { status: 'gone' }]))}`,
    }));
    // Wrong methods.
    add(
      `PATCH ${list}`,
      'method',
      (r, fx) =>
        pick(r, [
          {
            category: 'method' as const,
            endpoint: `PATCH ${list}/:id`,
            method: 'PATCH',
            path: `${list}/${fixtureOf(type, fx)}`,
            headers: JSONH,
            body: '{"data":{}}',
          },
          { category: 'method' as const, endpoint: `PUT ${list}`, method: 'PUT', path: list, headers: JSONH, body: '{"data":{}}' },
          {
            category: 'method' as const,
            endpoint: `POST ${list}/:id`,
            method: 'POST',
            path: `${list}/${fixtureOf(type, fx)}`,
            headers: JSONH,
            body: '{"data":{}}',
          },
          { category: 'method' as const, endpoint: `DELETE ${list}`, method: 'DELETE', path: list },
        ]),
      0.5
    );
  }
}
