// Customer authentication for the storefront API: `Authorization: Bearer <access token>`, verified
// without a database read. Revocation (token_version) is checked where the customer row is read, so an
// authenticated read stays one D1 round trip.
import { createMiddleware } from 'hono/factory';
import { verifyAccessToken } from '../auth/customer-tokens';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';

/** Bearer token from the Authorization header, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const m = /^Bearer\s+([\w.~+/-]+=*)$/i.exec(header ?? '');
  return m?.[1];
}

/**
 * Requires a valid access token and sets `c.var.shopper`.
 * @example storefront.use('/customer/*', customerAuth)
 */
export const customerAuth = createMiddleware<AppEnv>(async (c, next) => {
  const token = bearerToken(c.req.header('Authorization'));
  if (!token) {
    throw new ApiError('sign_in_required', { headers: { 'WWW-Authenticate': 'Bearer' } });
  }
  c.set('shopper', await verifyAccessToken(c.env, token));
  await next();
});

/** 401 for a token issued before a password change, reset or log-out-everywhere. */
export function revokedToken(): ApiError {
  return new ApiError('token_invalid', { headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } });
}
