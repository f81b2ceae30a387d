// Admin API authentication: `X-Auth-Token` looked up by its SHA-256 hash, then the scope for the
// resource family and the method (read-only scopes may only GET).
// Known tokens are remembered per isolate for 30 seconds: an admin list is then one D1 round trip
// instead of two (the budget in DESIGN §5). The price: a token revoked in D1 keeps working for at most
// 30 seconds in isolates that saw it. Unknown tokens are never cached.
import { createMiddleware } from 'hono/factory';
import { answerBookmark } from './d1-session';
import { allows, type ScopeFamily } from '../auth/admin-scopes';
import { sha256Hex } from '../auth/crypto';
import { findActiveAdminToken } from '../db/admin-tokens';
import type { AdminPrincipal, AppEnv } from '../env';
import { ApiError } from '../errors';
import { describedAs } from '../route-meta';

const READ_METHODS = new Set(['GET', 'HEAD']);
const CACHE_MS = 30_000;
const MAX_CACHED = 100;
const known = new Map<string, { principal: AdminPrincipal; until: number }>();

async function lookup(db: D1Database, tokenHash: string): Promise<AdminPrincipal | null> {
  const hit = known.get(tokenHash);
  if (hit && hit.until > Date.now()) return hit.principal;
  const principal = await findActiveAdminToken(db, tokenHash);
  if (principal) {
    if (known.size >= MAX_CACHED) known.delete(known.keys().next().value!);
    known.set(tokenHash, { principal, until: Date.now() + CACHE_MS });
  } else {
    known.delete(tokenHash);
  }
  return principal;
}

/**
 * Requires an admin token with a scope of `family`.
 * @example customers.use('*', adminAuth('customers'))
 */
/**
 * A second scope family a route needs on top of its `adminAuth` family, read access enough (either
 * variant), e.g. order figures on a customer route. Runs after `adminAuth`.
 * @example .get('/:id/order-summary', alsoReading('orders'), handler)
 */
export function alsoReading(family: ScopeFamily) {
  return describedAs(
    { kind: 'admin', family, also: true },
    createMiddleware<AppEnv>(async (c, next) => {
      if (!allows(c.var.admin.scopes, family, false)) {
        throw new ApiError('scope_missing', { detail: `Needs store_v2_${family} or store_v2_${family}_read_only as well.` });
      }
      await next();
    }),
  );
}

export function adminAuth(family: ScopeFamily) {
  return describedAs(
    { kind: 'admin', family },
    createMiddleware<AppEnv>(async (c, next) => {
      const token = c.req.header('X-Auth-Token');
      if (!token) throw new ApiError('admin_token_missing');
      const principal = await lookup(c.env.DB, await sha256Hex(token));
      if (!principal) throw new ApiError('admin_token_invalid');
      if (!allows(principal.scopes, family, !READ_METHODS.has(c.req.method))) {
        throw new ApiError('scope_missing', {
          detail: `Needs store_v2_${family}${READ_METHODS.has(c.req.method) ? ' or its _read_only variant' : ''}.`,
        });
      }
      c.set('admin', principal);
      await next();
      // Read-your-writes for admin clients (middleware/d1-session.ts): only to a caller that proved a token
      // and got its answer — a bookmark moves when anything in the store is written, so handed to anyone
      // it would tell whether a guest's request (a reset, a code) found an account.
      if (c.res.status < 400) answerBookmark(c);
    }),
  );
}
