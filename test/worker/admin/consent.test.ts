// /v3/customers/{customerId}/consent through the worker with real D1, checked against BigCommerce's spec
// (consent_Full, DeclareCustomerConsentRequest): a customer's cookie-tracking consent, declared whole by
// PUT, essential always allowed, 404 for an unknown customer, scopes, and the consent going with its customer.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import customersV3 from '../../fixtures/bigcommerce/customers.v3.yml?raw';
import { adminToken, call, expectErrorShape, uniqueEmail } from '../../helpers/api';
import { expectSpecShape, specSchema } from '../../helpers/spec';

const CONSENT = specSchema(customersV3, 'consent_Full');
const REQUEST = specSchema(customersV3, 'DeclareCustomerConsentRequest');
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

let token: string;
let readOnly: string;
beforeAll(async () => {
  token = await adminToken(['store_v2_customers']);
  readOnly = await adminToken(['store_v2_customers_read_only']);
});

async function newCustomer(): Promise<number> {
  const res = await call('POST', '/v3/customers', { token, body: [{ email: uniqueEmail('consent'), first_name: 'Ada', last_name: 'Lovelace' }] });
  expect(res.status, res.text).toBe(200);
  return res.body.data[0].id;
}

const path = (id: number) => `/v3/customers/${id}/consent`;

async function put(id: number, body: unknown) {
  expectSpecShape(body as Record<string, unknown>, REQUEST);
  const res = await call('PUT', path(id), { token, body });
  expect(res.status, res.text).toBe(200);
  expectSpecShape(res.body, CONSENT);
  return res.body;
}

describe('GET /v3/customers/{customerId}/consent', () => {
  it('answers a customer who never declared: essential allowed, nothing denied, no updated_at', async () => {
    const id = await newCustomer();
    const res = await call('GET', path(id), { token });
    expect(res.status, res.text).toBe(200);
    expectSpecShape(res.body, CONSENT);
    expect(res.body).toEqual({ allow: ['essential'], deny: [] });
  });

  it('answers 404 for an unknown customer', async () => {
    const res = await call('GET', path(999_999_999), { token });
    expect(res.status).toBe(404);
    expectErrorShape(res.body, 404);
    expect(res.body.code).toBe('customer_not_found');
  });
});

describe('PUT /v3/customers/{customerId}/consent', () => {
  it('stores the declaration and answers it in the spec shape (no data envelope), as GET does afterwards', async () => {
    const id = await newCustomer();
    const body = await put(id, { allow: ['analytics', 'functional'], deny: ['targeting'] });
    expect(body).toEqual({ allow: ['essential', 'functional', 'analytics'], deny: ['targeting'], updated_at: expect.stringMatching(ISO) });
    const read = await call('GET', path(id), { token });
    expect(read.body).toEqual(body);
  });

  it('replaces the whole declaration: a category named in neither list is undecided afterwards', async () => {
    const id = await newCustomer();
    await put(id, { allow: ['functional', 'analytics', 'targeting'] });
    const next = await put(id, { allow: ['essential'], deny: ['analytics'] });
    expect(next).toMatchObject({ allow: ['essential'], deny: ['analytics'] });
    expect(await put(id, {})).toMatchObject({ allow: ['essential'], deny: [] });
  });

  it('refuses to deny essential cookies, a category in both lists, unknown or repeated categories; nothing changes', async () => {
    const id = await newCustomer();
    const before = await put(id, { allow: ['functional'], deny: ['targeting'] });
    for (const [body, field] of [
      [{ deny: ['essential'] }, 'deny'],
      [{ allow: ['analytics'], deny: ['analytics'] }, 'deny'],
      [{ allow: ['marketing'] }, 'allow'],
      [{ allow: ['functional', 'functional'] }, 'allow'],
      [{ allow: 'functional' }, 'allow'],
      [{ allow: [], reject: [] }, 'reject'],
    ] as const) {
      const res = await call('PUT', path(id), { token, body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expectErrorShape(res.body, 422);
      // The field, or an item of it (`allow.0`).
      expect(
        Object.keys(res.body.errors).map((k) => k.split('.')[0]),
        JSON.stringify(body),
      ).toEqual([field]);
    }
    expect((await call('GET', path(id), { token })).body).toEqual(before);
  });

  it('answers 404 for an unknown customer and stores nothing', async () => {
    const res = await call('PUT', path(999_999_999), { token, body: { allow: ['analytics'] } });
    expect(res.status).toBe(404);
    expectErrorShape(res.body, 404);
    expect(res.body.code).toBe('customer_not_found');
    const row = await env.DB.prepare('SELECT 1 FROM customer_tracking_consents WHERE customer_id = ?1').bind(999_999_999).first();
    expect(row).toBeNull();
  });
});

describe('consent and the rest of the API', () => {
  it('read-only tokens may read it but not declare it; no token is a 401', async () => {
    const id = await newCustomer();
    expect((await call('GET', path(id), { token: readOnly })).status).toBe(200);
    const write = await call('PUT', path(id), { token: readOnly, body: { allow: ['analytics'] } });
    expect(write.status).toBe(403);
    expectErrorShape(write.body, 403);
    expect((await call('GET', path(id))).status).toBe(401);
    expect((await call('GET', path(id), { token })).body).toEqual({ allow: ['essential'], deny: [] });
  });

  it('answers under /stores/{store_hash}/v3 too', async () => {
    const id = await newCustomer();
    const res = await call('PUT', `/stores/demo01${path(id)}`, { token, body: { allow: ['analytics'] } });
    expect(res.status, res.text).toBe(200);
    expect(res.body.allow).toEqual(['essential', 'analytics']);
  });

  it('goes with its customer when the customer is deleted', async () => {
    const id = await newCustomer();
    await put(id, { allow: ['analytics'] });
    expect((await call('DELETE', `/v3/customers?id:in=${id}`, { token })).status).toBe(204);
    const row = await env.DB.prepare('SELECT 1 FROM customer_tracking_consents WHERE customer_id = ?1').bind(id).first();
    expect(row).toBeNull();
    expect((await call('GET', path(id), { token })).status).toBe(404);
  });
});
