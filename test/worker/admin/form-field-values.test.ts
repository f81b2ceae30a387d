// /v3/customers/form-field-values through the worker with real D1: customer and address values, each
// checked against its field's definition, all-or-nothing upserts, filters and paging.
import { beforeAll, describe, expect, it } from 'vitest';
import { adminToken, call, expectErrorShape, uniqueEmail } from '../../helpers/api';

let token: string;
let readOnly: string;

const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
/** Field names unique to this run, by type. */
const F = {
  text: `v_text_${run}`,
  multiline: `v_multiline_${run}`,
  password: `v_password_${run}`,
  number: `v_number_${run}`,
  date: `v_date_${run}`,
  checkbox: `v_checkbox_${run}`,
  checkboxes: `v_checkboxes_${run}`,
  radio: `v_radio_${run}`,
  picklist: `v_picklist_${run}`,
  required: `v_required_${run}`,
  doorCode: `v_door_${run}`,
  window: `v_window_${run}`,
};

let customerA: number;
let customerB: number;
let addressA: number;

async function createCustomer(withAddress: boolean) {
  const res = await call('POST', '/v3/customers', {
    token,
    body: [
      {
        email: uniqueEmail('ffv'),
        first_name: 'Val',
        last_name: 'Ues',
        ...(withAddress
          ? { addresses: [{ first_name: 'Val', last_name: 'Ues', address1: '1 Main St', city: 'Springfield', country_code: 'US' }] }
          : {}),
      },
    ],
  });
  expect(res.status, res.text).toBe(200);
  return res.body.data[0];
}

async function put(items: unknown[], as = token) {
  return call('PUT', '/v3/customers/form-field-values', { token: as, body: items });
}

async function valuesOf(query: string) {
  const res = await call('GET', `/v3/customers/form-field-values?${query}`, { token });
  expect(res.status, res.text).toBe(200);
  return res.body.data as any[];
}

beforeAll(async () => {
  token = await adminToken(['store_v2_customers']);
  readOnly = await adminToken(['store_v2_customers_read_only']);
  const defs = await call('POST', '/v3/customers/form-fields', {
    token,
    body: [
      { name: F.text, label: 'Loyalty number', type: 'text', max_length: 5, applies_to: 'customer' },
      { name: F.multiline, label: 'About you', type: 'multiline', max_length: 20, applies_to: 'customer' },
      { name: F.password, label: 'Secret word', type: 'password', max_length: 8, applies_to: 'customer' },
      { name: F.number, label: 'Household size', type: 'number', min: 1, max: 10, applies_to: 'customer' },
      { name: F.date, label: 'Birthday', type: 'date', min_date: '2000-01-01', max_date: '2030-12-31', applies_to: 'customer' },
      { name: F.checkbox, label: 'Terms', type: 'checkbox', options: ['Yes'], applies_to: 'customer' },
      { name: F.checkboxes, label: 'Interests', type: 'checkboxes', options: ['A', 'B', 'C'], applies_to: 'customer' },
      { name: F.radio, label: 'Contact', type: 'radio', options: ['A', 'B'], applies_to: 'customer' },
      { name: F.picklist, label: 'Size', type: 'picklist', options: ['Small', 'Large'], applies_to: 'customer' },
      { name: F.required, label: 'Nickname', type: 'text', required: true, applies_to: 'customer' },
      { name: F.doorCode, label: 'Door code', type: 'text', max_length: 12, applies_to: 'address' },
      { name: F.window, label: 'Delivery window', type: 'picklist', options: ['Morning', 'Evening'], applies_to: 'address' },
    ],
  });
  expect(defs.status, defs.text).toBe(200);
  const a = await createCustomer(true);
  customerA = a.id;
  addressA = a.addresses[0].id;
  customerB = (await createCustomer(false)).id;
});

describe('PUT /v3/customers/form-field-values', () => {
  it('upserts customer and address values and answers in the spec shape', async () => {
    const res = await put([
      { customer_id: customerA, name: F.text, value: 'AB123' },
      { address_id: addressA, name: F.doorCode, value: '4711#' },
    ]);
    expect(res.status, res.text).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['data', 'meta']);
    expect(res.body.meta).toEqual({});
    expect(res.body.data).toEqual([
      { customer_id: customerA, name: F.text, value: 'AB123' },
      { address_id: addressA, name: F.doorCode, value: '4711#' },
    ]);

    // Again: replaced, not duplicated.
    expect(
      (
        await put([
          { customer_id: customerA, name: F.text, value: 'ZZ9' },
          { address_id: addressA, name: F.doorCode, value: '0000' },
        ])
      ).status,
    ).toBe(200);
    expect(await valuesOf(`customer_id=${customerA}&field_name=${F.text}`)).toEqual([{ customer_id: customerA, name: F.text, value: 'ZZ9' }]);
    expect(await valuesOf(`address_id=${addressA}&field_name=${F.doorCode}`)).toEqual([{ address_id: addressA, name: F.doorCode, value: '0000' }]);

    // Address values live on the address (customer_addresses.form_fields).
    const customer = await call('GET', `/v3/customers?id:in=${customerA}&include=addresses,formfields`, { token });
    const onAddress = customer.body.data[0].addresses[0].form_fields;
    expect(onAddress.filter((f: any) => f.name === F.doorCode)).toEqual([{ name: F.doorCode, value: '0000', address_id: addressA }]);
    expect(customer.body.data[0].form_fields).toEqual(expect.arrayContaining([{ name: F.text, value: 'ZZ9', customer_id: customerA }]));
  });

  it('matches names in any case and stores the definition name', async () => {
    const res = await put([{ address_id: addressA, name: F.window.toUpperCase(), value: 'Evening' }]);
    expect(res.status, res.text).toBe(200);
    expect(res.body.data).toEqual([{ address_id: addressA, name: F.window, value: 'Evening' }]);
    expect((await valuesOf(`address_id=${addressA}&field_name=${F.window}`))[0].value).toBe('Evening');
  });

  it('checks every field type: good values are stored (normalised), bad ones refused', async () => {
    const good: [string, unknown, unknown][] = [
      [F.text, 'abcde', 'abcde'],
      [F.multiline, 'line one\nline two', 'line one\nline two'],
      [F.password, 'hunter2', 'hunter2'],
      [F.number, '7', 7],
      [F.date, '2020-02-29', '2020-02-29'],
      [F.checkbox, ['Yes'], 'Yes'],
      [F.checkboxes, ['A', 'C'], ['A', 'C']],
      [F.radio, 'B', 'B'],
      [F.picklist, 'Large', 'Large'],
      [F.required, 'Ada', 'Ada'],
    ];
    const res = await put(good.map(([name, value]) => ({ customer_id: customerB, name, value })));
    expect(res.status, res.text).toBe(200);
    expect(res.body.data.map((v: any) => v.value)).toEqual(good.map(([, , stored]) => stored));
    const stored = await valuesOf(`customer_id=${customerB}`);
    for (const [name, , value] of good) expect(stored).toContainEqual({ customer_id: customerB, name, value });
    // A number given as a number stays a number.
    expect((await put([{ customer_id: customerB, name: F.number, value: 10 }])).body.data[0].value).toBe(10);

    const bad: [string, unknown][] = [
      [F.text, 'abcdef'], // longer than max_length 5
      [F.text, 12], // not text
      [F.text, 'a\nb'], // single line only
      [F.multiline, 'x'.repeat(21)],
      [F.password, 'x'.repeat(9)],
      [F.number, 0], // below min
      [F.number, 11], // above max
      [F.number, 'many'],
      [F.date, '2020-02-30'], // not a real day
      [F.date, '1999-12-31'], // before min_date
      [F.date, '2031-01-01'], // after max_date
      [F.date, 'tomorrow'],
      [F.checkbox, 'No'],
      [F.checkbox, ['Yes', 'Yes']],
      [F.checkboxes, ['D']],
      [F.checkboxes, 'A'],
      [F.checkboxes, ['A', 'A']],
      [F.radio, 'Z'],
      [F.radio, ['A']],
      [F.picklist, 'Medium'],
      [F.required, ''], // required
    ];
    for (const [name, value] of bad) {
      const refused = await put([{ customer_id: customerB, name, value }]);
      expect(refused.status, `${name} ${JSON.stringify(value)}`).toBe(422);
      expectErrorShape(refused.body, 422);
      expect(Object.keys(refused.body.errors), `${name} ${JSON.stringify(value)}`).toEqual(['0.value']);
      expect(refused.text).not.toMatch(/ZodError|SQLITE|SELECT/);
    }
    expect(await valuesOf(`customer_id=${customerB}`)).toEqual(
      expect.arrayContaining(good.slice(0, 3).map(([name, , value]) => ({ customer_id: customerB, name, value }))),
    );
  });

  it('writes nothing when one item of a batch is bad', async () => {
    const before = await put([
      { customer_id: customerB, name: F.multiline, value: 'line one\nline two' },
      { address_id: addressA, name: F.doorCode, value: 'before' },
    ]);
    expect(before.status, before.text).toBe(200);
    const refused = await put([
      { customer_id: customerB, name: F.multiline, value: 'changed' },
      { address_id: addressA, name: F.doorCode, value: 'changed' },
      { customer_id: customerB, name: F.number, value: 99 },
    ]);
    expect(refused.status).toBe(422);
    expect(Object.keys(refused.body.errors)).toEqual(['2.value']);
    expect((await valuesOf(`customer_id=${customerB}&field_name=${F.multiline}`))[0].value).toBe('line one\nline two');
    expect((await valuesOf(`address_id=${addressA}&field_name=${F.doorCode}`))[0].value).toBe('before');
  });

  it('refuses a value that is not a string, number or list of strings', async () => {
    for (const value of [{ a: 1 }, true, null, [1, 2]]) {
      const res = await put([{ customer_id: customerB, name: F.text, value }]);
      expect(res.status, JSON.stringify(value)).toBe(422);
      expect(res.body.errors).toHaveProperty('0.value');
    }
  });

  it('refuses unknown field names (422 "index.name"), including a customer field on an address', async () => {
    const res = await put([
      { customer_id: customerA, name: F.text, value: 'ok' },
      { customer_id: customerA, name: 'no_such_field', value: 'x' },
      { address_id: addressA, name: F.text, value: 'x' },
      { customer_id: customerA, name: F.doorCode, value: 'x' },
    ]);
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.errors).sort()).toEqual(['1.name', '2.name', '3.name']);
  });

  it('needs exactly one existing customer or address', async () => {
    const res = await put([
      { customer_id: 999_999_999, name: F.text, value: 'x' },
      { address_id: 999_999_999, name: F.doorCode, value: 'x' },
    ]);
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.errors).sort()).toEqual(['0.customer_id', '1.address_id']);
    const both = await put([
      { customer_id: customerA, address_id: addressA, name: F.text, value: 'x' },
      { name: F.text, value: 'x' },
    ]);
    expect(both.status).toBe(422);
    expect(Object.keys(both.body.errors).sort()).toEqual(['0.customer_id', '1.customer_id']);
    const extra = await put([{ customer_id: customerA, name: F.text, value: 'x', colour: 'red' }]);
    expect(extra.status).toBe(422);
    expect(extra.body.errors).toHaveProperty('0.colour');
  });

  it('refuses the same value twice in one batch, empty batches and more than 100 items', async () => {
    const twice = await put([
      { customer_id: customerA, name: F.text, value: 'a' },
      { customer_id: customerA, name: F.text.toUpperCase(), value: 'b' },
    ]);
    expect(twice.status).toBe(422);
    expect(twice.body.errors).toHaveProperty('1.name');
    expect((await put([])).status).toBe(422);
    const tooMany = await put(Array.from({ length: 101 }, () => ({ customer_id: customerA, name: F.text, value: 'a' })));
    expect(tooMany.status).toBe(413);
    expectErrorShape(tooMany.body, 413);
  });

  it('gives read-only tokens 403 and writes nothing', async () => {
    const res = await put([{ customer_id: customerA, name: F.picklist, value: 'Small' }], readOnly);
    expect(res.status).toBe(403);
    expectErrorShape(res.body, 403);
    expect(await valuesOf(`customer_id=${customerA}&field_name=${F.picklist}`)).toEqual([]);
  });
});

describe('GET /v3/customers/form-field-values', () => {
  let customerC: number;
  let addressC: number;

  beforeAll(async () => {
    const c = await createCustomer(true);
    customerC = c.id;
    addressC = c.addresses[0].id;
    const res = await put([
      { customer_id: customerC, name: F.number, value: 3 },
      { customer_id: customerC, name: F.radio, value: 'A' },
      { customer_id: customerC, name: F.checkboxes, value: ['B'] },
      { address_id: addressC, name: F.doorCode, value: '12' },
      { address_id: addressC, name: F.window, value: 'Morning' },
    ]);
    expect(res.status, res.text).toBe(200);
  });

  it('answers {data, meta} with customer and address items in the spec shape', async () => {
    const res = await call('GET', '/v3/customers/form-field-values', { token: readOnly });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['data', 'meta']);
    for (const item of res.body.data) {
      const keys = Object.keys(item).sort();
      expect([
        ['customer_id', 'name', 'value'],
        ['address_id', 'name', 'value'],
      ]).toContainEqual(keys);
      expect(typeof (item.customer_id ?? item.address_id)).toBe('number');
      expect(typeof item.name).toBe('string');
      expect(typeof item.value === 'string' || typeof item.value === 'number' || Array.isArray(item.value)).toBe(true);
    }
    expect(res.body.data).toEqual(expect.arrayContaining([{ address_id: addressC, name: F.window, value: 'Morning' }]));
    const { pagination, cursor_pagination } = res.body.meta;
    expect(pagination).toMatchObject({
      total: expect.any(Number),
      count: res.body.data.length,
      per_page: 50,
      current_page: 1,
      total_pages: expect.any(Number),
    });
    expect(cursor_pagination).toMatchObject({
      count: res.body.data.length,
      per_page: 50,
      start_cursor: expect.any(String),
      end_cursor: expect.any(String),
    });
  });

  it('filters by customer_id, address_id, field_name and field_type (spec names and ours)', async () => {
    expect(await valuesOf(`customer_id=${customerC}`)).toEqual([
      { customer_id: customerC, name: F.checkboxes, value: ['B'] },
      { customer_id: customerC, name: F.number, value: 3 },
      { customer_id: customerC, name: F.radio, value: 'A' },
    ]);
    expect(await valuesOf(`address_id=${addressC}`)).toEqual([
      { address_id: addressC, name: F.doorCode, value: '12' },
      { address_id: addressC, name: F.window, value: 'Morning' },
    ]);
    expect(await valuesOf(`field_name=${F.window.toUpperCase()}&address_id=${addressC}`)).toEqual([
      { address_id: addressC, name: F.window, value: 'Morning' },
    ]);
    expect(await valuesOf(`customer_id=${customerC}&field_type=numbers`)).toEqual([{ customer_id: customerC, name: F.number, value: 3 }]);
    expect(await valuesOf(`customer_id=${customerC}&field_type=radiobuttons`)).toEqual([{ customer_id: customerC, name: F.radio, value: 'A' }]);
    expect(await valuesOf(`customer_id=${customerC}&field_type=checkboxes`)).toHaveLength(1);
    expect(await valuesOf(`address_id=${addressC}&field_type=picklist`)).toEqual([{ address_id: addressC, name: F.window, value: 'Morning' }]);
    expect(await valuesOf(`address_id=${addressC}&field_type=text`)).toEqual([{ address_id: addressC, name: F.doorCode, value: '12' }]);
    expect(await valuesOf(`customer_id=${customerC}&field_type=date`)).toEqual([]);
    // field_type and field_name together span customers and addresses.
    const pick = await valuesOf(`field_type=picklist&field_name=${F.window}`);
    expect(pick).toContainEqual({ address_id: addressC, name: F.window, value: 'Morning' });
    expect(pick.every((v) => v.name === F.window)).toBe(true);
  });

  it('pages with page/limit and with cursors', async () => {
    const p1 = await call('GET', `/v3/customers/form-field-values?customer_id=${customerC}&limit=2`, { token });
    expect(p1.body.data).toHaveLength(2);
    expect(p1.body.meta.pagination).toMatchObject({ total: 3, count: 2, per_page: 2, current_page: 1, total_pages: 2 });
    expect(p1.body.meta.pagination.links).toMatchObject({ current: '?page=1&limit=2', next: '?page=2&limit=2' });
    const p2 = await call('GET', `/v3/customers/form-field-values?customer_id=${customerC}&limit=2&page=2`, { token });
    expect(p2.body.data).toEqual([{ customer_id: customerC, name: F.radio, value: 'A' }]);
    const next = await call(
      'GET',
      `/v3/customers/form-field-values?customer_id=${customerC}&limit=2&after=${p1.body.meta.cursor_pagination.end_cursor}`,
      {
        token,
      },
    );
    expect(next.body.data).toEqual(p2.body.data);
    expect(next.body.meta.pagination).toBeUndefined();
    expect(next.body.meta.cursor_pagination).toMatchObject({ count: 1, per_page: 2 });
    const back = await call(
      'GET',
      `/v3/customers/form-field-values?customer_id=${customerC}&limit=2&before=${next.body.meta.cursor_pagination.start_cursor}`,
      {
        token,
      },
    );
    expect(back.body.data).toEqual(p1.body.data);
  });

  it('answers unknown parameters and bad values with 422 naming the parameter', async () => {
    for (const q of ['customer_id=abc', 'address_id=0', 'field_type=colour', 'colour=red', 'limit=0', 'after=garbage', 'field_name=']) {
      const res = await call('GET', `/v3/customers/form-field-values?${q}`, { token });
      expect(res.status, q).toBe(422);
      expectErrorShape(res.body, 422);
      expect(Object.keys(res.body.errors)[0], q).toBe(q.split('=')[0]);
    }
  });

  it('follows an address field rename (values move with the name)', async () => {
    const defs = await call('GET', `/v3/customers/form-fields?applies_to=address&name:in=${F.doorCode}`, { token });
    const def = defs.body.data[0];
    const renamed = `${F.doorCode}_2`;
    const res = await call('PUT', '/v3/customers/form-fields', { token, body: [{ id: def.id, name: renamed }] });
    expect(res.status, res.text).toBe(200);
    expect(await valuesOf(`address_id=${addressC}`)).toEqual([
      { address_id: addressC, name: renamed, value: '12' },
      { address_id: addressC, name: F.window, value: 'Morning' },
    ]);
    await call('PUT', '/v3/customers/form-fields', { token, body: [{ id: def.id, name: F.doorCode }] });
  });
});
