// <account-orders>: paged order history with status, totals in the order's currency and dates in the
// shopper's locale, a status filter, an expandable detail per order (items, amounts, billing and shipping
// addresses: order-detail.ts, loaded with the first order opened), and a summary (count, total).
// With earlier guest orders under the shopper's email (`claimable`), an offer to add them (email-code.ts).
import { html, nothing } from 'lit';
import { call } from '../api';
import { AccountElement, define } from '../account-element';
import { accountStyles, fieldStyles } from '../account-styles';
import enAccount from '../i18n/en-account';
import type { Area, MessageKey } from '../i18n/index';
import { kit } from '../kit';
import type orderDetail from '../order-detail';
import type { Order, OrderDetail, OrderPage, OrderStatus } from '../types';
import { cityLine } from '../../../worker/src/shared/address-format';

/** The detail view (order-detail.ts), once loaded. */
let detailView: ReturnType<typeof orderDetail> | undefined;

/** The filter's statuses: the catalog's `st_<status>` texts, which name every status the API filters by (test/widget checks). */
const STATUSES = Object.keys(enAccount).flatMap((k) => (k.startsWith('st_') ? [k.slice(3) as OrderStatus] : []));

/**
 * The signed-in shopper's orders.
 *
 * @tagname account-orders
 * @summary Order history with details.
 * @slot - Not used: the content is the element's own light DOM.
 * @csspart base - The frame.
 * @csspart status - The live region.
 * @fires account-change - `detail.kind` `orders-claimed` (`detail.data.claimed`), or `email-verified` (confirmed before claiming).
 * @fires account-error - An API call failed; `detail` is the server's error shape.
 */
export class AccountOrders extends AccountElement {
  static override areas: Area[] = ['core', 'account'];
  static override lightStyles = [fieldStyles, accountStyles];
  static override properties = {
    ...AccountElement.properties,
    pageSize: { type: Number, attribute: 'page-size' },
    page: { state: true },
    status: { state: true },
    result: { state: true },
    open: { state: true },
  };

  /** Orders per page (attribute `page-size`, default 10, at most 50). */
  declare pageSize: number;
  /** @internal */
  declare page: number;
  /** @internal The status filter ('' for every order). */
  declare status: OrderStatus | '';
  /** @internal The current page (null while loading). */
  declare result: OrderPage | null;
  /** @internal Expanded orders: their detail, or null while it loads. */
  declare open: Map<number, OrderDetail | null>;
  private loadedFor: number | null = null;

  constructor() {
    super();
    this.pageSize = 10;
    this.page = 1;
    this.status = '';
    this.result = null;
    this.open = new Map();
  }

  protected override sessionChanged(): void {
    const id = this.session.customer?.id ?? null;
    if (id === this.loadedFor) return;
    this.loadedFor = id;
    this.result = null;
    this.offer = undefined;
    this.open = new Map();
    if (id !== null) void this.load(1);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.sessionChanged();
  }

  /** @internal The "add earlier guest orders" offer (email-code.ts), when there are any. */
  offer?: () => unknown;

  /** @internal */
  async load(page: number): Promise<void> {
    const res = await this.run(() =>
      call(
        this.session.client.customer.orders.$get({
          query: { page: String(page), limit: String(Math.min(50, Math.max(1, this.pageSize))), ...(this.status && { status: this.status }) },
        }),
      ),
    );
    if (!res) return;
    this.page = page;
    this.result = res;
    if (res.claimable) void this.withCode((v) => v.claimOffer(this, res.claimable));
  }

  /** @internal */
  money(amount: string, currency: string): string {
    try {
      return new Intl.NumberFormat(this.language, { style: 'currency', currency }).format(Number(amount));
    } catch {
      return `${amount} ${currency}`;
    }
  }

  private date(iso: string): string {
    return new Intl.DateTimeFormat(this.language, { dateStyle: 'medium' }).format(new Date(iso));
  }

  private statusName(s: string): string {
    const key = `st_${s}` as MessageKey;
    const text = this.t(key);
    return text === key ? s.replace(/_/g, ' ') : text;
  }

  protected override renderContent() {
    if (!this.session.customer) return html`<div class="sfa-skeleton"></div>`;
    const r = this.result;
    return html`<h2 tabindex="-1">${this.t('orders')}</h2>
      ${this.renderAlert()} ${this.offer?.()}
      ${
        !r
          ? html`<div class="sfa-skeleton" aria-busy="true"><span class="sfa-visually-hidden">${this.t('loading')}</span></div>`
          : !r.summary.count
            ? html`<p>${this.t('noOrders')}</p>`
            : html`<p class="sfa-summary">
                ${this.t('summary', {
                  count: r.summary.count,
                  total: r.summary.totals.map((t) => this.money(t.total_spent, t.currency_code)).join(' + '),
                })}
              </p>
              <div class="sfa-field">
                <label for="${this.uid}-status">${this.t('status')}</label>
                <select id="${this.uid}-status" @change=${this.handleFilter}>
                  <option value="">${this.t('allOrders')}</option>
                  ${STATUSES.map((s) => html`<option value=${s} ?selected=${s === this.status}>${this.statusName(s)}</option>`)}
                </select>
              </div>
              ${
                r.data.length
                  ? html`<ul class="sfa-list">
                      ${r.data.map((o) => this.renderOrder(o))}
                    </ul>`
                  : html`<p>${this.t(this.status ? 'noMatch' : 'noOrders')}</p>`
              }
              ${
                r.meta.pagination.total_pages > 1
                  ? html`<nav class="sfa-actions" aria-label=${this.t('orders')}>
                    <button class="sfa-button sfa-secondary" type="button" ?disabled=${this.page <= 1 || this.busy} @click=${() => this.load(this.page - 1)}>${this.t('prev')}</button>
                    <span>${this.t('page', { page: this.page, pages: r.meta.pagination.total_pages })}</span>
                    <button class="sfa-button sfa-secondary" type="button" ?disabled=${this.page >= r.meta.pagination.total_pages || this.busy} @click=${() => this.load(this.page + 1)}>${this.t('next')}</button>
                  </nav>`
                  : nothing
              }`
      }`;
  }

  private renderOrder(o: Order) {
    const expanded = this.open.has(o.id);
    const detail = this.open.get(o.id);
    const panel = `${this.uid}-order-${o.id}`;
    return html`<li class="sfa-card">
      <h3>${this.t('order', { id: o.id })} ${o.is_test ? html`<span class="sfa-badge">${this.t('test')}</span>` : nothing}</h3>
      <dl class="sfa-row">
        <div><dt>${this.t('placed')}</dt><dd>${this.date(o.date_created)}</dd></div>
        <div><dt>${this.t('status')}</dt><dd><span class="sfa-badge">${this.statusName(o.status)}</span></dd></div>
        <div><dt>${this.t('total')}</dt><dd>${this.money(o.total, o.currency_code)} · ${o.item_count === 1 ? this.t('item') : this.t('items', { n: o.item_count })}</dd></div>
      </dl>
      <button class="sfa-link" type="button" aria-expanded=${expanded ? 'true' : 'false'} aria-controls=${panel} @click=${() => this.handleToggle(o)}>${this.t('details')}</button>
      <div id=${panel} ?hidden=${!expanded}>
        ${expanded ? (detail && detailView ? detailView(this, o, detail) : html`<p aria-busy="true">${this.t('loading')}</p>`) : nothing}
      </div>
    </li>`;
  }

  /** @internal A new status filter: its first page, details closed. */
  handleFilter(event: Event): void {
    this.status = (event.target as HTMLSelectElement).value as OrderStatus;
    this.open = new Map();
    void this.load(1);
  }

  /** @internal */
  async handleToggle(o: Order): Promise<void> {
    const open = new Map(this.open);
    if (open.has(o.id)) {
      open.delete(o.id);
      this.open = open;
      return;
    }
    this.open = open.set(o.id, null);
    // The order and, the first time, the view with its texts: in parallel.
    const res = await this.run(async () => {
      const [order] = await Promise.all([
        call(this.session.client.customer.orders[':id'].$get({ param: { id: String(o.id) } })),
        (async () => {
          detailView ??= (await import('../order-detail')).default(kit, cityLine);
          await this.need('order');
        })(),
      ]);
      return order;
    });
    const next = new Map(this.open);
    if (res) next.set(o.id, res.data);
    else next.delete(o.id);
    this.open = next;
  }
}

define('account-orders', AccountOrders);

declare global {
  interface HTMLElementTagNameMap {
    'account-orders': AccountOrders;
  }
}
