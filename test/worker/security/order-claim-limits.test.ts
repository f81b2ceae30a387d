// Guessing order-claim codes (issue 12, the review's Medium finding): an attacker signs up with the
// victim's email, asks for claim codes and guesses, then deletes the account and signs up again for a
// fresh limit. Codes are now limited per *email* (5 an hour, 20 a day, counted in D1 over every code
// sent to it), so the new account inherits the old one's count; each code takes 5 tries. An account
// with an unverified email learns nothing from the count either (claimable is 0), and the victim's
// mailbox gets at most 5 claim mails an hour.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminToken, call, expectErrorShape, uniqueEmail } from '../../helpers/api';
import { mailsTo } from '../../helpers/email-verified';
import { bearer, PASSWORD, signUp } from '../../helpers/shopper';

let orders: string;
beforeAll(async () => {
  orders = await adminToken(['store_v2_orders']);
});

const guestOrder = (email: string) => ({
  email,
  currency_code: 'EUR',
  subtotal: '10.00',
  total: '10.00',
  items: [{ name: 'Candle', quantity: 1, price: '10.00' }],
});

const requestCode = (token: string) => call('POST', '/storefront/customer/orders/claim', { headers: bearer(token) });

describe('order-claim codes are limited per email', () => {
  it('deleting the account and signing up again with the victim’s email starts no fresh limit', async () => {
    const victim = uniqueEmail('victim');
    await call('POST', '/v3/orders', { token: orders, body: [guestOrder(victim)] });

    const attacker = await signUp({ email: victim });
    // The unverified account is told nothing about the victim's guest orders.
    expect((await call('GET', '/storefront/customer/orders', { headers: bearer(attacker.accessToken) })).body.claimable).toBe(0);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await requestCode(attacker.accessToken)).status);
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);

    const gone = await call('DELETE', '/storefront/customer', { headers: bearer(attacker.accessToken), body: { current_password: PASSWORD } });
    expect(gone.status, gone.text).toBe(204);
    // The count survives the account: the claim codes stay (without a customer) until they are old.
    expect(await env.DB.prepare('SELECT count(*) AS n FROM order_claim_codes WHERE email = ?1').bind(victim).first()).toEqual({ n: 5 });

    const again = await signUp({ email: victim.toUpperCase() });
    const refused = await requestCode(again.accessToken);
    expect(refused.status).toBe(429);
    expectErrorShape(refused.body, 429);
    expect(refused.body.code).toBe('rate_limited');
    const retryAfter = Number(refused.headers.get('Retry-After'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);

    // The victim's mailbox got five codes, not more; the guest order is still a guest order.
    expect(await mailsTo(victim, 'order_claim')).toHaveLength(5);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM orders WHERE email = ?1 AND customer_id IS NULL').bind(victim).first()).toEqual({
      n: 1,
    });
  });

  it('a deleted account’s last code is worthless to the next account with that email', async () => {
    const email = uniqueEmail('handover');
    await call('POST', '/v3/orders', { token: orders, body: [guestOrder(email)] });
    const first = await signUp({ email });
    expect((await requestCode(first.accessToken)).status).toBe(202);
    const code = /\b(\d{6})\b/.exec((await mailsTo(email, 'order_claim'))[0]!.text)![1]!;
    await call('DELETE', '/storefront/customer', { headers: bearer(first.accessToken), body: { current_password: PASSWORD } });
    const second = await signUp({ email });
    const res = await call('POST', '/storefront/customer/orders/claim/confirm', { headers: bearer(second.accessToken), body: { code } });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('claim_code_invalid');
  });
});
