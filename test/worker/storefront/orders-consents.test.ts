// The shopper's orders (history, detail, summary, claiming guest orders) and newsletter consents.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminToken, call, uniqueEmail } from '../../helpers/api';
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

  it('attaches guest orders with my email only after the mailed code is confirmed', async () => {
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

  it('guests subscribe with source storefront; the answer never reveals or removes existing consents', async () => {
    const email = uniqueEmail('guestsub');
    const first = await call('POST', '/storefront/subscribers', { body: { email, consents: ['abandoned_cart'] } });
    expect(first.status).toBe(202);
    const again = await call('POST', '/storefront/subscribers', { body: { email, consents: ['marketing_newsletter'] } });
    expect(again.text).toBe(first.text);
    const row = await env.DB.prepare('SELECT consents, source FROM subscribers WHERE email = ?1').bind(email).first();
    expect(row).toEqual({ consents: '["abandoned_cart","marketing_newsletter"]', source: 'storefront' });
  });
});
