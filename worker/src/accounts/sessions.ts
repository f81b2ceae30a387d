// Shopper sessions: an access token (JWT, kept in memory by the widget) plus an opaque refresh token,
// stored hashed and rotated on every use. Each sign-in starts a family with an absolute lifetime; using a
// rotated token again means it was stolen or replayed, so the whole family is revoked. Owns sign-in with
// a password, refresh, sign-out (this device, everywhere) and starting a session for the other ways in
// (sign-up, SSO, OpenID Connect, a password change). Delivery (cookie or body) is auth/refresh-tokens.ts.
//
// Round trips (DESIGN §5): sign-in is one read and one batch (the refresh token, a hash upgrade and the
// new session's profile together); a refresh is one batch (the claim, the successor's insert, the profile).
import { accessTokenTtl, issueAccessToken } from '../auth/customer-tokens';
import { hashPassword, verifyPassword } from '../auth/passwords';
import {
  hashRefreshToken,
  type IssuedSession,
  MAX_REFRESH_TOKEN_LENGTH,
  newRefreshToken,
  refreshIdleTtl,
  sessionMaxAge,
} from '../auth/refresh-tokens';
import { type ConstraintErrors, firstRow, runBatch } from '../db/batch';
import {
  liveShopperOfRefreshTokenStatements,
  liveShopperRowsOf,
  liveShopperStatements,
  revokeEverywhereStatements,
  upgradePasswordHashStatement,
} from '../db/customers';
import {
  type ClaimedRefresh,
  insertRefreshSessionStatement,
  type StoredSuccessor,
  revokeFamilyOfTokenStatement,
  revokeFamilyStatement,
  rotateRefreshTokenStatements,
} from '../db/refresh-sessions';
import type { Bindings, LiveShopper } from '../env';
import { ApiError, fieldError } from '../errors';
import type { OwnProfile } from '../shared/api-types';
import { addSeconds, isoNow } from '../time';
import type { Locale } from '../mail/templates';
import { emailUnverified, verificationRequired } from './email-ownership';
import { startPasswordCheck } from './login-failures';
import { emailKey, enforceLimit, ipKey } from './rate-limits';
import { SHOPPER_WRITE, toLiveShopper } from './shoppers';

/** Who is asking, as far as the session record keeps it. */
export interface ClientInfo {
  ip?: string;
  userAgent?: string;
  /** The storefront the request comes from (middleware/cors.ts channelOf): whose policies apply. Default 1. */
  channelId?: number;
}

/** What a session needs of its customer: the token's claims. */
export interface SessionSubject {
  id: number;
  token_version: number;
  customer_group_id: number | null;
}

interface Family {
  familyId: string;
  familyExpiresAt: string;
  /** When the family signed in (Unix seconds; the access tokens' `auth_time`); absent for sessions from before it was kept. */
  authTime?: number;
}

/**
 * Issues the tokens of a session and the statement that stores its refresh token, so callers write it in
 * the same batch as the rest of their work. Nothing is valid until that statement ran, and it stores
 * nothing (0 changes) unless the customer still has `subject.token_version` when it runs: a revocation
 * racing the start of a session is never outlived by it. Callers check and refuse.
 */
export async function prepareSession(
  env: Bindings,
  subject: SessionSubject,
  client: ClientInfo,
  family: Family = {
    familyId: crypto.randomUUID(),
    familyExpiresAt: addSeconds(isoNow(), sessionMaxAge(env)),
    authTime: Math.floor(Date.now() / 1000),
  },
): Promise<{ session: IssuedSession; statement: D1PreparedStatement }> {
  const now = isoNow();
  const refreshToken = newRefreshToken();
  // A refresh token lives for the idle time, never beyond its family's absolute end.
  const idle = addSeconds(now, refreshIdleTtl(env));
  const expiresAt = idle < family.familyExpiresAt ? idle : family.familyExpiresAt;
  const [tokenHash, access_token] = await Promise.all([
    hashRefreshToken(refreshToken),
    issueAccessToken(env, {
      customerId: subject.id,
      tokenVersion: subject.token_version,
      groupId: subject.customer_group_id ?? 0,
      authTime: family.authTime,
    }),
  ]);
  const statement = insertRefreshSessionStatement(
    env.DB,
    {
      tokenHash,
      familyId: family.familyId,
      customerId: subject.id,
      expiresAt,
      familyExpiresAt: family.familyExpiresAt,
      userAgent: client.userAgent ?? '',
      ip: client.ip ?? '',
      tokenVersion: subject.token_version,
      authTime: family.authTime,
    },
    now,
  );
  return { session: { access_token, expires_in: accessTokenTtl(env), refresh: { token: refreshToken, expiresAt } }, statement };
}

/**
 * Starts a new session family for a customer who proved who they are some other way (SSO, OpenID
 * Connect). Revoked (or erased) since `subject` was read: nothing is stored and `concurrent_change` is
 * answered, as for a sign-in.
 */
export async function startSession(env: Bindings, subject: SessionSubject, client: ClientInfo): Promise<IssuedSession> {
  const { session, statement } = await prepareSession(env, subject, client);
  const [inserted] = await runBatch(env.DB, [statement]);
  if (inserted!.meta.changes !== 1) throw new ApiError('concurrent_change');
  return session;
}

/**
 * Starts a session and reads the new session's own profile in the same batch, after `before` (a hash
 * upgrade for sign-in, the verification code for sign-up, a passkey's counter; their results come back as `before`;
 * `beforeErrors.notNull` names a guard of theirs that failed on purpose). The profile read proves the token version the access token carries is current;
 * a concurrent revocation or erasure between our read and this batch is refused with `concurrent_change`
 * (the refresh token was not stored, and neither token is handed out). Not `invalid_credentials`: the
 * password was right when checked, and the batch cannot tell an erasure from a log-out-everywhere; a
 * retry gets the definitive answer (for an erased account, `invalid_credentials`).
 */
export async function startSessionWithProfile(
  env: Bindings,
  subject: SessionSubject,
  client: ClientInfo,
  before: D1PreparedStatement[] = [],
  beforeErrors: Pick<ConstraintErrors, 'notNull'> = {},
): Promise<{ customer: OwnProfile; session: IssuedSession; before: D1Result[] }> {
  const { session, statement } = await prepareSession(env, subject, client);
  const lostRace = () => new ApiError('concurrent_change');
  const results = await runBatch(env.DB, [...before, statement, ...liveShopperStatements(env.DB, subject.id, subject.token_version)], {
    foreignKey: lostRace,
    ...beforeErrors,
  });
  const shopper = toLiveShopper(liveShopperRowsOf(results.at(-2), results.at(-1)));
  if (!shopper) throw lostRace();
  return { customer: shopper.profile, session, before: results.slice(0, before.length) };
}

/**
 * Log-in with email and password. Enumeration: an unknown email and a wrong password get the same
 * error and take as long (a dummy hash is computed for unknown emails), and both count as a failure of
 * the email (accounts/login-failures.ts). The limits (per IP, per email, failures per email in D1) run
 * before any hashing.
 */
export async function signIn(
  env: Bindings,
  credentials: { email: string; password: string },
  client: ClientInfo & { locale?: Locale; accountUrl?: string; onCodeProof?: (proof: string) => void },
): Promise<{ customer: OwnProfile; session: IssuedSession }> {
  // The limits and the credentials read (with the per-email failure count in D1, across locations) at
  // once: one wait instead of three. Both limits are decided before any hashing, as before.
  // The channel's policy too (cached per isolate; when not, its read rides along: no extra wait).
  const [, , { creds, recordFailure }, confirmedOnly] = await Promise.all([
    enforceLimit(env, 'LOGIN_LIMITER', ipKey(client.ip)),
    enforceLimit(env, 'LOGIN_LIMITER', emailKey(credentials.email)),
    startPasswordCheck(env.DB, credentials.email),
    verificationRequired(env, client.channelId ?? 1),
  ]);
  const { valid, needsUpgrade } = await verifyPassword(credentials.password, creds?.password_hash ?? null);
  if (!creds || !valid) {
    await recordFailure();
    throw new ApiError('invalid_credentials');
  }
  if (creds.force_password_reset) {
    // Only said after the right password, so it reveals nothing to a guesser.
    throw new ApiError('password_reset_required', {
      detail: 'Request a password reset link: POST /storefront/password-reset',
      errors: { password: fieldError('password_reset_required', 'Reset your password to sign in') },
    });
  }
  if (confirmedOnly && !creds.email_verified) {
    // Policy `required`: no session before the email is proven; a fresh code is mailed (within the limits).
    throw await emailUnverified(env, creds, { locale: client.locale ?? 'en', accountUrl: client.accountUrl ?? '/', onCodeProof: client.onCodeProof });
  }
  const upgrade = needsUpgrade
    ? [upgradePasswordHashStatement(env.DB, creds.id, creds.password_hash!, await hashPassword(credentials.password))]
    : [];
  const { customer, session } = await startSessionWithProfile(env, creds, client, upgrade);
  return { customer, session };
}

const sessionEnded = () => new ApiError('session_ended');

/**
 * Rotates a refresh token and answers the shopper's profile with the new tokens, in one D1 round trip
 * (a signed-in page load is this one request): the claim (one atomic UPDATE: exactly one concurrent
 * caller wins), the successor's insert (only for the winning claim) and the profile, in one batch.
 * Replaying a rotated token revokes its family. Throws `session_ended` for anything but a live token.
 */
export async function refreshSession(
  env: Bindings,
  refreshToken: string | undefined,
  client: ClientInfo,
): Promise<{ customer: OwnProfile; session: IssuedSession }> {
  if (!refreshToken || refreshToken.length > MAX_REFRESH_TOKEN_LENGTH) throw sessionEnded();
  const db = env.DB;
  const successor = newRefreshToken();
  const [hash, successorHash] = await Promise.all([hashRefreshToken(refreshToken), hashRefreshToken(successor)]);
  const now = isoNow();
  const results = await runBatch(
    db,
    [
      ...rotateRefreshTokenStatements(
        db,
        {
          tokenHash: hash,
          successorHash,
          idleExpiresAt: addSeconds(now, refreshIdleTtl(env)),
          userAgent: client.userAgent ?? '',
          ip: client.ip ?? '',
        },
        now,
      ),
      ...liveShopperOfRefreshTokenStatements(db, successorHash),
    ],
    { foreignKey: sessionEnded },
  );
  const claimed = firstRow<ClaimedRefresh>(results[0]);
  if (!claimed) {
    // A rotated token presented again: someone holds a copy. End the family (a no-op for unknown tokens).
    await runBatch(db, [revokeFamilyOfTokenStatement(db, hash)]);
    throw sessionEnded();
  }
  const stored = firstRow<StoredSuccessor>(results[1]);
  const shopper = toLiveShopper(liveShopperRowsOf(results[2], results[3]));
  if (!stored || !shopper) {
    // Claimed, but no successor: the customer is gone or must reset their password. End the family.
    await runBatch(db, [revokeFamilyStatement(db, claimed.family_id)]);
    throw sessionEnded();
  }
  const access_token = await issueAccessToken(env, {
    customerId: shopper.id,
    tokenVersion: shopper.tokenVersion,
    groupId: shopper.groupId,
    authTime: claimed.auth_time ?? undefined,
  });
  return {
    customer: shopper.profile,
    session: { access_token, expires_in: accessTokenTtl(env), refresh: { token: successor, expiresAt: stored.expires_at } },
  };
}

/** Ends the family of the presented refresh token (log out on this device); nothing to do without one. */
export async function signOut(env: Bindings, refreshToken: string | undefined): Promise<void> {
  if (!refreshToken || refreshToken.length > MAX_REFRESH_TOKEN_LENGTH) return;
  await runBatch(env.DB, [revokeFamilyOfTokenStatement(env.DB, await hashRefreshToken(refreshToken), { rotatedOnly: false })]);
}

/** Log out everywhere: every refresh family ends and every access token issued so far stops working. */
export async function signOutEverywhere(env: Bindings, shopper: LiveShopper): Promise<void> {
  await runBatch(env.DB, revokeEverywhereStatements(env.DB, shopper.id), SHOPPER_WRITE);
}
