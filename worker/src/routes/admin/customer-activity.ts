// What a store cockpit shows about customers (our additions, scope store_v2_customers*):
// GET /v3/customers/overview, GET /v3/customers/{id}/order-summary, GET /v3/customers/{id}/timeline.
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { customerOrderSummary, customerOverview, customerTimeline } from '../../accounts/customer-activity';
import { allows } from '../../auth/admin-scopes';
import type { AppEnv } from '../../env';
import { alsoReading } from '../../middleware/admin-auth';
import { validate } from '../../validation';
import { DEFAULT_LIMIT, MAX_LIMIT } from './paging';

const pageQuery = {
  page: z._default(z.coerce.number().check(z.int(), z.minimum(1)), 1),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(MAX_LIMIT)), DEFAULT_LIMIT),
};
const overviewQuery = z.strictObject({ ...pageQuery, q: z.optional(z.string().check(z.trim(), z.maxLength(100))) });
const idParam = z.object({ id: z.coerce.number().check(z.int(), z.minimum(1)) });

function pagination(total: number, count: number, page: number, limit: number) {
  const totalPages = Math.max(1, Math.ceil(total / limit));
  const links: { previous?: string; current: string; next?: string } = { current: `?page=${page}&limit=${limit}` };
  if (page > 1) links.previous = `?page=${page - 1}&limit=${limit}`;
  if (page < totalPages) links.next = `?page=${page + 1}&limit=${limit}`;
  return { pagination: { total, count, per_page: limit, current_page: page, total_pages: totalPages, links } };
}

const activity = new Hono<AppEnv>()
  .get('/overview', validate('query', overviewQuery), async (c) => {
    const { q, page, limit } = c.req.valid('query');
    // Guest orders are order data: only tokens that may read orders see those rows.
    const { data, total } = await customerOverview(c.env.DB, {
      search: q || undefined,
      page,
      limit,
      withGuestOrders: allows(c.var.admin.scopes, 'orders', false),
    });
    return c.json({ data, meta: pagination(total, data.length, page, limit) });
  })

  // Order figures and the last orders (with their addresses) are order data: an orders scope too.
  .get('/:id/order-summary', alsoReading('orders'), validate('param', idParam), async (c) => {
    return c.json({ data: await customerOrderSummary(c.env.DB, c.req.valid('param').id), meta: {} });
  })

  .get('/:id/timeline', validate('param', idParam), validate('query', z.strictObject(pageQuery)), async (c) => {
    const { page, limit } = c.req.valid('query');
    // Order events are order data: without an orders scope they keep their type and date, not their detail.
    const { data, total } = await customerTimeline(c.env.DB, c.req.valid('param').id, {
      page,
      limit,
      withOrders: allows(c.var.admin.scopes, 'orders', false),
    });
    return c.json({ data, meta: pagination(total, data.length, page, limit) });
  });

export default activity;
