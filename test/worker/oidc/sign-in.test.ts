// The whole OpenID Connect flow against the test provider: start → provider → callback → session,
// account matching, and every refusal bringing the shopper back with its documented #oidc-error code.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { adminToken, BASE, call, randomIp } from '../../helpers/api';
import { signUp } from '../../helpers/shopper';
import { authorize, callback, configuredProvider, newUser, signedInCustomer, signInWith, start, TestProvider } from './provider';
import { fetchChecked } from '../../helpers/contract';

const customerCount = async (email: string) =>
  (await env.DB.prepare('SELECT count(*) AS n FROM customers WHERE email = ?1').bind(email).first<{ n: number }>())!.n;

function expectError(result: { status: number; location: string; headers: Headers }, code: string, returnTo = '/account') {
  expect(result.status, `expected a redirect with ${code}, got ${result.status} ${result.location}`).toBe(302);
  expect(result.location).toBe(`${returnTo}#oidc-error=${code}`);
  expect(result.headers.getSetCookie().some((c) => c.startsWith('sfa_refresh='))).toBe(false);
}

describe('OIDC sign-in', () => {
  it('sends the browser to the provider with code, PKCE S256, state and nonce, and a state cookie', async () => {
    const idp = await configuredProvider();
    const s = await start(idp, '/account?tab=orders');
    expect(s.res.status).toBe(302);
    const url = new URL(s.location);
    expect(url.origin + url.pathname).toBe(`${idp.issuer}/authorize`);
    const q = Object.fromEntries(url.searchParams);
    expect(q).toMatchObject({
      client_id: idp.clientId,
      response_type: 'code',
      scope: 'openid email profile',
      code_challenge_method: 'S256',
      redirect_uri: `${BASE}/storefront/oidc/${idp.slug}/callback`,
    });
    expect(q.state!.length).toBeGreaterThanOrEqual(32);
    expect(q.nonce!.length).toBeGreaterThanOrEqual(32);
    expect(q.code_challenge).toMatch(/^[\w-]{43}$/);
    // The verifier never leaves the server.
    expect(s.location).not.toContain('code_verifier');
    expect(s.setCookie).toMatch(/HttpOnly/i);
    expect(s.setCookie).toMatch(/SameSite=Lax/i);
    expect(s.setCookie).toMatch(/Path=\/storefront\/oidc/);
    expect(s.stateCookie).toBe(q.state);
    // Only the hash of the state is stored.
    const stored = await env.DB.prepare('SELECT count(*) AS n FROM oidc_states WHERE state_hash = ?1').bind(q.state).first<{ n: number }>();
    expect(stored!.n).toBe(0);
  });

  it('creates a customer on first sign-in and finds the same one the second time', async () => {
    const idp = await configuredProvider();
    const user = newUser();
    const first = await signInWith(idp, user);
    expect(first.status, first.text).toBe(302);
    expect(first.location).toBe('/account');
    const created = await signedInCustomer(first.headers);
    expect(created).toMatchObject({ email: user.email, first_name: 'Olivia', last_name: 'Ident', has_password: false });

    const second = await signInWith(idp, { ...user, email: 'changed.at.provider@example.com' });
    expect(second.status).toBe(302);
    expect((await signedInCustomer(second.headers))!.id).toBe(created!.id);
    expect(await customerCount(user.email!)).toBe(1);

    // The code exchange carried the PKCE verifier and the exact redirect URI.
    const sent = idp.tokenRequests.at(-1)!;
    expect(sent.get('code_verifier')).toMatch(/^[\w-]{43,128}$/);
    expect(sent.get('redirect_uri')).toBe(`${BASE}/storefront/oidc/${idp.slug}/callback`);
  });

  it('links to an existing password account when both the provider and the account verified the email; earlier sessions end', async () => {
    const idp = await configuredProvider();
    const shopper = await signUp();
    const admin = await adminToken();
    const verified = await call('PUT', '/v3/customers', { token: admin, body: [{ id: shopper.id, email_verified: true }] });
    expect(verified.status, verified.text).toBe(200);
    expect(verified.body.data[0].email_verified).toBe(true);
    const res = await signInWith(idp, newUser({ email: shopper.email.toUpperCase(), email_verified: true }));
    expect(res.status, res.text).toBe(302);
    expect((await signedInCustomer(res.headers))!.id).toBe(shopper.id);
    // Whoever held a session before the link holds none now.
    expect((await call('GET', '/storefront/customer', { headers: { Authorization: `Bearer ${shopper.accessToken}` } })).status).toBe(401);
    expect((await call('POST', '/storefront/session/refresh', { headers: { Cookie: `sfa_refresh=${shopper.refreshCookie}` } })).status).toBe(401);
    const link = await env.DB.prepare('SELECT customer_id FROM customer_identities WHERE provider = ?1')
      .bind(idp.slug)
      .first<{ customer_id: number }>();
    expect(link!.customer_id).toBe(shopper.id);
  });

  it('never merges with an existing account when email_verified is not true', async () => {
    const shopper = await signUp();
    for (const email_verified of [false, 'true', undefined]) {
      const idp = await configuredProvider();
      const res = await signInWith(idp, newUser({ email: shopper.email, email_verified }));
      expectError(res, 'account_exists');
      expect(await customerCount(shopper.email)).toBe(1);
      const links = await env.DB.prepare('SELECT count(*) AS n FROM customer_identities WHERE provider = ?1').bind(idp.slug).first<{ n: number }>();
      expect(links!.n).toBe(0);
    }
  });

  it('creates a new customer from an unverified email nobody uses yet', async () => {
    const idp = await configuredProvider();
    const user = newUser({ email_verified: false, given_name: undefined, family_name: undefined, name: 'Ada Lovelace King' });
    const res = await signInWith(idp, user);
    expect(res.status).toBe(302);
    expect(await signedInCustomer(res.headers)).toMatchObject({ email: user.email, first_name: 'Ada', last_name: 'Lovelace King' });
  });

  it('refuses a sign-in without an email when there is no link yet', async () => {
    const idp = await configuredProvider();
    expectError(await signInWith(idp, { sub: crypto.randomUUID() }), 'email_required');
  });

  it('refuses an unknown, a replayed and a foreign state', async () => {
    const idp = await configuredProvider();
    idp.user = newUser();
    const s = await start(idp);
    const cbUrl = await authorize(idp, s.location);

    const unknown = new URL(cbUrl);
    unknown.searchParams.set('state', 'not-a-state-we-issued');
    // No return URL is known for a state we never issued: the account page (or the site root).
    expectError(await callback(unknown.href, 'not-a-state-we-issued'), 'invalid_state', '/');
    expectError(await callback(`${BASE}/storefront/oidc/${idp.slug}/callback?code=x`), 'invalid_state', '/');

    const ok = await callback(cbUrl, s.stateCookie);
    expect(ok.status).toBe(302);
    expect(ok.location).toBe('/account');
    // Replayed: the state was used.
    expectError(await callback(cbUrl, s.stateCookie), 'invalid_state', '/');

    // A state issued for another provider, presented at this provider's callback.
    const other = await configuredProvider();
    other.user = newUser();
    const o = await start(other);
    const foreign = (await authorize(other, o.location)).replace(`/oidc/${other.slug}/`, `/oidc/${idp.slug}/`);
    expectError(await callback(foreign, o.stateCookie), 'invalid_state');
  });

  it('refuses a callback opened in a browser that did not start the sign-in (login CSRF)', async () => {
    const idp = await configuredProvider();
    idp.user = newUser();
    const s = await start(idp);
    const cbUrl = await authorize(idp, s.location);
    expectError(await callback(cbUrl), 'invalid_state');
    // ... and the attempt is spent.
    expectError(await callback(cbUrl, s.stateCookie), 'invalid_state', '/');
  });

  it('refuses an expired state', async () => {
    const idp = await configuredProvider();
    idp.user = newUser();
    const s = await start(idp);
    const cbUrl = await authorize(idp, s.location);
    await env.DB.prepare("UPDATE oidc_states SET expires_at = '2000-01-01T00:00:00Z' WHERE provider = ?1").bind(idp.slug).run();
    expectError(await callback(cbUrl, s.stateCookie), 'expired_state');
  });

  it('refuses a replayed code', async () => {
    const idp = await configuredProvider();
    idp.user = newUser();
    const first = await start(idp);
    const firstCb = await authorize(idp, first.location);
    expect((await callback(firstCb, first.stateCookie)).status).toBe(302);

    // A new attempt that presents the already-used code with its own (valid) state.
    const second = await start(idp);
    const secondState = new URL(second.location).searchParams.get('state')!;
    const replay = new URL(firstCb);
    replay.searchParams.set('state', secondState);
    expectError(await callback(replay.href, second.stateCookie), 'invalid_code');
  });

  it('refuses a wrong nonce, a wrong audience, an expired ID token and a wrong issuer', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ nonce: 'not-the-nonce' }, 'nonce'],
      [{ aud: 'another-client' }, 'aud'],
      [{ exp: Math.floor(Date.now() / 1000) - 3600 }, 'exp'],
      [{ iss: 'https://evil.example' }, 'iss'],
    ];
    for (const [claims, what] of cases) {
      const idp = await configuredProvider();
      idp.claimOverrides = claims;
      const user = newUser();
      const res = await signInWith(idp, user);
      expect(res.location, what).toBe('/account#oidc-error=invalid_id_token');
      expect(await customerCount(user.email!), what).toBe(0);
    }
  });

  it('refuses an ID token signed by another key', async () => {
    const idp = await configuredProvider();
    // Same kid as the published key, different key material: the signature fails.
    idp.signWith = await TestProvider.newKey(`key-${idp.slug}`);
    const user = newUser();
    expectError(await signInWith(idp, user), 'invalid_id_token');
    // A kid the provider never published.
    idp.signWith = await TestProvider.newKey('unknown-kid');
    expectError(await signInWith(idp, user), 'invalid_id_token');
    expect(await customerCount(user.email!)).toBe(0);
  });

  it('brings the shopper back when consent is denied', async () => {
    const idp = await configuredProvider();
    idp.deny = true;
    expectError(await signInWith(idp, newUser(), 'https://accounts.test/shop/account#top'), 'access_denied', 'https://accounts.test/shop/account');
  });

  it('reports a provider that is down, at the start and at the token endpoint', async () => {
    const idp = await configuredProvider();
    idp.down.discovery = true;
    const s = await start(idp);
    expectError({ status: s.res.status, location: s.location, headers: s.res.headers }, 'provider_unavailable');

    const idp2 = await configuredProvider();
    idp2.user = newUser();
    const s2 = await start(idp2);
    const cb = await authorize(idp2, s2.location);
    idp2.down.token = true;
    expectError(await callback(cb, s2.stateCookie), 'provider_unavailable');
  });

  it('answers JSON clients with the error shape and its code', async () => {
    const idp = await configuredProvider();
    idp.deny = true;
    const res = await signInWith(idp, newUser(), '/account', { Accept: 'application/json' });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.text)).toMatchObject({
      status: 403,
      code: 'access_denied',
      type: expect.stringMatching(/^urn:/),
      title: expect.any(String),
    });
    expect(res.text).not.toMatch(/stack|at \w+ \(/);
  });

  it('refuses off-site return URLs and unknown providers without redirecting', async () => {
    const idp = await configuredProvider();
    for (const bad of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)']) {
      const s = await start(idp, bad);
      expect(s.res.status, bad).toBe(422);
      expect(s.location).toBe('');
      expect(s.res.headers.get('Content-Type')).toMatch(/text\/html/);
    }
    const json = await call('GET', `/storefront/oidc/${idp.slug}/start?return_to=${encodeURIComponent('https://evil.example/')}`, {
      headers: { Accept: 'application/json' },
    });
    expect(json.status).toBe(422);
    expect(json.body.code).toBe('invalid_return_to');

    const unknown = await fetchChecked(`${BASE}/storefront/oidc/no-such-idp/start?return_to=/account`, {
      redirect: 'manual',
      headers: { 'CF-Connecting-IP': randomIp() },
    });
    expect(unknown.headers.get('Location')).toBe('/account#oidc-error=unknown_provider');
  });

  it('lists enabled providers for the widget, and a disabled one cannot be used', async () => {
    const idp = await configuredProvider();
    const off = await configuredProvider({ enabled: false });
    const list = await call('GET', '/storefront/oidc/providers');
    expect(list.status).toBe(200);
    expect(list.body.data).toContainEqual({ slug: idp.slug, name: `Test IdP ${idp.slug}`, start_url: `${BASE}/storefront/oidc/${idp.slug}/start` });
    expect(list.body.data.some((p: any) => p.slug === off.slug)).toBe(false);
    expect(list.text).not.toMatch(/client_id|issuer|secret/);
    const s = await start(off);
    expect(s.location).toBe('/account#oidc-error=unknown_provider');
  });
});
