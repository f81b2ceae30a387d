// The shopper's orders (history, detail, summary, claiming guest orders: at once with a verified
// email, by a mailed code without) and newsletter consents (only with a verified email; guests by
// double opt-in).
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminToken, call, expectErrorShape, uniqueEmail } from '../../helpers/api';
import { mailsTo, markVerified, settle, waitForMail } from '../../helpers/email-verified';
import { bearer, signUp } from '../../helpers/shopper';

let orders: string;
beforeAll(async () => {
  orders = await adminToken(['store_v2_orders']);
});

const order = (over: Record<string, unknown>) => ({
  currency_code: 'EUR',
  subtotal: '10.00',
  total: '12.00',
  tax: '2.00',
  items: [{ name: 'Candle', quantity: 1, price: '10.00' }],
  ...over,
});

describe('order history', () => {
  it('lists own orders newest first, paged, filtered by status, with a summary; detail only for own orders', async () => {
    const me = await signUp();
    const other = await signUp();
    await call('POST', '/v3/orders', {
      token: orders,
      body: [
        order({ customer_id: me.id, status: 'completed', date_created: '2026-01-01T00:00:00Z' }),
        order({ customer_id: me.id, status: 'shipped', date_created: '2026-02-01T00:00:00Z' }),
        order({ customer_id: me.id, status: 'shipped', total: '30.00', date_created: '2026-03-01T00:00:00Z' }),
        order({ customer_id: other.id, status: 'shipped' }),
      ],
    });
    const res = await call('GET', '/storefront/customer/orders?limit=2', { headers: bearer(me.accessToken) });
    expect(res.status).toBe(200);
    expect(res.body.data.map((o: any) => o.date_created)).toEqual(['2026-03-01T00:00:00Z', '2026-02-01T00:00:00Z']);
    expect(res.body.meta.pagination).toMatchObject({ total: 3, total_pages: 2, current_page: 1 });
    expect(res.body.summary).toEqual({ count: 3, totals: [{ currency_code: 'EUR', total_spent: '54.00', average_order_value: '18.00' }] });
    expect(res.body.data[0]).not.toHaveProperty('email');
    const shipped = await call('GET', '/storefront/customer/orders?status=shipped', { headers: bearer(me.accessToken) });
    expect(shipped.body.data).toHaveLength(2);
    const detail = await call('GET', `/storefront/customer/orders/${res.body.data[0].id}`, { headers: bearer(me.accessToken) });
    expect(detail.body.data).toMatchObject({
      total: '30.00',
      status: 'shipped',
      items: [{ name: 'Candle', quantity: 1, price: '10.00', total: '10.00' }],
    });
    const theirs = await call('GET', '/storefront/customer/orders?limit=1', { headers: bearer(other.accessToken) });
    expect((await call('GET', `/storefront/customer/orders/${theirs.body.data[0].id}`, { headers: bearer(me.accessToken) })).status).toBe(404);
    expect((await call('GET', '/storefront/customer/orders')).status).toBe(401);
  });
});

describe('claiming guest orders', () => {
  async function latestCode(email: string): Promise<string> {
    const mail = (await call('GET', '/dev/outbox')).body.data.find((m: any) => m.to === email && m.kind === 'order_claim');
    return /\b(\d{6})\b/.exec(mail.text)![1]!;
  }

  it('with a verified email: counts the claimable guest orders and claims them in one step, on the timeline', async () => {
    const email = uniqueEmail('oneclick');
    await call('POST', '/v3/orders', {
      token: orders,
      body: [order({ email }), order({ email: email.toUpperCase() }), order({ email: uniqueEmail('someone-else') })],
    });
    const me = await signUp({ email });
    // Unverified: the email grants nothing, not even the count.
    expect((await call('GET', '/storefront/customer/orders', { headers: bearer(me.accessToken) })).body.claimable).toBe(0);
    await markVerified(me.id);
    const before = await call('GET', '/storefront/customer/orders', { headers: bearer(me.accessToken) });
    expect(before.body).toMatchObject({ data: [], claimable: 2 });
    const res = await call('POST', '/storefront/customer/orders/claim', { headers: bearer(me.accessToken) });
    expect(res.status).toBe(200);
    expect(res.body.claimed).toBe(2);
    const after = await call('GET', '/storefront/customer/orders', { headers: bearer(me.accessToken) });
    expect(after.body.data).toHaveLength(2);
    expect(after.body.claimable).toBe(0);
    // No code was mailed, and the claim is on the timeline with the orders it attached.
    expect(await mailsTo(email, 'order_claim')).toEqual([]);
    const event = await env.DB.prepare("SELECT detail, actor_type FROM timeline_events WHERE customer_id = ?1 AND type = 'orders_claimed'")
      .bind(me.id)
      .first<{ detail: string; actor_type: string }>();
    expect(event!.actor_type).toBe('shopper');
    expect((JSON.parse(event!.detail) as { order_ids: number[] }).order_ids.sort()).toEqual(res.body.order_ids.sort());
    // Nothing left: a second click claims nothing and writes no second entry.
    expect((await call('POST', '/storefront/customer/orders/claim', { headers: bearer(me.accessToken) })).body.claimed).toBe(0);
    const events = await env.DB.prepare("SELECT count(*) AS n FROM timeline_events WHERE customer_id = ?1 AND type = 'orders_claimed'")
      .bind(me.id)
      .first<{ n: number }>();
    expect(events!.n).toBe(1);
  });

  it('without a verified email: attaches guest orders only after the mailed code is confirmed', async () => {
    const email = uniqueEmail('claim');
    await call('POST', '/v3/orders', {
      token: orders,
      body: [order({ email }), order({ email: email.toUpperCase() }), order({ email: uniqueEmail('someone-else') })],
    });
    const me = await signUp({ email });
    // Never automatically: signing up with the same email attached nothing.
    expect((await call('GET', '/storefront/customer/orders', { headers: bearer(me.accessToken) })).body.data).toHaveLength(0);
    expect((await call('POST', '/storefront/customer/orders/claim', { headers: bearer(me.accessToken) })).status).toBe(202);
    const code = await latestCode(email);
    const wrongCode = code === '000000' ? '111111' : '000000';
    expect(
      (await call('POST', '/storefront/customer/orders/claim/confirm', { headers: bearer(me.accessToken), body: { code: wrongCode } })).status,
    ).toBe(422);
    const ok = await call('POST', '/storefront/customer/orders/claim/confirm', { headers: bearer(me.accessToken), body: { code } });
    expect(ok.status).toBe(200);
    expect(ok.body.claimed).toBe(2);
    expect((await call('GET', '/storefront/customer/orders', { headers: bearer(me.accessToken) })).body.data).toHaveLength(2);
    expect((await call('POST', '/storefront/customer/orders/claim/confirm', { headers: bearer(me.accessToken), body: { code } })).status).toBe(422);
  });

  it('locks the code after five wrong attempts', async () => {
    const email = uniqueEmail('brute');
    await call('POST', '/v3/orders', { token: orders, body: [order({ email })] });
    const me = await signUp({ email });
    await call('POST', '/storefront/customer/orders/claim', { headers: bearer(me.accessToken) });
    const code = await latestCode(email);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 5; i++)
      await call('POST', '/storefront/customer/orders/claim/confirm', { headers: bearer(me.accessToken), body: { code: wrong } });
    expect((await call('POST', '/storefront/customer/orders/claim/confirm', { headers: bearer(me.accessToken), body: { code } })).status).toBe(422);
  });
});

describe('consents', () => {
  it('reads and sets consents; empty unsubscribes; nothing else changes', async () => {
    const me = await signUp();
    await markVerified(me.id);
    expect((await call('GET', '/storefront/customer/consents', { headers: bearer(me.accessToken) })).body).toEqual({ consents: [] });
    const before = await call('GET', '/storefront/customer', { headers: bearer(me.accessToken) });
    const set = await call('PUT', '/storefront/customer/consents', {
      headers: bearer(me.accessToken),
      body: { consents: ['abandoned_cart', 'marketing_newsletter'] },
    });
    expect(set.body).toEqual({ consents: ['abandoned_cart', 'marketing_newsletter'] });
    expect((await call('GET', '/storefront/customer/consents', { headers: bearer(me.accessToken) })).body.consents).toEqual([
      'abandoned_cart',
      'marketing_newsletter',
    ]);
    await call('PUT', '/storefront/customer/consents', { headers: bearer(me.accessToken), body: { consents: [] } });
    expect(await env.DB.prepare('SELECT id FROM subscribers WHERE email = ?1').bind(me.email).first()).toBeNull();
    const after = await call('GET', '/storefront/customer', { headers: bearer(me.accessToken) });
    expect(after.body.customer).toEqual(before.body.customer);
    expect((await call('PUT', '/storefront/customer/consents', { headers: bearer(me.accessToken), body: { consents: ['spam'] } })).status).toBe(422);
  });

  it("a second shopper can neither read nor change the first one's consents", async () => {
    const first = await signUp();
    const second = await signUp();
    await markVerified(first.id);
    await markVerified(second.id);
    await call('PUT', '/storefront/customer/consents', { headers: bearer(first.accessToken), body: { consents: ['marketing_newsletter'] } });
    expect((await call('GET', '/storefront/customer/consents', { headers: bearer(second.accessToken) })).body.consents).toEqual([]);
    await call('PUT', '/storefront/customer/consents', { headers: bearer(second.accessToken), body: { consents: [] } });
    expect((await call('GET', '/storefront/customer/consents', { headers: bearer(first.accessToken) })).body.consents).toEqual([
      'marketing_newsletter',
    ]);
    // Only the token decides whose consents these are; an id in the body is refused.
    expect(
      (await call('PUT', '/storefront/customer/consents', { headers: bearer(second.accessToken), body: { consents: [], customer_id: first.id } }))
        .status,
    ).toBe(422);
  });

  it('an unverified shopper reads no consents (not even a guest row of the email) and may not change them', async () => {
    const email = uniqueEmail('unverified');
    await call('POST', '/v3/customers/subscribers', {
      token: await adminToken(['store_v2_customers']),
      body: { email, consents: ['abandoned_cart'] },
    });
    const me = await signUp({ email });
    expect((await call('GET', '/storefront/customer/consents', { headers: bearer(me.accessToken) })).body).toEqual({ consents: [] });
    const put = await call('PUT', '/storefront/customer/consents', { headers: bearer(me.accessToken), body: { consents: [] } });
    expect(put.status).toBe(403);
    expectErrorShape(put.body, 403);
    expect(put.body.code).toBe('email_unverified');
    // The guest row is untouched; once the email is proven, the shopper sees and manages it.
    expect(await env.DB.prepare('SELECT consents FROM subscribers WHERE email = ?1').bind(email).first()).toEqual({ consents: '["abandoned_cart"]' });
    await markVerified(me.id);
    expect((await call('GET', '/storefront/customer/consents', { headers: bearer(me.accessToken) })).body).toEqual({ consents: ['abandoned_cart'] });
  });
});

describe('guest newsletter sign-up (double opt-in)', () => {
  async function confirmationToken(email: string): Promise<string> {
    const mail = await waitForMail(email, 'newsletter_confirmation');
    return /#confirm-subscription=([\w-]+)/.exec(mail.text)![1]!;
  }
  const subscriberRow = (email: string) =>
    env.DB.prepare('SELECT email, first_name, consents, source, channel_id FROM subscribers WHERE email = ?1').bind(email).first();

  it('stores no subscriber row before the mailed link is opened; the link makes it with the consents, once', async () => {
    const email = uniqueEmail('doi');
    const res = await call('POST', '/storefront/subscribers', {
      body: { email, first_name: 'Gia', consents: ['abandoned_cart', 'marketing_newsletter'] },
    });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ status: 'confirmation_sent' });
    const token = await confirmationToken(email);
    expect(await subscriberRow(email)).toBeNull();
    // The token is stored only hashed.
    expect(await env.DB.prepare('SELECT count(*) AS n FROM newsletter_confirmations WHERE token_hash = ?1').bind(token).first()).toEqual({ n: 0 });
    const ok = await call('POST', '/storefront/subscribers/confirm', { body: { token } });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ status: 'confirmed' });
    expect(await subscriberRow(email)).toEqual({
      email,
      first_name: 'Gia',
      consents: '["abandoned_cart","marketing_newsletter"]',
      source: 'storefront',
      channel_id: 1,
    });
    const again = await call('POST', '/storefront/subscribers/confirm', { body: { token } });
    expect(again.status).toBe(422);
    expectErrorShape(again.body, 422);
    expect(again.body).toMatchObject({ code: 'subscription_token_invalid', codes: { token: 'invalid_or_expired' } });
  });

  it('mails the link in the shopper’s language', async () => {
    const email = uniqueEmail('doi-de');
    await call('POST', '/storefront/subscribers', { body: { email, locale: 'de' } });
    const mail = await waitForMail(email, 'newsletter_confirmation');
    expect(mail.subject).toBe('Bitte bestätigen Sie Ihre Newsletter-Anmeldung');
    expect((await call('POST', '/storefront/subscribers', { body: { email, locale: 'xx' } })).status).toBe(422);
  });

  it('answers identically for subscribed and unknown emails, and a confirmation only ever adds consents', async () => {
    const known = uniqueEmail('doi-known');
    await call('POST', '/v3/customers/subscribers', {
      token: await adminToken(['store_v2_customers']),
      body: { email: known, consents: ['abandoned_cart'] },
    });
    const fresh = uniqueEmail('doi-new');
    const a = await call('POST', '/storefront/subscribers', { body: { email: known, consents: ['marketing_newsletter'] } });
    const b = await call('POST', '/storefront/subscribers', { body: { email: fresh, consents: ['marketing_newsletter'] } });
    expect([a.status, a.text]).toEqual([b.status, b.text]);
    // Both get the same mail; the subscribed one's row is unchanged until the link is opened.
    const token = await confirmationToken(known);
    await confirmationToken(fresh);
    expect(await subscriberRow(known)).toMatchObject({ consents: '["abandoned_cart"]' });
    await call('POST', '/storefront/subscribers/confirm', { body: { token } });
    expect(await subscriberRow(known)).toMatchObject({ consents: '["abandoned_cart","marketing_newsletter"]', source: 'custom' });
  });

  it('refuses wrong and expired tokens alike (422 subscription_token_invalid)', async () => {
    const email = uniqueEmail('doi-exp');
    await call('POST', '/storefront/subscribers', { body: { email } });
    const token = await confirmationToken(email);
    await env.DB.prepare("UPDATE newsletter_confirmations SET expires_at = '2020-01-01T00:00:00Z' WHERE email = ?1").bind(email).run();
    for (const t of [token, `${token}x`, 'not-a-token']) {
      const res = await call('POST', '/storefront/subscribers/confirm', { body: { token: t } });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'subscription_token_invalid', codes: { token: 'invalid_or_expired' } });
    }
    expect(await subscriberRow(email)).toBeNull();
  });

  it('sends at most 3 confirmation mails per email an hour; the answer stays the same', async () => {
    const email = uniqueEmail('doi-flood');
    const answers = new Set<string>();
    for (let i = 0; i < 5; i++) answers.add((await call('POST', '/storefront/subscribers', { body: { email } })).text);
    expect([...answers]).toEqual([JSON.stringify({ status: 'confirmation_sent' })]);
    // The mails leave after the answers (waitUntil): wait for three, then make sure no more come.
    for (let i = 0; i < 200 && (await mailsTo(email, 'newsletter_confirmation')).length < 3; i++) await settle(25);
    await settle();
    expect(await mailsTo(email, 'newsletter_confirmation')).toHaveLength(3);
  });
});
