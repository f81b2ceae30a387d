// What published BigCommerce clients need beyond the shapes (issue 15): BigCommerce's rate-limit headers on
// 429s, form field values that name their customer or address, the spec's beta includes, bodiless answers
// no layer compresses, and V2's error shape on V2 routes. Shapes are read from the spec files
// (copied from ../shared/reference/bigcommerce/ into test/fixtures/bigcommerce/ so a clean checkout has them; test/helpers/spec.ts) where the spec has the operation.
import { beforeAll, describe, expect, it } from 'vitest';
import customersV3 from '../../fixtures/bigcommerce/customers.v3.yml?raw';
import customersV2 from '../../fixtures/bigcommerce/customers.v2.yml?raw';
import wranglerToml from '../../../wrangler.toml?raw';
import { LIMITS } from '../../../worker/src/accounts/rate-limits';
import { adminToken, call, expectErrorShape, expectV2ErrorShape, inOneWindow, uniqueEmail } from '../../helpers/api';
import { expectSpecShape, specQueryEnum, specSchema } from '../../helpers/spec';

let token: string;
beforeAll(async () => {
  token = await adminToken(['store_v2_customers']);
});

/** An IP no other test uses. */
function fixedIp(): string {
  const b = crypto.getRandomValues(new Uint8Array(2));
  return `198.51.${b[0]}.${1 + (b[1]! % 250)}`;
}

const RATE_HEADERS = ['X-Rate-Limit-Requests-Left', 'X-Rate-Limit-Requests-Quota', 'X-Rate-Limit-Time-Window-Ms', 'X-Rate-Limit-Time-Reset-Ms'];

describe('(a) 429s carry BigCommerce rate-limit headers', () => {
  it('the limits the headers report are the ones wrangler.toml configures', () => {
    const configured: Record<string, { limit: number; period: number }> = {};
    for (const m of wranglerToml.matchAll(/name = "(\w+)"\s*\nnamespace_id = "\d+"\s*\nsimple = \{ limit = (\d+), period = (\d+) \}/g)) {
      configured[m[1]!] = { limit: Number(m[2]), period: Number(m[3]) };
    }
    expect(configured).toEqual(LIMITS);
  });

  it('validate-credentials over its limit: X-Retry-After (seconds), quota, window, nothing left, time to the reset', () =>
    inOneWindow(async () => {
      const ip = fixedIp();
      // A fresh email each time: only the per-IP binding limit is met (not the per-email failure lock).
      const body = () => ({ email: uniqueEmail('limit'), password: 'not the password' });
      for (let i = 0; i < LIMITS.CREDENTIALS_LIMITER.limit; i++) {
        const ok = await call('POST', '/v3/customers/validate-credentials', { token, body: body(), headers: { 'CF-Connecting-IP': ip } });
        expect(ok.status, ok.text).toBe(200);
      }
      const res = await call('POST', '/v3/customers/validate-credentials', { token, body: body(), headers: { 'CF-Connecting-IP': ip } });
      expect(res.status, res.text).toBe(429);
      expectErrorShape(res.body, 429);
      const retryAfter = Number(res.headers.get('Retry-After'));
      expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`).toBe(true);
      expect(res.headers.get('X-Retry-After')).toBe(String(retryAfter));
      expect(res.headers.get('X-Rate-Limit-Requests-Quota')).toBe('20');
      expect(res.headers.get('X-Rate-Limit-Time-Window-Ms')).toBe('60000');
      expect(res.headers.get('X-Rate-Limit-Requests-Left')).toBe('0');
      const resetMs = Number(res.headers.get('X-Rate-Limit-Time-Reset-Ms'));
      expect(resetMs > 0 && resetMs <= 60_000, `reset ${resetMs}`).toBe(true);
      expect(Math.ceil(resetMs / 1000)).toBe(retryAfter);
      // The spec's 429 (validate-credentials: ErrorResponse) has status, title, type and errors; ours adds code.
      expect(res.body).toMatchObject({ status: 429, title: expect.any(String), type: expect.any(String) });
    }));

  it('a storefront 429 carries them too, and CORS lets the page read them', () =>
    inOneWindow(async () => {
      const ip = fixedIp();
      const headers = { 'CF-Connecting-IP': ip, Origin: 'https://accounts.test' };
      for (let i = 0; i < LIMITS.RESET_LIMITER.limit; i++) {
        await call('POST', '/storefront/password-reset', { body: { email: uniqueEmail('reset') }, headers });
      }
      const res = await call('POST', '/storefront/password-reset', { body: { email: uniqueEmail('reset') }, headers });
      expect(res.status, res.text).toBe(429);
      expect(res.headers.get('X-Retry-After')).toBe(res.headers.get('Retry-After'));
      expect(res.headers.get('X-Rate-Limit-Requests-Quota')).toBe(String(LIMITS.RESET_LIMITER.limit));
      const exposed = (res.headers.get('Access-Control-Expose-Headers') ?? '').split(/,\s*/).map((h) => h.toLowerCase());
      for (const h of ['Retry-After', 'X-Retry-After', ...RATE_HEADERS]) expect(exposed).toContain(h.toLowerCase());
    }));
});

describe('(b) nested form_fields name their customer and address', () => {
  const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const customerField = `compat_c_${run}`;
  const addressField = `compat_a_${run}`;

  beforeAll(async () => {
    const res = await call('POST', '/v3/customers/form-fields', {
      token,
      body: [
        { name: customerField, label: 'Loyalty number', type: 'text', applies_to: 'customer' },
        { name: addressField, label: 'Door code', type: 'text', applies_to: 'address' },
      ],
    });
    expect(res.status, res.text).toBe(200);
  });

  it('customers (POST, GET include=formfields,addresses) and addresses (POST, PUT, GET include=formfields) in the spec shapes', async () => {
    const customerValue = specSchema(customersV3, 'formFieldValue_Customer');
    const addressValue = specSchema(customersV3, 'formFieldValue_Address');
    expect(customerValue.required.sort()).toEqual(['customer_id', 'name', 'value']);
    expect(addressValue.required.sort()).toEqual(['address_id', 'name', 'value']);

    const created = await call('POST', '/v3/customers', {
      token,
      body: [
        {
          email: uniqueEmail('compat'),
          first_name: 'Form',
          last_name: 'Fields',
          form_fields: [{ name: customerField, value: 'L-1' }],
          addresses: [
            {
              first_name: 'Form',
              last_name: 'Fields',
              address1: '1 Main St',
              city: 'Springfield',
              country_code: 'US',
              state_or_province: 'Illinois',
              postal_code: '62701',
              form_fields: [{ name: addressField, value: '1234' }],
            },
          ],
        },
      ],
    });
    expect(created.status, created.text).toBe(200);
    const c = created.body.data[0];
    const a = c.addresses[0];
    expect(c.form_fields).toEqual([{ name: customerField, value: 'L-1', customer_id: c.id }]);
    expect(a.form_fields).toEqual([{ name: addressField, value: '1234', address_id: a.id }]);
    expectSpecShape(c.form_fields[0], customerValue);
    expectSpecShape(a.form_fields[0], addressValue);

    const listed = await call('GET', `/v3/customers?id:in=${c.id}&include=formfields,addresses`, { token });
    expect(listed.body.data[0].form_fields).toEqual([{ name: customerField, value: 'L-1', customer_id: c.id }]);
    expectSpecShape(listed.body.data[0].addresses[0].form_fields[0], addressValue);
    // The customer itself is still customer_Full (plus our email_verified).
    expectSpecShape(listed.body.data[0], specSchema(customersV3, 'customer_Full'), ['email_verified']);

    const addresses = await call('GET', `/v3/customers/addresses?customer_id:in=${c.id}&include=formfields`, { token });
    expectSpecShape(addresses.body.data[0].form_fields[0], addressValue);
    // address_Full plus our label, delivery instructions and default flags.
    expectSpecShape(addresses.body.data[0], specSchema(customersV3, 'address_Full'), [
      'label',
      'delivery_instructions',
      'is_default_shipping',
      'is_default_billing',
    ]);

    const updated = await call('PUT', '/v3/customers/addresses', {
      token,
      body: [{ id: a.id, form_fields: [{ name: addressField, value: '9999' }] }],
    });
    expect(updated.status, updated.text).toBe(200);
    expect(updated.body.data[0].form_fields).toEqual([{ name: addressField, value: '9999', address_id: a.id }]);

    const second = await call('POST', '/v3/customers/addresses', {
      token,
      body: [
        {
          customer_id: c.id,
          first_name: 'Form',
          last_name: 'Fields',
          address1: '2 Side St',
          city: 'Springfield',
          country_code: 'US',
          state_or_province: 'Illinois',
          postal_code: '62702',
          form_fields: [{ name: addressField, value: '42' }],
        },
      ],
    });
    expect(second.status, second.text).toBe(200);
    expect(second.body.data[0].form_fields).toEqual([{ name: addressField, value: '42', address_id: second.body.data[0].id }]);
  });
});

describe('(c) the spec beta includes', () => {
  it('include=shopper_profile_id,segment_ids is accepted: no shopper profile, no segments', async () => {
    expect(specQueryEnum(customersV3, '/customers', 'include')).toEqual(
      expect.arrayContaining(['addresses', 'storecredit', 'attributes', 'formfields', 'shopper_profile_id', 'segment_ids']),
    );
    const created = await call('POST', '/v3/customers', { token, body: [{ email: uniqueEmail('beta'), first_name: 'Be', last_name: 'Ta' }] });
    const id = created.body.data[0].id;
    const all = await call('GET', `/v3/customers?id:in=${id}&include=addresses,storecredit,attributes,formfields,shopper_profile_id,segment_ids`, {
      token,
    });
    expect(all.status, all.text).toBe(200);
    expect(all.body.data[0]).toMatchObject({ id, shopper_profile_id: null, segment_ids: [], addresses: [], attributes: [], form_fields: [] });
    const one = await call('GET', `/v3/customers?id:in=${id}&include=segment_ids`, { token });
    expect(one.body.data[0].segment_ids).toEqual([]);
    expect(one.body.data[0]).not.toHaveProperty('shopper_profile_id');
    expect(one.body.data[0]).not.toHaveProperty('addresses');
    const without = await call('GET', `/v3/customers?id:in=${id}`, { token });
    expect(without.body.data[0]).not.toHaveProperty('segment_ids');
    // Still refused: what the spec does not list.
    expect((await call('GET', `/v3/customers?include=wishlists`, { token })).status).toBe(422);
  });
});

describe('(d) bodiless answers are explicit', () => {
  const gzip = { 'Accept-Encoding': 'gzip, deflate' };
  const expectBodiless = (res: { status: number; headers: Headers; text: string }, status: number) => {
    expect(res.status).toBe(status);
    expect(res.text).toBe('');
    expect(res.headers.get('Content-Encoding')).toBe('identity');
    expect(res.headers.get('Content-Type')).toBeNull();
  };

  it('a 204 says Content-Encoding: identity and has no Content-Type (V3 and V2 deletes, the CORS preflight)', async () => {
    const created = await call('POST', '/v3/customers', { token, body: [{ email: uniqueEmail('gone'), first_name: 'Go', last_name: 'Ne' }] });
    expectBodiless(await call('DELETE', `/v3/customers?id:in=${created.body.data[0].id}`, { token, headers: gzip }), 204);
    const group = await call('POST', '/v2/customer_groups', { token, body: { name: `Compat ${uniqueEmail()}` } });
    expectBodiless(await call('DELETE', `/stores/demo01/v2/customer_groups/${group.body.id}`, { token, headers: gzip }), 204);
    const preflight = await call('OPTIONS', '/storefront/customer', {
      headers: { ...gzip, Origin: 'https://accounts.test', 'Access-Control-Request-Method': 'GET' },
    });
    expectBodiless(preflight, 204);
    expect(preflight.headers.get('Access-Control-Allow-Origin')).toBe('https://accounts.test');
  });

  it('answers with a body keep their Content-Type and no forced coding', async () => {
    const res = await call('GET', '/v3/customers?limit=1', { token, headers: gzip });
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(res.headers.get('Content-Encoding')).toBeNull();
  });
});

describe('(e) V2 routes answer errors in the V2 shape, V3 keeps ours', () => {
  it('404, 401, 422, 409, 400 and an unknown store on V2 paths: [{status, message, code, details?}]', async () => {
    // The spec's V2 answers with {status, message} (customer groups' 207); BigCommerce's V2 errors are an
    // array of such items.
    expect(customersV2).toMatch(/'207':[\s\S]*?properties:\s*\n\s*status:\s*\n\s*type: number\s*\n\s*message:/);
    const missing = await call('GET', '/v2/customer_groups/999999999', { token });
    expect(missing.status).toBe(404);
    expectV2ErrorShape(missing.body, 404);
    expect(missing.body[0]).toEqual({ status: 404, message: expect.any(String), code: 'group_not_found' });

    const underStore = await call('GET', '/stores/demo01/v2/customer_groups/999999999', { token });
    expect(underStore.body).toEqual(missing.body);

    const unauthenticated = await call('GET', '/v2/customer_groups');
    expectV2ErrorShape(unauthenticated.body, 401);
    expect(unauthenticated.body[0].code).toBe('admin_token_missing');

    const invalid = await call('POST', '/v2/customer_groups', { token, body: { name: '' } });
    const details = expectV2ErrorShape(invalid.body, 422);
    expect(details.errors).toHaveProperty('name');
    expect(details.codes.name).toEqual(expect.any(String));

    const name = `Compat ${uniqueEmail()}`;
    await call('POST', '/v2/customer_groups', { token, body: { name } });
    const clash = await call('POST', '/v2/customer_groups', { token, body: { name } });
    expect(expectV2ErrorShape(clash.body, 409).codes.name).toBe('duplicate');
    expect(clash.body[0].code).toBe('name_taken');

    const malformed = await call('POST', '/v2/customer_groups', { token, rawBody: '{"name":', headers: { 'Content-Type': 'application/json' } });
    expectV2ErrorShape(malformed.body, 400);
    expect(malformed.body[0].code).toBe('malformed_json');

    const otherStore = await call('GET', '/stores/nosuchstore/v2/customer_groups', { token });
    expectV2ErrorShape(otherStore.body, 404);
    expect(otherStore.body[0].code).toBe('store_not_found');

    const unknownRoute = await call('GET', '/v2/customers', { token });
    expectV2ErrorShape(unknownRoute.body, 404);
  });

  it('V3 and the storefront keep our body', async () => {
    const v3 = await call('GET', '/v3/customers?colour=red', { token });
    expectErrorShape(v3.body, 422);
    const v3Store = await call('GET', '/stores/nosuchstore/v3/customers', { token });
    expectErrorShape(v3Store.body, 404);
    expect(v3Store.body.code).toBe('store_not_found');
    expectErrorShape((await call('GET', '/storefront/customer')).body, 401);
  });
});
