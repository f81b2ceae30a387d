// The live-shopper check for every customer route of the storefront API: the bearer access token is
// verified once (signature, claims; no database), then one D1 read loads the shopper *and* proves the
// token is still live (the row exists and its token_version is the token's: a password change, reset,
// log-out-everywhere or erasure bumps or removes it). Write handlers read `c.var.shopper`, read (GET)
// handlers get it from `liveRead`, and none re-checks.
// The read is the shopper's own profile, so `GET /storefront/customer` needs no second round trip; a read
// route's own reads ride in the same batch (`liveRead`), so every authenticated read is one round trip.
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { findLiveShopper, readAsLiveShopper } from '../accounts/shoppers';
import { verifyAccessToken } from '../auth/customer-tokens';
import type { AppEnv, LiveShopper } from '../env';
import { ApiError, tokenRevoked } from '../errors';
import { describedAs } from '../route-meta';

/** Bearer token from the Authorization header, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const m = /^Bearer\s+([\w.~+/-]+=*)$/i.exec(header ?? '');
  return m?.[1];
}

/** Reads (GET, HEAD) take the live-shopper check in their handler, batched with their own reads (`liveRead`). */
const isRead = (method: string) => method === 'GET' || method === 'HEAD';

/**
 * Requires a live shopper. Writes: one D1 read before the handler, which reads `c.var.shopper`.
 * Reads: the token is verified here, and the handler calls `liveRead`, which checks the shopper in the
 * same batch as its own reads (one round trip for the request); a read route that forgets it answers
 * 500 rather than data unchecked. Registered once on `/customer/*`; the routes outside it
 * (`DELETE /storefront/sessions`, `POST /dev/orders`) add it themselves.
 * @example storefront.use('/customer/*', liveShopper)
 */
export const liveShopper = describedAs(
  { kind: 'shopper' },
  createMiddleware<AppEnv>(async (c, next) => {
    const token = bearerToken(c.req.header('Authorization'));
    if (!token) throw new ApiError('sign_in_required', { headers: { 'WWW-Authenticate': 'Bearer' } });
    const claims = await verifyAccessToken(c.env, token);
    if (isRead(c.req.method)) {
      c.set('shopperToken', claims);
      await next();
      // Any answer but a validation error (400, before liveRead) or the check's own 401 from a handler that
      // never checked would tell a revoked token something (data, or whether a record exists).
      if (!c.var.shopper && c.res.status !== 400 && c.res.status !== 401) {
        throw new Error(`${c.req.method} ${c.req.path}: the handler did not call liveRead()`);
      }
      return;
    }
    const shopper = await findLiveShopper(c.env.DB, claims.customerId, claims.tokenVersion);
    if (!shopper) throw tokenRevoked();
    c.set('shopper', withAuthTime(shopper, claims.authTime));
    await next();
  }),
);

const withAuthTime = (shopper: LiveShopper, authTime: number | undefined): LiveShopper =>
  authTime === undefined ? shopper : { ...shopper, authTime };

/**
 * For a read route behind `liveShopper`: the live-shopper check and the reads `read` makes in one D1
 * round trip (accounts/shoppers.ts readAsLiveShopper). Sets `c.var.shopper`; a revoked token answers
 * 401 `token_revoked` and nothing read is returned. `read` must only read.
 * @example .get('/', async (c) => c.json({ data: (await liveRead(c, listShopperAddresses)).value }))
 */
export async function liveRead<T = undefined>(
  c: Context<AppEnv>,
  read: (db: D1Database, customerId: number) => Promise<T> = async () => undefined as T,
): Promise<{ shopper: LiveShopper; value: T }> {
  const claims = c.var.shopperToken;
  if (!claims) throw new Error('liveRead() needs the liveShopper middleware on a GET route');
  const { shopper, value } = await readAsLiveShopper(c.env.DB, claims, read);
  const live = withAuthTime(shopper, claims.authTime);
  c.set('shopper', live); // before the read's own error (a 404) surfaces: the token was checked
  return { shopper: live, value: await value };
}
