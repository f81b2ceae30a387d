// /v3/oidc-providers: the store's providers through the admin API; scopes; the secret comes from env.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { adminToken, BASE, call, expectErrorShape } from '../../helpers/api';
import { adminWriter } from './provider';

const slugOf = () => `p${crypto.randomUUID().slice(0, 8)}`;

describe('/v3/oidc-providers', () => {
  it('creates, reads, lists, updates and deletes a provider', async () => {
    const token = await adminWriter();
    const slug = slugOf();
    const created = await call('POST', '/v3/oidc-providers', {
      token,
      body: { slug, name: ' Acme SSO ', issuer: 'https://login.acme.example', client_id: 'acme-client' },
    });
    expect(created.status, created.text).toBe(201);
    const p = created.body.data;
    const envName = `OIDC_${slug.toUpperCase()}_CLIENT_SECRET`;
    expect(p).toEqual({
      id: expect.any(Number),
      slug,
      name: 'Acme SSO',
      issuer: 'https://login.acme.example',
      client_id: 'acme-client',
      client_secret_env: envName,
      client_secret_configured: false,
      token_endpoint_auth_method: 'client_secret_basic',
      scopes: 'openid email profile',
      enabled: true,
      sort_order: 0,
      redirect_uri: `${BASE}/storefront/oidc/${slug}/callback`,
      date_created: expect.stringMatching(/Z$/),
      date_modified: expect.stringMatching(/Z$/),
    });

    (env as unknown as Record<string, string>)[envName] = 'from-the-environment';
    const one = await call('GET', `/v3/oidc-providers/${p.id}`, { token });
    expect(one.body.data.client_secret_configured).toBe(true);
    expect(one.text).not.toContain('from-the-environment');

    const list = await call('GET', '/v3/oidc-providers', { token });
    expect(list.status).toBe(200);
    expect(list.body.data.map((x: any) => x.slug)).toContain(slug);

    const updated = await call('PUT', `/v3/oidc-providers/${p.id}`, { token, body: { name: 'Acme', scopes: 'openid email', enabled: false } });
    expect(updated.status, updated.text).toBe(200);
    expect(updated.body.data).toMatchObject({ slug, name: 'Acme', scopes: 'openid email', enabled: false });

    expect((await call('DELETE', `/v3/oidc-providers/${p.id}`, { token })).status).toBe(204);
    expect((await call('GET', `/v3/oidc-providers/${p.id}`, { token })).status).toBe(404);
    expect((await call('DELETE', `/v3/oidc-providers/${p.id}`, { token })).status).toBe(404);
  });

  it('validates input: slug, issuer, scopes, no secret in the body, unique slugs', async () => {
    const token = await adminWriter();
    const base = { slug: slugOf(), name: 'X', issuer: 'https://idp.example', client_id: 'c' };
    const bad = async (body: Record<string, unknown>, field: string) => {
      const res = await call('POST', '/v3/oidc-providers', { token, body });
      expect(res.status, `${field}: ${res.text}`).toBe(422);
      expectErrorShape(res.body, 422);
      expect(res.body.errors).toHaveProperty(field);
    };
    await bad({ ...base, slug: 'Not A Slug' }, 'slug');
    await bad({ ...base, issuer: 'ftp://idp.example' }, 'issuer');
    await bad({ ...base, issuer: 'https://idp.example/?x=1' }, 'issuer');
    await bad({ ...base, scopes: 'email profile' }, 'scopes');
    await bad({ ...base, client_secret: 'shh' }, 'client_secret');
    await bad({ ...base, client_secret_env: 'TOKEN_SIGNING_KEY' }, 'client_secret_env');
    await bad({ ...base, name: '' }, 'name');
    expect((await call('PUT', '/v3/oidc-providers/1', { token, body: { slug: 'renamed' } })).status).toBe(422);

    expect((await call('POST', '/v3/oidc-providers', { token, body: base })).status).toBe(201);
    const dup = await call('POST', '/v3/oidc-providers', { token, body: base });
    expect(dup.status).toBe(409);
    expectErrorShape(dup.body, 409);
  });

  it('needs the customers modify scope to write; read-only may read', async () => {
    const writer = await adminWriter();
    const created = await call('POST', '/v3/oidc-providers', {
      token: writer,
      body: { slug: slugOf(), name: 'RO', issuer: 'https://ro.example', client_id: 'c' },
    });
    const id = created.body.data.id;
    const readOnly = await adminToken(['store_v2_customers_read_only']);
    expect((await call('GET', '/v3/oidc-providers', { token: readOnly })).status).toBe(200);
    expect((await call('GET', `/v3/oidc-providers/${id}`, { token: readOnly })).status).toBe(200);
    const post = await call('POST', '/v3/oidc-providers', {
      token: readOnly,
      body: { slug: slugOf(), name: 'N', issuer: 'https://n.example', client_id: 'c' },
    });
    expect(post.status).toBe(403);
    expectErrorShape(post.body, 403);
    expect((await call('PUT', `/v3/oidc-providers/${id}`, { token: readOnly, body: { name: 'Changed' } })).status).toBe(403);
    expect((await call('DELETE', `/v3/oidc-providers/${id}`, { token: readOnly })).status).toBe(403);
    expect((await call('GET', `/v3/oidc-providers/${id}`, { token: writer })).body.data.name).toBe('RO');
    expect((await call('GET', '/v3/oidc-providers', { token: await adminToken(['store_v2_orders']) })).status).toBe(403);
    expect((await call('GET', '/v3/oidc-providers')).status).toBe(401);
    expect((await call('GET', '/stores/demo01/v3/oidc-providers', { token: writer })).status).toBe(200);
  });
});
