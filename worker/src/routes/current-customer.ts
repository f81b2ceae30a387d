// GET /customer/current.jwt?app_client_id=...: BigCommerce's Current Customer. The storefront asks, for
// an app, "who is signed in?"; the answer is a JWT signed with that app's client secret
// (auth/current-customer.ts). The shopper is named by the bearer access token or, failing that, by the
// refresh cookie (accounts/identities.ts currentCustomer says why it is only looked up). Guests, unknown
// and revoked apps get 404 (as BigCommerce does for guests); a revoked access token gets 401.
import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import * as z from 'zod/mini';
import { signCurrentCustomerToken } from '../auth/current-customer';
import { verifyAccessToken } from '../auth/customer-tokens';
import { REFRESH_COOKIE } from '../auth/refresh-tokens';
import { activeAppSecret } from '../accounts/apps';
import { currentCustomer } from '../accounts/app-identities';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import { storefrontCors } from '../middleware/cors';
import { bearerToken } from '../middleware/live-shopper';
import { validate } from '../validation';

const query = z.object({ app_client_id: z.string().check(z.trim(), z.minLength(1, 'Required'), z.maxLength(200)) });

const routes = new Hono<AppEnv>();
// Only on its own path: mounted at /storefront/session too, where the storefront group adds CORS itself.
routes.use('/current.jwt', storefrontCors);

routes.get('/current.jwt', validate('query', query), async (c) => {
  const app = await activeAppSecret(c.env, c.req.valid('query').app_client_id);
  if (!app) throw new ApiError('app_not_found', { detail: 'No active app has this app_client_id.' });
  const bearer = bearerToken(c.req.header('Authorization'));
  const customer = await currentCustomer(
    c.env,
    bearer ? { claims: await verifyAccessToken(c.env, bearer) } : { refreshToken: getCookie(c, REFRESH_COOKIE) },
  );
  c.header('Cache-Control', 'no-store');
  return c.json({ token: await signCurrentCustomerToken(app, c.env.STORE_HASH, customer) });
});

export default routes;
