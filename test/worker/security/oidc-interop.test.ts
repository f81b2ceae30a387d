// OpenID Connect hardening (issue 13, items 6, 7 and 11): links keyed with the issuer, https-only provider
// endpoints, and a spec-conformant provider whose ID token carries only `sub` (claims in UserInfo, as
// panva's oidc-provider does by default); every refusal logged, a rate-limited /start sent back as
// `#oidc-error=rate_limited`.
import { env } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { authorizationRequest, clearOidcCache } from '../../../worker/src/auth/oidc';
import type { OidcProviderRow } from '../../../worker/src/db/oidc';
import { adminToken, BASE, call, inOneWindow, randomIp } from '../../helpers/api';
import { signUp } from '../../helpers/shopper';
import { adminWriter, configuredProvider, newUser, signedInCustomer, signInWith, start, TestProvider } from '../oidc/provider';
import { fetchChecked } from '../../helpers/contract';

const providerRow = async (slug: string) =>
  (await env.DB.prepare('SELECT * FROM oidc_providers WHERE slug = ?1').bind(slug).first<OidcProviderRow>())!;

function expectError(result: { status: number; location: string }, code: string, returnTo = '/account') {
  expect(result.status, `expected a redirect with ${code}, got ${result.status} ${result.location}`).toBe(302);
  expect(result.location).toBe(`${returnTo}#oidc-error=${code}`);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('identity links are keyed with the issuer (item 6)', () => {
  it('a slug deleted and added again with another issuer does not sign the new issuer’s user into the old link’s account', async () => {
    const first = await configuredProvider();
    const sub = crypto.randomUUID();
    const original = await signInWith(first, newUser({ sub }));
    const victim = await signedInCustomer(original.headers);
    expect(victim).not.toBeNull();

    const row = await providerRow(first.slug);
    expect((await call('DELETE', `/v3/oidc-providers/${row.id}`, { token: await adminWriter() })).status).toBe(204);
    // Same slug, another issuer, whose user happens to have the same subject.
    const second = await TestProvider.create(first.slug, `https://other-${first.slug}.example`);
    const created = await call('POST', '/v3/oidc-providers', {
      token: await adminWriter(),
      body: { slug: second.slug, name: 'Other', issuer: second.issuer, client_id: second.clientId },
    });
    expect(created.status, created.text).toBe(201);
    (env as unknown as Record<string, string>)[created.body.data.client_secret_env] = second.clientSecret;
    clearOidcCache(second.issuer);

    const stranger = newUser({ sub });
    const res = await signInWith(second, stranger);
    expect(res.status, res.text).toBe(302);
    expect(res.location).toBe('/account');
    const who = await signedInCustomer(res.headers);
    expect(who!.id).not.toBe(victim!.id);
    expect(who!.email).toBe(stranger.email);
  });

  it('refuses an issuer change of a provider with links (409 issuer_in_use); one without links may change it', async () => {
    const idp = await configuredProvider();
    const row = await providerRow(idp.slug);
    const token = await adminWriter();
    // No links yet: the issuer may change (and back).
    const moved = await call('PUT', `/v3/oidc-providers/${row.id}`, { token, body: { issuer: 'https://moved.example' } });
    expect(moved.status, moved.text).toBe(200);
    expect((await call('PUT', `/v3/oidc-providers/${row.id}`, { token, body: { issuer: idp.issuer } })).status).toBe(200);
    clearOidcCache(idp.issuer);

    expect((await signInWith(idp, newUser())).status).toBe(302);
    const refused = await call('PUT', `/v3/oidc-providers/${row.id}`, { token, body: { issuer: 'https://moved.example', name: 'Renamed' } });
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body.code).toBe('issuer_in_use');
    expect(await providerRow(idp.slug)).toMatchObject({ issuer: idp.issuer, name: row.name });
    // Other fields (and the same issuer) still change.
    const renamed = await call('PUT', `/v3/oidc-providers/${row.id}`, { token, body: { issuer: idp.issuer, name: 'Renamed' } });
    expect(renamed.status, renamed.text).toBe(200);
    expect(renamed.body.data.name).toBe('Renamed');
  });
});

describe('provider endpoints must be https (item 7)', () => {
  it('never sends the browser to a javascript: authorization endpoint (every authorization request is built from discovery)', async () => {
    const idp = await configuredProvider();
    idp.discoveryOverrides = { authorization_endpoint: 'javascript:alert(document.domain)//' };
    clearOidcCache(idp.issuer);
    const s = await start(idp);
    expect(s.location).not.toMatch(/^javascript:/i);
    expectError({ status: s.res.status, location: s.location }, 'provider_misconfigured');
  });

  it('outside local and test, refuses http endpoints from discovery', async () => {
    const idp = await TestProvider.create();
    const production = { ...env, ENVIRONMENT: 'production' };
    const provider = { slug: idp.slug, issuer: idp.issuer, client_id: idp.clientId, scopes: 'openid email' } as OidcProviderRow;
    const options = { redirectUri: `${BASE}/storefront/oidc/${idp.slug}/callback`, returnTo: '/', linkCustomerId: null };
    for (const field of ['authorization_endpoint', 'token_endpoint', 'jwks_uri', 'userinfo_endpoint']) {
      idp.discoveryOverrides = { [field]: `http://idp-${idp.slug}.example/${field}` };
      clearOidcCache(idp.issuer);
      await expect(authorizationRequest(production, provider, options), field).rejects.toMatchObject({ code: 'provider_misconfigured' });
    }
    idp.discoveryOverrides = {};
    clearOidcCache(idp.issuer);
    const ok = await authorizationRequest(production, provider, options);
    expect(new URL(ok.url).protocol).toBe('https:');
    clearOidcCache(idp.issuer);
  });
});

describe('a provider that puts the claims in UserInfo only, like oidc-provider by default (item 11)', () => {
  it('creates the new shopper from the UserInfo email and names', async () => {
    const idp = await configuredProvider();
    idp.claimsIn = 'userinfo';
    const user = newUser();
    const res = await signInWith(idp, user);
    expect(res.status, res.text).toBe(302);
    expect(res.location).toBe('/account');
    expect(idp.userInfoRequests).toBe(1);
    expect(await signedInCustomer(res.headers)).toMatchObject({ email: user.email, first_name: 'Olivia', last_name: 'Ident' });
  });

  it('matches an existing verified account by the verified email from UserInfo', async () => {
    const idp = await configuredProvider();
    idp.claimsIn = 'userinfo';
    const shopper = await signUp();
    const verified = await call('PUT', '/v3/customers', { token: await adminToken(), body: [{ id: shopper.id, email_verified: true }] });
    expect(verified.status, verified.text).toBe(200);
    const res = await signInWith(idp, newUser({ email: shopper.email, email_verified: true }));
    expect(res.status, res.text).toBe(302);
    expect((await signedInCustomer(res.headers))!.id).toBe(shopper.id);
  });

  it('refuses UserInfo of another subject (provider_error) and logs why', async () => {
    const idp = await configuredProvider();
    idp.claimsIn = 'userinfo';
    idp.userInfoOverrides = { sub: 'someone-else' };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const res = await signInWith(idp, newUser());
    expectError(res, 'provider_error');
    expect(warn.mock.calls.flat().join('\n')).toMatch(/provider_error: UserInfo/);
  });

  it('logs a detail for a refusal that had none (email_required)', async () => {
    const idp = await configuredProvider();
    idp.claimsIn = 'userinfo';
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const res = await signInWith(idp, { sub: crypto.randomUUID() });
    expectError(res, 'email_required');
    expect(warn.mock.calls.flat().join('\n')).toMatch(/email_required: .*no email claim/);
  });

  it('sends a rate-limited /start back to the store with #oidc-error=rate_limited, not a JSON 429 page', () =>
    // One fixed window (a series across a minute mark is run again): 12 attempts split 6 + 6 reach no limit.
    inOneWindow(async () => {
      const idp = await configuredProvider();
      const ip = randomIp();
      let last: Response | undefined;
      for (let i = 0; i < 12; i++) {
        last = await fetchChecked(`${BASE}/storefront/oidc/${idp.slug}/start?return_to=%2Faccount%3Ftab%3Dlinks`, {
          redirect: 'manual',
          headers: { 'CF-Connecting-IP': ip },
        });
      }
      expect(last!.status).toBe(302);
      expect(last!.headers.get('Location')).toBe('/account?tab=links#oidc-error=rate_limited');
      // API clients still get the error shape.
      const json = await fetchChecked(`${BASE}/storefront/oidc/${idp.slug}/start`, {
        redirect: 'manual',
        headers: { 'CF-Connecting-IP': ip, Accept: 'application/json' },
      });
      expect(json.status).toBe(429);
      expect((await json.json<{ code: string }>()).code).toBe('rate_limited');
    }));
});
