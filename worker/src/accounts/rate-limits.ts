// How many attempts a key gets (Workers `ratelimits` bindings, wrangler.toml): log-in and current-password
// checks, sign-up, password reset and order-claim mails, validate-credentials. Callers limit *before* any
// hashing or mail, so a flood costs us nothing. Keys are per IP (middleware/rate-limit.ts), per email
// (several IPs must not add up to unlimited guesses at one account) or per customer.
import type { Bindings } from '../env';
import { ApiError } from '../errors';

export type LimiterName = 'LOGIN_LIMITER' | 'SIGNUP_LIMITER' | 'RESET_LIMITER' | 'CREDENTIALS_LIMITER';

/** Seconds to wait; our bindings use 60-second periods. */
const RETRY_AFTER = '60';

/** Throws 429 `rate_limited` when `key` is over the limit of `name`. */
export async function enforceLimit(env: Bindings, name: LimiterName, key: string): Promise<void> {
  const limiter = env[name];
  if (!limiter) return;
  const { success } = await limiter.limit({ key: `${name}:${key}` });
  if (!success) throw new ApiError('rate_limited', { headers: { 'Retry-After': RETRY_AFTER } });
}

/** The per-email key: case and surrounding spaces do not make a new key. */
export const emailKey = (email: string) => `email:${email.trim().toLowerCase()}`;
/** The per-IP key; requests without a client IP (local tools) share one. */
export const ipKey = (ip: string | undefined) => `ip:${ip ?? 'unknown'}`;
