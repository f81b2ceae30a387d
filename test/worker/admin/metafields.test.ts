// Customer metafields through the worker with real D1, checked against BigCommerce's spec
// (test/fixtures/bigcommerce/customers.v3.yml): the one-customer routes /v3/customers/{id}/metafields,
// the batch routes /v3/customers/metafields, filters, paging, uniqueness of (customer, namespace, key),
// all-or-nothing batches, the per-customer limit, scopes, and metafields going with their customer.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import customersV3 from '../../fixtures/bigcommerce/customers.v3.yml?raw';
import { runBatch } from '../../../worker/src/db/batch';
import { insertMetafieldStatement, MAX_METAFIELDS_PER_CUSTOMER } from '../../../worker/src/db/metafields';
import { ApiError } from '../../../worker/src/errors';
import { adminToken, call, expectErrorShape, uniqueEmail } from '../../helpers/api';
import { expectSpecShape, specSchema } from '../../helpers/spec';

const METAFIELD = specSchema(customersV3, 'Metafield');
const WRITE_RESPONSE = specSchema(customersV3, 'MetaFieldCollectionPostPutResponses');
const DELETE_RESPONSE = specSchema(customersV3, 'MetaFieldCollectionDeleteResponseSuccess');
const WRITE_META = specSchema(customersV3, 'WriteCollectionSuccessMeta');
const PAGINATION = specSchema(customersV3, 'Pagination');
const CURSOR_PAGINATION = specSchema(customersV3, 'CursorPagination');
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const TOKEN_NAME = 'Metafield test app';

let token: string;
let readOnly: string;
beforeAll(async () => {
  token = await adminToken(['store_v2_customers'], TOKEN_NAME);
  readOnly = await adminToken(['store_v2_customers_read_only']);
});

let counter = 0;
/** A namespace no other test uses, so lists can be filtered to one test's fields. */
function uniqueNamespace(prefix = 'ns') {
  counter += 1;
  return `${prefix} ${Date.now().toString(36)} ${counter}`;
}

async function newCustomer(): Promise<number> {
  const res = await call('POST', '/v3/customers', { token, body: [{ email: uniqueEmail('meta'), first_name: 'Ada', last_name: 'Lovelace' }] });
  expect(res.status, res.text).toBe(200);
  return res.body.data[0].id;
}

const field = (over: Record<string, unknown> = {}) => ({ permission_set: 'read', namespace: 'Sales', key: 'Staff Name', value: 'Ronaldo', ...over });

async function createOne(customerId: number, body: Record<string, unknown>): Promise<any> {
  const res = await call('POST', `/v3/customers/${customerId}/metafields`, { token, body });
  expect(res.status, res.text).toBe(200);
  return res.body.data[0];
}

async function createBatch(items: Record<string, unknown>[]): Promise<any[]> {
  const res = await call('POST', '/v3/customers/metafields', { token, body: items });
  expect(res.status, res.text).toBe(200);
  return res.body.data;
}

const countIn = async (namespace: string) =>
  (await env.DB.prepare('SELECT count(*) AS n FROM customer_metafields WHERE namespace = ?1').bind(namespace).first<number>('n'))!;

function expectWriteResponse(body: any, n: number) {
  expectSpecShape(body, WRITE_RESPONSE);
  expect(body.errors).toEqual([]);
  expectSpecShape(body.meta, WRITE_META);
  expect(body.meta).toEqual({ total: n, success: n, failed: 0 });
  expect(body.data).toHaveLength(n);
  for (const m of body.data) expectSpecShape(m, METAFIELD);
}

describe('POST /v3/customers/{customerId}/metafields', () => {
  it('creates a metafield in the spec shape, owned by the token that created it', async () => {
    const customerId = await newCustomer();
    const res = await call('POST', `/v3/customers/${customerId}/metafields`, {
      token,
      body: { permission_set: 'app_only', namespace: 'Sales Department', key: 'Staff Name', value: 'Ronaldo', description: 'Who looks after them' },
    });
    expect(res.status, res.text).toBe(200);
    expectWriteResponse(res.body, 1);
    const m = res.body.data[0];
    expect(m).toMatchObject({
      namespace: 'Sales Department',
      key: 'Staff Name',
      value: 'Ronaldo',
      description: 'Who looks after them',
      permission_set: 'app_only',
      resource_type: 'customer',
      resource_id: customerId,
      owner_client_id: TOKEN_NAME,
    });
    expect(m.date_created).toMatch(ISO);
    expect(m.date_modified).toBe(m.date_created);
  });

  it('defaults the description to empty and accepts resource_type customer, nothing else', async () => {
    const customerId = await newCustomer();
    const m = await createOne(customerId, field({ resource_type: 'customer' }));
    expect(m.description).toBe('');
    const wrongType = await call('POST', `/v3/customers/${customerId}/metafields`, {
      token,
      body: field({ key: 'other', resource_type: 'product' }),
    });
    expect(wrongType.status).toBe(422);
    expect(Object.keys(wrongType.body.errors)).toEqual(['resource_type']);
  });

  it('refuses a namespace and key the customer already has (409), but not on another customer or in another namespace', async () => {
    const [a, b] = [await newCustomer(), await newCustomer()];
    await createOne(a, field());
    const again = await call('POST', `/v3/customers/${a}/metafields`, { token, body: field({ value: 'Someone else', permission_set: 'write' }) });
    expect(again.status).toBe(409);
    expectErrorShape(again.body, 409);
    expect(again.body.code).toBe('metafield_exists');
    expect(again.body.codes).toEqual({ key: 'taken' });
    await createOne(a, field({ namespace: 'Support' }));
    await createOne(b, field());
    const list = await call('GET', `/v3/customers/${a}/metafields`, { token });
    expect(list.body.data.map((m: any) => [m.namespace, m.value])).toEqual([
      ['Sales', 'Ronaldo'],
      ['Support', 'Ronaldo'],
    ]);
  });

  it('answers 404 for an unknown customer', async () => {
    const res = await call('POST', '/v3/customers/999999999/metafields', { token, body: field() });
    expect(res.status).toBe(404);
    expectErrorShape(res.body, 404);
    expect(res.body.code).toBe('customer_not_found');
  });

  it('validates the body as the spec bounds it, naming each field, writing nothing', async () => {
    const customerId = await newCustomer();
    const res = await call('POST', `/v3/customers/${customerId}/metafields`, {
      token,
      body: { permission_set: 'public', namespace: '', key: 'k'.repeat(65), value: '', description: 'd'.repeat(256), color: 'red' },
    });
    expect(res.status).toBe(422);
    expectErrorShape(res.body, 422);
    expect(Object.keys(res.body.errors).sort()).toEqual(['color', 'description', 'key', 'namespace', 'permission_set', 'value']);
    const missing = await call('POST', `/v3/customers/${customerId}/metafields`, { token, body: { key: 'a', value: 'b' } });
    expect(missing.status).toBe(422);
    expect(Object.keys(missing.body.errors).sort()).toEqual(['namespace', 'permission_set']);
    expect((await call('GET', `/v3/customers/${customerId}/metafields`, { token })).body.data).toEqual([]);
  });

  it('takes every permission set of the spec and a value of 65,535 characters', async () => {
    const customerId = await newCustomer();
    for (const permission_set of ['app_only', 'read', 'write', 'read_and_sf_access', 'write_and_sf_access']) {
      expect((await createOne(customerId, field({ key: permission_set, permission_set }))).permission_set).toBe(permission_set);
    }
    expect((await createOne(customerId, field({ key: 'long', value: 'v'.repeat(65_535) }))).value).toHaveLength(65_535);
  });
});

describe('GET /v3/customers/{customerId}/metafields', () => {
  let customerId: number;
  let made: any[];
  beforeAll(async () => {
    customerId = await newCustomer();
    made = [];
    for (const [namespace, key] of [
      ['Sales', 'rep'],
      ['Sales', 'region'],
      ['Support', 'tier'],
      ['Loyalty', 'points'],
      ['Loyalty', 'rep'],
    ]) {
      made.push(await createOne(customerId, field({ namespace, key, value: `${namespace}/${key}` })));
    }
    // Another customer's field with the same names never shows in this customer's list.
    await createOne(await newCustomer(), field({ namespace: 'Sales', key: 'rep' }));
  });

  const list = async (query = '') => {
    const res = await call('GET', `/v3/customers/${customerId}/metafields${query}`, { token });
    expect(res.status, res.text).toBe(200);
    return res.body;
  };
  const keysOf = (body: any) => body.data.map((m: any) => `${m.namespace}/${m.key}`);

  it('lists the customer’s metafields by id in the spec shape, with pagination', async () => {
    const body = await list();
    expect(keysOf(body)).toEqual(['Sales/rep', 'Sales/region', 'Support/tier', 'Loyalty/points', 'Loyalty/rep']);
    for (const m of body.data) expectSpecShape(m, METAFIELD);
    expectSpecShape(body.meta.pagination, PAGINATION);
    expect(body.meta.pagination).toMatchObject({ total: 5, count: 5, per_page: 50, current_page: 1, total_pages: 1 });
  });

  it('filters by key, key:in, namespace and namespace:in (a key and a key:in together: either)', async () => {
    expect(keysOf(await list('?key=rep'))).toEqual(['Sales/rep', 'Loyalty/rep']);
    expect(keysOf(await list('?key:in=tier,points'))).toEqual(['Support/tier', 'Loyalty/points']);
    expect(keysOf(await list('?key=rep&key:in=tier'))).toEqual(['Sales/rep', 'Support/tier', 'Loyalty/rep']);
    expect(keysOf(await list('?namespace=Sales'))).toEqual(['Sales/rep', 'Sales/region']);
    expect(keysOf(await list('?namespace:in=Support,Loyalty&key=rep'))).toEqual(['Loyalty/rep']);
    expect(keysOf(await list('?key=nothing'))).toEqual([]);
  });

  it('sorts by direction', async () => {
    expect(keysOf(await list('?direction=desc'))).toEqual(['Loyalty/rep', 'Loyalty/points', 'Support/tier', 'Sales/region', 'Sales/rep']);
  });

  it('answers only the id and the fields include_fields names', async () => {
    const body = await list('?include_fields=key,value&limit=1');
    expect(body.data).toEqual([{ id: made[0].id, key: 'rep', value: 'Sales/rep' }]);
  });

  it('filters by date_created and date_modified :min and :max', async () => {
    const at = made[0].date_created;
    expect(keysOf(await list(`?date_created:min=${at}&date_modified:max=${made[4].date_modified}`))).toHaveLength(5);
    expect(keysOf(await list('?date_created:max=2001-01-01'))).toEqual([]);
    expect(keysOf(await list('?date_modified:min=2999-01-01'))).toEqual([]);
  });

  it('pages with page and limit, and with the cursors it hands out', async () => {
    const second = await list('?page=2&limit=2');
    expect(keysOf(second)).toEqual(['Support/tier', 'Loyalty/points']);
    expect(second.meta.pagination).toMatchObject({ total: 5, count: 2, per_page: 2, current_page: 2, total_pages: 3 });
    const first = await list('?limit=2');
    expectSpecShape(first.meta.cursor_pagination, CURSOR_PAGINATION);
    const next = await list(`?limit=2&after=${first.meta.cursor_pagination.end_cursor}`);
    expect(keysOf(next)).toEqual(['Support/tier', 'Loyalty/points']);
    expect(next.meta.pagination).toBeUndefined();
    const back = await list(`?limit=2&before=${next.meta.cursor_pagination.start_cursor}`);
    expect(keysOf(back)).toEqual(['Sales/rep', 'Sales/region']);
  });

  it('refuses unknown parameters and bad values with 422 naming them', async () => {
    for (const [query, param] of [
      ['?direction=up', 'direction'],
      ['?include_fields=key,colour', 'include_fields'],
      ['?limit=0', 'limit'],
      ['?date_created:min=yesterday', 'date_created:min'],
      ['?sort=key', 'sort'],
    ]) {
      const res = await call('GET', `/v3/customers/${customerId}/metafields${query}`, { token });
      expect(res.status, query).toBe(422);
      expectErrorShape(res.body, 422);
      expect(Object.keys(res.body.errors), query).toEqual([param]);
    }
  });

  it('answers 404 for an unknown customer', async () => {
    const res = await call('GET', '/v3/customers/999999999/metafields', { token });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('customer_not_found');
  });
});

describe('/v3/customers/{customerId}/metafields/{metafieldId}', () => {
  it('GET answers one metafield in the spec shape with empty meta; another customer’s id is a 404', async () => {
    const [a, b] = [await newCustomer(), await newCustomer()];
    const m = await createOne(a, field());
    const res = await call('GET', `/v3/customers/${a}/metafields/${m.id}`, { token });
    expect(res.status, res.text).toBe(200);
    expectSpecShape(res.body.data, METAFIELD);
    expect(res.body).toEqual({ data: m, meta: {} });
    for (const path of [`/v3/customers/${b}/metafields/${m.id}`, `/v3/customers/${a}/metafields/999999999`]) {
      const miss = await call('GET', path, { token });
      expect(miss.status, path).toBe(404);
      expectErrorShape(miss.body, 404);
      expect(miss.body.code).toBe('metafield_not_found');
    }
  });

  it('PUT changes what it is given, keeps the rest and answers in the spec shape', async () => {
    const a = await newCustomer();
    const m = await createOne(a, field({ description: 'kept' }));
    await new Promise((r) => setTimeout(r, 1100));
    const res = await call('PUT', `/v3/customers/${a}/metafields/${m.id}`, { token, body: { id: m.id, value: 'Zidane', permission_set: 'write' } });
    expect(res.status, res.text).toBe(200);
    expectWriteResponse(res.body, 1);
    const updated = res.body.data[0];
    expect(updated).toMatchObject({
      id: m.id,
      value: 'Zidane',
      permission_set: 'write',
      description: 'kept',
      key: m.key,
      date_created: m.date_created,
    });
    expect(updated.date_modified > m.date_modified).toBe(true);
    expect((await call('GET', `/v3/customers/${a}/metafields/${m.id}`, { token })).body.data).toEqual(updated);
  });

  it('PUT refuses a key the customer uses already (409), a body id of another field (422), another customer’s field (404)', async () => {
    const [a, b] = [await newCustomer(), await newCustomer()];
    const m = await createOne(a, field({ key: 'one' }));
    await createOne(a, field({ key: 'two' }));
    const taken = await call('PUT', `/v3/customers/${a}/metafields/${m.id}`, { token, body: { key: 'two' } });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ code: 'metafield_exists', codes: { key: 'taken' } });
    const mismatch = await call('PUT', `/v3/customers/${a}/metafields/${m.id}`, { token, body: { id: m.id + 1, value: 'x' } });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.codes).toEqual({ id: 'mismatch' });
    const other = await call('PUT', `/v3/customers/${b}/metafields/${m.id}`, { token, body: { value: 'x' } });
    expect(other.status).toBe(404);
    expect(other.body.code).toBe('metafield_not_found');
    const invalid = await call('PUT', `/v3/customers/${a}/metafields/${m.id}`, { token, body: { value: '', permission_set: 'everyone' } });
    expect(invalid.status).toBe(422);
    expect(Object.keys(invalid.body.errors).sort()).toEqual(['permission_set', 'value']);
    expect((await call('GET', `/v3/customers/${a}/metafields/${m.id}`, { token })).body.data).toEqual(m);
  });

  it('PUT may move a field to a free namespace and key', async () => {
    const a = await newCustomer();
    const m = await createOne(a, field({ key: 'one' }));
    const res = await call('PUT', `/v3/customers/${a}/metafields/${m.id}`, { token, body: { namespace: 'Moved', key: 'three' } });
    expect(res.status, res.text).toBe(200);
    expect(res.body.data[0]).toMatchObject({ namespace: 'Moved', key: 'three', value: m.value });
  });

  it('DELETE answers 204 and the field is gone; again, or another customer’s, is a 404', async () => {
    const [a, b] = [await newCustomer(), await newCustomer()];
    const m = await createOne(a, field());
    const other = await call('DELETE', `/v3/customers/${b}/metafields/${m.id}`, { token });
    expect(other.status).toBe(404);
    expect(other.body.code).toBe('metafield_not_found');
    const res = await call('DELETE', `/v3/customers/${a}/metafields/${m.id}`, { token });
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect((await call('GET', `/v3/customers/${a}/metafields/${m.id}`, { token })).status).toBe(404);
    expect((await call('DELETE', `/v3/customers/${a}/metafields/${m.id}`, { token })).status).toBe(404);
  });
});

describe('/v3/customers/metafields (batch)', () => {
  it('POST creates fields on several customers in one call, in the spec shape', async () => {
    const [a, b] = [await newCustomer(), await newCustomer()];
    const ns = uniqueNamespace();
    const res = await call('POST', '/v3/customers/metafields', {
      token,
      body: [
        { ...field({ namespace: ns, key: 'a' }), resource_id: a },
        { ...field({ namespace: ns, key: 'b', permission_set: 'write_and_sf_access' }), resource_id: a, resource_type: 'customer' },
        { ...field({ namespace: ns, key: 'a' }), resource_id: b, description: 'for b' },
      ],
    });
    expect(res.status, res.text).toBe(200);
    expectWriteResponse(res.body, 3);
    expect(res.body.data.map((m: any) => [m.resource_id, m.key, m.permission_set, m.description])).toEqual([
      [a, 'a', 'read', ''],
      [a, 'b', 'write_and_sf_access', ''],
      [b, 'a', 'read', 'for b'],
    ]);
  });

  it('POST is all or nothing: an unknown customer (422), a taken or repeated key (409) writes no item', async () => {
    const a = await newCustomer();
    const ns = uniqueNamespace();
    await createBatch([{ ...field({ namespace: ns, key: 'taken' }), resource_id: a }]);
    const unknown = await call('POST', '/v3/customers/metafields', {
      token,
      body: [
        { ...field({ namespace: ns, key: 'fine' }), resource_id: a },
        { ...field({ namespace: ns, key: 'fine' }), resource_id: 999999999 },
      ],
    });
    expect(unknown.status).toBe(422);
    expectErrorShape(unknown.body, 422);
    expect(unknown.body.codes).toEqual({ '1.resource_id': 'not_found' });
    const conflicts = await call('POST', '/v3/customers/metafields', {
      token,
      body: [
        { ...field({ namespace: ns, key: 'fine' }), resource_id: a },
        { ...field({ namespace: ns, key: 'taken' }), resource_id: a },
        { ...field({ namespace: ns, key: 'fine' }), resource_id: a },
      ],
    });
    expect(conflicts.status).toBe(409);
    expectErrorShape(conflicts.body, 409);
    expect(conflicts.body.codes).toEqual({ '1.key': 'taken', '2.key': 'duplicate' });
    const invalid = await call('POST', '/v3/customers/metafields', {
      token,
      body: [{ ...field({ namespace: ns, key: 'fine' }), resource_id: a }, field({ namespace: ns, key: 'no resource' })],
    });
    expect(invalid.status).toBe(422);
    expect(invalid.body.codes).toEqual({ '1.resource_id': 'required' });
    expect(await countIn(ns)).toBe(1);
  });

  it('POST refuses more than 100 items with 413', async () => {
    const a = await newCustomer();
    const res = await call('POST', '/v3/customers/metafields', {
      token,
      body: Array.from({ length: 101 }, (_, i) => ({ ...field({ key: `k${i}` }), resource_id: a })),
    });
    expect(res.status).toBe(413);
    expectErrorShape(res.body, 413);
  });

  it(`keeps a customer to ${MAX_METAFIELDS_PER_CUSTOMER} metafields: past it → 422 and nothing written, also against a concurrent writer`, async () => {
    const a = await newCustomer();
    const ns = uniqueNamespace();
    const items = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => ({ ...field({ namespace: ns, key: `k${from + i}` }), resource_id: a }));
    await createBatch(items(0, 100));
    await createBatch(items(100, 100));
    const over = await call('POST', '/v3/customers/metafields', { token, body: items(200, MAX_METAFIELDS_PER_CUSTOMER - 200 + 1) });
    expect(over.status).toBe(422);
    expect(over.body.code).toBe('validation_failed');
    expect(Object.values(over.body.codes)).toEqual(['limit_reached']);
    expect(await countIn(ns)).toBe(200);
    await createBatch(items(200, MAX_METAFIELDS_PER_CUSTOMER - 200));
    // The guard inside the INSERT: a write that passed the check before another filled the last slot.
    const late = runBatch(
      env.DB,
      [insertMetafieldStatement(env.DB, { ...field({ namespace: ns, key: 'late', description: '' }), customer_id: a } as any, 'x')],
      {
        notNull: () => new ApiError('limit_reached'),
      },
    );
    await expect(late).rejects.toMatchObject({ code: 'limit_reached' });
    expect(await countIn(ns)).toBe(MAX_METAFIELDS_PER_CUSTOMER);
  });

  it('GET lists every customer’s metafields with the same filters', async () => {
    const [a, b] = [await newCustomer(), await newCustomer()];
    const ns = uniqueNamespace();
    await createBatch([
      { ...field({ namespace: ns, key: 'x' }), resource_id: a },
      { ...field({ namespace: ns, key: 'y' }), resource_id: b },
      { ...field({ namespace: ns, key: 'x' }), resource_id: b },
    ]);
    const res = await call('GET', `/v3/customers/metafields?namespace=${encodeURIComponent(ns)}&key=x`, { token });
    expect(res.status, res.text).toBe(200);
    for (const m of res.body.data) expectSpecShape(m, METAFIELD);
    expect(res.body.data.map((m: any) => m.resource_id)).toEqual([a, b]);
    expectSpecShape(res.body.meta.pagination, PAGINATION);
    const paged = await call('GET', `/v3/customers/metafields?namespace=${encodeURIComponent(ns)}&limit=1&page=3&direction=desc`, { token });
    expect(paged.body.data.map((m: any) => [m.resource_id, m.key])).toEqual([[a, 'x']]);
    expect(paged.body.meta.pagination).toMatchObject({ total: 3, total_pages: 3, current_page: 3 });
  });

  it('PUT updates several fields; one bad item (unknown id, a taken key) changes none', async () => {
    const a = await newCustomer();
    const ns = uniqueNamespace();
    const [x, y] = await createBatch([
      { ...field({ namespace: ns, key: 'x' }), resource_id: a },
      { ...field({ namespace: ns, key: 'y' }), resource_id: a },
    ]);
    const unknown = await call('PUT', '/v3/customers/metafields', {
      token,
      body: [
        { id: x.id, value: 'new' },
        { id: 999999999, value: 'new' },
      ],
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.codes).toEqual({ '1.id': 'not_found' });
    const taken = await call('PUT', '/v3/customers/metafields', {
      token,
      body: [
        { id: x.id, value: 'new' },
        { id: y.id, key: 'x' },
      ],
    });
    expect(taken.status).toBe(409);
    expect(taken.body.codes).toEqual({ '1.key': 'taken' });
    const missingId = await call('PUT', '/v3/customers/metafields', { token, body: [{ id: x.id, value: 'new' }, { value: 'new' }] });
    expect(missingId.status).toBe(422);
    expect(missingId.body.codes).toEqual({ '1.id': 'required' });
    let list = await call('GET', `/v3/customers/metafields?namespace=${encodeURIComponent(ns)}`, { token });
    expect(list.body.data.map((m: any) => m.value)).toEqual(['Ronaldo', 'Ronaldo']);

    const ok = await call('PUT', '/v3/customers/metafields', {
      token,
      body: [
        { id: x.id, value: 'new x' },
        { id: y.id, permission_set: 'read_and_sf_access', description: 'now on the storefront' },
      ],
    });
    expect(ok.status, ok.text).toBe(200);
    expectWriteResponse(ok.body, 2);
    list = await call('GET', `/v3/customers/metafields?namespace=${encodeURIComponent(ns)}`, { token });
    expect(list.body.data.map((m: any) => [m.value, m.permission_set, m.description])).toEqual([
      ['new x', 'read', ''],
      ['Ronaldo', 'read_and_sf_access', 'now on the storefront'],
    ]);
  });

  it('DELETE takes the ids as a JSON array and answers them; an unknown id deletes nothing; no ids deletes nothing', async () => {
    const a = await newCustomer();
    const ns = uniqueNamespace();
    const [x, y, z] = await createBatch(['x', 'y', 'z'].map((key) => ({ ...field({ namespace: ns, key }), resource_id: a })));
    const unknown = await call('DELETE', '/v3/customers/metafields', { token, body: [x.id, 999999999] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.codes).toEqual({ '1': 'not_found' });
    for (const body of [[], undefined]) {
      const none = await call('DELETE', '/v3/customers/metafields', { token, body });
      expect(none.status).toBe(422);
      expectErrorShape(none.body, 422);
    }
    expect(await countIn(ns)).toBe(3);
    const res = await call('DELETE', '/v3/customers/metafields', { token, body: [x.id, z.id] });
    expect(res.status, res.text).toBe(200);
    expectSpecShape(res.body, DELETE_RESPONSE);
    expect(res.body).toEqual({ data: [x.id, z.id], errors: [], meta: { total: 2, success: 2, failed: 0 } });
    const left = await call('GET', `/v3/customers/${a}/metafields`, { token });
    expect(left.body.data.map((m: any) => m.id)).toEqual([y.id]);
  });
});

describe('metafields and the rest of the API', () => {
  it('go with their customer when the customer is deleted', async () => {
    const a = await newCustomer();
    const ns = uniqueNamespace();
    await createBatch([{ ...field({ namespace: ns }), resource_id: a }]);
    expect(await countIn(ns)).toBe(1);
    expect((await call('DELETE', `/v3/customers?id:in=${a}`, { token })).status).toBe(204);
    expect(await countIn(ns)).toBe(0);
  });

  it('need a customers scope: read-only tokens read, only store_v2_customers writes, no token is a 401', async () => {
    const a = await newCustomer();
    const m = await createOne(a, field());
    expect((await call('GET', `/v3/customers/${a}/metafields/${m.id}`, { token: readOnly })).status).toBe(200);
    expect((await call('GET', '/v3/customers/metafields', { token: readOnly })).status).toBe(200);
    for (const [method, path, body] of [
      ['POST', `/v3/customers/${a}/metafields`, field({ key: 'ro' })],
      ['PUT', `/v3/customers/${a}/metafields/${m.id}`, { value: 'ro' }],
      ['DELETE', `/v3/customers/${a}/metafields/${m.id}`, undefined],
      ['POST', '/v3/customers/metafields', [{ ...field({ key: 'ro' }), resource_id: a }]],
      ['PUT', '/v3/customers/metafields', [{ id: m.id, value: 'ro' }]],
      ['DELETE', '/v3/customers/metafields', [m.id]],
    ] as const) {
      const res = await call(method, path, { token: readOnly, body });
      expect(res.status, `${method} ${path}`).toBe(403);
      expectErrorShape(res.body, 403);
    }
    const anonymous = await call('GET', `/v3/customers/${a}/metafields`);
    expect(anonymous.status).toBe(401);
    expect((await call('GET', `/v3/customers/${a}/metafields/${m.id}`, { token })).body.data).toEqual(m);
  });

  it('answer under /stores/{store_hash}/v3 too, as a BigCommerce client calls them', async () => {
    const a = await newCustomer();
    const m = await createOne(a, field());
    const res = await call('GET', `/stores/demo01/v3/customers/${a}/metafields`, { token });
    expect(res.status, res.text).toBe(200);
    expect(res.body.data).toEqual([m]);
  });

  it('are not an include of /v3/customers (the spec’s include enum has no metafields)', async () => {
    const res = await call('GET', '/v3/customers?include=metafields', { token });
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.errors)).toEqual(['include']);
  });
});
