// SQL for refresh sessions. A token row is claimed by one atomic UPDATE (D1 serialises writes), so of
// many concurrent refreshes with the same token exactly one wins.
import { addSeconds, isoNow } from '../time';

export interface RefreshRow {
  id: number;
  family_id: string;
  customer_id: number;
  family_expires_at: string;
}

/**
 * Stores a refresh token. `successorOf` (a rotation) makes the insert conditional on the rotated row
 * still not being revoked: a log-out-everywhere or password change that lands between the claim and
 * this insert must not be outlived by the new token (0 rows changed → the caller refuses).
 */
export function insertRefreshSession(
  db: D1Database,
  s: { tokenHash: string; familyId: string; customerId: number; expiresAt: string; familyExpiresAt: string; userAgent: string; ip: string; successorOf?: number },
  now = isoNow(),
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO refresh_sessions (token_hash, family_id, customer_id, expires_at, family_expires_at, user_agent, ip_address, date_created)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8
       WHERE ?9 IS NULL OR EXISTS (SELECT 1 FROM refresh_sessions WHERE id = ?9 AND revoked_at IS NULL)`,
    )
    .bind(s.tokenHash, s.familyId, s.customerId, s.expiresAt, s.familyExpiresAt, s.userAgent.slice(0, 300), s.ip, now, s.successorOf ?? null);
}

/** Marks a live token rotated and returns it; null when it is unknown, expired, revoked or already rotated. */
export async function claimRefreshToken(db: D1Database, tokenHash: string, now = isoNow()): Promise<RefreshRow | null> {
  return db
    .prepare(
      `UPDATE refresh_sessions SET rotated_at = ?2
       WHERE token_hash = ?1 AND rotated_at IS NULL AND revoked_at IS NULL AND expires_at > ?2 AND family_expires_at > ?2
       RETURNING id, family_id, customer_id, family_expires_at`,
    )
    .bind(tokenHash, now)
    .first<RefreshRow>();
}

export async function findRefreshToken(db: D1Database, tokenHash: string): Promise<{ family_id: string; rotated_at: string | null; customer_id: number } | null> {
  return db.prepare('SELECT family_id, rotated_at, customer_id FROM refresh_sessions WHERE token_hash = ?1').bind(tokenHash).first();
}

export function revokeFamily(db: D1Database, familyId: string, now = isoNow()): D1PreparedStatement {
  return db.prepare('UPDATE refresh_sessions SET revoked_at = ?2 WHERE family_id = ?1 AND revoked_at IS NULL').bind(familyId, now);
}

export function revokeAllForCustomer(db: D1Database, customerId: number, now = isoNow()): D1PreparedStatement {
  return db.prepare('UPDATE refresh_sessions SET revoked_at = ?2 WHERE customer_id = ?1 AND revoked_at IS NULL').bind(customerId, now);
}

export function expiryFor(now: string, idleSeconds: number, familyExpiresAt: string): string {
  const idle = addSeconds(now, idleSeconds);
  return idle < familyExpiresAt ? idle : familyExpiresAt;
}
