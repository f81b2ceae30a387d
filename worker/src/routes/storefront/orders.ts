// The shopper's orders: history newest first (paged, status filter) with a summary, one order in
// detail, and claiming earlier guest orders placed with the account's email (after a mailed code).
import { Hono } from 'hono';
import * as z from 'zod';
import { sha256Hex } from '../../auth/crypto';
import { getPasswordHash } from '../../db/customers';
import { attemptClaimCode, claimGuestOrders, CLAIM_CODE_TTL_SECONDS, insertClaimCode } from '../../db/order-claims';
import { getOrder, listOrders, orderSummary, toOrder } from '../../db/orders';
import type { AppEnv } from '../../env';
import { ApiError } from '../../errors';
import { mailerFor } from '../../mail/mailer';
import { revokedToken } from '../../middleware/customer-auth';
import { enforceLimit } from '../../accounts/rate-limits';
import { validate } from '../../validation';
import { ORDER_STATUSES } from '../admin/orders';

const listQuery = z
  .object({
    page: z.coerce.number().int().min(1).default(1),
    limit: z.coerce.number().int().min(1).max(50).default(10),
    status: z.enum(ORDER_STATUSES).optional(),
  })
  .strict();
const idParam = z.object({ id: z.coerce.number().int().min(1) });
const confirmBody = z.object({ code: z.string().trim().regex(/^\d{6}$/, 'Enter the 6-digit code from the email') }).strict();

/** What the shopper sees of an order: no internal flags beyond is_test, no other customer's data. */
function shopperOrder(order: ReturnType<typeof toOrder>) {
  const { customer_id: _c, is_guest: _g, email: _e, first_name: _f, last_name: _l, channel_id: _ch, date_modified: _m, ...rest } = order;
  return rest;
}

const codeHash = (customerId: number, code: string) => sha256Hex(`order-claim:${customerId}:${code}`);

const orders = new Hono<AppEnv>()
  .get('/', validate('query', listQuery), async (c) => {
    const { page, limit, status } = c.req.valid('query');
    const { customerId, tokenVersion } = c.var.shopper;
    if (!(await getPasswordHash(c.env.DB, customerId, tokenVersion))) throw revokedToken();
    const [result, summary] = await Promise.all([
      listOrders(c.env.DB, { customerIds: [customerId], statuses: status ? [status] : undefined }, { kind: 'page', page, limit }),
      orderSummary(c.env.DB, customerId, 0),
    ]);
    const total = result.total ?? 0;
    return c.json({
      data: result.rows.map((r) => shopperOrder(toOrder(r))),
      meta: { pagination: { total, count: result.rows.length, per_page: limit, current_page: page, total_pages: Math.max(1, Math.ceil(total / limit)) } },
      summary: { count: summary.order_count, totals: summary.totals.map(({ order_count: _n, ...t }) => t) },
    });
  })

  .post('/claim', async (c) => {
    const { customerId, tokenVersion } = c.var.shopper;
    const me = await getPasswordHash(c.env.DB, customerId, tokenVersion);
    if (!me) throw revokedToken();
    // Each code allows 5 tries; without a limit on new codes that would be no limit at all (and a mail cannon).
    await enforceLimit(c.env, 'RESET_LIMITER', `claim:${customerId}`);
    const code = String(crypto.getRandomValues(new Uint32Array(1))[0]! % 1_000_000).padStart(6, '0');
    await insertClaimCode(c.env.DB, customerId, me.email, await codeHash(customerId, code));
    await mailerFor(c.env).send({
      to: me.email,
      kind: 'order_claim',
      subject: `Your code: ${code}`,
      text: `Enter this code in your account to add earlier orders placed with ${me.email} as a guest:\n\n${code}\n\nIt is valid for ${CLAIM_CODE_TTL_SECONDS / 60} minutes. If you did not ask for it, ignore this message.`,
    });
    return c.json({ status: 'code_sent', expires_in: CLAIM_CODE_TTL_SECONDS }, 202);
  })

  .post('/claim/confirm', validate('json', confirmBody), async (c) => {
    const { code } = c.req.valid('json');
    const { customerId, tokenVersion } = c.var.shopper;
    const me = await getPasswordHash(c.env.DB, customerId, tokenVersion);
    if (!me) throw revokedToken();
    const live = await attemptClaimCode(c.env.DB, customerId);
    const wrong = () => new ApiError('claim_code_invalid', { errors: { code: 'invalid_or_expired' } });
    if (!live) throw wrong();
    // The code proves control of the mailbox it went to; if the account's email changed since, it proves nothing.
    if (live.email.toLowerCase() !== me.email.toLowerCase() || live.code_hash !== (await codeHash(customerId, code))) throw wrong();
    const ids = await claimGuestOrders(c.env.DB, live.id, customerId, live.email);
    return c.json({ claimed: ids.length, order_ids: ids });
  })

  .get('/:id', validate('param', idParam), async (c) => {
    const { customerId, tokenVersion } = c.var.shopper;
    if (!(await getPasswordHash(c.env.DB, customerId, tokenVersion))) throw revokedToken();
    const order = await getOrder(c.env.DB, c.req.valid('param').id, customerId);
    if (!order) throw new ApiError('order_not_found');
    return c.json({ data: { ...shopperOrder(order), items: order.items } });
  });

export default orders;
