// Customer Login SSO tokens as BigCommerce defines them: a trusted app signs a short-lived HS256 JWT
// with its client secret (claims iss = client_id, iat, jti, operation "customer_login", store_hash,
// customer_id, optional channel_id, redirect_to, request_ip). This module verifies the token itself;
// whether the customer may be signed in (and the single use of its jti) is accounts/identities.ts.
//
// Why each check: the algorithm is pinned before anything else (alg "none" and RS/ES tokens would let a
// public key or nothing stand in for the secret); the unverified payload is read only to find the app by
// `iss`, then jose verifies the signature with that app's secret; `iat` must be fresh and not in the
// future (the URL travels through browser history, logs and Referer headers).
import { decodeJwt, decodeProtectedHeader, errors as joseErrors, type JWTPayload, jwtVerify, type ProtectedHeaderParameters } from 'jose';
import * as z from 'zod/mini';
import { hmacKey } from './app-secrets';
import type { Bindings } from '../env';
import { ApiError, fieldError } from '../errors';
import { issuesToErrors } from '../validation';

const ALG = 'HS256';
export const CLOCK_SKEW_SECONDS = 5;
const DEFAULT_MAX_AGE_SECONDS = 30;
const MAX_TOKEN_LENGTH = 8192;

/** How old (by `iat`) an SSO token may be: SSO_MAX_AGE_SECONDS, default 30, at most an hour. */
export function loginTokenMaxAge(env: Bindings & { SSO_MAX_AGE_SECONDS?: string }): number {
  const n = Number(env.SSO_MAX_AGE_SECONDS ?? DEFAULT_MAX_AGE_SECONDS);
  return Number.isFinite(n) && n > 0 ? Math.min(Math.floor(n), 3600) : DEFAULT_MAX_AGE_SECONDS;
}

const claimsSchema = z.object({
  iss: z.string().check(z.minLength(1), z.maxLength(200)),
  iat: z.number({ message: 'Required: seconds since the epoch' }).check(z.int(), z.nonnegative()),
  jti: z.string({ message: 'Required: a unique id per token' }).check(z.minLength(1), z.maxLength(200)),
  operation: z.literal('customer_login', { message: 'Must be "customer_login"' }),
  store_hash: z.string({ message: 'Required' }),
  customer_id: z.number({ message: 'Required: the customer id' }).check(z.int(), z.positive(), z.maximum(Number.MAX_SAFE_INTEGER)),
  channel_id: z.optional(z.number().check(z.int(), z.positive(), z.maximum(Number.MAX_SAFE_INTEGER))),
  redirect_to: z.optional(z.string().check(z.maxLength(2048))),
  request_ip: z.optional(z.string().check(z.maxLength(100))),
});
export type LoginTokenClaims = z.infer<typeof claimsSchema>;

const badToken = () => new ApiError('login_token_invalid', { detail: 'Expected a JWT (header.payload.signature).' });

/** Pins HS256 and returns the unverified `iss`, only to find which app's secret to verify with. */
export function loginTokenIssuer(token: string): string {
  if (token.length > MAX_TOKEN_LENGTH || token.split('.').length !== 3) throw badToken();
  let header: ProtectedHeaderParameters;
  let payload: JWTPayload;
  try {
    header = decodeProtectedHeader(token);
    payload = decodeJwt(token);
  } catch {
    throw badToken();
  }
  if (header.alg !== ALG) {
    throw new ApiError('login_token_algorithm', {
      detail: `Sign-in tokens must be HS256, signed with the app's client secret (got ${JSON.stringify(String(header.alg ?? 'none')).slice(0, 40)}).`,
    });
  }
  if (typeof payload.iss !== 'string' || !payload.iss || payload.iss.length > 200) {
    throw new ApiError('login_token_claims_invalid', { errors: { iss: fieldError('required', "Required: the app's client id") } });
  }
  return payload.iss;
}

/** The verified claims of a token signed with `secret`, fresh by `iat` (`now` in seconds). */
export async function verifyLoginToken(env: Bindings, token: string, secret: string, now = Math.floor(Date.now() / 1000)): Promise<LoginTokenClaims> {
  let payload;
  try {
    ({ payload } = await jwtVerify(token, hmacKey(secret), { algorithms: [ALG], clockTolerance: CLOCK_SKEW_SECONDS }));
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired) throw new ApiError('login_token_expired');
    if (err instanceof joseErrors.JWTClaimValidationFailed) {
      throw new ApiError('login_token_claims_invalid', { errors: { [err.claim]: fieldError('invalid_value', err.reason) } });
    }
    if (err instanceof joseErrors.JWSInvalid || err instanceof joseErrors.JWTInvalid) throw badToken();
    throw new ApiError('login_token_signature_invalid', { detail: "The token was not signed with this app's client secret." });
  }
  const parsed = claimsSchema.safeParse(payload);
  if (!parsed.success) throw new ApiError('login_token_claims_invalid', { errors: issuesToErrors(parsed.error.issues) });
  const claims = parsed.data;
  if (claims.store_hash !== env.STORE_HASH) {
    throw new ApiError('login_token_claims_invalid', { errors: { store_hash: fieldError('mismatch', 'Does not match this store') } });
  }
  const maxAge = loginTokenMaxAge(env);
  if (claims.iat > now + CLOCK_SKEW_SECONDS) {
    throw new ApiError('login_token_not_yet_valid', { detail: 'Its iat is in the future; check the clock of the server that signs the tokens.' });
  }
  if (now - claims.iat > maxAge + CLOCK_SKEW_SECONDS) {
    throw new ApiError('login_token_expired', { detail: `Tokens must be used within ${maxAge} seconds of their iat.` });
  }
  return claims;
}
