// A small OpenID provider the tests run in-process: its own ES256 keys (jose), discovery, JWKS, an
// authorization endpoint that approves at once (or denies, when told to) and a token endpoint that checks
// the client secret, the code (one use), the redirect URI and the PKCE verifier, and returns an ID token
// with the nonce, and a UserInfo endpoint (`claimsIn: 'userinfo'`: the claims only there, like panva's
// oidc-provider by default). The worker reaches it through setOidcFetch: the real HTTP exchange, without a socket.
import { env } from 'cloudflare:test';
import { Hono } from 'hono';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { clearOidcCache, setOidcFetch } from '../../../worker/src/auth/oidc';
import { adminToken, BASE, call, randomIp } from '../../helpers/api';
import { fetchChecked } from '../../helpers/contract';

export interface TestUser {
  sub: string;
  email?: string;
  email_verified?: unknown;
  given_name?: string;
  family_name?: string;
  name?: string;
}

interface IssuedCode {
  redirectUri: string;
  challenge: string;
  nonce: string;
  user: TestUser;
  used: boolean;
}

type Key = { privateKey: CryptoKey; kid: string };

async function newKey(kid: string): Promise<Key & { jwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  return { privateKey, kid, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' } };
}

const b64url = (bytes: ArrayBuffer) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

export class TestProvider {
  readonly issuer: string;
  readonly clientId = `client-${crypto.randomUUID()}`;
  readonly clientSecret = `secret-${crypto.randomUUID()}`;
  readonly app = new Hono();
  /** Who signs in at the next /authorize. */
  user: TestUser = { sub: crypto.randomUUID() };
  /** Deny consent at /authorize (error=access_denied). */
  deny = false;
  /** Changes to the next ID token's claims (nonce, aud, exp …). */
  claimOverrides: Record<string, unknown> = {};
  /** Sign ID tokens with this key instead of the published one. */
  signWith?: Key;
  /** Answer discovery or the token endpoint with a 503. */
  down: { discovery?: boolean; token?: boolean } = {};
  /**
   * Where the user's claims go: `id_token` (all in the ID token), or `userinfo` as panva's oidc-provider
   * does by default (OpenID Connect Core §5.4): the ID token carries only `sub`, the rest is in UserInfo.
   */
  claimsIn: 'id_token' | 'userinfo' = 'id_token';
  /** Changes to the next UserInfo answer's claims (another `sub` …). */
  userInfoOverrides: Record<string, unknown> = {};
  /** Changes to the discovery document (an http or `javascript:` endpoint …). */
  discoveryOverrides: Record<string, unknown> = {};
  /** Requests the UserInfo endpoint received. */
  userInfoRequests = 0;
  /** Requests the token endpoint received (for asserting what the worker sent). */
  readonly tokenRequests: URLSearchParams[] = [];
  private readonly codes = new Map<string, IssuedCode>();
  private readonly accessTokens = new Map<string, TestUser>();

  private constructor(
    readonly slug: string,
    private readonly key: Key & { jwk: JWK },
    issuer?: string,
  ) {
    this.issuer = issuer ?? `https://idp-${slug}.example`;
    this.routes();
  }

  /** A provider (`issuer`: another than the slug's own, e.g. for the same slug at a second issuer). */
  static async create(slug = `idp${crypto.randomUUID().slice(0, 8)}`, issuer?: string): Promise<TestProvider> {
    const provider = new TestProvider(slug, await newKey(`key-${slug}`), issuer);
    providers.set(new URL(provider.issuer).host, provider);
    return provider;
  }

  /** Another key pair, not published in the JWKS (same `kid` or its own). */
  static newKey = newKey;

  fetch(url: string, init?: RequestInit): Promise<Response> {
    return Promise.resolve(this.app.fetch(new Request(url, init)));
  }

  private routes() {
    const app = this.app;
    app.get('/.well-known/openid-configuration', (c) => {
      if (this.down.discovery) return c.text('maintenance', 503);
      return c.json({
        issuer: this.issuer,
        authorization_endpoint: `${this.issuer}/authorize`,
        token_endpoint: `${this.issuer}/token`,
        jwks_uri: `${this.issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['ES256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic'],
        userinfo_endpoint: `${this.issuer}/userinfo`,
        ...this.discoveryOverrides,
      });
    });

    app.get('/userinfo', (c) => {
      this.userInfoRequests++;
      const token = /^Bearer (.+)$/.exec(c.req.header('Authorization') ?? '')?.[1];
      const user = token ? this.accessTokens.get(token) : undefined;
      if (!user) return c.body(null, 401, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
      return c.json({ ...user, ...this.userInfoOverrides });
    });

    app.get('/jwks', (c) => c.json({ keys: [this.key.jwk] }));

    app.get('/authorize', (c) => {
      const q = c.req.query();
      if (q.client_id !== this.clientId) return c.text('unknown client', 400);
      if (q.response_type !== 'code' || q.code_challenge_method !== 'S256' || !q.code_challenge || !q.nonce || !q.state)
        return c.text('bad request', 400);
      if (!q.scope?.split(' ').includes('openid')) return c.text('openid scope required', 400);
      const back = new URL(q.redirect_uri!);
      back.searchParams.set('state', q.state);
      if (this.deny) {
        back.searchParams.set('error', 'access_denied');
        back.searchParams.set('error_description', 'The user denied the request');
        return c.redirect(back.href, 302);
      }
      const code = crypto.randomUUID();
      this.codes.set(code, { redirectUri: q.redirect_uri!, challenge: q.code_challenge, nonce: q.nonce, user: this.user, used: false });
      back.searchParams.set('code', code);
      return c.redirect(back.href, 302);
    });

    app.post('/token', async (c) => {
      if (this.down.token) return c.text('maintenance', 503);
      const form = new URLSearchParams(new TextDecoder().decode(await c.req.arrayBuffer()));
      this.tokenRequests.push(form);
      const basic = /^Basic (.+)$/.exec(c.req.header('Authorization') ?? '')?.[1];
      const [id, secret] = basic ? atob(basic).split(':').map(decodeURIComponent) : [];
      if (id !== this.clientId || secret !== this.clientSecret) return c.json({ error: 'invalid_client' }, 401);
      if (form.get('grant_type') !== 'authorization_code') return c.json({ error: 'unsupported_grant_type' }, 400);
      const issued = this.codes.get(form.get('code') ?? '');
      if (!issued || issued.used) return c.json({ error: 'invalid_grant', error_description: 'code unknown or used' }, 400);
      issued.used = true;
      if (form.get('redirect_uri') !== issued.redirectUri) return c.json({ error: 'invalid_grant', error_description: 'redirect_uri' }, 400);
      const challenge = b64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(form.get('code_verifier') ?? '')));
      if (challenge !== issued.challenge) return c.json({ error: 'invalid_grant', error_description: 'PKCE' }, 400);
      const now = Math.floor(Date.now() / 1000);
      const key = this.signWith ?? this.key;
      const idTokenClaims = this.claimsIn === 'userinfo' ? { sub: issued.user.sub } : issued.user;
      const idToken = await new SignJWT({ ...idTokenClaims, nonce: issued.nonce, ...this.claimOverrides })
        .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'JWT' })
        .setIssuer((this.claimOverrides.iss as string) ?? this.issuer)
        .setAudience((this.claimOverrides.aud as string) ?? this.clientId)
        .setIssuedAt(now)
        .setExpirationTime((this.claimOverrides.exp as number) ?? now + 300)
        .sign(key.privateKey);
      const accessToken = crypto.randomUUID();
      this.accessTokens.set(accessToken, issued.user);
      return c.json({ access_token: accessToken, token_type: 'Bearer', expires_in: 300, id_token: idToken });
    });
  }
}

/** Every test provider by host; the worker's provider requests are routed here. */
const providers = new Map<string, TestProvider>();
setOidcFetch(async (url, init) => {
  const provider = providers.get(new URL(url).host);
  if (!provider) throw new TypeError(`fetch failed: ${url}`);
  return provider.fetch(url, init);
});

let writer: string | undefined;
export async function adminWriter(): Promise<string> {
  writer ??= await adminToken(['store_v2_customers']);
  return writer;
}

/** A provider configured in the store through the admin API, with its secret in the worker's env. */
export async function configuredProvider(over: Record<string, unknown> = {}): Promise<TestProvider> {
  const idp = await TestProvider.create();
  const res = await call('POST', '/v3/oidc-providers', {
    token: await adminWriter(),
    body: { slug: idp.slug, name: `Test IdP ${idp.slug}`, issuer: idp.issuer, client_id: idp.clientId, ...over },
  });
  if (res.status !== 201) throw new Error(`provider creation failed ${res.status}: ${res.text}`);
  (env as unknown as Record<string, string>)[res.body.data.client_secret_env] = idp.clientSecret;
  clearOidcCache(idp.issuer);
  return idp;
}

export interface FlowResult {
  /** The worker's final answer (the callback, or /start when it failed there). */
  status: number;
  location: string;
  headers: Headers;
  text: string;
  /** The callback URL the provider sent the browser to. */
  callbackUrl?: string;
  stateCookie?: string;
}

const manual = (headers: Record<string, string> = {}) => ({ redirect: 'manual' as const, headers: { 'CF-Connecting-IP': randomIp(), ...headers } });

/** GET /start: the provider URL and the state cookie. */
export async function start(idp: TestProvider, returnTo = '/account', headers: Record<string, string> = {}) {
  const query = returnTo === '' ? '' : `?return_to=${encodeURIComponent(returnTo)}`;
  const res = await fetchChecked(`${BASE}/storefront/oidc/${idp.slug}/start${query}`, manual(headers));
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('sfa_oidc_state='));
  return { res, location: res.headers.get('Location') ?? '', stateCookie: cookie?.split(';')[0]!.slice('sfa_oidc_state='.length), setCookie: cookie };
}

/**
 * Opens the one-time link URL `POST …/oidc/{p}/link` answered, in the worker (as the shopper's browser
 * does): where it sends the browser (the provider) and the state cookie it set.
 */
export async function openLink(linkUrl: string) {
  const res = await fetchChecked(linkUrl, manual());
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('sfa_oidc_state='));
  return { res, location: res.headers.get('Location') ?? '', stateCookie: cookie?.split(';')[0]!.slice('sfa_oidc_state='.length) };
}

/** The provider's /authorize for an authorization URL: where it sends the browser back to. */
export async function authorize(idp: TestProvider, authorizationUrl: string): Promise<string> {
  const res = await idp.fetch(authorizationUrl, { redirect: 'manual' });
  if (res.status !== 302) throw new Error(`authorize failed ${res.status}: ${await res.text()}`);
  return res.headers.get('Location')!;
}

/** Opens a callback URL in the worker, with the state cookie when given. */
export async function callback(url: string, stateCookie?: string, headers: Record<string, string> = {}): Promise<FlowResult> {
  const res = await fetchChecked(url, manual({ ...(stateCookie ? { Cookie: `sfa_oidc_state=${stateCookie}` } : {}), ...headers }));
  return {
    status: res.status,
    location: res.headers.get('Location') ?? '',
    headers: res.headers,
    text: await res.text(),
    callbackUrl: url,
    stateCookie,
  };
}

/** The whole browser round trip: start → provider → callback. */
export async function signInWith(
  idp: TestProvider,
  user: TestUser,
  returnTo = '/account',
  headers: Record<string, string> = {},
): Promise<FlowResult> {
  idp.user = user;
  const s = await start(idp, returnTo);
  if (s.res.status !== 302 || !s.location.startsWith(idp.issuer)) {
    return { status: s.res.status, location: s.location, headers: s.res.headers, text: await s.res.text() };
  }
  return callback(await authorize(idp, s.location), s.stateCookie, headers);
}

/** The customer a response's refresh cookie signs in (through the refresh route, as the widget would). */
export async function signedInCustomer(
  headers: Headers,
): Promise<{ id: number; email: string; first_name: string; last_name: string; has_password?: boolean } | null> {
  const cookie = headers.getSetCookie().find((c) => c.startsWith('sfa_refresh=') && !/Max-Age=0/i.test(c));
  if (!cookie) return null;
  const refreshed = await call('POST', '/storefront/session/refresh', { headers: { Cookie: cookie.split(';')[0]! } });
  if (refreshed.status !== 200) throw new Error(`refresh failed ${refreshed.status}: ${refreshed.text}`);
  const me = await call('GET', '/storefront/customer', { headers: { Authorization: `Bearer ${refreshed.body.access_token}` } });
  return me.body.customer;
}

export const newUser = (over: Partial<TestUser> = {}): TestUser => ({
  sub: crypto.randomUUID(),
  email: `oidc.${crypto.randomUUID().slice(0, 12)}@example.com`,
  email_verified: true,
  given_name: 'Olivia',
  family_name: 'Ident',
  ...over,
});
