// A tiny real OpenID provider for the e2e suite: a Node HTTP server on a free port with its own ES256
// key (jose). Discovery, JWKS, an /authorize that approves at once (redirects back with a code), and a
// /token that checks the client secret (client_secret_basic), the code (one use), the redirect URI and
// the PKCE verifier, then returns an ID token with the nonce and `email_verified: true`; a /userinfo that
// answers the user's claims for the access token. With `claimsIn: 'userinfo'` it behaves like panva's
// oidc-provider by default (OpenID Connect Core §5.4): the ID token carries only `sub`, the rest is in UserInfo.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { freePort } from './dev-server';

export interface OidcUser {
  sub: string;
  email: string;
  given_name: string;
  family_name: string;
}

export interface E2eProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Who signs in at the next /authorize. */
  user: OidcUser;
  /** `userinfo`: the ID token carries only `sub` (and the nonce), the claims come from UserInfo. */
  claimsIn: 'id_token' | 'userinfo';
  /** How often /userinfo answered a valid access token. */
  userInfoRequests: number;
  /** What /token was asked (grant checks passed or not). */
  tokenRequests: { ok: boolean; reason?: string }[];
  close(): Promise<void>;
}

export async function startOidcProvider(): Promise<E2eProvider> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const kid = `e2e-${randomBytes(4).toString('hex')}`;
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
  const codes = new Map<string, { redirectUri: string; challenge: string; nonce: string; user: OidcUser }>();
  const accessTokens = new Map<string, OidcUser>();
  const provider: E2eProvider = {
    issuer,
    clientId: `e2e-client-${randomUUID()}`,
    clientSecret: `e2e-secret-${randomBytes(16).toString('hex')}`,
    user: { sub: randomUUID(), email: `oidc-${randomBytes(4).toString('hex')}@example.com`, given_name: 'Olive', family_name: 'Idp' },
    claimsIn: 'id_token',
    userInfoRequests: 0,
    tokenRequests: [],
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  const json = (res: import('node:http').ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  const refuse = (res: import('node:http').ServerResponse, reason: string) => {
    provider.tokenRequests.push({ ok: false, reason });
    json(res, 400, { error: 'invalid_grant', error_description: reason });
  };

  const handle = async (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => {
    const url = new URL(req.url!, issuer);
    if (req.method === 'GET' && url.pathname === '/.well-known/openid-configuration') {
      return json(res, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['ES256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic'],
        userinfo_endpoint: `${issuer}/userinfo`,
      });
    }
    if (req.method === 'GET' && url.pathname === '/userinfo') {
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const user = token ? accessTokens.get(token) : undefined;
      if (!user) {
        res.writeHead(401, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
        return res.end();
      }
      provider.userInfoRequests++;
      return json(res, 200, { ...user, email_verified: true });
    }
    if (req.method === 'GET' && url.pathname === '/jwks') return json(res, 200, { keys: [jwk] });
    if (req.method === 'GET' && url.pathname === '/authorize') {
      const q = Object.fromEntries(url.searchParams);
      const ok =
        q.client_id === provider.clientId &&
        q.response_type === 'code' &&
        q.code_challenge_method === 'S256' &&
        q.code_challenge &&
        q.nonce &&
        q.state &&
        q.redirect_uri &&
        q.scope?.split(' ').includes('openid');
      if (!ok) {
        res.writeHead(400, { 'Content-Type': 'text/plain' });
        return res.end('bad authorization request');
      }
      // The shopper "approves" at once.
      const code = randomUUID();
      codes.set(code, { redirectUri: q.redirect_uri!, challenge: q.code_challenge!, nonce: q.nonce!, user: provider.user });
      const back = new URL(q.redirect_uri!);
      back.searchParams.set('code', code);
      back.searchParams.set('state', q.state!);
      res.writeHead(302, { Location: back.href });
      return res.end();
    }
    if (req.method === 'POST' && url.pathname === '/token') {
      let raw = '';
      for await (const chunk of req) raw += chunk;
      const form = new URLSearchParams(raw);
      const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const [id, secret] = basic ? Buffer.from(basic, 'base64').toString().split(':').map(decodeURIComponent) : [];
      if (id !== provider.clientId || secret !== provider.clientSecret) {
        provider.tokenRequests.push({ ok: false, reason: 'client' });
        return json(res, 401, { error: 'invalid_client' });
      }
      if (form.get('grant_type') !== 'authorization_code') return refuse(res, 'grant_type');
      const issued = codes.get(form.get('code') ?? '');
      if (!issued) return refuse(res, 'code unknown or used');
      codes.delete(form.get('code')!);
      if (form.get('redirect_uri') !== issued.redirectUri) return refuse(res, 'redirect_uri');
      if (
        createHash('sha256')
          .update(form.get('code_verifier') ?? '')
          .digest('base64url') !== issued.challenge
      )
        return refuse(res, 'PKCE');
      const claims = provider.claimsIn === 'userinfo' ? { sub: issued.user.sub } : { ...issued.user, email_verified: true };
      const idToken = await new SignJWT({ ...claims, nonce: issued.nonce })
        .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
        .setIssuer(issuer)
        .setAudience(provider.clientId)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey);
      provider.tokenRequests.push({ ok: true });
      const accessToken = randomUUID();
      accessTokens.set(accessToken, issued.user);
      return json(res, 200, { access_token: accessToken, token_type: 'Bearer', expires_in: 300, id_token: idToken });
    }
    res.writeHead(404).end();
  };
  // A failing handler answers 500 (what a real provider would), instead of an unhandled rejection that ends the test run.
  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return provider;
}
