// Orders: the statuses an order can have, the order shapes both APIs answer (amounts as decimal
// strings in the currency's precision), recording orders (admin API and the dev tools, all or nothing,
// each on its customer's timeline), the shopper's order history, linking a guest order to an account,
// and a customer's order summary. Claiming guest orders is order-claims.ts.
import { orderLinkIds } from '../db/webhooks';
import { customerEvent } from './webhooks';
import { runBatch } from '../db/batch';
import { countClaimableOrdersOf } from '../db/order-claims';
import type { ListResult } from '../db/list';
import {
  findOrder,
  getOrderOwners,
  getOrderTotals,
  insertOrderStatements,
  latestOrderIdsStatement,
  listOrderItems,
  listOrders,
  type NewOrder,
  type OrderFilter,
  type OrderItemRow,
  type OrderRow,
  setOrderCustomerStatements,
} from '../db/orders';
import type { Paging } from '../db/sql';
import type { Actor } from '../db/timeline';
import type { LiveShopper } from '../env';
import { ApiError, fieldError, type FieldErrors, throwIfInvalid } from '../errors';
import type { Order, OrderItem, ShopperOrder } from '../shared/api-types';
import { currencyExponent, fromMinor, toMinor } from '../shared/money';
import { isoNow, toIso } from '../time';
import { shopperActor } from './shoppers';

export type { Order, OrderItem, ShopperOrder };

/** BigCommerce's order statuses (snake_case), the filter values of both APIs. */
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
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** The order as the admin API shows it. */
function toOrder(row: OrderRow): Order {
  const money = (minor: number) => fromMinor(minor, row.currency_exponent);
  return {
    id: row.id,
    customer_id: row.customer_id ?? 0,
    is_guest: row.customer_id === null,
    email: row.email,
    first_name: row.first_name,
    last_name: row.last_name,
    status: row.status,
    is_test: row.is_test === 1,
    channel_id: row.channel_id,
    currency_code: row.currency_code,
    subtotal: money(row.subtotal_minor),
    tax: money(row.tax_minor),
    shipping: money(row.shipping_minor),
    total: money(row.total_minor),
    item_count: row.item_count,
    billing_address: JSON.parse(row.billing_address) as Record<string, string>,
    shipping_address: JSON.parse(row.shipping_address) as Record<string, string>,
    date_created: row.date_created,
    date_modified: row.date_modified,
  };
}

function toItem(row: OrderItemRow, exponent: number): OrderItem {
  return {
    id: row.id,
    sku: row.sku,
    name: row.name,
    quantity: row.quantity,
    price: fromMinor(row.price_minor, exponent),
    total: fromMinor(row.total_minor, exponent),
  };
}

/** What the shopper sees of an order: no internal flags beyond is_test, no other customer's data. */
function toShopperOrder(order: Order): ShopperOrder {
  const { customer_id: _c, is_guest: _g, email: _e, first_name: _f, last_name: _l, channel_id: _ch, date_modified: _m, ...rest } = order;
  return rest;
}

export interface OrderSummary {
  order_count: number;
  totals: { currency_code: string; order_count: number; total_spent: string; average_order_value: string }[];
  last_orders: Order[];
}

/** Count, totals per currency and the latest `lastN` orders of a customer (every order counts: test, cancelled, refunded too). */
export async function getOrderSummary(db: D1Database, customerId: number, lastN = 3): Promise<OrderSummary> {
  const { totals, last } = await getOrderTotals(db, customerId, lastN);
  return {
    order_count: totals.reduce((s, r) => s + r.n, 0),
    totals: totals.map((r) => ({
      currency_code: r.currency_code,
      order_count: r.n,
      total_spent: fromMinor(r.total, r.currency_exponent),
      average_order_value: fromMinor(Math.round(r.total / r.n), r.currency_exponent),
    })),
    last_orders: last.map(toOrder),
  };
}

// ---- The shopper's orders (storefront) ----

/**
 * One page of the shopper's orders, newest first, with the summary of all of them and how many guest
 * orders with the shopper's email could be claimed (accounts/order-claims.ts). `claimable` is 0 while
 * the email is unverified: an email grants nothing until it is proven, not even the count. The reads
 * run in parallel (one round trip).
 */
export async function listShopperOrders(db: D1Database, customerId: number, q: { page: number; limit: number; status?: OrderStatus }) {
  // All three issued before any is awaited: one round trip (and in a GET, the live-shopper check's).
  const [result, summary, claimable] = await Promise.all([
    listOrders(db, { customerIds: [customerId], statuses: q.status ? [q.status] : undefined }, { kind: 'page', page: q.page, limit: q.limit }),
    getOrderSummary(db, customerId, 0),
    countClaimableOrdersOf(db, customerId),
  ]);
  return {
    orders: result.rows.map((r) => toShopperOrder(toOrder(r))),
    total: result.total ?? 0,
    summary: { count: summary.order_count, totals: summary.totals.map(({ order_count: _n, ...t }) => t) },
    claimable,
  };
}

/** One of the shopper's orders with its items; another customer's order answers like a missing one. */
export async function getShopperOrder(db: D1Database, customerId: number, id: number): Promise<ShopperOrder & { items: OrderItem[] }> {
  const found = await findOrder(db, id, customerId);
  if (!found) throw new ApiError('order_not_found');
  return { ...toShopperOrder(toOrder(found.row)), items: found.items.map((i) => toItem(i, found.row.currency_exponent)) };
}

// ---- The admin API (/v3/orders) ----

export type OrderWithItems = Order & { items: OrderItem[] };

/** One order with its items. */
export async function getOrderWithItems(db: D1Database, id: number): Promise<OrderWithItems> {
  const found = await findOrder(db, id);
  if (!found) throw new ApiError('order_not_found');
  return { ...toOrder(found.row), items: found.items.map((i) => toItem(i, found.row.currency_exponent)) };
}

/** One page of orders; with `withItems`, each with its items (one more query for the page, not one per order). */
export async function listAdminOrders(
  db: D1Database,
  filter: OrderFilter,
  paging: Paging,
  withItems: boolean,
): Promise<{ result: ListResult<OrderRow>; data: (Order | OrderWithItems)[] }> {
  const result = await listOrders(db, filter, paging);
  const items = withItems
    ? await listOrderItems(
        db,
        result.rows.map((r) => r.id),
      )
    : null;
  const data = result.rows.map((row) =>
    items ? { ...toOrder(row), items: (items.get(row.id) ?? []).map((i) => toItem(i, row.currency_exponent)) } : toOrder(row),
  );
  return { result, data };
}

/** An amount as the APIs accept it: a decimal string or a number. */
type Amount = string | number;

/** An order as the admin API records it (amounts as decimals, validated against the currency). */
export interface OrderInput {
  customer_id?: number;
  email?: string;
  first_name?: string;
  last_name?: string;
  status: OrderStatus;
  is_test: boolean;
  channel_id: number;
  currency_code: string;
  subtotal: Amount;
  tax: Amount;
  shipping: Amount;
  total: Amount;
  items: { sku?: string; name: string; quantity: number; price: Amount; total?: Amount }[];
  billing_address?: Record<string, string>;
  shipping_address?: Record<string, string>;
  date_created?: string;
}

/** Writes orders (all or nothing) and answers them with their items, in the given order. */
async function recordOrders(db: D1Database, orders: readonly NewOrder[], actor: Actor): Promise<OrderWithItems[]> {
  const now = isoNow();
  // The last statement of the same transaction reads the ids just written, newest first. A customer
  // deleted between our check and this batch fails the foreign key: 422 reference_gone, nothing written.
  const results = await runBatch<{ id: number }>(db, [...insertOrderStatements(db, orders, actor, now), latestOrderIdsStatement(db, orders.length)]);
  const ids = results[results.length - 1]!.results.map((r) => r.id).reverse();
  // Read them back in two queries, not one per order (D1 caps queries per invocation).
  const [written, items] = await Promise.all([listOrders(db, { ids }, { kind: 'page', page: 1, limit: ids.length }), listOrderItems(db, ids)]);
  const byId = new Map(written.rows.map((row) => [row.id, row]));
  return ids.map((id) => {
    const row = byId.get(id)!;
    return { ...toOrder(row), items: (items.get(id) ?? []).map((i) => toItem(i, row.currency_exponent)) };
  });
}

/**
 * Records orders from the admin API: amounts must fit the currency's precision; a customer's order
 * copies their email and names unless given; `customer_id` 0 or absent is a guest order.
 */
export async function createOrders(db: D1Database, input: readonly OrderInput[], actor: Actor): Promise<OrderWithItems[]> {
  const errors: FieldErrors = {};
  const owners = await getOrderOwners(db, [...new Set(input.map((o) => o.customer_id ?? 0).filter((id) => id > 0))]);
  const orders = input.map((o, i): NewOrder => {
    const exponent = currencyExponent(o.currency_code);
    const minor = (value: Amount, field: string) => {
      const m = toMinor(value, exponent);
      if (m === null) errors[`${i}.${field}`] = fieldError('invalid_value', `Expected a non-negative amount with at most ${exponent} decimals`);
      return m ?? 0;
    };
    const customerId = o.customer_id && o.customer_id > 0 ? o.customer_id : null;
    const owner = customerId !== null ? owners.get(customerId) : undefined;
    if (customerId !== null && !owner) errors[`${i}.customer_id`] = fieldError('not_found', `Customer ${customerId} does not exist`);
    return {
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
      date_created: o.date_created ? toIso(new Date(o.date_created)) : isoNow(),
      items: o.items.map((it, k) => {
        const price = minor(it.price, `items.${k}.price`);
        const total = it.total !== undefined ? minor(it.total, `items.${k}.total`) : price * it.quantity;
        if (!Number.isSafeInteger(total)) errors[`${i}.items.${k}.total`] = fieldError('too_large', 'Amount too large');
        return { sku: it.sku ?? '', name: it.name, quantity: it.quantity, price_minor: price, total_minor: total };
      }),
    };
  });
  throwIfInvalid(errors);
  return recordOrders(db, orders, actor);
}

/**
 * A test order (`is_test`, awaiting fulfillment) for the demo storefront: for the signed-in shopper, or
 * a guest order for `email`. Totals are computed from the items, so the demo cannot record
 * inconsistent amounts.
 */
export async function recordTestOrder(
  db: D1Database,
  owner: LiveShopper | null,
  body: { email?: string; currency_code: string; shipping: Amount; items: { sku: string; name: string; quantity: number; price: Amount }[] },
): Promise<OrderWithItems> {
  if (!owner && !body.email)
    throw new ApiError('validation_failed', { errors: { email: fieldError('required', 'A guest order needs an email (or sign in)') } });
  const exponent = currencyExponent(body.currency_code);
  const errors: FieldErrors = {};
  const minor = (value: Amount, field: string) => {
    const m = toMinor(value, exponent);
    if (m === null) errors[field] = fieldError('invalid_value', `Expected a non-negative amount with at most ${exponent} decimals`);
    return m ?? 0;
  };
  const items = body.items.map((it, k) => {
    const price_minor = minor(it.price, `items.${k}.price`);
    return { sku: it.sku, name: it.name, quantity: it.quantity, price_minor, total_minor: price_minor * it.quantity };
  });
  const shipping_minor = minor(body.shipping, 'shipping');
  throwIfInvalid(errors);
  const subtotal_minor = items.reduce((sum, it) => sum + it.total_minor, 0);
  const order: NewOrder = {
    customer_id: owner?.id ?? null,
    email: owner?.email ?? body.email!,
    first_name: owner?.profile.first_name ?? '',
    last_name: owner?.profile.last_name ?? '',
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
    date_created: isoNow(),
    items,
  };
  const actor: Actor = owner ? shopperActor(owner) : { type: 'system', name: 'Demo store' };
  const [recorded] = await recordOrders(db, [order], actor);
  return recorded!;
}

/** Links an order to a customer (moving it from another one, or from guest), on both timelines. */
export async function linkOrder(db: D1Database, id: number, customerId: number, actor: Actor): Promise<OrderWithItems> {
  const [order, owners] = await Promise.all([getOrderWithItems(db, id), getOrderOwners(db, [customerId])]);
  if (!owners.has(customerId)) {
    throw new ApiError('validation_failed', { errors: { customer_id: fieldError('not_found', `Customer ${customerId} does not exist`) } });
  }
  if (order.customer_id === customerId) return order;
  await runBatch(db, [
    ...setOrderCustomerStatements(db, id, customerId, order.is_guest ? null : order.customer_id, actor),
    customerEvent(db, 'store/customer/order_linked', orderLinkIds(customerId, id)),
  ]);
  return getOrderWithItems(db, id);
}

/** Makes an order a guest order again (nothing to do for one that is). */
export async function unlinkOrder(db: D1Database, id: number, actor: Actor): Promise<void> {
  const order = await getOrderWithItems(db, id);
  if (order.is_guest) return;
  await runBatch(db, setOrderCustomerStatements(db, id, null, order.customer_id, actor));
}
