// SQL for failed password checks per email (accounts/login-failures.ts has the rules). The recent
// failures are read in the same batch as the credentials, so a log-in costs no extra round trip.
import { type Credentials, credentialsByEmailStatement } from './customers';
import { firstRow } from './batch';

/** At most this many recent failures are read: the daily limit (accounts/login-failures.ts). */
export const MAX_FAILURES_READ = 50;

/** The failures of `emailHash` after `since`, newest first (at most MAX_FAILURES_READ). */
export function recentLoginFailuresStatement(db: D1Database, emailHash: string, since: string): D1PreparedStatement {
  return db
    .prepare('SELECT failed_at FROM login_failures WHERE email_hash = ?1 AND failed_at > ?2 ORDER BY failed_at DESC LIMIT ?3')
    .bind(emailHash, since, MAX_FAILURES_READ);
}

/** Records one failure of `emailHash` and purges every failure older than `purgeBefore`. */
export function insertLoginFailureStatements(db: D1Database, emailHash: string, now: string, purgeBefore: string): D1PreparedStatement[] {
  return [
    db.prepare('DELETE FROM login_failures WHERE failed_at < ?1').bind(purgeBefore),
    db.prepare('INSERT INTO login_failures (email_hash, failed_at) VALUES (?1, ?2)').bind(emailHash, now),
  ];
}

/** The credentials of `email` (null: no account) and its failures after `since` (newest first), in one round trip. */
export async function findCredentialsWithFailures(
  db: D1Database,
  email: string,
  emailHash: string,
  since: string,
): Promise<{ creds: Credentials | null; failures: string[] }> {
  const [creds, failures] = await db.batch([credentialsByEmailStatement(db, email), recentLoginFailuresStatement(db, emailHash, since)]);
  return { creds: firstRow<Credentials>(creds), failures: (failures!.results as { failed_at: string }[]).map((r) => r.failed_at) };
}
