// /v3/customers/addresses through the worker with real D1: filters, paging, include=formfields,
// atomic batches, default flags, duplicates, the timeline, scopes and the BigCommerce shape.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminToken, call, expectErrorShape, uniqueEmail } from '../../helpers/api';
import { expectShape, type Kind } from '../../helpers/shape';

let token: string;
let readOnly: string;
const FIELD = `Gate code ${Date.now()}`;

beforeAll(async () => {
  token = await adminToken(['store_v2_customers'], 'Address tester');
  readOnly = await adminToken(['store_v2_customers_read_only']);
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  await env.DB.prepare(
    `INSERT INTO form_fields (name, label, type, required, max_length, applies_to, date_created, date_modified)
     VALUES (?1, 'Gate code', 'text', 0, 6, 'address', ?2, ?2)`,
  )
    .bind(FIELD, now)
    .run();
});

async function newCustomer(over: Record<string, unknown> = {}): Promise<any> {
  const res = await call('POST', '/v3/customers', {
    token,
    body: [{ email: uniqueEmail('addr'), first_name: 'Ada', last_name: 'Lovelace', ...over }],
  });
  expect(res.status, res.text).toBe(200);
  return res.body.data[0];
}

let line = 0;
function address(customerId: number, over: Record<string, unknown> = {}) {
  line += 1;
  return {
    customer_id: customerId,
    first_name: 'Ada',
    last_name: 'Lovelace',
    address1: `${line} St James Square`,
    city: 'London',
    state_or_province: 'Greater London',
    postal_code: 'SW1Y 4JH',
    country_code: 'GB',
    ...over,
  };
}

async function create(items: Record<string, unknown>[]): Promise<any[]> {
  const res = await call('POST', '/v3/customers/addresses', { token, body: items });
  expect(res.status, res.text).toBe(200);
  return res.body.data;
}

async function get(query: string): Promise<any> {
  const res = await call('GET', `/v3/customers/addresses?${query}`, { token });
  expect(res.status, res.text).toBe(200);
  return res.body;
}

// BigCommerce address_Full, plus our label, delivery_instructions and default flags.
const ADDRESS_SHAPE: Record<string, Kind> = {
  id: 'integer',
  customer_id: 'integer',
  first_name: 'string',
  last_name: 'string',
  company: 'string',
  address1: 'string',
  address2: 'string',
  city: 'string',
  state_or_province: 'string',
  postal_code: 'string',
  country: 'string',
  country_code: 'string',
  phone: 'string',
  address_type: 'string',
  label: 'string',
  delivery_instructions: 'string',
  is_default_shipping: 'boolean',
  is_default_billing: 'boolean',
};
const WITH_FORM_FIELDS: Record<string, Kind> = { ...ADDRESS_SHAPE, form_fields: 'array' };

async function timeline(customerId: number) {
  const { results } = await env.DB.prepare('SELECT type, actor_type, actor_name, detail FROM timeline_events WHERE customer_id = ?1 ORDER BY id')
    .bind(customerId)
    .all<{ type: string; actor_type: string; actor_name: string; detail: string }>();
  return results;
}

describe('POST /v3/customers/addresses', () => {
  it('creates addresses in the BigCommerce shape with a {data, meta} envelope', async () => {
    const c = await newCustomer();
    const res = await call('POST', '/v3/customers/addresses', {
      token,
      body: [
        address(c.id, {
          company: 'Analytical Engines',
          address2: 'Flat 2',
          phone: '555-0100',
          address_type: 'commercial',
          label: 'Office',
          delivery_instructions: 'Ring twice',
          is_default_billing: true,
          form_fields: [{ name: FIELD.toUpperCase(), value: '1234' }],
        }),
      ],
    });
    expect(res.status, res.text).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['data', 'meta']);
    expect(res.body.meta).toEqual({});
    const [a] = res.body.data;
    expectShape(a, WITH_FORM_FIELDS);
    expect(a).toMatchObject({
      customer_id: c.id,
      company: 'Analytical Engines',
      address2: 'Flat 2',
      country: 'United Kingdom',
      country_code: 'GB',
      address_type: 'commercial',
      label: 'Office',
      is_default_shipping: false,
      is_default_billing: true,
      form_fields: [{ name: FIELD, value: '1234', address_id: a.id }],
    });
    // formFieldValue_Address of the spec: the value names its address.
    expectShape(a.form_fields[0], { name: 'string', value: 'string', address_id: 'integer' });
    const events = await timeline(c.id);
    expect(events.at(-1)).toMatchObject({ type: 'address_added', actor_type: 'staff', actor_name: 'Address tester' });
  });

  it('fills optional fields with defaults and upper-cases the country code', async () => {
    const c = await newCustomer();
    const [a] = await create([{ customer_id: c.id, first_name: 'A', last_name: 'B', address1: 'x', city: 'y', country_code: 'de' }]);
    expect(a).toMatchObject({
      company: '',
      address2: '',
      state_or_province: '',
      postal_code: '',
      phone: '',
      country_code: 'DE',
      country: 'Germany',
      address_type: 'residential',
      form_fields: [],
    });
  });

  it('writes nothing when one item is bad: unknown customer → 422 "index.customer_id"', async () => {
    const c = await newCustomer();
    const res = await call('POST', '/v3/customers/addresses', { token, body: [address(c.id), address(99999999)] });
    expect(res.status).toBe(422);
    expectErrorShape(res.body, 422);
    expect(Object.keys(res.body.errors)).toEqual(['1.customer_id']);
    expect((await get(`customer_id:in=${c.id}`)).data).toHaveLength(0);
  });

  it('validates country codes, required fields, types and unknown fields with field paths', async () => {
    const c = await newCustomer();
    const res = await call('POST', '/v3/customers/addresses', {
      token,
      body: [
        address(c.id, { country_code: 'GBR' }),
        address(c.id, { country_code: 'QQ' }),
        address(c.id, { city: undefined }),
        address(c.id, { address_type: 'castle' }),
        address(c.id, { first_name: 42 }),
        address(c.id, { nickname: 'x' }),
        address(c.id),
      ],
    });
    expect(res.status).toBe(422);
    expectErrorShape(res.body, 422);
    expect(res.body.errors).toEqual({
      '0.country_code': expect.any(String),
      '1.country_code': expect.any(String),
      '2.city': expect.any(String),
      '3.address_type': expect.any(String),
      '4.first_name': expect.any(String),
      '5.nickname': 'Unknown field',
    });
    expect(res.text).not.toMatch(/ZodError|SQLITE|SELECT/);
    expect((await get(`customer_id:in=${c.id}`)).data).toHaveLength(0);
  });

  it('checks form field values against the store’s address fields', async () => {
    const c = await newCustomer();
    const res = await call('POST', '/v3/customers/addresses', {
      token,
      body: [
        address(c.id, { form_fields: [{ name: FIELD, value: '1234567' }] }),
        address(c.id, { form_fields: [{ name: 'No such field', value: 'x' }] }),
        address(c.id, { form_fields: [{ name: FIELD, value: ['a'] }] }),
        address(c.id, { form_fields: [{ name: FIELD, value: '12' }] }),
      ],
    });
    expect(res.status).toBe(422);
    expectErrorShape(res.body, 422);
    expect(res.body.errors).toEqual({
      '0.form_fields.0.value': expect.stringContaining('at most 6'),
      '1.form_fields.0.value': expect.stringContaining('No address form field'),
      '2.form_fields.0.value': expect.any(String),
    });
    expect((await get(`customer_id:in=${c.id}`)).data).toHaveLength(0);
  });

  it('accepts 100 addresses in one call and refuses 101 with 413', async () => {
    const c = await newCustomer();
    const ok = await create(Array.from({ length: 100 }, () => address(c.id)));
    expect(ok).toHaveLength(100);
    const tooMany = await call('POST', '/v3/customers/addresses', { token, body: Array.from({ length: 101 }, () => address(c.id)) });
    expect(tooMany.status).toBe(413);
    expectErrorShape(tooMany.body, 413);
  });

  it('skips an address identical to an existing one and leaves it out of the response (as BigCommerce does)', async () => {
    const c = await newCustomer();
    const first = address(c.id);
    await create([first]);
    const again = await create([{ ...first, first_name: 'ADA' }, address(c.id)]);
    expect(again).toHaveLength(1);
    expect((await get(`customer_id:in=${c.id}`)).data).toHaveLength(2);
  });

  it('moves the default shipping/billing flag from the customer’s other address', async () => {
    const c = await newCustomer();
    const [a] = await create([address(c.id, { is_default_shipping: true, is_default_billing: true })]);
    const [b] = await create([address(c.id, { is_default_shipping: true })]);
    const list = (await get(`customer_id:in=${c.id}`)).data;
    expect(list.map((x: any) => [x.id, x.is_default_shipping, x.is_default_billing])).toEqual([
      [a.id, false, true],
      [b.id, true, false],
    ]);
    const twice = await call('POST', '/v3/customers/addresses', {
      token,
      body: [address(c.id, { is_default_billing: true }), address(c.id, { is_default_billing: true })],
    });
    expect(twice.status).toBe(422);
    expect(twice.body.errors).toHaveProperty('1.is_default_billing');
  });

  it('answers a read-only token with 403 and writes nothing', async () => {
    const c = await newCustomer();
    const res = await call('POST', '/v3/customers/addresses', { token: readOnly, body: [address(c.id)] });
    expect(res.status).toBe(403);
    expectErrorShape(res.body, 403);
    expect((await get(`customer_id:in=${c.id}`)).data).toHaveLength(0);
  });

  it('answers malformed JSON with 400, an empty array or an object with 422', async () => {
    const bad = await call('POST', '/v3/customers/addresses', { token, rawBody: '[{', headers: { 'Content-Type': 'application/json' } });
    expect(bad.status).toBe(400);
    expectErrorShape(bad.body, 400);
    for (const body of [[], {}, [null], 'x']) {
      const res = await call('POST', '/v3/customers/addresses', { token, body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expectErrorShape(res.body, 422);
    }
  });
});

describe('GET /v3/customers/addresses', () => {
  const marker = `Addr${Date.now()}`;
  let c1: any;
  let c2: any;
  let made: any[];

  beforeAll(async () => {
    c1 = await newCustomer();
    c2 = await newCustomer();
    made = await create([
      address(c1.id, { first_name: 'Grace', last_name: `${marker}Hopper`, company: `${marker} Navy`, form_fields: [{ name: FIELD, value: '42' }] }),
      address(c1.id, { first_name: 'Alan', last_name: `${marker}Turing`, company: `${marker} Bletchley` }),
      address(c2.id, { first_name: 'Katherine', last_name: `${marker}Johnson`, company: `${marker} NASA` }),
    ]);
  });

  const names = (body: any) => body.data.map((a: any) => a.first_name);

  it('lists in the BigCommerce shape with meta.pagination; form_fields only with include=formfields', async () => {
    const body = await get(`customer_id:in=${c1.id},${c2.id}`);
    expect(Object.keys(body).sort()).toEqual(['data', 'meta']);
    for (const a of body.data) expectShape(a, ADDRESS_SHAPE);
    expect(Object.keys(body.meta.pagination).sort()).toEqual(['count', 'current_page', 'links', 'per_page', 'total', 'total_pages']);
    expect(body.meta.pagination).toMatchObject({
      total: 3,
      count: 3,
      per_page: 50,
      current_page: 1,
      total_pages: 1,
      links: { current: '?page=1&limit=50' },
    });
    const withFields = await get(`customer_id:in=${c1.id}&include=formfields`);
    for (const a of withFields.data) expectShape(a, WITH_FORM_FIELDS);
    expect(withFields.data[0].form_fields).toEqual([{ name: FIELD, value: '42', address_id: withFields.data[0].id }]);
    expect(withFields.data[1].form_fields).toEqual([]);
  });

  it('filters by id:in, customer_id:in, name:in (full name, any case) and company:in', async () => {
    expect(names(await get(`id:in=${made[0].id},${made[2].id}`))).toEqual(['Grace', 'Katherine']);
    expect(names(await get(`customer_id:in=${c2.id}`))).toEqual(['Katherine']);
    expect(names(await get(`name:in=${encodeURIComponent(`alan ${marker}turing`)},${encodeURIComponent(`Grace ${marker}Hopper`)}`))).toEqual([
      'Grace',
      'Alan',
    ]);
    expect(names(await get(`company:in=${encodeURIComponent(`${marker} NASA`)}`))).toEqual(['Katherine']);
    expect(names(await get(`customer_id:in=${c1.id}&company:in=${encodeURIComponent(`${marker} NASA`)}`))).toEqual([]);
  });

  it('pages with page/limit', async () => {
    const p1 = await get(`customer_id:in=${c1.id},${c2.id}&limit=2`);
    expect(names(p1)).toEqual(['Grace', 'Alan']);
    expect(p1.meta.pagination).toMatchObject({ total: 3, count: 2, per_page: 2, current_page: 1, total_pages: 2 });
    expect(p1.meta.pagination.links).toMatchObject({ current: '?page=1&limit=2', next: '?page=2&limit=2' });
    const p2 = await get(`customer_id:in=${c1.id},${c2.id}&limit=2&page=2`);
    expect(names(p2)).toEqual(['Katherine']);
    expect(p2.meta.pagination.links.previous).toBe('?page=1&limit=2');
  });

  it('pages with after/before cursors and meta.cursor_pagination', async () => {
    const first = await get(`customer_id:in=${c1.id},${c2.id}&limit=2&after=${encodeCursor(0)}`);
    expect(names(first)).toEqual(['Grace', 'Alan']);
    expect(first.meta).not.toHaveProperty('pagination');
    expect(Object.keys(first.meta.cursor_pagination).sort()).toEqual(['count', 'end_cursor', 'links', 'per_page', 'start_cursor']);
    const next = await get(`customer_id:in=${c1.id},${c2.id}&limit=2&after=${first.meta.cursor_pagination.end_cursor}`);
    expect(names(next)).toEqual(['Katherine']);
    expect(next.meta.cursor_pagination.links.next).toBeUndefined();
    const back = await get(`customer_id:in=${c1.id},${c2.id}&limit=2&before=${next.meta.cursor_pagination.start_cursor}`);
    expect(names(back)).toEqual(['Grace', 'Alan']);
  });

  it('answers unknown parameters and bad values with 422 naming the parameter', async () => {
    for (const q of ['colour:in=red', 'id:in=1,abc', 'customer_id:in=x', 'include=attributes', 'limit=0', 'page=0', 'after=garbage']) {
      const res = await call('GET', `/v3/customers/addresses?${q}`, { token });
      expect(res.status, q).toBe(422);
      expectErrorShape(res.body, 422);
      expect(Object.keys(res.body.errors)[0], q).toBe(q.split('=')[0]);
    }
  });

  it('lets a read-only token read, and nobody without a token', async () => {
    expect((await call('GET', `/v3/customers/addresses?customer_id:in=${c1.id}`, { token: readOnly })).status).toBe(200);
    expect((await call('GET', '/v3/customers/addresses')).status).toBe(401);
  });
});

/** A cursor before every id (cursors are base64url JSON [sort value, id]). */
function encodeCursor(id: number) {
  return btoa(JSON.stringify([id, id]))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

describe('PUT /v3/customers/addresses', () => {
  it('updates by id in the BigCommerce shape, merges form fields and writes the timeline', async () => {
    const c = await newCustomer();
    const [a, b] = await create([address(c.id, { form_fields: [{ name: FIELD, value: '1' }] }), address(c.id)]);
    const res = await call('PUT', '/v3/customers/addresses', {
      token,
      body: [
        { id: a.id, city: 'Manchester', country_code: 'ie', label: 'Home' },
        { id: b.id, phone: '555', form_fields: [{ name: FIELD, value: '99' }] },
      ],
    });
    expect(res.status, res.text).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['data', 'meta']);
    for (const x of res.body.data) expectShape(x, WITH_FORM_FIELDS);
    expect(res.body.data[0]).toMatchObject({
      id: a.id,
      city: 'Manchester',
      country_code: 'IE',
      country: 'Ireland',
      label: 'Home',
      form_fields: [{ name: FIELD, value: '1' }],
    });
    expect(res.body.data[1]).toMatchObject({ id: b.id, phone: '555', city: 'London', form_fields: [{ name: FIELD, value: '99' }] });
    const events = await timeline(c.id);
    expect(events.filter((e) => e.type === 'address_updated')).toHaveLength(2);
    expect(JSON.parse(events.at(-2)!.detail)).toEqual({ address_id: a.id, fields: ['city', 'country_code', 'label'] });
  });

  it('is all or nothing: an unknown id → 422 "index.id" and the other item is unchanged', async () => {
    const c = await newCustomer();
    const [a] = await create([address(c.id)]);
    const res = await call('PUT', '/v3/customers/addresses', {
      token,
      body: [
        { id: a.id, city: 'Leeds' },
        { id: 99999999, city: 'York' },
      ],
    });
    expect(res.status).toBe(422);
    expectErrorShape(res.body, 422);
    expect(Object.keys(res.body.errors)).toEqual(['1.id']);
    expect((await get(`id:in=${a.id}`)).data[0].city).toBe('London');
    const bad = await call('PUT', '/v3/customers/addresses', {
      token,
      body: [
        { id: a.id, city: 'Leeds' },
        { id: a.id, country_code: 'XX' },
      ],
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toHaveProperty('1.country_code');
    const moved = await call('PUT', '/v3/customers/addresses', { token, body: [{ id: a.id, customer_id: 1 }] });
    expect(moved.status).toBe(422);
    expect((await get(`id:in=${a.id}`)).data[0].city).toBe('London');
  });

  it('moves default flags within the batch, one default per customer', async () => {
    const c = await newCustomer();
    const [a, b] = await create([address(c.id, { is_default_shipping: true }), address(c.id)]);
    const res = await call('PUT', '/v3/customers/addresses', { token, body: [{ id: b.id, is_default_shipping: true, is_default_billing: true }] });
    expect(res.status, res.text).toBe(200);
    const list = (await get(`customer_id:in=${c.id}`)).data;
    expect(list.map((x: any) => [x.id, x.is_default_shipping, x.is_default_billing])).toEqual([
      [a.id, false, false],
      [b.id, true, true],
    ]);
    const twice = await call('PUT', '/v3/customers/addresses', {
      token,
      body: [
        { id: a.id, is_default_shipping: true },
        { id: b.id, is_default_shipping: true },
      ],
    });
    expect(twice.status).toBe(422);
    expect(twice.body.errors).toHaveProperty('1.is_default_shipping');
  });

  it('leaves out an update that would duplicate another address of the customer', async () => {
    const c = await newCustomer();
    const [a, b] = await create([address(c.id), address(c.id)]);
    const res = await call('PUT', '/v3/customers/addresses', { token, body: [{ id: b.id, address1: a.address1 }] });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([]);
    expect((await get(`id:in=${b.id}`)).data[0].address1).toBe(b.address1);
  });

  it('answers a read-only token with 403', async () => {
    const c = await newCustomer();
    const [a] = await create([address(c.id)]);
    const res = await call('PUT', '/v3/customers/addresses', { token: readOnly, body: [{ id: a.id, city: 'Leeds' }] });
    expect(res.status).toBe(403);
    expectErrorShape(res.body, 403);
  });
});

describe('DELETE /v3/customers/addresses', () => {
  it('deletes by id:in (204) and writes the timeline', async () => {
    const c = await newCustomer();
    const [a, b] = await create([address(c.id), address(c.id)]);
    const res = await call('DELETE', `/v3/customers/addresses?id:in=${a.id},99999999`, { token });
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect((await get(`customer_id:in=${c.id}`)).data.map((x: any) => x.id)).toEqual([b.id]);
    const events = await timeline(c.id);
    expect(events.at(-1)).toMatchObject({ type: 'address_deleted', actor_type: 'staff', actor_name: 'Address tester' });
    expect(JSON.parse(events.at(-1)!.detail)).toEqual({ address_id: a.id });
  });

  it('deletes nothing without a filter (422) or with a bad one', async () => {
    const c = await newCustomer();
    await create([address(c.id)]);
    for (const q of ['', '?id:in=', '?id:in=abc', '?customer_id:in=1']) {
      const res = await call('DELETE', `/v3/customers/addresses${q}`, { token });
      expect(res.status, q).toBe(422);
      expectErrorShape(res.body, 422);
    }
    expect((await get(`customer_id:in=${c.id}`)).data).toHaveLength(1);
  });

  it('answers a read-only token with 403 and deletes nothing', async () => {
    const c = await newCustomer();
    const [a] = await create([address(c.id)]);
    const res = await call('DELETE', `/v3/customers/addresses?id:in=${a.id}`, { token: readOnly });
    expect(res.status).toBe(403);
    expect((await get(`id:in=${a.id}`)).data).toHaveLength(1);
  });
});
