// The shopper's metafields through the real worker and D1: GET /storefront/customer/metafields shows only
// the shopper's own fields with a storefront permission set (read_and_sf_access, write_and_sf_access),
// PUT /{id} changes only a write_and_sf_access field; app-only and other API-only fields, another
// shopper's fields and missing ids all answer the same 404; a revoked token gets nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { adminToken, call, expectErrorShape } from '../../helpers/api';
import { bearer, type SignedUp, signUp } from '../../helpers/shopper';

const PATH = '/storefront/customer/metafields';

let token: string;
beforeAll(async () => {
  token = await adminToken(['store_v2_customers']);
});

/** Gives customer `customerId` one metafield of each permission set through the admin API, by permission set. */
async function seedFields(customerId: number): Promise<Record<string, any>> {
  const res = await call('POST', '/v3/customers/metafields', {
    token,
    body: ['app_only', 'read', 'write', 'read_and_sf_access', 'write_and_sf_access'].map((permission_set) => ({
      permission_set,
      namespace: 'Loyalty',
      key: permission_set,
      value: `secret ${permission_set}`,
      description: `The ${permission_set} field`,
      resource_id: customerId,
    })),
  });
  expect(res.status, res.text).toBe(200);
  return Object.fromEntries(res.body.data.map((m: any) => [m.permission_set, m]));
}

const list = (s: SignedUp) => call('GET', PATH, { headers: bearer(s.accessToken) });
const put = (s: SignedUp, id: number, body: unknown) => call('PUT', `${PATH}/${id}`, { headers: bearer(s.accessToken), body });
const adminValue = async (customerId: number, id: number) =>
  (await call('GET', `/v3/customers/${customerId}/metafields/${id}`, { token })).body.data.value;

describe('GET /storefront/customer/metafields', () => {
  it('shows the shopper only their storefront fields, saying which they may change; app-only values never appear', async () => {
    const s = await signUp();
    const fields = await seedFields(s.id);
    const res = await list(s);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({
      data: [
        {
          id: fields.read_and_sf_access.id,
          namespace: 'Loyalty',
          key: 'read_and_sf_access',
          value: 'secret read_and_sf_access',
          description: 'The read_and_sf_access field',
          writable: false,
          date_modified: fields.read_and_sf_access.date_modified,
        },
        {
          id: fields.write_and_sf_access.id,
          namespace: 'Loyalty',
          key: 'write_and_sf_access',
          value: 'secret write_and_sf_access',
          description: 'The write_and_sf_access field',
          writable: true,
          date_modified: fields.write_and_sf_access.date_modified,
        },
      ],
    });
    for (const hidden of ['app_only', 'read', 'write']) expect(res.text).not.toContain(`"secret ${hidden}"`);
  });

  it('is an empty list for a shopper without fields, and follows a change of permission set by staff', async () => {
    const s = await signUp();
    expect((await list(s)).body).toEqual({ data: [] });
    const fields = await seedFields(s.id);
    const demoted = await call('PUT', `/v3/customers/${s.id}/metafields/${fields.write_and_sf_access.id}`, {
      token,
      body: { permission_set: 'app_only' },
    });
    expect(demoted.status, demoted.text).toBe(200);
    const promoted = await call('PUT', `/v3/customers/${s.id}/metafields/${fields.app_only.id}`, {
      token,
      body: { permission_set: 'read_and_sf_access' },
    });
    expect(promoted.status, promoted.text).toBe(200);
    expect((await list(s)).body.data.map((m: any) => m.key)).toEqual(['app_only', 'read_and_sf_access']);
  });

  it('never shows another shopper’s fields', async () => {
    const [a, b] = [await signUp(), await signUp()];
    await seedFields(b.id);
    expect((await list(a)).body).toEqual({ data: [] });
  });

  it('needs a live session: no token → 401, a revoked token → 401 token_revoked', async () => {
    const s = await signUp();
    await seedFields(s.id);
    const anonymous = await call('GET', PATH);
    expect(anonymous.status).toBe(401);
    expectErrorShape(anonymous.body, 401);
    expect((await call('DELETE', '/storefront/sessions', { headers: bearer(s.accessToken) })).status).toBe(204);
    const revoked = await list(s);
    expect(revoked.status).toBe(401);
    expect(revoked.body.code).toBe('token_revoked');
    expect(revoked.text).not.toContain('secret');
  });
});

describe('PUT /storefront/customer/metafields/{id}', () => {
  it('sets the value of a write_and_sf_access field; the admin API reads the shopper’s value', async () => {
    const s = await signUp();
    const fields = await seedFields(s.id);
    const res = await put(s, fields.write_and_sf_access.id, { value: 'Size 42, wide' });
    expect(res.status, res.text).toBe(200);
    expect(res.body.data).toMatchObject({ id: fields.write_and_sf_access.id, key: 'write_and_sf_access', value: 'Size 42, wide', writable: true });
    expect(await adminValue(s.id, fields.write_and_sf_access.id)).toBe('Size 42, wide');
    expect((await list(s)).body.data[1].value).toBe('Size 42, wide');
  });

  it('refuses a field the shopper may only read with 403 metafield_read_only, changing nothing', async () => {
    const s = await signUp();
    const fields = await seedFields(s.id);
    const res = await put(s, fields.read_and_sf_access.id, { value: 'changed' });
    expect(res.status).toBe(403);
    expectErrorShape(res.body, 403);
    expect(res.body.code).toBe('metafield_read_only');
    expect(await adminValue(s.id, fields.read_and_sf_access.id)).toBe('secret read_and_sf_access');
  });

  it('answers app-only and API-only fields exactly like a missing one (404), so their existence does not show', async () => {
    const s = await signUp();
    const fields = await seedFields(s.id);
    const missing = await put(s, 999_999_999, { value: 'changed' });
    expect(missing.status).toBe(404);
    expectErrorShape(missing.body, 404);
    expect(missing.body.code).toBe('metafield_not_found');
    for (const hidden of ['app_only', 'read', 'write']) {
      const res = await put(s, fields[hidden].id, { value: 'changed' });
      expect(res.status, hidden).toBe(404);
      expect(res.body, hidden).toEqual(missing.body);
      expect(await adminValue(s.id, fields[hidden].id)).toBe(`secret ${hidden}`);
    }
  });

  it('lets no shopper touch another’s field, even a writable one', async () => {
    const [a, b] = [await signUp(), await signUp()];
    const fields = await seedFields(b.id);
    for (const permission_set of ['write_and_sf_access', 'read_and_sf_access']) {
      const res = await put(a, fields[permission_set].id, { value: 'hijacked' });
      expect(res.status, permission_set).toBe(404);
      expect(res.body.code).toBe('metafield_not_found');
      expect(await adminValue(b.id, fields[permission_set].id)).toBe(`secret ${permission_set}`);
    }
  });

  it('validates the body: a value of text, 1 to 65,535 characters, and nothing else', async () => {
    const s = await signUp();
    const { write_and_sf_access: field } = await seedFields(s.id);
    for (const [body, path] of [
      [{ value: '' }, 'value'],
      [{ value: 42 }, 'value'],
      [{ value: 'v'.repeat(65_536) }, 'value'],
      [{}, 'value'],
      [{ value: 'ok', key: 'renamed' }, 'key'],
    ] as const) {
      const res = await put(s, field.id, body);
      expect(res.status, JSON.stringify(body).slice(0, 40)).toBe(422);
      expectErrorShape(res.body, 422);
      expect(Object.keys(res.body.errors)).toEqual([path]);
    }
    expect(await adminValue(s.id, field.id)).toBe('secret write_and_sf_access');
  });

  it('needs a live session: a revoked token writes nothing', async () => {
    const s = await signUp();
    const { write_and_sf_access: field } = await seedFields(s.id);
    expect((await call('DELETE', '/storefront/sessions', { headers: bearer(s.accessToken) })).status).toBe(204);
    const res = await put(s, field.id, { value: 'late' });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('token_revoked');
    expect(await adminValue(s.id, field.id)).toBe('secret write_and_sf_access');
  });
});
