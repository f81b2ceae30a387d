// SQL for claiming guest orders: a code mailed to the account's email must be confirmed before guest
// orders placed with that email are attached — never automatically, never by email match alone. The
// rules (TTL, attempts, which email counts) are accounts/order-claims.ts's; the limits are bound here.
import { addSeconds, isoNow } from '../time';

export interface ClaimCodeRow {
  id: number;
  email: string;
  code_hash: string;
}

/** Statements storing a new code for the customer; a new code replaces any earlier one. */
export function insertClaimCodeStatements(
  db: D1Database,
  customerId: number,
  email: string,
  codeHash: string,
  ttlSeconds: number,
  now = isoNow(),
): D1PreparedStatement[] {
  return [
    db.prepare('UPDATE order_claim_codes SET used_at = ?2 WHERE customer_id = ?1 AND used_at IS NULL').bind(customerId, now),
    db
      .prepare('INSERT INTO order_claim_codes (customer_id, email, code_hash, expires_at, date_created) VALUES (?1, ?2, ?3, ?4, ?5)')
      .bind(customerId, email, codeHash, addSeconds(now, ttlSeconds), now),
  ];
}

/**
 * Counts an attempt on the customer's live code and answers it (`RETURNING id, email, code_hash`);
 * nothing when none is live or `maxAttempts` are used up. The count and the check are one statement,
 * so parallel guesses cannot get more tries than allowed.
 */
export function attemptClaimCodeStatement(db: D1Database, customerId: number, maxAttempts: number, now = isoNow()): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE order_claim_codes SET attempts = attempts + 1
       WHERE id = (SELECT id FROM order_claim_codes WHERE customer_id = ?1 AND used_at IS NULL AND expires_at > ?2 ORDER BY id DESC LIMIT 1)
         AND attempts < ?3
       RETURNING id, email, code_hash`,
    )
    .bind(customerId, now, maxAttempts);
}

/**
 * Statements marking the code used and attaching the guest orders of `email` to the customer, with a
 * timeline entry. The second statement answers the attached ids (`RETURNING id`).
 */
export function claimGuestOrdersStatements(db: D1Database, codeId: number, customerId: number, email: string, now = isoNow()): D1PreparedStatement[] {
  return [
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
  ];
}
