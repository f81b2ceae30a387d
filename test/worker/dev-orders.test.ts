// POST /dev/orders: the demo storefront's "Place a test order" (local/test only), recorded through the
// same db layer as the admin API, for the signed-in shopper or as a guest.
import { describe, expect, it } from 'vitest';
import { call, uniqueEmail } from '../helpers/api';
import { bearer, signUp } from '../helpers/shopper';

const items = [
  { sku: 'MUG-01', name: 'Stoneware mug', quantity: 2, price: '18.00' },
  { sku: 'NBK-05', name: 'Dot-grid notebook', quantity: 1, price: '12.00' },
];

describe('dev test orders', () => {
  it('answers GET /dev so the demo page can show its dev tools', async () => {
    const res = await call('GET', '/dev');
    expect(res.status).toBe(200);
    expect(res.body.routes).toContain('POST /dev/orders');
  });

  it('records a test order for the signed-in shopper; it shows in their history and on their timeline', async () => {
    const me = await signUp();
    const res = await call('POST', '/dev/orders', {
      headers: bearer(me.accessToken),
      body: { items, shipping: '4.95', email: 'ignored@example.com' },
    });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({
      customer_id: me.id,
      is_guest: false,
      is_test: true,
      email: me.email,
      status: 'awaiting_fulfillment',
      currency_code: 'USD',
      subtotal: '48.00',
      shipping: '4.95',
      total: '52.95',
      item_count: 3,
    });
    expect(res.body.data.items).toHaveLength(2);
    const history = await call('GET', '/storefront/customer/orders', { headers: bearer(me.accessToken) });
    expect(history.body.data.map((o: any) => o.id)).toEqual([res.body.data.id]);
  });

  it('records a guest order for an email; refuses a guest order without one and a bad token', async () => {
    const email = uniqueEmail('guest');
    const res = await call('POST', '/dev/orders', { body: { email, items: [items[0]] } });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ is_guest: true, email, total: '36.00' });
    const missing = await call('POST', '/dev/orders', { body: { items } });
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toHaveProperty('email');
    expect((await call('POST', '/dev/orders', { headers: { Authorization: 'Bearer nope' }, body: { items } })).status).toBe(401);
    expect((await call('POST', '/dev/orders', { body: { email, items: [{ name: 'x', quantity: 1, price: '1.001' }] } })).body.errors).toHaveProperty([
      'items.0.price',
    ]);
  });
});
