// /v3/orders (our addition; scopes store_v2_orders / _read_only): the store's checkout or back office
// records orders (up to MAX_BATCH per call, all or nothing), lists them, and links a guest order to a
// customer account (PUT /v3/orders/{id}/customer) or unlinks it (DELETE), both on the timeline.
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { createOrders, getOrderWithItems, linkOrder, listAdminOrders, ORDER_STATUSES, unlinkOrder } from '../../accounts/orders';
import type { AppEnv } from '../../env';
import { isCurrencyCode } from '../../shared/money';
import { validate } from '../../validation';
import { csv, csvInts, dateParam, dateRange, listMeta, pagingQuery, toPaging } from './paging';
import { MAX_BATCH, staffActor } from './schemas';

const amount = z.union([z.string().check(z.maxLength(20)), z.number().check(z.minimum(0))]);
const address = z
  .record(z.string().check(z.maxLength(50)), z.string().check(z.maxLength(255)))
  .check(z.refine((a) => Object.keys(a).length <= 30, 'Too many address fields'));

const orderItem = z.strictObject({
  sku: z.optional(z.string().check(z.maxLength(100))),
  name: z.string().check(z.minLength(1), z.maxLength(255)),
  quantity: z.number().check(z.int(), z.minimum(1), z.maximum(100_000)),
  price: amount,
  total: z.optional(amount),
});

const newOrder = z
  .strictObject({
    customer_id: z.optional(z.number().check(z.int(), z.minimum(0))),
    email: z.optional(z.email().check(z.maxLength(250))),
    first_name: z.optional(z.string().check(z.maxLength(100))),
    last_name: z.optional(z.string().check(z.maxLength(100))),
    status: z._default(z.enum(ORDER_STATUSES), 'pending'),
    is_test: z._default(z.boolean(), false),
    channel_id: z._default(z.number().check(z.int(), z.minimum(1)), 1),
    currency_code: z.string().check(z.refine(isCurrencyCode, 'Expected an ISO 4217 currency code, e.g. USD')),
    subtotal: amount,
    tax: z._default(amount, '0'),
    shipping: z._default(amount, '0'),
    total: amount,
    items: z.array(orderItem).check(z.minLength(1), z.maxLength(500)),
    billing_address: z.optional(address),
    shipping_address: z.optional(address),
    date_created: z.optional(z.iso.datetime({ offset: true })),
  })
  .check(z.refine((o) => (o.customer_id ?? 0) > 0 || !!o.email, { message: 'A guest order needs an email', path: ['email'] }));

const listQuery = z.strictObject({
  ...pagingQuery,
  'id:in': z.optional(csvInts),
  'customer_id:in': z.optional(csvInts),
  'email:in': z.optional(csv),
  'status:in': z.optional(z.pipe(csv, z.array(z.enum(ORDER_STATUSES)))),
  is_guest: z.optional(z.enum(['true', 'false'])),
  is_test: z.optional(z.enum(['true', 'false'])),
  'date_created:min': z.optional(dateParam(false)),
  'date_created:max': z.optional(dateParam(true)),
  include: z.optional(z.literal('items')),
});

const idParam = z.object({ id: z.coerce.number().check(z.int(), z.minimum(1)) });
const linkBody = z.strictObject({ customer_id: z.number().check(z.int(), z.minimum(1)) });

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

  .post('/', validate('json', z.array(newOrder).check(z.minLength(1), z.maxLength(MAX_BATCH))), async (c) => {
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
