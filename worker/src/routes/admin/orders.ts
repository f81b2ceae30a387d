// /v3/orders (our addition; scopes store_v2_orders / _read_only): the store's checkout or back office
// records orders (up to 100 per call, all or nothing), lists them, and links a guest order to a
// customer account (PUT /v3/orders/{id}/customer) or unlinks it (DELETE), both on the timeline.
import { Hono } from 'hono';
import * as z from 'zod';
import { existingCustomerIds } from '../../db/customers';
import { getOrder, insertOrderStatements, itemsFor, listOrders, type NewOrder, setOrderCustomerStatements, toItem, toOrder } from '../../db/orders';
import type { AppEnv } from '../../env';
import { ApiError } from '../../errors';
import { currencyExponent, isCurrencyCode, toMinor } from '../../shared/money';
import { toIso } from '../../time';
import { validate } from '../../validation';
import { csv, csvInts, dateParam, dateRange, listMeta, pagingQuery, toPaging } from './paging';
import { MAX_BATCH } from './customers';

export const ORDER_STATUSES = [
  'pending',
  'awaiting_payment',
  'awaiting_fulfillment',
  'awaiting_shipment',
  'partially_shipped',
  'shipped',
  'completed',
  'cancelled',
  'declined',
  'refunded',
  'partially_refunded',
] as const;

const amount = z.union([z.string().max(20), z.number().min(0)]);
const address = z.record(z.string().max(50), z.string().max(255)).refine((a) => Object.keys(a).length <= 30, 'Too many address fields');

const orderItem = z
  .object({ sku: z.string().max(100).optional(), name: z.string().min(1).max(255), quantity: z.number().int().min(1).max(100_000), price: amount, total: amount.optional() })
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
    const result = await listOrders(
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
    );
    const items = q.include === 'items' ? await itemsFor(c.env.DB, result.rows.map((r) => r.id)) : null;
    const data = result.rows.map((row) => ({
      ...toOrder(row),
      ...(items ? { items: (items.get(row.id) ?? []).map((i) => toItem(i, row.currency_exponent)) } : {}),
    }));
    return c.json({ data, meta: listMeta(result, paging) });
  })

  .get('/:id', validate('param', idParam), async (c) => {
    const order = await getOrder(c.env.DB, c.req.valid('param').id);
    if (!order) throw new ApiError('order_not_found');
    return c.json({ data: order, meta: {} });
  })

  .post('/', validate('json', z.array(newOrder).min(1).max(MAX_BATCH)), async (c) => {
    const input = c.req.valid('json');
    const errors: Record<string, string> = {};
    const customerIds = [...new Set(input.map((o) => o.customer_id ?? 0).filter((id) => id > 0))];
    const known = await existingCustomerIds(c.env.DB, customerIds);
    const emails = new Map(
      customerIds.length
        ? (
            await c.env.DB.prepare('SELECT id, email, first_name, last_name FROM customers WHERE id IN (SELECT value FROM json_each(?1))')
              .bind(JSON.stringify(customerIds))
              .all<{ id: number; email: string; first_name: string; last_name: string }>()
          ).results.map((r) => [r.id, r])
        : [],
    );
    const rows: NewOrder[] = [];
    input.forEach((o, i) => {
      const exponent = currencyExponent(o.currency_code);
      const minor = (value: string | number, field: string) => {
        const m = toMinor(value, exponent);
        if (m === null) errors[`${i}.${field}`] = `Expected a non-negative amount with at most ${exponent} decimals`;
        return m ?? 0;
      };
      const customerId = o.customer_id && o.customer_id > 0 ? o.customer_id : null;
      if (customerId !== null && !known.has(customerId)) errors[`${i}.customer_id`] = `Customer ${customerId} does not exist`;
      const owner = customerId !== null ? emails.get(customerId) : undefined;
      rows.push({
        customer_id: customerId,
        email: o.email ?? owner?.email ?? '',
        first_name: o.first_name ?? owner?.first_name ?? '',
        last_name: o.last_name ?? owner?.last_name ?? '',
        status: o.status,
        is_test: o.is_test,
        channel_id: o.channel_id,
        currency_code: o.currency_code,
        currency_exponent: exponent,
        subtotal_minor: minor(o.subtotal, 'subtotal'),
        tax_minor: minor(o.tax, 'tax'),
        shipping_minor: minor(o.shipping, 'shipping'),
        total_minor: minor(o.total, 'total'),
        billing_address: o.billing_address ?? {},
        shipping_address: o.shipping_address ?? o.billing_address ?? {},
        date_created: o.date_created ? toIso(new Date(o.date_created)) : toIso(new Date()),
        items: o.items.map((it, k) => {
          const price = minor(it.price, `items.${k}.price`);
          const total = it.total !== undefined ? minor(it.total, `items.${k}.total`) : price * it.quantity;
          if (!Number.isSafeInteger(total)) errors[`${i}.items.${k}.total`] = 'Amount too large';
          return { sku: it.sku ?? '', name: it.name, quantity: it.quantity, price_minor: price, total_minor: total };
        }),
      });
    });
    if (Object.keys(errors).length) throw new ApiError('validation_failed', { errors });
    const actor = { type: 'staff', name: c.var.admin.name } as const;
    const statements = insertOrderStatements(c.env.DB, rows, actor);
    // Last statement of the same transaction: the ids just written, newest first.
    statements.push(c.env.DB.prepare('SELECT id FROM orders ORDER BY id DESC LIMIT ?1').bind(rows.length));
    const results = await c.env.DB.batch<{ id: number }>(statements);
    const ids = results[results.length - 1]!.results.map((r) => r.id).reverse();
    // Read them back in two queries, not one per order (D1 caps queries per invocation).
    const [written, items] = await Promise.all([
      listOrders(c.env.DB, { ids }, { kind: 'page', page: 1, limit: ids.length }),
      itemsFor(c.env.DB, ids),
    ]);
    const byId = new Map(written.rows.map((row) => [row.id, row]));
    const data = ids.map((id) => {
      const row = byId.get(id)!;
      return { ...toOrder(row), items: (items.get(id) ?? []).map((i) => toItem(i, row.currency_exponent)) };
    });
    return c.json({ data, meta: {} }, 201);
  })

  .put('/:id/customer', validate('param', idParam), validate('json', linkBody), async (c) => {
    const { id } = c.req.valid('param');
    const { customer_id } = c.req.valid('json');
    const order = await getOrder(c.env.DB, id);
    if (!order) throw new ApiError('order_not_found');
    if (!(await existingCustomerIds(c.env.DB, [customer_id])).has(customer_id)) {
      throw new ApiError('validation_failed', { errors: { customer_id: `Customer ${customer_id} does not exist` } });
    }
    if (order.customer_id === customer_id) return c.json({ data: order, meta: {} });
    const actor = { type: 'staff', name: c.var.admin.name } as const;
    await c.env.DB.batch(setOrderCustomerStatements(c.env.DB, id, customer_id, order.is_guest ? null : order.customer_id, actor));
    return c.json({ data: await getOrder(c.env.DB, id), meta: {} });
  })

  .delete('/:id/customer', validate('param', idParam), async (c) => {
    const { id } = c.req.valid('param');
    const order = await getOrder(c.env.DB, id);
    if (!order) throw new ApiError('order_not_found');
    if (!order.is_guest) {
      const actor = { type: 'staff', name: c.var.admin.name } as const;
      await c.env.DB.batch(setOrderCustomerStatements(c.env.DB, id, null, order.customer_id, actor));
    }
    return c.body(null, 204);
  });

export default orders;
