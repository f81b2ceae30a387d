// SQL for orders and their items: recording (batched, all or nothing), lists with filters, linking
// guest orders to accounts, per-customer totals. Amounts are integer minor units; the API shapes
// (decimal strings) are accounts/orders.ts's.
import { listRows, type ListResult } from './list';
import { type DateRange, type Paging, Where } from './sql';
import { type Actor, customerIdRef, insertTimelineEventStatement } from './timeline';
import { fromMinor } from '../shared/money';
import { isoNow } from '../time';

/** An orders row as read (flags 0/1, addresses as JSON) with its item count and the list's sort column. */
export type OrderRow = Omit<NewOrder, 'is_test' | 'billing_address' | 'shipping_address' | 'items'> & {
  id: number;
  is_test: number;
  billing_address: string;
  shipping_address: string;
  anonymized: number;
  item_count: number;
  date_modified: string;
  sort_value: string | number;
};

export interface OrderItemRow {
  id: number;
  order_id: number;
  sku: string;
  name: string;
  quantity: number;
  price_minor: number;
  total_minor: number;
}

const ORDER_COLUMNS = `o.id, o.customer_id, o.email, o.first_name, o.last_name, o.status, o.is_test, o.channel_id, o.currency_code,
  o.currency_exponent, o.subtotal_minor, o.tax_minor, o.shipping_minor, o.total_minor, o.billing_address, o.shipping_address,
  o.anonymized, o.date_created, o.date_modified,
  (SELECT coalesce(sum(quantity), 0) FROM order_items i WHERE i.order_id = o.id) AS item_count`;

export interface OrderFilter {
  ids?: number[];
  customerIds?: number[];
  emails?: string[];
  isGuest?: boolean;
  statuses?: string[];
  isTest?: boolean;
  dateCreated?: DateRange;
}

function orderWhere(f: OrderFilter): Where {
  const w = new Where();
  w.in('o.id', f.ids).in('o.email', f.emails).in('o.status', f.statuses);
  if (f.customerIds?.length) {
    // customer_id 0 is how guest orders are shown, so 0 in the filter means guests.
    const real = f.customerIds.filter((id) => id !== 0);
    const parts: string[] = [];
    if (real.length) parts.push(`o.customer_id IN (SELECT value FROM json_each(${w.param(JSON.stringify(real))}))`);
    if (f.customerIds.includes(0)) parts.push('o.customer_id IS NULL');
    w.add(parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`);
  }
  if (f.isGuest !== undefined) w.add(f.isGuest ? 'o.customer_id IS NULL' : 'o.customer_id IS NOT NULL');
  if (f.isTest !== undefined) w.add(`o.is_test = ${w.param(f.isTest ? 1 : 0)}`);
  w.range('o.date_created', f.dateCreated);
  return w;
}

/** Orders newest first (date, then id). */
export function listOrders(db: D1Database, filter: OrderFilter, paging: Paging): Promise<ListResult<OrderRow>> {
  return listRows<OrderRow>(db, {
    from: 'orders o',
    select: `${ORDER_COLUMNS}, o.date_created AS sort_value`,
    idColumn: 'o.id',
    sortColumn: 'o.date_created',
    direction: 'desc',
    where: orderWhere(filter),
    paging,
  });
}

/** One order (of `customerId` only, when given) and its items, in one round trip; null when there is none. */
export async function findOrder(db: D1Database, id: number, customerId?: number): Promise<{ row: OrderRow; items: OrderItemRow[] } | null> {
  const [order, items] = await db.batch<OrderRow | OrderItemRow>([
    customerId === undefined
      ? db.prepare(`SELECT ${ORDER_COLUMNS}, o.id AS sort_value FROM orders o WHERE o.id = ?1`).bind(id)
      : db.prepare(`SELECT ${ORDER_COLUMNS}, o.id AS sort_value FROM orders o WHERE o.id = ?1 AND o.customer_id = ?2`).bind(id, customerId),
    db.prepare('SELECT * FROM order_items WHERE order_id = ?1 ORDER BY id').bind(id),
  ]);
  const row = order!.results[0] as OrderRow | undefined;
  return row ? { row, items: items!.results as OrderItemRow[] } : null;
}

/** The items of `orderIds`, by order. */
export async function listOrderItems(db: D1Database, orderIds: readonly number[]): Promise<Map<number, OrderItemRow[]>> {
  const map = new Map<number, OrderItemRow[]>();
  if (!orderIds.length) return map;
  const { results } = await db
    .prepare('SELECT * FROM order_items WHERE order_id IN (SELECT value FROM json_each(?1)) ORDER BY id')
    .bind(JSON.stringify(orderIds))
    .all<OrderItemRow>();
  for (const item of results) map.set(item.order_id, [...(map.get(item.order_id) ?? []), item]);
  return map;
}

/** Which of `ids` are orders. */
export async function getExistingOrderIds(db: D1Database, ids: readonly number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const { results } = await db
    .prepare('SELECT id FROM orders WHERE id IN (SELECT value FROM json_each(?1))')
    .bind(JSON.stringify(ids))
    .all<{ id: number }>();
  return new Set(results.map((r) => r.id));
}

/** Who orders are recorded for: the customers among `customerIds` with the contact details an order copies. */
export async function getOrderOwners(
  db: D1Database,
  customerIds: readonly number[],
): Promise<Map<number, { id: number; email: string; first_name: string; last_name: string }>> {
  if (!customerIds.length) return new Map();
  const { results } = await db
    .prepare('SELECT id, email, first_name, last_name FROM customers WHERE id IN (SELECT value FROM json_each(?1))')
    .bind(JSON.stringify(customerIds))
    .all<{ id: number; email: string; first_name: string; last_name: string }>();
  return new Map(results.map((r) => [r.id, r]));
}

export interface NewOrder {
  customer_id: number | null;
  email: string;
  first_name: string;
  last_name: string;
  status: string;
  is_test: boolean;
  channel_id: number;
  currency_code: string;
  currency_exponent: number;
  subtotal_minor: number;
  tax_minor: number;
  shipping_minor: number;
  total_minor: number;
  billing_address: Record<string, string>;
  shipping_address: Record<string, string>;
  date_created: string;
  items: { sku: string; name: string; quantity: number; price_minor: number; total_minor: number }[];
}

/**
 * Statements recording orders with their items, in one batch. A D1 batch is one transaction on a
 * single-writer database, so right after an order's INSERT, `max(id)` is that order: its items and
 * timeline entry use it without a round trip.
 */
export function insertOrderStatements(db: D1Database, orders: readonly NewOrder[], actor: Actor, now = isoNow()): D1PreparedStatement[] {
  const stmts: D1PreparedStatement[] = [];
  for (const o of orders) {
    stmts.push(
      db
        .prepare(
          `INSERT INTO orders (customer_id, email, first_name, last_name, status, is_test, channel_id, currency_code, currency_exponent,
             subtotal_minor, tax_minor, shipping_minor, total_minor, billing_address, shipping_address, date_created, date_modified)
           VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)`,
        )
        .bind(
          o.customer_id,
          o.email,
          o.first_name,
          o.last_name,
          o.status,
          o.is_test ? 1 : 0,
          o.channel_id,
          o.currency_code,
          o.currency_exponent,
          o.subtotal_minor,
          o.tax_minor,
          o.shipping_minor,
          o.total_minor,
          JSON.stringify(o.billing_address),
          JSON.stringify(o.shipping_address),
          o.date_created,
          now,
        ),
    );
    if (o.items.length) {
      stmts.push(
        db
          .prepare(
            `INSERT INTO order_items (order_id, sku, name, quantity, price_minor, total_minor)
             SELECT (SELECT max(id) FROM orders), j.value ->> 'sku', j.value ->> 'name', j.value ->> 'quantity', j.value ->> 'price_minor', j.value ->> 'total_minor'
             FROM json_each(?1) j ORDER BY j.key`,
          )
          .bind(JSON.stringify(o.items)),
      );
    }
    if (o.customer_id !== null) {
      // The id is known only inside the batch: max(id) right after the order's INSERT (see above).
      stmts.push(
        db
          .prepare(
            `INSERT INTO timeline_events (customer_id, type, detail, actor_type, actor_name, date_created)
             SELECT ?1, 'order_placed', json_object('order_id', max(id), 'total', ?2, 'currency_code', ?3), ?4, ?5, ?6 FROM orders`,
          )
          .bind(o.customer_id, fromMinor(o.total_minor, o.currency_exponent), o.currency_code, actor.type, actor.name, now),
      );
    }
  }
  return stmts;
}

/**
 * For the end of a batch of insertOrderStatements: the ids just written, newest first (one
 * transaction on a single writer, so the newest `count` ids are this batch's).
 */
export function latestOrderIdsStatement(db: D1Database, count: number): D1PreparedStatement {
  return db.prepare('SELECT id FROM orders ORDER BY id DESC LIMIT ?1').bind(count);
}

/** Links a guest order to a customer (or unlinks it) and puts it on the customer's timeline. */
export function setOrderCustomerStatements(
  db: D1Database,
  orderId: number,
  customerId: number | null,
  previousCustomerId: number | null,
  actor: Actor,
  now = isoNow(),
): D1PreparedStatement[] {
  const stmts = [db.prepare('UPDATE orders SET customer_id = ?2, date_modified = ?3 WHERE id = ?1').bind(orderId, customerId, now)];
  if (previousCustomerId !== null)
    stmts.push(insertTimelineEventStatement(db, customerIdRef(previousCustomerId), 'order_unlinked', actor, { order_id: orderId }, now));
  if (customerId !== null) stmts.push(insertTimelineEventStatement(db, customerIdRef(customerId), 'order_linked', actor, { order_id: orderId }, now));
  return stmts;
}

export interface OrderTotalsRow {
  currency_code: string;
  currency_exponent: number;
  /** Orders in this currency. */
  n: number;
  /** Sum of their totals, minor units. */
  total: number;
}

/**
 * A customer's totals per currency (most orders first) and their latest `lastN` orders, in one round
 * trip. Every order counts (test, cancelled, refunded too).
 */
export async function getOrderTotals(db: D1Database, customerId: number, lastN = 3): Promise<{ totals: OrderTotalsRow[]; last: OrderRow[] }> {
  const [totals, last] = await db.batch<Record<string, unknown>>([
    db
      .prepare(
        `SELECT currency_code, currency_exponent, count(*) AS n, sum(total_minor) AS total FROM orders WHERE customer_id = ?1
         GROUP BY currency_code, currency_exponent ORDER BY n DESC, currency_code`,
      )
      .bind(customerId),
    db
      .prepare(`SELECT ${ORDER_COLUMNS}, o.id AS sort_value FROM orders o WHERE o.customer_id = ?1 ORDER BY o.date_created DESC, o.id DESC LIMIT ?2`)
      .bind(customerId, lastN),
  ]);
  return { totals: totals!.results as unknown as OrderTotalsRow[], last: last!.results as unknown as OrderRow[] };
}
