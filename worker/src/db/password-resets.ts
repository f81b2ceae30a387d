// SQL for password reset tokens (stored as SHA-256 hashes; single use).
import { addSeconds, isoNow } from '../time';

export async function insertResetToken(db: D1Database, customerId: number, tokenHash: string, ttlSeconds: number): Promise<void> {
  const now = isoNow();
  await db
    .prepare('INSERT INTO password_reset_tokens (token_hash, customer_id, expires_at, date_created) VALUES (?1, ?2, ?3, ?4)')
    .bind(tokenHash, customerId, addSeconds(now, ttlSeconds), now)
    .run();
}

/** Marks a live token used and returns its customer; null when unknown, used or expired. Atomic. */
export async function consumeResetToken(db: D1Database, tokenHash: string): Promise<{ customer_id: number; email: string } | null> {
  const now = isoNow();
  return db
    .prepare(
      `UPDATE password_reset_tokens SET used_at = ?2 WHERE token_hash = ?1 AND used_at IS NULL AND expires_at > ?2
       RETURNING customer_id, (SELECT email FROM customers WHERE id = customer_id) AS email`,
    )
    .bind(tokenHash, now)
    .first();
}
