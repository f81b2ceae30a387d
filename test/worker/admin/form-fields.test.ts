// /v3/customers/form-fields through the worker with real D1: the store's sign-up and address field
// definitions, their per-type rules, name uniqueness, atomic batches, renames carrying values along.
import { beforeAll, describe, expect, it } from 'vitest';
import { adminToken, call, expectErrorShape, uniqueEmail } from '../../helpers/api';

let token: string;
let readOnly: string;

beforeAll(async () => {
  token = await adminToken(['store_v2_customers']);
  readOnly = await adminToken(['store_v2_customers_read_only']);
});

let counter = 0;
/** A field name no other test uses. */
function slug(prefix = 'f'): string {
  counter += 1;
  return `${prefix}_${Date.now().toString(36)}_${counter}_${Math.random().toString(36).slice(2, 6)}`;
}

function field(over: Record<string, unknown> = {}) {
  return { name: slug(), label: 'A field', type: 'text', applies_to: 'customer', ...over };
}

async function create(items: Record<string, unknown>[]) {
  const res = await call('POST', '/v3/customers/form-fields', { token, body: items });
  expect(res.status, res.text).toBe(200);
  return res.body.data as any[];
}

async function byIds(ids: number[]) {
  const res = await call('GET', `/v3/customers/form-fields?id:in=${ids.join(',')}`, { token });
  expect(res.status).toBe(200);
  return res.body.data as any[];
}

describe('POST /v3/customers/form-fields', () => {
  it('creates definitions in the documented shape inside {data, meta}', async () => {
    const res = await call('POST', '/v3/customers/form-fields', {
      token,
      body: [
        field({ label: 'Household size', type: 'number', min: 1, max: 20, required: true, sort_order: 3 }),
        field({ label: 'Delivery window', type: 'picklist', options: ['Morning', 'Evening'], applies_to: 'address' }),
      ],
    });
    expect(res.status, res.text).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['data', 'meta']);
    expect(res.body.meta).toEqual({});
    const [num, pick] = res.body.data;
    expect(num).toEqual({
      id: expect.any(Number),
      name: expect.stringMatching(/^f_/),
      label: 'Household size',
      type: 'number',
      required: true,
      options: [],
      min: 1,
      max: 20,
      max_length: null,
      min_date: null,
      max_date: null,
      default_value: null,
      applies_to: 'customer',
      sort_order: 3,
      date_created: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
      date_modified: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
    });
    expect(pick).toMatchObject({ type: 'picklist', options: ['Morning', 'Evening'], applies_to: 'address', required: false, sort_order: 0 });
  });

  it('accepts every type with its own settings', async () => {
    const made = await create([
      field({ type: 'text', max_length: 20 }),
      field({ type: 'multiline', max_length: 500 }),
      field({ type: 'password', max_length: 64 }),
      field({ type: 'number', min: 0 }),
      field({ type: 'date', min_date: '2000-01-01', max_date: '2030-12-31' }),
      field({ type: 'checkbox', options: ['Yes'] }),
      field({ type: 'checkboxes', options: ['A', 'B'] }),
      field({ type: 'radio', options: ['A', 'B'], default_value: 'B' }),
      field({ type: 'picklist', options: ['A', 'B'] }),
    ]);
    expect(made.map((f) => f.type)).toEqual(['text', 'multiline', 'password', 'number', 'date', 'checkbox', 'checkboxes', 'radio', 'picklist']);
    expect(made[4]).toMatchObject({ min_date: '2000-01-01', max_date: '2030-12-31' });
    expect(made[7].default_value).toBe('B');
  });

  it('refuses bad shapes: names that are not slugs, unknown types and fields, impossible dates (422 per item and field)', async () => {
    const res = await call('POST', '/v3/customers/form-fields', {
      token,
      body: [
        field({ name: 'Not A Slug!' }),
        field({ type: 'colour' }),
        field({ applies_to: 'order' }),
        field({ type: 'date', min_date: '2020-02-30' }),
        field({ extra: true }),
        field({ label: '' }),
        field({ type: 'number', min: '1' }),
        field(),
      ],
    });
    expect(res.status).toBe(422);
    expectErrorShape(res.body, 422);
    expect(Object.keys(res.body.errors).sort()).toEqual(['0.name', '1.type', '2.applies_to', '3.min_date', '4.extra', '5.label', '6.min']);
  });

  it('refuses settings that do not belong to the type and missing options', async () => {
    const res = await call('POST', '/v3/customers/form-fields', {
      token,
      body: [
        field({ type: 'picklist' }),
        field({ type: 'text', options: ['A'] }),
        field({ type: 'text', min: 1 }),
        field({ type: 'number', max_length: 5 }),
        field({ type: 'text', min_date: '2020-01-01' }),
        field({ type: 'number', min: 5, max: 1 }),
        field({ type: 'radio', options: ['A', 'A'] }),
        field({ type: 'radio', options: ['A'], default_value: 'Z' }),
        field({ type: 'date', min_date: '2020-01-02', max_date: '2020-01-01' }),
        field({ type: 'password', default_value: 'secret' }),
        field({ type: 'checkboxes', options: [] }),
        field(),
      ],
    });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual({
      '0.options': expect.any(String),
      '1.options': expect.any(String),
      '2.min': expect.any(String),
      '3.max_length': expect.any(String),
      '4.min_date': expect.any(String),
      '5.max': expect.any(String),
      '6.options': expect.any(String),
      '7.default_value': expect.any(String),
      '8.max_date': expect.any(String),
      '9.default_value': expect.any(String),
      '10.options': expect.any(String),
    });
  });

  it('writes nothing when one item is invalid', async () => {
    const good = field();
    const res = await call('POST', '/v3/customers/form-fields', { token, body: [good, field({ type: 'picklist' })] });
    expect(res.status).toBe(422);
    const list = await call('GET', `/v3/customers/form-fields?name:in=${good.name}`, { token });
    expect(list.body.data).toHaveLength(0);
  });

  it('keeps names unique per applies_to in any case (409), in the batch and against stored fields', async () => {
    const name = slug('dup');
    await create([field({ name })]);
    const again = await call('POST', '/v3/customers/form-fields', { token, body: [field(), field({ name })] });
    expect(again.status).toBe(409);
    expectErrorShape(again.body, 409);
    expect(Object.keys(again.body.errors)).toEqual(['1.name']);
    const other = slug('twice');
    const twice = await call('POST', '/v3/customers/form-fields', { token, body: [field({ name: other }), field({ name: other })] });
    expect(twice.status).toBe(409);
    expect(twice.body.errors).toHaveProperty('1.name');
    expect((await call('GET', `/v3/customers/form-fields?name:in=${other}`, { token })).body.data).toHaveLength(0);
    // The same name may exist once for customers and once for addresses.
    const [addressField] = await create([field({ name, applies_to: 'address' })]);
    expect(addressField.name).toBe(name);
  });

  it('answers 413 above 100 items and 400 for malformed JSON', async () => {
    const tooMany = await call('POST', '/v3/customers/form-fields', { token, body: Array.from({ length: 101 }, () => field()) });
    expect(tooMany.status).toBe(413);
    expectErrorShape(tooMany.body, 413);
    const bad = await call('POST', '/v3/customers/form-fields', { token, rawBody: '[{', headers: { 'Content-Type': 'application/json' } });
    expect(bad.status).toBe(400);
    expectErrorShape(bad.body, 400);
    const notArray = await call('POST', '/v3/customers/form-fields', { token, body: field() });
    expect(notArray.status).toBe(422);
  });
});

describe('GET /v3/customers/form-fields', () => {
  it('lists every definition ordered by applies_to then sort_order, filtered by applies_to', async () => {
    const [late, early, addr] = await create([
      field({ sort_order: 900_001 }),
      field({ sort_order: -900_001 }),
      field({ applies_to: 'address', sort_order: -900_002 }),
    ]);
    const all = await call('GET', '/v3/customers/form-fields', { token });
    expect(all.status).toBe(200);
    const names = all.body.data.map((f: any) => f.name);
    expect(names.indexOf(addr.name)).toBeLessThan(names.indexOf(early.name));
    expect(names.indexOf(early.name)).toBeLessThan(names.indexOf(late.name));
    const order = all.body.data.map((f: any) => [f.applies_to, f.sort_order]);
    expect(order).toEqual([...order].sort((a: any, b: any) => (a[0] === b[0] ? a[1] - b[1] : a[0] < b[0] ? -1 : 1)));

    const customers = await call('GET', '/v3/customers/form-fields?applies_to=customer', { token });
    expect(customers.body.data.every((f: any) => f.applies_to === 'customer')).toBe(true);
    expect(customers.body.data.map((f: any) => f.name)).toContain(late.name);
    const addresses = await call('GET', '/v3/customers/form-fields?applies_to=address', { token });
    expect(addresses.body.data.map((f: any) => f.name)).toEqual(expect.arrayContaining([addr.name]));
    expect(addresses.body.data.every((f: any) => f.applies_to === 'address')).toBe(true);
  });

  it('answers an unknown parameter or value with 422 naming it', async () => {
    for (const q of ['applies_to=order', 'colour=red', 'id:in=x']) {
      const res = await call('GET', `/v3/customers/form-fields?${q}`, { token });
      expect(res.status, q).toBe(422);
      expect(Object.keys(res.body.errors)[0]).toBe(q.split('=')[0]);
    }
  });

  it('is readable with the read-only scope and needs a token', async () => {
    expect((await call('GET', '/v3/customers/form-fields', { token: readOnly })).status).toBe(200);
    const none = await call('GET', '/v3/customers/form-fields');
    expect(none.status).toBe(401);
    expectErrorShape(none.body, 401);
  });
});

describe('PUT /v3/customers/form-fields', () => {
  it('updates by id, clears a setting with null, and keeps the type', async () => {
    const [f] = await create([field({ type: 'number', min: 1, max: 10 })]);
    const res = await call('PUT', '/v3/customers/form-fields', {
      token,
      body: [{ id: f.id, label: 'Renamed label', max: null, required: true, sort_order: 7, type: 'number' }],
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.meta).toEqual({});
    expect(res.body.data[0]).toMatchObject({
      id: f.id,
      name: f.name,
      label: 'Renamed label',
      type: 'number',
      min: 1,
      max: null,
      required: true,
      sort_order: 7,
    });
    const changeType = await call('PUT', '/v3/customers/form-fields', { token, body: [{ id: f.id, type: 'text' }] });
    expect(changeType.status).toBe(422);
    expect(changeType.body.errors).toHaveProperty('0.type');
    const changeTarget = await call('PUT', '/v3/customers/form-fields', { token, body: [{ id: f.id, applies_to: 'address' }] });
    expect(changeTarget.status).toBe(422);
    expect(changeTarget.body.errors).toHaveProperty('0.applies_to');
  });

  it('checks the merged definition, unknown ids, repeated ids, and writes nothing on any error', async () => {
    const [a, b] = await create([field({ type: 'picklist', options: ['X'] }), field()]);
    const res = await call('PUT', '/v3/customers/form-fields', {
      token,
      body: [
        { id: b.id, label: 'Changed' },
        { id: a.id, options: [] },
        { id: 999_999_999, label: 'x' },
        { id: b.id, label: 'again' },
      ],
    });
    expect(res.status).toBe(422);
    expect(res.body.errors).toMatchObject({ '1.options': expect.any(String), '2.id': expect.any(String), '3.id': expect.any(String) });
    const [storedA, storedB] = await byIds([a.id, b.id]);
    expect(storedA.options).toEqual(['X']);
    expect(storedB.label).toBe('A field');
  });

  it('refuses a rename onto a name in use (409), and carries stored values along on a rename', async () => {
    const [a, b] = await create([field(), field()]);
    const clash = await call('PUT', '/v3/customers/form-fields', { token, body: [{ id: a.id, name: b.name }] });
    expect(clash.status).toBe(409);
    expect(clash.body.errors).toHaveProperty('0.name');

    const created = await call('POST', '/v3/customers', { token, body: [{ email: uniqueEmail('ff'), first_name: 'F', last_name: 'F' }] });
    const customerId = created.body.data[0].id;
    const put = await call('PUT', '/v3/customers/form-field-values', { token, body: [{ customer_id: customerId, name: a.name, value: 'kept' }] });
    expect(put.status, put.text).toBe(200);
    const newName = slug('renamed');
    expect((await call('PUT', '/v3/customers/form-fields', { token, body: [{ id: a.id, name: newName }] })).status).toBe(200);
    const values = await call('GET', `/v3/customers/form-field-values?customer_id=${customerId}`, { token });
    expect(values.body.data).toEqual([{ customer_id: customerId, name: newName, value: 'kept' }]);
  });
});

describe('DELETE /v3/customers/form-fields', () => {
  it('deletes definitions by id:in; values stay stored by name', async () => {
    const [f, g] = await create([field(), field()]);
    const created = await call('POST', '/v3/customers', { token, body: [{ email: uniqueEmail('del'), first_name: 'D', last_name: 'D' }] });
    const customerId = created.body.data[0].id;
    await call('PUT', '/v3/customers/form-field-values', { token, body: [{ customer_id: customerId, name: f.name, value: 'stays' }] });
    const res = await call('DELETE', `/v3/customers/form-fields?id:in=${f.id}`, { token });
    expect(res.status).toBe(204);
    expect(await byIds([f.id, g.id])).toEqual([expect.objectContaining({ id: g.id })]);
    const values = await call('GET', `/v3/customers/form-field-values?customer_id=${customerId}`, { token });
    expect(values.body.data).toEqual([{ customer_id: customerId, name: f.name, value: 'stays' }]);
    // Writing a value for a deleted field is refused.
    const write = await call('PUT', '/v3/customers/form-field-values', { token, body: [{ customer_id: customerId, name: f.name, value: 'x' }] });
    expect(write.status).toBe(422);
  });

  it('deletes nothing without a filter (422)', async () => {
    const [f] = await create([field()]);
    for (const q of ['', '?id:in=']) {
      const res = await call('DELETE', `/v3/customers/form-fields${q}`, { token });
      expect(res.status).toBe(422);
      expectErrorShape(res.body, 422);
      expect(res.body.errors).toHaveProperty('id:in');
    }
    expect(await byIds([f.id])).toHaveLength(1);
  });
});

describe('read-only tokens', () => {
  it('get 403 on every write and change nothing', async () => {
    const [f] = await create([field()]);
    const writes = [
      call('POST', '/v3/customers/form-fields', { token: readOnly, body: [field()] }),
      call('PUT', '/v3/customers/form-fields', { token: readOnly, body: [{ id: f.id, label: 'nope' }] }),
      call('DELETE', `/v3/customers/form-fields?id:in=${f.id}`, { token: readOnly }),
    ];
    for (const res of await Promise.all(writes)) {
      expect(res.status).toBe(403);
      expectErrorShape(res.body, 403);
    }
    expect((await byIds([f.id]))[0].label).toBe('A field');
  });
});
