// An order's detail in <account-orders> (its items, amounts, billing and shipping addresses), loaded on
// demand with the first order a shopper opens. See kit.ts for why it imports only types; `cityLine`
// comes from the element for the same reason.
import type { AccountOrders } from './elements/account-orders';
import en from './i18n/en-order';
import type { Kit } from './kit';
import type { Order, OrderDetail } from './types';
import type { cityLine } from '../../worker/src/shared/address-format';

export default function orderDetail({ html, nothing, register }: Kit, line: typeof cityLine) {
  register('order', en, { de: () => import('./i18n/de-order'), fr: () => import('./i18n/fr-order') });

  /**
   * An order's address as the checkout recorded it: free-form keys, ours (`address1`, `postal_code`,
   * `country_code`, as the demo and our admin API examples use) or BigCommerce's order keys (`street_1`,
   * `zip`, `country_iso2`). Nothing when the order has none.
   */
  const postal = (el: AccountOrders, title: 'billingAddress' | 'shippingAddress', r: Record<string, string> | null) => {
    if (!r || !Object.keys(r).length) return nothing;
    const code = (r.country_code || r.country_iso2 || '').toUpperCase();
    const lines = [
      [r.first_name, r.last_name].filter(Boolean).join(' '),
      r.company,
      r.address1 || r.street_1,
      r.address2 || r.street_2,
      line({ city: r.city ?? '', state_or_province: r.state_or_province || r.state, postal_code: r.postal_code || r.zip, country_code: code }),
      (code && new Intl.DisplayNames([el.language, 'en'], { type: 'region', fallback: 'none' }).of(code)) || r.country,
    ].filter(Boolean);
    return html`<div>
      <h4>${el.t(title)}</h4>
      <address>${lines.map((l, i) => html`${i ? html`<br />` : nothing}${l}`)}</address>
    </div>`;
  };

  return (el: AccountOrders, o: Order, d: OrderDetail) =>
    html`<table class="sfa-table">
        <thead>
          <tr><th scope="col">${el.t('sku')}</th><th scope="col"></th><th scope="col" class="sfa-num">${el.t('qty')}</th><th scope="col" class="sfa-num">${el.t('total')}</th></tr>
        </thead>
        <tbody>
          ${d.items.map((i) => html`<tr><td>${i.sku}</td><td>${i.name}</td><td class="sfa-num">${i.quantity}</td><td class="sfa-num">${el.money(i.total, o.currency_code)}</td></tr>`)}
        </tbody>
        <tfoot>
          ${(['subtotal', 'shipping', 'tax', 'total'] as const).map(
            (k) => html`<tr><th scope="row" colspan="3">${el.t(k)}</th><td class="sfa-num">${el.money(d[k], o.currency_code)}</td></tr>`,
          )}
        </tfoot>
      </table>
      <div class="sfa-row">${postal(el, 'billingAddress', d.billing_address)}${postal(el, 'shippingAddress', d.shipping_address)}</div>`;
}
