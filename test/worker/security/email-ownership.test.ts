// Proven email ownership (issue 12), against the real worker and D1: the pre-account takeover ends with
// `account_exists`; an email change needs the code sent to the new address; sign-in by emailed code
// (wrong codes, expiry, 5 tries, per-email caps that survive delete + re-sign-up, no enumeration).
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { adminToken, call, uniqueEmail } from '../../helpers/api';
import { latestCode } from '../../helpers/email-codes';
import { mailsTo, markVerified, settle, waitForMail } from '../../helpers/email-verified';
import { signIn } from '../../../worker/src/accounts/sessions';
import { confirmSignInCode } from '../../../worker/src/accounts/email-ownership';
import { hashCodeProof } from '../../../worker/src/auth/refresh-tokens';
import { bearer, cookie, logIn, PASSWORD, refreshCookieOf, requiredFormFields, signUp } from '../../helpers/shopper';
import { configuredProvider, newUser, signInWith } from '../oidc/provider';

const codeRows = async (email: string) =>
  (await env.DB.prepare('SELECT count(*) AS n FROM email_codes WHERE email = ?1').bind(email.toLowerCase()).first<{ n: number }>())!.n;
const requestCode = (email: string) => call('POST', '/storefront/session/code', { body: { email } });
const confirmCode = (email: string, code: string) => call('POST', '/storefront/session/code/confirm', { body: { email, code } });
const wrongOf = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('pre-account takeover', () => {
  it('an attacker’s sign-up with the victim’s email gets nothing when the victim arrives through OIDC', async () => {
    const victim = uniqueEmail('victim');
    const attacker = await signUp({ email: victim, password: 'attacker-chose-this-1' });
    expect(attacker.body.customer.email_verified).toBe(false);
    const idp = await configuredProvider();
    const res = await signInWith(idp, newUser({ email: victim, email_verified: true }));
    expect(res.status).toBe(302);
    expect(res.location).toMatch(/#oidc-error=account_exists$/);
    expect(res.headers.getSetCookie().some((c) => c.startsWith('sfa_refresh='))).toBe(false);
    const links = await env.DB.prepare('SELECT count(*) AS n FROM customer_identities WHERE customer_id = ?1')
      .bind(attacker.id)
      .first<{ n: number }>();
    expect(links!.n).toBe(0);
    // The attacker's session still sees only their own empty account.
    const me = await call('GET', '/storefront/customer', { headers: bearer(attacker.accessToken) });
    expect(me.body.customer).toMatchObject({ id: attacker.id, email_verified: false });
    expect((await call('GET', '/storefront/customer/addresses', { headers: bearer(attacker.accessToken) })).body.data ?? []).toEqual([]);
  });

  it('the mailbox owner’s first sign-in code ends the attacker’s way in (sessions, password)', async () => {
    const victim = uniqueEmail('victim2');
    const attacker = await signUp({ email: victim, password: 'attacker-chose-this-2' });
    expect((await requestCode(victim)).status).toBe(202);
    const ok = await confirmCode(victim, await latestCode(victim, 'sign_in'));
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.customer).toMatchObject({ email_verified: true, has_password: false });
    expect((await call('GET', '/storefront/customer', { headers: bearer(attacker.accessToken) })).status).toBe(401);
    expect((await call('POST', '/storefront/session/refresh', { headers: cookie(attacker.refreshCookie) })).status).toBe(401);
    expect((await logIn(victim, 'attacker-chose-this-2')).status).toBe(401);
  });
});

/** Sign-up through the API, keeping the code-proof cookie the response sets (the signing-up browser's). */
async function signUpWithProof(email: string, password: string) {
  const res = await call('POST', '/storefront/customers', {
    body: { email, password, first_name: 'Eve', last_name: 'Attacker', form_fields: await requiredFormFields() },
  });
  expect(res.status, res.text).toBe(201);
  const set = res.headers.getSetCookie().find((c) => c.startsWith('sfa_code_proof='));
  expect(set).toMatch(/HttpOnly/i);
  expect(set).toMatch(/Secure/i);
  expect(set).toMatch(/SameSite=None/i);
  expect(set).toMatch(/Partitioned/i);
  expect(set).toMatch(/Path=\/storefront\/session/);
  expect(set).toMatch(/Max-Age=900/);
  return {
    id: res.body.customer.id as number,
    accessToken: res.body.access_token as string,
    refreshCookie: refreshCookieOf(res.headers),
    proof: set!.split(';')[0]!.slice('sfa_code_proof='.length),
  };
}
const confirmWith = (email: string, code: string, headers: Record<string, string> = {}) =>
  call('POST', '/storefront/session/code/confirm', { body: { email, code }, headers });

const count = async (sql: string, id: number) => (await env.DB.prepare(sql).bind(id).first<{ n: number }>())!.n;

describe('pre-account takeover through the sign-up verify code', () => {
  it('the victim confirming the sign-up code elsewhere ends the attacker’s password, sessions and planted data', async () => {
    const victim = uniqueEmail('victim3');
    const attacker = await signUpWithProof(victim, 'attacker-chose-this-3');
    // Planted by the pre-registrant: a shipping address, attribute and form-field values, a pending email change, a claim code.
    const addr = await call('POST', '/storefront/customer/addresses', {
      headers: bearer(attacker.accessToken),
      body: {
        first_name: 'E',
        last_name: 'A',
        address1: '1 Drop St',
        city: 'Austin',
        state_or_province: 'TX',
        postal_code: '78701',
        country_code: 'US',
      },
    });
    expect(addr.status, addr.text).toBe(201);
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const attr = await env.DB.prepare(
      "INSERT INTO customer_attributes (name, type, date_created, date_modified) VALUES (?1, 'string', ?2, ?2) RETURNING id",
    )
      .bind(`planted-${attacker.id}`, now)
      .first<{ id: number }>();
    await env.DB.prepare(
      'INSERT INTO customer_attribute_values (attribute_id, customer_id, attribute_value, date_created, date_modified) VALUES (?1, ?2, ?3, ?4, ?4)',
    )
      .bind(attr!.id, attacker.id, 'planted', now)
      .run();
    await env.DB.prepare("INSERT OR REPLACE INTO customer_form_field_values (customer_id, name, value) VALUES (?1, 'planted', '\"x\"')")
      .bind(attacker.id)
      .run();
    const change = await call('PATCH', '/storefront/customer', {
      headers: bearer(attacker.accessToken),
      body: { email: uniqueEmail('attacker-own'), current_password: 'attacker-chose-this-3' },
    });
    expect(change.status, change.text).toBe(200);
    await env.DB.prepare(
      "INSERT INTO order_claim_codes (customer_id, email, code_hash, expires_at, date_created) VALUES (?1, ?2, 'x', '2999-01-01T00:00:00Z', ?3)",
    )
      .bind(attacker.id, victim, now)
      .run();

    // The victim confirms the mailed sign-up code (the widget confirms the link by itself) in their own browser.
    const ok = await confirmWith(victim, await latestCode(victim, 'verify'));
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.customer).toMatchObject({ id: attacker.id, email_verified: true, has_password: false });
    expect((await call('GET', '/storefront/customer', { headers: bearer(attacker.accessToken) })).status).toBe(401);
    expect((await call('POST', '/storefront/session/refresh', { headers: cookie(attacker.refreshCookie) })).status).toBe(401);
    expect((await logIn(victim, 'attacker-chose-this-3')).status).toBe(401);
    expect(await count('SELECT count(*) AS n FROM customer_addresses WHERE customer_id = ?1', attacker.id)).toBe(0);
    expect(await count('SELECT count(*) AS n FROM customer_attribute_values WHERE customer_id = ?1', attacker.id)).toBe(0);
    expect(await count('SELECT count(*) AS n FROM customer_form_field_values WHERE customer_id = ?1', attacker.id)).toBe(0);
    expect(
      await count("SELECT count(*) AS n FROM email_codes WHERE customer_id = ?1 AND purpose = 'email_change' AND used_at IS NULL", attacker.id),
    ).toBe(0);
    expect(await count('SELECT count(*) AS n FROM order_claim_codes WHERE customer_id = ?1 AND used_at IS NULL', attacker.id)).toBe(0);
    const me = await call('GET', '/storefront/customer', { headers: bearer(ok.body.access_token) });
    expect(me.body.customer.pending_email ?? null).toBeNull();
  });

  it('a code-proof cookie of another account does not count', async () => {
    const other = await signUpWithProof(uniqueEmail('other'), 'another-password-77');
    const victim = uniqueEmail('victim4');
    const attacker = await signUpWithProof(victim, 'attacker-chose-this-4');
    const ok = await confirmWith(victim, await latestCode(victim, 'verify'), { Cookie: `sfa_code_proof=${other.proof}` });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.customer).toMatchObject({ id: attacker.id, has_password: false });
  });

  it('the browser that signed up confirms its own code with the cookie: password, sessions and data stay', async () => {
    const email = uniqueEmail('genuine');
    const me = await signUpWithProof(email, 'my-own-password-55');
    const addr = await call('POST', '/storefront/customer/addresses', {
      headers: bearer(me.accessToken),
      body: {
        first_name: 'G',
        last_name: 'O',
        address1: '2 Home St',
        city: 'Austin',
        state_or_province: 'TX',
        postal_code: '78701',
        country_code: 'US',
      },
    });
    expect(addr.status, addr.text).toBe(201);
    const ok = await confirmWith(email, await latestCode(email, 'verify'), { Cookie: `sfa_code_proof=${me.proof}` });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.customer).toMatchObject({ id: me.id, email_verified: true, has_password: true });
    expect(ok.headers.getSetCookie().some((c) => /^sfa_code_proof=;/.test(c) && /Max-Age=0/i.test(c))).toBe(true);
    expect((await call('GET', '/storefront/customer', { headers: bearer(me.accessToken) })).status).toBe(200);
    expect((await logIn(email, 'my-own-password-55')).status).toBe(200);
    expect(await count('SELECT count(*) AS n FROM customer_addresses WHERE customer_id = ?1', me.id)).toBe(1);
  });

  it('"send a new code" from the signing-up browser keeps the proof', async () => {
    const email = uniqueEmail('resend');
    const me = await signUpWithProof(email, 'my-own-password-66');
    await call('POST', '/storefront/session/code', { body: { email }, headers: { Cookie: `sfa_code_proof=${me.proof}` } });
    const code = await latestCode(email, 'sign_in');
    const ok = await confirmWith(email, code, { Cookie: `sfa_code_proof=${me.proof}` });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.customer).toMatchObject({ email_verified: true, has_password: true });
  });

  it('policy required: the password log-in’s 403 binds its verify code to that browser', async () => {
    const email = uniqueEmail('required');
    const s = await signUp({ email });
    const required = { ...env, EMAIL_VERIFICATION: 'required' };
    let proof = '';
    await expect(
      signIn(required, { email, password: PASSWORD }, { locale: 'en', accountUrl: '/', onCodeProof: (p) => (proof = p) }),
    ).rejects.toMatchObject({ code: 'email_unverified' });
    expect(proof).not.toBe('');
    const row = await env.DB.prepare("SELECT proof_hash FROM email_codes WHERE customer_id = ?1 AND purpose = 'verify' ORDER BY id DESC LIMIT 1")
      .bind(s.id)
      .first<{ proof_hash: string }>();
    expect(row!.proof_hash).toBe(await hashCodeProof(proof));
    // Wait for the second verify mail (the 403's), then confirm it with the proof.
    await settle();
    const mails = await mailsTo(email, 'email_code_verify');
    const code = /#email-code=(\d{6})/.exec(mails[0]!.text)![1]!;
    const { customer } = await confirmSignInCode(required, { email, code, proof }, {});
    expect(customer).toMatchObject({ email_verified: true, has_password: true });
  });
});

describe('a completed password reset proves the mailbox', () => {
  const resetWith = async (email: string, newPassword: string) => {
    expect((await call('POST', '/storefront/password-reset', { body: { email } })).status).toBe(202);
    const mail = await waitForMail(email, 'password_reset');
    const token = /#reset-password=([\w-]+)/.exec(mail.text)![1]!;
    const ok = await call('POST', '/storefront/password-reset/confirm', { body: { token, new_password: newPassword } });
    expect(ok.status, ok.text).toBe(204);
  };
  const address = {
    first_name: 'E',
    last_name: 'A',
    address1: '1 Drop St',
    city: 'Austin',
    state_or_province: 'TX',
    postal_code: '78701',
    country_code: 'US',
  };

  it('of an unverified account: verified, pending email change ended, the creator’s planted data gone', async () => {
    const victim = uniqueEmail('victim-reset');
    const attacker = await signUp({ email: victim, password: 'attacker-chose-this-5' });
    expect((await call('POST', '/storefront/customer/addresses', { headers: bearer(attacker.accessToken), body: address })).status).toBe(201);
    const change = await call('PATCH', '/storefront/customer', {
      headers: bearer(attacker.accessToken),
      body: { email: uniqueEmail('attacker-own2'), current_password: 'attacker-chose-this-5' },
    });
    expect(change.status, change.text).toBe(200);
    await resetWith(victim, 'victim-new-secret-5');
    const me = await logIn(victim, 'victim-new-secret-5');
    expect(me.status, me.text).toBe(200);
    expect(me.body.customer).toMatchObject({ id: attacker.id, email_verified: true });
    expect(me.body.customer.pending_email ?? null).toBeNull();
    expect(
      await count("SELECT count(*) AS n FROM email_codes WHERE customer_id = ?1 AND purpose = 'email_change' AND used_at IS NULL", attacker.id),
    ).toBe(0);
    expect(await count('SELECT count(*) AS n FROM customer_addresses WHERE customer_id = ?1', attacker.id)).toBe(0);
    expect(await count("SELECT count(*) AS n FROM timeline_events WHERE customer_id = ?1 AND type = 'email_verified'", attacker.id)).toBe(1);
  });

  it('of a verified account: pending email change ended, addresses kept', async () => {
    const s = await signUp();
    await markVerified(s.id);
    expect((await call('POST', '/storefront/customer/addresses', { headers: bearer(s.accessToken), body: address })).status).toBe(201);
    const change = await call('PATCH', '/storefront/customer', {
      headers: bearer(s.accessToken),
      body: { email: uniqueEmail('elsewhere'), current_password: PASSWORD },
    });
    expect(change.status, change.text).toBe(200);
    await resetWith(s.email, 'my-new-secret-6');
    expect(await count("SELECT count(*) AS n FROM email_codes WHERE customer_id = ?1 AND purpose = 'email_change' AND used_at IS NULL", s.id)).toBe(
      0,
    );
    expect(await count('SELECT count(*) AS n FROM customer_addresses WHERE customer_id = ?1', s.id)).toBe(1);
  });
});

describe('email change', () => {
  it('without the code sent to the new address nothing changes; a wrong code is code_invalid', async () => {
    const s = await signUp();
    const target = uniqueEmail('target');
    const asked = await call('PATCH', '/storefront/customer', {
      headers: bearer(s.accessToken),
      body: { email: target, current_password: PASSWORD },
    });
    expect(asked.status).toBe(200);
    expect(asked.body.customer).toMatchObject({ email: s.email, pending_email: target });
    const real = await latestCode(target, 'email_change');
    const wrong = await call('POST', '/storefront/customer/email/confirm', { headers: bearer(s.accessToken), body: { code: wrongOf(real) } });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toMatchObject({ code: 'code_invalid', codes: { code: 'invalid_or_expired' } });
    // The code of another purpose for the same address is worthless here.
    const row = await env.DB.prepare('SELECT email FROM customers WHERE id = ?1').bind(s.id).first<{ email: string }>();
    expect(row!.email).toBe(s.email);
    expect((await logIn(s.email)).status).toBe(200);
    expect((await logIn(target)).status).toBe(401);
    // The shopper's own sign-up verify code does not confirm the change either.
    const verify = await latestCode(s.email, 'verify');
    const cross = await call('POST', '/storefront/customer/email/confirm', { headers: bearer(s.accessToken), body: { code: verify } });
    expect(cross.status).toBe(422);
  });
});

describe('sign-in with an emailed code', () => {
  it('answers the same 202 for unknown emails and stores nothing for them', async () => {
    const s = await signUp();
    const known = await requestCode(s.email);
    const unknownEmail = uniqueEmail('nobody');
    const unknown = await requestCode(unknownEmail);
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(known.text).toBe(unknown.text);
    expect(known.body).toEqual({ status: 'sent', resend_after: 60 });
    await settle();
    expect(await codeRows(unknownEmail)).toBe(0);
    const bad = await confirmCode(unknownEmail, '123456');
    const badKnown = await confirmCode(s.email, wrongOf(await latestCode(s.email, 'sign_in')));
    expect(bad.status).toBe(422);
    expect(bad.text).toBe(badKnown.text);
  });

  it('a right code signs in once and verifies; wrong codes count, the 6th try fails even with the right code', async () => {
    const s = await signUp();
    await requestCode(s.email);
    const code = await latestCode(s.email, 'sign_in');
    for (let i = 0; i < 5; i++) expect((await confirmCode(s.email, wrongOf(code))).status).toBe(422);
    expect((await confirmCode(s.email, code)).status).toBe(422);

    await requestCode(s.email);
    await settle();
    expect((await mailsTo(s.email, 'email_code_sign_in')).length).toBe(2);
    const fresh = await latestCode(s.email, 'sign_in');
    const ok = await confirmCode(s.email.toUpperCase(), fresh);
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.access_token).toBeTruthy();
    expect(ok.body.customer.email_verified).toBe(true);
    expect((await confirmCode(s.email, fresh)).status).toBe(422);
    const events = await env.DB.prepare(
      "SELECT type FROM timeline_events WHERE customer_id = ?1 AND type IN ('email_verified', 'signed_in_with_code')",
    )
      .bind(s.id)
      .all<{ type: string }>();
    expect(events.results.map((e) => e.type).sort()).toEqual(['email_verified', 'signed_in_with_code']);
  });

  it('at most 10 failed tries per email per day across codes: afterwards even the right code of a new one is code_invalid', async () => {
    // Straight to the rule, past the per-minute LOGIN_LIMITER (which would answer 429 first within one minute).
    const unlimited = { ...env, LOGIN_LIMITER: undefined };
    const tryCode = (email: string, code: string) => confirmSignInCode(unlimited, { email, code }, {});
    const s = await signUp();
    for (let round = 0; round < 2; round++) {
      await requestCode(s.email);
      await settle();
      const code = await latestCode(s.email, 'sign_in');
      for (let i = 0; i < 5; i++) await expect(tryCode(s.email, wrongOf(code))).rejects.toMatchObject({ code: 'code_invalid' });
    }
    await requestCode(s.email);
    await settle();
    const fresh = await latestCode(s.email, 'sign_in');
    await expect(tryCode(s.email, fresh)).rejects.toMatchObject({ code: 'code_invalid' });
    const refused = await confirmCode(s.email, fresh);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'code_invalid', codes: { code: 'invalid_or_expired' } });
    // A day later (the failures aged out of the window) the same code works.
    const yesterday = new Date(Date.now() - 25 * 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    await env.DB.prepare('UPDATE email_codes SET date_created = ?2 WHERE email = ?1 AND attempts > 0').bind(s.email.toLowerCase(), yesterday).run();
    expect((await confirmCode(s.email, fresh)).status).toBe(200);
  });

  it('a code taken at the first try counts no failure', async () => {
    const s = await signUp();
    await requestCode(s.email);
    const ok = await confirmCode(s.email, await latestCode(s.email, 'sign_in'));
    expect(ok.status, ok.text).toBe(200);
    const row = await env.DB.prepare('SELECT coalesce(sum(attempts), 0) AS n FROM email_codes WHERE email = ?1')
      .bind(s.email.toLowerCase())
      .first<{ n: number }>();
    expect(row!.n).toBe(0);
  });

  it('an expired code fails', async () => {
    const s = await signUp();
    await requestCode(s.email);
    const code = await latestCode(s.email, 'sign_in');
    await env.DB.prepare("UPDATE email_codes SET expires_at = '2000-01-01T00:00:00Z' WHERE email = ?1").bind(s.email.toLowerCase()).run();
    expect((await confirmCode(s.email, code)).status).toBe(422);
  });

  it('at most 5 codes per email per hour, also across delete + re-sign-up', async () => {
    const s = await signUp(); // 1: the sign-up's verify code
    for (let i = 0; i < 4; i++) await requestCode(s.email); // 2..5
    await settle();
    expect(await codeRows(s.email)).toBe(5);
    const over = await requestCode(s.email);
    expect(over.status).toBe(202);
    await settle();
    expect(await codeRows(s.email)).toBe(5);
    expect((await call('DELETE', '/storefront/customer', { headers: bearer(s.accessToken), body: { current_password: PASSWORD } })).status).toBe(204);
    const again = await signUp({ email: s.email });
    await requestCode(again.email);
    await settle();
    expect(await codeRows(s.email)).toBe(5);
    expect((await mailsTo(s.email, 'email_code_sign_in')).length).toBe(4);
  });

  it('at most 20 codes per email per day', async () => {
    const s = await signUp();
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    for (let i = 0; i < 19; i++) {
      await env.DB.prepare("INSERT INTO email_codes (purpose, email, code_hash, expires_at, date_created) VALUES ('sign_in', ?1, 'x', ?2, ?2)")
        .bind(s.email.toLowerCase(), twoHoursAgo)
        .run();
    }
    expect(await codeRows(s.email)).toBe(20);
    await requestCode(s.email);
    await settle();
    expect(await codeRows(s.email)).toBe(20);
  });
});

describe('a customer the store’s staff created keeps what staff entered', () => {
  it('the first code sign-in of an unverified, staff-created customer keeps their addresses (a stranger’s sign-up would lose them)', async () => {
    const token = await adminToken();
    const email = uniqueEmail('staff-made');
    const address = {
      first_name: 'S',
      last_name: 'M',
      address1: '3 Main St',
      city: 'Austin',
      state_or_province: 'Texas',
      postal_code: '78701',
      country_code: 'US',
    };
    const made = await call('POST', '/v3/customers', { token, body: [{ email, first_name: 'Stef', last_name: 'Made', addresses: [address] }] });
    expect(made.status, made.text).toBe(200);
    expect((await call('POST', '/storefront/session/code', { body: { email } })).status).toBe(202);
    const signedIn = await confirmCode(email, await latestCode(email, 'sign_in'));
    expect(signedIn.status, signedIn.text).toBe(200);
    const book = await call('GET', '/storefront/customer/addresses', { headers: bearer(signedIn.body.access_token) });
    expect(book.body.data.map((a: { address1: string }) => a.address1)).toEqual(['3 Main St']);
  });
});
