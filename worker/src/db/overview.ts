// SQL for the customer overview a store cockpit shows: every registered customer once, every guest
// order as its own row, newest last-order day first (the UTC day: orders of one day tie), then last name;
// customers without orders at the end.
// Search matches name or email. Erased (anonymised) orders are not shown as guests. (The customer's own
// timeline is in timeline.ts, the order summary in orders.ts.)
import { containsSql, Where } from './sql';

export interface OverviewRow {
  kind: 'customer' | 'guest_order';
  customer_id: number | null;
  order_id: number | null;
  email: string;
  first_name: string;
  last_name: string;
  last_order_date: string | null;
  order_count: number;
  has_test_order: number;
}

/** `withGuestOrders: false` leaves the guest-order rows out (for tokens without an orders scope). */
export async function listCustomerOverview(
  db: D1Database,
  search: string | undefined,
  page: number,
  limit: number,
  withGuestOrders = true,
): Promise<{ rows: OverviewRow[]; total: number }> {
  const w = new Where();
  const text = search ? w.param(search) : null;
  const customerMatch = text ? `WHERE (${containsSql('c.full_name', text)} OR ${containsSql('c.email', text)})` : '';
  const guestMatch = text ? `AND (${containsSql("(o.first_name || ' ' || o.last_name)", text)} OR ${containsSql('o.email', text)})` : '';
  const union = `
    SELECT 'customer' AS kind, c.id AS customer_id, NULL AS order_id, c.email, c.first_name, c.last_name,
      (SELECT max(o.date_created) FROM orders o WHERE o.customer_id = c.id) AS last_order_date,
      (SELECT count(*) FROM orders o WHERE o.customer_id = c.id) AS order_count,
      EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id AND o.is_test = 1) AS has_test_order
    FROM customers c ${customerMatch}
    ${
      withGuestOrders
        ? `UNION ALL
    SELECT 'guest_order', NULL, o.id, o.email, o.first_name, o.last_name, o.date_created, 1, o.is_test
    FROM orders o WHERE o.customer_id IS NULL AND o.anonymized = 0 ${guestMatch}`
        : ''
    }`;
  const countParams = [...w.params];
  const limitP = w.param(limit);
  const offsetP = w.param((page - 1) * limit);
  const [rows, count] = await db.batch<OverviewRow | { n: number }>([
    db
      .prepare(
        `SELECT * FROM (${union}) ORDER BY last_order_date IS NULL, substr(last_order_date, 1, 10) DESC, last_name COLLATE NOCASE, first_name COLLATE NOCASE, last_order_date DESC, customer_id, order_id
         LIMIT ${limitP} OFFSET ${offsetP}`,
      )
      .bind(...w.params),
    db.prepare(`SELECT count(*) AS n FROM (${union})`).bind(...countParams),
  ]);
  return { rows: rows!.results as OverviewRow[], total: (count!.results[0] as { n: number }).n };
}
