// Builds the worker: security headers, JSON-only bodies, the route groups, the one error handler.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from './env';
import { ApiError, handleError, handleNotFound } from './errors';
import { jsonOnly } from './middleware/json-only';
import admin from './routes/admin';
import currentCustomer from './routes/current-customer';
import dev from './routes/dev';
import loginToken from './routes/login-token';
import storefront from './routes/storefront';
import wellKnown from './routes/well-known';

const app = new Hono<AppEnv>();

app.use('*', secureHeaders({ crossOriginResourcePolicy: false, crossOriginOpenerPolicy: 'same-origin' }));
app.use('*', jsonOnly);
// The largest legitimate body is a batch of 100 customers with addresses (well under 1 MB).
app.use(
  '*',
  bodyLimit({
    maxSize: 1024 * 1024,
    onError: () => {
      throw new ApiError('payload_too_large', { detail: 'At most 1 MB per request.' });
    },
  }),
);

app.get('/health', (c) => c.json({ ok: true }));

app.route('/.well-known', wellKnown);
app.route('/dev', dev);
app.route('/login/token', loginToken);
app.route('/customer', currentCustomer);
// The same answer where browsers send the refresh cookie (its Path is /storefront/session).
app.route('/storefront/session', currentCustomer);
app.route('/storefront', storefront);
app.route('/', admin);
app.use('/stores/:store_hash/*', async (c, next) => {
  if (c.req.param('store_hash') !== c.env.STORE_HASH) throw new ApiError('store_not_found');
  await next();
});
app.route('/stores/:store_hash', admin);

app.onError(handleError);
app.notFound(handleNotFound);

export default app;
