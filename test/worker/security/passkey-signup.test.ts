// Sign-up without a password (issue 14, PASSKEY_SIGNUP=true): email → the emailed code → a passkey.
// The account never has a session before its email is proven, so whoever types someone else's address
// cannot plant a passkey on it (the pre-account takeover of issue 10).
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { signUp as signUpAccount } from '../../../worker/src/accounts/customers';
import { call, uniqueEmail } from '../../helpers/api';
import { waitForMail } from '../../helpers/email-verified';
import { addPasskey, passkeySignIn } from '../../helpers/passkeys';
import { bearer, logIn, requiredFormFields } from '../../helpers/shopper';

async function signUpWithoutPassword(email: string) {
  return call('POST', '/storefront/customers', {
    body: { email, first_name: 'Pia', last_name: 'Passkey', form_fields: await requiredFormFields() },
  });
}

const proofOf = (headers: Headers) =>
  headers
    .getSetCookie()
    .find((c) => c.startsWith('sfa_code_proof='))
    ?.split(';')[0];

async function codeFor(email: string): Promise<string> {
  const mail = await waitForMail(email, 'email_code_verify');
  return /#email-code=(\d{6})/.exec(mail.text)![1]!;
}

describe('passkey sign-up (PASSKEY_SIGNUP=true)', () => {
  it('the sign-up form learns that the store offers it', async () => {
    const res = await call('GET', '/storefront/form-fields');
    expect(res.status).toBe(200);
    expect(res.body.sign_up).toEqual({ passkey: true });
  });

  it('no password: the account is made, but no session until the code; then a passkey is its way in', async () => {
    const email = uniqueEmail('passkey-signup');
    const res = await signUpWithoutPassword(email);
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ verification: 'required', customer: { email, has_password: false, email_verified: false } });
    expect(res.body.access_token).toBeUndefined();
    expect(res.headers.getSetCookie().some((c) => c.startsWith('sfa_refresh='))).toBe(false);
    const proof = proofOf(res.headers);
    expect(proof).toBeDefined();

    // No password means none works, not even an empty one.
    const noPassword = await logIn(email, '');
    expect(noPassword.status).toBe(401);
    expect(noPassword.body.code).toBe('invalid_credentials');

    const confirmed = await call('POST', '/storefront/session/code/confirm', {
      body: { email, code: await codeFor(email) },
      headers: { Cookie: proof! },
    });
    expect(confirmed.status, confirmed.text).toBe(200);
    expect(confirmed.body.customer).toMatchObject({ email_verified: true, has_password: false });

    // Just signed in by code: recent enough to add a passkey, which then signs in alone.
    const added = await addPasskey(confirmed.body.access_token, { name: 'Phone' });
    expect(added.res.status, added.res.text).toBe(201);
    const signedIn = await passkeySignIn(added.authenticator);
    expect(signedIn.status, signedIn.text).toBe(200);
    expect(signedIn.body.customer).toMatchObject({ id: res.body.customer.id, has_password: false });

    // Its only passkey is its last way in besides the emailed code: not removable.
    const del = await call('DELETE', `/storefront/customer/passkeys/${added.res.body.data.id}`, { headers: bearer(signedIn.body.access_token) });
    expect(del.status, del.text).toBe(409);
    expect(del.body.code).toBe('last_sign_in_method');
  });

  it('an empty password is a password: it must meet the policy', async () => {
    const res = await call('POST', '/storefront/customers', {
      body: { email: uniqueEmail('empty-pw'), password: '', first_name: 'E', last_name: 'P', form_fields: await requiredFormFields() },
    });
    expect(res.status).toBe(422);
    expect(res.body.errors.password).toBeDefined();
  });

  it('the same email twice is still refused (409), with or without a password', async () => {
    const email = uniqueEmail('twice');
    expect((await signUpWithoutPassword(email)).status).toBe(201);
    const again = await signUpWithoutPassword(email);
    expect(again.status).toBe(409);
    expect(again.body.codes.email).toBe('email_taken');
  });
});

describe('passkey sign-up off (the default, PASSKEY_SIGNUP unset or "false")', () => {
  it('a sign-up without a password is refused on the password field, and nothing is created', async () => {
    const email = uniqueEmail('no-pw-off');
    const off = { ...env, PASSKEY_SIGNUP: 'false' };
    await expect(
      signUpAccount(off, { email, first_name: 'N', last_name: 'P', form_fields: [] }, { channelId: 1, locale: 'en', accountUrl: '/' }),
    ).rejects.toMatchObject({ code: 'validation_failed', options: { errors: { password: { code: 'required' } } } });
    const row = await env.DB.prepare('SELECT count(*) AS n FROM customers WHERE email = ?1').bind(email).first<{ n: number }>();
    expect(row!.n).toBe(0);
  });
});
