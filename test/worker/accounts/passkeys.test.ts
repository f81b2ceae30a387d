// Passkeys and the rest of the account: the relying party of a storefront channel and of RP_ID, the one
// "last way in" rule shared with providers, password resets, the per-IP limit of sign-in options.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import app from '../../../worker/src/index';
import { setPasswordStatements } from '../../../worker/src/db/customers';
import { adminToken, BASE, call, inOneWindow, randomIp, uniqueEmail, useTestChannel } from '../../helpers/api';
import { checkedCall } from '../../helpers/contract';
import { waitForMail } from '../../helpers/email-verified';
import { addPasskey, passkeySignIn, webauthnCookieOf } from '../../helpers/passkeys';
import { bearer, requiredFormFields, signUp, staleToken } from '../../helpers/shopper';
import { SoftAuthenticator } from '../../helpers/webauthn';
import { configuredProvider } from '../oidc/provider';

const SHOP_DOMAIN = `shop-${crypto.randomUUID().slice(0, 8)}.example`;
const SHOP_ORIGIN = `https://www.${SHOP_DOMAIN}`;
const shopChannel = useTestChannel('Passkey shop', [SHOP_ORIGIN]);

/** A request to the worker as a browser on `origin` sends it, with `over` in the environment (RP_ID). */
async function fetchAs(origin: string, path: string, init: { token?: string; browser?: string; body?: unknown }, over: Record<string, string> = {}) {
  const headers: Record<string, string> = { 'CF-Connecting-IP': randomIp(), Origin: origin };
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  if (init.browser) headers.Cookie = `sfa_webauthn=${init.browser}`;
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  const ctx = createExecutionContext();
  const res = await checkedCall(
    new Request(`${BASE}${path}`, { method: 'POST', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) }),
    (r) => app.fetch(r, { ...env, ...over }, ctx),
  );
  await waitOnExecutionContext(ctx);
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

/** Registers and signs in on `origin`: the relying party ids the options named. */
async function roundTrip(origin: string, over: Record<string, string> = {}) {
  const shopper = await signUp();
  const authenticator = await SoftAuthenticator.create();
  const reg = await fetchAs(origin, '/storefront/customer/passkeys/options', { token: shopper.accessToken }, over);
  expect(reg.status, JSON.stringify(reg.body)).toBe(200);
  const browser = webauthnCookieOf(reg.headers);
  const credential = await authenticator.register(reg.body.options, { origin });
  const added = await fetchAs(origin, '/storefront/customer/passkeys', { token: shopper.accessToken, browser, body: { credential } }, over);
  expect(added.status, JSON.stringify(added.body)).toBe(201);
  const opts = await fetchAs(origin, '/storefront/session/passkey/options', { browser }, over);
  const signIn = await fetchAs(
    origin,
    '/storefront/session/passkey',
    { browser, body: { credential: await authenticator.assert(opts.body.options, { origin }) } },
    over,
  );
  expect(signIn.status, JSON.stringify(signIn.body)).toBe(200);
  expect(signIn.body.customer.id).toBe(shopper.id);
  return { registrationRp: reg.body.options.rp.id as string, signInRp: opts.body.options.rpId as string, authenticator };
}

describe('passkeys: the relying party', () => {
  it("on a channel's storefront origin, without RP_ID: the relying party is the Origin's host", async () => {
    const { registrationRp, signInRp } = await roundTrip(SHOP_ORIGIN);
    expect(registrationRp).toBe(`www.${SHOP_DOMAIN}`);
    expect(signInRp).toBe(`www.${SHOP_DOMAIN}`);
  });

  it('per channel, from the customer settings (`storefront_accounts.passkey_rp_id`), without SQL or a redeploy', async () => {
    const token = await adminToken();
    const put = await call('PUT', `/v3/customers/settings/channels/${shopChannel()}`, {
      token,
      body: { storefront_accounts: { passkey_rp_id: SHOP_DOMAIN } },
    });
    expect(put.status, put.text).toBe(200);
    try {
      const { registrationRp, signInRp } = await roundTrip(SHOP_ORIGIN);
      expect(registrationRp).toBe(SHOP_DOMAIN);
      expect(signInRp).toBe(SHOP_DOMAIN);
      // Not a domain: refused on its field.
      const bad = await call('PUT', `/v3/customers/settings/channels/${shopChannel()}`, {
        token,
        body: { storefront_accounts: { passkey_rp_id: 'https://shop.example' } },
      });
      expect(bad.status).toBe(422);
      expect(bad.body.errors).toHaveProperty(['storefront_accounts.passkey_rp_id']);
    } finally {
      await call('PUT', `/v3/customers/settings/channels/${shopChannel()}`, { token, body: { storefront_accounts: { passkey_rp_id: null } } });
    }
  });

  it('with RP_ID set to the registrable domain: that id, and every storefront origin on it', async () => {
    const { registrationRp, signInRp } = await roundTrip(SHOP_ORIGIN, { RP_ID: SHOP_DOMAIN, RP_NAME: 'The Shop' });
    expect(registrationRp).toBe(SHOP_DOMAIN);
    expect(signInRp).toBe(SHOP_DOMAIN);
  });

  it('an origin the store does not trust gets the worker’s own host as relying party, and its responses are refused', async () => {
    const shopper = await signUp();
    const reg = await fetchAs('https://evil.example', '/storefront/customer/passkeys/options', { token: shopper.accessToken });
    expect(reg.body.options.rp.id).toBe(new URL(BASE).hostname);
    const credential = await (await SoftAuthenticator.create()).register(reg.body.options, { origin: 'https://evil.example' });
    const added = await fetchAs('https://evil.example', '/storefront/customer/passkeys', {
      token: shopper.accessToken,
      browser: webauthnCookieOf(reg.headers),
      body: { credential },
    });
    expect(added.status).toBe(403);
    expect(added.body.code).toBe('passkey_origin_invalid');
  });
});

describe('passkeys count as a way in', () => {
  it('unlinking the last provider is allowed when the shopper has a passkey (and refused without one)', async () => {
    const idp = await configuredProvider();
    const shopper = await signUp();
    await env.DB.prepare('UPDATE customers SET password_hash = NULL WHERE id = ?1').bind(shopper.id).run();
    await env.DB.prepare(
      "INSERT INTO customer_identities (provider, issuer, subject, customer_id, email, date_created) VALUES (?1, ?2, ?3, ?4, '', '2024-01-01T00:00:00Z')",
    )
      .bind(idp.slug, idp.issuer, crypto.randomUUID(), shopper.id)
      .run();
    const refused = await call('DELETE', `/storefront/customer/identities/${idp.slug}`, { headers: bearer(shopper.accessToken) });
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body.code).toBe('last_sign_in_method');

    const { res } = await addPasskey(shopper.accessToken);
    expect(res.status, res.text).toBe(201);
    const unlinked = await call('DELETE', `/storefront/customer/identities/${idp.slug}`, { headers: bearer(shopper.accessToken) });
    expect(unlinked.status, unlinked.text).toBe(204);
    // Now the passkey is the last way in.
    const last = await call('DELETE', `/storefront/customer/passkeys/${res.body.data.id}`, { headers: bearer(shopper.accessToken) });
    expect(last.status, last.text).toBe(409);
    expect(last.body.code).toBe('last_sign_in_method');
  });

  it('a password reset removes every passkey (nothing added before it keeps a way in), as it unlinks providers', async () => {
    const shopper = await signUp();
    const { authenticator, res } = await addPasskey(shopper.accessToken);
    expect(res.status, res.text).toBe(201);
    await env.DB.batch(setPasswordStatements(env.DB, shopper.id, 'another-hash', { type: 'shopper', name: shopper.email }, 'password_reset'));
    const left = await env.DB.prepare('SELECT count(*) AS n FROM passkeys WHERE customer_id = ?1').bind(shopper.id).first<{ n: number }>();
    expect(left!.n).toBe(0);
    expect((await passkeySignIn(authenticator)).body.code).toBe('passkey_unknown');
  });

  it('erasing the account erases its passkeys', async () => {
    const shopper = await signUp();
    const { authenticator } = await addPasskey(shopper.accessToken);
    const erased = await call('DELETE', '/storefront/customer', {
      headers: bearer(shopper.accessToken),
      body: { current_password: shopper.password },
    });
    expect(erased.status, erased.text).toBe(204);
    const left = await env.DB.prepare('SELECT count(*) AS n FROM passkeys WHERE customer_id = ?1').bind(shopper.id).first<{ n: number }>();
    expect(left!.n).toBe(0);
    expect((await passkeySignIn(authenticator)).body.code).toBe('passkey_unknown');
  });
});

describe('passkeys and proven email ownership', () => {
  it('policy EMAIL_VERIFICATION=required holds for passkeys too: an unverified account signs in by code first', async () => {
    // Made while the store was `optional`; then the store requires proven emails.
    const { authenticator } = await roundTrip(SHOP_ORIGIN);
    const opts = await fetchAs(SHOP_ORIGIN, '/storefront/session/passkey/options', {}, { EMAIL_VERIFICATION: 'required' });
    const browser = webauthnCookieOf(opts.headers);
    const res = await fetchAs(
      SHOP_ORIGIN,
      '/storefront/session/passkey',
      { browser, body: { credential: await authenticator.assert(opts.body.options, { origin: SHOP_ORIGIN }) } },
      { EMAIL_VERIFICATION: 'required' },
    );
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('email_unverified');
  });

  it('a passkey the creator of an unproven account added does not survive the mailbox owner’s first code', async () => {
    const victim = uniqueEmail('pk-victim');
    const attacker = await signUp({ email: victim, password: 'attacker-chose-this-pk' });
    const { authenticator, res } = await addPasskey(attacker.accessToken);
    expect(res.status, res.text).toBe(201);
    // The owner signs in with an emailed code, in another browser (no code-proof cookie).
    expect((await call('POST', '/storefront/session/code', { body: { email: victim } })).status).toBe(202);
    const mail = await waitForMail(victim, 'email_code_sign_in');
    const code = /#email-code=(\d{6})/.exec(mail.text)![1]!;
    const owner = await call('POST', '/storefront/session/code/confirm', { body: { email: victim, code } });
    expect(owner.status, owner.text).toBe(200);
    expect((await passkeySignIn(authenticator)).body.code).toBe('passkey_unknown');
    const left = await env.DB.prepare('SELECT count(*) AS n FROM passkeys WHERE customer_id = ?1').bind(attacker.id).first<{ n: number }>();
    expect(left!.n).toBe(0);
  });

  it('erasing an account without a password needs a recent sign-in (as changing its ways in does)', async () => {
    const email = uniqueEmail('pk-erase');
    const made = await call('POST', '/storefront/customers', {
      body: { email, first_name: 'E', last_name: 'R', form_fields: await requiredFormFields() },
    });
    expect(made.status, made.text).toBe(201);
    const proof = made.headers
      .getSetCookie()
      .find((c) => c.startsWith('sfa_code_proof='))!
      .split(';')[0]!;
    const mail = await waitForMail(email, 'email_code_verify');
    const code = /#email-code=(\d{6})/.exec(mail.text)![1]!;
    const session = await call('POST', '/storefront/session/code/confirm', { body: { email, code }, headers: { Cookie: proof } });
    expect(session.status, session.text).toBe(200);
    const old = await staleToken(made.body.customer.id);
    const refused = await call('DELETE', '/storefront/customer', { headers: bearer(old) });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('reauthentication_required');
    expect((await call('DELETE', '/storefront/customer', { headers: bearer(session.body.access_token) })).status).toBe(204);
  });
});

describe('passkeys: sign-in options are limited per IP, like log-in', () => {
  it('allows 10 a minute from one IP, then 429', () =>
    inOneWindow(async () => {
      const ip = randomIp();
      for (let i = 0; i < 10; i++) {
        const res = await call('POST', '/storefront/session/passkey/options', { headers: { 'CF-Connecting-IP': ip } });
        expect(res.status, res.text).toBe(200);
      }
      const refused = await call('POST', '/storefront/session/passkey/options', { headers: { 'CF-Connecting-IP': ip } });
      expect(refused.status).toBe(429);
      expect(refused.body.code).toBe('rate_limited');
    }));
});
