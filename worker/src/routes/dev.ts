// /dev/* — local development only (ENVIRONMENT "local" or "test"): the mail outbox, test orders for the
// demo storefront, and the bare password verification the log-in benchmark compares log-in against.
import { Hono } from 'hono';
import * as z from 'zod';
import type { AppEnv } from '../env';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { verifyAccessToken } from '../auth/customer-tokens';
import { getOwnCustomer } from '../db/customers';
import { getOrder, insertOrderStatements, type NewOrder } from '../db/orders';
import type { Actor } from '../db/timeline';
import { ApiError } from '../errors';
import { bearerToken, revokedToken } from '../middleware/customer-auth';
import { currencyExponent, isCurrencyCode, toMinor } from '../shared/money';
import { isoNow } from '../time';
import { validate } from '../validation';

const dev = new Hono<AppEnv>();

dev.use('*', async (c, next) => {
  if (c.env.ENVIRONMENT !== 'local' && c.env.ENVIRONMENT !== 'test') throw new ApiError('not_found');
  await next();
});

/** Whether the dev routes are on: the demo storefront shows its dev tools only when this answers. */
dev.get('/', (c) => c.json({ environment: c.env.ENVIRONMENT, routes: ['GET /dev/outbox', 'POST /dev/orders'] }));

dev.get('/outbox', async (c) => {
  const { results } = await c.env.DB.prepare(
    'SELECT id, to_email AS "to", subject, text_body AS text, kind, status, date_created FROM mail_outbox ORDER BY id DESC LIMIT 100',
  ).all();
  return c.json({ data: results });
});

const price = z.union([z.string().max(20), z.number().min(0)]);
const testOrder = z
  .object({
    /** A guest order's email; ignored when a shopper's access token is sent. */
    email: z.email().max(250).optional(),
    currency_code: z.string().refine(isCurrencyCode, 'Expected an ISO 4217 currency code, e.g. USD').default('USD'),
    shipping: price.default('0'),
    items: z
      .array(z.object({ sku: z.string().max(100).default(''), name: z.string().min(1).max(255), quantity: z.number().int().min(1).max(99), price }).strict())
      .min(1)
      .max(50),
  })
  .strict();

/**
 * Records a test order (`is_test`, status awaiting_fulfillment) the way the admin API does, for the
 * shopper whose access token is sent (`Authorization: Bearer`), else as a guest order for `email`.
 * Totals are computed here from the items, so the demo page cannot record inconsistent amounts.
 */
dev.post('/orders', validate('json', testOrder), async (c) => {
  const body = c.req.valid('json');
  const token = bearerToken(c.req.header('Authorization'));
  let owner: { id: number; email: string; first_name: string; last_name: string } | null = null;
  if (token) {
    const shopper = await verifyAccessToken(c.env, token);
    owner = await getOwnCustomer(c.env.DB, shopper.customerId, shopper.tokenVersion);
    if (!owner) throw revokedToken();
  } else if (!body.email) {
    throw new ApiError('validation_failed', { errors: { email: 'A guest order needs an email (or sign in)' } });
  }
  const exponent = currencyExponent(body.currency_code);
  const errors: Record<string, string> = {};
  const minor = (value: string | number, field: string) => {
    const m = toMinor(value, exponent);
    if (m === null) errors[field] = `Expected a non-negative amount with at most ${exponent} decimals`;
    return m ?? 0;
  };
  const items = body.items.map((it, k) => {
    const price_minor = minor(it.price, `items.${k}.price`);
    return { sku: it.sku, name: it.name, quantity: it.quantity, price_minor, total_minor: price_minor * it.quantity };
  });
  const shipping_minor = minor(body.shipping, 'shipping');
  if (Object.keys(errors).length) throw new ApiError('validation_failed', { errors });
  const subtotal_minor = items.reduce((sum, it) => sum + it.total_minor, 0);
  const now = isoNow();
  const order: NewOrder = {
    customer_id: owner?.id ?? null,
    email: owner?.email ?? body.email!,
    first_name: owner?.first_name ?? '',
    last_name: owner?.last_name ?? '',
    status: 'awaiting_fulfillment',
    is_test: true,
    channel_id: 1,
    currency_code: body.currency_code,
    currency_exponent: exponent,
    subtotal_minor,
    tax_minor: 0,
    shipping_minor,
    total_minor: subtotal_minor + shipping_minor,
    billing_address: {},
    shipping_address: {},
    date_created: now,
    items,
  };
  const actor: Actor = owner ? { type: 'shopper', name: owner.email } : { type: 'system', name: 'Demo store' };
  const [inserted] = await c.env.DB.batch(insertOrderStatements(c.env.DB, [order], actor, now));
  return c.json({ data: await getOrder(c.env.DB, inserted!.meta.last_row_id) }, 201);
});

let benchHash: Promise<string> | undefined;

/** One password verification (the current parameters) and nothing else: the floor of a log-in. */
dev.post('/bench/password-hash', async (c) => {
  benchHash ??= hashPassword('bench-password-2026');
  const { password } = await c.req.json<{ password: string }>();
  const { valid } = await verifyPassword(String(password), await benchHash);
  return c.json({ valid });
});

export default dev;
