// SQL for the customer timeline: what happened to an account, when, and who did it. Events are written
// in the same batch as the change they record (statement builders here), read newest first.
import { isoNow } from '../time';

export interface Actor {
  type: 'shopper' | 'staff' | 'system';
  name: string;
}

/** SQL yielding a customer id: a placeholder with its parameter, or a subquery (a customer inserted earlier in the batch). */
export interface CustomerRef {
  sql: string;
  params: unknown[];
}

/** The ref of a known customer id. */
export function customerIdRef(customerId: number): CustomerRef {
  return { sql: '?1', params: [customerId] };
}

export function insertTimelineEventStatement(
  db: D1Database,
  customerRef: CustomerRef,
  type: string,
  actor: Actor,
  detail: Record<string, unknown> = {},
  now = isoNow(),
): D1PreparedStatement {
  const n = customerRef.params.length;
  return db
    .prepare(
      `INSERT INTO timeline_events (customer_id, type, detail, actor_type, actor_name, date_created)
       VALUES (${customerRef.sql}, ?${n + 1}, ?${n + 2}, ?${n + 3}, ?${n + 4}, ?${n + 5})`,
    )
    .bind(...customerRef.params, type, JSON.stringify(detail), actor.type, actor.name, now);
}

export interface TimelineRow {
  id: number;
  type: string;
  detail: string;
  actor_type: string;
  actor_name: string;
  date_created: string;
}

/** One page of a customer's events, newest first, with the total. One round trip. */
export async function listTimelineEvents(
  db: D1Database,
  customerId: number,
  page: number,
  limit: number,
): Promise<{ rows: TimelineRow[]; total: number }> {
  const [rows, count] = await db.batch<TimelineRow | { n: number }>([
    db
      .prepare(
        'SELECT id, type, detail, actor_type, actor_name, date_created FROM timeline_events WHERE customer_id = ?1 ORDER BY date_created DESC, id DESC LIMIT ?2 OFFSET ?3',
      )
      .bind(customerId, limit, (page - 1) * limit),
    db.prepare('SELECT count(*) AS n FROM timeline_events WHERE customer_id = ?1').bind(customerId),
  ]);
  return { rows: rows!.results as TimelineRow[], total: (count!.results[0] as { n: number }).n };
}
