// /dev/* — local development only (ENVIRONMENT "local" or "test"): the mail outbox, test orders for the
// demo storefront, the bare password verification the log-in benchmark compares log-in against, and
// the webhook cron's sweep (wrangler dev runs no cron trigger here: scripts/dev.mjs calls it every minute).
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { recordTestOrder } from '../accounts/orders';
import { hashPassword, verifyPassword } from '../auth/passwords';
import type { AppEnv } from '../env';
import { listOutbox } from '../mail/mailer';
import { ApiError } from '../errors';
import { liveShopper } from '../middleware/live-shopper';
import { isCurrencyCode } from '../shared/money';
import { validate } from '../validation';

const dev = new Hono<AppEnv>();

dev.use('*', async (c, next) => {
  if (c.env.ENVIRONMENT !== 'local' && c.env.ENVIRONMENT !== 'test') throw new ApiError('not_found');
  await next();
});

/** Whether the dev routes are on: the demo storefront shows its dev tools only when this answers. */
dev.get('/', (c) => c.json({ environment: c.env.ENVIRONMENT, routes: ['GET /dev/outbox', 'POST /dev/orders', 'POST /dev/webhooks/sweep'] }));

/** What the every-minute cron does (worker/src/index.ts `scheduled`): stranded webhook events to the queue, old history out. */
dev.post('/webhooks/sweep', async (c) => {
  const { sweepWebhooks } = await import('../accounts/webhooks');
  return c.json({ data: await sweepWebhooks(c.env) });
});

dev.get('/outbox', async (c) => c.json({ data: await listOutbox(c.env.DB) }));

const price = z.union([z.string().check(z.maxLength(20)), z.number().check(z.minimum(0))]);
const testOrder = z.strictObject({
  /** A guest order's email; ignored when a shopper's access token is sent. */
  email: z.optional(z.email().check(z.maxLength(250))),
  currency_code: z._default(z.string().check(z.refine(isCurrencyCode, 'Expected an ISO 4217 currency code, e.g. USD')), 'USD'),
  shipping: z._default(price, '0'),
  items: z
    .array(
      z.strictObject({
        sku: z._default(z.string().check(z.maxLength(100)), ''),
        name: z.string().check(z.minLength(1), z.maxLength(255)),
        quantity: z.number().check(z.int(), z.minimum(1), z.maximum(99)),
        price,
      }),
    )
    .check(z.minLength(1), z.maxLength(50)),
});

/**
 * Records a test order (`is_test`, status awaiting_fulfillment) the way the admin API does, for the
 * shopper whose access token is sent (`Authorization: Bearer`, checked like every customer route), else
 * as a guest order for `email`.
 */
dev.post(
  '/orders',
  // The token is optional here; when one is sent, the one live-shopper check applies.
  async (c, next) => (c.req.header('Authorization') ? liveShopper(c, next) : next()),
  validate('json', testOrder),
  async (c) => c.json({ data: await recordTestOrder(c.env.DB, c.get('shopper') ?? null, c.req.valid('json')) }, 201),
);

let benchHash: Promise<string> | undefined;

/** One password verification (the current parameters) and nothing else: the floor of a log-in. */
dev.post('/bench/password-hash', async (c) => {
  benchHash ??= hashPassword('bench-password-2026');
  const { password } = await c.req.json<{ password: string }>();
  const { valid } = await verifyPassword(String(password), await benchHash);
  return c.json({ valid });
});

export default dev;
