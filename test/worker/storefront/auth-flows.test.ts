// Shopper flows through the real worker and D1: sign-up with custom fields, log in, refresh rotation,
// log out, log out everywhere, password change, reset via the outbox, delete account, forced reset.
import { latestCode } from '../../helpers/email-codes';
import { waitForMail } from '../../helpers/email-verified';
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminToken, call, expectErrorShape, uniqueEmail } from '../../helpers/api';
import { bearer, cookie, defineField, logIn, PASSWORD, refreshCookieOf, requiredFormFields, signUp } from '../../helpers/shopper';

const tag = Date.now().toString(36);
const f = (n: string) => `${n}_${tag}`;

beforeAll(async () => {
  await defineField({ name: f('text'), type: 'text', max_length: 10 });
  await defineField({ name: f('multi'), type: 'multiline' });
  await defineField({ name: f('num'), type: 'number', min: 1, max: 10 });
  await defineField({ name: f('date'), type: 'date', min_date: '1900-01-01', max_date: '2012-12-31' });
  await defineField({ name: f('box'), type: 'checkbox', options: ['Yes'] });
  await defineField({ name: f('boxes'), type: 'checkboxes', options: ['Red', 'Green', 'Blue'] });
  await defineField({ name: f('radio'), type: 'radio', options: ['Email', 'Phone'], required: true });
  await defineField({ name: f('pick'), type: 'picklist', options: ['Friend', 'Ad'] });
  await defineField({ name: f('secret'), type: 'password', max_length: 20 });
});

describe('sign-up', () => {
  it('creates the customer with every custom field type, a session and the refresh cookie', async () => {
    const values = [
      { name: f('text'), value: 'hello' },
      { name: f('multi'), value: 'line one\nline two' },
      { name: f('num'), value: 7 },
      { name: f('date'), value: '1990-05-17' },
      { name: f('box'), value: 'Yes' },
      { name: f('boxes'), value: ['Red', 'Blue'] },
      { name: f('radio'), value: 'Phone' },
      { name: f('pick'), value: 'Friend' },
      { name: f('secret'), value: 'open sesame' },
    ];
    const others = (await requiredFormFields()).filter((r) => !values.some((v) => v.name === r.name));
    const email = uniqueEmail('fields');
    const res = await call('POST', '/storefront/customers', {
      body: {
        email,
        password: PASSWORD,
        first_name: 'Fiona',
        last_name: 'Fields',
        phone: '555-0199',
        form_fields: [...values, ...others],
        consents: ['marketing_newsletter'],
      },
      headers: { 'CF-Connecting-IP': '198.51.100.7' },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      token_type: 'Bearer',
      expires_in: 900,
      customer: { email, first_name: 'Fiona', phone: '555-0199', has_password: true },
    });
    for (const v of values) expect(res.body.customer.form_fields).toContainEqual(v);
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('sfa_refresh='))!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/Secure/);
    expect(setCookie).toMatch(/SameSite=None/);
    expect(setCookie).toMatch(/Partitioned/);
    expect(setCookie).toMatch(/Path=\/storefront\/session/);
    expect(res.body).not.toHaveProperty('refresh_token');

    const admin = await adminToken(['store_v2_customers_read_only']);
    const stored = await call('GET', `/v3/customers?email:in=${encodeURIComponent(email)}`, { token: admin });
    expect(stored.body.data[0]).toMatchObject({ registration_ip_address: '198.51.100.7', origin_channel_id: 1 });
    // Double opt-in (the default): the consents wait for their own confirmation link, like a guest's.
    const subscriber = () =>
      env.DB.prepare('SELECT consents, source FROM subscribers WHERE email = ?1').bind(email).first<{ consents: string; source: string }>();
    expect(await subscriber()).toBeNull();
    const mail = await waitForMail(email, 'newsletter_confirmation');
    const token = /#confirm-subscription=([\w-]+)/.exec(mail.text)![1]!;
    expect((await call('POST', '/storefront/subscribers/confirm', { body: { token } })).status).toBe(200);
    expect(await subscriber()).toEqual({ consents: '["marketing_newsletter"]', source: 'storefront' });
  });

  it('puts new customers in the default group, named in the access token (gid)', async () => {
    const admin = await adminToken(['store_v2_customers']);
    const created = await call('POST', '/v2/customer_groups', { token: admin, body: { name: `Default ${Date.now()}`, is_default: true } });
    expect(created.status, created.text).toBe(200);
    const s = await signUp();
    expect(s.body.customer.customer_group_id).toBe(created.body.id);
    const claims = JSON.parse(atob(s.accessToken.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')));
    expect(claims.gid).toBe(created.body.id);
    // Deleting the group moves its customers to no group; their next token says so.
    await call('DELETE', `/v2/customer_groups/${created.body.id}`, { token: admin });
    const again = await logIn(s.email);
    expect(again.body.customer.customer_group_id).toBe(0);
    expect(JSON.parse(atob(again.body.access_token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))).gid).toBe(0);
  });

  it('answers bad values with 422 and field paths, writing nothing', async () => {
    const email = uniqueEmail('bad');
    const res = await call('POST', '/storefront/customers', {
      body: {
        email,
        password: 'short',
        first_name: 'B',
        last_name: 'D',
        form_fields: [
          { name: f('text'), value: 'far too long for ten' },
          { name: f('num'), value: 11 },
          { name: f('date'), value: '2020-02-30' },
          { name: f('boxes'), value: ['Purple'] },
          { name: f('pick'), value: 'Other' },
          { name: 'no_such_field', value: 'x' },
        ],
      },
    });
    expect(res.status).toBe(422);
    expectErrorShape(res.body, 422);
    expect(Object.keys(res.body.errors).sort()).toEqual(
      [
        'password',
        `form_fields.${f('text')}`,
        `form_fields.${f('num')}`,
        `form_fields.${f('date')}`,
        `form_fields.${f('boxes')}`,
        `form_fields.${f('pick')}`,
        'form_fields.no_such_field',
        `form_fields.${f('radio')}`,
      ].sort(),
    );
    expect(await env.DB.prepare('SELECT id FROM customers WHERE email = ?1').bind(email).first()).toBeNull();
  });

  it('refuses the email as password, a common password, and a taken email', async () => {
    const email = uniqueEmail('policy');
    const fields = await requiredFormFields();
    const asEmail = await call('POST', '/storefront/customers', {
      body: { email, password: email, first_name: 'A', last_name: 'B', form_fields: fields },
    });
    expect(asEmail.body.errors.password).toMatch(/email/i);
    const common = await call('POST', '/storefront/customers', {
      body: { email, password: 'password1', first_name: 'A', last_name: 'B', form_fields: fields },
    });
    expect(common.body.errors.password).toMatch(/common/i);
    const s = await signUp();
    const taken = await call('POST', '/storefront/customers', {
      body: { email: s.email.toUpperCase(), password: PASSWORD, first_name: 'A', last_name: 'B', form_fields: fields },
    });
    expect(taken.status).toBe(409);
  });

  it('keeps a 128-character password whole (no truncation) and refuses 129', async () => {
    const long = 'a1b2'.repeat(32);
    const s = await signUp({ password: long });
    expect((await logIn(s.email, long)).status).toBe(200);
    expect((await logIn(s.email, long.slice(0, 127))).status).toBe(401);
    const tooLong = await call('POST', '/storefront/customers', {
      body: { email: uniqueEmail(), password: `${long}x`, first_name: 'A', last_name: 'B', form_fields: await requiredFormFields() },
    });
    expect(tooLong.status).toBe(422);
  });
});

describe('log in, refresh, log out', () => {
  it('logs in and reads the profile with the access token', async () => {
    const s = await signUp();
    const res = await logIn(s.email.toUpperCase());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ token_type: 'Bearer', customer: { id: s.id } });
    const me = await call('GET', '/storefront/customer', { headers: bearer(res.body.access_token) });
    expect(me.status).toBe(200);
    expect(me.body.customer.email).toBe(s.email);
  });

  it('rotates the refresh token on every use; replaying a rotated one revokes the family', async () => {
    const s = await signUp();
    const first = await call('POST', '/storefront/session/refresh', { headers: cookie(s.refreshCookie) });
    expect(first.status).toBe(200);
    const second = refreshCookieOf(first.headers);
    expect(second).not.toBe(s.refreshCookie);
    const replay = await call('POST', '/storefront/session/refresh', { headers: cookie(s.refreshCookie) });
    expect(replay.status).toBe(401);
    expectErrorShape(replay.body, 401);
    // The thief's replay also killed the legitimate successor.
    expect((await call('POST', '/storefront/session/refresh', { headers: cookie(second) })).status).toBe(401);
  });

  it('20 concurrent refreshes of one token: exactly one succeeds', async () => {
    const s = await signUp();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => call('POST', '/storefront/session/refresh', { headers: cookie(s.refreshCookie) })),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 401)).toHaveLength(19);
  });

  it('logs out this device only', async () => {
    const s = await signUp();
    const other = await logIn(s.email);
    const otherRefresh = refreshCookieOf(other.headers);
    const out = await call('DELETE', '/storefront/session', { headers: cookie(s.refreshCookie) });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().join()).toMatch(/sfa_refresh=;.*Max-Age=0/);
    expect((await call('POST', '/storefront/session/refresh', { headers: cookie(s.refreshCookie) })).status).toBe(401);
    expect((await call('POST', '/storefront/session/refresh', { headers: cookie(otherRefresh) })).status).toBe(200);
  });

  it('logs out everywhere: refresh tokens and earlier access tokens stop working', async () => {
    const s = await signUp();
    const other = await logIn(s.email);
    const out = await call('DELETE', '/storefront/sessions', { headers: bearer(s.accessToken) });
    expect(out.status).toBe(204);
    expect((await call('GET', '/storefront/customer', { headers: bearer(s.accessToken) })).status).toBe(401);
    expect((await call('GET', '/storefront/customer', { headers: bearer(other.body.access_token) })).status).toBe(401);
    expect((await call('POST', '/storefront/session/refresh', { headers: cookie(refreshCookieOf(other.headers)) })).status).toBe(401);
    expect((await logIn(s.email)).status).toBe(200);
  });

  it('refuses a customer who must reset their password, pointing to the reset flow', async () => {
    const s = await signUp();
    const admin = await adminToken(['store_v2_customers']);
    await call('PUT', '/v3/customers', { token: admin, body: [{ id: s.id, authentication: { force_password_reset: true } }] });
    const res = await logIn(s.email);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('password_reset_required');
    expect(res.body.codes).toEqual({ password: 'password_reset_required' });
    expect(res.body.detail).toMatch(/password-reset/);
    expect(res.headers.getSetCookie()).toEqual([]);
    // The admin change also ended the sessions the customer had.
    expect((await call('GET', '/storefront/customer', { headers: bearer(s.accessToken) })).status).toBe(401);
  });
});

describe('profile', () => {
  it('updates names and custom fields; refuses bad values', async () => {
    const s = await signUp();
    const res = await call('PATCH', '/storefront/customer', {
      headers: bearer(s.accessToken),
      body: { first_name: 'Samira', form_fields: [{ name: f('num'), value: 3 }] },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.customer.first_name).toBe('Samira');
    expect(res.body.customer.form_fields).toContainEqual({ name: f('num'), value: 3 });
    const bad = await call('PATCH', '/storefront/customer', {
      headers: bearer(s.accessToken),
      body: { form_fields: [{ name: f('num'), value: 99 }] },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toHaveProperty([`form_fields.${f('num')}`]);
  });

  it('needs the current password to change the email', async () => {
    const s = await signUp();
    const newEmail = uniqueEmail('moved');
    const without = await call('PATCH', '/storefront/customer', { headers: bearer(s.accessToken), body: { email: newEmail } });
    expect(without.status).toBe(422);
    const withIt = await call('PATCH', '/storefront/customer', {
      headers: bearer(s.accessToken),
      body: { email: newEmail, current_password: PASSWORD },
    });
    expect(withIt.status).toBe(200);
    // Nothing changes until the code mailed to the new address is confirmed.
    expect(withIt.body.customer).toMatchObject({ email: s.email, pending_email: newEmail });
    const code = await latestCode(newEmail, 'email_change');
    const confirmed = await call('POST', '/storefront/customer/email/confirm', { headers: bearer(s.accessToken), body: { code } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.customer).toMatchObject({ email: newEmail, email_verified: true, pending_email: null });
    expect(await waitForMail(s.email, 'email_changed')).toBeTruthy();
  });

  it('changes the password with the current one; other sessions and old tokens end', async () => {
    const s = await signUp();
    const other = await logIn(s.email);
    const wrong = await call('POST', '/storefront/customer/password', {
      headers: bearer(s.accessToken),
      body: { current_password: 'nope-nope-nope', new_password: 'another-fine-secret' },
    });
    expect(wrong.status).toBe(422);
    const ok = await call('POST', '/storefront/customer/password', {
      headers: bearer(s.accessToken),
      body: { current_password: PASSWORD, new_password: 'another-fine-secret' },
    });
    expect(ok.status).toBe(200);
    expect((await call('GET', '/storefront/customer', { headers: bearer(s.accessToken) })).status).toBe(401);
    expect((await call('POST', '/storefront/session/refresh', { headers: cookie(refreshCookieOf(other.headers)) })).status).toBe(401);
    expect((await call('GET', '/storefront/customer', { headers: bearer(ok.body.access_token) })).status).toBe(200);
    expect((await logIn(s.email)).status).toBe(401);
    expect((await logIn(s.email, 'another-fine-secret')).status).toBe(200);
  });

  it('deletes the account (with the password): data gone, orders kept without personal data', async () => {
    const s = await signUp({ consents: ['marketing_newsletter'] });
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const order = await env.DB.prepare(
      `INSERT INTO orders (customer_id, email, first_name, last_name, total_minor, billing_address, date_created, date_modified) VALUES (?1, ?2, 'Sam', 'Shopper', 4200, '{"city":"Leeds"}', ?3, ?3) RETURNING id`,
    )
      .bind(s.id, s.email, now)
      .first<{ id: number }>();
    expect((await call('DELETE', '/storefront/customer', { headers: bearer(s.accessToken), body: {} })).status).toBe(422);
    const res = await call('DELETE', '/storefront/customer', { headers: bearer(s.accessToken), body: { current_password: PASSWORD } });
    expect(res.status).toBe(204);
    expect(await env.DB.prepare('SELECT id FROM customers WHERE id = ?1').bind(s.id).first()).toBeNull();
    expect(await env.DB.prepare('SELECT id FROM subscribers WHERE email = ?1').bind(s.email).first()).toBeNull();
    expect(await env.DB.prepare('SELECT count(*) AS n FROM refresh_sessions WHERE customer_id = ?1').bind(s.id).first()).toEqual({ n: 0 });
    const kept = await env.DB.prepare('SELECT customer_id, email, first_name, billing_address, total_minor, anonymized FROM orders WHERE id = ?1')
      .bind(order!.id)
      .first();
    expect(kept).toEqual({
      customer_id: null,
      email: `erased-${order!.id}@invalid`,
      first_name: '',
      billing_address: '{}',
      total_minor: 4200,
      anonymized: 1,
    });
    expect((await logIn(s.email)).status).toBe(401);
  });
});

describe('password reset', () => {
  /** The reset link's token: the mail is sent after the response (waitUntil), so wait for it. */
  async function latestResetToken(email: string): Promise<string> {
    const mail = await waitForMail(email, 'password_reset');
    return /#reset-password=([\w-]+)/.exec(mail.text)![1]!;
  }

  it('answers the same for known and unknown emails; the emailed token sets a new password once', async () => {
    const s = await signUp();
    const other = await logIn(s.email);
    const known = await call('POST', '/storefront/password-reset', { body: { email: s.email } });
    const unknown = await call('POST', '/storefront/password-reset', { body: { email: uniqueEmail('nobody') } });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(known.text).toBe(unknown.text);
    const token = await latestResetToken(s.email);
    const weak = await call('POST', '/storefront/password-reset/confirm', { body: { token, new_password: 'short' } });
    expect(weak.status).toBe(422);
    const ok = await call('POST', '/storefront/password-reset/confirm', { body: { token, new_password: 'brand-new-secret-7' } });
    expect(ok.status).toBe(204);
    expect((await call('POST', '/storefront/password-reset/confirm', { body: { token, new_password: 'brand-new-secret-8' } })).status).toBe(422);
    expect((await call('POST', '/storefront/session/refresh', { headers: cookie(refreshCookieOf(other.headers)) })).status).toBe(401);
    expect((await call('GET', '/storefront/customer', { headers: bearer(s.accessToken) })).status).toBe(401);
    expect((await logIn(s.email, 'brand-new-secret-7')).status).toBe(200);
  });

  it('clears a forced reset', async () => {
    const s = await signUp();
    const admin = await adminToken(['store_v2_customers']);
    await call('PUT', '/v3/customers', { token: admin, body: [{ id: s.id, authentication: { force_password_reset: true } }] });
    await call('POST', '/storefront/password-reset', { body: { email: s.email } });
    const token = await latestResetToken(s.email);
    expect((await call('POST', '/storefront/password-reset/confirm', { body: { token, new_password: 'fresh-start-secret' } })).status).toBe(204);
    expect((await logIn(s.email, 'fresh-start-secret')).status).toBe(200);
  });
});
