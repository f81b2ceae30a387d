// SQL for password reset tokens: stored as SHA-256 hashes, single use. A token is taken by an atomic
// UPDATE … RETURNING, so two confirmations of one link cannot both pass. Builders only.
import { isoNow } from '../time';

export function insertResetTokenStatement(
  db: D1Database,
  r: { customerId: number; tokenHash: string; expiresAt: string },
  now = isoNow(),
): D1PreparedStatement {
  return db
    .prepare('INSERT INTO password_reset_tokens (token_hash, customer_id, expires_at, date_created) VALUES (?1, ?2, ?3, ?4)')
    .bind(r.tokenHash, r.customerId, r.expiresAt, now);
}

/** A claimed reset token: whose it is, and what the claim saw (to give it back only if nothing changed since). */
export interface ClaimedResetToken {
  customer_id: number;
  email: string;
  used_at: string;
  token_version: number;
  /** When the customer's email was proven (NULL: never); a completed reset proves it. */
  email_verified_at: string | null;
}

/** Marks a live token used; its first row is a ClaimedResetToken, none when unknown, used or expired. */
export function claimResetTokenStatement(db: D1Database, tokenHash: string, now = isoNow()): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE password_reset_tokens SET used_at = ?2 WHERE token_hash = ?1 AND used_at IS NULL AND expires_at > ?2
       RETURNING customer_id, used_at, (SELECT email FROM customers WHERE id = customer_id) AS email,
         (SELECT token_version FROM customers WHERE id = customer_id) AS token_version,
         (SELECT email_verified_at FROM customers WHERE id = customer_id) AS email_verified_at`,
    )
    .bind(tokenHash, now);
}

/**
 * Gives a claimed token back (the new password was refused, so the shopper may try again), only while it
 * is still our claim and nothing that ends reset links happened since: a password change or reset bumps
 * token_version and an email change moves the email (endResetTokensStatement skips a claimed token, so
 * the release itself must not revive a link they ended). A log-out-everywhere meanwhile also keeps it
 * used: rare, and a new link is one request away.
 */
export function releaseResetTokenStatement(db: D1Database, tokenHash: string, claim: ClaimedResetToken): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE password_reset_tokens SET used_at = NULL
       WHERE token_hash = ?1 AND used_at = ?2
         AND EXISTS (SELECT 1 FROM customers WHERE id = customer_id AND token_version = ?3 AND email = ?4)`,
    )
    .bind(tokenHash, claim.used_at, claim.token_version, claim.email);
}

/** Ends every outstanding link of a customer (the password or the email changed). */
export function endResetTokensStatement(db: D1Database, customerId: number, now = isoNow()): D1PreparedStatement {
  return db.prepare('UPDATE password_reset_tokens SET used_at = ?2 WHERE customer_id = ?1 AND used_at IS NULL').bind(customerId, now);
}
