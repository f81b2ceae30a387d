// SQL for password reset tokens: stored as SHA-256 hashes, single use. A token is taken by an atomic
// UPDATE … RETURNING, so two confirmations of one link cannot both pass. Builders only.
import { isoNow } from '../time';

export function insertResetTokenStatement(db: D1Database, r: { customerId: number; tokenHash: string; expiresAt: string }, now = isoNow()): D1PreparedStatement {
  return db
    .prepare('INSERT INTO password_reset_tokens (token_hash, customer_id, expires_at, date_created) VALUES (?1, ?2, ?3, ?4)')
    .bind(r.tokenHash, r.customerId, r.expiresAt, now);
}

/** Marks a live token used; its first row is `{customer_id, email}`, none when unknown, used or expired. */
export function claimResetTokenStatement(db: D1Database, tokenHash: string, now = isoNow()): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE password_reset_tokens SET used_at = ?2 WHERE token_hash = ?1 AND used_at IS NULL AND expires_at > ?2
       RETURNING customer_id, (SELECT email FROM customers WHERE id = customer_id) AS email`,
    )
    .bind(tokenHash, now);
}

/** Gives a claimed token back (the new password was refused, so the shopper may try again). */
export function releaseResetTokenStatement(db: D1Database, tokenHash: string): D1PreparedStatement {
  return db.prepare('UPDATE password_reset_tokens SET used_at = NULL WHERE token_hash = ?1').bind(tokenHash);
}

/** Ends every outstanding link of a customer (the password or the email changed). */
export function endResetTokensStatement(db: D1Database, customerId: number, now = isoNow()): D1PreparedStatement {
  return db.prepare('UPDATE password_reset_tokens SET used_at = ?2 WHERE customer_id = ?1 AND used_at IS NULL').bind(customerId, now);
}
