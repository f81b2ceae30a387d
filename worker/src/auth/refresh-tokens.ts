// Refresh-token primitives: generation (≥ 256 bits), the stored form (SHA-256), lifetimes, and how the
// token travels: an HttpOnly Secure SameSite=None Partitioned cookie scoped to the session routes, or,
// for stores that cannot use third-party cookies, the JSON body (bearer refresh, REFRESH_IN_BODY).
// What a session *is* (families, rotation, reuse detection, revocation) is accounts/sessions.ts.
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { randomToken, sha256Hex } from './crypto';
import type { AppEnv, Bindings } from '../env';

export const REFRESH_COOKIE = 'sfa_refresh';
const REFRESH_COOKIE_PATH = '/storefront/session';
/** Longer presented tokens are refused unhashed: ours are 43 characters. */
export const MAX_REFRESH_TOKEN_LENGTH = 200;

/** What a started or refreshed session hands to the client. */
export interface IssuedSession {
  access_token: string;
  expires_in: number;
  refresh: { token: string; expiresAt: string };
}

/** The session part of a response body. */
export interface SessionTokens {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  /** Only in bearer-refresh mode (REFRESH_IN_BODY=true). */
  refresh_token?: string;
}

export const newRefreshToken = () => randomToken();
export const hashRefreshToken = (token: string) => sha256Hex(token);

/** Idle lifetime of one refresh token, and the absolute lifetime of a session family (seconds). */
export const refreshIdleTtl = (env: Bindings) => Number(env.REFRESH_IDLE_TTL ?? 14 * 86_400);
export const sessionMaxAge = (env: Bindings) => Number(env.SESSION_MAX_AGE ?? 30 * 86_400);
const bearerRefresh = (env: Bindings) => env.REFRESH_IN_BODY === 'true';

function setRefreshCookie(c: Context, token: string, expiresAt: string) {
  setCookie(c, REFRESH_COOKIE, token, {
    httpOnly: true,
    secure: true,
    sameSite: 'None',
    partitioned: true,
    path: REFRESH_COOKIE_PATH,
    maxAge: Math.max(0, Math.floor((Date.parse(expiresAt) - Date.now()) / 1000)),
  });
}

export function clearRefreshCookie(c: Context) {
  deleteCookie(c, REFRESH_COOKIE, { path: REFRESH_COOKIE_PATH, secure: true, sameSite: 'None', partitioned: true, httpOnly: true });
}

/** Sets the refresh cookie of `session` and returns the body part (with the refresh token in bearer-refresh mode). */
export function deliverSession(c: Context<AppEnv>, session: IssuedSession): SessionTokens {
  setRefreshCookie(c, session.refresh.token, session.refresh.expiresAt);
  const tokens: SessionTokens = { access_token: session.access_token, token_type: 'Bearer', expires_in: session.expires_in };
  if (bearerRefresh(c.env)) tokens.refresh_token = session.refresh.token;
  return tokens;
}

/** The refresh token of this request: the cookie, or in bearer-refresh mode the JSON body's `refresh_token`. */
export function presentedRefreshToken(c: Context<AppEnv>, body?: { refresh_token?: string }): string | undefined {
  return getCookie(c, REFRESH_COOKIE) ?? (bearerRefresh(c.env) ? body?.refresh_token : undefined);
}

/**
 * The code-proof cookie (issue 12): a random value given to the browser that asked for a 'verify' code
 * while proving it may (sign-up, or the right password refused with `email_unverified`); the code row
 * stores its SHA-256. Confirming the code with it keeps the account as it is; without it the
 * confirmation counts as the mailbox owner's first proof (accounts/email-ownership.ts). Same attributes
 * and path as the refresh cookie, so the widget's credentialed session calls carry it.
 */
export const CODE_PROOF_COOKIE = 'sfa_code_proof';
/** As long as the code it proves (EMAIL_CODE_TTL_SECONDS). */
const CODE_PROOF_MAX_AGE = 15 * 60;

export const newCodeProof = () => randomToken();
export const hashCodeProof = (proof: string) => sha256Hex(`code-proof:${proof}`);

export function setCodeProofCookie(c: Context, proof: string) {
  setCookie(c, CODE_PROOF_COOKIE, proof, {
    httpOnly: true,
    secure: true,
    sameSite: 'None',
    partitioned: true,
    path: REFRESH_COOKIE_PATH,
    maxAge: CODE_PROOF_MAX_AGE,
  });
}

export function clearCodeProofCookie(c: Context) {
  deleteCookie(c, CODE_PROOF_COOKIE, { path: REFRESH_COOKIE_PATH, secure: true, sameSite: 'None', partitioned: true, httpOnly: true });
}

/** The code-proof cookie of this request (refused unhashed when longer than ours). */
export function presentedCodeProof(c: Context): string | undefined {
  const proof = getCookie(c, CODE_PROOF_COOKIE);
  return proof && proof.length <= MAX_REFRESH_TOKEN_LENGTH ? proof : undefined;
}
