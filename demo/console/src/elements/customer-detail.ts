// <customer-detail>: one registered customer: their details (PUT /v3/customers, only what changed),
// the internal comment (`notes`; the change shows on the timeline as note_changed), the order history
// card (GET /v3/customers/{id}/order-summary), the address book, metafields, the timeline, and deleting the customer
// (DELETE /v3/customers?id:in=) after a dialog that says what is erased and that orders stay.
import { html, nothing } from 'lit';
import { api, ApiProblem, isAbort } from '../api';
import { ConsoleView, define, formValues, loading, problemBox, setFlash, statusLine, takeFlash, textField } from '../base';
import { formatDate, formatDateTime, formatMoney, fullName, statusLabel } from '../format';
import type { Customer, CustomerChanges, Group, Order, OrderSummary } from '../types';
import type { CustomerTimeline } from './customer-timeline';
import './customer-addresses';
import './customer-metafields';
import './customer-timeline';

const DETAIL_FIELDS = ['first_name', 'last_name', 'email', 'phone', 'company'] as const;

/**
 * A customer's page in the console.
 */
export class CustomerDetail extends ConsoleView {
  static override properties = {
    customerId: { type: Number },
    revision: { type: Number },
    customer: { state: true },
    groups: { state: true },
    summary: { state: true },
    problem: { state: true },
    summaryProblem: { state: true },
    guestOrders: { state: true },
    linking: { state: true },
    linkProblem: { state: true },
    linkMessage: { state: true },
    detailsProblem: { state: true },
    detailsMessage: { state: true },
    notesProblem: { state: true },
    notesMessage: { state: true },
    saving: { state: true },
    deleteProblem: { state: true },
  };

  /** The customer shown (from `#/customers/{id}`). */
  declare customerId: number;
  /** Reloads when it changes. */
  declare revision: number;
  /** @internal */
  declare customer: Customer | null;
  /** @internal */
  declare groups: Group[];
  /** @internal */
  declare summary: OrderSummary | null;
  /** @internal */
  declare problem: unknown;
  /** @internal */
  declare summaryProblem: unknown;
  /** @internal Guest orders placed with this customer's email (candidates to link). */
  declare guestOrders: Order[];
  /** @internal The guest order whose link is being confirmed (0: none). */
  declare linking: number;
  /** @internal */
  declare linkProblem: unknown;
  /** @internal */
  declare linkMessage: string;
  /** @internal */
  declare detailsProblem: unknown;
  /** @internal */
  declare detailsMessage: string;
  /** @internal */
  declare notesProblem: unknown;
  /** @internal */
  declare notesMessage: string;
  /** @internal */
  declare saving: '' | 'details' | 'notes' | 'delete';
  /** @internal */
  declare deleteProblem: unknown;
  /** What the page before said happened (the customer was just created). */
  private flash = takeFlash();
  private abort?: AbortController;

  constructor() {
    super();
    this.customerId = 0;
    this.revision = 0;
    this.customer = null;
    this.groups = [];
    this.summary = null;
    this.problem = null;
    this.summaryProblem = null;
    this.guestOrders = [];
    this.linking = 0;
    this.linkProblem = null;
    this.linkMessage = '';
    this.detailsProblem = null;
    this.detailsMessage = '';
    this.notesProblem = null;
    this.notesMessage = '';
    this.saving = '';
    this.deleteProblem = null;
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.get('customerId')) this.flash = ''; // another customer than the one the message was about
    if ((changed.has('customerId') || changed.has('revision')) && this.customerId) void this.load();
  }

  private async load() {
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    const signal = abort.signal;
    this.problem = null;
    this.customer = null;
    try {
      const [customers, groups] = await Promise.all([
        api('GET', '/v3/customers', { query: { 'id:in': this.customerId }, signal }),
        api('GET', '/v2/customer_groups', { query: { limit: 250 }, signal }),
      ]);
      const customer = customers.data[0];
      if (!customer) {
        this.problem = new ApiProblem(404, null, `There is no customer ${this.customerId}. They may have deleted their account.`);
        return;
      }
      this.customer = customer;
      this.groups = groups;
    } catch (err) {
      if (!isAbort(err)) this.problem = err;
      return;
    }
    void this.loadSummary(signal);
  }

  private async loadSummary(signal?: AbortSignal) {
    this.summaryProblem = null;
    try {
      const [summary, guests] = await Promise.all([
        api('GET', '/v3/customers/:id/order-summary', { param: { id: this.customerId }, signal }),
        api('GET', '/v3/orders', { query: { is_guest: 'true', 'email:in': this.customer!.email, limit: 20 }, signal }),
      ]);
      this.summary = summary.data;
      this.guestOrders = guests.data;
    } catch (err) {
      if (!isAbort(err)) this.summaryProblem = err;
    }
  }

  private async handleLinkGuest(order: Order) {
    this.linkProblem = null;
    try {
      await api('PUT', '/v3/orders/:id/customer', { param: { id: order.id }, body: { customer_id: this.customerId } });
      this.linking = 0;
      this.linkMessage = `Order #${order.id} is now linked to this customer.`;
      await this.loadSummary();
      this.refreshTimeline();
      void this.focusLater('#orders-h');
    } catch (err) {
      this.linkProblem = err;
    }
  }

  private guestOrdersBlock() {
    if (!this.guestOrders.length && !this.linkMessage) return nothing;
    return html`
      ${this.linkMessage ? statusLine(this.linkMessage) : nothing}
      ${
        this.guestOrders.length
          ? html`<h3>Guest orders with this email</h3>
            <p class="muted small">Placed without signing in. Link one only if you know it is this customer's (the shopper can also claim them with an emailed code).</p>
            <ul class="orders-mini">
              ${this.guestOrders.map(
                (o) => html`<li>
                  <a href="#/orders/${o.id}">Order #${o.id}</a>
                  <span><time datetime=${o.date_created}>${formatDate(o.date_created)}</time></span>
                  <span>${formatMoney(o.total, o.currency_code)}</span>
                  ${
                    this.linking === o.id
                      ? html`<div class="confirm" role="group" aria-label="Confirm linking order #${o.id}">
                        <p>Link order #${o.id} to ${fullName(this.customer!)}?</p>
                        ${problemBox(this.linkProblem, 'The order was not linked')}
                        <button type="button" @click=${() => this.handleLinkGuest(o)}>Link order</button>
                        <button type="button" class="secondary" @click=${() => (this.linking = 0)}>Cancel</button>
                      </div>`
                      : html`<button type="button" class="secondary" aria-label="Link order #${o.id} to this customer" @click=${() => {
                          this.linking = o.id;
                          this.linkProblem = null;
                          this.linkMessage = '';
                          void this.focusLater('.orders-mini .confirm button');
                        }}>Link…</button>`
                  }
                </li>`,
              )}
            </ul>`
          : nothing
      }
    `;
  }

  private refreshTimeline() {
    void this.querySelector<CustomerTimeline>('customer-timeline')?.reload();
  }

  private async update1(changes: CustomerChanges): Promise<Customer> {
    const res = await api('PUT', '/v3/customers', { body: [{ id: this.customerId, ...changes }] });
    return res.data[0]!;
  }

  private async handleDetails(e: SubmitEvent) {
    e.preventDefault();
    const c = this.customer!;
    const v = formValues(e.target as HTMLFormElement);
    const changes: CustomerChanges = {};
    for (const k of DETAIL_FIELDS) if ((v[k] ?? '') !== (c[k] ?? '')) changes[k] = v[k] ?? '';
    const group = Number(v.customer_group_id ?? c.customer_group_id);
    if (group !== c.customer_group_id) changes.customer_group_id = group;
    this.detailsProblem = null;
    this.detailsMessage = '';
    if (!Object.keys(changes).length) {
      this.detailsMessage = 'Nothing changed.';
      return;
    }
    this.saving = 'details';
    try {
      this.customer = { ...c, ...(await this.update1(changes)) };
      this.detailsMessage = 'Details saved.';
      this.refreshTimeline();
    } catch (err) {
      this.detailsProblem = err;
      await this.updateComplete;
      this.querySelector<HTMLElement>('#details-form [aria-invalid="true"]')?.focus();
    } finally {
      this.saving = '';
    }
  }

  private async handleNotes(e: SubmitEvent) {
    e.preventDefault();
    const notes = ((e.target as HTMLFormElement).elements.namedItem('notes') as HTMLTextAreaElement).value;
    this.notesProblem = null;
    this.notesMessage = '';
    if (notes === (this.customer!.notes ?? '')) {
      this.notesMessage = 'Nothing changed.';
      return;
    }
    this.saving = 'notes';
    try {
      this.customer = { ...this.customer!, ...(await this.update1({ notes })) };
      this.notesMessage = 'Comment saved. It is on the timeline.';
      this.refreshTimeline();
    } catch (err) {
      this.notesProblem = err;
    } finally {
      this.saving = '';
    }
  }

  private detailsCard(c: Customer) {
    const errors = this.detailsProblem instanceof ApiProblem ? this.detailsProblem.fields : {};
    const f = (name: (typeof DETAIL_FIELDS)[number], label: string, extra: Partial<Parameters<typeof textField>[0]> = {}) =>
      textField({ id: `customer-${name}`, name, label, value: c[name] ?? '', error: errors[name], ...extra });
    return html`<section class="card" aria-labelledby="details-h">
      <h2 id="details-h">Details</h2>
      <form id="details-form" @submit=${this.handleDetails} novalidate>
        ${problemBox(this.detailsProblem, 'The details were not saved')}
        <div class="grid-2">
          ${f('first_name', 'First name', { required: true })} ${f('last_name', 'Last name', { required: true })}
        </div>
        ${f('email', 'Email', { type: 'email', required: true })}
        <div class="grid-2">${f('phone', 'Phone', { type: 'tel' })} ${f('company', 'Company')}</div>
        <div class="field ${errors.customer_group_id ? 'invalid' : ''}">
          <label for="customer-group">Customer group</label>
          <select id="customer-group" name="customer_group_id" aria-invalid=${errors.customer_group_id ? 'true' : 'false'}>
            <option value="0" ?selected=${!c.customer_group_id}>No group</option>
            ${this.groups.map((g) => html`<option value=${g.id} ?selected=${g.id === c.customer_group_id}>${g.name}</option>`)}
          </select>
          ${errors.customer_group_id ? html`<p class="error">${errors.customer_group_id}</p>` : nothing}
        </div>
        <div class="actions">
          <button type="submit" ?disabled=${this.saving === 'details'}>${this.saving === 'details' ? 'Saving…' : 'Save details'}</button>
          ${this.detailsMessage ? statusLine(this.detailsMessage) : nothing}
        </div>
      </form>
      <p class="muted small">Customer #${c.id} · registered <time datetime=${c.date_created}>${formatDateTime(c.date_created)}</time></p>
    </section>`;
  }

  private notesCard(c: Customer) {
    return html`<section class="card" aria-labelledby="notes-h">
      <h2 id="notes-h">Internal comment</h2>
      <form @submit=${this.handleNotes}>
        ${problemBox(this.notesProblem, 'The comment was not saved')}
        <div class="field">
          <label for="customer-notes">Comment for staff</label>
          <textarea id="customer-notes" name="notes" rows="4" maxlength="10000" aria-describedby="customer-notes-hint" .value=${c.notes ?? ''}></textarea>
          <p class="hint" id="customer-notes-hint">Only staff see it, never the shopper. Changes are recorded on the timeline.</p>
        </div>
        <div class="actions">
          <button type="submit" ?disabled=${this.saving === 'notes'}>${this.saving === 'notes' ? 'Saving…' : 'Save comment'}</button>
          ${this.notesMessage ? statusLine(this.notesMessage) : nothing}
        </div>
      </form>
    </section>`;
  }

  private summaryCard() {
    const s = this.summary;
    const body = () => {
      if (this.summaryProblem) return problemBox(this.summaryProblem, 'Could not load the order history');
      if (!s) return loading('Loading order history…');
      if (!s.order_count) return html`<p class="empty-inline">No orders yet.</p>${this.guestOrdersBlock()}`;
      return html`
        <dl class="stats">
          <div><dt>Orders</dt><dd>${s.order_count}</dd></div>
          <div>
            <dt>Total spent</dt>
            <dd>${s.totals.map((t, i) => html`${i ? html`<br />` : nothing}${formatMoney(t.total_spent, t.currency_code)}`)}</dd>
          </div>
          <div>
            <dt>Average order value</dt>
            <dd>${s.totals.map((t, i) => html`${i ? html`<br />` : nothing}${formatMoney(t.average_order_value, t.currency_code)}`)}</dd>
          </div>
        </dl>
        <h3>Last ${s.last_orders.length === 1 ? 'order' : `${s.last_orders.length} orders`}</h3>
        <ul class="orders-mini">
          ${s.last_orders.map(
            (o) => html`<li>
              <a href="#/orders/${o.id}">Order #${o.id}</a>
              <span><time datetime=${o.date_created}>${formatDate(o.date_created)}</time></span>
              <span>${formatMoney(o.total, o.currency_code)}</span>
              <span class="status-text">${statusLabel(o.status)}</span>
              ${o.is_test ? html`<span class="badge badge-test">Test order</span>` : nothing}
            </li>`,
          )}
        </ul>
        <p><a class="button-link" href="#/customers/${this.customerId}/orders">All ${s.order_count} orders of this customer</a></p>
        <p class="muted small">Totals count every order, test, cancelled and refunded ones too.</p>
        ${this.guestOrdersBlock()}
      `;
    };
    return html`<section class="card" aria-labelledby="orders-h">
      <h2 id="orders-h" tabindex="-1">Order history</h2>
      ${body()}
    </section>`;
  }

  private get deleteDialog(): HTMLDialogElement | null {
    return this.querySelector<HTMLDialogElement>('#delete-customer-dialog');
  }

  private handleDeleteOpen() {
    this.deleteProblem = null;
    this.deleteDialog?.showModal();
    // The safe choice has focus first: Enter must not erase a customer.
    this.querySelector<HTMLElement>('#delete-customer-dialog .keep')?.focus();
  }

  private handleDeleteClose() {
    this.deleteDialog?.close();
  }

  private async handleDelete() {
    const c = this.customer!;
    const orders = this.summary?.order_count;
    this.saving = 'delete';
    this.deleteProblem = null;
    try {
      await api('DELETE', '/v3/customers', { query: { 'id:in': c.id } });
      this.deleteDialog?.close();
      setFlash(
        `${fullName(c)} (${c.email}) was deleted.` +
          (orders ? ` ${orders === 1 ? 'Their order stays, as a guest order' : `Their ${orders} orders stay, as guest orders`}.` : ''),
      );
      location.hash = '#/customers';
    } catch (err) {
      this.deleteProblem = err;
    } finally {
      this.saving = '';
    }
  }

  private deleteCard(c: Customer) {
    const name = fullName(c);
    const orders = this.summary?.order_count;
    const ordersText = orders === undefined ? 'Their orders' : orders === 1 ? 'Their order' : `Their ${orders} orders`;
    return html`<section class="card" aria-labelledby="delete-h">
      <h2 id="delete-h">Delete customer</h2>
      <p class="muted small">Erases the account for good. Their orders stay, for the store's books.</p>
      <button type="button" class="danger" @click=${this.handleDeleteOpen}>Delete customer…</button>
      <dialog id="delete-customer-dialog" class="dialog" aria-labelledby="delete-dialog-h" aria-describedby="delete-dialog-what" @close=${() => (this.deleteProblem = null)}>
        <h2 id="delete-dialog-h">Delete ${name}?</h2>
        <div id="delete-dialog-what">
          <p>This cannot be undone. Erased now:</p>
          <ul>
            <li>the profile: name, email, phone, company, group, the internal comment and the timeline;</li>
            <li>every saved address;</li>
            <li>sign-in methods: the password, passkeys and linked sign-in providers. Every session ends: they are signed out everywhere;</li>
            <li>attribute values, sign-up field values, metafields (apps' data about them) and their tracking consent.</li>
          </ul>
          <p>Stays:</p>
          <ul>
            ${
              orders === 0
                ? nothing
                : html`<li>
                  ${ordersText}, with the email, names and addresses they were placed with: no longer linked to an account, they
                  show under <a href="#/guest-orders">Guest orders</a> and can be linked to an account again;
                </li>`
            }
            <li>the newsletter subscription of ${c.email}, if there is one (see <a href="#/subscribers">Subscribers</a>).</li>
          </ul>
        </div>
        ${problemBox(this.deleteProblem, 'The customer was not deleted')}
        <div class="actions">
          <button type="button" class="danger" ?disabled=${this.saving === 'delete'} @click=${this.handleDelete}>
            ${this.saving === 'delete' ? 'Deleting…' : 'Delete customer'}
          </button>
          <button type="button" class="secondary keep" @click=${this.handleDeleteClose}>Keep customer</button>
        </div>
      </dialog>
    </section>`;
  }

  private body() {
    const c = this.customer;
    if (this.problem) {
      return html`${problemBox(this.problem, 'Could not load this customer')}
        <p><a href="#/customers">Back to customers</a></p>`;
    }
    if (!c) return loading('Loading the customer…');
    const group = this.groups.find((g) => g.id === c.customer_group_id);
    return html`
      ${this.flash ? statusLine(this.flash) : nothing}
      <p class="lead">
        ${c.email} · <span class="badge badge-registered">Registered</span> · ${group ? `${group.name} group` : 'No group'}
        ${
          c.authentication.force_password_reset
            ? html` · <span class="badge badge-guest" title="They sign in after setting a password through “Forgot password”">Must set a new password</span>`
            : nothing
        }
      </p>
      <div class="columns">
        <div class="col">
          ${this.detailsCard(c)} ${this.notesCard(c)}
          <section class="card" aria-labelledby="addresses-h">
            <h2 id="addresses-h">Addresses</h2>
            <customer-addresses .customerId=${c.id} @console-change=${this.refreshTimeline}></customer-addresses>
          </section>
          <section class="card" aria-labelledby="metafields-h">
            <h2 id="metafields-h">Metafields</h2>
            <customer-metafields .customerId=${c.id}></customer-metafields>
          </section>
          ${this.deleteCard(c)}
        </div>
        <div class="col">
          ${this.summaryCard()}
          <section class="card" aria-labelledby="timeline-h">
            <h2 id="timeline-h">Timeline</h2>
            <customer-timeline .customerId=${c.id}></customer-timeline>
          </section>
        </div>
      </div>
    `;
  }

  override render() {
    // One template around the heading, so focus on it survives loading.
    const title = this.customer ? fullName(this.customer) : 'Customer';
    return html`
      <p class="crumbs"><a href="#/customers">Customers</a> <span aria-hidden="true">›</span> ${title}</p>
      <h1 tabindex="-1">${title}</h1>
      ${this.body()}
    `;
  }
}

define('customer-detail', CustomerDetail);
