// SQL for the customer timeline: what happened to an account, when, and who did it.
import { isoNow } from '../time';

export interface Actor {
  type: 'shopper' | 'staff' | 'system';
  name: string;
}

export function insertTimelineEvent(
  db: D1Database,
  customerRef: { sql: string; params: unknown[] },
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
