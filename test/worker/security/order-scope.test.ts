// Order data needs an orders scope on every route that shows it (issue 13, item 8). The order summary
// answers 403 without one; the customer timeline keeps its order events (type, actor, date) but shows
// no order id, total or currency to a token without an orders scope: `detail: {}` and `redacted: true`.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { claimGuestOrdersStatements } from '../../../worker/src/db/order-claims';
import { adminToken, call, uniqueEmail } from '../../helpers/api';

const ORDER_EVENTS = ['order_placed', 'order_linked', 'order_unlinked', 'orders_claimed'];
let writer: string;
let customerId: number;

const order = (over: Record<string, unknown>) => ({
  currency_code: 'EUR',
  subtotal: '40.00',
  tax: '0',
  shipping: '2.00',
  total: '42.00',
  items: [{ name: 'Scarf', quantity: 1, price: '40.00' }],
  ...over,
});

beforeAll(async () => {
  writer = await adminToken(['store_v2_customers', 'store_v2_orders'], 'Order scope writer');
  const email = uniqueEmail('order-scope');
  const created = await call('POST', '/v3/customers', { token: writer, body: [{ email, first_name: 'Oda', last_name: 'Scope' }] });
  expect(created.status, created.text).toBe(200);
  customerId = created.body.data[0].id;
  // order_placed
  const placed = await call('POST', '/v3/orders', { token: writer, body: [order({ customer_id: customerId })] });
  expect(placed.status, placed.text).toBe(201);
  // order_linked, then order_unlinked
  const guest = await call('POST', '/v3/orders', { token: writer, body: [order({ email: uniqueEmail('order-scope-guest'), total: '17.30' })] });
  const guestId = guest.body.data[0].id as number;
  expect((await call('PUT', `/v3/orders/${guestId}/customer`, { token: writer, body: { customer_id: customerId } })).status).toBe(200);
  expect((await call('DELETE', `/v3/orders/${guestId}/customer`, { token: writer })).status).toBe(204);
  // orders_claimed: guest orders under the customer's email attached to the account
  await call('POST', '/v3/orders', { token: writer, body: [order({ email, total: '9.99' })] });
  await env.DB.batch(claimGuestOrdersStatements(env.DB, customerId, email, { type: 'shopper', name: 'Oda Scope' }));
});

async function timeline(token: string) {
  const res = await call('GET', `/v3/customers/${customerId}/timeline?limit=50`, { token });
  expect(res.status, res.text).toBe(200);
  return res.body.data as { type: string; detail: Record<string, unknown>; date_created: string; redacted?: boolean }[];
}

describe('GET /v3/customers/{id}/timeline without an orders scope', () => {
  it('keeps order events with type and date but no order id, total or currency', async () => {
    for (const scopes of [['store_v2_customers_read_only'], ['store_v2_customers']]) {
      const events = await timeline(await adminToken(scopes, 'Customers only'));
      const orderEvents = events.filter((e) => ORDER_EVENTS.includes(e.type));
      expect(orderEvents.map((e) => e.type).sort()).toEqual([...ORDER_EVENTS].sort());
      for (const e of orderEvents) {
        expect(e.detail).toEqual({});
        expect(e.redacted).toBe(true);
        expect(e.date_created).toMatch(/^\d{4}-\d\d-\d\dT/);
      }
      const text = JSON.stringify(events);
      for (const leak of ['42.00', '17.30', '9.99', 'EUR', 'order_id']) expect(text).not.toContain(leak);
      // Events that are not order data are untouched.
      const created = events.find((e) => e.type === 'customer_created');
      if (created) expect(created.redacted).toBeUndefined();
    }
  });

  it('shows the order detail to tokens with an orders scope (modify or read-only)', async () => {
    for (const scopes of [
      ['store_v2_customers', 'store_v2_orders'],
      ['store_v2_customers_read_only', 'store_v2_orders_read_only'],
    ]) {
      const events = await timeline(await adminToken(scopes, 'Customers and orders'));
      const placed = events.find((e) => e.type === 'order_placed');
      expect(placed?.detail).toMatchObject({ total: '42.00', currency_code: 'EUR' });
      expect(typeof placed?.detail.order_id).toBe('number');
      expect(placed?.redacted).toBeUndefined();
      expect(events.find((e) => e.type === 'orders_claimed')?.detail.order_ids).toHaveLength(1);
    }
  });

  it('answers 403 for the order summary without an orders scope, as before', async () => {
    const res = await call('GET', `/v3/customers/${customerId}/order-summary`, { token: await adminToken(['store_v2_customers_read_only']) });
    expect(res.status).toBe(403);
  });
});
