// SQL for single sign-on: single-use SSO token ids (jti) and the read-only session lookups the SSO
// routes need. Nothing here rotates or revokes a refresh token: reading the current customer must not
// disturb the shopper's session (rotation belongs to /storefront/session/refresh alone).
import { isoNow } from '../time';

/**
 * Records a jti as used. The (client_id, jti) primary key makes this the atomic gate: of two
 * concurrent requests with the same token exactly one inserts. False when it was used before.
 * `purge` also deletes expired rows in the same batch (done occasionally, so the table stays small).
 */
export async function useJti(
  db: D1Database,
  jti: { clientId: string; jti: string; expiresAt: string },
  options: { purge?: boolean; now?: string } = {},
): Promise<boolean> {
  const now = options.now ?? isoNow();
  const insert = db
    .prepare('INSERT INTO sso_used_jti (jti, client_id, expires_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING')
    .bind(jti.jti, jti.clientId, jti.expiresAt);
  if (!options.purge) return (await insert.run()).meta.changes === 1;
  const [, inserted] = await db.batch([purgeExpiredJtis(db, now), insert]);
  return inserted!.meta.changes === 1;
}

/** Deletes jti rows whose tokens could no longer pass the freshness check anyway. */
export function purgeExpiredJtis(db: D1Database, now = isoNow()): D1PreparedStatement {
  return db.prepare('DELETE FROM sso_used_jti WHERE expires_at < ?1').bind(now);
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

/** What SSO needs of a customer: identity, session version, group, channels, and whether they may sign in. */
export async function getSsoCustomer(
  db: D1Database,
  id: number,
): Promise<{ id: number; email: string; token_version: number; customer_group_id: number | null; force_password_reset: number; channel_ids: string } | null> {
  return db
    .prepare('SELECT id, email, token_version, customer_group_id, force_password_reset, channel_ids FROM customers WHERE id = ?1')
    .bind(id)
    .first();
}
