// /v2/customer_groups through the worker with real D1: the V2 shape (plain objects and arrays), filters,
// count, one default group, and deleting a group moving its customers to no group.
import { beforeAll, describe, expect, it } from 'vitest';
import { adminToken, call, expectV2ErrorShape, uniqueEmail } from '../../helpers/api';

let token: string;
let readOnly: string;

beforeAll(async () => {
  token = await adminToken(['store_v2_customers']);
  readOnly = await adminToken(['store_v2_customers_read_only']);
});

let counter = 0;
function groupName(prefix = 'Group'): string {
  counter += 1;
  return `${prefix} ${Date.now().toString(36)} ${counter} ${Math.random().toString(36).slice(2, 6)}`;
}

async function create(body: Record<string, unknown> = {}) {
  const res = await call('POST', '/v2/customer_groups', { token, body: { name: groupName(), ...body } });
  expect(res.status, res.text).toBe(200);
  return res.body;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** customerGroup_Full: field names and JS types. */
function expectGroupShape(g: any) {
  expect(Object.keys(g).sort()).toEqual(
    ['category_access', 'date_created', 'date_modified', 'discount_rules', 'id', 'is_default', 'is_group_for_guests', 'name'].sort(),
  );
  expect(typeof g.id).toBe('number');
  expect(typeof g.name).toBe('string');
  expect(typeof g.is_default).toBe('boolean');
  expect(typeof g.is_group_for_guests).toBe('boolean');
  expect(['all', 'specific', 'none']).toContain(g.category_access.type);
  expect(Array.isArray(g.discount_rules)).toBe(true);
  expect(g.date_created).toMatch(ISO);
  expect(g.date_modified).toMatch(ISO);
}

describe('POST /v2/customer_groups', () => {
  it('creates a group and answers the plain V2 object (no envelope)', async () => {
    const name = groupName('Wholesale');
    const res = await call('POST', '/v2/customer_groups', {
      token,
      body: {
        name,
        category_access: { type: 'specific', categories: [3, 5] },
        discount_rules: [
          { type: 'all', method: 'percent', amount: '5' },
          { type: 'category', method: 'fixed', amount: 2.5, category_id: 3 },
          { type: 'product', method: 'price', amount: '10.00', product_id: 9 },
        ],
      },
    });
    expect(res.status, res.text).toBe(200);
    expectGroupShape(res.body);
    expect(res.body).toMatchObject({
      name,
      is_default: false,
      is_group_for_guests: false,
      category_access: { type: 'specific', categories: [3, 5] },
      discount_rules: [
        { type: 'all', method: 'percent', amount: '5.0000' },
        { type: 'category', method: 'fixed', amount: '2.5000', category_id: 3 },
        { type: 'product', method: 'price', amount: '10.0000', product_id: 9 },
      ],
    });
    const plain = await create();
    expect(plain).toMatchObject({ category_access: { type: 'all' }, discount_rules: [], is_default: false });
  });

  it('refuses a name in use in any case (409)', async () => {
    const g = await create();
    const res = await call('POST', '/v2/customer_groups', { token, body: { name: g.name.toUpperCase() } });
    expect(res.status).toBe(409);
    expect(expectV2ErrorShape(res.body, 409).errors).toHaveProperty('name');
  });

  it('refuses bad input with 422 naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{}, 'name'],
      [{ name: '' }, 'name'],
      [{ name: groupName(), colour: 'red' }, 'colour'],
      [{ name: groupName(), is_default: 'yes' }, 'is_default'],
      [{ name: groupName(), category_access: { type: 'some' } }, 'category_access.type'],
      [{ name: groupName(), category_access: { type: 'all', categories: [1] } }, 'category_access.categories'],
      [{ name: groupName(), discount_rules: [{ type: 'all', method: 'percent', amount: 'lots' }] }, 'discount_rules.0.amount'],
      [{ name: groupName(), discount_rules: [{ type: 'all', method: 'percent', amount: '150' }] }, 'discount_rules.0.amount'],
      [{ name: groupName(), discount_rules: [{ type: 'category', method: 'fixed', amount: '1' }] }, 'discount_rules.0.category_id'],
      [
        {
          name: groupName(),
          discount_rules: [
            { type: 'price_list', price_list_id: 1 },
            { type: 'all', method: 'fixed', amount: '1' },
          ],
        },
        'discount_rules',
      ],
      [
        {
          name: groupName(),
          discount_rules: [
            { type: 'all', method: 'fixed', amount: '1' },
            { type: 'all', method: 'fixed', amount: '2' },
          ],
        },
        'discount_rules',
      ],
    ];
    for (const [body, field] of cases) {
      const res = await call('POST', '/v2/customer_groups', { token, body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(Object.keys(expectV2ErrorShape(res.body, 422).errors), JSON.stringify(body)).toContain(field);
    }
    const array = await call('POST', '/v2/customer_groups', { token, body: [{ name: groupName() }] });
    expect(array.status).toBe(422);
    const malformed = await call('POST', '/v2/customer_groups', { token, rawBody: '{"name":', headers: { 'Content-Type': 'application/json' } });
    expect(malformed.status).toBe(400);
    expectV2ErrorShape(malformed.body, 400);
  });
});

describe('one default group', () => {
  it('setting is_default on one group clears it on the others', async () => {
    const a = await create({ is_default: true });
    expect(a.is_default).toBe(true);
    const b = await create({ is_default: true });
    expect(b.is_default).toBe(true);
    expect((await call('GET', `/v2/customer_groups/${a.id}`, { token })).body.is_default).toBe(false);
    const defaults = await call('GET', '/v2/customer_groups?is_default=true', { token });
    expect(defaults.body.map((g: any) => g.id)).toEqual([b.id]);

    const put = await call('PUT', `/v2/customer_groups/${a.id}`, { token, body: { is_default: true } });
    expect(put.body.is_default).toBe(true);
    expect((await call('GET', `/v2/customer_groups/${b.id}`, { token })).body.is_default).toBe(false);
    expect((await call('GET', '/v2/customer_groups/count?is_default=1', { token })).body).toEqual({ count: 1 });
  });

  it('keeps one guest group the same way', async () => {
    const a = await create({ is_group_for_guests: true });
    const b = await create({ is_group_for_guests: true });
    const guests = await call('GET', '/v2/customer_groups?is_group_for_guests=true', { token });
    expect(guests.body.map((g: any) => g.id)).toEqual([b.id]);
    expect((await call('GET', `/v2/customer_groups/${a.id}`, { token })).body.is_group_for_guests).toBe(false);
  });
});

describe('GET /v2/customer_groups', () => {
  const marker = `Flt${Date.now().toString(36)}`;
  let made: any[];

  beforeAll(async () => {
    made = [];
    for (const name of [`${marker} Alpha`, `${marker} Beta`, `${marker} Gamma`]) made.push(await create({ name }));
  });

  it('answers a plain array of groups in id order', async () => {
    const res = await call('GET', '/v2/customer_groups?limit=250', { token: readOnly });
    expect(res.status).toBe(200);
    expect(Array.isArray(res.body)).toBe(true);
    res.body.forEach(expectGroupShape);
    const ids = res.body.map((g: any) => g.id);
    expect(ids).toEqual([...ids].sort((x: number, y: number) => x - y));
  });

  it('filters by name (exact, any case), name:like, and dates', async () => {
    const names = (res: { body: any }) => res.body.map((g: any) => g.name);
    expect(names(await call('GET', `/v2/customer_groups?name=${encodeURIComponent(`${marker} beta`)}`, { token }))).toEqual([`${marker} Beta`]);
    expect(names(await call('GET', `/v2/customer_groups?name:like=${marker}`, { token }))).toEqual([
      `${marker} Alpha`,
      `${marker} Beta`,
      `${marker} Gamma`,
    ]);
    expect(names(await call('GET', `/v2/customer_groups?name:like=${marker}%20g`, { token }))).toEqual([`${marker} Gamma`]);
    const day = made[0].date_created.slice(0, 10);
    expect(await call('GET', `/v2/customer_groups?name:like=${marker}&date_created=${day}`, { token })).toMatchObject({ body: { length: 3 } });
    expect((await call('GET', `/v2/customer_groups?name:like=${marker}&date_created:min=2999-01-01`, { token })).body).toEqual([]);
    expect((await call('GET', `/v2/customer_groups?name:like=${marker}&date_modified:max=2000-01-01`, { token })).body).toEqual([]);
    expect(
      (await call('GET', `/v2/customer_groups?name:like=${marker}&date_modified:min=${day}&date_created:max=${day}`, { token })).body,
    ).toHaveLength(3);
    expect((await call('GET', `/v2/customer_groups?name:like=${marker}&is_default=false`, { token })).body).toHaveLength(3);
  });

  it('pages with page and limit', async () => {
    const p1 = await call('GET', `/v2/customer_groups?name:like=${marker}&limit=2`, { token });
    expect(p1.body.map((g: any) => g.id)).toEqual([made[0].id, made[1].id]);
    const p2 = await call('GET', `/v2/customer_groups?name:like=${marker}&limit=2&page=2`, { token });
    expect(p2.body.map((g: any) => g.id)).toEqual([made[2].id]);
  });

  it('counts groups: {count}', async () => {
    const all = await call('GET', '/v2/customer_groups/count', { token: readOnly });
    expect(all.status).toBe(200);
    expect(Object.keys(all.body)).toEqual(['count']);
    expect(typeof all.body.count).toBe('number');
    expect(all.body.count).toBeGreaterThanOrEqual(3);
    expect((await call('GET', `/v2/customer_groups/count?name:like=${marker}`, { token })).body).toEqual({ count: 3 });
  });

  it('answers unknown parameters and bad values with 422 naming the parameter', async () => {
    for (const q of ['colour=red', 'limit=0', 'limit=251', 'page=0', 'is_default=maybe', 'date_created:min=yesterday']) {
      const res = await call('GET', `/v2/customer_groups?${q}`, { token });
      expect(res.status, q).toBe(422);
      expect(Object.keys(expectV2ErrorShape(res.body, 422).errors)[0], q).toBe(q.split('=')[0]);
    }
    expect((await call('GET', '/v2/customer_groups/count?colour=red', { token })).status).toBe(422);
  });

  it('gets one group by id; unknown ids are 404', async () => {
    const one = await call('GET', `/v2/customer_groups/${made[1].id}`, { token: readOnly });
    expect(one.status).toBe(200);
    expectGroupShape(one.body);
    expect(one.body).toEqual(made[1]);
    for (const id of ['999999999', 'abc', '99999999999999999999']) {
      const res = await call('GET', `/v2/customer_groups/${id}`, { token });
      expect(res.status, id).toBe(404);
      expectV2ErrorShape(res.body, 404);
    }
  });

  it('needs a token', async () => {
    const res = await call('GET', '/v2/customer_groups');
    expect(res.status).toBe(401);
    expectV2ErrorShape(res.body, 401);
  });
});

describe('PUT /v2/customer_groups/{id}', () => {
  it('updates the given fields only; discount rules are replaced as a whole', async () => {
    const g = await create({ discount_rules: [{ type: 'all', method: 'percent', amount: '5' }] });
    const name = groupName('Renamed');
    const res = await call('PUT', `/v2/customer_groups/${g.id}`, { token, body: { name, category_access: { type: 'none' } } });
    expect(res.status, res.text).toBe(200);
    expectGroupShape(res.body);
    expect(res.body).toMatchObject({
      id: g.id,
      name,
      category_access: { type: 'none' },
      discount_rules: [{ type: 'all', method: 'percent', amount: '5.0000' }],
    });
    const rules = await call('PUT', `/v2/customer_groups/${g.id}`, { token, body: { discount_rules: [{ type: 'price_list', price_list_id: 4 }] } });
    expect(rules.body.discount_rules).toEqual([{ type: 'price_list', price_list_id: 4 }]);
    expect(rules.body.name).toBe(name);
    // Its own name in another case is fine.
    expect((await call('PUT', `/v2/customer_groups/${g.id}`, { token, body: { name: name.toUpperCase() } })).status).toBe(200);
  });

  it('refuses a name in use (409), bad input (422), unknown ids (404), and changes nothing then', async () => {
    const [a, b] = [await create(), await create()];
    const clash = await call('PUT', `/v2/customer_groups/${a.id}`, { token, body: { name: b.name, is_default: true } });
    expect(clash.status).toBe(409);
    expectV2ErrorShape(clash.body, 409);
    const bad = await call('PUT', `/v2/customer_groups/${a.id}`, { token, body: { is_default: true, discount_rules: [{ type: 'bogus' }] } });
    expect(bad.status).toBe(422);
    expect(await call('GET', `/v2/customer_groups/${a.id}`, { token })).toMatchObject({ body: { name: a.name, is_default: false } });
    const missing = await call('PUT', '/v2/customer_groups/999999999', { token, body: { name: groupName() } });
    expect(missing.status).toBe(404);
    expectV2ErrorShape(missing.body, 404);
  });
});

describe('DELETE /v2/customer_groups', () => {
  it('deletes a group and moves its customers to no group (customer_group_id 0)', async () => {
    const g = await create();
    const other = await create();
    const made = await call('POST', '/v3/customers', {
      token,
      body: [
        { email: uniqueEmail('grp'), first_name: 'In', last_name: 'Group', customer_group_id: g.id },
        { email: uniqueEmail('grp'), first_name: 'Also', last_name: 'Group', customer_group_id: g.id },
        { email: uniqueEmail('grp'), first_name: 'Other', last_name: 'Group', customer_group_id: other.id },
      ],
    });
    expect(made.status, made.text).toBe(200);
    const ids = made.body.data.map((c: any) => c.id).join(',');

    const res = await call('DELETE', `/v2/customer_groups/${g.id}`, { token });
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect((await call('GET', `/v2/customer_groups/${g.id}`, { token })).status).toBe(404);
    const customers = await call('GET', `/v3/customers?id:in=${ids}`, { token });
    expect(customers.body.data.map((c: any) => c.customer_group_id)).toEqual([0, 0, other.id]);
    expect((await call('DELETE', `/v2/customer_groups/${g.id}`, { token })).status).toBe(404);
  });

  it('deletes nothing without an id (422)', async () => {
    const g = await create();
    const res = await call('DELETE', '/v2/customer_groups', { token });
    expect(res.status).toBe(422);
    expectV2ErrorShape(res.body, 422);
    expect((await call('GET', `/v2/customer_groups/${g.id}`, { token })).status).toBe(200);
  });
});

describe('read-only tokens', () => {
  it('get 403 on every write and change nothing', async () => {
    const g = await create();
    const writes = await Promise.all([
      call('POST', '/v2/customer_groups', { token: readOnly, body: { name: groupName() } }),
      call('PUT', `/v2/customer_groups/${g.id}`, { token: readOnly, body: { name: groupName() } }),
      call('DELETE', `/v2/customer_groups/${g.id}`, { token: readOnly }),
      call('DELETE', '/v2/customer_groups', { token: readOnly }),
    ]);
    for (const res of writes) {
      expect(res.status).toBe(403);
      expectV2ErrorShape(res.body, 403);
    }
    expect((await call('GET', `/v2/customer_groups/${g.id}`, { token })).body).toEqual(g);
  });

  it('also answer under /stores/{store_hash}/v2/...', async () => {
    const res = await call('GET', '/stores/demo01/v2/customer_groups/count', { token: readOnly });
    expect(res.status).toBe(200);
    expect(typeof res.body.count).toBe('number');
  });
});
