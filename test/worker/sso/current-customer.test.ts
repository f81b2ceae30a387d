// Current Customer (/customer/current.jwt): a JWT for an app, signed with that app's secret, naming the
// signed-in shopper; 404 for guests and for unknown or revoked apps; old access tokens are refused.
import { env } from 'cloudflare:test';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, expectErrorShape } from '../../helpers/api';
import { bearer, cookie, refreshCookieOf, signUp, type SignedUp } from '../../helpers/shopper';
import { adminWriter, createApp, nowSeconds, STORE_HASH, type TestApp } from './fixtures';

let app: TestApp;
let shopper: SignedUp;

beforeAll(async () => {
  app = await createApp('Current customer app');
  shopper = await signUp();
});

const path = (clientId: string) => `/customer/current.jwt?app_client_id=${encodeURIComponent(clientId)}`;

async function verify(token: string, secret: string) {
  return jwtVerify(token, new TextEncoder().encode(secret), { algorithms: ['HS256'], issuer: 'bc/apps', audience: app.client_id });
}

describe('GET /customer/current.jwt', () => {
  it("returns a JWT signed with the app secret, with BigCommerce's claims", async () => {
    const res = await call('GET', path(app.client_id), { headers: bearer(shopper.accessToken) });
    expect(res.status, res.text).toBe(200);
    expect(Object.keys(res.body)).toEqual(['token']);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    expect(decodeProtectedHeader(res.body.token)).toEqual({ alg: 'HS256', typ: 'JWT' });
    const { payload } = await verify(res.body.token, app.client_secret);
    const group = await env.DB.prepare('SELECT customer_group_id AS g FROM customers WHERE id = ?1').bind(shopper.id).first<{ g: number | null }>();
    expect(payload).toEqual({
      customer: { id: shopper.id, email: shopper.email, group_id: String(group!.g ?? 0) },
      iss: 'bc/apps',
      sub: STORE_HASH,
      iat: expect.any(Number),
      exp: (payload.iat as number) + 900,
      version: 1,
      aud: app.client_id,
      application_id: app.client_id,
      store_hash: STORE_HASH,
      operation: 'current_customer',
    });
    expect(Math.abs((payload.iat as number) - nowSeconds())).toBeLessThan(5);

    // Another app's secret does not verify it.
    const other = await createApp('Other');
    await expect(verify(res.body.token, other.client_secret)).rejects.toThrow();
  });

  it('works with the refresh cookie alone, without rotating it', async () => {
    const s = await signUp();
    const res = await call('GET', path(app.client_id), { headers: cookie(s.refreshCookie) });
    expect(res.status, res.text).toBe(200);
    expect(res.headers.getSetCookie()).toEqual([]);
    const { payload } = await verify(res.body.token, app.client_secret);
    expect(payload.customer).toMatchObject({ id: s.id, email: s.email });

    // The cookie is still the live one: it refreshes, and only then is it spent.
    const refreshed = await call('POST', '/storefront/session/refresh', { headers: cookie(s.refreshCookie) });
    expect(refreshed.status, refreshed.text).toBe(200);
    const stale = await call('GET', path(app.client_id), { headers: cookie(s.refreshCookie) });
    expect(stale.status).toBe(404);
    expect((await call('GET', path(app.client_id), { headers: cookie(refreshCookieOf(refreshed.headers)) })).status).toBe(200);
    // Where a browser actually sends the cookie (Path=/storefront/session):
    const inPath = await call('GET', `/storefront/session/current.jwt?app_client_id=${app.client_id}`, {
      headers: cookie(refreshCookieOf(refreshed.headers)),
    });
    expect(inPath.status).toBe(200);
    expect(typeof inPath.body.token).toBe('string');
  });

  it('answers 404 for guests, unknown cookies and unknown or revoked apps', async () => {
    const guest = await call('GET', path(app.client_id));
    expect(guest.status).toBe(404);
    expectErrorShape(guest.body, 404);
    expect((await call('GET', path(app.client_id), { headers: cookie('made-up-token') })).status).toBe(404);

    const unknown = await call('GET', path('no-such-client'), { headers: bearer(shopper.accessToken) });
    expect(unknown.status).toBe(404);
    expectErrorShape(unknown.body, 404);

    const revoked = await createApp('Revoked');
    expect((await call('GET', path(revoked.client_id), { headers: bearer(shopper.accessToken) })).status).toBe(200);
    await call('DELETE', `/v3/apps/${revoked.id}`, { token: await adminWriter() });
    expect((await call('GET', path(revoked.client_id), { headers: bearer(shopper.accessToken) })).status).toBe(404);

    const missing = await call('GET', '/customer/current.jwt', { headers: bearer(shopper.accessToken) });
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toHaveProperty('app_client_id');
  });

  it('refuses an access token from before log-out-everywhere, and an invalid one', async () => {
    const s = await signUp();
    expect((await call('GET', path(app.client_id), { headers: bearer(s.accessToken) })).status).toBe(200);
    expect((await call('DELETE', '/storefront/sessions', { headers: bearer(s.accessToken) })).status).toBe(204);
    const old = await call('GET', path(app.client_id), { headers: bearer(s.accessToken) });
    expect(old.status).toBe(401);
    expectErrorShape(old.body, 401);
    expect(old.body).not.toHaveProperty('token');
    // The refresh family was revoked too.
    expect((await call('GET', path(app.client_id), { headers: cookie(s.refreshCookie) })).status).toBe(404);

    expect((await call('GET', path(app.client_id), { headers: bearer('not.a.token') })).status).toBe(401);
  });

  it("is CORS-enabled for the store's own origins only", async () => {
    const pre = await call('OPTIONS', path(app.client_id), { headers: { Origin: 'https://accounts.test', 'Access-Control-Request-Method': 'GET' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('Access-Control-Allow-Origin')).toBe('https://accounts.test');
    expect(pre.headers.get('Access-Control-Allow-Credentials')).toBe('true');

    const own = await call('GET', path(app.client_id), { headers: { ...bearer(shopper.accessToken), Origin: 'https://accounts.test' } });
    expect(own.headers.get('Access-Control-Allow-Origin')).toBe('https://accounts.test');
    const evil = await call('GET', path(app.client_id), { headers: { ...bearer(shopper.accessToken), Origin: 'https://evil.example' } });
    expect(evil.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });
});
