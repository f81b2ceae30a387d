// Failed password checks per email, counted in D1 so the limits hold across Cloudflare locations (the
// `ratelimits` bindings in rate-limits.ts count per location, per minute). Password log-in and admin
// validate-credentials share one count per email, whether or not the email has an account, so a locked
// unknown email answers exactly as a locked known one (enumeration). The limits (docs/security.md,
// "Rate limits"):
//   - 10 failures per 15 minutes (sliding);
//   - growing back-off: from the 20th failure of the last 24 hours the window doubles with every further
//     10 (10 per 30 minutes, then per hour, then per 2 hours);
//   - 50 failures per 24 hours lock the email until the oldest of them is a day old.
// Locked: 429 `rate_limited` with Retry-After (seconds), decided before any hashing, even for the right
// password. A successful log-in does not reset the counts: otherwise whoever knows one password (or
// holds the account) could wipe the record of guesses, and the count would depend on which attempt won a
// race. Failures simply age out. Round trips: the check rides in the credentials read (one batch); only a
// failure adds one write, after the hash.
import { sha256Hex } from '../auth/crypto';
import { runBatch } from '../db/batch';
import type { Credentials } from '../db/customers';
import { findCredentialsWithFailures, insertLoginFailureStatements, MAX_FAILURES_READ } from '../db/login-failures';
import { ApiError } from '../errors';
import { addSeconds, isoNow } from '../time';

const MINUTE = 60;
const DAY = 24 * 60 * MINUTE;
/** Failures allowed per window before the email is locked. */
export const FAILURES_PER_WINDOW = 10;
/** The first window; it doubles with every further FAILURES_PER_WINDOW failures of the day. */
export const FIRST_WINDOW_SECONDS = 15 * MINUTE;
/** Failures per 24 hours (MAX_FAILURES_READ reads exactly enough to decide it). */
export const FAILURES_PER_DAY = MAX_FAILURES_READ;

/** The key of `email` in D1: normalized like emailKey, hashed (unregistered addresses are not kept in clear). */
export const failureKey = (email: string) => sha256Hex(`login-failure:${email.trim().toLowerCase()}`);

/**
 * Until when (ms since epoch) an email with these `failures` (ISO times within the last day, newest
 * first) is locked at `now`; null when it may try.
 */
export function lockedUntil(failures: readonly string[], now: number): number | null {
  const at = (k: number) => Date.parse(failures[k]!);
  let until = 0;
  if (failures.length >= FAILURES_PER_DAY) until = at(FAILURES_PER_DAY - 1) + DAY * 1000;
  const tier = Math.floor(failures.length / FAILURES_PER_WINDOW);
  if (tier >= 1) {
    const window = FIRST_WINDOW_SECONDS * 2 ** (Math.min(tier, 4) - 1) * 1000;
    until = Math.max(until, at(FAILURES_PER_WINDOW - 1) + window);
  }
  return until > now ? until : null;
}

/** The 429 of a locked email; Retry-After in whole seconds. */
function locked(until: number, now: number): ApiError {
  return new ApiError('rate_limited', { headers: { 'Retry-After': String(Math.max(1, Math.ceil((until - now) / 1000))) } });
}

/** A password check on one email: its credentials (null: no account) and how to record a failure. */
export interface PasswordCheck {
  creds: Credentials | null;
  /** Counts a failed check (a wrong password or no account) of this email. */
  recordFailure: () => Promise<void>;
}

/**
 * Reads the credentials of `email` and its recent failures in one round trip; throws 429 `rate_limited`
 * when the email is locked (known or not, the same answer), before the caller hashes anything.
 */
export async function startPasswordCheck(db: D1Database, email: string): Promise<PasswordCheck> {
  const key = await failureKey(email);
  const nowIso = isoNow();
  const { creds, failures } = await findCredentialsWithFailures(db, email, key, addSeconds(nowIso, -DAY));
  const now = Date.now();
  const until = lockedUntil(failures, now);
  if (until !== null) throw locked(until, now);
  return {
    creds,
    recordFailure: async () => {
      const at = isoNow();
      await runBatch(db, insertLoginFailureStatements(db, key, at, addSeconds(at, -DAY)));
    },
  };
}
