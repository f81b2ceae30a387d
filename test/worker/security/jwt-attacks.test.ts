// Forged and tampered customer access tokens against the real worker: every one is refused with the same
// 401 error body, on a read (GET /storefront/customer) and on a write (DELETE /storefront/sessions).
// A positive control (a token signed with the server's own key and the right claims) is accepted, so the
// negatives fail for the reason each one names, not because something else is wrong with them.
// Key rotation is checked on the token functions directly, with an env of our own.
import { env } from 'cloudflare:test';
import { base64url, exportJWK, generateKeyPair, importJWK, type JWK, type JWTPayload, type JWTHeaderParameters, SignJWT, UnsecuredJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { issueAccessToken, publicJwks, tokenAudience, tokenIssuer, verifyAccessToken } from '../../../worker/src/auth/customer-tokens';
import type { Bindings } from '../../../worker/src/env';
import { ApiError } from '../../../worker/src/errors';
import { ERROR_CODES } from '../../../worker/src/shared/error-codes';
import { call, expectErrorShape } from '../../helpers/api';
import { bearer, type SignedUp, signUp } from '../../helpers/shopper';

const bindings = env as unknown as Bindings;
const serverPrivateJwk = JSON.parse(bindings.TOKEN_SIGNING_KEY!) as JWK;
const SERVER_KID = serverPrivateJwk.kid!;
const { d: _d, ...serverPublicJwk } = serverPrivateJwk;

let serverKey: CryptoKey;
let victim: SignedUp;
let other: SignedUp;

beforeAll(async () => {
  serverKey = (await importJWK(serverPrivateJwk, 'ES256')) as CryptoKey;
  victim = await signUp();
  other = await signUp();
});

const now = () => Math.floor(Date.now() / 1000);

/** The claim set customer-tokens.ts issues, for `victim` at token_version 0. */
function goodClaims(): JWTPayload {
  return {
    iss: tokenIssuer(bindings),
    aud: tokenAudience(bindings),
    sub: String(victim.id),
    iat: now(),
    exp: now() + 600,
    jti: crypto.randomUUID(),
    tv: 0,
    gid: victim.body.customer.customer_group_id ?? 0,
  };
}
const goodHeader = (): JWTHeaderParameters => ({ alg: 'ES256', kid: SERVER_KID, typ: 'at+jwt' });

/** Signs with the real server key; `header` and `claims` are the full sets (so a test can drop one). */
function serverSigned(claims: JWTPayload, header: JWTHeaderParameters = goodHeader()): Promise<string> {
  return new SignJWT(claims).setProtectedHeader(header).sign(serverKey);
}

function without<T extends object>(obj: T, key: keyof T): T {
  const copy = { ...obj };
  delete copy[key];
  return copy;
}

const enc = (value: unknown) => base64url.encode(JSON.stringify(value));

/** Signs any header with the server key by hand (jose refuses to sign some of the headers we test). */
async function rawServerSigned(header: Record<string, unknown>, claims: JWTPayload): Promise<string> {
  const input = `${enc(header)}.${enc(claims)}`;
  const sig = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, serverKey, new TextEncoder().encode(input));
  return `${input}.${base64url.encode(new Uint8Array(sig))}`;
}

/** `token_invalid` for a token that fails verification; `token_revoked` for a valid one the customer row no longer accepts. */
async function expectRefused(token: string, code: 'token_invalid' | 'token_revoked' = 'token_invalid') {
  const read = await call('GET', '/storefront/customer', { headers: bearer(token) });
  expect(read.status, read.text).toBe(401);
  expectErrorShape(read.body, 401);
  expect(read.body.code).toBe(code);
  expect(read.body.title).toBe(ERROR_CODES[code].title);
  expect(read.headers.get('WWW-Authenticate')).toBe('Bearer error="invalid_token"');
  expect(read.text).not.toContain(victim.email);

  const write = await call('DELETE', '/storefront/sessions', { headers: bearer(token) });
  expect(write.status, write.text).toBe(401);
  expectErrorShape(write.body, 401);
  // The write was refused before it ran: the victim's token_version is unchanged.
  const row = await env.DB.prepare('SELECT token_version FROM customers WHERE id = ?1').bind(victim.id).first<{ token_version: number }>();
  expect(row?.token_version).toBe(0);
}

describe('positive control', () => {
  it('accepts a token signed with the server key and the issued claim set', async () => {
    const token = await serverSigned(goodClaims());
    const res = await call('GET', '/storefront/customer', { headers: bearer(token) });
    expect(res.status, res.text).toBe(200);
    expect(res.body.customer).toMatchObject({ id: victim.id, email: victim.email });
  });

  it('also accepts the token the worker itself issued at sign-up', async () => {
    const res = await call('GET', '/storefront/customer', { headers: bearer(victim.accessToken) });
    expect(res.status, res.text).toBe(200);
  });
});

describe('forged algorithms and attacker keys', () => {
  it('refuses alg "none" (unsecured JWT), also with a kid and with a trailing fake signature', async () => {
    const claims = goodClaims();
    await expectRefused(new UnsecuredJWT(claims).encode());
    const withKid = `${enc({ alg: 'none', kid: SERVER_KID, typ: 'at+jwt' })}.${enc(claims)}.`;
    await expectRefused(withKid);
    await expectRefused(`${enc({ alg: 'none', kid: SERVER_KID, typ: 'at+jwt' })}.${enc(claims)}.${base64url.encode('sig')}`);
    await expectRefused(`${enc({ alg: 'None', kid: SERVER_KID, typ: 'at+jwt' })}.${enc(claims)}.`);
  });

  it('refuses HS256 keyed with the public key (algorithm confusion)', async () => {
    const claims = goodClaims();
    const header = { alg: 'HS256', kid: SERVER_KID, typ: 'at+jwt' };
    const jwks = (await call('GET', '/.well-known/jwks.json')).body;
    const published = jwks.keys.find((k: JWK) => k.kid === SERVER_KID) as JWK;
    expect(published).toBeDefined();
    const publicKey = (await importJWK(serverPublicJwk, 'ES256')) as CryptoKey;
    const secrets: Uint8Array[] = [
      new TextEncoder().encode(JSON.stringify(published)),
      new TextEncoder().encode(JSON.stringify(serverPublicJwk)),
      base64url.decode(published.x!),
      new TextEncoder().encode(published.x),
      new Uint8Array(await crypto.subtle.exportKey('spki', publicKey)),
      new Uint8Array(await crypto.subtle.exportKey('raw', publicKey)),
    ];
    for (const secret of secrets) {
      await expectRefused(await new SignJWT(claims).setProtectedHeader(header).sign(secret));
    }
  });

  it('refuses RS256, ES384 and EdDSA tokens signed with attacker keys', async () => {
    for (const alg of ['RS256', 'ES384', 'EdDSA'] as const) {
      const { privateKey } = await generateKeyPair(alg);
      await expectRefused(await new SignJWT(goodClaims()).setProtectedHeader({ alg, kid: SERVER_KID, typ: 'at+jwt' }).sign(privateKey));
    }
  });

  it('refuses ES256 signed with an attacker key under the server kid', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    await expectRefused(await new SignJWT(goodClaims()).setProtectedHeader(goodHeader()).sign(privateKey));
  });

  it('refuses an attacker key embedded in the header (jwk), with or without our kid', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const jwk = await exportJWK(publicKey);
    await expectRefused(await new SignJWT(goodClaims()).setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', jwk }).sign(privateKey));
    await expectRefused(await new SignJWT(goodClaims()).setProtectedHeader({ ...goodHeader(), jwk }).sign(privateKey));
  });
});

describe('tokens signed with the server key, one property wrong', () => {
  it('refuses an expired token (beyond the clock tolerance)', async () => {
    await expectRefused(await serverSigned({ ...goodClaims(), iat: now() - 3600, exp: now() - 60 }));
  });

  it('refuses a token without exp', async () => {
    await expectRefused(await serverSigned(without(goodClaims(), 'exp')));
  });

  it('refuses a token whose nbf is in the future', async () => {
    await expectRefused(await serverSigned({ ...goodClaims(), nbf: now() + 300 }));
  });

  it('refuses a wrong audience, a missing audience and a wrong issuer', async () => {
    await expectRefused(await serverSigned({ ...goodClaims(), aud: `urn:storefront-accounts:${bindings.STORE_HASH}:admin` }));
    await expectRefused(await serverSigned({ ...goodClaims(), aud: 'urn:storefront-accounts:otherstore:storefront' }));
    await expectRefused(await serverSigned(without(goodClaims(), 'aud')));
    await expectRefused(await serverSigned({ ...goodClaims(), iss: 'urn:storefront-accounts:otherstore' }));
    await expectRefused(await serverSigned(without(goodClaims(), 'iss')));
  });

  it('refuses a wrong typ and a missing typ', async () => {
    await expectRefused(await serverSigned(goodClaims(), { ...goodHeader(), typ: 'JWT' }));
    await expectRefused(await serverSigned(goodClaims(), { ...goodHeader(), typ: 'id+jwt' }));
    await expectRefused(await serverSigned(goodClaims(), without(goodHeader(), 'typ')));
  });

  it('refuses an unknown kid and a missing kid', async () => {
    await expectRefused(await serverSigned(goodClaims(), { ...goodHeader(), kid: 'not-a-key-of-ours' }));
    await expectRefused(await serverSigned(goodClaims(), { ...goodHeader(), kid: '' }));
    await expectRefused(await serverSigned(goodClaims(), without(goodHeader(), 'kid')));
  });

  it('refuses key-carrying headers (jku, x5u, x5c) and crit even when the signature is ours', async () => {
    await expectRefused(await serverSigned(goodClaims(), { ...goodHeader(), jku: 'https://attacker.example/jwks.json' }));
    await expectRefused(await serverSigned(goodClaims(), { ...goodHeader(), x5u: 'https://attacker.example/cert.pem' }));
    await expectRefused(await serverSigned(goodClaims(), { ...goodHeader(), x5c: ['MIIB'] }));
    const { publicKey } = await generateKeyPair('ES256', { extractable: true });
    await expectRefused(await serverSigned(goodClaims(), { ...goodHeader(), jwk: await exportJWK(publicKey) }));
    await expectRefused(await rawServerSigned({ ...goodHeader(), crit: ['x-policy'], 'x-policy': 'anything' }, goodClaims()));
  });

  it('the hand-signed path is sound (control for the crit case)', async () => {
    const res = await call('GET', '/storefront/customer', { headers: bearer(await rawServerSigned({ ...goodHeader() }, goodClaims())) });
    expect(res.status, res.text).toBe(200);
  });

  it('refuses a payload changed after signing (sub swapped to another customer)', async () => {
    const token = await serverSigned(goodClaims());
    const [h, , s] = token.split('.');
    const forged = `${h}.${enc({ ...goodClaims(), sub: String(other.id) })}.${s}`;
    await expectRefused(forged);
    // Changing the header after signing (here typ) breaks the signature too.
    const [, p] = token.split('.');
    await expectRefused(`${enc({ ...goodHeader(), typ: 'application/at+jwt' })}.${p}.${s}`);
  });

  it('refuses a token without the token-version claim, or with a non-number one', async () => {
    await expectRefused(await serverSigned(without(goodClaims(), 'tv')));
    await expectRefused(await serverSigned({ ...goodClaims(), tv: '0' }));
  });

  it('refuses a sub that is not a customer id', async () => {
    await expectRefused(await serverSigned({ ...goodClaims(), sub: 'admin' }));
    await expectRefused(await serverSigned({ ...goodClaims(), sub: '1.5' }));
    await expectRefused(await serverSigned(without(goodClaims(), 'sub')));
  });

  it('refuses a stale token version (issued before log-out everywhere)', async () => {
    await expectRefused(await serverSigned({ ...goodClaims(), tv: 1 }), 'token_revoked');
  });

  it('refuses garbage in the Authorization header', async () => {
    for (const header of ['Bearer ', 'Bearer a.b', 'Bearer a.b.c', 'Basic dXNlcjpwYXNz', `Bearer ${'x'.repeat(5000)}`]) {
      const res = await call('GET', '/storefront/customer', { headers: { Authorization: header } });
      expect(res.status, header).toBe(401);
      expectErrorShape(res.body, 401);
    }
  });
});

describe('the write path with a valid token (control for the DELETE checks)', () => {
  it('a good server-signed token logs out everywhere; afterwards the same token is refused', async () => {
    const shopper = await signUp();
    const token = await serverSigned({ ...goodClaims(), sub: String(shopper.id), gid: shopper.body.customer.customer_group_id ?? 0 });
    expect((await call('DELETE', '/storefront/sessions', { headers: bearer(token) })).status).toBe(204);
    const row = await env.DB.prepare('SELECT token_version FROM customers WHERE id = ?1').bind(shopper.id).first<{ token_version: number }>();
    expect(row?.token_version).toBe(1);
    expect((await call('GET', '/storefront/customer', { headers: bearer(token) })).status).toBe(401);
  });
});

describe('key rotation', () => {
  async function newKey(kid: string) {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    return { kid, privateJwk: { ...(await exportJWK(privateKey)), kid }, publicJwk: { ...(await exportJWK(publicKey)), kid } };
  }
  const shopper = { customerId: 42, tokenVersion: 3, groupId: 7 };

  it('old tokens verify during the overlap, both keys are published, and are refused once it ends', async () => {
    const old = await newKey('rotation-old');
    const next = await newKey('rotation-new');
    const before = { STORE_HASH: 'rotstore', TOKEN_SIGNING_KEY: JSON.stringify(old.privateJwk) } as Bindings;
    const overlap = {
      ...before,
      TOKEN_SIGNING_KEY: JSON.stringify(next.privateJwk),
      TOKEN_PREVIOUS_KEYS: JSON.stringify([old.publicJwk]),
    } as Bindings;
    const after = { ...before, TOKEN_SIGNING_KEY: JSON.stringify(next.privateJwk) } as Bindings;

    const oldToken = await issueAccessToken(before, shopper);
    expect(await verifyAccessToken(before, oldToken)).toEqual(shopper);

    // Overlap: new tokens carry the new kid; old tokens still verify; the JWKS lists both (public only).
    const newToken = await issueAccessToken(overlap, shopper);
    expect(JSON.parse(atob(newToken.split('.')[0]!.replace(/-/g, '+').replace(/_/g, '/'))).kid).toBe('rotation-new');
    expect(await verifyAccessToken(overlap, oldToken)).toEqual(shopper);
    expect(await verifyAccessToken(overlap, newToken)).toEqual(shopper);
    const jwks = await publicJwks(overlap);
    expect(jwks.keys.map((k) => k.kid).sort()).toEqual(['rotation-new', 'rotation-old']);
    for (const key of jwks.keys) expect(key).not.toHaveProperty('d');

    // After the overlap: the old key is gone from verification and from the JWKS.
    await expect(verifyAccessToken(after, oldToken)).rejects.toSatisfy((e) => e instanceof ApiError && e.status === 401);
    expect(await verifyAccessToken(after, newToken)).toEqual(shopper);
    expect((await publicJwks(after)).keys.map((k) => k.kid)).toEqual(['rotation-new']);
  });

  it('a previous key that reuses the current kid cannot shadow the current key', async () => {
    const old = await newKey('rotation-same-kid');
    const next = await newKey('rotation-same-kid');
    const env2 = {
      STORE_HASH: 'rotstore',
      TOKEN_SIGNING_KEY: JSON.stringify(next.privateJwk),
      TOKEN_PREVIOUS_KEYS: JSON.stringify([old.publicJwk, { ...old.publicJwk, kid: undefined }]),
    } as Bindings;
    const token = await issueAccessToken(env2, shopper);
    expect(await verifyAccessToken(env2, token)).toEqual(shopper);
    const jwks = await publicJwks(env2);
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]!.x).toBe(next.publicJwk.x);
  });

  it('a private key left in TOKEN_PREVIOUS_KEYS is published without its private part', async () => {
    const old = await newKey('rotation-old-private');
    const next = await newKey('rotation-next');
    const overlap = {
      STORE_HASH: 'rotstore',
      TOKEN_SIGNING_KEY: JSON.stringify(next.privateJwk),
      TOKEN_PREVIOUS_KEYS: JSON.stringify([old.privateJwk]),
    } as Bindings;
    const jwks = await publicJwks(overlap);
    expect(jwks.keys).toHaveLength(2);
    for (const key of jwks.keys) expect(Object.keys(key).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
  });
});

describe('GET /.well-known/jwks.json', () => {
  it('publishes the current public key and no private parts', async () => {
    const res = await call('GET', '/.well-known/jwks.json');
    expect(res.status).toBe(200);
    expect(res.body.keys.length).toBeGreaterThanOrEqual(1);
    expect(res.body.keys.map((k: JWK) => k.kid)).toContain(SERVER_KID);
    for (const key of res.body.keys as JWK[]) {
      for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k']) expect(key).not.toHaveProperty(secret);
      expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    }
    expect(res.text).not.toContain(serverPrivateJwk.d!);
  });
});
