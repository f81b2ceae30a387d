// Rate limits on the guessable routes, through the real `ratelimits` bindings of wrangler.toml:
// log-in (10/min per IP and per email), sign-up (10/min per IP), password reset (5/min per IP and per
// email), admin validate-credentials (20/min per IP). The (N+1)th attempt is a 429 in the error shape
// with Retry-After, and it is decided before any hashing: a PBKDF2 spy on the shared isolate shows the
// refused attempt's password never reached PBKDF2 (while the allowed attempts' passwords did).
// Every series has its own key space (a fresh IP, email or customer) and runs inOneWindow, so no result
// depends on the time of day.
import { env } from 'cloudflare:test';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { adminToken, call, expectErrorShape, inOneWindow, uniqueEmail } from '../../helpers/api';
import { requiredFormFields, signUp } from '../../helpers/shopper';
import { type Pbkdf2Spy, spyOnPbkdf2 } from './pbkdf2-spy';

const LIMITS = { login: 10, signup: 10, reset: 5, credentials: 20 };

let spy: Pbkdf2Spy | undefined;
/** A new spy (a series may run twice: the previous one is restored first). */
function startSpy(): Pbkdf2Spy {
  spy?.restore();
  spy = spyOnPbkdf2();
  return spy;
}
afterEach(() => {
  spy?.restore();
  spy = undefined;
});

/** An IP no other test uses (TEST-NET-3 plus random bytes). */
function fixedIp(): string {
  const b = crypto.getRandomValues(new Uint8Array(2));
  return `203.${b[0]}.${b[1]}.${1 + (b[0]! % 250)}`;
}

let n = 0;
/** A password unique to one attempt, so the spy can tell which attempt was hashed. */
const attemptPassword = () => `attempt-${++n}-${crypto.randomUUID()}`;

function expect429(res: { status: number; body: any; headers: Headers; text: string }) {
  expect(res.status, res.text).toBe(429);
  expectErrorShape(res.body, 429);
  expect(res.body.type).toBe('urn:storefront-accounts:error:rate_limited');
  const retry = Number(res.headers.get('Retry-After'));
  expect(Number.isInteger(retry) && retry > 0 && retry <= 60, `Retry-After ${res.headers.get('Retry-After')}`).toBe(true);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; res: T }> {
  const t0 = performance.now();
  const res = await fn();
  return { ms: performance.now() - t0, res };
}

// Unique to this file, so a match in the spy can only come from this file's requests.
const PASSWORD = `rate-limits-${crypto.randomUUID()}`;
let admin: string;
beforeAll(async () => {
  admin = await adminToken(['store_v2_customers']);
});

describe('log-in: POST /storefront/session', () => {
  it(`allows ${LIMITS.login} attempts per IP a minute, then 429s before hashing`, () =>
    inOneWindow(async () => {
      const ip = fixedIp();
      const spy = startSpy();
      const hashedMs: number[] = [];
      for (let i = 0; i < LIMITS.login; i++) {
        const password = attemptPassword();
        const { ms, res } = await timed(() =>
          call('POST', '/storefront/session', { body: { email: uniqueEmail('ipflood'), password }, headers: { 'CF-Connecting-IP': ip } }),
        );
        expect(res.status, res.text).toBe(401);
        expect(spy.hashed(password), 'allowed attempts are hashed (the spy sees the worker)').toBe(true);
        hashedMs.push(ms);
      }
      const refusedMs: number[] = [];
      for (let i = 0; i < 5; i++) {
        const password = attemptPassword();
        const { ms, res } = await timed(() =>
          call('POST', '/storefront/session', { body: { email: uniqueEmail('ipflood'), password }, headers: { 'CF-Connecting-IP': ip } }),
        );
        expect429(res);
        expect(spy.hashed(password), 'a 429 never reaches PBKDF2').toBe(false);
        refusedMs.push(ms);
      }
      // The same, seen as time: a refusal costs a small fraction of a hashed attempt.
      expect(median(refusedMs), `429 ${refusedMs.map(Math.round)} vs hashed ${hashedMs.map(Math.round)}`).toBeLessThan(median(hashedMs) / 3);
      // Another IP is unaffected.
      expect((await call('POST', '/storefront/session', { body: { email: uniqueEmail('ipflood'), password: attemptPassword() } })).status).toBe(401);
    }));

  it(`allows ${LIMITS.login} attempts per email a minute from any number of IPs; then even the right password gets 429`, () =>
    inOneWindow(async () => {
      const shopper = await signUp({ password: PASSWORD });
      const spy = startSpy();
      for (let i = 0; i < LIMITS.login; i++) {
        const password = attemptPassword();
        const res = await call('POST', '/storefront/session', { body: { email: shopper.email, password } }); // a fresh IP each
        expect(res.status, res.text).toBe(401);
        expect(spy.hashed(password)).toBe(true);
      }
      // Case and surrounding spaces do not make a new key.
      const variant = `  ${shopper.email.toUpperCase()} `;
      const refused = await call('POST', '/storefront/session', { body: { email: variant, password: PASSWORD } });
      expect429(refused);
      expect(refused.headers.getSetCookie()).toEqual([]);
      const right = await call('POST', '/storefront/session', { body: { email: shopper.email, password: PASSWORD } });
      expect429(right);
      expect(spy.hashed(PASSWORD), 'the refused right password was never hashed').toBe(false);
      expect(right.text).not.toContain('access_token');
    }));
});

describe('sign-up: POST /storefront/customers', () => {
  it(`allows ${LIMITS.signup} attempts per IP a minute (failed ones count), then 429s before hashing or writing`, () =>
    inOneWindow(async () => {
      const ip = fixedIp();
      const formFields = await requiredFormFields();
      const spy = startSpy();
      const first = { email: uniqueEmail('signupflood'), password: attemptPassword(), first_name: 'Flo', last_name: 'Od', form_fields: formFields };
      const ok = await call('POST', '/storefront/customers', { body: first, headers: { 'CF-Connecting-IP': ip } });
      expect(ok.status, ok.text).toBe(201);
      expect(spy.hashed(first.password)).toBe(true);
      for (let i = 1; i < LIMITS.signup; i++) {
        // Invalid bodies count too: the limiter runs before validation.
        const res = await call('POST', '/storefront/customers', {
          body: { email: 'not-an-email', password: 'x' },
          headers: { 'CF-Connecting-IP': ip },
        });
        expect(res.status, res.text).toBe(422);
      }
      const last = { ...first, email: uniqueEmail('signupflood'), password: attemptPassword() };
      const refused = await call('POST', '/storefront/customers', { body: last, headers: { 'CF-Connecting-IP': ip } });
      expect429(refused);
      expect(spy.hashed(last.password)).toBe(false);
      expect(await env.DB.prepare('SELECT id FROM customers WHERE email = ?1').bind(last.email).first()).toBeNull();
      // The same body from another IP goes through.
      spy.restore();
      expect((await call('POST', '/storefront/customers', { body: last })).status).toBe(201);
    }));
});

describe('password reset: POST /storefront/password-reset', () => {
  const resetRows = async (customerId: number) =>
    (await env.DB.prepare('SELECT count(*) AS n FROM password_reset_tokens WHERE customer_id = ?1').bind(customerId).first<{ n: number }>())!.n;

  it(`allows ${LIMITS.reset} requests per IP a minute, then 429s without issuing a token`, () =>
    inOneWindow(async () => {
      const ip = fixedIp();
      const target = await signUp();
      for (let i = 0; i < LIMITS.reset; i++) {
        const res = await call('POST', '/storefront/password-reset', {
          body: { email: uniqueEmail('resetflood') },
          headers: { 'CF-Connecting-IP': ip },
        });
        expect(res.status, res.text).toBe(202);
      }
      const refused = await call('POST', '/storefront/password-reset', { body: { email: target.email }, headers: { 'CF-Connecting-IP': ip } });
      expect429(refused);
      expect(await resetRows(target.id)).toBe(0);
      // Control: from another IP the same request issues a token.
      expect((await call('POST', '/storefront/password-reset', { body: { email: target.email } })).status).toBe(202);
      // The token is written after the response (waitUntil).
      await vi.waitFor(async () => expect(await resetRows(target.id)).toBe(1));
    }));

  it(`allows ${LIMITS.reset} requests per email a minute from any number of IPs`, () =>
    inOneWindow(async () => {
      const target = await signUp();
      for (let i = 0; i < LIMITS.reset; i++) {
        expect((await call('POST', '/storefront/password-reset', { body: { email: target.email } })).status).toBe(202);
      }
      await vi.waitFor(async () => expect(await resetRows(target.id)).toBe(LIMITS.reset));
      const refused = await call('POST', '/storefront/password-reset', { body: { email: target.email.toUpperCase() } });
      expect429(refused);
      expect(await resetRows(target.id)).toBe(LIMITS.reset);
    }));
});

describe('admin: POST /v3/customers/validate-credentials', () => {
  it(`allows ${LIMITS.credentials} attempts per IP a minute, then 429s before hashing`, () =>
    inOneWindow(async () => {
      const ip = fixedIp();
      const shopper = await signUp({ password: PASSWORD });
      const spy = startSpy();
      const headers = { 'CF-Connecting-IP': ip };
      const firstPassword = attemptPassword();
      const first = await call('POST', '/v3/customers/validate-credentials', {
        token: admin,
        body: { email: shopper.email, password: firstPassword },
        headers,
      });
      expect(first.status, first.text).toBe(200);
      expect(first.body).toEqual({ is_valid: false, customer_id: null });
      expect(spy.hashed(firstPassword)).toBe(true);
      for (let i = 1; i < LIMITS.credentials; i++) {
        const res = await call('POST', '/v3/customers/validate-credentials', { token: admin, body: {}, headers });
        expect(res.status, res.text).toBe(422);
      }
      const refused = await call('POST', '/v3/customers/validate-credentials', {
        token: admin,
        body: { email: shopper.email, password: PASSWORD },
        headers,
      });
      expect429(refused);
      expect(spy.hashed(PASSWORD)).toBe(false);
      expect(refused.text).not.toContain('is_valid');
    }));
});
