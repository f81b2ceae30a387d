// Shopper sessions: an access token (JWT, kept in memory by the widget) plus an opaque refresh token
// (≥ 256 bits, stored hashed, rotated on every use). Each log-in starts a family with an absolute
// lifetime; using a rotated token again means it was stolen or replayed, so the whole family is revoked.
// The refresh token travels in an HttpOnly Secure SameSite=None Partitioned cookie scoped to the
// session routes; stores that cannot use third-party cookies opt into bearer refresh (REFRESH_IN_BODY).
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { accessTokenTtl, issueAccessToken } from './customer-tokens';
import { randomToken, sha256Hex } from './crypto';
import { getSessionSubject } from '../db/customers';
import { claimRefreshToken, expiryFor, findRefreshToken, insertRefreshSession, revokeFamily } from '../db/refresh-sessions';
import type { AppEnv, Bindings } from '../env';
import { ApiError } from '../errors';
import { clientIp } from '../middleware/rate-limit';
import { addSeconds, isoNow } from '../time';

export const REFRESH_COOKIE = 'sfa_refresh';
export const REFRESH_COOKIE_PATH = '/storefront/session';

export interface SessionTokens {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  /** Only in bearer-refresh mode (REFRESH_IN_BODY=true). */
  refresh_token?: string;
}

const idleTtl = (env: Bindings) => Number(env.REFRESH_IDLE_TTL ?? 14 * 86_400);
const maxAge = (env: Bindings) => Number(env.SESSION_MAX_AGE ?? 30 * 86_400);
export const bearerRefresh = (env: Bindings) => env.REFRESH_IN_BODY === 'true';

function setRefreshCookie(c: Context<AppEnv>, token: string, expiresAt: string) {
  setCookie(c, REFRESH_COOKIE, token, {
    httpOnly: true,
    secure: true,
    sameSite: 'None',
    partitioned: true,
    path: REFRESH_COOKIE_PATH,
    maxAge: Math.max(0, Math.floor((Date.parse(expiresAt) - Date.now()) / 1000)),
  });
}

export function clearRefreshCookie(c: Context<AppEnv>) {
  deleteCookie(c, REFRESH_COOKIE, { path: REFRESH_COOKIE_PATH, secure: true, sameSite: 'None', partitioned: true, httpOnly: true });
}

async function tokensFor(
  c: Context<AppEnv>,
  subject: { id: number; token_version: number; customer_group_id: number | null },
  refresh: { familyId: string; familyExpiresAt: string; successorOf?: number },
): Promise<{ tokens: SessionTokens; statements: D1PreparedStatement[] }> {
  const now = isoNow();
  const refreshToken = randomToken();
  const expiresAt = expiryFor(now, idleTtl(c.env), refresh.familyExpiresAt);
  const statement = insertRefreshSession(c.env.DB, {
    tokenHash: await sha256Hex(refreshToken),
    familyId: refresh.familyId,
    customerId: subject.id,
    expiresAt,
    familyExpiresAt: refresh.familyExpiresAt,
    userAgent: c.req.header('User-Agent') ?? '',
    ip: clientIp(c),
    successorOf: refresh.successorOf,
  });
  const access_token = await issueAccessToken(c.env, {
    customerId: subject.id,
    tokenVersion: subject.token_version,
    groupId: subject.customer_group_id ?? 0,
  });
  setRefreshCookie(c, refreshToken, expiresAt);
  const tokens: SessionTokens = { access_token, token_type: 'Bearer', expires_in: accessTokenTtl(c.env) };
  if (bearerRefresh(c.env)) tokens.refresh_token = refreshToken;
  return { tokens, statements: [statement] };
}

/**
 * Starts a new session family for a customer; returns the tokens and the statement that stores the
 * refresh token, so callers can write it in the same batch as the rest of their work.
 */
export function newSession(c: Context<AppEnv>, subject: { id: number; token_version: number; customer_group_id: number | null }) {
  return tokensFor(c, subject, { familyId: crypto.randomUUID(), familyExpiresAt: addSeconds(isoNow(), maxAge(c.env)) });
}

export async function startSession(c: Context<AppEnv>, subject: { id: number; token_version: number; customer_group_id: number | null }): Promise<SessionTokens> {
  const { tokens, statements } = await newSession(c, subject);
  await c.env.DB.batch(statements);
  return tokens;
}

/** The refresh token of this request: the cookie, or in bearer-refresh mode the JSON body's `refresh_token`. */
export function presentedRefreshToken(c: Context<AppEnv>, body?: { refresh_token?: string }): string | undefined {
  return getCookie(c, REFRESH_COOKIE) ?? (bearerRefresh(c.env) ? body?.refresh_token : undefined);
}

const invalidRefresh = () => new ApiError('session_ended');

/** Rotates a refresh token: exactly one concurrent caller wins; replaying a rotated token revokes its family. */
export async function rotateSession(c: Context<AppEnv>, refreshToken: string | undefined): Promise<{ tokens: SessionTokens; customerId: number }> {
  if (!refreshToken || refreshToken.length > 200) throw invalidRefresh();
  const hash = await sha256Hex(refreshToken);
  const claimed = await claimRefreshToken(c.env.DB, hash);
  if (!claimed) {
    const known = await findRefreshToken(c.env.DB, hash);
    if (known?.rotated_at) await revokeFamily(c.env.DB, known.family_id).run();
    clearRefreshCookie(c);
    throw invalidRefresh();
  }
  const subject = await getSessionSubject(c.env.DB, claimed.customer_id);
  if (!subject || subject.force_password_reset) {
    await revokeFamily(c.env.DB, claimed.family_id).run();
    clearRefreshCookie(c);
    throw invalidRefresh();
  }
  const { tokens, statements } = await tokensFor(c, subject, {
    familyId: claimed.family_id,
    familyExpiresAt: claimed.family_expires_at,
    successorOf: claimed.id,
  });
  const [inserted] = await c.env.DB.batch(statements);
  if (inserted!.meta.changes !== 1) {
    // Revoked while we rotated (log out everywhere, password change): the new tokens must not exist.
    clearRefreshCookie(c);
    throw invalidRefresh();
  }
  return { tokens, customerId: subject.id };
}

/** Ends the session family of the presented refresh token (log out on this device). */
export async function endSession(c: Context<AppEnv>, refreshToken: string | undefined): Promise<void> {
  if (refreshToken) {
    const known = await findRefreshToken(c.env.DB, await sha256Hex(refreshToken));
    if (known) await revokeFamily(c.env.DB, known.family_id).run();
  }
  clearRefreshCookie(c);
}
