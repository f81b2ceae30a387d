// SQL for the one-time codes that prove control of a mailbox (migration 0005): sign-up verification,
// sign-in by emailed code, and the code an email change sends to the new address. Only hashes are
// stored. The per-email limits are counted from this table by the address a code was sent to, and
// re-checked inside the INSERT, so concurrent requests cannot exceed them and deleting the account
// resets nothing. Attempts are counted by one atomic UPDATE … RETURNING. Builders and reads only; the
// rules (TTL, tries, limits, hashing) are accounts/email-ownership.ts's.
import { addSeconds, isoNow } from '../time';

export type EmailCodePurpose = 'verify' | 'sign_in' | 'email_change';

export interface NewEmailCode {
  purpose: EmailCodePurpose;
  /** The address the code is sent to, lower-cased. */
  email: string;
  customerId: number | null;
  newEmail?: string | null;
  codeHash: string;
  /** SHA-256 of the requesting browser's code-proof cookie, when it proved it may ask (sign-up, password). */
  proofHash?: string | null;
  expiresAt: string;
}

/** Codes sent to an email since each of the two window starts (the hourly and the daily cap). */
export async function countEmailCodes(db: D1Database, email: string, hourStart: string, dayStart: string): Promise<{ hour: number; day: number }> {
  const row = await db
    .prepare(`SELECT coalesce(sum(date_created > ?2), 0) AS hour, count(*) AS day FROM email_codes WHERE email = ?1 AND date_created > ?3`)
    .bind(email, hourStart, dayStart)
    .first<{ hour: number; day: number }>();
  return row ?? { hour: 0, day: 0 };
}

/**
 * Statements storing a new code: first the INSERT (`RETURNING id`), which stores and returns nothing
 * when the email is over `limits` (checked in the statement itself), then the end of the earlier live
 * codes it replaces (the same email's verify and sign-in codes, or the customer's pending email change).
 */
export function insertEmailCodeStatements(
  db: D1Database,
  code: NewEmailCode,
  limits: { hourStart: string; perHour: number; dayStart: string; perDay: number },
  now = isoNow(),
): D1PreparedStatement[] {
  const insert = db
    .prepare(
      `INSERT INTO email_codes (purpose, email, customer_id, new_email, code_hash, expires_at, date_created, proof_hash)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?12
       WHERE (SELECT count(*) FROM email_codes WHERE email = ?2 AND date_created > ?8) < ?9
         AND (SELECT count(*) FROM email_codes WHERE email = ?2 AND date_created > ?10) < ?11
       RETURNING id`,
    )
    .bind(
      code.purpose,
      code.email,
      code.customerId,
      code.newEmail ?? null,
      code.codeHash,
      code.expiresAt,
      now,
      limits.hourStart,
      limits.perHour,
      limits.dayStart,
      limits.perDay,
      code.proofHash ?? null,
    );
  // After the INSERT, and only older than the newest row: over the limits, the live code stays live.
  const supersede =
    code.purpose === 'email_change'
      ? db
          .prepare(
            `UPDATE email_codes SET used_at = ?2 WHERE customer_id = ?1 AND purpose = 'email_change' AND used_at IS NULL
               AND id < (SELECT max(id) FROM email_codes WHERE customer_id = ?1 AND purpose = 'email_change')`,
          )
          .bind(code.customerId, now)
      : db
          .prepare(
            `UPDATE email_codes SET used_at = ?2 WHERE email = ?1 AND purpose IN ('verify', 'sign_in') AND used_at IS NULL
               AND id < (SELECT max(id) FROM email_codes WHERE email = ?1 AND purpose IN ('verify', 'sign_in'))`,
          )
          .bind(code.email, now);
  return [insert, supersede];
}

/** A live code whose attempt was just counted. */
export interface AttemptedEmailCode {
  id: number;
  purpose: EmailCodePurpose;
  email: string;
  customer_id: number | null;
  new_email: string | null;
  code_hash: string;
  proof_hash: string | null;
}

const ATTEMPT_RETURNING = 'RETURNING id, purpose, email, customer_id, new_email, code_hash, proof_hash';

/**
 * The daily cap on failed tries per address, across all its codes: `attempts` counts tries, and the one
 * that takes a code is given back (useEmailCodeStatement), so the sum over the address's codes of the
 * last 24 hours is its failures (plus tries in flight). Part of the attempt's WHERE: atomic.
 */
const UNDER_DAILY_FAILURES = `(SELECT coalesce(sum(f.attempts), 0) FROM email_codes AS f WHERE f.email = email_codes.email AND f.date_created > ?4) < ?5`;

export interface AttemptLimits {
  maxAttempts: number;
  /** Start of the 24-hour window, and the failed tries allowed per address in it. */
  dayStart: string;
  maxDailyFailures: number;
}

/**
 * Counts an attempt on the newest live sign-in or verification code sent to `email` and answers it;
 * nothing when none is live or its `maxAttempts` are used up. Count and check are one statement.
 */
export function attemptSignInCodeStatement(db: D1Database, email: string, limits: AttemptLimits, now = isoNow()): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE email_codes SET attempts = attempts + 1
       WHERE id = (SELECT id FROM email_codes WHERE email = ?1 AND purpose IN ('verify', 'sign_in') AND used_at IS NULL AND expires_at > ?2
                   ORDER BY id DESC LIMIT 1)
         AND attempts < ?3 AND ${UNDER_DAILY_FAILURES}
       ${ATTEMPT_RETURNING}`,
    )
    .bind(email, now, limits.maxAttempts, limits.dayStart, limits.maxDailyFailures);
}

/** As attemptSignInCodeStatement, for the customer's newest pending email change. */
export function attemptEmailChangeCodeStatement(db: D1Database, customerId: number, limits: AttemptLimits, now = isoNow()): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE email_codes SET attempts = attempts + 1
       WHERE id = (SELECT id FROM email_codes WHERE customer_id = ?1 AND purpose = 'email_change' AND used_at IS NULL AND expires_at > ?2
                   ORDER BY id DESC LIMIT 1)
         AND attempts < ?3 AND ${UNDER_DAILY_FAILURES}
       ${ATTEMPT_RETURNING}`,
    )
    .bind(customerId, now, limits.maxAttempts, limits.dayStart, limits.maxDailyFailures);
}

/**
 * Marks a code used and gives back the try that took it (so `attempts` counts failures only); returns
 * its id only to the caller that won it (a code is good once).
 */
export function useEmailCodeStatement(db: D1Database, id: number, now = isoNow()): D1PreparedStatement {
  return db
    .prepare('UPDATE email_codes SET used_at = ?2, attempts = max(attempts - 1, 0) WHERE id = ?1 AND used_at IS NULL RETURNING id')
    .bind(id, now);
}

/** Sets the customer's email verified (if it still is `email`; keeps the first time); 1 change when it was not verified before. */
export function markEmailVerifiedStatement(db: D1Database, customerId: number, email: string, now = isoNow()): D1PreparedStatement {
  return db
    .prepare('UPDATE customers SET email_verified_at = ?3 WHERE id = ?1 AND email = ?2 AND email_verified_at IS NULL')
    .bind(customerId, email, now);
}

/** The timeline entry `type`, written only when the customer's email_verified_at is exactly `now` (set by this batch). */
export function timelineIfVerifiedNowStatement(
  db: D1Database,
  customerId: number,
  actorName: string,
  detail: Record<string, unknown>,
  now = isoNow(),
) {
  return db
    .prepare(
      `INSERT INTO timeline_events (customer_id, type, detail, actor_type, actor_name, date_created)
       SELECT ?1, 'email_verified', ?2, 'shopper', ?3, ?4 FROM customers WHERE id = ?1 AND email_verified_at = ?4`,
    )
    .bind(customerId, JSON.stringify(detail), actorName, now);
}

/** Ends the customer's pending email changes (the email changed some other way, or it was confirmed). */
export function endEmailChangesStatement(db: D1Database, customerId: number, now = isoNow()): D1PreparedStatement {
  return db
    .prepare(`UPDATE email_codes SET used_at = ?2 WHERE customer_id = ?1 AND purpose = 'email_change' AND used_at IS NULL`)
    .bind(customerId, now);
}

export const codeExpiry = (ttlSeconds: number, now = isoNow()) => addSeconds(now, ttlSeconds);

/** Whether `proofHash` was given to a browser that asked for a code of this customer (sign-up, password). */
export async function knownCodeProof(db: D1Database, customerId: number, proofHash: string): Promise<boolean> {
  const row = await db
    .prepare('SELECT 1 AS ok FROM email_codes WHERE customer_id = ?1 AND proof_hash = ?2 LIMIT 1')
    .bind(customerId, proofHash)
    .first<{ ok: number }>();
  return row !== null;
}
