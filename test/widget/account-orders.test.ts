import { describe, expect, it, vi } from 'vitest';
import '../../widget/src/elements/account-orders';
import type { AccountOrders } from '../../widget/src/elements/account-orders';
import type { Order, OrderPage } from '../../widget/src/types';
import { API, api, calls, mount, settle, signedIn, type } from './helpers';

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
    // the detail view is loaded with the first order opened
    await vi.waitFor(() => expect(el.querySelector('table')!.textContent).toContain('Stoneware mug'));
    expect(el.querySelector('tfoot')!.textContent).toContain('€27.55');
    expect(calls.filter((c) => c.path === '/customer/orders/101')).toHaveLength(1);
  });

  it('shows the billing and shipping address of an opened order (our keys and BigCommerce’s)', async () => {
    api({
      ...signedIn(),
      'GET /customer/orders?page=1&limit=10': [200, page(1, [order(101)])],
      'GET /customer/orders/101': [
        200,
        {
          data: {
            ...order(101),
            items: [{ id: 1, sku: 'MUG-01', name: 'Stoneware mug', quantity: 2, price: '10.00', total: '20.00' }],
            billing_address: {
              first_name: 'Dana',
              last_name: 'Demo',
              address1: '1 Market Street',
              city: 'Berlin',
              postal_code: '10115',
              country_code: 'DE',
            },
            shipping_address: {
              first_name: 'Sam',
              last_name: 'Demo',
              street_1: '5 Elm St',
              city: 'Austin',
              state: 'TX',
              zip: '78701',
              country_iso2: 'US',
            },
          },
        },
      ],
    });
    const el = await mount<AccountOrders>(`<account-orders api="${API}"></account-orders>`);
    el.querySelector<HTMLButtonElement>('button[aria-expanded]')!.click();
    await vi.waitFor(() => expect(el.querySelector('address')).not.toBeNull());
    const [billing, shipping] = [...el.querySelectorAll('address')].map((a) => a.closest('div')!.textContent.replace(/\s+/g, ' ').trim());
    expect(billing).toBe('Billing address Dana Demo1 Market Street10115 BerlinGermany');
    expect(shipping).toBe('Shipping address Sam Demo5 Elm StAustin, TX 78701United States');
  });

  it('leaves out an address the order does not have', async () => {
    api({
      ...signedIn(),
      'GET /customer/orders?page=1&limit=10': [200, page(1, [order(101)])],
      'GET /customer/orders/101': [
        200,
        { data: { ...order(101), items: [], billing_address: { city: 'Paris', country_code: 'FR' }, shipping_address: {} } },
      ],
    });
    document.documentElement.lang = 'fr';
    const el = await mount<AccountOrders>(`<account-orders api="${API}"></account-orders>`);
    await vi.waitFor(() => expect(el.querySelector('button[aria-expanded]')).not.toBeNull());
    el.querySelector<HTMLButtonElement>('button[aria-expanded]')!.click();
    await vi.waitFor(() => expect(el.querySelector('h4')?.textContent).toBe('Adresse de facturation'));
    expect(el.querySelectorAll('address')).toHaveLength(1);
    expect(el.querySelector('address')!.textContent).toBe('ParisFrance');
  });

  it('filters by status: asks the server for that status, says when none match, and goes back to all', async () => {
    const summary = page(1, []).summary;
    api({
      ...signedIn(),
      'GET /customer/orders?page=1&limit=10': [200, page(1, [order(101), order(102, { status: 'cancelled' })])],
      'GET /customer/orders?page=1&limit=10&status=cancelled': [200, { ...page(1, [order(102, { status: 'cancelled' })]), summary }],
      'GET /customer/orders?page=1&limit=10&status=refunded': [200, { ...page(1, []), summary }],
    });
    const el = await mount<AccountOrders>(`<account-orders api="${API}"></account-orders>`);
    const select = el.querySelector<HTMLSelectElement>('select')!;
    expect(el.querySelector(`label[for="${select.id}"]`)!.textContent).toBe('Status');
    const options = [...select.options].map((o) => o.textContent);
    expect(options[0]).toBe('All orders');
    expect(options).toContain('Cancelled');
    type(select, 'cancelled');
    await settle();
    expect(calls.at(-1)!.path).toBe('/customer/orders?page=1&limit=10&status=cancelled');
    expect([...el.querySelectorAll('.sfa-card h3')].map((h) => h.textContent.trim())).toEqual(['Order #102']);
    type(el.querySelector<HTMLSelectElement>('select')!, 'refunded');
    await settle();
    expect(el.textContent).toContain('No orders with this status.');
    expect(el.textContent).not.toContain('You have not placed any orders yet.');
    // the filter stays, so the shopper can go back
    type(el.querySelector<HTMLSelectElement>('select')!, '');
    await settle();
    expect(el.querySelectorAll('.sfa-card')).toHaveLength(2);
  });

  it('keeps the status filter when paging', async () => {
    api({
      ...signedIn(),
      'GET /customer/orders?page=1&limit=2': [200, page(1, [order(101), order(102)])],
      'GET /customer/orders?page=1&limit=2&status=shipped': [200, page(1, [order(101), order(102)])],
      'GET /customer/orders?page=2&limit=2&status=shipped': [200, page(2, [order(103)])],
    });
    const el = await mount<AccountOrders>(`<account-orders api="${API}" page-size="2"></account-orders>`);
    type(el.querySelector<HTMLSelectElement>('select')!, 'shipped');
    await settle();
    [...el.querySelectorAll('button')].find((b) => b.textContent === 'Next')!.click();
    await settle();
    expect(calls.at(-1)!.path).toBe('/customer/orders?page=2&limit=2&status=shipped');
    expect(el.textContent).toContain('Order #103');
  });

  it('offers every status the API filters by, each with a text in every language', async () => {
    const { ORDER_STATUSES } = await import('../../worker/src/accounts/orders');
    const catalogs = await Promise.all([
      import('../../widget/src/i18n/en-account'),
      import('../../widget/src/i18n/de-account'),
      import('../../widget/src/i18n/fr-account'),
    ]);
    for (const { default: catalog } of catalogs) {
      expect(Object.keys(catalog).filter((k) => k.startsWith('st_'))).toEqual(ORDER_STATUSES.map((s) => `st_${s}`));
    }
  });

  it('has an empty state', async () => {
    api({ ...signedIn(), 'GET /customer/orders?page=1&limit=10': [200, { ...page(1, []), summary: { count: 0, totals: [] } }] });
    const el = await mount<AccountOrders>(`<account-orders api="${API}"></account-orders>`);
    expect(el.textContent).toContain('You have not placed any orders yet.');
  });
});
