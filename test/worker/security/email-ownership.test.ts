// Proven email ownership (issue 12), against the real worker and D1: the pre-account takeover ends with
// `account_exists`; an email change needs the code sent to the new address; sign-in by emailed code
// (wrong codes, expiry, 5 tries, per-email caps that survive delete + re-sign-up, no enumeration).
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { call, uniqueEmail } from '../../helpers/api';
import { latestCode } from '../../helpers/email-codes';
import { mailsTo, settle } from '../../helpers/email-verified';
import { bearer, cookie, logIn, PASSWORD, signUp } from '../../helpers/shopper';
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
