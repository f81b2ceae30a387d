// SQL for refresh sessions: one row per refresh token (stored as its SHA-256), grouped in families (one
// per sign-in). A token row is claimed by one atomic UPDATE … RETURNING (D1 serialises writes), so of
// many concurrent refreshes with the same token exactly one wins; the claim, the successor and its
// profile are one batch (one round trip). Builders only, apart from one read
// (findLiveRefreshCustomer).
import { isoNow } from '../time';

/** A claimed (just rotated) token with what the successor's access token needs of its customer. */
/** What a refresh needs of the token it claimed (the first statement of rotateRefreshTokenStatements). */
export interface ClaimedRefresh {
  family_id: string;
  /** When the family signed in (Unix seconds); null for sessions from before migration 0008. */
  auth_time: number | null;
}

/** The successor a refresh stored (the second statement of rotateRefreshTokenStatements): its expiry. */
export interface StoredSuccessor {
  expires_at: string;
}

export interface NewRefreshSession {
  tokenHash: string;
  familyId: string;
  customerId: number;
  expiresAt: string;
  familyExpiresAt: string;
  userAgent: string;
  ip: string;
  /** The token_version the session's access token carries: stored only while the customer still has it. */
  tokenVersion?: number;
  /** When the family signed in (Unix seconds), kept across rotations for the access tokens' `auth_time`. */
  authTime?: number;
}

/**
 * Stores the refresh token of a new session (a rotation is rotateRefreshTokenStatements). `tokenVersion`
 * makes the insert conditional on the customer still having that version: a log-out-everywhere or
 * password change that lands between the caller's read and this insert must not be outlived by the new
 * token (0 rows changed → the caller refuses). A customer erased meanwhile has no version either, so this
 * insert never fails on the foreign key when `tokenVersion` is given.
 */
export function insertRefreshSessionStatement(db: D1Database, s: NewRefreshSession, now = isoNow()): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO refresh_sessions (token_hash, family_id, customer_id, expires_at, family_expires_at, user_agent, ip_address, date_created, auth_time)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?10
       WHERE ?9 IS NULL OR EXISTS (SELECT 1 FROM customers WHERE id = ?3 AND token_version = ?9)`,
    )
    .bind(
      s.tokenHash,
      s.familyId,
      s.customerId,
      s.expiresAt,
      s.familyExpiresAt,
      s.userAgent.slice(0, 300),
      s.ip,
      now,
      s.tokenVersion ?? null,
      s.authTime ?? null,
    );
}

/**
 * A refresh in one round trip: marks the live token `tokenHash` rotated *to* `successorHash` (so exactly
 * one of concurrent claims wins, and only the winner's successor is stored) and returns its family; then
 * stores the successor, in the same family, only when that claim won and the customer (still there) is
 * not held to a password reset, and returns its expiry (the idle time, never beyond the family's end). Run the two in one batch (with the successor's profile,
 * db/customers.ts liveShopperOfRefreshTokenStatements): a revocation lands before or after the whole
 * batch, never between the claim and the insert.
 */
export function rotateRefreshTokenStatements(
  db: D1Database,
  r: { tokenHash: string; successorHash: string; idleExpiresAt: string; userAgent: string; ip: string },
  now = isoNow(),
): [claim: D1PreparedStatement, successor: D1PreparedStatement] {
  return [
    db
      .prepare(
        `UPDATE refresh_sessions SET rotated_at = ?2, rotated_to = ?3
         WHERE token_hash = ?1 AND rotated_at IS NULL AND revoked_at IS NULL AND expires_at > ?2 AND family_expires_at > ?2
         RETURNING family_id, auth_time`,
      )
      .bind(r.tokenHash, now, r.successorHash),
    db
      .prepare(
        // A refresh token lives for the idle time, never beyond its family's absolute end (ISO texts compare as times).
        `INSERT INTO refresh_sessions (token_hash, family_id, customer_id, expires_at, family_expires_at, user_agent, ip_address, date_created, auth_time)
         SELECT ?2, r.family_id, r.customer_id, min(?3, r.family_expires_at), r.family_expires_at, ?4, ?5, ?6, r.auth_time
         FROM refresh_sessions r JOIN customers c ON c.id = r.customer_id
         WHERE r.token_hash = ?1 AND r.rotated_to = ?2 AND c.force_password_reset = 0
         RETURNING expires_at`,
      )
      .bind(r.tokenHash, r.successorHash, r.idleExpiresAt, r.userAgent.slice(0, 300), r.ip, now),
  ];
}

/**
 * Ends the family of a presented token, found by its hash: with `rotatedOnly` (the default) only when
 * that token was already rotated, i.e. presented again after its successor was issued (a replay).
 */
export function revokeFamilyOfTokenStatement(db: D1Database, tokenHash: string, { rotatedOnly = true } = {}, now = isoNow()): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE refresh_sessions SET revoked_at = ?2
       WHERE revoked_at IS NULL AND family_id = (SELECT family_id FROM refresh_sessions WHERE token_hash = ?1 AND (?3 = 0 OR rotated_at IS NOT NULL))`,
    )
    .bind(tokenHash, now, rotatedOnly ? 1 : 0);
}

/** The customer of a live refresh token (not rotated, revoked or expired), without touching the row. */
export async function findLiveRefreshCustomer(db: D1Database, tokenHash: string, now = isoNow()): Promise<number | null> {
  const row = await db
    .prepare(
      `SELECT customer_id FROM refresh_sessions
       WHERE token_hash = ?1 AND rotated_at IS NULL AND revoked_at IS NULL AND expires_at > ?2 AND family_expires_at > ?2`,
    )
    .bind(tokenHash, now)
    .first<{ customer_id: number }>();
  return row?.customer_id ?? null;
}

/** Ends one family (log out on this device; a replayed rotated token). */
export function revokeFamilyStatement(db: D1Database, familyId: string, now = isoNow()): D1PreparedStatement {
  return db.prepare('UPDATE refresh_sessions SET revoked_at = ?2 WHERE family_id = ?1 AND revoked_at IS NULL').bind(familyId, now);
}

/** Ends every family of a customer (log out everywhere, password change or reset, forced reset). */
export function revokeSessionsStatement(db: D1Database, customerId: number, now = isoNow()): D1PreparedStatement {
  return db.prepare('UPDATE refresh_sessions SET revoked_at = ?2 WHERE customer_id = ?1 AND revoked_at IS NULL').bind(customerId, now);
}
