// Apps: the API accounts that may sign shoppers in (Customer Login SSO) and ask who is signed in
// (Current Customer). A client secret is shown once, when the app is created; it is stored encrypted
// (auth/app-secrets.ts) because the worker must verify and sign with it. Revoking keeps the row, so a
// client id is never reused and the list shows when access ended.
import { decryptClientSecret, encryptClientSecret, newClientId, newClientSecret } from '../auth/app-secrets';
import { firstRow, runBatch } from '../db/batch';
import { type AppRow, findActiveAppCredentials, getApp, insertAppStatement, listApps, revokeAppStatement } from '../db/apps';
import type { ListResult } from '../db/list';
import type { Paging } from '../db/sql';
import type { Bindings } from '../env';

export type { AppRow };

/** A page of apps, oldest first (revoked ones too: the list shows when access ended). */
export function listAppsPage(db: D1Database, paging: Paging): Promise<ListResult<AppRow & { sort_value: number }>> {
  return listApps(db, paging);
}

/** One app by id (never its secret); null when there is none. */
export function getAppById(db: D1Database, id: number): Promise<AppRow | null> {
  return getApp(db, id);
}

/** Creates an app; its secret is in this answer only. */
export async function createApp(env: Bindings, name: string): Promise<{ app: AppRow; secret: string }> {
  const clientId = newClientId();
  const secret = newClientSecret();
  const [inserted] = await runBatch(env.DB, [
    insertAppStatement(env.DB, { name, clientId, secretEncrypted: await encryptClientSecret(env, clientId, secret) }),
  ]);
  return { app: firstRow<AppRow>(inserted)!, secret };
}

/** Revokes an app (idempotent); null when there is no such app. */
export async function revokeApp(env: Bindings, id: number): Promise<AppRow | null> {
  const [revoked] = await runBatch(env.DB, [revokeAppStatement(env.DB, id)]);
  return firstRow<AppRow>(revoked);
}

/** The client id and plain secret of an active app, to verify or sign a token; null for unknown and revoked apps alike. */
export async function activeAppSecret(env: Bindings, clientId: string): Promise<{ clientId: string; secret: string } | null> {
  const app = await findActiveAppCredentials(env.DB, clientId);
  if (!app) return null;
  return { clientId: app.client_id, secret: await decryptClientSecret(env, app.client_id, app.client_secret_encrypted) };
}
