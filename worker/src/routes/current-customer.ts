// GET /customer/current.jwt?app_client_id=...: BigCommerce's Current Customer. The storefront asks,
// for an app, "who is signed in?"; the answer is a JWT signed (HS256) with that app's client secret, so
// the app's server can trust it although it passed through the browser. Claims as BigCommerce's:
// customer {id, email, group_id (a string)}, iss "bc/apps", sub = store_hash, iat, exp (15 minutes),
// version 1, aud = application_id = the client id, store_hash, operation "current_customer".
//
// The shopper is named by the bearer access token or, failing that, by the refresh cookie. The cookie is
// only looked up, never rotated: this route is a read, and rotating here would race the widget's own
// refresh and trip reuse detection. Guests, unknown and revoked apps get 404 (as BigCommerce does for
// guests); an access token from before a password change or log-out-everywhere gets 401.
import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { SignJWT } from 'jose';
import * as z from 'zod';
import { decryptClientSecret, hmacKey } from '../auth/app-secrets';
import { sha256Hex } from '../auth/crypto';
import { verifyAccessToken } from '../auth/customer-tokens';
import { REFRESH_COOKIE } from '../auth/sessions';
import { findActiveAppCredentials } from '../db/apps';
import { getSsoCustomer, findLiveRefreshCustomer } from '../db/sso';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import { storefrontCors } from '../middleware/cors';
import { bearerToken, revokedToken } from '../middleware/customer-auth';
import { validate } from '../validation';

const TOKEN_TTL_SECONDS = 15 * 60;

const query = z.object({ app_client_id: z.string().trim().min(1, 'Required').max(200) });

const notSignedIn = () => new ApiError('no_current_customer');

const routes = new Hono<AppEnv>();
// Only on its own path: mounted at /storefront/session too, where the storefront group adds CORS itself.
routes.use('/current.jwt', storefrontCors);

routes.get('/current.jwt', validate('query', query), async (c) => {
  const clientId = c.req.valid('query').app_client_id;
  const app = await findActiveAppCredentials(c.env.DB, clientId);
  if (!app) throw new ApiError('app_not_found', { detail: 'No active app has this app_client_id.' });

  let customerId: number;
  let tokenVersion: number | undefined;
  const bearer = bearerToken(c.req.header('Authorization'));
  if (bearer) {
    const shopper = await verifyAccessToken(c.env, bearer);
    customerId = shopper.customerId;
    tokenVersion = shopper.tokenVersion;
  } else {
    const refresh = getCookie(c, REFRESH_COOKIE);
    if (!refresh || refresh.length > 200) throw notSignedIn();
    const id = await findLiveRefreshCustomer(c.env.DB, await sha256Hex(refresh));
    if (id === null) throw notSignedIn();
    customerId = id;
  }

  const customer = await getSsoCustomer(c.env.DB, customerId);
  if (!customer) throw tokenVersion === undefined ? notSignedIn() : revokedToken();
  if (tokenVersion !== undefined && customer.token_version !== tokenVersion) throw revokedToken();
  if (customer.force_password_reset) throw notSignedIn();

  const secret = await decryptClientSecret(c.env, app.client_id, app.client_secret_encrypted);
  const iat = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({
    customer: { id: customer.id, email: customer.email, group_id: String(customer.customer_group_id ?? 0) },
    version: 1,
    application_id: app.client_id,
    store_hash: c.env.STORE_HASH,
    operation: 'current_customer',
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer('bc/apps')
    .setSubject(c.env.STORE_HASH)
    .setAudience(app.client_id)
    .setIssuedAt(iat)
    .setExpirationTime(iat + TOKEN_TTL_SECONDS)
    .sign(hmacKey(secret));

  c.header('Cache-Control', 'no-store');
  return c.json({ token });
});

export default routes;
