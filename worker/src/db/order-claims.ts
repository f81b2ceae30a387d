// SQL for claiming guest orders: a code mailed to the account's email must be confirmed before guest
// orders placed with that email are attached — never automatically, never by email match alone.
import { addSeconds, isoNow } from '../time';

export const CLAIM_CODE_TTL_SECONDS = 15 * 60;
export const MAX_CLAIM_ATTEMPTS = 5;

export async function insertClaimCode(db: D1Database, customerId: number, email: string, codeHash: string): Promise<void> {
  const now = isoNow();
  await db.batch([
    // A new code replaces any earlier one.
    db.prepare('UPDATE order_claim_codes SET used_at = ?2 WHERE customer_id = ?1 AND used_at IS NULL').bind(customerId, now),
    db
      .prepare('INSERT INTO order_claim_codes (customer_id, email, code_hash, expires_at, date_created) VALUES (?1, ?2, ?3, ?4, ?5)')
      .bind(customerId, email, codeHash, addSeconds(now, CLAIM_CODE_TTL_SECONDS), now),
  ]);
}

/** Counts an attempt on the live code and returns it; null when none is live or attempts are used up. */
export async function attemptClaimCode(db: D1Database, customerId: number): Promise<{ id: number; email: string; code_hash: string } | null> {
  return db
    .prepare(
      `UPDATE order_claim_codes SET attempts = attempts + 1
       WHERE id = (SELECT id FROM order_claim_codes WHERE customer_id = ?1 AND used_at IS NULL AND expires_at > ?2 ORDER BY id DESC LIMIT 1)
         AND attempts < ?3
       RETURNING id, email, code_hash`,
    )
    .bind(customerId, isoNow(), MAX_CLAIM_ATTEMPTS)
    .first();
}

/** Marks the code used and attaches the guest orders of `email` to the customer, with a timeline entry. */
export async function claimGuestOrders(db: D1Database, codeId: number, customerId: number, email: string): Promise<number[]> {
  const now = isoNow();
  const results = await db.batch<{ id: number }>([
    db.prepare('UPDATE order_claim_codes SET used_at = ?2 WHERE id = ?1').bind(codeId, now),
    db
      .prepare('UPDATE orders SET customer_id = ?1, date_modified = ?3 WHERE customer_id IS NULL AND anonymized = 0 AND email = ?2 RETURNING id')
      .bind(customerId, email, now),
    db
      .prepare(
        `INSERT INTO timeline_events (customer_id, type, detail, actor_type, actor_name, date_created)
         SELECT ?1, 'orders_claimed', json_object('order_ids', json_group_array(id)), 'shopper', ?2, ?3 FROM orders
         WHERE customer_id = ?1 AND date_modified = ?3 AND email = ?2 HAVING count(*) > 0`,
      )
      .bind(customerId, email, now),
  ]);
  return results[1]!.results.map((r) => r.id).sort((a, b) => a - b);
}
