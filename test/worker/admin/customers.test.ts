// /v3/customers through the worker with real D1: filters, paging, includes, atomic batches, limits.
import { beforeAll, describe, expect, it } from 'vitest';
import { adminToken, call, expectErrorShape, uniqueEmail } from '../../helpers/api';
import { expectShape, type Kind, PAGINATION_SHAPE } from '../../helpers/shape';

let token: string;
let readOnly: string;

beforeAll(async () => {
  token = await adminToken(['store_v2_customers']);
  readOnly = await adminToken(['store_v2_customers_read_only']);
});

function customer(over: Record<string, unknown> = {}) {
  return { email: uniqueEmail(), first_name: 'Ada', last_name: 'Lovelace', ...over };
}

async function create(items: Record<string, unknown>[]) {
  const res = await call('POST', '/v3/customers', { token, body: items });
  expect(res.status, res.text).toBe(200);
  return res.body.data as any[];
}

describe('POST /v3/customers', () => {
  it('creates customers in the BigCommerce shape, never showing a password hash', async () => {
    const [c] = await create([
      customer({
        company: 'Analytical Engines',
        phone: '555-0100',
        notes: 'VIP',
        authentication: { new_password: 'correct horse battery staple' },
        addresses: [
          { first_name: 'Ada', last_name: 'Lovelace', address1: '1 St James Sq', city: 'London', country_code: 'GB', postal_code: 'SW1Y 4JH' },
        ],
      }),
    ]);
    expect(c).toMatchObject({
      id: expect.any(Number),
      first_name: 'Ada',
      last_name: 'Lovelace',
      company: 'Analytical Engines',
      phone: '555-0100',
      notes: 'VIP',
      customer_group_id: 0,
      address_count: 1,
      attribute_count: 0,
      authentication: { force_password_reset: false },
      store_credit_amounts: [],
      accepts_product_review_abandoned_cart_emails: false,
      email_verified: false,
      origin_channel_id: 1,
      channel_ids: [1],
      registration_ip_address: '',
      tax_exempt_category: '',
    });
    expect(c.date_created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(c.addresses[0]).toMatchObject({ country: 'United Kingdom', country_code: 'GB', customer_id: c.id, address_type: 'residential' });
    expect(JSON.stringify(c)).not.toMatch(/pbkdf2|password_hash/);
  });

  it('writes nothing when one item of 100 is invalid (422 naming the item and field)', async () => {
    const marker = `Batch${Date.now()}`;
    const items = Array.from({ length: 100 }, (_, i) => customer({ last_name: marker, first_name: `N${i}` }));
    items[57] = { ...items[57]!, email: 'not-an-email' };
    const res = await call('POST', '/v3/customers', { token, body: items });
    expect(res.status).toBe(422);
    expectErrorShape(res.body, 422);
    expect(Object.keys(res.body.errors)).toEqual(['57.email']);
    const list = await call('GET', `/v3/customers?name:like=${marker}`, { token });
    expect(list.body.meta.pagination.total).toBe(0);
  });

  it('accepts 100 customers at once and refuses 101 with 413', async () => {
    const marker = `Hundred${Date.now()}`;
    const ok = await call('POST', '/v3/customers', { token, body: Array.from({ length: 100 }, () => customer({ last_name: marker })) });
    expect(ok.status).toBe(200);
    expect(ok.body.data).toHaveLength(100);
    const tooMany = await call('POST', '/v3/customers', { token, body: Array.from({ length: 101 }, () => customer()) });
    expect(tooMany.status).toBe(413);
    expectErrorShape(tooMany.body, 413);
  });

  it('refuses an existing email in another case, and an email repeated in the batch (409)', async () => {
    const email = uniqueEmail('dup');
    await create([customer({ email })]);
    const again = await call('POST', '/v3/customers', { token, body: [customer({ email: email.toUpperCase() })] });
    expect(again.status).toBe(409);
    expect(again.body.errors).toHaveProperty('0.email');
    const other = uniqueEmail('twice');
    const twice = await call('POST', '/v3/customers', { token, body: [customer({ email: other }), customer({ email: other.toUpperCase() })] });
    expect(twice.status).toBe(409);
    expect(twice.body.errors).toHaveProperty('1.email');
    const list = await call('GET', `/v3/customers?email:in=${encodeURIComponent(other)}`, { token });
    expect(list.body.data).toHaveLength(0);
  });

  it('rejects unknown fields, wrong types and over-long strings with field paths', async () => {
    const res = await call('POST', '/v3/customers', {
      token,
      body: [customer({ nickname: 'x' }), customer({ first_name: 42 }), customer({ company: 'x'.repeat(256) })],
    });
    expect(res.status).toBe(422);
    expect(res.body.errors).toMatchObject({ '0.nickname': expect.any(String), '1.first_name': expect.any(String), '2.company': expect.any(String) });
    expect(res.text).not.toMatch(/ZodError|at \w+ \(|SQLITE|SELECT/);
  });

  it('refuses two default shipping addresses for one customer, naming the second (not a 409)', async () => {
    const a = { first_name: 'A', last_name: 'B', address1: '1 x', city: 'y', country_code: 'US', is_default_shipping: true };
    const res = await call('POST', '/v3/customers', { token, body: [customer({ addresses: [a, { ...a, address1: '2 x' }] })] });
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.errors)).toEqual(['0.addresses.1.is_default_shipping']);
  });

  it('refuses a weak password and an unknown group', async () => {
    const res = await call('POST', '/v3/customers', {
      token,
      body: [customer({ authentication: { new_password: 'short' } }), customer({ customer_group_id: 999999 })],
    });
    expect(res.status).toBe(422);
    expect(res.body.errors).toHaveProperty(['0.authentication.new_password']);
    expect(res.body.errors).toHaveProperty(['1.customer_group_id']);
  });

  it('answers malformed JSON with 400 and a non-JSON type with 415', async () => {
    const bad = await call('POST', '/v3/customers', { token, rawBody: '[{"email":', headers: { 'Content-Type': 'application/json' } });
    expect(bad.status).toBe(400);
    expectErrorShape(bad.body, 400);
    const text = await call('POST', '/v3/customers', { token, rawBody: '[]', headers: { 'Content-Type': 'text/plain' } });
    expect(text.status).toBe(415);
    expectErrorShape(text.body, 415);
  });
});

describe('GET /v3/customers', () => {
  const marker = `Filter${Date.now()}`;
  let made: any[];

  beforeAll(async () => {
    made = await create([
      customer({
        first_name: 'Grace',
        last_name: `${marker}Hopper`,
        company: `${marker} Navy`,
        phone: `${marker}-1`,
        registration_ip_address: '10.0.0.1',
      }),
      customer({ first_name: 'Alan', last_name: `${marker}Turing`, company: `${marker} Bletchley`, phone: `${marker}-2` }),
      customer({ first_name: 'Katherine', last_name: `${marker}Johnson`, company: `${marker} NASA`, phone: `${marker}-3` }),
    ]);
  });

  const ids = () => made.map((c) => c.id).join(',');
  const names = (res: { body: any }) => res.body.data.map((c: any) => c.first_name);

  it('filters by id:in, email:in (any case), name:in, name:like, company:in, phone:in, registration_ip_address:in', async () => {
    expect(names(await call('GET', `/v3/customers?id:in=${made[0].id},${made[2].id}`, { token }))).toEqual(['Grace', 'Katherine']);
    expect(names(await call('GET', `/v3/customers?email:in=${encodeURIComponent(made[1].email.toUpperCase())}`, { token }))).toEqual(['Alan']);
    expect(names(await call('GET', `/v3/customers?name:in=${encodeURIComponent(`Grace ${marker}Hopper`)}`, { token }))).toEqual(['Grace']);
    expect(names(await call('GET', `/v3/customers?name:like=${marker}tur`, { token }))).toEqual(['Alan']);
    expect(names(await call('GET', `/v3/customers?id:in=${ids()}&name:like=Al`, { token }))).toEqual(['Alan']);
    expect(names(await call('GET', `/v3/customers?name:like=${marker}tur,${marker}HOP`, { token }))).toEqual(['Grace', 'Alan']);
    for (const odd of ['"quoted"', '100%', 'a_b', "o'brien", 'abc\u0000def', '\u0000', 'x'.repeat(60)]) {
      const res = await call('GET', `/v3/customers?id:in=${ids()}&name:like=${encodeURIComponent(odd)}`, { token });
      expect(res.status, odd).toBe(200);
      expect(res.body.data, odd).toEqual([]);
    }
    expect(names(await call('GET', `/v3/customers?company:in=${encodeURIComponent(`${marker} NASA`)}`, { token }))).toEqual(['Katherine']);
    expect(names(await call('GET', `/v3/customers?phone:in=${marker}-1,${marker}-2`, { token }))).toEqual(['Grace', 'Alan']);
    expect(names(await call('GET', `/v3/customers?id:in=${ids()}&registration_ip_address:in=10.0.0.1`, { token }))).toEqual(['Grace']);
  });

  it('filters by customer group (0 = no group) and date ranges', async () => {
    expect((await call('GET', `/v3/customers?id:in=${ids()}&customer_group_id:in=0`, { token })).body.data).toHaveLength(3);
    const day = made[0].date_created.slice(0, 10);
    expect((await call('GET', `/v3/customers?id:in=${ids()}&date_created=${day}`, { token })).body.data).toHaveLength(3);
    expect((await call('GET', `/v3/customers?id:in=${ids()}&date_created:min=2999-01-01`, { token })).body.data).toHaveLength(0);
    expect((await call('GET', `/v3/customers?id:in=${ids()}&date_modified:max=2000-01-01`, { token })).body.data).toHaveLength(0);
    expect((await call('GET', `/v3/customers?id:in=${ids()}&date_modified:min=${day}&date_created:max=${day}`, { token })).body.data).toHaveLength(3);
  });

  it('sorts by last_name both ways', async () => {
    expect(names(await call('GET', `/v3/customers?name:like=${marker}&sort=last_name:asc`, { token }))).toEqual(['Grace', 'Katherine', 'Alan']);
    expect(names(await call('GET', `/v3/customers?name:like=${marker}&sort=last_name:desc`, { token }))).toEqual(['Alan', 'Katherine', 'Grace']);
    expect(names(await call('GET', `/v3/customers?name:like=${marker}&sort=date_created:desc`, { token }))).toHaveLength(3);
  });

  it('pages with page/limit and meta.pagination', async () => {
    const p1 = await call('GET', `/v3/customers?name:like=${marker}&limit=2`, { token });
    expect(p1.body.meta.pagination).toMatchObject({ total: 3, count: 2, per_page: 2, current_page: 1, total_pages: 2 });
    expect(p1.body.meta.pagination.links).toMatchObject({ current: '?page=1&limit=2', next: '?page=2&limit=2' });
    const p2 = await call('GET', `/v3/customers?name:like=${marker}&limit=2&page=2`, { token });
    expect(names(p2)).toEqual(['Katherine']);
    expect(p2.body.meta.pagination.links.previous).toBe('?page=1&limit=2');
  });

  it('pages with after/before cursors and meta.cursor_pagination', async () => {
    const first = await call('GET', `/v3/customers?name:like=${marker}&limit=2&sort=last_name:asc`, { token });
    const next = await call(
      'GET',
      `/v3/customers?name:like=${marker}&limit=2&sort=last_name:asc&after=${first.body.meta.cursor_pagination.end_cursor}`,
      { token },
    );
    expect(names(next)).toEqual(['Alan']);
    expect(next.body.meta.cursor_pagination).toMatchObject({ count: 1, per_page: 2 });
    expect(next.body.meta.cursor_pagination.links.next).toBeUndefined();
    const back = await call(
      'GET',
      `/v3/customers?name:like=${marker}&limit=2&sort=last_name:asc&before=${next.body.meta.cursor_pagination.start_cursor}`,
      { token },
    );
    expect(names(back)).toEqual(['Grace', 'Katherine']);
  });

  it('includes addresses, attributes and form fields on request only', async () => {
    const plain = await call('GET', `/v3/customers?id:in=${made[0].id}`, { token });
    expect(plain.body.data[0]).not.toHaveProperty('addresses');
    const full = await call('GET', `/v3/customers?id:in=${made[0].id}&include=addresses,attributes,formfields`, { token });
    expect(full.body.data[0]).toMatchObject({ addresses: [], attributes: [], form_fields: [] });
  });

  it('answers an unknown filter or a bad value with 422 naming the parameter', async () => {
    const unknown = await call('GET', '/v3/customers?colour:in=red', { token });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toHaveProperty('colour:in');
    const bad = await call('GET', '/v3/customers?id:in=1,abc', { token });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toHaveProperty('id:in');
    for (const q of ['limit=0', 'page=-1', 'sort=email:asc', 'date_created:min=yesterday', 'include=orders', 'after=garbage']) {
      const res = await call('GET', `/v3/customers?${q}`, { token });
      expect(res.status, q).toBe(422);
      expect(Object.keys(res.body.errors)[0], q).toBe(q.split('=')[0]);
    }
  });

  it('answers under /stores/{store_hash}/v3 too, and 404 for another store hash', async () => {
    const res = await call('GET', `/stores/demo01/v3/customers?id:in=${made[0].id}`, { token });
    expect(res.status).toBe(200);
    expect(res.body.data[0].id).toBe(made[0].id);
    expect((await call('GET', '/stores/other/v3/customers', { token })).status).toBe(404);
  });
});

describe('PUT /v3/customers', () => {
  it('updates names, notes, group-less and password atomically; unknown ids change nothing', async () => {
    const [a, b] = await create([customer(), customer()]);
    const res = await call('PUT', '/v3/customers', {
      token,
      body: [
        { id: a.id, notes: 'Called about order', first_name: 'Augusta' },
        { id: b.id, authentication: { force_password_reset: true } },
      ],
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.data[0]).toMatchObject({ id: a.id, notes: 'Called about order', first_name: 'Augusta' });
    expect(res.body.data[1].authentication.force_password_reset).toBe(true);

    const bad = await call('PUT', '/v3/customers', {
      token,
      body: [
        { id: a.id, notes: 'changed again' },
        { id: 99999999, notes: 'x' },
      ],
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toHaveProperty('1.id');
    const after = await call('GET', `/v3/customers?id:in=${a.id}`, { token });
    expect(after.body.data[0].notes).toBe('Called about order');
  });

  it('refuses a new password equal to the customer’s current email', async () => {
    const [a] = await create([customer()]);
    const res = await call('PUT', '/v3/customers', { token, body: [{ id: a.id, authentication: { new_password: a.email } }] });
    expect(res.status).toBe(422);
    expect(res.body.errors).toHaveProperty(['0.authentication.new_password']);
  });

  it('refuses to move a customer onto another customer’s email (409)', async () => {
    const [a, b] = await create([customer(), customer()]);
    const res = await call('PUT', '/v3/customers', { token, body: [{ id: a.id, email: b.email.toUpperCase() }] });
    expect(res.status).toBe(409);
  });
});

describe('DELETE /v3/customers', () => {
  it('deletes by id:in with everything that belongs to them', async () => {
    const [a, b] = await create([
      customer({ addresses: [{ first_name: 'A', last_name: 'B', address1: 'x', city: 'y', country_code: 'US' }] }),
      customer(),
    ]);
    const res = await call('DELETE', `/v3/customers?id:in=${a.id}`, { token });
    expect(res.status).toBe(204);
    const left = await call('GET', `/v3/customers?id:in=${a.id},${b.id}`, { token });
    expect(left.body.data.map((c: any) => c.id)).toEqual([b.id]);
  });

  it('deletes nothing without a filter (422)', async () => {
    const res = await call('DELETE', '/v3/customers', { token });
    expect(res.status).toBe(422);
    expectErrorShape(res.body, 422);
    const still = await call('GET', '/v3/customers?limit=1', { token });
    expect(still.body.meta.pagination.total).toBeGreaterThan(0);
  });
});

describe('POST /v3/customers/validate-credentials', () => {
  it('says whether the password is right, without telling unknown emails apart', async () => {
    const email = uniqueEmail('cred');
    const [c] = await create([customer({ email, authentication: { new_password: 'a long enough secret' } })]);
    const ok = await call('POST', '/v3/customers/validate-credentials', { token, body: { email, password: 'a long enough secret', channel_id: 1 } });
    expect(ok.body).toEqual({ is_valid: true, customer_id: c.id });
    const wrong = await call('POST', '/v3/customers/validate-credentials', { token, body: { email, password: 'not the secret', channel_id: 1 } });
    const unknown = await call('POST', '/v3/customers/validate-credentials', {
      token,
      body: { email: uniqueEmail('nobody'), password: 'not the secret' },
    });
    expect(wrong.body).toEqual({ is_valid: false, customer_id: null });
    expect(unknown.body).toEqual(wrong.body);
    const otherChannel = await call('POST', '/v3/customers/validate-credentials', {
      token,
      body: { email, password: 'a long enough secret', channel_id: 2 },
    });
    expect(otherChannel.body.is_valid).toBe(false);
  });
});

describe('admin auth', () => {
  it('401 without or with an unknown token; 403 for writes with a read-only token', async () => {
    expect((await call('GET', '/v3/customers')).status).toBe(401);
    expect((await call('GET', '/v3/customers', { token: 'sfa_nope' })).status).toBe(401);
    expect((await call('GET', '/v3/customers?limit=1', { token: readOnly })).status).toBe(200);
    const writes: [string, string, unknown?][] = [
      ['POST', '/v3/customers', [customer()]],
      ['PUT', '/v3/customers', [{ id: 1, notes: 'x' }]],
      ['DELETE', '/v3/customers?id:in=1'],
      ['POST', '/v3/customers/validate-credentials', { email: 'a@b.co', password: 'x' }],
    ];
    for (const [method, path, body] of writes) {
      const res = await call(method, path, { token: readOnly, body });
      expect(res.status, `${method} ${path}`).toBe(403);
      expectErrorShape(res.body, 403);
    }
  });

  it('an orders-only token cannot read customers', async () => {
    const orders = await adminToken(['store_v2_orders']);
    expect((await call('GET', '/v3/customers', { token: orders })).status).toBe(403);
  });
});

describe('BigCommerce customer_Full shape', () => {
  // customer_Full of the spec (../shared/reference/bigcommerce/customers.v3.yml), without the sub-resources.
  const CUSTOMER_SHAPE: Record<string, Kind> = {
    id: 'integer',
    email: 'string',
    first_name: 'string',
    last_name: 'string',
    company: 'string',
    phone: 'string',
    registration_ip_address: 'string',
    notes: 'string',
    tax_exempt_category: 'string',
    customer_group_id: 'integer',
    date_created: 'string',
    date_modified: 'string',
    address_count: 'integer',
    attribute_count: 'integer',
    authentication: 'object',
    store_credit_amounts: 'array',
    accepts_product_review_abandoned_cart_emails: 'boolean',
    // Our addition to BigCommerce's shape (issue 12): the customer proved they own the email.
    email_verified: 'boolean',
    origin_channel_id: 'integer',
    channel_ids: 'array',
  };
  const INCLUDED = { ...CUSTOMER_SHAPE, addresses: 'array', attributes: 'array', form_fields: 'array' } as Record<string, Kind>;

  it('POST, GET (with and without include) and PUT answer {data, meta} with exactly the spec fields', async () => {
    const post = await call('POST', '/v3/customers', {
      token,
      body: [
        customer({
          store_credit_amounts: [{ amount: 12.5 }],
          addresses: [{ first_name: 'A', last_name: 'L', address1: '1 Sq', city: 'London', country_code: 'GB' }],
        }),
      ],
    });
    expect(Object.keys(post.body).sort()).toEqual(['data', 'meta']);
    const created = post.body.data[0];
    expectShape(created, INCLUDED);
    expectShape(created.authentication, { force_password_reset: 'boolean' });
    expectShape(created.store_credit_amounts[0], { amount: 'number' });

    const list = await call('GET', `/v3/customers?id:in=${created.id}`, { token });
    expect(Object.keys(list.body).sort()).toEqual(['data', 'meta']);
    expectShape(list.body.data[0], CUSTOMER_SHAPE);
    expectShape(list.body.meta.pagination, PAGINATION_SHAPE);
    expectShape(list.body.meta.cursor_pagination, {
      count: 'integer',
      per_page: 'integer',
      start_cursor: 'string',
      end_cursor: 'string',
      links: 'object',
    });
    const withAll = await call('GET', `/v3/customers?id:in=${created.id}&include=addresses,attributes,formfields`, { token });
    expectShape(withAll.body.data[0], INCLUDED);

    const put = await call('PUT', '/v3/customers', { token, body: [{ id: created.id, phone: '555' }] });
    expect(Object.keys(put.body).sort()).toEqual(['data', 'meta']);
    expectShape(put.body.data[0], CUSTOMER_SHAPE);
  });
});
