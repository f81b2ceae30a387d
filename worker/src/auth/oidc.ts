// OpenID Connect relying party (oauth4webapi): provider discovery, the authorization request (code +
// PKCE S256 + state + nonce) and the callback (state, code exchange, ID token checks, UserInfo when the
// ID token lacks the email). Matching the identity to a customer and starting the session are
// accounts/identities.ts.
//
// Why these choices: discovery metadata is cached per isolate for a few minutes (oauth4webapi keeps the
// provider's JWKS with it), so a sign-in costs one token request, not three. The ID token arrives over
// TLS straight from the token endpoint, where OIDC makes the signature check optional; we check it
// against the provider's JWKS anyway, so a token endpoint compromise or a misrouted request cannot mint
// identities. Every failure becomes an OidcError with a documented code: the shopper goes back to the
// store with `#oidc-error=<code>`, never a 500 or a stack.
import * as oauth from 'oauth4webapi';
import { sha256Hex } from './crypto';
import { OidcError } from './oidc-error';
import type { OidcProviderRow, OidcStateRow } from '../db/oidc';
import type { Bindings } from '../env';
import { toIso } from '../time';

// OidcError lives apart (oidc-error.ts) so code that only throws or catches it (link tickets in
// accounts/sign-in-methods.ts) does not pull oauth4webapi into the storefront core's chunk.
export { OidcError, type OidcErrorCode } from './oidc-error';

type OidcFetch = (url: string, init: RequestInit) => Promise<Response>;
const globalFetch: OidcFetch = (url, init) => fetch(url, init);
let oidcFetch: OidcFetch = globalFetch;

/**
 * Routes every request to providers (discovery, token, JWKS) through `fetch`; tests use it to reach the
 * OpenID provider they run in-process. Without an argument, back to the global fetch.
 */
export function setOidcFetch(fetchFn?: OidcFetch): void {
  oidcFetch = fetchFn ?? globalFetch;
}

const DISCOVERY_TTL_MS = 5 * 60_000;
const REQUEST_TIMEOUT_MS = 8_000;
/** How long a shopper may take at the provider. */
export const STATE_TTL_SECONDS = 10 * 60;

const discoveryCache = new Map<string, { at: number; as: oauth.AuthorizationServer }>();

/** Forget discovered metadata and keys (after a provider's issuer changes; tests). */
export function clearOidcCache(issuer?: string): void {
  if (issuer) discoveryCache.delete(issuer);
  else discoveryCache.clear();
}

/** http:// issuers only where ENVIRONMENT is local or test (a local provider); production needs https. */
export function allowsInsecureIssuers(env: Bindings): boolean {
  return env.ENVIRONMENT === 'local' || env.ENVIRONMENT === 'test';
}

function httpOptions(env: Bindings) {
  return {
    [oauth.customFetch]: (url: string, init: RequestInit) => oidcFetch(url, init),
    [oauth.allowInsecureRequests]: allowsInsecureIssuers(env),
    signal: () => AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  };
}

const unavailable = (what: string, err: unknown) =>
  new OidcError('provider_unavailable', `${what}: ${err instanceof Error ? err.message : String(err)}`);

/**
 * Whether a URL from the provider (its issuer, or an endpoint its discovery names) may be used: https,
 * or http where ENVIRONMENT is local or test. Anything else (`javascript:`, `data:`, a plain-http
 * authorization endpoint in production …) is refused: the browser is sent to the authorization endpoint.
 */
export function isAllowedProviderUrl(env: Bindings, value: unknown): boolean {
  if (typeof value !== 'string') return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return url.protocol === 'https:' || (url.protocol === 'http:' && allowsInsecureIssuers(env));
}

/** The discovery fields that are URLs the worker fetches or sends the browser to. */
const ENDPOINT_FIELDS = [
  'authorization_endpoint',
  'token_endpoint',
  'jwks_uri',
  'userinfo_endpoint',
  'end_session_endpoint',
  'revocation_endpoint',
  'introspection_endpoint',
  'pushed_authorization_request_endpoint',
] as const;

/** The provider's metadata from `{issuer}/.well-known/openid-configuration`, cached per isolate. */
async function discover(env: Bindings, issuer: string): Promise<oauth.AuthorizationServer> {
  const hit = discoveryCache.get(issuer);
  if (hit && Date.now() - hit.at < DISCOVERY_TTL_MS) return hit.as;
  if (!isAllowedProviderUrl(env, issuer)) throw new OidcError('provider_misconfigured', 'the issuer is not an https URL');
  let as: oauth.AuthorizationServer;
  try {
    const issuerUrl = new URL(issuer);
    as = await oauth.processDiscoveryResponse(issuerUrl, await oauth.discoveryRequest(issuerUrl, httpOptions(env)));
  } catch (err) {
    throw unavailable('discovery', err);
  }
  if (!as.authorization_endpoint || !as.token_endpoint || !as.jwks_uri) {
    throw new OidcError('provider_misconfigured', 'discovery document lacks authorization_endpoint, token_endpoint or jwks_uri');
  }
  const unsafe = ENDPOINT_FIELDS.find((field) => as[field] !== undefined && !isAllowedProviderUrl(env, as[field]));
  if (unsafe) throw new OidcError('provider_misconfigured', `discovery: ${unsafe} is not an https URL`);
  discoveryCache.set(issuer, { at: Date.now(), as });
  return as;
}

const clientOf = (provider: OidcProviderRow): oauth.Client => ({ client_id: provider.client_id });

function clientAuth(env: Bindings, provider: OidcProviderRow): oauth.ClientAuth {
  if (provider.token_endpoint_auth_method === 'none') return oauth.None();
  const secret = (env as unknown as Record<string, unknown>)[provider.client_secret_env];
  if (typeof secret !== 'string' || !secret) {
    throw new OidcError('provider_misconfigured', `secret ${provider.client_secret_env} is not set`);
  }
  return provider.token_endpoint_auth_method === 'client_secret_post' ? oauth.ClientSecretPost(secret) : oauth.ClientSecretBasic(secret);
}

/** Whether the provider's client secret is present in the environment (or not needed). */
export function hasClientSecret(env: Bindings, provider: OidcProviderRow): boolean {
  if (provider.token_endpoint_auth_method === 'none') return true;
  const secret = (env as unknown as Record<string, unknown>)[provider.client_secret_env];
  return typeof secret === 'string' && secret.length > 0;
}

/** The env var holding a provider's client secret: OIDC_<SLUG>_CLIENT_SECRET (dashes become underscores). */
export function clientSecretEnvName(slug: string): string {
  return `OIDC_${slug.toUpperCase().replace(/-/g, '_')}_CLIENT_SECRET`;
}

export interface AuthorizationRequest {
  url: string;
  state: string;
  row: OidcStateRow;
}

/** Builds the authorization URL and the state row to store (the verifier and nonce stay server-side). */
export async function authorizationRequest(
  env: Bindings,
  provider: OidcProviderRow,
  options: { redirectUri: string; returnTo: string; linkCustomerId: number | null; now?: number },
): Promise<AuthorizationRequest> {
  const as = await discover(env, provider.issuer);
  const state = oauth.generateRandomState();
  const nonce = oauth.generateRandomNonce();
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const url = new URL(as.authorization_endpoint!);
  url.searchParams.set('client_id', provider.client_id);
  url.searchParams.set('redirect_uri', options.redirectUri);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', provider.scopes);
  url.searchParams.set('state', state);
  url.searchParams.set('nonce', nonce);
  url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(codeVerifier));
  url.searchParams.set('code_challenge_method', 'S256');
  const expiresAt = toIso(new Date((options.now ?? Date.now()) + STATE_TTL_SECONDS * 1000));
  return {
    url: url.href,
    state,
    row: {
      state_hash: await hashState(state),
      provider: provider.slug,
      nonce,
      code_verifier: codeVerifier,
      return_to: options.returnTo,
      link_customer_id: options.linkCustomerId,
      expires_at: expiresAt,
    },
  };
}

export const hashState = (state: string) => sha256Hex(`oidc-state:${state}`);

/** The verified ID token claims of a callback whose state row was already taken. */
export async function completeAuthorization(
  env: Bindings,
  provider: OidcProviderRow,
  stateRow: OidcStateRow,
  callbackParams: URLSearchParams,
  state: string,
  redirectUri: string,
): Promise<oauth.IDToken> {
  const as = await discover(env, provider.issuer);
  const client = clientOf(provider);
  let params: URLSearchParams;
  try {
    params = oauth.validateAuthResponse(as, client, callbackParams, state);
  } catch (err) {
    if (err instanceof oauth.AuthorizationResponseError) {
      throw new OidcError(
        err.error === 'access_denied' ? 'access_denied' : 'provider_error',
        `${err.error}${err.error_description ? `: ${err.error_description}` : ''}`,
      );
    }
    // A mismatching `iss` (RFC 9207: a mix-up attack) or a missing code.
    throw new OidcError('provider_error', err instanceof Error ? err.message : 'invalid authorization response');
  }

  const auth = clientAuth(env, provider);
  let response: Response;
  try {
    response = await oauth.authorizationCodeGrantRequest(as, client, auth, params, redirectUri, stateRow.code_verifier, httpOptions(env));
  } catch (err) {
    throw unavailable('token request', err);
  }
  if (response.status >= 500) throw new OidcError('provider_unavailable', `token endpoint answered ${response.status}`);

  let result: oauth.TokenEndpointResponse;
  try {
    result = await oauth.processAuthorizationCodeResponse(as, client, response, { expectedNonce: stateRow.nonce, requireIdToken: true });
  } catch (err) {
    if (err instanceof oauth.ResponseBodyError) {
      // invalid_grant: the code expired, was used already, or its PKCE verifier did not match.
      throw new OidcError(err.error === 'invalid_grant' ? 'invalid_code' : 'provider_error', `token endpoint: ${err.error}`);
    }
    if (err instanceof oauth.WWWAuthenticateChallengeError) throw new OidcError('provider_error', 'token endpoint refused the client');
    throw new OidcError('invalid_id_token', err instanceof Error ? err.message : 'invalid token response');
  }

  try {
    await oauth.validateApplicationLevelSignature(as, response, httpOptions(env));
  } catch (err) {
    if (err instanceof oauth.OperationProcessingError && err.code === oauth.RESPONSE_IS_NOT_CONFORM) throw unavailable('JWKS', err);
    if (err instanceof oauth.OperationProcessingError || err instanceof oauth.UnsupportedOperationError) {
      throw new OidcError('invalid_id_token', err.message);
    }
    throw unavailable('JWKS', err);
  }
  const claims = oauth.getValidatedIdTokenClaims(result);
  if (!claims) throw new OidcError('invalid_id_token', 'no ID token');
  if (typeof claims.email === 'string' && typeof claims.email_verified === 'boolean') return claims;
  return withUserInfo(env, as, client, claims, result.access_token);
}

/** The profile claims matching takes from UserInfo when the ID token lacks them. */
const PROFILE_CLAIMS = ['given_name', 'family_name', 'name'] as const;

/**
 * OpenID Connect Core §5.4: with an access token issued, a provider may put `email` and the profile claims
 * in the UserInfo response only (panva's oidc-provider does by default), so the ID token carries just
 * `sub`. Then UserInfo is asked, its `sub` must be the ID token's (processUserInfoResponse checks it),
 * and what the ID token lacks is taken from it: `email` and `email_verified` together (from the one
 * source that has the email), names where missing. The ID token's own claims are never replaced.
 */
async function withUserInfo(
  env: Bindings,
  as: oauth.AuthorizationServer,
  client: oauth.Client,
  claims: oauth.IDToken,
  accessToken: string,
): Promise<oauth.IDToken> {
  if (!as.userinfo_endpoint || !accessToken) return claims;
  let response: Response;
  try {
    response = await oauth.userInfoRequest(as, client, accessToken, httpOptions(env));
  } catch (err) {
    throw unavailable('UserInfo request', err);
  }
  if (response.status >= 500) throw new OidcError('provider_unavailable', `UserInfo endpoint answered ${response.status}`);
  let info: oauth.UserInfoResponse;
  try {
    info = await oauth.processUserInfoResponse(as, client, claims.sub, response);
  } catch (err) {
    // A `sub` other than the ID token's (someone else's profile), an error answer or a malformed body.
    throw new OidcError('provider_error', `UserInfo: ${err instanceof Error ? err.message : String(err)}`);
  }
  const merged: Record<string, unknown> = { ...claims };
  if (typeof claims.email !== 'string' && typeof info.email === 'string') {
    merged.email = info.email;
    merged.email_verified = info.email_verified;
  } else if (typeof claims.email === 'string' && claims.email_verified === undefined && info.email === claims.email) {
    merged.email_verified = info.email_verified;
  }
  for (const name of PROFILE_CLAIMS) if (merged[name] === undefined && typeof info[name] === 'string') merged[name] = info[name];
  return merged as oauth.IDToken;
}
