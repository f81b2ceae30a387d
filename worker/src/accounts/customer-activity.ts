// What a store cockpit shows about customers: the overview (every registered customer once and every
// guest order as its own row), a customer's timeline, and a customer's order summary. Guest orders and
// order figures are order data: callers say whether the token may read orders.
import { getExistingCustomerIds } from '../db/customers';
import { listCustomerOverview } from '../db/overview';
import { listTimelineEvents } from '../db/timeline';
import { ApiError } from '../errors';
import { getOrderSummary, type OrderSummary } from './orders';

async function requireCustomer(db: D1Database, id: number) {
  if (!(await getExistingCustomerIds(db, [id])).has(id)) throw new ApiError('customer_not_found');
}

/** One page of the overview; `withGuestOrders: false` leaves the guest-order rows out. */
export async function customerOverview(db: D1Database, q: { search?: string; page: number; limit: number; withGuestOrders: boolean }) {
  const { rows, total } = await listCustomerOverview(db, q.search, q.page, q.limit, q.withGuestOrders);
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
  return { data, total };
}

/** Timeline events that are order data: who ordered what, when, for how much. */
const ORDER_EVENT_TYPES: ReadonlySet<string> = new Set(['order_placed', 'order_linked', 'order_unlinked', 'orders_claimed']);
/** Detail keys that are order data whatever the event (a defence against a new order event type). */
const ORDER_DETAIL_KEYS = ['order_id', 'order_ids', 'total', 'currency_code'];

export interface TimelineEvent {
  id: number;
  type: string;
  detail: Record<string, unknown>;
  actor: { type: string; name: string };
  date_created: string;
  /** Present (true) when the event is order data and the token may not read orders: `detail` is then `{}`. */
  redacted?: true;
}

/**
 * One page of a customer's timeline, newest first. `withOrders: false` (a token without an orders scope)
 * keeps order events in place, with their type, actor and date, but empties their detail (order ids,
 * totals, currency) and marks them `redacted: true`.
 */
export async function customerTimeline(
  db: D1Database,
  customerId: number,
  q: { page: number; limit: number; withOrders: boolean },
): Promise<{ data: TimelineEvent[]; total: number }> {
  await requireCustomer(db, customerId);
  const { rows, total } = await listTimelineEvents(db, customerId, q.page, q.limit);
  const data = rows.map((r): TimelineEvent => {
    const detail = JSON.parse(r.detail) as Record<string, unknown>;
    const event: TimelineEvent = { id: r.id, type: r.type, detail, actor: { type: r.actor_type, name: r.actor_name }, date_created: r.date_created };
    if (!q.withOrders && (ORDER_EVENT_TYPES.has(r.type) || ORDER_DETAIL_KEYS.some((k) => k in detail))) {
      event.detail = {};
      event.redacted = true;
    }
    return event;
  });
  return { data, total };
}

/** Count, totals per currency and the last orders of an existing customer. */
export async function customerOrderSummary(db: D1Database, customerId: number): Promise<OrderSummary & { customer_id: number }> {
  await requireCustomer(db, customerId);
  return { customer_id: customerId, ...(await getOrderSummary(db, customerId)) };
}
