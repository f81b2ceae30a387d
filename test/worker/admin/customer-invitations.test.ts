// POST /v3/customers/{id}/password-link: staff mail a new customer a link to set their password (the
// console's "New customer"); the link is a reset link that lasts a week.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { adminToken, call, expectErrorShape, uniqueEmail } from '../../helpers/api';
import { waitForMail } from '../../helpers/email-verified';
import { logIn } from '../../helpers/shopper';

describe('POST /v3/customers/{id}/password-link', () => {
  it('mails a week-long link; opening it sets the first password, which then signs in', async () => {
    const token = await adminToken();
    const email = uniqueEmail('invited');
    const made = await call('POST', '/v3/customers', { token, body: [{ email, first_name: 'Ivo', last_name: 'Invited' }] });
    expect(made.status, made.text).toBe(200);
    const id = made.body.data[0].id;
    const res = await call('POST', `/v3/customers/${id}/password-link`, { token });
    expect(res.status, res.text).toBe(202);
    expect(res.body.data.sent_to).toBe(email);
    const days = (Date.parse(res.body.data.expires_at) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    const mail = await waitForMail(email, 'password_set_invitation');
    expect(mail.text).toContain('within 7 days');
    const link = /#reset-password=([\w-]+)/.exec(mail.text)![1]!;
    const set = await call('POST', '/storefront/password-reset/confirm', { body: { token: link, new_password: 'first-own-password-11' } });
    expect(set.status, set.text).toBe(204);
    expect((await logIn(email, 'first-own-password-11')).status).toBe(200);
    const row = await env.DB.prepare('SELECT email_verified_at FROM customers WHERE id = ?1').bind(id).first<{ email_verified_at: string | null }>();
    expect(row!.email_verified_at).not.toBeNull(); // the link went to the mailbox: opening it proves it
  });

  it('an unknown customer is 404; a read-only token may not send one', async () => {
    const token = await adminToken();
    const missing = await call('POST', '/v3/customers/999999999/password-link', { token });
    expect(missing.status).toBe(404);
    expectErrorShape(missing.body, 404);
    expect(missing.body.code).toBe('customer_not_found');
    const readOnly = await adminToken(['store_v2_customers_read_only']);
    expect((await call('POST', '/v3/customers/1/password-link', { token: readOnly })).status).toBe(403);
  });
});
