// Customer Login SSO (/login/token/{jwt}): a good token signs the shopper in once; every forged,
// stale, replayed, misdirected or malformed token is refused with a clear error and no cookie.
import { env } from 'cloudflare:test';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, expectErrorShape } from '../../helpers/api';
import { cookie, refreshCookieOf, signUp } from '../../helpers/shopper';
import {
  adminWriter,
  createApp,
  hasRefreshCookie,
  loginClaims,
  loginToken,
  nowSeconds,
  openLink,
  rawToken,
  signHs256,
  type TestApp,
} from './fixtures';

let app: TestApp;
let other: TestApp;
let customerId: number;

beforeAll(async () => {
  app = await createApp('SSO app');
  other = await createApp('Another app');
  customerId = (await signUp()).id;
});

/** Expects a refusal: status, the error shape, and no session started. */
async function expectRefused(token: string, status: number, title?: RegExp) {
  const res = await openLink(token);
  expect(res.status, res.text).toBe(status);
  expectErrorShape(res.body, status);
  if (title) expect(res.body.title).toMatch(title);
  expect(hasRefreshCookie(res.headers)).toBe(false);
  expect(res.headers.get('Location')).toBeNull();
  return res.body;
}

describe('a good token', () => {
  it('signs the shopper in once: 302 to redirect_to with a refresh cookie that refreshes', async () => {
    const token = await loginToken(app, customerId, { redirect_to: '/account/orders?tab=recent#top' });
    // A link checker's HEAD first: it must neither sign in nor spend the token.
    const head = await call('HEAD', `/login/token/${token}`);
    expect(head.status).toBe(200);
    expect(hasRefreshCookie(head.headers)).toBe(false);
    const res = await openLink(token, { accept: 'text/html' });
    expect(res.status, res.text).toBe(302);
    expect(res.headers.get('Location')).toBe('/account/orders?tab=recent#top');
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    expect(res.headers.get('Referrer-Policy')).toBe('no-referrer');
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('sfa_refresh='))!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/Secure/);

    const refreshed = await call('POST', '/storefront/session/refresh', { headers: cookie(refreshCookieOf(res.headers)) });
    expect(refreshed.status, refreshed.text).toBe(200);
    const me = await call('GET', '/storefront/customer', { headers: { Authorization: `Bearer ${refreshed.body.access_token}` } });
    expect(me.body.customer.id).toBe(customerId);

    // The same link again: refused, no second session.
    const again = await openLink(token);
    expect(again.status).toBe(401);
    expect(again.body.title).toMatch(/already used/);
    expect(hasRefreshCookie(again.headers)).toBe(false);
  });

  it('redirects to / by default and accepts absolute URLs on this site or a storefront origin', async () => {
    const plain = await openLink(await loginToken(app, customerId));
    expect(plain.status).toBe(302);
    expect(plain.headers.get('Location')).toBe('/#sfa-session');

    const own = await openLink(await loginToken(app, customerId, { redirect_to: 'https://accounts.test/account' }));
    expect(own.status).toBe(302);
    expect(own.headers.get('Location')).toBe('https://accounts.test/account#sfa-session');

    const shop = `https://shop-${crypto.randomUUID().slice(0, 8)}.example`;
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    await env.DB.prepare('INSERT INTO channels (name, storefront_origins, date_created, date_modified) VALUES (?1, ?2, ?3, ?3)')
      .bind('SSO test shop', JSON.stringify([shop]), now)
      .run();
    const storefront = await openLink(await loginToken(app, customerId, { redirect_to: `${shop}/checkout?step=2` }));
    expect(storefront.status, storefront.text).toBe(302);
    expect(storefront.headers.get('Location')).toBe(`${shop}/checkout?step=2#sfa-session`);
    expect(hasRefreshCookie(storefront.headers)).toBe(true);
  });

  it('accepts a slightly skewed iat and a matching request_ip', async () => {
    const skewed = await openLink(await loginToken(app, customerId, { iat: nowSeconds() + 3 }));
    expect(skewed.status, skewed.text).toBe(302);
    const ip = await openLink(await loginToken(app, customerId, { request_ip: '203.0.113.9' }), { headers: { 'CF-Connecting-IP': '203.0.113.9' } });
    expect(ip.status, ip.text).toBe(302);
  });
});

describe('refused tokens', () => {
  it('a stale iat and a future iat', async () => {
    await expectRefused(await loginToken(app, customerId, { iat: nowSeconds() - 120 }), 401, /expired/);
    await expectRefused(await loginToken(app, customerId, { iat: nowSeconds() + 60 }), 401, /not yet valid/);
  });

  it("a wrong secret and another app's secret", async () => {
    await expectRefused(await signHs256(loginClaims(app, customerId), 'not-the-secret'), 401, /signature/);
    // iss names one app, the signature is the other's.
    await expectRefused(await signHs256(loginClaims(app, customerId), other.client_secret), 401, /signature/);
  });

  it('wrong store_hash, another operation, missing jti, malformed claims', async () => {
    const store = await expectRefused(await loginToken(app, customerId, { store_hash: 'other1' }), 422);
    expect(store.errors).toHaveProperty('store_hash');
    const op = await expectRefused(await loginToken(app, customerId, { operation: 'current_customer' }), 422);
    expect(op.errors).toHaveProperty('operation');
    const noJti = loginClaims(app, customerId);
    delete noJti.jti;
    const jti = await expectRefused(await signHs256(noJti, app.client_secret), 422);
    expect(jti.errors).toHaveProperty('jti');
    const badId = await expectRefused(await loginToken(app, customerId, { customer_id: 'one' }), 422);
    expect(badId.errors).toHaveProperty('customer_id');
    const noIss = loginClaims(app, customerId);
    delete noIss.iss;
    expect((await expectRefused(await signHs256(noIss, app.client_secret), 422)).errors).toHaveProperty('iss');
  });

  it('off-site redirect_to', async () => {
    for (const target of [
      'https://evil.example',
      'https://evil.example/account',
      '//evil.example',
      '/\\evil.example',
      '/\t/evil.example',
      'http://accounts.test.evil.example/',
      'https://user@accounts.test/account',
      'javascript:alert(1)',
      'account',
    ]) {
      const body = await expectRefused(await loginToken(app, customerId, { redirect_to: target }), 422);
      expect(body.errors, target).toHaveProperty('redirect_to');
    }
  });

  it('alg none, RS256, ES256 and other algorithms', async () => {
    const claims = loginClaims(app, customerId);
    await expectRefused(rawToken({ alg: 'none', typ: 'JWT' }, claims), 401, /algorithm/);
    await expectRefused(rawToken({ alg: 'NONE' }, claims), 401, /algorithm/);
    await expectRefused(rawToken({ typ: 'JWT' }, claims, 'abc'), 401, /algorithm/);
    await expectRefused(rawToken({ alg: 'HS512' }, claims, 'abc'), 401, /algorithm/);
    for (const alg of ['RS256', 'ES256'] as const) {
      const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
      const jwk = await exportJWK(publicKey);
      // Even with the key embedded in the header, as a key-confusion attack would try.
      const token = await new SignJWT(loginClaims(app, customerId)).setProtectedHeader({ alg, jwk }).sign(privateKey);
      await expectRefused(token, 401, /algorithm/);
    }
  });

  it('garbage that is not a JWT', async () => {
    await expectRefused('not-a-jwt', 400);
    await expectRefused('a.b.c', 400);
    await expectRefused(`${rawToken({ alg: 'HS256' }, {})}`.replace(/\.[^.]*\./, '.%%%.'), 400);
  });

  it('an unknown app, a revoked app, an unknown customer, a customer who must reset their password', async () => {
    await expectRefused(await signHs256(loginClaims({ ...app, client_id: 'no-such-app' }, customerId), app.client_secret), 404, /App not found/);

    const revoked = await createApp('Soon revoked');
    const token = await loginToken(revoked, customerId);
    expect((await call('DELETE', `/v3/apps/${revoked.id}`, { token: await adminWriter() })).status).toBe(204);
    await expectRefused(token, 404, /App not found/);

    await expectRefused(await loginToken(app, 99_999_999), 404, /Customer not found/);

    const locked = await signUp();
    await env.DB.prepare('UPDATE customers SET force_password_reset = 1 WHERE id = ?1').bind(locked.id).run();
    await expectRefused(await loginToken(app, locked.id), 403);
  });

  it('a request_ip that does not match and a channel the customer is not in', async () => {
    await expectRefused(await loginToken(app, customerId, { request_ip: '203.0.113.9' }), 401, /network address/);
    await expectRefused(await loginToken(app, customerId, { channel_id: 987654 }), 403);
  });

  it('does not burn the jti of a token refused for another reason', async () => {
    const jti = crypto.randomUUID();
    await expectRefused(await loginToken(app, customerId, { jti, redirect_to: '//evil.example' }), 422);
    expect((await openLink(await loginToken(app, customerId, { jti }))).status).toBe(302);
    await expectRefused(await loginToken(app, customerId, { jti }), 401, /already used/);
    // The jti is per app: another app may use the same id.
    expect((await openLink(await loginToken(other, customerId, { jti }))).status).toBe(302);
  });

  it('lets exactly one of two concurrent uses of a token through', async () => {
    const token = await loginToken(app, customerId);
    const results = await Promise.all([openLink(token), openLink(token), openLink(token)]);
    expect(results.map((r) => r.status).sort()).toEqual([302, 401, 401]);
  });
});

describe('error pages for browsers', () => {
  it('is a small HTML page with the same status, no script, text escaped', async () => {
    const evil = rawToken({ alg: '<script>alert(1)</script>' }, loginClaims(app, customerId), 'x');
    const res = await openLink(evil, { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' });
    expect(res.status).toBe(401);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(res.headers.get('Content-Security-Policy')).toMatch(/default-src 'none'/);
    expect(res.text).toContain('Sign-in failed');
    expect(res.text).toContain('Unsupported token algorithm');
    expect(res.text).not.toMatch(/<script/i);
    expect(res.text).toContain('&#60;script&#62;');
    expect(hasRefreshCookie(res.headers)).toBe(false);

    const stale = await openLink(await loginToken(app, customerId, { iat: nowSeconds() - 600 }), { accept: 'text/html' });
    expect(stale.status).toBe(401);
    expect(stale.text).toContain('Sign-in token expired');
    const unknown = await openLink(await signHs256(loginClaims({ ...app, client_id: 'nope' }, customerId), 'x'), { accept: '*/*' });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('Content-Type')).toMatch(/^text\/html/);
  });
});

describe('used jti rows', () => {
  it('are recorded with an expiry and purged once stale', async () => {
    const { purgeExpiredJtisStatement, useJtiStatement } = await import('../../../worker/src/db/sso');
    const jti = crypto.randomUUID();
    const use = async (expiresAt: string, purge = false) => {
      const results = await env.DB.batch([
        ...(purge ? [purgeExpiredJtisStatement(env.DB)] : []),
        useJtiStatement(env.DB, { clientId: 'purge-test', jti, expiresAt }),
      ]);
      return results.at(-1)!.meta.changes === 1;
    };
    expect(await use('2000-01-01T00:00:00Z')).toBe(true);
    expect(await use('2000-01-01T00:00:00Z')).toBe(false);
    await purgeExpiredJtisStatement(env.DB).run();
    expect(await use('2999-01-01T00:00:00Z', true)).toBe(true);
    const row = await env.DB.prepare('SELECT expires_at FROM sso_used_jti WHERE client_id = ?1 AND jti = ?2').bind('purge-test', jti).first();
    expect(row).toEqual({ expires_at: '2999-01-01T00:00:00Z' });
  });
});
