// The shopper's orders: history newest first (paged, status filter) with a summary and the number of
// claimable guest orders, one order in detail, and claiming earlier guest orders placed with the
// account's email: at once with a verified email, after a mailed code otherwise (accounts/order-claims.ts).
import { Hono } from 'hono';
import * as z from 'zod';
import { confirmClaimCode, startClaim } from '../../accounts/order-claims';
import { getShopperOrder, listShopperOrders, ORDER_STATUSES } from '../../accounts/orders';
import type { AppEnv } from '../../env';
import { validate } from '../../validation';

const listQuery = z
  .object({
    page: z.coerce.number().int().min(1).default(1),
    limit: z.coerce.number().int().min(1).max(50).default(10),
    status: z.enum(ORDER_STATUSES).optional(),
  })
  .strict();
const idParam = z.object({ id: z.coerce.number().int().min(1) });
const confirmBody = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, 'Enter the 6-digit code from the email'),
  })
  .strict();

const orders = new Hono<AppEnv>()
  .get('/', validate('query', listQuery), async (c) => {
    const q = c.req.valid('query');
    const { orders, total, summary, claimable } = await listShopperOrders(c.env.DB, c.var.shopper, q);
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

  .get('/:id', validate('param', idParam), async (c) => c.json({ data: await getShopperOrder(c.env.DB, c.var.shopper, c.req.valid('param').id) }));

export default orders;
