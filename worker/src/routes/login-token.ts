// GET /login/token/{jwt}: Customer Login SSO as BigCommerce defines it. A trusted app signs a short-lived
// HS256 JWT with its client secret (claims iss = client_id, iat, jti, operation "customer_login",
// store_hash, customer_id, optional channel_id, redirect_to, request_ip); the shopper's browser opens this
// URL; we verify it and start the shopper's session (refresh cookie), then redirect.
//
// Why each check: the algorithm is pinned before anything else (alg "none" and RS/ES tokens would let a
// public key or nothing stand in for the secret); the unverified payload is read only to find the app by
// `iss`, then jose verifies the signature with that app's secret; `iat` must be fresh and not in the
// future (the URL travels through browser history, logs and Referer headers); each `jti` works once
// (a leaked URL cannot be replayed); `redirect_to` stays on this site or a storefront of the store (an
// open redirect would turn a trusted sign-in link into a phishing hop).
//
// Failures answer with the error shape to clients that Accept JSON and with a small HTML page (no
// script, text escaped) to browsers, with the same status: never a 500.
import { Hono, type Context } from 'hono';
import { decodeJwt, decodeProtectedHeader, errors as joseErrors, jwtVerify } from 'jose';
import * as z from 'zod';
import { decryptClientSecret, hmacKey } from '../auth/app-secrets';
import { startSession } from '../auth/sessions';
import { findActiveAppCredentials } from '../db/apps';
import { listChannelOrigins } from '../db/channels';
import { getSsoCustomer, useJti } from '../db/sso';
import type { AppEnv, Bindings } from '../env';
import { ApiError } from '../errors';
import { clientIp } from '../middleware/rate-limit';
import { toIso } from '../time';
import { issuesToErrors } from '../validation';

const ALG = 'HS256';
const CLOCK_SKEW_SECONDS = 5;
const DEFAULT_MAX_AGE_SECONDS = 30;
const MAX_TOKEN_LENGTH = 8192;
/** Roughly one request in this many also purges expired jti rows. */
const PURGE_ONE_IN = 20;

/** How old (by `iat`) an SSO token may be: SSO_MAX_AGE_SECONDS, default 30, at most an hour. */
function maxAgeSeconds(env: Bindings & { SSO_MAX_AGE_SECONDS?: string }): number {
  const n = Number(env.SSO_MAX_AGE_SECONDS ?? DEFAULT_MAX_AGE_SECONDS);
  return Number.isFinite(n) && n > 0 ? Math.min(Math.floor(n), 3600) : DEFAULT_MAX_AGE_SECONDS;
}

const claimsSchema = z.object({
  iss: z.string().min(1).max(200),
  iat: z.number({ message: 'Required: seconds since the epoch' }).int().nonnegative(),
  jti: z.string({ message: 'Required: a unique id per token' }).min(1).max(200),
  operation: z.literal('customer_login', { message: 'Must be "customer_login"' }),
  store_hash: z.string({ message: 'Required' }),
  customer_id: z.number({ message: 'Required: the customer id' }).int().positive().max(Number.MAX_SAFE_INTEGER),
  channel_id: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  redirect_to: z.string().max(2048).optional(),
  request_ip: z.string().max(100).optional(),
});
type Claims = z.infer<typeof claimsSchema>;

const unauthorized = (title: string, detail?: string) => new ApiError(401, title, detail ? { detail } : {});
const badToken = () => new ApiError('login_token_invalid', { detail: 'Expected a JWT (header.payload.signature).' });

/** Pins HS256 and returns the unverified `iss`, only to find which app's secret to verify with. */
function issuerOf(token: string): string {
  if (token.length > MAX_TOKEN_LENGTH || token.split('.').length !== 3) throw badToken();
  let header;
  let payload;
  try {
    header = decodeProtectedHeader(token);
    payload = decodeJwt(token);
  } catch {
    throw badToken();
  }
  if (header.alg !== ALG) {
    throw unauthorized('Unsupported token algorithm', `Sign-in tokens must be HS256, signed with the app's client secret (got ${JSON.stringify(String(header.alg ?? 'none')).slice(0, 40)}).`);
  }
  if (typeof payload.iss !== 'string' || !payload.iss || payload.iss.length > 200) {
    throw new ApiError('login_token_claims_invalid', { errors: { iss: "Required: the app's client id" } });
  }
  return payload.iss;
}

async function verifiedClaims(token: string, secret: string): Promise<Claims> {
  let payload;
  try {
    ({ payload } = await jwtVerify(token, hmacKey(secret), { algorithms: [ALG], clockTolerance: CLOCK_SKEW_SECONDS }));
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired) throw unauthorized('Sign-in token expired');
    if (err instanceof joseErrors.JWTClaimValidationFailed) {
      throw new ApiError('login_token_claims_invalid', { errors: { [err.claim]: err.reason } });
    }
    if (err instanceof joseErrors.JWSInvalid || err instanceof joseErrors.JWTInvalid) throw badToken();
    throw unauthorized('Invalid sign-in token signature', "The token was not signed with this app's client secret.");
  }
  const parsed = claimsSchema.safeParse(payload);
  if (!parsed.success) throw new ApiError('login_token_claims_invalid', { errors: issuesToErrors(parsed.error.issues) });
  return parsed.data;
}

function checkFreshness(iat: number, maxAge: number, now: number) {
  if (iat > now + CLOCK_SKEW_SECONDS) {
    throw unauthorized('Sign-in token not yet valid', 'Its iat is in the future; check the clock of the server that signs the tokens.');
  }
  if (now - iat > maxAge + CLOCK_SKEW_SECONDS) {
    throw unauthorized('Sign-in token expired', `Tokens must be used within ${maxAge} seconds of their iat.`);
  }
}

const offSite = () =>
  new ApiError('login_token_claims_invalid', {
    errors: { redirect_to: 'Must be a path on this site ("/account") or a URL on one of the store\'s storefronts' },
  });

/**
 * The Location to redirect to: a same-site relative path (a single leading "/", never "//" or "/\",
 * which browsers read as another host), or an absolute http(s) URL on the worker's own origin or a
 * channel's storefront origin. Paths are resolved by the URL parser first, so tabs, newlines and
 * backslashes cannot smuggle a second slash past the prefix check.
 */
export async function redirectTarget(c: Context<AppEnv>, redirectTo: string | undefined): Promise<string> {
  if (redirectTo === undefined || redirectTo === '') return '/';
  // Control characters are never part of a legitimate target; URL parsers drop some of them silently.
  if (/[\u0000-\u001f\u007f]/.test(redirectTo)) throw offSite();
  const own = new URL(c.req.url).origin;
  if (redirectTo.startsWith('/')) {
    if (redirectTo[1] === '/' || redirectTo[1] === '\\') throw offSite();
    let url: URL;
    try {
      url = new URL(redirectTo, own);
    } catch {
      throw offSite();
    }
    const path = `${url.pathname}${url.search}${url.hash}`;
    if (url.origin !== own || !path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) throw offSite();
    return path;
  }
  let url: URL;
  try {
    url = new URL(redirectTo);
  } catch {
    throw offSite();
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) throw offSite();
  if (url.origin === own) return url.href;
  const channels = await listChannelOrigins(c.env.DB);
  if (channels.some((ch) => ch.origins.includes(url.origin))) return url.href;
  throw offSite();
}

export function wantsJson(c: Context): boolean {
  return /application\/([\w.+-]+\+)?json/i.test(c.req.header('Accept') ?? '');
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The failure as the error shape (JSON clients) or a small script-free HTML page (browsers). */
export function failure(c: Context<AppEnv>, err: ApiError): Response {
  const headers = { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' };
  if (wantsJson(c)) return c.json(err.toBody(), err.status, headers);
  const detail = err.options.detail ?? (err.options.errors ? Object.entries(err.options.errors).map(([k, v]) => `${k}: ${v}`).join('; ') : '');
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>Sign-in failed</title></head>
<body>
<main>
<h1>Sign-in failed</h1>
<p><strong>${escapeHtml(err.title)}</strong></p>
${detail ? `<p>${escapeHtml(detail)}</p>\n` : ''}<p>Please go back and try again. If this keeps happening, contact the store.</p>
<p><a href="/">Continue to the store</a></p>
</main>
</body>
</html>
`;
  return c.html(html, err.status, {
    ...headers,
    'Content-Security-Policy': "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  });
}

const routes = new Hono<AppEnv>().get('/:jwt', async (c) => {
  // Hono answers HEAD with the GET handler; a HEAD (link checkers, prefetchers) must not spend the
  // single-use token, so it gets headers only and nothing is verified or recorded.
  if (c.req.method === 'HEAD') return c.body(null, 200, { 'Cache-Control': 'no-store' });
  try {
    const token = c.req.param('jwt');
    const clientId = issuerOf(token);
    const app = await findActiveAppCredentials(c.env.DB, clientId);
    if (!app) throw new ApiError('app_not_found', { detail: 'No active app has this client id (iss); it may have been revoked.' });
    const claims = await verifiedClaims(token, await decryptClientSecret(c.env, app.client_id, app.client_secret_encrypted));

    if (claims.store_hash !== c.env.STORE_HASH) {
      throw new ApiError('login_token_claims_invalid', { errors: { store_hash: 'Does not match this store' } });
    }
    const maxAge = maxAgeSeconds(c.env);
    const now = Math.floor(Date.now() / 1000);
    checkFreshness(claims.iat, maxAge, now);
    if (claims.request_ip !== undefined && claims.request_ip !== clientIp(c)) {
      throw unauthorized('Sign-in token is for another network address', 'Its request_ip does not match the address of this request.');
    }
    const location = await redirectTarget(c, claims.redirect_to);

    const customer = await getSsoCustomer(c.env.DB, claims.customer_id);
    if (!customer) throw new ApiError('customer_not_found', { detail: 'customer_id names no customer of this store.' });
    if (customer.force_password_reset) {
      throw new ApiError('password_reset_required');
    }
    if (claims.channel_id !== undefined && !(JSON.parse(customer.channel_ids) as number[]).includes(claims.channel_id)) {
      throw new ApiError('channel_forbidden', { detail: `channel_id ${claims.channel_id}` });
    }

    // Last, so a token refused for another reason is not burnt; the primary key makes this the
    // one atomic gate between concurrent uses of the same token.
    const first = await useJti(
      c.env.DB,
      { clientId: app.client_id, jti: claims.jti, expiresAt: toIso(new Date((claims.iat + maxAge + CLOCK_SKEW_SECONDS + 60) * 1000)) },
      { purge: Math.floor(Math.random() * PURGE_ONE_IN) === 0 },
    );
    if (!first) throw unauthorized('Sign-in token already used', 'Each token (jti) signs a shopper in once; ask the app for a new link.');

    await startSession(c, customer);
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
    return c.redirect(location, 302);
  } catch (err) {
    if (err instanceof ApiError) return failure(c, err);
    console.error('SSO sign-in failed unexpectedly', err);
    return failure(c, new ApiError('unavailable', { detail: 'Please try again in a moment.' }));
  }
});

export default routes;
