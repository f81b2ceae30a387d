// SQL for apps: the API accounts that may sign shoppers in (Customer Login SSO) and read the current
// customer. Only the encrypted secret is stored; no query here ever returns it except the one lookup
// the SSO routes need to verify or sign a token.
import { listRows, type ListResult } from './list';
import { type Paging, Where } from './sql';
import { isoNow } from '../time';

export interface AppRow {
  id: number;
  name: string;
  client_id: string;
  revoked_at: string | null;
  date_created: string;
}

/** An active (not revoked) app with its encrypted secret, for verifying and signing tokens. */
export interface AppCredentials {
  id: number;
  client_id: string;
  client_secret_encrypted: string;
}

const PUBLIC_COLUMNS = 'a.id, a.name, a.client_id, a.revoked_at, a.date_created';

/** Inserts an app; the first row of its result is the new AppRow (never the secret). */
export function insertAppStatement(
  db: D1Database,
  app: { name: string; clientId: string; secretEncrypted: string },
  now = isoNow(),
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO apps (name, client_id, client_secret_encrypted, date_created) VALUES (?1, ?2, ?3, ?4)
       RETURNING id, name, client_id, revoked_at, date_created`,
    )
    .bind(app.name, app.clientId, app.secretEncrypted, now);
}

export function listApps(db: D1Database, paging: Paging): Promise<ListResult<AppRow & { sort_value: number }>> {
  return listRows(db, {
    from: 'apps a',
    select: `${PUBLIC_COLUMNS}, a.id AS sort_value`,
    idColumn: 'a.id',
    sortColumn: 'a.id',
    direction: 'asc',
    where: new Where(),
    paging,
  });
}

export async function getApp(db: D1Database, id: number): Promise<AppRow | null> {
  return db.prepare(`SELECT ${PUBLIC_COLUMNS} FROM apps a WHERE a.id = ?1`).bind(id).first<AppRow>();
}

/** Revokes an app (idempotent: the first revocation time is kept); the first row is the app, none when there is no such app. */
export function revokeAppStatement(db: D1Database, id: number, now = isoNow()): D1PreparedStatement {
  return db
    .prepare(`UPDATE apps SET revoked_at = COALESCE(revoked_at, ?2) WHERE id = ?1 RETURNING id, name, client_id, revoked_at, date_created`)
    .bind(id, now);
}

/** The credentials of an active app by client id; null for unknown and revoked apps alike. */
export async function findActiveAppCredentials(db: D1Database, clientId: string): Promise<AppCredentials | null> {
  return db
    .prepare('SELECT id, client_id, client_secret_encrypted FROM apps WHERE client_id = ?1 AND revoked_at IS NULL')
    .bind(clientId)
    .first<AppCredentials>();
}
