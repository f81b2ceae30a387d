// Passkeys (issue 14): the WebAuthn relying party against real payloads of a software authenticator
// (WebCrypto P-256 keys, CBOR attestation objects, DER signatures: test/helpers/webauthn.ts). Every
// refusal answers its own code in the one error shape.
import { env } from 'cloudflare:test';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { hashChallenge } from '../../../worker/src/accounts/passkeys';
import { call, expectErrorShape } from '../../helpers/api';
import { waitForMail } from '../../helpers/email-verified';
import {
  addPasskey,
  browserHeaders,
  ORIGIN,
  passkeySignIn,
  postPasskey,
  postSignIn,
  registrationOptions,
  RP_ID,
  signInOptions,
  webauthnCookieOf,
} from '../../helpers/passkeys';
import { bearer, refreshCookieOf, signUp, staleToken } from '../../helpers/shopper';
import { FLAGS, SoftAuthenticator } from '../../helpers/webauthn';

function expectRefused(res: { status: number; body: any; text: string }, status: number, code: string) {
  expect(res.status, res.text).toBe(status);
  expectErrorShape(res.body, status);
  expect(res.body.code).toBe(code);
}

/** A shopper with one passkey. */
async function shopperWithPasskey() {
  const shopper = await signUp();
  const added = await addPasskey(shopper.accessToken);
  expect(added.res.status, added.res.text).toBe(201);
  return { shopper, ...added };
}

/** Sign-in options and the browser cookie. */
async function startSignIn() {
  const options = await signInOptions();
  expect(options.status, options.text).toBe(200);
  return { options: options.body.options, browser: webauthnCookieOf(options.headers) };
}

describe('passkeys: registration and sign-in', () => {
  it('registration options: a challenge bound to the browser, the shopper as an opaque handle, ES256 + RS256, UV and resident key required', async () => {
    const shopper = await signUp();
    const res = await registrationOptions(shopper.accessToken);
    expect(res.status, res.text).toBe(200);
    const { options } = res.body;
    expect(options.challenge).toMatch(/^[\w-]{43}$/);
    expect(options.rp).toEqual({ id: RP_ID, name: RP_ID });
    expect(options.user.name).toBe(shopper.email);
    expect(options.user.displayName).toBe('Sam Shopper');
    expect(options.user.id).toMatch(/^[\w-]{43}$/);
    expect(options.user.id).not.toContain(shopper.email);
    expect(options.pubKeyCredParams).toEqual([
      { type: 'public-key', alg: -7 },
      { type: 'public-key', alg: -257 },
    ]);
    expect(options.timeout).toBe(300000);
    expect(options.excludeCredentials).toEqual([]);
    expect(options.authenticatorSelection).toMatchObject({ residentKey: 'required', userVerification: 'required' });
    expect(options.attestation).toBe('none');
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('sfa_webauthn='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Secure/i);
    expect(cookie).toMatch(/SameSite=None/i);
    expect(cookie).toMatch(/Path=\/storefront(;|$)/);
  });

  it('registers a passkey and signs in with it: the same session as a password log-in, with a recent auth_time', async () => {
    const { shopper, authenticator, res } = await shopperWithPasskey();
    expect(res.body.data).toMatchObject({ name: 'Passkey', last_used: null, device_type: 'multi_device', backed_up: true });
    expect(res.body.data.id).toBeTypeOf('number');
    expect(res.body.data.date_created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    const signIn = await passkeySignIn(authenticator);
    expect(signIn.status, signIn.text).toBe(200);
    expect(signIn.body.customer.id).toBe(shopper.id);
    expect(signIn.body.customer.email).toBe(shopper.email);
    expect(signIn.body.token_type).toBe('Bearer');
    expect(signIn.body.expires_in).toBeGreaterThan(0);
    const claims = decodeJwt(signIn.body.access_token);
    expect(claims.sub).toBe(String(shopper.id));
    expect(Math.abs((claims.auth_time as number) - Date.now() / 1000)).toBeLessThan(30);
    // The refresh cookie works like a password log-in's.
    const refresh = await call('POST', '/storefront/session/refresh', { headers: { Cookie: `sfa_refresh=${refreshCookieOf(signIn.headers)}` } });
    expect(refresh.status, refresh.text).toBe(200);
    expect(refresh.body.customer.id).toBe(shopper.id);

    // Counter and last use recorded.
    const row = await env.DB.prepare('SELECT sign_count, last_used_at FROM passkeys WHERE customer_id = ?1')
      .bind(shopper.id)
      .first<{ sign_count: number; last_used_at: string | null }>();
    expect(row!.sign_count).toBe(authenticator.signCount);
    expect(row!.last_used_at).not.toBeNull();

    // A passkey sign-in counts as recent authentication: adding another passkey works at once.
    const again = await registrationOptions(signIn.body.access_token);
    expect(again.status, again.text).toBe(200);
  });

  it('sign-in options: discoverable credentials (no allowCredentials), user verification required, the browser cookie', async () => {
    const res = await signInOptions();
    expect(res.status, res.text).toBe(200);
    expect(res.body.options).toMatchObject({ rpId: RP_ID, timeout: 300000, userVerification: 'required', allowCredentials: [] });
    expect(res.body.options.challenge).toMatch(/^[\w-]{43}$/);
    expect(webauthnCookieOf(res.headers)).toMatch(/^[\w-]{43}$/);
  });

  it('an authenticator without a signature counter (synced passkeys send 0) signs in again and again', async () => {
    const shopper = await signUp();
    const { authenticator, res: added } = await addPasskey(shopper.accessToken, { ceremony: { signCount: 0 } });
    expect(added.status, added.text).toBe(201);
    for (let i = 0; i < 2; i++) {
      const res = await passkeySignIn(authenticator, { signCount: 0 });
      expect(res.status, res.text).toBe(200);
      expect(res.body.customer.id).toBe(shopper.id);
    }
  });
});

describe('passkeys: every check refuses with its own code', () => {
  it('wrong origin: registration and sign-in from a site that is not a storefront of the store', async () => {
    const shopper = await signUp();
    const reg = await addPasskey(shopper.accessToken, { ceremony: { origin: 'https://evil.test' } });
    expectRefused(reg.res, 403, 'passkey_origin_invalid');
    // A subdomain of the relying party that the store does not trust is refused too.
    const sub = await addPasskey(shopper.accessToken, { ceremony: { origin: `https://evil.${RP_ID}` } });
    expectRefused(sub.res, 403, 'passkey_origin_invalid');

    const { authenticator } = await shopperWithPasskey();
    expectRefused(await passkeySignIn(authenticator, { origin: 'https://evil.test' }), 403, 'passkey_origin_invalid');
  });

  it('wrong rpId: the authenticator signed for another relying party', async () => {
    const shopper = await signUp();
    const reg = await addPasskey(shopper.accessToken, { ceremony: { rpId: 'evil.test' } });
    expectRefused(reg.res, 403, 'passkey_rp_id_invalid');

    const { authenticator } = await shopperWithPasskey();
    expectRefused(await passkeySignIn(authenticator, { rpId: 'evil.test' }), 403, 'passkey_rp_id_invalid');
  });

  it('replayed challenge: a response works once', async () => {
    const { shopper, authenticator } = await shopperWithPasskey();
    const { options, browser } = await startSignIn();
    const credential = await authenticator.assert(options);
    const first = await postSignIn(browser, credential);
    expect(first.status, first.text).toBe(200);
    expect(first.body.customer.id).toBe(shopper.id);
    expectRefused(await postSignIn(browser, credential), 400, 'passkey_challenge_invalid');

    // A registration response replayed, too.
    const again = await addPasskey(shopper.accessToken);
    expect(again.res.status, again.res.text).toBe(201);
    const replay = await postPasskey(shopper.accessToken, again.browser, await again.authenticator.register(again.options));
    expectRefused(replay, 400, 'passkey_challenge_invalid');
  });

  it('unknown challenge: one the worker never issued', async () => {
    const { authenticator } = await shopperWithPasskey();
    const { options, browser } = await startSignIn();
    const forged = await authenticator.assert(options, { challenge: 'A'.repeat(43) });
    expectRefused(await postSignIn(browser, forged), 400, 'passkey_challenge_invalid');
  });

  it('a challenge of one kind does not answer the other (sign-in challenge used to register)', async () => {
    const shopper = await signUp();
    const { options, browser } = await startSignIn();
    const authenticator = await SoftAuthenticator.create();
    const credential = await authenticator.register({ challenge: options.challenge, rp: { id: RP_ID }, user: { id: 'x' } });
    expectRefused(await postPasskey(shopper.accessToken, browser, credential), 400, 'passkey_challenge_invalid');
  });

  it('a registration challenge of shopper A does not register a passkey for B', async () => {
    const a = await signUp();
    const b = await signUp();
    const options = await registrationOptions(a.accessToken);
    const browser = webauthnCookieOf(options.headers);
    const credential = await (await SoftAuthenticator.create()).register(options.body.options);
    expectRefused(await postPasskey(b.accessToken, browser, credential), 400, 'passkey_challenge_invalid');
  });

  it('expired challenge: older than five minutes', async () => {
    const { authenticator } = await shopperWithPasskey();
    const { options, browser } = await startSignIn();
    await env.DB.prepare("UPDATE webauthn_challenges SET expires_at = '2000-01-01T00:00:00Z' WHERE challenge_hash = ?1")
      .bind(await hashChallenge(options.challenge))
      .run();
    expectRefused(await postSignIn(browser, await authenticator.assert(options)), 400, 'passkey_challenge_expired');
  });

  it('challenge from another browser: the cookie is missing or belongs to another browser', async () => {
    const { authenticator } = await shopperWithPasskey();
    const { options } = await startSignIn();
    const other = webauthnCookieOf((await signInOptions()).headers);
    expectRefused(await postSignIn(other, await authenticator.assert(options)), 400, 'passkey_other_browser');

    const second = await startSignIn();
    expectRefused(await postSignIn(undefined, await authenticator.assert(second.options)), 400, 'passkey_other_browser');

    // Registration, too.
    const shopper = await signUp();
    const reg = await registrationOptions(shopper.accessToken);
    const credential = await (await SoftAuthenticator.create()).register(reg.body.options);
    expectRefused(await postPasskey(shopper.accessToken, other, credential), 400, 'passkey_other_browser');
  });

  it('a browser keeps its binding cookie across options calls, so two ceremonies in two tabs both work', async () => {
    const { authenticator } = await shopperWithPasskey();
    const first = await startSignIn();
    const second = await signInOptions(first.browser);
    expect(webauthnCookieOf(second.headers)).toBe(first.browser);
    expect((await postSignIn(first.browser, await authenticator.assert(first.options))).status).toBe(200);
    expect((await postSignIn(first.browser, await authenticator.assert(second.body.options))).status).toBe(200);
  });

  it('sign counter regression: a cloned authenticator is refused', async () => {
    const { authenticator } = await shopperWithPasskey();
    const ok = await passkeySignIn(authenticator, { signCount: 10 });
    expect(ok.status, ok.text).toBe(200);
    expectRefused(await passkeySignIn(authenticator, { signCount: 10 }), 403, 'passkey_counter_regression');
    expectRefused(await passkeySignIn(authenticator, { signCount: 3 }), 403, 'passkey_counter_regression');
    expectRefused(await passkeySignIn(authenticator, { signCount: 0 }), 403, 'passkey_counter_regression');
    // The genuine authenticator, counting on, still works.
    expect((await passkeySignIn(authenticator, { signCount: 11 })).status).toBe(200);
  });

  it('user verification missing (UP only): refused at registration and sign-in', async () => {
    const shopper = await signUp();
    const reg = await addPasskey(shopper.accessToken, { ceremony: { flags: FLAGS.UP } });
    expectRefused(reg.res, 403, 'passkey_user_verification_required');

    const { authenticator } = await shopperWithPasskey();
    expectRefused(await passkeySignIn(authenticator, { flags: FLAGS.UP | FLAGS.BE | FLAGS.BS }), 403, 'passkey_user_verification_required');
  });

  it('unknown credential: a passkey this store never registered (or removed)', async () => {
    const stranger = await SoftAuthenticator.create();
    expectRefused(await passkeySignIn(stranger), 401, 'passkey_unknown');
  });

  it('a malformed or mis-signed response is passkey_invalid', async () => {
    const { authenticator } = await shopperWithPasskey();
    const { options, browser } = await startSignIn();
    const credential = await authenticator.assert(options);
    credential.response.signature = credential.response.signature.slice(0, -4) + 'AAAA';
    expectRefused(await postSignIn(browser, credential), 400, 'passkey_invalid');

    const { options: o2, browser: b2 } = await startSignIn();
    const wrongType = await authenticator.assert(o2, { type: 'webauthn.create' });
    expectRefused(await postSignIn(b2, wrongType), 400, 'passkey_invalid');

    const junk = await call('POST', '/storefront/session/passkey', { headers: browserHeaders(b2), body: { credential: { id: 1 } } });
    expectRefused(junk, 422, 'validation_failed');
  });
});

describe("passkeys: a shopper's passkey signs in that shopper only", () => {
  it("A's passkey signs in A, never B: not by B's user handle, not by a forged key under A's credential id, not registered again by B", async () => {
    const a = await shopperWithPasskey();
    const b = await shopperWithPasskey();

    const asA = await passkeySignIn(a.authenticator);
    expect(asA.status, asA.text).toBe(200);
    expect(asA.body.customer.id).toBe(a.shopper.id);

    // A's credential id claiming B's user handle.
    expectRefused(await passkeySignIn(a.authenticator, { userHandle: b.authenticator.userHandle }), 400, 'passkey_invalid');
    // Someone who knows A's credential id but not A's key.
    expectRefused(await passkeySignIn(await a.authenticator.withAnotherKey()), 400, 'passkey_invalid');
    // B registering A's credential (excluded: one credential belongs to one customer).
    const stolen = await addPasskey(b.shopper.accessToken, { authenticator: a.authenticator });
    expectRefused(stolen.res, 409, 'passkey_exists');
    // A registering the same passkey twice: also passkey_exists, and the options exclude it.
    const twice = await addPasskey(a.shopper.accessToken, { authenticator: a.authenticator });
    expect(twice.options.excludeCredentials).toEqual([{ type: 'public-key', id: a.authenticator.credentialId, transports: ['internal', 'hybrid'] }]);
    expectRefused(twice.res, 409, 'passkey_exists');
  });
});

describe('passkeys: list, rename, delete', () => {
  it('lists the shopper’s passkeys (never another’s) and renames one', async () => {
    const { shopper, res } = await shopperWithPasskey();
    const second = await addPasskey(shopper.accessToken, { name: 'Work laptop' });
    expect(second.res.status, second.res.text).toBe(201);
    await shopperWithPasskey(); // someone else's

    const list = await call('GET', '/storefront/customer/passkeys', { headers: bearer(shopper.accessToken) });
    expect(list.status, list.text).toBe(200);
    expect(list.body.data.map((k: any) => k.name)).toEqual(['Passkey', 'Work laptop']);
    expect(Object.keys(list.body.data[0]).sort()).toEqual(['backed_up', 'date_created', 'device_type', 'id', 'last_used', 'name']);

    const renamed = await call('PATCH', `/storefront/customer/passkeys/${res.body.data.id}`, {
      headers: bearer(shopper.accessToken),
      body: { name: '  Phone  ' },
    });
    expect(renamed.status, renamed.text).toBe(200);
    expect(renamed.body.data).toMatchObject({ id: res.body.data.id, name: 'Phone' });

    const empty = await call('PATCH', `/storefront/customer/passkeys/${res.body.data.id}`, {
      headers: bearer(shopper.accessToken),
      body: { name: ' ' },
    });
    expectRefused(empty, 422, 'validation_failed');
    const other = await call('PATCH', `/storefront/customer/passkeys/${second.res.body.data.id + 1000000}`, {
      headers: bearer(shopper.accessToken),
      body: { name: 'x' },
    });
    expectRefused(other, 404, 'passkey_not_found');
  });

  it('another shopper’s passkey cannot be renamed or deleted (404)', async () => {
    const a = await shopperWithPasskey();
    const b = await signUp();
    const id = a.res.body.data.id;
    expectRefused(
      await call('PATCH', `/storefront/customer/passkeys/${id}`, { headers: bearer(b.accessToken), body: { name: 'mine' } }),
      404,
      'passkey_not_found',
    );
    expectRefused(await call('DELETE', `/storefront/customer/passkeys/${id}`, { headers: bearer(b.accessToken) }), 404, 'passkey_not_found');
  });

  it('deleting a passkey: the timeline and the owner’s mail record it; the passkey signs in no more', async () => {
    const { shopper, authenticator, res } = await shopperWithPasskey();
    expect((await waitForMail(shopper.email, 'passkey_added')).subject).toBe('A passkey was added to your account');
    const del = await call('DELETE', `/storefront/customer/passkeys/${res.body.data.id}`, { headers: bearer(shopper.accessToken) });
    expect(del.status, del.text).toBe(204);
    expect((await waitForMail(shopper.email, 'passkey_removed')).text).toContain('“Passkey”');
    const events = await env.DB.prepare("SELECT type, detail FROM timeline_events WHERE customer_id = ?1 AND type LIKE 'passkey_%' ORDER BY id")
      .bind(shopper.id)
      .all<{ type: string; detail: string }>();
    expect(events.results.map((e) => [e.type, JSON.parse(e.detail)])).toEqual([
      ['passkey_added', { name: 'Passkey' }],
      ['passkey_removed', { name: 'Passkey' }],
    ]);
    expectRefused(await passkeySignIn(authenticator), 401, 'passkey_unknown');
  });

  it('deleting the last way in is refused (409 last_sign_in_method); with another passkey it is allowed', async () => {
    const shopper = await signUp();
    const first = await addPasskey(shopper.accessToken);
    // No password any more: the passkey is the only way in.
    await env.DB.prepare('UPDATE customers SET password_hash = NULL WHERE id = ?1').bind(shopper.id).run();
    expectRefused(
      await call('DELETE', `/storefront/customer/passkeys/${first.res.body.data.id}`, { headers: bearer(shopper.accessToken) }),
      409,
      'last_sign_in_method',
    );
    const second = await addPasskey(shopper.accessToken);
    expect(second.res.status, second.res.text).toBe(201);
    const del = await call('DELETE', `/storefront/customer/passkeys/${first.res.body.data.id}`, { headers: bearer(shopper.accessToken) });
    expect(del.status, del.text).toBe(204);
    expectRefused(
      await call('DELETE', `/storefront/customer/passkeys/${second.res.body.data.id}`, { headers: bearer(shopper.accessToken) }),
      409,
      'last_sign_in_method',
    );
    // The last passkey still signs in.
    expect((await passkeySignIn(second.authenticator)).status).toBe(200);
  });

  it('recent authentication: registration options and delete need a recent sign-in (or the current password)', async () => {
    const { shopper, res } = await shopperWithPasskey();
    const stale = await staleToken(shopper.id);
    expectRefused(await registrationOptions(stale), 403, 'reauthentication_required');
    expectRefused(
      await call('DELETE', `/storefront/customer/passkeys/${res.body.data.id}`, { headers: bearer(stale) }),
      403,
      'reauthentication_required',
    );
    // Listing and renaming need no fresh proof.
    expect((await call('GET', '/storefront/customer/passkeys', { headers: bearer(stale) })).status).toBe(200);
    // The current password is the proof of an account with one.
    const withPassword = await registrationOptions(stale, undefined, { current_password: shopper.password });
    expect(withPassword.status, withPassword.text).toBe(200);
    const wrong = await registrationOptions(stale, undefined, { current_password: 'not-the-password' });
    expect(wrong.status).toBe(422);
  });

  it('customer routes need a token', async () => {
    expectRefused(await call('POST', '/storefront/customer/passkeys/options', { headers: { Origin: ORIGIN } }), 401, 'sign_in_required');
    expectRefused(await call('GET', '/storefront/customer/passkeys'), 401, 'sign_in_required');
  });
});
