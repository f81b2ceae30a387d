// /v3/orders (our addition; scopes store_v2_orders / _read_only): the store's checkout or back office
// records orders (up to MAX_BATCH per call, all or nothing), lists them, and links a guest order to a
// customer account (PUT /v3/orders/{id}/customer) or unlinks it (DELETE), both on the timeline.
import { Hono } from 'hono';
import * as z from 'zod';
import { createOrders, getOrderWithItems, linkOrder, listAdminOrders, ORDER_STATUSES, unlinkOrder } from '../../accounts/orders';
import type { AppEnv } from '../../env';
import { isCurrencyCode } from '../../shared/money';
import { validate } from '../../validation';
import { csv, csvInts, dateParam, dateRange, listMeta, pagingQuery, toPaging } from './paging';
import { MAX_BATCH, staffActor } from './schemas';

const amount = z.union([z.string().max(20), z.number().min(0)]);
const address = z.record(z.string().max(50), z.string().max(255)).refine((a) => Object.keys(a).length <= 30, 'Too many address fields');

const orderItem = z
  .object({
    sku: z.string().max(100).optional(),
    name: z.string().min(1).max(255),
    quantity: z.number().int().min(1).max(100_000),
    price: amount,
    total: amount.optional(),
  })
  .strict();

const newOrder = z
  .object({
    customer_id: z.number().int().min(0).optional(),
    email: z.email().max(250).optional(),
    first_name: z.string().max(100).optional(),
    last_name: z.string().max(100).optional(),
    status: z.enum(ORDER_STATUSES).default('pending'),
    is_test: z.boolean().default(false),
    channel_id: z.number().int().min(1).default(1),
    currency_code: z.string().refine(isCurrencyCode, 'Expected an ISO 4217 currency code, e.g. USD'),
    subtotal: amount,
    tax: amount.default('0'),
    shipping: amount.default('0'),
    total: amount,
    items: z.array(orderItem).min(1).max(500),
    billing_address: address.optional(),
    shipping_address: address.optional(),
    date_created: z.iso.datetime({ offset: true }).optional(),
  })
  .strict()
  .refine((o) => (o.customer_id ?? 0) > 0 || !!o.email, { message: 'A guest order needs an email', path: ['email'] });

const listQuery = z
  .object({
    ...pagingQuery,
    'id:in': csvInts.optional(),
    'customer_id:in': csvInts.optional(),
    'email:in': csv.optional(),
    'status:in': csv.pipe(z.array(z.enum(ORDER_STATUSES))).optional(),
    is_guest: z.enum(['true', 'false']).optional(),
    is_test: z.enum(['true', 'false']).optional(),
    'date_created:min': dateParam(false).optional(),
    'date_created:max': dateParam(true).optional(),
    include: z.literal('items').optional(),
  })
  .strict();

const idParam = z.object({ id: z.coerce.number().int().min(1) });
const linkBody = z.object({ customer_id: z.number().int().min(1) }).strict();

const orders = new Hono<AppEnv>()
  .get('/', validate('query', listQuery), async (c) => {
    const q = c.req.valid('query');
    const paging = toPaging(q);
    const { result, data } = await listAdminOrders(
      c.env.DB,
      {
        ids: q['id:in'],
        customerIds: q['customer_id:in'],
        emails: q['email:in'],
        statuses: q['status:in'],
        isGuest: q.is_guest === undefined ? undefined : q.is_guest === 'true',
        isTest: q.is_test === undefined ? undefined : q.is_test === 'true',
        dateCreated: dateRange(undefined, q['date_created:min'], q['date_created:max']),
      },
      paging,
      q.include === 'items',
    );
    return c.json({ data, meta: listMeta(result, paging) });
  })

  .get('/:id', validate('param', idParam), async (c) => c.json({ data: await getOrderWithItems(c.env.DB, c.req.valid('param').id), meta: {} }))

  .post('/', validate('json', z.array(newOrder).min(1).max(MAX_BATCH)), async (c) => {
    return c.json({ data: await createOrders(c.env.DB, c.req.valid('json'), staffActor(c)), meta: {} }, 201);
  })

  .put('/:id/customer', validate('param', idParam), validate('json', linkBody), async (c) => {
    const order = await linkOrder(c.env.DB, c.req.valid('param').id, c.req.valid('json').customer_id, staffActor(c));
    return c.json({ data: order, meta: {} });
  })

  .delete('/:id/customer', validate('param', idParam), async (c) => {
    await unlinkOrder(c.env.DB, c.req.valid('param').id, staffActor(c));
    return c.body(null, 204);
  });

export default orders;
