// /v3/customers/attributes through the worker with real D1: filters, paging, the 50-per-store limit,
// unique names, immutable types, atomic batches, scopes and the BigCommerce shape.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertAttributeStatement } from '../../../worker/src/db/attributes';
import { runBatch } from '../../../worker/src/db/batch';
import { ApiError } from '../../../worker/src/errors';
import { adminToken, call, expectErrorShape } from '../../helpers/api';
import { expectShape, type Kind } from '../../helpers/shape';

let token: string;
let readOnly: string;

beforeAll(async () => {
  token = await adminToken(['store_v2_customers']);
  readOnly = await adminToken(['store_v2_customers_read_only']);
});

let counter = 0;
/** A name no other test uses. */
function uniqueName(prefix = 'Attr') {
  counter += 1;
  return `${prefix} ${Date.now().toString(36)} ${counter}`;
}

async function create(items: { name: string; type: string }[]): Promise<any[]> {
  const res = await call('POST', '/v3/customers/attributes', { token, body: items });
  expect(res.status, res.text).toBe(200);
  return res.body.data;
}

async function get(query: string): Promise<any> {
  const res = await call('GET', `/v3/customers/attributes?${query}`, { token });
  expect(res.status, res.text).toBe(200);
  return res.body;
}

// BigCommerce's CustomerAttributesResponse item.
const ATTRIBUTE_SHAPE: Record<string, Kind> = { id: 'integer', name: 'string', type: 'string', date_created: 'string', date_modified: 'string' };
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

const count = async () => (await env.DB.prepare('SELECT count(*) AS n FROM customer_attributes').first<number>('n'))!;

describe('POST /v3/customers/attributes', () => {
  it('creates attributes in the BigCommerce shape with a {data, meta} envelope', async () => {
    const names = [uniqueName('Shoe size'), uniqueName('Birthday'), uniqueName('Colour')];
    const res = await call('POST', '/v3/customers/attributes', {
      token,
      body: [
        { name: names[0], type: 'number' },
        { name: names[1], type: 'date' },
        { name: names[2], type: 'string' },
      ],
    });
    expect(res.status, res.text).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['data', 'meta']);
    expect(res.body.meta).toEqual({});
    for (const a of res.body.data) {
      expectShape(a, ATTRIBUTE_SHAPE);
      expect(a.date_created).toMatch(ISO);
      expect(a.date_modified).toBe(a.date_created);
    }
    expect(res.body.data.map((a: any) => [a.name, a.type])).toEqual([
      [names[0], 'number'],
      [names[1], 'date'],
      [names[2], 'string'],
    ]);
  });

  it('refuses a taken name in any case, or a name repeated in the batch, with 409 and writes nothing', async () => {
    const [a] = await create([{ name: uniqueName(), type: 'string' }]);
    const before = await count();
    const fresh = uniqueName();
    const taken = await call('POST', '/v3/customers/attributes', {
      token,
      body: [
        { name: fresh, type: 'string' },
        { name: a.name.toUpperCase(), type: 'number' },
      ],
    });
    expect(taken.status).toBe(409);
    expectErrorShape(taken.body, 409);
    expect(Object.keys(taken.body.errors)).toEqual(['1.name']);
    const twice = await call('POST', '/v3/customers/attributes', {
      token,
      body: [
        { name: fresh, type: 'string' },
        { name: fresh.toLowerCase(), type: 'string' },
      ],
    });
    expect(twice.status).toBe(409);
    expect(Object.keys(twice.body.errors)).toEqual(['1.name']);
    expect(await count()).toBe(before);
  });

  it('validates type, name and unknown fields with field paths, writing nothing', async () => {
    const before = await count();
    const res = await call('POST', '/v3/customers/attributes', {
      token,
      body: [
        { name: uniqueName(), type: 'boolean' },
        { name: '  ', type: 'string' },
        { name: 'x'.repeat(256), type: 'string' },
        { type: 'string' },
        { name: uniqueName(), type: 'string', id: 3 },
      ],
    });
    expect(res.status).toBe(422);
    expectErrorShape(res.body, 422);
    expect(Object.keys(res.body.errors).sort()).toEqual(['0.type', '1.name', '2.name', '3.name', '4.id']);
    expect(await count()).toBe(before);
  });

  it('keeps a store to 50 attributes: a batch that would pass the limit → 422 naming it, nothing written', async () => {
    const existing = await count();
    const room = 50 - existing;
    expect(room).toBeGreaterThan(1);
    const over = await call('POST', '/v3/customers/attributes', {
      token,
      body: Array.from({ length: room + 1 }, () => ({ name: uniqueName('Fill'), type: 'string' })),
    });
    expect(over.status).toBe(422);
    expectErrorShape(over.body, 422);
    expect(over.body.detail).toMatch(/at most 50/);
    expect(await count()).toBe(existing);

    const filled = await create(Array.from({ length: room }, () => ({ name: uniqueName('Fill'), type: 'string' })));
    expect(filled).toHaveLength(room);
    expect(await count()).toBe(50);
    const one = await call('POST', '/v3/customers/attributes', { token, body: [{ name: uniqueName('One more'), type: 'string' }] });
    expect(one.status).toBe(422);
    expect(one.body.detail).toMatch(/at most 50/);
    // The limit also holds inside the write itself (a concurrent request past the route's check).
    const raced = await runBatch(env.DB, [insertAttributeStatement(env.DB, { name: uniqueName('Raced'), type: 'string' })], {
      notNull: () => new ApiError('limit_reached'),
    }).catch((e: unknown) => e);
    expect(raced).toBeInstanceOf(ApiError);
    expect((raced as ApiError).code).toBe('limit_reached');
    expect(await count()).toBe(50);

    // Free the room again for the other tests of this file.
    const del = await call('DELETE', `/v3/customers/attributes?id:in=${filled.map((a) => a.id).join(',')}`, { token });
    expect(del.status).toBe(204);
    expect(await count()).toBe(existing);
  });

  it('refuses more than 100 items in one call with 413', async () => {
    const res = await call('POST', '/v3/customers/attributes', {
      token,
      body: Array.from({ length: 101 }, () => ({ name: uniqueName(), type: 'string' })),
    });
    expect(res.status).toBe(413);
    expectErrorShape(res.body, 413);
  });

  it('answers a read-only token with 403 and writes nothing', async () => {
    const before = await count();
    const res = await call('POST', '/v3/customers/attributes', { token: readOnly, body: [{ name: uniqueName(), type: 'string' }] });
    expect(res.status).toBe(403);
    expectErrorShape(res.body, 403);
    expect(await count()).toBe(before);
  });
});

describe('GET /v3/customers/attributes', () => {
  const marker = `Gx${Date.now().toString(36)}`;
  let made: any[];

  beforeAll(async () => {
    made = await create([
      { name: `${marker} Shoe size`, type: 'number' },
      { name: `${marker} Birthday`, type: 'date' },
      { name: `${marker} Favourite colour`, type: 'string' },
    ]);
  });

  const names = (body: any) => body.data.map((a: any) => a.name.replace(`${marker} `, ''));
  const ids = () => made.map((a) => a.id).join(',');

  it('lists in the BigCommerce shape with meta.pagination', async () => {
    const body = await get(`id:in=${ids()}`);
    expect(Object.keys(body).sort()).toEqual(['data', 'meta']);
    for (const a of body.data) expectShape(a, ATTRIBUTE_SHAPE);
    expect(Object.keys(body.meta.pagination).sort()).toEqual(['count', 'current_page', 'links', 'per_page', 'total', 'total_pages']);
    expect(body.meta.pagination).toMatchObject({ total: 3, count: 3, per_page: 50, current_page: 1, total_pages: 1 });
  });

  it('filters by id:in, name (exact, any case), name:like, type and dates', async () => {
    expect(names(await get(`id:in=${made[0].id},${made[2].id}`))).toEqual(['Shoe size', 'Favourite colour']);
    expect(names(await get(`name=${encodeURIComponent(`${marker} birthday`)}`))).toEqual(['Birthday']);
    expect(names(await get(`name=${encodeURIComponent(`${marker} Birth`)}`))).toEqual([]);
    expect(names(await get(`name:like=${encodeURIComponent(`${marker} s`)}`))).toEqual(['Shoe size']);
    expect(names(await get(`name:like=${marker}`))).toEqual(['Shoe size', 'Birthday', 'Favourite colour']);
    expect(names(await get(`name:like=${marker}&type=date`))).toEqual(['Birthday']);
    const day = made[0].date_created.slice(0, 10);
    expect(names(await get(`id:in=${ids()}&date_created=${day}`))).toHaveLength(3);
    expect(names(await get(`id:in=${ids()}&date_created:min=2999-01-01`))).toEqual([]);
    expect(names(await get(`id:in=${ids()}&date_created:max=2000-01-01`))).toEqual([]);
    expect(names(await get(`id:in=${ids()}&date_modified:min=${day}&date_modified:max=${day}`))).toHaveLength(3);
    expect(names(await get(`id:in=${ids()}&date_modified=2000-01-01`))).toEqual([]);
  });

  it('pages with page/limit', async () => {
    const p1 = await get(`name:like=${marker}&limit=2`);
    expect(names(p1)).toEqual(['Shoe size', 'Birthday']);
    expect(p1.meta.pagination).toMatchObject({
      total: 3,
      count: 2,
      per_page: 2,
      current_page: 1,
      total_pages: 2,
      links: { current: '?page=1&limit=2', next: '?page=2&limit=2' },
    });
    const p2 = await get(`name:like=${marker}&limit=2&page=2`);
    expect(names(p2)).toEqual(['Favourite colour']);
    expect(p2.meta.pagination.links.previous).toBe('?page=1&limit=2');
  });

  it('pages with after/before cursors and meta.cursor_pagination', async () => {
    const p1 = await get(`name:like=${marker}&limit=2`);
    const next = await get(`name:like=${marker}&limit=2&after=${p1.meta.cursor_pagination.end_cursor}`);
    expect(names(next)).toEqual(['Favourite colour']);
    expect(next.meta).not.toHaveProperty('pagination');
    expect(Object.keys(next.meta.cursor_pagination).sort()).toEqual(['count', 'end_cursor', 'links', 'per_page', 'start_cursor']);
    expect(next.meta.cursor_pagination).toMatchObject({ count: 1, per_page: 2 });
    const back = await get(`name:like=${marker}&limit=2&before=${next.meta.cursor_pagination.start_cursor}`);
    expect(names(back)).toEqual(['Shoe size', 'Birthday']);
  });

  it('answers unknown parameters and bad values with 422 naming the parameter', async () => {
    for (const q of ['colour=red', 'type=boolean', 'id:in=x', 'date_created:min=soon', 'limit=251', 'before=nope']) {
      const res = await call('GET', `/v3/customers/attributes?${q}`, { token });
      expect(res.status, q).toBe(422);
      expectErrorShape(res.body, 422);
      expect(Object.keys(res.body.errors)[0], q).toBe(q.split('=')[0]);
    }
  });

  it('lets a read-only token read', async () => {
    expect((await call('GET', `/v3/customers/attributes?id:in=${ids()}`, { token: readOnly })).status).toBe(200);
  });
});

describe('PUT /v3/customers/attributes', () => {
  it('renames in the BigCommerce shape; a type may be repeated but not changed', async () => {
    const [a, b] = await create([
      { name: uniqueName(), type: 'number' },
      { name: uniqueName(), type: 'string' },
    ]);
    const renamed = [uniqueName('Renamed'), uniqueName('Renamed')];
    const res = await call('PUT', '/v3/customers/attributes', {
      token,
      body: [
        { id: a.id, name: renamed[0] },
        { id: b.id, name: renamed[1], type: 'string' },
      ],
    });
    expect(res.status, res.text).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['data', 'meta']);
    for (const x of res.body.data) expectShape(x, ATTRIBUTE_SHAPE);
    expect(res.body.data.map((x: any) => [x.id, x.name, x.type])).toEqual([
      [a.id, renamed[0], 'number'],
      [b.id, renamed[1], 'string'],
    ]);
    // A rename to the same name in another case is not a conflict with itself.
    const recase = await call('PUT', '/v3/customers/attributes', { token, body: [{ id: a.id, name: renamed[0]!.toUpperCase() }] });
    expect(recase.status, recase.text).toBe(200);
  });

  it('is all or nothing: an unknown id, a type change → 422; a taken name → 409', async () => {
    const [a, b] = await create([
      { name: uniqueName(), type: 'number' },
      { name: uniqueName(), type: 'string' },
    ]);
    const unknown = await call('PUT', '/v3/customers/attributes', {
      token,
      body: [
        { id: a.id, name: uniqueName() },
        { id: 99999999, name: uniqueName() },
      ],
    });
    expect(unknown.status).toBe(422);
    expectErrorShape(unknown.body, 422);
    expect(Object.keys(unknown.body.errors)).toEqual(['1.id']);
    const retype = await call('PUT', '/v3/customers/attributes', { token, body: [{ id: a.id, name: uniqueName(), type: 'string' }] });
    expect(retype.status).toBe(422);
    expect(Object.keys(retype.body.errors)).toEqual(['0.type']);
    const [other] = await create([{ name: uniqueName(), type: 'string' }]);
    const taken = await call('PUT', '/v3/customers/attributes', {
      token,
      body: [
        { id: a.id, name: uniqueName() },
        { id: b.id, name: other.name.toLowerCase() },
      ],
    });
    expect(taken.status).toBe(409);
    expectErrorShape(taken.body, 409);
    expect(Object.keys(taken.body.errors)).toEqual(['1.name']);
    const twice = await call('PUT', '/v3/customers/attributes', {
      token,
      body: [
        { id: a.id, name: 'Same' },
        { id: b.id, name: 'SAME' },
      ],
    });
    expect(twice.status).toBe(409);
    expect(Object.keys(twice.body.errors)).toEqual(['1.name']);
    expect((await get(`id:in=${a.id},${b.id}`)).data.map((x: any) => x.name)).toEqual([a.name, b.name]);
  });

  it('lets two attributes trade names in one batch', async () => {
    const [a, b] = await create([
      { name: uniqueName(), type: 'string' },
      { name: uniqueName(), type: 'string' },
    ]);
    const res = await call('PUT', '/v3/customers/attributes', {
      token,
      body: [
        { id: a.id, name: `${a.name} old` },
        { id: b.id, name: a.name },
      ],
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.data.map((x: any) => x.name)).toEqual([`${a.name} old`, a.name]);
  });

  it('answers a read-only token with 403', async () => {
    const [a] = await create([{ name: uniqueName(), type: 'number' }]);
    const res = await call('PUT', '/v3/customers/attributes', { token: readOnly, body: [{ id: a.id, name: uniqueName() }] });
    expect(res.status).toBe(403);
    expectErrorShape(res.body, 403);
  });
});

describe('DELETE /v3/customers/attributes', () => {
  it('deletes by id:in (204), with the values customers had', async () => {
    const [a, b] = await create([
      { name: uniqueName(), type: 'string' },
      { name: uniqueName(), type: 'string' },
    ]);
    const customer = await call('POST', '/v3/customers', {
      token,
      body: [
        {
          email: `attr.${Date.now()}.${Math.random().toString(36).slice(2)}@example.com`,
          first_name: 'A',
          last_name: 'B',
          attributes: [{ attribute_id: a.id, attribute_value: 'x' }],
        },
      ],
    });
    expect(customer.status, customer.text).toBe(200);
    const res = await call('DELETE', `/v3/customers/attributes?id:in=${a.id}`, { token });
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect((await get(`id:in=${a.id},${b.id}`)).data.map((x: any) => x.id)).toEqual([b.id]);
    const values = await call('GET', `/v3/customers/attribute-values?customer_id:in=${customer.body.data[0].id}`, { token });
    expect(values.body.data).toEqual([]);
  });

  it('deletes nothing without a filter (422)', async () => {
    const before = await count();
    for (const q of ['', '?id:in=', '?name=x']) {
      const res = await call('DELETE', `/v3/customers/attributes${q}`, { token });
      expect(res.status, q).toBe(422);
      expectErrorShape(res.body, 422);
    }
    expect(await count()).toBe(before);
  });

  it('answers a read-only token with 403 and deletes nothing', async () => {
    const [a] = await create([{ name: uniqueName(), type: 'string' }]);
    const res = await call('DELETE', `/v3/customers/attributes?id:in=${a.id}`, { token: readOnly });
    expect(res.status).toBe(403);
    expect((await get(`id:in=${a.id}`)).data).toHaveLength(1);
  });
});
