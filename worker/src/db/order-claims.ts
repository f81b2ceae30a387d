// SQL for claiming guest orders: a shopper whose email is verified claims the guest orders placed with
// it at once; an unverified one (API callers) confirms a code mailed to the account's email first. The
// rules (TTL, attempts, limits, which email counts) are accounts/order-claims.ts's; they are bound here
// into the statements, so a limit also holds against concurrent requests.
import { addSeconds, isoNow } from '../time';
import type { Actor } from './timeline';

export interface ClaimCodeRow {
  id: number;
  email: string;
  code_hash: string;
}

/** How many codes an email may be sent per window: `perHour` in the last hour and `perDay` in the last 24 hours. */
export interface ClaimCodeLimits {
  perHour: number;
  perDay: number;
}

/**
 * Statements storing a new code for the customer, only while the email is within `limits` (counted by
 * email over every code ever sent to it, the deleted accounts' too). The first answers the new id
 * (`RETURNING id`): no row means over the limit, and then nothing changed. The second retires every
 * older code of the customer once a new one exists (a new code replaces the earlier one); the third
 * deletes codes older than a day.
 */
export function insertClaimCodeStatements(
  db: D1Database,
  c: { customerId: number; email: string; codeHash: string; ttlSeconds: number; limits: ClaimCodeLimits },
  now = isoNow(),
): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `INSERT INTO order_claim_codes (customer_id, email, code_hash, expires_at, date_created)
         SELECT ?1, ?2, ?3, ?4, ?5
         WHERE (SELECT count(*) FROM order_claim_codes WHERE email = ?2 AND date_created > ?6) < ?7
           AND (SELECT count(*) FROM order_claim_codes WHERE email = ?2 AND date_created > ?8) < ?9
         RETURNING id`,
      )
      .bind(
        c.customerId,
        c.email.toLowerCase(),
        c.codeHash,
        addSeconds(now, c.ttlSeconds),
        now,
        addSeconds(now, -3600),
        c.limits.perHour,
        addSeconds(now, -86_400),
        c.limits.perDay,
      ),
    db
      .prepare(
        `UPDATE order_claim_codes SET used_at = ?2
         WHERE customer_id = ?1 AND used_at IS NULL AND id < (SELECT max(id) FROM order_claim_codes WHERE customer_id = ?1)`,
      )
      .bind(c.customerId, now),
    // Codes older than the daily window count for nothing (and expired long ago): they go, with the
    // email of a deleted account they may still name.
    db.prepare('DELETE FROM order_claim_codes WHERE date_created < ?1').bind(addSeconds(now, -86_400)),
  ];
}

/**
 * Seconds until the email may be sent another code: until the oldest code inside a full window leaves
 * it (the day's window when both are full). At least 1.
 */
export async function getClaimCodeRetryAfter(db: D1Database, email: string, limits: ClaimCodeLimits, now = isoNow()): Promise<number> {
  const { results } = await db
    .prepare(`SELECT date_created FROM order_claim_codes WHERE email = ?1 AND date_created > ?2 ORDER BY date_created DESC, id DESC LIMIT ?3`)
    .bind(email.toLowerCase(), addSeconds(now, -86_400), limits.perDay)
    .all<{ date_created: string }>();
  const nowMs = Date.parse(now);
  const seconds = (iso: string, window: number) => Math.ceil((Date.parse(iso) + window * 1000 - nowMs) / 1000);
  const lastHour = results.filter((r) => r.date_created > addSeconds(now, -3600));
  let wait = 1;
  if (results.length >= limits.perDay) wait = Math.max(wait, seconds(results[limits.perDay - 1]!.date_created, 86_400));
  if (lastHour.length >= limits.perHour) wait = Math.max(wait, seconds(lastHour[limits.perHour - 1]!.date_created, 3600));
  return wait;
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

/** Marks a code used (it attached the orders it was for). */
export function useClaimCodeStatement(db: D1Database, codeId: number, now = isoNow()): D1PreparedStatement {
  return db.prepare('UPDATE order_claim_codes SET used_at = ?2 WHERE id = ?1').bind(codeId, now);
}

/**
 * Statements attaching the guest orders of `email` (any case; erased orders never) to the customer,
 * with an `orders_claimed` timeline entry when there were any (written first: it reads the very rows
 * the UPDATE then moves, in the same transaction). The second answers the attached ids (`RETURNING id`).
 */
export function claimGuestOrdersStatements(db: D1Database, customerId: number, email: string, actor: Actor, now = isoNow()): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `INSERT INTO timeline_events (customer_id, type, detail, actor_type, actor_name, date_created)
         SELECT ?1, 'orders_claimed', json_object('order_ids', json_group_array(id)), ?3, ?4, ?5
         FROM (SELECT id FROM orders WHERE customer_id IS NULL AND anonymized = 0 AND email = ?2 ORDER BY id) HAVING count(*) > 0`,
      )
      .bind(customerId, email, actor.type, actor.name, now),
    db
      .prepare('UPDATE orders SET customer_id = ?1, date_modified = ?3 WHERE customer_id IS NULL AND anonymized = 0 AND email = ?2 RETURNING id')
      .bind(customerId, email, now),
  ];
}

/** How many guest orders (not erased) were placed with `email`, in any case. */
export async function countClaimableOrdersOf(db: D1Database, customerId: number): Promise<number> {
  const row = await db
    .prepare(
      `SELECT count(*) AS n FROM orders WHERE customer_id IS NULL AND anonymized = 0
         AND email = (SELECT email FROM customers WHERE id = ?1 AND email_verified_at IS NOT NULL)`,
    )
    .bind(customerId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}
