// /v3/apps: create (secret shown once), list, get, revoke; scopes; the secret is stored encrypted.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { adminToken, call, expectErrorShape } from '../../helpers/api';
import { adminWriter, createApp, STORE_HASH } from './fixtures';

describe('/v3/apps', () => {
  it('creates an app and shows its client secret in that response only', async () => {
    const token = await adminWriter();
    const res = await call('POST', '/v3/apps', { token, body: { name: '  Rewards  ' } });
    expect(res.status, res.text).toBe(201);
    const app = res.body.data;
    expect(app).toMatchObject({ name: 'Rewards', store_hash: STORE_HASH, revoked_at: null });
    expect(app.id).toBeTypeOf('number');
    expect(app.client_id).toMatch(/^[0-9a-f]{32}$/);
    expect(app.date_created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    // ≥ 256 bits: 32 random bytes, base64url.
    expect(app.client_secret).toMatch(/^[\w-]{43}$/);
    expect(res.headers.get('Cache-Control')).toBe('no-store');

    const one = await call('GET', `/v3/apps/${app.id}`, { token });
    expect(one.status).toBe(200);
    expect(one.body.data).toEqual({
      id: app.id,
      name: 'Rewards',
      client_id: app.client_id,
      store_hash: STORE_HASH,
      date_created: app.date_created,
      revoked_at: null,
    });
    expect(one.text).not.toContain(app.client_secret);

    const list = await call('GET', '/v3/apps?limit=250', { token });
    expect(list.status).toBe(200);
    expect(list.body.data).toContainEqual(one.body.data);
    expect(list.body.meta.pagination).toMatchObject({ current_page: 1 });
    expect(list.text).not.toContain(app.client_secret);
    expect(list.text).not.toContain('client_secret');
  });

  it('stores the secret encrypted, not in plain text', async () => {
    const app = await createApp();
    const row = await env.DB.prepare('SELECT client_secret_encrypted FROM apps WHERE id = ?1')
      .bind(app.id)
      .first<{ client_secret_encrypted: string }>();
    expect(row!.client_secret_encrypted).toMatch(/^v1\.[\w-]+\.[\w-]+$/);
    expect(row!.client_secret_encrypted).not.toContain(app.client_secret);
    // Two apps never share a ciphertext shape that would reveal equal secrets (random IVs).
    const other = await createApp();
    const row2 = await env.DB.prepare('SELECT client_secret_encrypted FROM apps WHERE id = ?1')
      .bind(other.id)
      .first<{ client_secret_encrypted: string }>();
    expect(row2!.client_secret_encrypted.split('.')[1]).not.toBe(row!.client_secret_encrypted.split('.')[1]);
  });

  it('revokes an app: it stays listed with revoked_at', async () => {
    const token = await adminWriter();
    const app = await createApp();
    const del = await call('DELETE', `/v3/apps/${app.id}`, { token });
    expect(del.status).toBe(204);
    const one = await call('GET', `/v3/apps/${app.id}`, { token });
    expect(one.body.data.revoked_at).toMatch(/Z$/);
    // Idempotent: revoking again keeps the first time.
    expect((await call('DELETE', `/v3/apps/${app.id}`, { token })).status).toBe(204);
    expect((await call('GET', `/v3/apps/${app.id}`, { token })).body.data.revoked_at).toBe(one.body.data.revoked_at);
  });

  it('answers 404 for an unknown app and 422 for bad input', async () => {
    const token = await adminWriter();
    const missing = await call('DELETE', '/v3/apps/99999999', { token });
    expect(missing.status).toBe(404);
    expectErrorShape(missing.body, 404);
    expect((await call('GET', '/v3/apps/99999999', { token })).status).toBe(404);

    const noName = await call('POST', '/v3/apps', { token, body: { name: '   ' } });
    expect(noName.status).toBe(422);
    expect(noName.body.errors).toHaveProperty('name');
    const extra = await call('POST', '/v3/apps', { token, body: { name: 'x', client_secret: 'mine' } });
    expect(extra.status).toBe(422);
    expect(extra.body.errors).toEqual({ client_secret: 'Unknown field' });
    expect((await call('GET', '/v3/apps/abc', { token })).status).toBe(422);
  });

  it('needs the customers modify scope to write; read-only may list', async () => {
    const app = await createApp();
    const readOnly = await adminToken(['store_v2_customers_read_only']);
    expect((await call('GET', '/v3/apps', { token: readOnly })).status).toBe(200);
    const post = await call('POST', '/v3/apps', { token: readOnly, body: { name: 'Sneaky' } });
    expect(post.status).toBe(403);
    expectErrorShape(post.body, 403);
    expect((await call('DELETE', `/v3/apps/${app.id}`, { token: readOnly })).status).toBe(403);
    expect((await call('GET', `/v3/apps/${app.id}`, { token: await adminWriter() })).body.data.revoked_at).toBeNull();

    const orders = await adminToken(['store_v2_orders']);
    expect((await call('GET', '/v3/apps', { token: orders })).status).toBe(403);
    expect((await call('GET', '/v3/apps')).status).toBe(401);
  });

  it('also answers under /stores/{store_hash}', async () => {
    const res = await call('GET', `/stores/${STORE_HASH}/v3/apps`, { token: await adminWriter() });
    expect(res.status).toBe(200);
  });
});
