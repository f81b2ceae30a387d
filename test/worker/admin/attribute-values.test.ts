// /v3/customers/attribute-values through the worker with real D1: upsert, type checks, the
// 50-values-per-customer limit, atomic batches, filters, paging, scopes and the BigCommerce shape.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { putAttributeValueStatement } from '../../../worker/src/db/attributes';
import { runBatch } from '../../../worker/src/db/batch';
import { ApiError } from '../../../worker/src/errors';
import { adminToken, call, expectErrorShape, uniqueEmail } from '../../helpers/api';
import { expectShape, type Kind } from '../../helpers/shape';

let token: string;
let readOnly: string;
/** Attributes of each type, made for this file. */
let num: any;
let date: any;
let str: any;

let counter = 0;
function uniqueName(prefix = 'Value test') {
  counter += 1;
  return `${prefix} ${Date.now().toString(36)} ${counter}`;
}

beforeAll(async () => {
  token = await adminToken(['store_v2_customers']);
  readOnly = await adminToken(['store_v2_customers_read_only']);
  const res = await call('POST', '/v3/customers/attributes', {
    token,
    body: [
      { name: uniqueName('Shoe size'), type: 'number' },
      { name: uniqueName('Birthday'), type: 'date' },
      { name: uniqueName('Colour'), type: 'string' },
    ],
  });
  expect(res.status, res.text).toBe(200);
  [num, date, str] = res.body.data;
});

async function newCustomer(): Promise<any> {
  const res = await call('POST', '/v3/customers', { token, body: [{ email: uniqueEmail('attrval'), first_name: 'Ada', last_name: 'Lovelace' }] });
  expect(res.status, res.text).toBe(200);
  return res.body.data[0];
}

async function put(items: Record<string, unknown>[]): Promise<any[]> {
  const res = await call('PUT', '/v3/customers/attribute-values', { token, body: items });
  expect(res.status, res.text).toBe(200);
  return res.body.data;
}

async function get(query: string): Promise<any> {
  const res = await call('GET', `/v3/customers/attribute-values?${query}`, { token });
  expect(res.status, res.text).toBe(200);
  return res.body;
}

// BigCommerce's CustomerAttributeValueCollectionResponse item.
const VALUE_SHAPE: Record<string, Kind> = {
  id: 'integer',
  attribute_id: 'integer',
  attribute_value: 'string',
  customer_id: 'integer',
  date_created: 'string',
  date_modified: 'string',
};
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

const valuesOf = async (customerId: number) =>
  (
    await env.DB.prepare('SELECT attribute_id, attribute_value FROM customer_attribute_values WHERE customer_id = ?1 ORDER BY id')
      .bind(customerId)
      .all()
  ).results;

describe('PUT /v3/customers/attribute-values', () => {
  it('creates values in the BigCommerce shape (value in, attribute_value out) with a {data, meta} envelope', async () => {
    const c = await newCustomer();
    const res = await call('PUT', '/v3/customers/attribute-values', {
      token,
      body: [
        { attribute_id: num.id, customer_id: c.id, value: '42.5' },
        { attribute_id: date.id, customer_id: c.id, value: '1815-12-10' },
        { attribute_id: str.id, customer_id: c.id, value: '' },
      ],
    });
    expect(res.status, res.text).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['data', 'meta']);
    expect(res.body.meta).toEqual({});
    for (const v of res.body.data) {
      expectShape(v, VALUE_SHAPE);
      expect(v.date_created).toMatch(ISO);
      expect(v.date_modified).toMatch(ISO);
    }
    expect(res.body.data.map((v: any) => [v.attribute_id, v.customer_id, v.attribute_value])).toEqual([
      [num.id, c.id, '42.5'],
      [date.id, c.id, '1815-12-10'],
      [str.id, c.id, ''],
    ]);
  });

  it('updates an existing value in place (same id), with or without giving the id', async () => {
    const c = await newCustomer();
    const [first] = await put([{ attribute_id: str.id, customer_id: c.id, value: 'red' }]);
    const [second] = await put([{ attribute_id: str.id, customer_id: c.id, value: 'blue' }]);
    expect(second.id).toBe(first.id);
    expect(second.attribute_value).toBe('blue');
    const [third] = await put([{ id: first.id, attribute_id: str.id, customer_id: c.id, value: 'green' }]);
    expect(third).toMatchObject({ id: first.id, attribute_value: 'green', date_created: first.date_created });
    expect(await valuesOf(c.id)).toEqual([{ attribute_id: str.id, attribute_value: 'green' }]);
  });

  it('checks each value against its attribute’s type and writes nothing when one is bad', async () => {
    const c = await newCustomer();
    const res = await call('PUT', '/v3/customers/attribute-values', {
      token,
      body: [
        { attribute_id: str.id, customer_id: c.id, value: 'fine' },
        { attribute_id: num.id, customer_id: c.id, value: 'eleven' },
        { attribute_id: date.id, customer_id: c.id, value: '10/12/1815' },
      ],
    });
    expect(res.status).toBe(422);
    expectErrorShape(res.body, 422);
    expect(Object.keys(res.body.errors)).toEqual(['1.value', '2.value']);
    expect(await valuesOf(c.id)).toEqual([]);
  });

  it('requires the customer and the attribute to exist (422 naming the item), and a matching id', async () => {
    const c = await newCustomer();
    const [mine] = await put([{ attribute_id: str.id, customer_id: c.id, value: 'x' }]);
    const other = await newCustomer();
    const res = await call('PUT', '/v3/customers/attribute-values', {
      token,
      body: [
        { attribute_id: num.id, customer_id: c.id, value: '1' },
        { attribute_id: str.id, customer_id: 99999999, value: 'x' },
        { attribute_id: 99999999, customer_id: c.id, value: 'x' },
        { id: mine.id, attribute_id: str.id, customer_id: other.id, value: 'x' },
        { attribute_id: num.id, customer_id: c.id, value: '2' },
      ],
    });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual({
      '1.customer_id': expect.stringContaining('does not exist'),
      '2.attribute_id': expect.stringContaining('does not exist'),
      '3.id': expect.any(String),
      '4.attribute_id': expect.stringContaining('already sets'),
    });
    expect(await valuesOf(c.id)).toEqual([{ attribute_id: str.id, attribute_value: 'x' }]);
  });

  it('validates the body shape: BigCommerce’s `value`, not unknown fields, strings only', async () => {
    const c = await newCustomer();
    const res = await call('PUT', '/v3/customers/attribute-values', {
      token,
      body: [
        { attribute_id: str.id, customer_id: c.id, attribute_value: 'x' },
        { attribute_id: num.id, customer_id: c.id, value: 5 },
        { attribute_id: str.id, customer_id: c.id, value: 'x'.repeat(256) },
        { attribute_id: 'one', customer_id: c.id, value: 'x' },
      ],
    });
    expect(res.status).toBe(422);
    expectErrorShape(res.body, 422);
    expect(Object.keys(res.body.errors).sort()).toEqual(['0.attribute_value', '0.value', '1.value', '2.value', '3.attribute_id']);
    const many = await call('PUT', '/v3/customers/attribute-values', {
      token,
      body: Array.from({ length: 101 }, () => ({ attribute_id: str.id, customer_id: c.id, value: 'x' })),
    });
    expect(many.status).toBe(413);
    expectErrorShape(many.body, 413);
  });

  it('keeps a customer to 50 values: the 51st → 422 naming the item, nothing written; updates still work', async () => {
    // A customer holds one value per attribute and the API stops a store at 50 attributes, so a 51st
    // value needs a 51st attribute: the fixture tops the store up to 50 through the API (counting
    // what exists first) and inserts one more directly, as data from before the limit might be.
    const existing = (await env.DB.prepare('SELECT count(*) AS n FROM customer_attributes').first<number>('n'))!;
    const topUp =
      existing < 50
        ? await callOk(
            'POST',
            '/v3/customers/attributes',
            Array.from({ length: 50 - existing }, () => ({ name: uniqueName('Limit'), type: 'string' })),
          )
        : [];
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const beyond = (await env.DB.prepare(
      "INSERT INTO customer_attributes (name, type, date_created, date_modified) VALUES (?1, 'string', ?2, ?2) RETURNING id",
    )
      .bind(uniqueName('Beyond'), now)
      .first<number>('id'))!;
    const all = (
      await env.DB.prepare('SELECT id, type FROM customer_attributes WHERE id != ?1 ORDER BY id').bind(beyond).all<{ id: number; type: string }>()
    ).results;
    const fifty = all.slice(0, 50);
    expect(fifty).toHaveLength(50);
    const valueFor = (type: string) => (type === 'number' ? '1' : type === 'date' ? '2020-01-01' : 'v');

    const c = await newCustomer();
    expect(await put(fifty.map((a) => ({ attribute_id: a.id, customer_id: c.id, value: valueFor(a.type) })))).toHaveLength(50);
    const before = await valuesOf(c.id);
    expect(before).toHaveLength(50);

    const over = await call('PUT', '/v3/customers/attribute-values', {
      token,
      body: [
        { attribute_id: fifty[0]!.id, customer_id: c.id, value: valueFor(fifty[0]!.type) },
        { attribute_id: beyond, customer_id: c.id, value: 'one too many' },
      ],
    });
    expect(over.status).toBe(422);
    expectErrorShape(over.body, 422);
    expect(over.body.errors).toEqual({ '1.customer_id': expect.stringContaining('at most 50') });
    expect(await valuesOf(c.id)).toEqual(before);
    // The limit also holds inside the write itself (a concurrent request past the route's check).
    const raced = await runBatch(env.DB, [putAttributeValueStatement(env.DB, { attribute_id: beyond, customer_id: c.id, value: 'x' })], {
      notNull: () => new ApiError('limit_reached'),
    }).catch((e: unknown) => e);
    expect(raced).toBeInstanceOf(ApiError);
    expect((raced as ApiError).code).toBe('limit_reached');
    expect(await valuesOf(c.id)).toEqual(before);

    // Updating one of the 50 is still fine.
    const [updated] = await put([{ attribute_id: fifty[1]!.id, customer_id: c.id, value: valueFor(fifty[1]!.type) }]);
    expect(updated.customer_id).toBe(c.id);

    // Give the store its room back for the other tests of this file.
    const cleanup = [beyond, ...topUp.map((a: any) => a.id)].join(',');
    expect((await call('DELETE', `/v3/customers/attributes?id:in=${cleanup}`, { token })).status).toBe(204);
  });

  it('answers a read-only token with 403 and writes nothing', async () => {
    const c = await newCustomer();
    const res = await call('PUT', '/v3/customers/attribute-values', {
      token: readOnly,
      body: [{ attribute_id: str.id, customer_id: c.id, value: 'x' }],
    });
    expect(res.status).toBe(403);
    expectErrorShape(res.body, 403);
    expect(await valuesOf(c.id)).toEqual([]);
  });
});

async function callOk(method: string, path: string, body: unknown): Promise<any[]> {
  const res = await call(method, path, { token, body });
  expect(res.status, res.text).toBe(200);
  return res.body.data;
}

describe('GET /v3/customers/attribute-values', () => {
  let c1: any;
  let c2: any;
  let made: any[];

  beforeAll(async () => {
    c1 = await newCustomer();
    c2 = await newCustomer();
    made = await put([
      { attribute_id: num.id, customer_id: c1.id, value: '40' },
      { attribute_id: str.id, customer_id: c1.id, value: 'red' },
      { attribute_id: num.id, customer_id: c2.id, value: '41' },
    ]);
  });

  const both = () => `customer_id:in=${c1.id},${c2.id}`;
  const values = (body: any) => body.data.map((v: any) => v.attribute_value);

  it('lists in the BigCommerce shape with meta.pagination', async () => {
    const body = await get(both());
    expect(Object.keys(body).sort()).toEqual(['data', 'meta']);
    for (const v of body.data) expectShape(v, VALUE_SHAPE);
    expect(Object.keys(body.meta.pagination).sort()).toEqual(['count', 'current_page', 'links', 'per_page', 'total', 'total_pages']);
    expect(body.meta.pagination).toMatchObject({ total: 3, count: 3, per_page: 50, current_page: 1, total_pages: 1 });
    expect(values(body)).toEqual(['40', 'red', '41']);
  });

  it('filters by customer_id:in, attribute_id:in, id:in, name (the attribute’s, any case) and dates', async () => {
    expect(values(await get(`customer_id:in=${c2.id}`))).toEqual(['41']);
    expect(values(await get(`${both()}&attribute_id:in=${str.id}`))).toEqual(['red']);
    expect(values(await get(`id:in=${made[0].id},${made[2].id}`))).toEqual(['40', '41']);
    expect(values(await get(`${both()}&name=${encodeURIComponent(num.name.toUpperCase())}`))).toEqual(['40', '41']);
    expect(values(await get(`${both()}&name=nothing-called-this`))).toEqual([]);
    const day = made[0].date_created.slice(0, 10);
    expect(values(await get(`${both()}&date_created=${day}`))).toHaveLength(3);
    expect(values(await get(`${both()}&date_created:min=2999-01-01`))).toEqual([]);
    expect(values(await get(`${both()}&date_modified:max=2000-01-01`))).toEqual([]);
    expect(values(await get(`${both()}&date_modified:min=${day}&date_created:max=${day}`))).toHaveLength(3);
  });

  it('pages with page/limit', async () => {
    const p1 = await get(`${both()}&limit=2`);
    expect(values(p1)).toEqual(['40', 'red']);
    expect(p1.meta.pagination).toMatchObject({
      total: 3,
      count: 2,
      per_page: 2,
      current_page: 1,
      total_pages: 2,
      links: { current: '?page=1&limit=2', next: '?page=2&limit=2' },
    });
    const p2 = await get(`${both()}&limit=2&page=2`);
    expect(values(p2)).toEqual(['41']);
    expect(p2.meta.pagination.links.previous).toBe('?page=1&limit=2');
  });

  it('pages with after/before cursors and meta.cursor_pagination', async () => {
    const p1 = await get(`${both()}&limit=2`);
    const next = await get(`${both()}&limit=2&after=${p1.meta.cursor_pagination.end_cursor}`);
    expect(values(next)).toEqual(['41']);
    expect(next.meta).not.toHaveProperty('pagination');
    expect(Object.keys(next.meta.cursor_pagination).sort()).toEqual(['count', 'end_cursor', 'links', 'per_page', 'start_cursor']);
    const back = await get(`${both()}&limit=2&before=${next.meta.cursor_pagination.start_cursor}`);
    expect(values(back)).toEqual(['40', 'red']);
  });

  it('answers unknown parameters and bad values with 422 naming the parameter', async () => {
    for (const q of ['value=x', 'customer_id:in=a', 'attribute_id:in=1,-2', 'date_modified=later', 'page=x']) {
      const res = await call('GET', `/v3/customers/attribute-values?${q}`, { token });
      expect(res.status, q).toBe(422);
      expectErrorShape(res.body, 422);
      expect(Object.keys(res.body.errors)[0], q).toBe(q.split('=')[0]);
    }
  });

  it('lets a read-only token read', async () => {
    expect((await call('GET', `/v3/customers/attribute-values?${both()}`, { token: readOnly })).status).toBe(200);
  });
});

describe('DELETE /v3/customers/attribute-values', () => {
  it('deletes by id:in (204)', async () => {
    const c = await newCustomer();
    const [a, b] = await put([
      { attribute_id: num.id, customer_id: c.id, value: '1' },
      { attribute_id: str.id, customer_id: c.id, value: 'x' },
    ]);
    const res = await call('DELETE', `/v3/customers/attribute-values?id:in=${a.id},99999999`, { token });
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect((await get(`customer_id:in=${c.id}`)).data.map((v: any) => v.id)).toEqual([b.id]);
  });

  it('deletes nothing without a filter (422)', async () => {
    const c = await newCustomer();
    await put([{ attribute_id: str.id, customer_id: c.id, value: 'x' }]);
    for (const q of ['', '?id:in=', '?customer_id:in=' + c.id]) {
      const res = await call('DELETE', `/v3/customers/attribute-values${q}`, { token });
      expect(res.status, q).toBe(422);
      expectErrorShape(res.body, 422);
    }
    expect(await valuesOf(c.id)).toHaveLength(1);
  });

  it('answers a read-only token with 403 and deletes nothing', async () => {
    const c = await newCustomer();
    const [v] = await put([{ attribute_id: str.id, customer_id: c.id, value: 'x' }]);
    const res = await call('DELETE', `/v3/customers/attribute-values?id:in=${v.id}`, { token: readOnly });
    expect(res.status).toBe(403);
    expectErrorShape(res.body, 403);
    expect(await valuesOf(c.id)).toHaveLength(1);
  });
});
