// What browsers rely on: CORS only for the worker's own origin and the channels' storefront origins
// (credentials included, Vary: Origin), nothing at all for any other origin; JSON-only bodies (415 for
// the "simple" form and text/plain posts a cross-site page can send); the refresh cookie's attributes;
// no refresh token in bodies unless bearer-refresh mode is on; security headers on every response.
import { env } from 'cloudflare:test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearOriginCache } from '../../../worker/src/middleware/cors';
import { BASE, call, type ApiResponse, uniqueEmail } from '../../helpers/api';
import { bearer, cookie, refreshCookieOf, requiredFormFields, type SignedUp, signUp } from '../../helpers/shopper';

const OWN_ORIGIN = new URL(BASE).origin;
const tag = crypto.randomUUID().slice(0, 8);
const SHOP_ORIGIN = `https://shop-${tag}.example`;
const EVIL_ORIGIN = `https://evil-${tag}.example`;
let channelId: number;
let shopper: SignedUp;

beforeAll(async () => {
  shopper = await signUp();
});

afterAll(async () => {
  if (channelId) await env.DB.prepare('DELETE FROM channels WHERE id = ?1').bind(channelId).run();
  clearOriginCache();
});

const accessControlHeaders = (res: ApiResponse) => {
  const names: string[] = [];
  res.headers.forEach((_v, name) => {
    if (name.startsWith('access-control-')) names.push(name);
  });
  return names;
};

/** A GET, a POST and an OPTIONS preflight, all from `origin`. */
async function threeRequests(origin: string) {
  const get = await call('GET', '/storefront/form-fields', { headers: { Origin: origin } });
  const post = await call('POST', '/storefront/session', {
    body: { email: uniqueEmail('cors'), password: 'wrong-password-1' },
    headers: { Origin: origin },
  });
  const preflight = await call('OPTIONS', '/storefront/session', {
    headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type, authorization' },
  });
  expect(get.status).toBe(200);
  expect(post.status).toBe(401);
  return { get, post, preflight };
}

function expectCorsFor(origin: string, res: ApiResponse) {
  expect(res.headers.get('Access-Control-Allow-Origin')).toBe(origin);
  expect(res.headers.get('Access-Control-Allow-Credentials')).toBe('true');
  expect(res.headers.get('Vary') ?? '').toMatch(/(^|,\s*)Origin(\s*,|$)/i);
  // Once: the CORS middleware runs once per request even where route groups overlap.
  expect((res.headers.get('Vary') ?? '').match(/Origin/gi)).toHaveLength(1);
}

describe('CORS', () => {
  it('gives an unlisted origin no Access-Control-* header at all (GET, POST, preflight)', async () => {
    for (const origin of [EVIL_ORIGIN, 'null', `${OWN_ORIGIN}.evil.example`, OWN_ORIGIN.replace('https:', 'http:'), `${OWN_ORIGIN}:8443`]) {
      const { get, post, preflight } = await threeRequests(origin);
      expect(accessControlHeaders(get), origin).toEqual([]);
      expect(accessControlHeaders(post), origin).toEqual([]);
      expect(accessControlHeaders(preflight), origin).toEqual([]);
    }
  });

  it("allows the worker's own origin, with credentials and Vary: Origin", async () => {
    const { get, post, preflight } = await threeRequests(OWN_ORIGIN);
    expectCorsFor(OWN_ORIGIN, get);
    expectCorsFor(OWN_ORIGIN, post);
    expectCorsFor(OWN_ORIGIN, preflight);
    expect(preflight.headers.get('Access-Control-Allow-Methods')).toMatch(/POST/);
    expect(preflight.headers.get('Access-Control-Allow-Headers')?.toLowerCase()).toMatch(/authorization/);
    expect(preflight.headers.get('Access-Control-Allow-Headers')?.toLowerCase()).toMatch(/content-type/);
  });

  it('allows an origin listed in channels.storefront_origins (after the origin cache is cleared), and only that exact origin', async () => {
    // Before it is listed: refused (this also fills the origin cache).
    expect(accessControlHeaders((await threeRequests(SHOP_ORIGIN)).get)).toEqual([]);
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const row = await env.DB.prepare(
      'INSERT INTO channels (name, storefront_origins, date_created, date_modified) VALUES (?1, ?2, ?3, ?3) RETURNING id',
    )
      .bind(`Shop ${tag}`, JSON.stringify([SHOP_ORIGIN]), now)
      .first<{ id: number }>();
    channelId = row!.id;
    clearOriginCache();
    const { get, post, preflight } = await threeRequests(SHOP_ORIGIN);
    expectCorsFor(SHOP_ORIGIN, get);
    expectCorsFor(SHOP_ORIGIN, post);
    expectCorsFor(SHOP_ORIGIN, preflight);
    // Near misses of the listed origin get nothing.
    for (const near of [
      `${SHOP_ORIGIN}/`,
      SHOP_ORIGIN.replace('https:', 'http:'),
      `${SHOP_ORIGIN}:444`,
      SHOP_ORIGIN.toUpperCase(),
      `https://x.shop-${tag}.example`,
    ]) {
      expect(accessControlHeaders(await call('GET', '/storefront/form-fields', { headers: { Origin: near } })), near).toEqual([]);
    }
    // A sign-up from that origin is recorded on its channel.
    const email = uniqueEmail('channel');
    const res = await call('POST', '/storefront/customers', {
      body: { email, password: 'channel-secret-99', first_name: 'Cora', last_name: 'Channel', form_fields: await requiredFormFields() },
      headers: { Origin: SHOP_ORIGIN },
    });
    expect(res.status, res.text).toBe(201);
    expectCorsFor(SHOP_ORIGIN, res);
    const stored = await env.DB.prepare('SELECT origin_channel_id FROM customers WHERE email = ?1')
      .bind(email)
      .first<{ origin_channel_id: number }>();
    expect(stored?.origin_channel_id).toBe(channelId);
  });
});

describe('JSON-only bodies (no simple cross-site posts)', () => {
  const simpleTypes = ['text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'];

  it('refuses text/plain and form posts to log-in and sign-up with 415, even when the body is valid JSON', async () => {
    const email = uniqueEmail('csrf');
    const signUpBody = JSON.stringify({
      email,
      password: 'csrf-secret-1234',
      first_name: 'Cross',
      last_name: 'Site',
      form_fields: await requiredFormFields(),
    });
    const logInBody = JSON.stringify({ email: shopper.email, password: shopper.password });
    for (const type of simpleTypes) {
      for (const [path, rawBody] of [
        ['/storefront/session', logInBody],
        ['/storefront/customers', signUpBody],
        ['/storefront/session', `email=${encodeURIComponent(shopper.email)}&password=${encodeURIComponent(shopper.password)}`],
      ] as const) {
        const res = await call('POST', path, { rawBody, headers: { 'Content-Type': type, Origin: EVIL_ORIGIN } });
        expect(res.status, `${type} ${path}: ${res.text}`).toBe(415);
        expect(res.body).toMatchObject({ status: 415, type: 'urn:storefront-accounts:error:unsupported_media_type' });
        expect(res.headers.getSetCookie()).toEqual([]);
        expect(res.text).not.toContain('access_token');
      }
    }
    expect(await env.DB.prepare('SELECT id FROM customers WHERE email = ?1').bind(email).first()).toBeNull();
    // Control: the same bodies as application/json work.
    expect((await call('POST', '/storefront/session', { rawBody: logInBody, headers: { 'Content-Type': 'application/json' } })).status).toBe(200);
    expect(
      (await call('POST', '/storefront/customers', { rawBody: signUpBody, headers: { 'Content-Type': 'application/json; charset=utf-8' } })).status,
    ).toBe(201);
  });

  it('refuses a body without a Content-Type (the runtime would call it text/plain)', async () => {
    const res = await call('POST', '/storefront/session', {
      rawBody: JSON.stringify({ email: shopper.email, password: shopper.password }),
      headers: { 'Content-Type': '' },
    });
    expect(res.status, res.text).toBe(415);
  });

  it('refuses look-alike JSON types', async () => {
    for (const type of ['application/jsonp', 'application/json-seq', 'text/json', 'application/x-json']) {
      const res = await call('POST', '/storefront/session', {
        rawBody: JSON.stringify({ email: shopper.email, password: shopper.password }),
        headers: { 'Content-Type': type },
      });
      expect(res.status, type).toBe(415);
    }
  });
});

describe('refresh cookie and bearer-refresh mode', () => {
  function expectRefreshCookie(res: ApiResponse) {
    const set = res.headers.getSetCookie().filter((c) => c.startsWith('sfa_refresh='));
    expect(set, JSON.stringify(res.headers.getSetCookie())).toHaveLength(1);
    const parts = set[0]!.split(';').map((p) => p.trim());
    const attrs = parts.slice(1).map((p) => p.toLowerCase());
    expect(attrs).toContain('httponly');
    expect(attrs).toContain('secure');
    expect(attrs).toContain('samesite=none');
    expect(attrs).toContain('partitioned');
    expect(attrs).toContain('path=/storefront/session');
    expect(attrs.some((a) => a.startsWith('domain='))).toBe(false);
    return { value: parts[0]!.slice('sfa_refresh='.length), attrs };
  }

  it('sets the refresh cookie HttpOnly; Secure; SameSite=None; Partitioned; Path=/storefront/session on log-in and refresh, and clears it the same way', async () => {
    const login = await call('POST', '/storefront/session', { body: { email: shopper.email, password: shopper.password } });
    expect(login.status).toBe(200);
    const first = expectRefreshCookie(login);
    expect(first.value.length, 'at least 128 bits of base64url').toBeGreaterThanOrEqual(22);
    expect(first.attrs.some((a) => /^max-age=\d+$/.test(a) && Number(a.slice(8)) > 0)).toBe(true);

    const refreshed = await call('POST', '/storefront/session/refresh', { headers: cookie(first.value) });
    expect(refreshed.status, refreshed.text).toBe(200);
    const second = expectRefreshCookie(refreshed);
    expect(second.value).not.toBe(first.value);

    const out = await call('DELETE', '/storefront/session', { headers: cookie(second.value) });
    expect(out.status).toBe(204);
    const cleared = expectRefreshCookie(out);
    expect(cleared.value).toBe('');
    expect(cleared.attrs.some((a) => a === 'max-age=0' || a.startsWith('expires='))).toBe(true);
  });

  it('keeps refresh tokens out of JSON bodies and does not accept one from the body (bearer-refresh is off by default)', async () => {
    expect(env.REFRESH_IN_BODY).toBeUndefined();
    const fresh = await signUp();
    expect(fresh.body).not.toHaveProperty('refresh_token');
    expect(JSON.stringify(fresh.body)).not.toContain(fresh.refreshCookie);
    const login = await call('POST', '/storefront/session', { body: { email: fresh.email, password: fresh.password } });
    expect(login.body).not.toHaveProperty('refresh_token');
    const token = refreshCookieOf(login.headers);
    expect(login.text).not.toContain(token);
    // Presented in the body instead of the cookie: not a session.
    const viaBody = await call('POST', '/storefront/session/refresh', { body: { refresh_token: token } });
    expect(viaBody.status).toBe(401);
    // Control: the same token as the cookie is still good (the body attempt did not consume it).
    const viaCookie = await call('POST', '/storefront/session/refresh', { headers: cookie(token) });
    expect(viaCookie.status, viaCookie.text).toBe(200);
    expect(viaCookie.body).not.toHaveProperty('refresh_token');
    expect(viaCookie.text).not.toContain(refreshCookieOf(viaCookie.headers));
  });
});

describe('security headers', () => {
  function expectSecurityHeaders(res: ApiResponse, what: string) {
    expect(res.headers.get('X-Content-Type-Options'), what).toBe('nosniff');
    expect(res.headers.get('Strict-Transport-Security'), what).toMatch(/max-age=\d{7,}/);
    expect(res.headers.get('X-Frame-Options'), what).toMatch(/^(DENY|SAMEORIGIN)$/);
    expect(res.headers.get('Referrer-Policy'), what).toBeTruthy();
  }

  it('are on successes, errors, not-founds and preflights', async () => {
    const cases: [string, Promise<ApiResponse>, number][] = [
      ['health', call('GET', '/health'), 200],
      ['profile', call('GET', '/storefront/customer', { headers: bearer(shopper.accessToken) }), 200],
      ['jwks', call('GET', '/.well-known/jwks.json'), 200],
      ['401', call('GET', '/storefront/customer'), 401],
      ['422', call('POST', '/storefront/session', { body: { email: 1 } }), 422],
      ['415', call('POST', '/storefront/session', { rawBody: 'x', headers: { 'Content-Type': 'text/plain' } }), 415],
      ['400', call('POST', '/storefront/session', { rawBody: '{', headers: { 'Content-Type': 'application/json' } }), 400],
      ['404', call('GET', '/no/such/route'), 404],
      ['storefront 404', call('GET', '/storefront/nothing-here'), 404],
      ['preflight', call('OPTIONS', '/storefront/session', { headers: { Origin: OWN_ORIGIN, 'Access-Control-Request-Method': 'POST' } }), 204],
    ];
    for (const [what, pending, status] of cases) {
      const res = await pending;
      expect(res.status, `${what}: ${res.text}`).toBe(status);
      expectSecurityHeaders(res, what);
    }
  });

  it('serves error bodies as JSON, never as sniffable HTML', async () => {
    for (const res of [
      await call('GET', '/no/such/<script>'),
      await call('POST', '/storefront/session', { rawBody: '<html>', headers: { 'Content-Type': 'application/json' } }),
    ]) {
      expect(res.headers.get('Content-Type')).toMatch(/^application\/json/);
      expect(res.text).not.toContain('<script>');
    }
  });
});
