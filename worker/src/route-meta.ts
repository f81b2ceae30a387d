// What a route's middleware tells the API description (worker/src/openapi/): the request schema a
// validator checks, the admin scope family a route needs, the shopper's bearer token, a rate limit.
// The middleware registers itself here when it is made, so the OpenAPI documents are generated from the
// middleware the routes really run, not from a second list kept by hand. Costs one WeakMap entry per
// middleware made (at module load); nothing per request.
import type { ValidationTargets } from 'hono';
import type * as z from 'zod/mini';
import type { LimiterName } from './accounts/rate-limits';
import type { ScopeFamily } from './auth/admin-scopes';

export type RouteMeta =
  /** A zod validator (validation.ts `validate`): the request part it checks and its schema. */
  | { kind: 'input'; target: keyof ValidationTargets; schema: z.core.$ZodType }
  /**
   * The admin API's `X-Auth-Token` with a scope of this family (middleware/admin-auth.ts `adminAuth`);
   * `also`: a second family the route needs on top, either variant (`alsoReading`).
   */
  | { kind: 'admin'; family: ScopeFamily; also?: true }
  /** A live shopper's bearer access token (middleware/live-shopper.ts). */
  | { kind: 'shopper' }
  /** A per-IP rate limit (middleware/rate-limit.ts): 429 `rate_limited`. */
  | { kind: 'rate-limit'; limiter: LimiterName };

/** Any middleware or handler. */
type AnyFunction = (...args: never[]) => unknown;
const metas = new WeakMap<AnyFunction, RouteMeta>();

/**
 * Registers what `middleware` means for the API description and answers it unchanged.
 * @example export const liveShopper = describedAs({ kind: 'shopper' }, createMiddleware(...))
 */
export function describedAs<F extends AnyFunction>(meta: RouteMeta, middleware: F): F {
  metas.set(middleware, meta);
  return middleware;
}

/** What a handler or middleware registered with `describedAs`, if anything. */
export function routeMeta(fn: AnyFunction): RouteMeta | undefined {
  return metas.get(fn);
}
