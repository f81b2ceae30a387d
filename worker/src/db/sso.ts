// SQL for Customer Login SSO: single-use token ids (jti). The (client_id, jti) primary key is the atomic
// gate: of two concurrent requests with the same token exactly one inserts. Builders only.
import { isoNow } from '../time';

/** Records a jti as used; 1 row changed the first time, 0 for a replay (ON CONFLICT DO NOTHING). */
export function useJtiStatement(db: D1Database, jti: { clientId: string; jti: string; expiresAt: string }): D1PreparedStatement {
  return db
    .prepare('INSERT INTO sso_used_jti (jti, client_id, expires_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING')
    .bind(jti.jti, jti.clientId, jti.expiresAt);
}

/** Deletes jti rows whose tokens could no longer pass the freshness check anyway. */
export function purgeExpiredJtisStatement(db: D1Database, now = isoNow()): D1PreparedStatement {
  return db.prepare('DELETE FROM sso_used_jti WHERE expires_at < ?1').bind(now);
}
