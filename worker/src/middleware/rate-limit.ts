// Per-IP rate limits as route middleware, for routes whose limit does not depend on the body (the
// per-email and per-customer limits run in accounts/, before any hashing: accounts/rate-limits.ts).
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { enforceLimit, ipKey, type LimiterName } from '../accounts/rate-limits';
import type { AppEnv } from '../env';
import { describedAs } from '../route-meta';

/**
 * The client's IP as Cloudflare reports it; undefined where there is none (local tools, tests without it).
 * The full address (sessions record it, SSO compares it); limits key it with ipKey, IPv6 by its /64.
 */
export function clientIp(c: Context): string | undefined {
  return c.req.header('CF-Connecting-IP') || undefined;
}

/**
 * Limits a route per client IP.
 * @example app.post('/subscribers', rateLimit('SIGNUP_LIMITER'), handler)
 */
export function rateLimit(name: LimiterName, counter?: string) {
  return describedAs(
    { kind: 'rate-limit', limiter: name },
    createMiddleware<AppEnv>(async (c, next) => {
      // `counter`: a count of its own under the binding's limit (the same IP's log-ins are not spent on it).
      const key = ipKey(clientIp(c));
      await enforceLimit(c.env, name, counter ? `${counter}:${key}` : key);
      await next();
    }),
  );
}
