import { describe, expect, it } from 'vitest';
import '../../widget/src/elements/account-orders';
import type { AccountOrders } from '../../widget/src/elements/account-orders';
import type { Order, OrderPage } from '../../widget/src/types';
import { API, api, calls, mount, settle, signedIn } from './helpers';

const order = (id: number, extra: Partial<Order> = {}): Order => ({
  id,
  status: 'shipped',
  is_test: false,
  currency_code: 'EUR',
  subtotal: '20.00',
  tax: '1.60',
  shipping: '5.95',
  total: '27.55',
  item_count: 2,
  billing_address: {},
  shipping_address: {},
  date_created: '2026-03-04T10:00:00Z',
  ...extra,
});
const page = (n: number, data: Order[], claimable = 0): OrderPage => ({
  data,
  claimable,
  meta: { pagination: { total: 3, count: data.length, per_page: 2, current_page: n, total_pages: 2 } },
  summary: { count: 3, totals: [{ currency_code: 'EUR', total_spent: '82.65', average_order_value: '27.55' }] },
});

describe('<account-orders>', () => {
  it('shows a page of orders with totals in the order currency, local dates, status and summary', async () => {
    document.documentElement.lang = 'de-DE';
    api({
      ...signedIn(),
      'GET /customer/orders?page=1&limit=2': [200, page(1, [order(101), order(102, { status: 'awaiting_fulfillment', is_test: true })])],
    });
    const el = await mount<AccountOrders>(`<account-orders api="${API}" page-size="2"></account-orders>`);
    await settle();
    const text = el.textContent.replace(/\s+/g, ' ');
    expect(text).toContain('Bestellung #101');
    expect(text).toContain('27,55 €');
    expect(text).toContain('04.03.2026');
    expect(text).toContain('Versandt');
    expect(text).toContain('In Bearbeitung');
    expect(text).toContain('3 Bestellungen, insgesamt 82,65 €');
    expect(text).toContain('Seite 1 von 2');
  });

  it('pages forward', async () => {
    api({
      ...signedIn(),
      'GET /customer/orders?page=1&limit=2': [200, page(1, [order(101), order(102)])],
      'GET /customer/orders?page=2&limit=2': [200, page(2, [order(103)])],
    });
    const el = await mount<AccountOrders>(`<account-orders api="${API}" page-size="2"></account-orders>`);
    [...el.querySelectorAll('button')].find((b) => b.textContent === 'Next')!.click();
    await settle();
    expect(el.textContent).toContain('Order #103');
    expect(el.textContent).toContain('Page 2 of 2');
  });

  it('expands an order to its items and amounts', async () => {
    api({
      ...signedIn(),
      'GET /customer/orders?page=1&limit=10': [200, page(1, [order(101)])],
      'GET /customer/orders/101': [
        200,
        {
          data: {
            ...order(101),
            items: [{ sku: 'MUG-01', name: 'Stoneware mug', quantity: 2, price: '10.00', total: '20.00' }],
            billing_address: null,
            shipping_address: null,
          },
        },
      ],
    });
    const el = await mount<AccountOrders>(`<account-orders api="${API}"></account-orders>`);
    const toggle = el.querySelector<HTMLButtonElement>('button[aria-expanded]')!;
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    toggle.click();
    await settle();
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(el.querySelector('table')!.textContent).toContain('Stoneware mug');
    expect(el.querySelector('tfoot')!.textContent).toContain('€27.55');
    expect(calls.filter((c) => c.path === '/customer/orders/101')).toHaveLength(1);
  });

  it('has an empty state', async () => {
    api({ ...signedIn(), 'GET /customer/orders?page=1&limit=10': [200, { ...page(1, []), summary: { count: 0, totals: [] } }] });
    const el = await mount<AccountOrders>(`<account-orders api="${API}"></account-orders>`);
    expect(el.textContent).toContain('You have not placed any orders yet.');
  });
});
