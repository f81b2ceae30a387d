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

/** One page of a customer's timeline, newest first. */
export async function customerTimeline(db: D1Database, customerId: number, page: number, limit: number) {
  await requireCustomer(db, customerId);
  const { rows, total } = await listTimelineEvents(db, customerId, page, limit);
  const data = rows.map((r) => ({
    id: r.id,
    type: r.type,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
    actor: { type: r.actor_type, name: r.actor_name },
    date_created: r.date_created,
  }));
  return { data, total };
}

/** Count, totals per currency and the last orders of an existing customer. */
export async function customerOrderSummary(db: D1Database, customerId: number): Promise<OrderSummary & { customer_id: number }> {
  await requireCustomer(db, customerId);
  return { customer_id: customerId, ...(await getOrderSummary(db, customerId)) };
}
