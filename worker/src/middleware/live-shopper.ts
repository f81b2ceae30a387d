// The live-shopper check for every customer route of the storefront API: the bearer access token is
// verified once (signature, claims; no database), then one D1 read loads the shopper *and* proves the
// token is still live (the row exists and its token_version is the token's: a password change, reset,
// log-out-everywhere or erasure bumps or removes it). Handlers read `c.var.shopper` and never re-check.
// The read is the shopper's own profile, so `GET /storefront/customer` needs no second round trip.
import { createMiddleware } from 'hono/factory';
import { findLiveShopper } from '../accounts/shoppers';
import { verifyAccessToken } from '../auth/customer-tokens';
import type { AppEnv } from '../env';
import { ApiError, tokenRevoked } from '../errors';

/** Bearer token from the Authorization header, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const m = /^Bearer\s+([\w.~+/-]+=*)$/i.exec(header ?? '');
  return m?.[1];
}

/**
 * Requires a live shopper and sets `c.var.shopper`. Registered once on `/customer/*`; the routes
 * outside it (`DELETE /storefront/sessions`, `POST /dev/orders`) add it themselves.
 * @example storefront.use('/customer/*', liveShopper)
 */
export const liveShopper = createMiddleware<AppEnv>(async (c, next) => {
  const token = bearerToken(c.req.header('Authorization'));
  if (!token) throw new ApiError('sign_in_required', { headers: { 'WWW-Authenticate': 'Bearer' } });
  const claims = await verifyAccessToken(c.env, token);
  const shopper = await findLiveShopper(c.env.DB, claims.customerId, claims.tokenVersion);
  if (!shopper) throw tokenRevoked();
  c.set('shopper', claims.authTime === undefined ? shopper : { ...shopper, authTime: claims.authTime });
  await next();
});
