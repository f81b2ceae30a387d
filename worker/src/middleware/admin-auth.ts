// Admin API authentication: `X-Auth-Token` looked up by its SHA-256 hash, then the scope for the
// resource family and the method (read-only scopes may only GET).
import { createMiddleware } from 'hono/factory';
import { allows, type ScopeFamily } from '../auth/admin-scopes';
import { sha256Hex } from '../auth/crypto';
import { findActiveAdminToken } from '../db/admin-tokens';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';

const READ_METHODS = new Set(['GET', 'HEAD']);

/**
 * Requires an admin token with a scope of `family`.
 * @example customers.use('*', adminAuth('customers'))
 */
export function adminAuth(family: ScopeFamily) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const token = c.req.header('X-Auth-Token');
    if (!token) throw new ApiError(401, 'Missing X-Auth-Token header');
    const principal = await findActiveAdminToken(c.env.DB, await sha256Hex(token));
    if (!principal) throw new ApiError(401, 'Invalid or revoked API token');
    if (!allows(principal.scopes, family, !READ_METHODS.has(c.req.method))) {
      throw new ApiError(403, 'This token lacks the scope for this operation', {
        detail: `Needs store_v2_${family}${READ_METHODS.has(c.req.method) ? ' or its _read_only variant' : ''}.`,
      });
    }
    c.set('admin', principal);
    await next();
  });
}
