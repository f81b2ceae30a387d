// Customer access tokens: short-lived ES256 JWTs with `kid`, `iss`, `aud`, `exp`, `typ: at+jwt`.
// Verification pins the algorithm, requires every claim, and refuses key-carrying headers (`jku`,
// `jwk`, `x5u`, `x5c`) outright: keys come only from our own configuration, never from a token.
// Rotation: TOKEN_SIGNING_KEY signs; TOKEN_PREVIOUS_KEYS (public JWKs) still verify and are published
// in the JWKS until the overlap ends.
import { decodeProtectedHeader, importJWK, type JWK, jwtVerify, SignJWT } from 'jose';
import type { Bindings, TokenClaims } from '../env';
import { ApiError } from '../errors';

const ACCESS_TOKEN_TYPE = 'at+jwt';
const ALG = 'ES256';

interface KeySet {
  signing: { kid: string; key: CryptoKey };
  verifying: Map<string, CryptoKey>;
  jwks: JWK[];
}

// Keys are parsed once per isolate per configuration, not per request.
let cached: { config: string; keys: Promise<KeySet> } | undefined;

function publicJwk(jwk: JWK): JWK {
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, key_ops: _ops, ...pub } = jwk;
  return { ...pub, alg: ALG, use: 'sig' };
}

async function loadKeys(env: Bindings): Promise<KeySet> {
  if (!env.TOKEN_SIGNING_KEY) throw new Error('TOKEN_SIGNING_KEY is not configured (see docs/deploy.md: Configuration)');
  const config = `${env.TOKEN_SIGNING_KEY}\n${env.TOKEN_PREVIOUS_KEYS ?? ''}`;
  if (cached?.config !== config) {
    cached = {
      config,
      keys: (async () => {
        const privateJwk = JSON.parse(env.TOKEN_SIGNING_KEY!) as JWK;
        if (!privateJwk.kid) throw new Error('TOKEN_SIGNING_KEY needs a kid');
        const previous = env.TOKEN_PREVIOUS_KEYS ? (JSON.parse(env.TOKEN_PREVIOUS_KEYS) as JWK[]) : [];
        // The signing key always wins its kid: a previous key reusing it (or without one) would otherwise
        // shadow the current key and every newly issued token would fail verification.
        const jwks = [publicJwk(privateJwk)];
        for (const jwk of previous) if (jwk.kid && !jwks.some((k) => k.kid === jwk.kid)) jwks.push(publicJwk(jwk));
        const verifying = new Map<string, CryptoKey>();
        for (const jwk of jwks) verifying.set(jwk.kid!, (await importJWK(jwk, ALG)) as CryptoKey);
        return { signing: { kid: privateJwk.kid, key: (await importJWK(privateJwk, ALG)) as CryptoKey }, verifying, jwks };
      })(),
    };
    cached.keys.catch(() => (cached = undefined));
  }
  return cached.keys;
}

export function tokenIssuer(env: Bindings): string {
  return `urn:storefront-accounts:${env.STORE_HASH}`;
}
export function tokenAudience(env: Bindings): string {
  return `urn:storefront-accounts:${env.STORE_HASH}:storefront`;
}

export function accessTokenTtl(env: Bindings): number {
  return Number(env.ACCESS_TOKEN_TTL ?? 900);
}

export async function publicJwks(env: Bindings): Promise<{ keys: JWK[] }> {
  return { keys: (await loadKeys(env)).jwks };
}

export async function issueAccessToken(env: Bindings, shopper: TokenClaims & { channelId?: number }): Promise<string> {
  const { signing } = await loadKeys(env);
  return new SignJWT({
    tv: shopper.tokenVersion,
    gid: shopper.groupId,
    ...(shopper.channelId ? { cid: shopper.channelId } : {}),
    // When the session signed in (kept across refreshes): linking a sign-in provider needs a recent one.
    ...(shopper.authTime ? { auth_time: shopper.authTime } : {}),
  })
    .setProtectedHeader({ alg: ALG, kid: signing.kid, typ: ACCESS_TOKEN_TYPE })
    .setIssuer(tokenIssuer(env))
    .setAudience(tokenAudience(env))
    .setSubject(String(shopper.customerId))
    .setIssuedAt()
    .setExpirationTime(`${accessTokenTtl(env)}s`)
    .setJti(crypto.randomUUID())
    .sign(signing.key);
}

const FORBIDDEN_HEADERS = ['jku', 'jwk', 'x5u', 'x5c', 'crit'];

/** Verifies an access token; any failure is the same 401 (the reason is not the caller's business). */
export async function verifyAccessToken(env: Bindings, token: string): Promise<TokenClaims> {
  const unauthorized = () => new ApiError('token_invalid', { headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } });
  let header;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    throw unauthorized();
  }
  if (header.alg !== ALG || FORBIDDEN_HEADERS.some((h) => h in header)) throw unauthorized();
  const { verifying } = await loadKeys(env);
  try {
    const { payload } = await jwtVerify(
      token,
      (h) => {
        const key = h.kid ? verifying.get(h.kid) : undefined;
        if (!key) throw new Error('unknown kid');
        return key;
      },
      {
        algorithms: [ALG],
        issuer: tokenIssuer(env),
        audience: tokenAudience(env),
        typ: ACCESS_TOKEN_TYPE,
        requiredClaims: ['exp', 'iat', 'sub', 'tv'],
        clockTolerance: 5,
      },
    );
    const customerId = Number(payload.sub);
    if (!Number.isSafeInteger(customerId) || typeof payload.tv !== 'number') throw new Error('bad claims');
    return {
      customerId,
      tokenVersion: payload.tv,
      groupId: typeof payload.gid === 'number' ? payload.gid : 0,
      ...(typeof payload.auth_time === 'number' ? { authTime: payload.auth_time } : {}),
    };
  } catch {
    throw unauthorized();
  }
}
