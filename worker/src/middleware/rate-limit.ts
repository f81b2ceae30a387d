// Rate limits on the expensive, guessable routes (log-in, sign-up, reset, validate-credentials),
// through Workers `ratelimits` bindings. Runs before any hashing so a flood costs us nothing.
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv, Bindings } from '../env';
import { ApiError } from '../errors';

type LimiterName = 'LOGIN_LIMITER' | 'SIGNUP_LIMITER' | 'RESET_LIMITER' | 'CREDENTIALS_LIMITER';

/** Seconds to wait; our bindings use 60-second periods. */
const RETRY_AFTER = '60';

export function clientIp(c: Context): string {
  return c.req.header('CF-Connecting-IP') ?? 'unknown';
}

/** Throws 429 when `key` is over the limit of `name`. */
export async function enforceLimit(env: Bindings, name: LimiterName, key: string): Promise<void> {
  const limiter = env[name];
  if (!limiter) return;
  const { success } = await limiter.limit({ key: `${name}:${key}` });
  if (!success) {
    throw new ApiError('rate_limited', { headers: { 'Retry-After': RETRY_AFTER } });
  }
}

/**
 * Limits a route per client IP.
 * @example app.post('/session', rateLimit('LOGIN_LIMITER'), handler)
 */
export function rateLimit(name: LimiterName, key: (c: Context<AppEnv>) => string = clientIp) {
  return createMiddleware<AppEnv>(async (c, next) => {
    await enforceLimit(c.env, name, `ip:${key(c)}`);
    await next();
  });
}
