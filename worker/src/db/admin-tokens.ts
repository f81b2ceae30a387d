// SQL for admin API tokens (X-Auth-Token). Only hashes are stored.
import { isoNow } from '../time';

export interface AdminTokenRow {
  id: number;
  name: string;
  scopes: string[];
}

export async function findActiveAdminToken(db: D1Database, tokenHash: string): Promise<AdminTokenRow | null> {
  const row = await db
    .prepare('SELECT id, name, scopes FROM admin_tokens WHERE token_hash = ?1 AND revoked_at IS NULL')
    .bind(tokenHash)
    .first<{ id: number; name: string; scopes: string }>();
  return row ? { id: row.id, name: row.name, scopes: JSON.parse(row.scopes) as string[] } : null;
}

/** Stores a token's hash; the first row of its result is `{id}`. */
export function insertAdminTokenStatement(
  db: D1Database,
  t: { name: string; tokenHash: string; scopes: readonly string[] },
  now = isoNow(),
): D1PreparedStatement {
  return db
    .prepare('INSERT INTO admin_tokens (name, token_hash, scopes, date_created) VALUES (?1, ?2, ?3, ?4) RETURNING id')
    .bind(t.name, t.tokenHash, JSON.stringify(t.scopes), now);
}
