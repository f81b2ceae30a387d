// SQL for passkeys (WebAuthn credentials, migration 0012) and their single-use challenges. A challenge
// is consumed with DELETE ... RETURNING, so of two requests with the same challenge exactly one gets it
// (a replay finds nothing). Builders are run by accounts/passkeys.ts; the reads run here.
import { isoNow } from '../time';
import { keepsAnotherWayInSql } from './ways-in';

export type PasskeyDeviceType = 'single_device' | 'multi_device';

/** A passkey as the shopper sees it (and the columns that say so). */
export interface PasskeyRow {
  id: number;
  name: string;
  date_created: string;
  last_used_at: string | null;
  device_type: PasskeyDeviceType;
  backed_up: number;
}

const PASSKEY_COLUMNS = 'id, name, date_created, last_used_at, device_type, backed_up';

/** A stored credential with what a sign-in needs of it and of its customer. */
export interface PasskeyCredentialRow {
  id: number;
  customer_id: number;
  user_handle: string;
  public_key: string;
  algorithm: number;
  sign_count: number;
  /** The customer's (for the session). */
  token_version: number;
  customer_group_id: number | null;
  force_password_reset: number;
  email_verified: number;
}

export interface WebauthnChallengeRow {
  purpose: 'register' | 'authenticate';
  customer_id: number | null;
  browser_hash: string;
  rp_id: string;
  user_handle: string | null;
  expires_at: string;
}

export function insertWebauthnChallengeStatement(
  db: D1Database,
  ch: Omit<WebauthnChallengeRow, 'customer_id' | 'user_handle'> & { challenge_hash: string; customer_id?: number; user_handle?: string },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO webauthn_challenges (challenge_hash, purpose, customer_id, browser_hash, rp_id, user_handle, expires_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)`,
    )
    .bind(ch.challenge_hash, ch.purpose, ch.customer_id ?? null, ch.browser_hash, ch.rp_id, ch.user_handle ?? null, ch.expires_at);
}

/** Takes a challenge (one-time: deleted as it is read); no row when unknown or already used. */
export function consumeWebauthnChallengeStatement(db: D1Database, challengeHash: string): D1PreparedStatement {
  return db
    .prepare('DELETE FROM webauthn_challenges WHERE challenge_hash = ?1 RETURNING purpose, customer_id, browser_hash, rp_id, user_handle, expires_at')
    .bind(challengeHash);
}

export function purgeExpiredWebauthnChallengesStatement(db: D1Database, now = isoNow()): D1PreparedStatement {
  return db.prepare('DELETE FROM webauthn_challenges WHERE expires_at < ?1').bind(now);
}

/** The credential with this id and its customer (a sign-in reads it in the batch that takes the challenge). */
export function findPasskeyCredentialStatement(db: D1Database, credentialId: string): D1PreparedStatement {
  return db
    .prepare(
      `SELECT k.id, k.customer_id, k.user_handle, k.public_key, k.algorithm, k.sign_count,
              c.token_version, c.customer_group_id, c.force_password_reset, c.email_verified_at IS NOT NULL AS email_verified
         FROM passkeys k JOIN customers c ON c.id = k.customer_id
        WHERE k.credential_id = ?1`,
    )
    .bind(credentialId);
}

/** The shopper's passkeys, oldest first. */
export async function listPasskeys(db: D1Database, customerId: number): Promise<PasskeyRow[]> {
  const { results } = await db
    .prepare(`SELECT ${PASSKEY_COLUMNS} FROM passkeys WHERE customer_id = ?1 ORDER BY id`)
    .bind(customerId)
    .all<PasskeyRow>();
  return results;
}

/** What registration options need: the credential ids to exclude and the customer's WebAuthn user handle (if any passkey has one). */
export async function listPasskeyCredentialIds(
  db: D1Database,
  customerId: number,
): Promise<{ credential_id: string; transports: string; user_handle: string }[]> {
  const { results } = await db
    .prepare('SELECT credential_id, transports, user_handle FROM passkeys WHERE customer_id = ?1 ORDER BY id')
    .bind(customerId)
    .all<{ credential_id: string; transports: string; user_handle: string }>();
  return results;
}

export function insertPasskeyStatement(
  db: D1Database,
  p: {
    customerId: number;
    credentialId: string;
    userHandle: string;
    publicKey: string;
    algorithm: number;
    signCount: number;
    transports: string[];
    name: string;
    deviceType: PasskeyDeviceType;
    backedUp: boolean;
  },
  now = isoNow(),
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO passkeys (customer_id, credential_id, user_handle, public_key, algorithm, sign_count, transports, name, device_type, backed_up, date_created)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
       RETURNING ${PASSKEY_COLUMNS}`,
    )
    .bind(
      p.customerId,
      p.credentialId,
      p.userHandle,
      p.publicKey,
      p.algorithm,
      p.signCount,
      JSON.stringify(p.transports),
      p.name,
      p.deviceType,
      p.backedUp ? 1 : 0,
      now,
    );
}

/**
 * Records a sign-in with a passkey: the new counter and the time. The counter must move forward (or stay
 * 0 for authenticators that keep none): otherwise `sign_count` is set to NULL, which its NOT NULL refuses
 * and so fails the whole batch (the session it starts included) — runBatch's `notNull` names it.
 */
export function recordPasskeyUseStatement(
  db: D1Database,
  p: { id: number; signCount: number; backedUp: boolean },
  now = isoNow(),
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE passkeys SET
         sign_count = CASE WHEN ?2 > sign_count OR (?2 = 0 AND sign_count = 0) THEN ?2 ELSE NULL END,
         backed_up = ?3, last_used_at = ?4
       WHERE id = ?1`,
    )
    .bind(p.id, p.signCount, p.backedUp ? 1 : 0, now);
}

export function renamePasskeyStatement(db: D1Database, customerId: number, id: number, name: string): D1PreparedStatement {
  return db.prepare(`UPDATE passkeys SET name = ?3 WHERE customer_id = ?1 AND id = ?2 RETURNING ${PASSKEY_COLUMNS}`).bind(customerId, id, name);
}

/**
 * Deletes a passkey of the customer unless it is their last way in (db/ways-in.ts), in one statement;
 * answers the deleted row (none: unknown, or the last way in).
 */
export function deletePasskeyUnlessLastStatement(db: D1Database, customerId: number, id: number): D1PreparedStatement {
  return db
    .prepare(`DELETE FROM passkeys WHERE customer_id = ?1 AND id = ?2 AND ${keepsAnotherWayInSql({ exceptPasskey: '?2' })} RETURNING name`)
    .bind(customerId, id);
}

/** Every passkey of a customer (a password reset or a mailbox owner's first proof: nothing added before may keep a way in). */
export function deletePasskeysStatement(db: D1Database, customerId: number): D1PreparedStatement {
  return db.prepare('DELETE FROM passkeys WHERE customer_id = ?1').bind(customerId);
}
