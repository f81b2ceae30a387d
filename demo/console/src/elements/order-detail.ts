// <order-detail>: one order (GET /v3/orders/{id}). A guest order can be linked to a customer account
// in three steps — search the customer (overview ?q=), confirm, done (PUT /v3/orders/{id}/customer);
// a linked order can be unlinked after a confirmation (DELETE /v3/orders/{id}/customer). Both appear
// on the customer's timeline.
import { html, nothing } from 'lit';
import { api, isAbort } from '../api';
import { ConsoleView, define, loading, problemBox } from '../base';
import { formatDateTime, formatMoney, fullName, statusLabel } from '../format';
import type { Customer, Order, OrderWithItems, OverviewRow } from '../types';

type Step = { kind: 'idle' } | { kind: 'search' } | { kind: 'confirm'; customer: OverviewRow } | { kind: 'unlink' };

/**
 * An order with "Link to customer account" (guest orders) and "Unlink" (linked orders).
 */
export class OrderDetail extends ConsoleView {
  static override properties = {
    orderId: { type: Number },
    revision: { type: Number },
    order: { state: true },
    owner: { state: true },
    problem: { state: true },
    step: { state: true },
    candidates: { state: true },
    searching: { state: true },
    actionProblem: { state: true },
    busy: { state: true },
    done: { state: true },
  };

  /** The order shown (from `#/orders/{id}`). */
  declare orderId: number;
  /** Reloads when it changes. */
  declare revision: number;
  /** @internal */
  declare order: OrderWithItems | null;
  /** @internal The linked customer. */
  declare owner: Customer | null;
  /** @internal */
  declare problem: unknown;
  /** @internal */
  declare step: Step;
  /** @internal Registered customers matching the search. */
  declare candidates: OverviewRow[] | null;
  /** @internal */
  declare searching: boolean;
  /** @internal */
  declare actionProblem: unknown;
  /** @internal */
  declare busy: boolean;
  /** @internal The outcome of the last link/unlink, announced. */
  declare done: string;
  private searchedFor = '';
  /** More matches than one page: ask for a narrower search. */
  private truncated = false;
  private abort?: AbortController;

  constructor() {
    super();
    this.orderId = 0;
    this.revision = 0;
    this.order = null;
    this.owner = null;
    this.problem = null;
    this.step = { kind: 'idle' };
    this.candidates = null;
    this.searching = false;
    this.actionProblem = null;
    this.busy = false;
    this.done = '';
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if ((changed.has('orderId') || changed.has('revision')) && this.orderId) {
      this.step = { kind: 'idle' };
      this.done = '';
      void this.load();
    }
  }

  private async load() {
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    this.problem = null;
    try {
      const res = await api('GET', '/v3/orders/:id', { param: { id: this.orderId }, signal: abort.signal });
      this.order = res.data;
      this.owner = null;
      if (!res.data.is_guest) {
        const c = await api('GET', '/v3/customers', { query: { 'id:in': res.data.customer_id }, signal: abort.signal });
        this.owner = c.data[0] ?? null;
      }
    } catch (err) {
      if (!isAbort(err)) this.problem = err;
    }
  }

  private startLink() {
    this.step = { kind: 'search' };
    this.done = '';
    this.actionProblem = null;
    this.candidates = null;
    void this.focusLater('#link-q');
  }

  private cancel() {
    this.step = { kind: 'idle' };
    this.actionProblem = null;
    void this.focusLater('.order-actions button');
  }

  private async handleSearch(e: SubmitEvent) {
    e.preventDefault();
    const q = ((e.target as HTMLFormElement).elements.namedItem('q') as HTMLInputElement).value.trim();
    this.searching = true;
    this.actionProblem = null;
    try {
      // The overview mixes in guest orders; take its largest page and keep the registered customers.
      const res = await api('GET', '/v3/customers/overview', { query: { q, limit: 250 } });
      this.candidates = res.data.filter((r) => r.registered);
      this.truncated = (res.meta.pagination?.total_pages ?? 1) > 1;
      this.searchedFor = q;
    } catch (err) {
      this.actionProblem = err;
    } finally {
      this.searching = false;
    }
  }

  private choose(customer: OverviewRow) {
    this.step = { kind: 'confirm', customer };
    void this.focusLater('#link-confirm-h');
  }

  private async handleLink(customer: OverviewRow) {
    this.busy = true;
    this.actionProblem = null;
    try {
      await api('PUT', '/v3/orders/:id/customer', { param: { id: this.orderId }, body: { customer_id: customer.customer_id! } }); // candidates are registered: they have an id
      this.step = { kind: 'idle' };
      await this.load();
      this.done = `Done: order #${this.orderId} is now linked to ${fullName(customer)}. It shows in their order history and on their timeline.`;
      void this.focusLater('.outcome a');
    } catch (err) {
      this.actionProblem = err;
    } finally {
      this.busy = false;
    }
  }

  private async handleUnlink() {
    this.busy = true;
    this.actionProblem = null;
    const from = this.owner ? fullName(this.owner) : `customer ${this.order?.customer_id}`;
    try {
      await api('DELETE', '/v3/orders/:id/customer', { param: { id: this.orderId } });
      this.step = { kind: 'idle' };
      await this.load();
      this.done = `Order #${this.orderId} is no longer linked to ${from}; it is a guest order again.`;
      void this.focusLater('.order-actions button');
    } catch (err) {
      this.actionProblem = err;
    } finally {
      this.busy = false;
    }
  }

  private linkFlow(o: Order) {
    const step = this.step;
    if (step.kind === 'search') {
      return html`<section class="flow" aria-labelledby="link-h">
        <h3 id="link-h">Link to customer account · step 1 of 2: find the customer</h3>
        <form class="search" role="search" @submit=${this.handleSearch}>
          <label for="link-q">Customer name or email</label>
          <div class="search-row">
            <input id="link-q" name="q" type="search" .value=${o.email} autocomplete="off" spellcheck="false" />
            <button type="submit" ?disabled=${this.searching}>${this.searching ? 'Searching…' : 'Find customer'}</button>
          </div>
          <p class="hint">Prefilled with the order's email. Only registered customers are listed.</p>
        </form>
        ${problemBox(this.actionProblem, 'The search failed')}
        ${
          this.candidates
            ? this.candidates.length
              ? html`<p role="status" class="result-count">${this.candidates.length} registered ${this.candidates.length === 1 ? 'customer matches' : 'customers match'} “${this.searchedFor}”.</p>
                <ul class="choices">
                  ${this.candidates.map(
                    (m) => html`<li>
                      <span><strong>${fullName(m)}</strong> · ${m.email} · ${m.order_count} ${m.order_count === 1 ? 'order' : 'orders'}</span>
                      <button type="button" class="secondary" @click=${() => this.choose(m)} aria-label="Choose ${fullName(m)} (${m.email})">Choose</button>
                    </li>`,
                  )}
                </ul>
                ${this.truncated ? html`<p class="hint">There are more matches than shown: type more of the name or email.</p>` : nothing}`
              : html`<p role="status" class="empty-inline">No registered customer matches “${this.searchedFor}”. Try part of the name or email.</p>`
            : nothing
        }
        <button type="button" class="secondary" @click=${this.cancel}>Cancel</button>
      </section>`;
    }
    if (step.kind === 'confirm') {
      const c = step.customer;
      return html`<section class="flow" aria-labelledby="link-confirm-h">
        <h3 id="link-confirm-h" tabindex="-1">Link to customer account · step 2 of 2: confirm</h3>
        <p>
          Link order <strong>#${o.id}</strong> (${o.email}, ${formatMoney(o.total, o.currency_code)}) to
          <strong>${fullName(c)}</strong> (${c.email})?
        </p>
        ${
          c.email.toLowerCase() !== o.email.toLowerCase()
            ? html`<p class="warning">The order's email (${o.email}) is not this customer's email. Link only if you are sure it is their order.</p>`
            : nothing
        }
        ${problemBox(this.actionProblem, 'The order was not linked')}
        <div class="actions">
          <button type="button" ?disabled=${this.busy} @click=${() => this.handleLink(c)}>${this.busy ? 'Linking…' : 'Link order'}</button>
          <button type="button" class="secondary" @click=${() => this.startLink()}>Back to search</button>
          <button type="button" class="secondary" @click=${this.cancel}>Cancel</button>
        </div>
      </section>`;
    }
    return nothing;
  }

  private body() {
    if (this.problem) return html`${problemBox(this.problem, 'Could not load this order')}<p><a href="#/guest-orders">Back to guest orders</a></p>`;
    const o = this.order;
    if (!o || o.id !== this.orderId) return loading('Loading the order…');
    return html`
      <p class="lead">
        ${formatDateTime(o.date_created)} · ${statusLabel(o.status)} · ${formatMoney(o.total, o.currency_code)}
        ${o.is_test ? html`<span class="badge badge-test">Test order</span>` : nothing}
      </p>
      ${this.done ? html`<div class="outcome" role="status"><p>${this.done}</p>${this.owner ? html`<p><a href="#/customers/${this.owner.id}">Open ${fullName(this.owner)}</a></p>` : nothing}</div>` : nothing}
      <div class="columns">
        <section class="card col" aria-labelledby="account-h">
          <h2 id="account-h">Customer account</h2>
          ${
            o.is_guest
              ? html`<p><span class="badge badge-guest">Not registered</span> Guest order by ${fullName(o)} (${o.email}), not linked to any account.</p>`
              : html`<p>
                <span class="badge badge-registered">Registered</span> Linked to
                ${this.owner ? html`<a href="#/customers/${this.owner.id}">${fullName(this.owner)}</a> (${this.owner.email})` : html`customer #${o.customer_id}`}.
              </p>`
          }
          ${
            this.step.kind === 'idle'
              ? html`<div class="order-actions">
                ${
                  o.is_guest
                    ? html`<button type="button" @click=${this.startLink}>Link to customer account</button>`
                    : html`<button type="button" class="secondary" @click=${() => {
                        this.step = { kind: 'unlink' };
                        this.done = '';
                        void this.focusLater('.confirm button');
                      }}>Unlink from customer</button>`
                }
              </div>`
              : nothing
          }
          ${
            this.step.kind === 'unlink'
              ? html`<div class="confirm" role="group" aria-label="Confirm unlinking">
                <p>Unlink order #${o.id} from ${this.owner ? fullName(this.owner) : `customer #${o.customer_id}`}? It becomes a guest order again and leaves their order history.</p>
                ${problemBox(this.actionProblem, 'The order was not unlinked')}
                <button type="button" class="danger" ?disabled=${this.busy} @click=${this.handleUnlink}>${this.busy ? 'Unlinking…' : 'Unlink order'}</button>
                <button type="button" class="secondary" @click=${this.cancel}>Keep it linked</button>
              </div>`
              : nothing
          }
          ${this.linkFlow(o)}
        </section>
        <section class="card col" aria-labelledby="items-h">
          <h2 id="items-h">Items</h2>
          <div class="table-wrap">
            <table class="list">
              <caption class="visually-hidden">Items of order #${o.id}</caption>
              <thead><tr><th scope="col">Item</th><th scope="col" class="num">Quantity</th><th scope="col" class="num">Price</th><th scope="col" class="num">Total</th></tr></thead>
              <tbody>
                ${(o.items ?? []).map(
                  (i) =>
                    html`<tr><th scope="row">${i.name} <span class="muted small">${i.sku}</span></th><td class="num">${i.quantity}</td><td class="num">${formatMoney(i.price, o.currency_code)}</td><td class="num">${formatMoney(i.total, o.currency_code)}</td></tr>`,
                )}
              </tbody>
              <tfoot>
                <tr><th scope="row" colspan="3">Subtotal</th><td class="num">${formatMoney(o.subtotal, o.currency_code)}</td></tr>
                <tr><th scope="row" colspan="3">Tax</th><td class="num">${formatMoney(o.tax, o.currency_code)}</td></tr>
                <tr><th scope="row" colspan="3">Shipping</th><td class="num">${formatMoney(o.shipping, o.currency_code)}</td></tr>
                <tr><th scope="row" colspan="3">Total</th><td class="num"><strong>${formatMoney(o.total, o.currency_code)}</strong></td></tr>
              </tfoot>
            </table>
          </div>
        </section>
      </div>
    `;
  }

  override render() {
    return html`
      <p class="crumbs">
        ${
          this.owner && this.order?.id === this.orderId
            ? html`<a href="#/customers">Customers</a> <span aria-hidden="true">›</span> <a href="#/customers/${this.owner.id}">${fullName(this.owner)}</a>`
            : html`<a href="#/guest-orders">Guest orders</a>`
        }
        <span aria-hidden="true">›</span> Order #${this.orderId}
      </p>
      <h1 tabindex="-1">Order #${this.orderId}</h1>
      ${this.body()}
    `;
  }
}

define('order-detail', OrderDetail);
