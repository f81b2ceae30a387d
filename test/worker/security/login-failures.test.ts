// Failed password checks per email, counted in D1 (accounts/login-failures.ts) so the limits hold
// across Cloudflare locations, where each location's `ratelimits` binding counts on its own: 10 failures
// per 15 minutes, a window that doubles every further 10 failures of the day, 50 a day. Log-in and
// validate-credentials share the count; unknown emails are counted and locked exactly like known ones.
// "Locations" are simulated by limiter bindings that each start empty (two instances, or none at all).
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { validateCredentials } from '../../../worker/src/accounts/customers';
import { failureKey, lockedUntil } from '../../../worker/src/accounts/login-failures';
import { signIn } from '../../../worker/src/accounts/sessions';
import type { Bindings } from '../../../worker/src/env';
import { ApiError } from '../../../worker/src/errors';
import { toIso } from '../../../worker/src/time';
import { adminToken, call, expectErrorShape, uniqueEmail } from '../../helpers/api';
import { signUp } from '../../helpers/shopper';

const PASSWORD = `login-failures-${crypto.randomUUID()}`;
const wrong = () => `wrong-${crypto.randomUUID()}`;

/** One Cloudflare location's limiter: its own counts (10 per key), as each location's binding has. */
function locationLimiter(limit = 10): RateLimit {
  const counts = new Map<string, number>();
  const limiter: RateLimit = {
    limit: async ({ key }) => {
      counts.set(key, (counts.get(key) ?? 0) + 1);
      return { success: counts.get(key)! <= limit };
    },
  };
  return limiter;
}

/** The worker's env as one location sees it (its own, fresh limiter bindings). */
const atLocation = (): Bindings => ({ ...(env as Bindings), LOGIN_LIMITER: locationLimiter(), CREDENTIALS_LIMITER: locationLimiter(20) });
/** No limiter bindings at all (or reset ones): only D1 counts. */
const withoutBindings = (): Bindings => ({ ...(env as Bindings), LOGIN_LIMITER: undefined, CREDENTIALS_LIMITER: undefined });

/** The outcome of a log-in: 'ok', an error code, and Retry-After for a 429. */
async function logIn(e: Bindings, email: string, password: string): Promise<{ code: string; retryAfter?: number }> {
  try {
    await signIn(e, { email, password }, { ip: `198.51.100.${1 + Math.floor(Math.random() * 250)}` });
    return { code: 'ok' };
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    const retry = err.options.headers?.['Retry-After'];
    return { code: err.code, retryAfter: retry === undefined ? undefined : Number(retry) };
  }
}

describe('failed log-ins per email, across locations (D1)', () => {
  it('two locations of 5 attempts each: the 11th attempt is refused, even with the right password, before hashing', async () => {
    const shopper = await signUp({ password: PASSWORD });
    const [a, b] = [atLocation(), atLocation()];
    for (let i = 0; i < 10; i++) expect((await logIn(i % 2 ? a : b, shopper.email, wrong())).code).toBe('invalid_credentials');
    // Neither location's binding is over its limit (5 of 10 each); D1 is.
    const refused = await logIn(a, shopper.email, PASSWORD);
    expect(refused.code).toBe('rate_limited');
    expect(refused.retryAfter).toBeGreaterThan(14 * 60);
    expect(refused.retryAfter).toBeLessThanOrEqual(15 * 60);
    // A third location, and no binding at all: still refused.
    expect((await logIn(atLocation(), shopper.email, PASSWORD)).code).toBe('rate_limited');
    expect((await logIn(withoutBindings(), ` ${shopper.email.toUpperCase()}`, PASSWORD)).code).toBe('rate_limited');
  });

  it('an unknown email is counted and locked exactly like a known one', async () => {
    const known = await signUp({ password: PASSWORD });
    const unknown = uniqueEmail('nobody');
    for (let i = 0; i < 10; i++) {
      expect((await logIn(withoutBindings(), known.email, wrong())).code).toBe('invalid_credentials');
      expect((await logIn(withoutBindings(), unknown, wrong())).code).toBe('invalid_credentials');
    }
    const [k, u] = [await logIn(withoutBindings(), known.email, wrong()), await logIn(withoutBindings(), unknown, wrong())];
    expect(k.code).toBe('rate_limited');
    expect(u.code).toBe(k.code);
    expect(Math.abs(u.retryAfter! - k.retryAfter!)).toBeLessThanOrEqual(2);
  });

  it('over HTTP the lock outlasts the per-minute binding: 429 with a Retry-After of about 15 minutes, same body for known and unknown', async () => {
    const known = await signUp({ password: PASSWORD });
    const unknown = uniqueEmail('nobody');
    const e = withoutBindings();
    for (let i = 0; i < 10; i++) {
      await logIn(e, known.email, wrong());
      await logIn(e, unknown, wrong());
    }
    const [k, u] = [
      await call('POST', '/storefront/session', { body: { email: known.email, password: PASSWORD } }),
      await call('POST', '/storefront/session', { body: { email: unknown, password: PASSWORD } }),
    ];
    expect(k.status, k.text).toBe(429);
    expectErrorShape(k.body, 429);
    expect(u.status).toBe(429);
    expect(u.body).toEqual(k.body);
    expect(Number(k.headers.get('Retry-After'))).toBeGreaterThan(60);
    expect(k.headers.getSetCookie()).toEqual([]);
  });

  it('validate-credentials shares the count with log-in', async () => {
    const shopper = await signUp({ password: PASSWORD });
    const e = withoutBindings();
    for (let i = 0; i < 5; i++) expect((await logIn(e, shopper.email, wrong())).code).toBe('invalid_credentials');
    for (let i = 0; i < 5; i++) expect((await validateCredentials(e, { email: shopper.email, password: wrong() })).is_valid).toBe(false);
    expect((await logIn(e, shopper.email, PASSWORD)).code).toBe('rate_limited');
    await expect(validateCredentials(e, { email: shopper.email, password: PASSWORD })).rejects.toMatchObject({ code: 'rate_limited' });
    // And over the admin API.
    const admin = await adminToken(['store_v2_customers']);
    const res = await call('POST', '/v3/customers/validate-credentials', { token: admin, body: { email: shopper.email, password: PASSWORD } });
    expect(res.status, res.text).toBe(429);
    expect(Number(res.headers.get('Retry-After'))).toBeGreaterThan(60);
  });

  it('a successful log-in does not reset the count', async () => {
    const shopper = await signUp({ password: PASSWORD });
    const e = withoutBindings();
    for (let i = 0; i < 9; i++) expect((await logIn(e, shopper.email, wrong())).code).toBe('invalid_credentials');
    expect((await logIn(e, shopper.email, PASSWORD)).code).toBe('ok');
    expect((await logIn(e, shopper.email, wrong())).code).toBe('invalid_credentials');
    expect((await logIn(e, shopper.email, PASSWORD)).code).toBe('rate_limited');
  });

  it('the back-off grows over the day, and 50 failures in 24 hours lock the email for the rest of the day', async () => {
    const shopper = await signUp({ password: PASSWORD });
    const key = await failureKey(shopper.email);
    const ago = (minutes: number) => toIso(new Date(Date.now() - minutes * 60_000));
    const insert = (minutes: number[]) =>
      env.DB.batch(minutes.map((m) => env.DB.prepare('INSERT INTO login_failures (email_hash, failed_at) VALUES (?1, ?2)').bind(key, ago(m))));
    // 10 failures 20 hours ago and 10 twenty minutes ago: past the first 15-minute window, but the second
    // ten of the day get a 30-minute window.
    await insert([...Array(10).fill(20 * 60), ...Array(10).fill(20)]);
    const second = await logIn(withoutBindings(), shopper.email, PASSWORD);
    expect(second.code).toBe('rate_limited');
    expect(second.retryAfter).toBeGreaterThan(9 * 60);
    expect(second.retryAfter).toBeLessThanOrEqual(10 * 60);
    // 30 more, spread between 3 and 18 hours ago: 50 in the day lock until the oldest is a day old
    // (4 hours from now), longer than the 2-hour window.
    await insert(Array.from({ length: 30 }, (_, i) => 3 * 60 + i * 30));
    const day = await logIn(withoutBindings(), shopper.email, PASSWORD);
    expect(day.code).toBe('rate_limited');
    expect(day.retryAfter).toBeGreaterThan(3.9 * 3600);
    expect(day.retryAfter).toBeLessThanOrEqual(4 * 3600);
  });

  it('lockedUntil: 10 per 15 minutes, then 30 minutes, 1 hour, 2 hours, and a day at 50', () => {
    const now = Date.parse('2026-06-01T12:00:00Z');
    const at = (minutesAgo: number[]) =>
      minutesAgo
        .map((m) => new Date(now - m * 60_000).toISOString())
        .sort()
        .reverse();
    expect(lockedUntil(at(Array(9).fill(1)), now)).toBeNull();
    expect(lockedUntil(at(Array(10).fill(1)), now)).toBe(now + 14 * 60_000);
    expect(lockedUntil(at(Array(10).fill(16)), now)).toBeNull();
    expect(lockedUntil(at([...Array(10).fill(600), ...Array(10).fill(16)]), now)).toBe(now + 14 * 60_000);
    expect(lockedUntil(at([...Array(20).fill(600), ...Array(10).fill(16)]), now)).toBe(now + 44 * 60_000);
    expect(lockedUntil(at([...Array(30).fill(600), ...Array(10).fill(16)]), now)).toBe(now + 104 * 60_000);
    expect(lockedUntil(at([...Array(40).fill(1000), ...Array(10).fill(300)]), now)).toBe(now + (24 * 60 - 1000) * 60_000);
  });
});
