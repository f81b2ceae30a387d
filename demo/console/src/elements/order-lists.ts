// Order lists over GET /v3/orders (newest first, paged): <guest-orders> (is_guest=true), where staff
// pick a guest order to link to an account, and <customer-orders> (customer_id:in=), all orders of one
// customer.
import { html, nothing, type TemplateResult } from 'lit';
import { api, isAbort } from '../api';
import { ConsoleView, define, emptyState, loading, pager, problemBox } from '../base';
import { formatDate, formatMoney, fullName, statusLabel } from '../format';
import type { Customer, Order, Pagination } from '../types';

const PAGE_SIZE = 20;

function ordersTable(orders: Order[], caption: string, showCustomer: boolean): TemplateResult {
  return html`<div class="table-wrap">
    <table class="list">
      <caption class="visually-hidden">${caption}</caption>
      <thead>
        <tr>
          <th scope="col">Order</th>
          <th scope="col">Date</th>
          ${showCustomer ? html`<th scope="col">Name</th><th scope="col">Email</th>` : nothing}
          <th scope="col">Status</th>
          <th scope="col" class="num">Items</th>
          <th scope="col" class="num">Total</th>
        </tr>
      </thead>
      <tbody>
        ${orders.map(
          (o) => html`<tr>
            <th scope="row">
              <a href="#/orders/${o.id}">Order #${o.id}</a>
              ${o.is_test ? html`<span class="badge badge-test">Test order</span>` : nothing}
            </th>
            <td><time datetime=${o.date_created}>${formatDate(o.date_created)}</time></td>
            ${showCustomer ? html`<td>${fullName(o)}</td><td>${o.email}</td>` : nothing}
            <td>${statusLabel(o.status)}</td>
            <td class="num">${o.item_count}</td>
            <td class="num">${formatMoney(o.total, o.currency_code)}</td>
          </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

abstract class OrderList extends ConsoleView {
  static override properties = {
    page: { type: Number },
    revision: { type: Number },
    orders: { state: true },
    pagination: { state: true },
    problem: { state: true },
  };

  /** The page (1-based). */
  declare page: number;
  /** Reloads when it changes. */
  declare revision: number;
  /** @internal */
  declare orders: Order[] | null;
  /** @internal */
  declare pagination: Pagination | undefined;
  /** @internal */
  declare problem: unknown;
  protected abort?: AbortController;

  constructor() {
    super();
    this.page = 1;
    this.revision = 0;
    this.orders = null;
    this.problem = null;
  }

  protected abstract query(): Record<string, string | number>;
  protected abstract hashFor(page: number): string;

  protected async load() {
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    this.problem = null;
    try {
      const res = await api('GET', '/v3/orders', { query: { ...this.query(), page: this.page, limit: PAGE_SIZE }, signal: abort.signal });
      this.orders = res.data;
      this.pagination = 'pagination' in res.meta ? res.meta.pagination : undefined; // page paging (not cursor)
    } catch (err) {
      if (!isAbort(err)) this.problem = err;
    }
  }

  protected list(caption: string, showCustomer: boolean, empty: string) {
    if (this.problem) return problemBox(this.problem, 'Could not load the orders');
    if (!this.orders) return loading('Loading orders…');
    if (!this.orders.length) return emptyState(empty);
    return html`${ordersTable(this.orders, caption, showCustomer)}
      ${pager(this.pagination, (page) => (location.hash = this.hashFor(page)), 'orders')}`;
  }
}

/**
 * Guest orders: orders not linked to any customer account.
 */
export class GuestOrders extends OrderList {
  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('page') || changed.has('revision')) void this.load();
  }

  protected query() {
    return { is_guest: 'true' };
  }

  protected hashFor(page: number) {
    return `#/guest-orders${page > 1 ? `?page=${page}` : ''}`;
  }

  override render() {
    return html`
      <h1 tabindex="-1">Guest orders</h1>
      <p class="lead">Orders placed without an account, newest first. Open one to link it to a customer account.</p>
      ${this.list('Guest orders, newest first', true, 'There are no guest orders: every order belongs to a customer account.')}
    `;
  }
}

/**
 * Every order of one customer.
 */
export class CustomerOrders extends OrderList {
  static override properties = {
    ...OrderList.properties,
    customerId: { type: Number },
    customer: { state: true },
  };

  /** The customer whose orders are listed. */
  declare customerId: number;
  /** @internal */
  declare customer: Customer | null;

  constructor() {
    super();
    this.customerId = 0;
    this.customer = null;
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (!this.customerId) return;
    if (changed.has('customerId') || changed.has('revision')) void this.loadCustomer();
    if (changed.has('customerId') || changed.has('page') || changed.has('revision')) void this.load();
  }

  private async loadCustomer() {
    try {
      const res = await api('GET', '/v3/customers', { query: { 'id:in': this.customerId } });
      this.customer = res.data[0] ?? null;
    } catch {
      this.customer = null; // the order list shows the problem, if any
    }
  }

  protected query() {
    return { 'customer_id:in': this.customerId };
  }

  protected hashFor(page: number) {
    return `#/customers/${this.customerId}/orders${page > 1 ? `?page=${page}` : ''}`;
  }

  override render() {
    const name = this.customer ? fullName(this.customer) : `Customer #${this.customerId}`;
    return html`
      <p class="crumbs">
        <a href="#/customers">Customers</a> <span aria-hidden="true">›</span> <a href="#/customers/${this.customerId}">${name}</a>
        <span aria-hidden="true">›</span> Orders
      </p>
      <h1 tabindex="-1">Orders of ${name}</h1>
      ${this.list(`Orders of ${name}, newest first`, false, 'This customer has no orders yet.')}
    `;
  }
}

define('guest-orders', GuestOrders);
define('customer-orders', CustomerOrders);
