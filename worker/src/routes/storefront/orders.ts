// The shopper's orders: history newest first (paged, status filter) with a summary and the number of
// claimable guest orders, one order in detail, and claiming earlier guest orders placed with the
// account's email: at once with a verified email, after a mailed code otherwise (accounts/order-claims.ts).
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { confirmClaimCode, startClaim } from '../../accounts/order-claims';
import { getShopperOrder, listShopperOrders, ORDER_STATUSES } from '../../accounts/orders';
import type { AppEnv } from '../../env';
import { liveRead } from '../../middleware/live-shopper';
import { validate } from '../../validation';

const listQuery = z.strictObject({
  page: z._default(z.coerce.number().check(z.int(), z.minimum(1)), 1),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(50)), 10),
  status: z.optional(z.enum(ORDER_STATUSES)),
});
const idParam = z.object({ id: z.coerce.number().check(z.int(), z.minimum(1)) });
const confirmBody = z.strictObject({
  code: z.string().check(z.trim(), z.regex(/^\d{6}$/, 'Enter the 6-digit code from the email')),
});

const orders = new Hono<AppEnv>()
  .get('/', validate('query', listQuery), async (c) => {
    const q = c.req.valid('query');
    const { value } = await liveRead(c, (db, customerId) => listShopperOrders(db, customerId, q));
    const { orders, total, summary, claimable } = value;
    return c.json({
      data: orders,
      meta: {
        pagination: { total, count: orders.length, per_page: q.limit, current_page: q.page, total_pages: Math.max(1, Math.ceil(total / q.limit)) },
      },
      summary,
      claimable,
    });
  })

  .post('/claim', async (c) => {
    const started = await startClaim(c.env, c.var.shopper);
    if ('claimed' in started) return c.json({ claimed: started.claimed.length, order_ids: started.claimed }, 200);
    return c.json({ status: 'code_sent' as const, expires_in: started.codeSentFor }, 202);
  })

  .post('/claim/confirm', validate('json', confirmBody), async (c) => {
    const ids = await confirmClaimCode(c.env.DB, c.var.shopper, c.req.valid('json').code);
    return c.json({ claimed: ids.length, order_ids: ids });
  })

  .get('/:id', validate('param', idParam), async (c) =>
    c.json({ data: (await liveRead(c, (db, customerId) => getShopperOrder(db, customerId, c.req.valid('param').id))).value }),
  );

export default orders;
