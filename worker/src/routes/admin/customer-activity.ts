// What a store cockpit shows about customers (our additions, scope store_v2_customers*):
// GET /v3/customers/overview, GET /v3/customers/{id}/order-summary, GET /v3/customers/{id}/timeline.
import { Hono } from 'hono';
import * as z from 'zod';
import { allows } from '../../auth/admin-scopes';
import { existingCustomerIds } from '../../db/customers';
import { orderSummary } from '../../db/orders';
import { customerOverview, customerTimeline } from '../../db/overview';
import type { AppEnv } from '../../env';
import { ApiError } from '../../errors';
import { validate } from '../../validation';
import { DEFAULT_LIMIT, MAX_LIMIT } from './paging';

const pageQuery = {
  page: z.coerce.number().int().min(1).default(1),
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT),
};
const overviewQuery = z.object({ ...pageQuery, q: z.string().trim().max(100).optional() }).strict();
const idParam = z.object({ id: z.coerce.number().int().min(1) });

function pagination(total: number, count: number, page: number, limit: number) {
  const totalPages = Math.max(1, Math.ceil(total / limit));
  const links: { previous?: string; current: string; next?: string } = { current: `?page=${page}&limit=${limit}` };
  if (page > 1) links.previous = `?page=${page - 1}&limit=${limit}`;
  if (page < totalPages) links.next = `?page=${page + 1}&limit=${limit}`;
  return { pagination: { total, count, per_page: limit, current_page: page, total_pages: totalPages, links } };
}

async function requireCustomer(db: D1Database, id: number) {
  if (!(await existingCustomerIds(db, [id])).has(id)) throw new ApiError('customer_not_found');
}

const activity = new Hono<AppEnv>()
  .get('/overview', validate('query', overviewQuery), async (c) => {
    const { q, page, limit } = c.req.valid('query');
    // Guest orders are order data: only tokens that may read orders see those rows.
    const { rows, total } = await customerOverview(c.env.DB, q || undefined, page, limit, allows(c.var.admin.scopes, 'orders', false));
    const data = rows.map((r) => ({
      kind: r.kind,
      registered: r.kind === 'customer',
      customer_id: r.customer_id,
      order_id: r.order_id,
      email: r.email,
      first_name: r.first_name,
      last_name: r.last_name,
      last_order_date: r.last_order_date,
      order_count: r.order_count,
      has_test_order: r.has_test_order === 1,
    }));
    return c.json({ data, meta: pagination(total, rows.length, page, limit) });
  })

  .get('/:id/order-summary', validate('param', idParam), async (c) => {
    const { id } = c.req.valid('param');
    // Order figures and the last orders (with their addresses) are order data: an orders scope too.
    if (!allows(c.var.admin.scopes, 'orders', false)) {
      throw new ApiError('scope_missing', { detail: 'Needs store_v2_orders or store_v2_orders_read_only as well.' });
    }
    await requireCustomer(c.env.DB, id);
    return c.json({ data: { customer_id: id, ...(await orderSummary(c.env.DB, id)) }, meta: {} });
  })

  .get('/:id/timeline', validate('param', idParam), validate('query', z.object(pageQuery).strict()), async (c) => {
    const { id } = c.req.valid('param');
    const { page, limit } = c.req.valid('query');
    await requireCustomer(c.env.DB, id);
    const { rows, total } = await customerTimeline(c.env.DB, id, page, limit);
    const data = rows.map((r) => ({
      id: r.id,
      type: r.type,
      detail: JSON.parse(r.detail) as Record<string, unknown>,
      actor: { type: r.actor_type, name: r.actor_name },
      date_created: r.date_created,
    }));
    return c.json({ data, meta: pagination(total, rows.length, page, limit) });
  });

export default activity;
