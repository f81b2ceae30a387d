// Account enumeration: log-in with an unknown email, with a wrong password, with no password set, and
// for a customer who must reset their password answers byte-for-byte the same (status, body, every
// header but Date; no Set-Cookie) and takes about as long (every case runs a full password hash).
// Password-reset requests and admin validate-credentials answer the same for known and unknown emails.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, call, uniqueEmail, type ApiResponse } from '../../helpers/api';
import { type SignedUp, signUp } from '../../helpers/shopper';
import { type Pbkdf2Spy, spyOnPbkdf2 } from './pbkdf2-spy';

/**
 * Every header except Date, as sorted [name, value] pairs (Set-Cookie included, one pair per cookie).
 * Admin answers also leave out X-D1-Bookmark: a token holder may list customers by email anyway, and the
 * bookmark (read-your-writes for admin clients) moves with every write in the store. Storefront answers
 * never carry one (test/worker/security/d1-sessions.test.ts), so there it would show up here.
 */
function headerPairs(res: ApiResponse, { admin = false } = {}): [string, string][] {
  const pairs: [string, string][] = [];
  res.headers.forEach((value, name) => {
    if (name !== 'date' && name !== 'set-cookie' && !(admin && name === 'x-d1-bookmark')) pairs.push([name, value]);
  });
  for (const cookie of res.headers.getSetCookie()) pairs.push(['set-cookie', cookie]);
  return pairs.sort(([a, x], [b, y]) => a.localeCompare(b) || x.localeCompare(y));
}

function expectIdentical(a: ApiResponse, b: ApiResponse, options: { admin?: boolean } = {}) {
  expect(b.status).toBe(a.status);
  expect(b.text).toBe(a.text);
  expect(headerPairs(b, options)).toEqual(headerPairs(a, options));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const PASSWORD = `enumeration-${crypto.randomUUID()}`;
let shopper: SignedUp;
let noPassword: string;
let mustReset: SignedUp;
let timed: SignedUp; // its own account: the per-email log-in limit is 10 a minute
let admin: string;
let spy: Pbkdf2Spy | undefined;

afterEach(() => {
  spy?.restore();
  spy = undefined;
});

beforeAll(async () => {
  admin = await adminToken(['store_v2_customers']);
  shopper = await signUp({ password: PASSWORD });
  mustReset = await signUp({ password: PASSWORD });
  timed = await signUp({ password: PASSWORD });
  const forced = await call('PUT', '/v3/customers', { token: admin, body: [{ id: mustReset.id, authentication: { force_password_reset: true } }] });
  expect(forced.status, forced.text).toBe(200);
  noPassword = uniqueEmail('nopassword');
  const created = await call('POST', '/v3/customers', { token: admin, body: [{ email: noPassword, first_name: 'No', last_name: 'Password' }] });
  expect(created.status, created.text).toBe(200);
});

describe('log-in', () => {
  const logIn = (email: string, password: string) => call('POST', '/storefront/session', { body: { email, password } });

  it('answers an unknown email and a wrong password identically, without a cookie', async () => {
    const unknown = await logIn(uniqueEmail('nobody'), 'wrong-password-123');
    const wrong = await logIn(shopper.email, 'wrong-password-123');
    expect(unknown.status).toBe(401);
    expect(unknown.body).toMatchObject({ status: 401, title: 'Invalid email or password' });
    expect(unknown.headers.getSetCookie()).toEqual([]);
    expect(wrong.headers.getSetCookie()).toEqual([]);
    expectIdentical(unknown, wrong);
  });

  it('answers the same for a customer without a password, for one who must reset (wrong password), and for a differently-cased email', async () => {
    const unknown = await logIn(uniqueEmail('nobody'), 'wrong-password-123');
    expectIdentical(unknown, await logIn(noPassword, 'wrong-password-123'));
    expectIdentical(unknown, await logIn(mustReset.email, 'wrong-password-123'));
    expectIdentical(unknown, await logIn(shopper.email.toUpperCase(), 'wrong-password-123'));
    // Control: the right password does sign in (so "wrong" above was wrong for the right reason).
    expect((await logIn(shopper.email, PASSWORD)).status).toBe(200);
  });

  it('hashes in every case: unknown email, wrong password and no password all run PBKDF2 with the presented password', async () => {
    spy = spyOnPbkdf2();
    const cases = { unknown: uniqueEmail('nobody'), wrong: shopper.email, none: noPassword };
    for (const [name, email] of Object.entries(cases)) {
      const password = `probe-${name}-${crypto.randomUUID()}`;
      const before = spy.iterations.length;
      expect((await logIn(email, password)).status).toBe(401);
      expect(spy.hashed(password), name).toBe(true);
      const spent = spy.iterations.slice(before).reduce((a, b) => a + b, 0);
      expect(spent, `${name}: iterations spent`).toBeGreaterThanOrEqual(600_000);
    }
  });

  it('takes about as long for an unknown email as for a wrong password', async () => {
    const unknownMs: number[] = [];
    const wrongMs: number[] = [];
    const time = async (email: string, into: number[]) => {
      const t0 = performance.now();
      const res = await logIn(email, `timing-${crypto.randomUUID()}`);
      into.push(performance.now() - t0);
      expect(res.status).toBe(401);
    };
    // Interleaved, so load from elsewhere hits both series alike; per-email limit is 10 a minute.
    for (let i = 0; i < 5; i++) {
      await time(uniqueEmail('nobody'), unknownMs);
      await time(timed.email, wrongMs);
    }
    const [u, w] = [median(unknownMs), median(wrongMs)];
    const detail = `unknown ${unknownMs.map(Math.round)} ms, wrong ${wrongMs.map(Math.round)} ms`;
    expect(u, detail).toBeGreaterThan(w / 3);
    expect(w, detail).toBeGreaterThan(u / 3);
  });
});

describe('password reset request', () => {
  it('answers a known and an unknown email identically (202, body, headers)', async () => {
    const known = await call('POST', '/storefront/password-reset', { body: { email: shopper.email } });
    const unknown = await call('POST', '/storefront/password-reset', { body: { email: uniqueEmail('nobody') } });
    expect(known.status).toBe(202);
    expect(known.headers.getSetCookie()).toEqual([]);
    expectIdentical(known, unknown);
    expect(known.text).not.toContain(shopper.email);
  });
});

describe('admin validate-credentials', () => {
  it('answers an unknown email and a wrong password identically', async () => {
    const ask = (email: string, password: string) => call('POST', '/v3/customers/validate-credentials', { token: admin, body: { email, password } });
    const unknown = await ask(uniqueEmail('nobody'), 'wrong-password-123');
    const wrong = await ask(shopper.email, 'wrong-password-123');
    expect(unknown.body).toEqual({ is_valid: false, customer_id: null });
    expectIdentical(unknown, wrong, { admin: true });
    expect((await ask(shopper.email, PASSWORD)).body).toEqual({ is_valid: true, customer_id: shopper.id });
  });
});
