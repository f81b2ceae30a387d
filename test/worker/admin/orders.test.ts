// /v3/orders, the overview, order summary and timeline, through the real worker and D1.
import { beforeAll, describe, expect, it } from 'vitest';
import { adminToken, call, expectErrorShape, uniqueEmail } from '../../helpers/api';
import { markVerified, waitForMail } from '../../helpers/email-verified';

let orders: string;
let customers: string;
let ordersRead: string;

beforeAll(async () => {
  orders = await adminToken(['store_v2_orders'], 'Checkout');
  customers = await adminToken(['store_v2_customers', 'store_v2_orders_read_only'], 'Support desk');
  ordersRead = await adminToken(['store_v2_orders_read_only']);
});

async function newCustomer(last = 'Buyer') {
  const res = await call('POST', '/v3/customers', { token: customers, body: [{ email: uniqueEmail('buyer'), first_name: 'Bea', last_name: last }] });
  return res.body.data[0] as { id: number; email: string };
}

const item = { sku: 'MUG', name: 'Mug', quantity: 2, price: '9.50' };
const order = (over: Record<string, unknown> = {}) => ({
  currency_code: 'USD',
  subtotal: '19.00',
  tax: '1.52',
  shipping: '5',
  total: '25.52',
  items: [item],
  ...over,
});

describe('POST /v3/orders', () => {
  it('records customer and guest orders with exact amounts, all or nothing', async () => {
    const c = await newCustomer();
    const guestEmail = uniqueEmail('guest');
    const res = await call('POST', '/v3/orders', {
      token: orders,
      body: [
        order({ customer_id: c.id, status: 'completed' }),
        order({
          email: guestEmail,
          currency_code: 'JPY',
          subtotal: 1200,
          tax: 0,
          shipping: 0,
          total: 1200,
          items: [{ name: 'Tea', quantity: 1, price: 1200 }],
        }),
      ],
    });
    expect(res.status, res.text).toBe(201);
    const [a, b] = res.body.data;
    expect(a).toMatchObject({
      customer_id: c.id,
      is_guest: false,
      email: c.email,
      status: 'completed',
      currency_code: 'USD',
      subtotal: '19.00',
      tax: '1.52',
      shipping: '5.00',
      total: '25.52',
      item_count: 2,
    });
    expect(a.items).toEqual([{ id: expect.any(Number), sku: 'MUG', name: 'Mug', quantity: 2, price: '9.50', total: '19.00' }]);
    expect(b).toMatchObject({ customer_id: 0, is_guest: true, email: guestEmail, currency_code: 'JPY', total: '1200' });

    const bad = await call('POST', '/v3/orders', {
      token: orders,
      body: [order({ email: uniqueEmail('x') }), order({ email: uniqueEmail('y'), total: '1.234' }), order({ customer_id: 99999999 })],
    });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.errors).sort()).toEqual(['1.total', '2.customer_id']);
    const none = await call('GET', `/v3/orders?email:in=${encodeURIComponent(guestEmail)}`, { token: orders });
    expect(none.body.data).toHaveLength(1);
  });

  it('refuses bad currencies, statuses and guest orders without email; 413 above 100', async () => {
    const res = await call('POST', '/v3/orders', {
      token: orders,
      body: [order({ email: 'a@b.co', currency_code: 'XYZ' }), order({ email: 'a@b.co', status: 'lost' }), order()],
    });
    expect(res.status).toBe(422);
    expect(res.body.errors).toHaveProperty('0.currency_code');
    expect(res.body.errors).toHaveProperty('1.status');
    expect(res.body.errors).toHaveProperty('2.email');
    const negative = await call('POST', '/v3/orders', {
      token: orders,
      body: [order({ email: 'a@b.co' }), order({ email: 'a@b.co', total: '-5.00' })],
    });
    expect(negative.status).toBe(422);
    expect(Object.keys(negative.body.errors)).toEqual(['1.total']);
    const negativeNumber = await call('POST', '/v3/orders', {
      token: orders,
      body: [order({ email: 'a@b.co', items: [{ name: 'x', quantity: 1, price: -1 }] })],
    });
    expect(negativeNumber.status).toBe(422);
    expect(Object.keys(negativeNumber.body.errors)).toEqual(['0.items.0.price']);
    const many = await call('POST', '/v3/orders', { token: orders, body: Array.from({ length: 101 }, () => order({ email: 'a@b.co' })) });
    expect(many.status).toBe(413);
  });

  it('needs an orders scope: customers tokens get 403, read-only cannot write', async () => {
    const customersOnly = await adminToken(['store_v2_customers']);
    expect((await call('GET', '/v3/orders', { token: customersOnly })).status).toBe(403);
    expect((await call('POST', '/v3/orders', { token: customersOnly, body: [order({ email: 'a@b.co' })] })).status).toBe(403);
    expect((await call('PUT', '/v3/orders/1/customer', { token: customersOnly, body: { customer_id: 1 } })).status).toBe(403);
    // Order data reached through customer routes needs an orders scope too.
    const c = await newCustomer();
    expect((await call('GET', `/v3/customers/${c.id}/order-summary`, { token: customersOnly })).status).toBe(403);
    const guestEmail = uniqueEmail('hidden-guest');
    await call('POST', '/v3/orders', { token: orders, body: [order({ email: guestEmail })] });
    const overview = await call('GET', `/v3/customers/overview?q=${encodeURIComponent(guestEmail)}`, { token: customersOnly });
    expect(overview.status).toBe(200);
    expect(overview.body.data).toEqual([]);
    expect((await call('GET', `/v3/customers/overview?q=${encodeURIComponent(guestEmail)}`, { token: customers })).body.data).toHaveLength(1);
    expect((await call('GET', '/v3/orders?limit=1', { token: ordersRead })).status).toBe(200);
    const write = await call('POST', '/v3/orders', { token: ordersRead, body: [order({ email: 'a@b.co' })] });
    expect(write.status).toBe(403);
    expectErrorShape(write.body, 403);
    expect((await call('PUT', '/v3/orders/1/customer', { token: ordersRead, body: { customer_id: 1 } })).status).toBe(403);
    expect((await call('DELETE', '/v3/orders/1/customer', { token: ordersRead })).status).toBe(403);
  });
});

describe('GET /v3/orders', () => {
  it('filters by customer, email, guest, status, test flag and date; newest first', async () => {
    const c = await newCustomer();
    const email = uniqueEmail('filter');
    await call('POST', '/v3/orders', {
      token: orders,
      body: [
        order({ customer_id: c.id, status: 'shipped', date_created: '2026-03-01T10:00:00Z' }),
        order({ customer_id: c.id, status: 'cancelled', is_test: true, date_created: '2026-04-01T10:00:00Z' }),
        order({ email, date_created: '2026-05-01T10:00:00Z' }),
      ],
    });
    const mine = await call('GET', `/v3/orders?customer_id:in=${c.id}`, { token: orders });
    expect(mine.body.data.map((o: any) => o.status)).toEqual(['cancelled', 'shipped']);
    expect((await call('GET', `/v3/orders?customer_id:in=${c.id}&status:in=shipped`, { token: orders })).body.data).toHaveLength(1);
    expect((await call('GET', `/v3/orders?customer_id:in=${c.id}&is_test=true`, { token: orders })).body.data).toHaveLength(1);
    expect((await call('GET', `/v3/orders?customer_id:in=${c.id}&date_created:max=2026-03-15`, { token: orders })).body.data).toHaveLength(1);
    expect((await call('GET', `/v3/orders?email:in=${encodeURIComponent(email)}&customer_id:in=0`, { token: orders })).body.data).toHaveLength(1);
    const huge = await call('POST', '/v3/orders', {
      token: orders,
      body: [order({ email, total: '99999999999999999', items: [{ name: 'x', quantity: 100000, price: '999999999999.99' }] })],
    });
    expect(huge.status).toBe(422);
    expect(Object.keys(huge.body.errors).sort()).toEqual(['0.items.0.total', '0.total']);
    const guest = await call('GET', `/v3/orders?email:in=${encodeURIComponent(email)}&is_guest=true&include=items`, { token: orders });
    expect(guest.body.data).toHaveLength(1);
    expect(guest.body.data[0].items).toHaveLength(1);
    expect(guest.body.meta.pagination).toMatchObject({ total: 1, current_page: 1 });
    expect((await call('GET', '/v3/orders?status:in=lost', { token: orders })).status).toBe(422);
  });
});

describe('linking guest orders', () => {
  it('links a guest order to a customer and unlinks it, both on the timeline', async () => {
    const c = await newCustomer();
    const created = await call('POST', '/v3/orders', { token: orders, body: [order({ email: uniqueEmail('walkin') })] });
    const id = created.body.data[0].id;
    const link = await call('PUT', `/v3/orders/${id}/customer`, { token: orders, body: { customer_id: c.id } });
    expect(link.status).toBe(200);
    expect(link.body.data).toMatchObject({ customer_id: c.id, is_guest: false });
    expect((await call('GET', `/v3/orders?customer_id:in=${c.id}`, { token: orders })).body.data.map((o: any) => o.id)).toEqual([id]);
    expect((await call('DELETE', `/v3/orders/${id}/customer`, { token: orders })).status).toBe(204);
    expect((await call('GET', `/v3/orders?id:in=${id}`, { token: orders })).body.data[0].is_guest).toBe(true);
    const timeline = await call('GET', `/v3/customers/${c.id}/timeline`, { token: customers });
    expect(timeline.body.data.slice(0, 2).map((e: any) => [e.type, e.detail.order_id, e.actor])).toEqual([
      ['order_unlinked', id, { type: 'staff', name: 'Checkout' }],
      ['order_linked', id, { type: 'staff', name: 'Checkout' }],
    ]);
    expect((await call('PUT', `/v3/orders/${id}/customer`, { token: orders, body: { customer_id: 99999999 } })).status).toBe(422);
    expect((await call('PUT', '/v3/orders/99999999/customer', { token: orders, body: { customer_id: c.id } })).status).toBe(404);
  });
});

describe('customer cockpit views', () => {
  it('order summary counts test, cancelled and refunded orders and shows the last three', async () => {
    const c = await newCustomer();
    await call('POST', '/v3/orders', {
      token: orders,
      body: [
        order({ customer_id: c.id, total: '10.00', status: 'completed', date_created: '2026-01-01T00:00:00Z' }),
        order({ customer_id: c.id, total: '20.00', status: 'cancelled', date_created: '2026-02-01T00:00:00Z' }),
        order({ customer_id: c.id, total: '30.00', status: 'refunded', is_test: true, date_created: '2026-03-01T00:00:00Z' }),
        order({ customer_id: c.id, total: '40.00', status: 'shipped', date_created: '2026-04-01T00:00:00Z' }),
      ],
    });
    const res = await call('GET', `/v3/customers/${c.id}/order-summary`, { token: customers });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      customer_id: c.id,
      order_count: 4,
      totals: [{ currency_code: 'USD', order_count: 4, total_spent: '100.00', average_order_value: '25.00' }],
    });
    expect(res.body.data.last_orders.map((o: any) => o.total)).toEqual(['40.00', '30.00', '20.00']);
    expect((await call('GET', '/v3/customers/99999999/order-summary', { token: customers })).status).toBe(404);
  });

  it('overview: registered once, guest orders as rows, newest last order first, no-order customers last, test-order flag, search', async () => {
    const tag = `Ov${Date.now().toString(36)}`;
    const make = async (last: string) =>
      (
        await call('POST', '/v3/customers', {
          token: customers,
          body: [{ email: uniqueEmail(last.toLowerCase()), first_name: 'O', last_name: `${tag}${last}` }],
        })
      ).body.data[0];
    const early = await make('Early');
    const late = await make('Late');
    const none = await make('None');
    await call('POST', '/v3/orders', {
      token: orders,
      body: [
        order({ customer_id: early.id, date_created: '2026-01-10T00:00:00Z', is_test: true }),
        order({ customer_id: early.id, date_created: '2026-01-11T00:00:00Z' }),
        order({ customer_id: late.id, date_created: '2026-06-01T00:00:00Z' }),
        order({ email: uniqueEmail('g'), last_name: `${tag}Guest`, first_name: 'G', date_created: '2026-03-01T00:00:00Z' }),
      ],
    });
    // Ties: last orders on the same day (Zed's later that day) → last name decides; the same guest email twice → two rows.
    const tieA = await make('Aaron');
    const tieZ = await make('Zed');
    const guestEmail = uniqueEmail('twice');
    await call('POST', '/v3/orders', {
      token: orders,
      body: [
        order({ customer_id: tieZ.id, date_created: '2026-02-01T18:30:00Z' }),
        order({ customer_id: tieA.id, date_created: '2026-02-01T08:00:00Z' }),
        order({ email: guestEmail, last_name: `${tag}Repeat`, first_name: 'R', date_created: '2026-01-20T00:00:00Z' }),
        order({ email: guestEmail, last_name: `${tag}Repeat`, first_name: 'R', date_created: '2026-01-21T00:00:00Z' }),
      ],
    });
    const res = await call('GET', `/v3/customers/overview?q=${tag}`, { token: customers });
    expect(res.status).toBe(200);
    expect(res.body.data.map((r: any) => [r.last_name.replace(tag, ''), r.registered, r.order_count, r.has_test_order])).toEqual([
      ['Late', true, 1, false],
      ['Guest', false, 1, false],
      ['Aaron', true, 1, false],
      ['Zed', true, 1, false],
      ['Repeat', false, 1, false],
      ['Repeat', false, 1, false],
      ['Early', true, 2, true],
      ['None', true, 0, false],
    ]);
    expect(res.body.data[7].customer_id).toBe(none.id);
    expect(res.body.meta.pagination.total).toBe(8);
    const page2 = await call('GET', `/v3/customers/overview?q=${tag}&limit=3&page=2`, { token: customers });
    expect(page2.body.data.map((r: any) => r.last_name.replace(tag, ''))).toEqual(['Zed', 'Repeat', 'Repeat']);
    const empty = await call('GET', '/v3/customers/overview?q=nobody-matches-this-zz', { token: customers });
    expect(empty.body.data).toEqual([]);
  });

  it('timeline has an entry for every kind of change, with time and actor', async () => {
    const { signUp, bearer } = await import('../../helpers/shopper');
    const s = await signUp();
    const shopper = { type: 'shopper', name: s.email };
    const staff = { type: 'staff', name: 'Support desk' };
    const checkout = { type: 'staff', name: 'Checkout' };
    await call('PATCH', '/storefront/customer', { headers: bearer(s.accessToken), body: { first_name: 'Renamed' } });
    const addr = await call('POST', '/storefront/customer/addresses', {
      headers: bearer(s.accessToken),
      body: {
        first_name: 'R',
        last_name: 'S',
        address1: '1 Main St',
        city: 'Austin',
        state_or_province: 'TX',
        postal_code: '78701',
        country_code: 'US',
      },
    });
    expect(addr.status, addr.text).toBe(201);
    await call('PATCH', `/storefront/customer/addresses/${addr.body.data.id}`, { headers: bearer(s.accessToken), body: { label: 'Home' } });
    await call('DELETE', `/storefront/customer/addresses/${addr.body.data.id}`, { headers: bearer(s.accessToken) });
    await markVerified(s.id); // consents need a proven email (issue 12)
    await call('PUT', '/storefront/customer/consents', { headers: bearer(s.accessToken), body: { consents: ['marketing_newsletter'] } });
    await call('PUT', '/v3/customers', { token: customers, body: [{ id: s.id, notes: 'VIP' }] });
    const placed = await call('POST', '/v3/orders', { token: orders, body: [order({ customer_id: s.id })] });
    const guest = await call('POST', '/v3/orders', { token: orders, body: [order({ email: uniqueEmail('g') })] });
    await call('PUT', `/v3/orders/${guest.body.data[0].id}/customer`, { token: orders, body: { customer_id: s.id } });
    await call('DELETE', `/v3/orders/${guest.body.data[0].id}/customer`, { token: orders });
    await call('POST', '/storefront/password-reset', { body: { email: s.email } });
    const mail = await waitForMail(s.email, 'password_reset'); // sent after the response
    const resetToken = /#reset-password=([\w-]+)/.exec(mail.text)![1];
    expect(
      (await call('POST', '/storefront/password-reset/confirm', { body: { token: resetToken, new_password: 'a-brand-new-secret' } })).status,
    ).toBe(204);

    const res = await call('GET', `/v3/customers/${s.id}/timeline?limit=50`, { token: customers });
    const entries = res.body.data.map((e: any) => [e.type, e.actor]);
    const expected: [string, object][] = [
      ['account_created', shopper],
      ['profile_updated', shopper],
      ['address_added', shopper],
      ['address_updated', shopper],
      ['address_deleted', shopper],
      ['consents_changed', shopper],
      ['note_changed', staff],
      ['order_placed', checkout],
      ['order_linked', checkout],
      ['order_unlinked', checkout],
      ['password_reset', shopper],
    ];
    for (const e of expected) expect(entries, e[0]).toContainEqual(e);
    expect(res.body.data.find((e: any) => e.type === 'order_placed').detail).toMatchObject({
      order_id: placed.body.data[0].id,
      total: '25.52',
      currency_code: 'USD',
    });
    for (const e of res.body.data) expect(e.date_created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  it('timeline records creation and note changes with time and actor', async () => {
    const c = await newCustomer();
    await call('PUT', '/v3/customers', { token: customers, body: [{ id: c.id, notes: 'Prefers phone calls' }] });
    const res = await call('GET', `/v3/customers/${c.id}/timeline`, { token: customers });
    const types = res.body.data.map((e: any) => e.type);
    expect(types).toContain('note_changed');
    // A notes-only change is a note change, not a profile update.
    expect(types).not.toContain('profile_updated');
    expect(types[types.length - 1]).toBe('account_created');
    const note = res.body.data.find((e: any) => e.type === 'note_changed');
    expect(note).toMatchObject({ detail: { notes: 'Prefers phone calls' }, actor: { type: 'staff', name: 'Support desk' } });
    expect(note.date_created).toMatch(/Z$/);
  });
});
