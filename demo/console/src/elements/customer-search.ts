// <customer-search>: the customer overview (GET /v3/customers/overview): search by name or email,
// registered customers and guest orders in the API's order (newest last-order day first, then last name,
// customers without orders last), an orange dot beside the name of anyone with a test order (as a store
// cockpit marks them), paging and an empty state.
import { html, nothing } from 'lit';
import { api, isAbort } from '../api';
import { ConsoleView, define, emptyState, loading, pager, problemBox, statusLine, takeFlash } from '../base';
import { formatDate, fullName } from '../format';
import type { OverviewRow, Pagination } from '../types';

const PAGE_SIZE = 20;

/** The test-order marker beside a name: an image with a name, so it is read out with the row's name. */
const testDot = html` <span class="dot" role="img" aria-label="has a test order" title="Has a test order"></span>`;

/**
 * Customer search and overview list.
 */
export class CustomerSearch extends ConsoleView {
  static override properties = {
    q: {},
    page: { type: Number },
    revision: { type: Number },
    rows: { state: true },
    pagination: { state: true },
    busy: { state: true },
    problem: { state: true },
  };

  /** The search term (from the address: `#/customers?q=`). */
  declare q: string;
  /** The page (1-based). */
  declare page: number;
  /** Reloads when it changes (a new admin token). */
  declare revision: number;
  /** @internal */
  declare rows: OverviewRow[] | null;
  /** @internal */
  declare pagination: Pagination | undefined;
  /** @internal */
  declare busy: boolean;
  /** @internal */
  declare problem: unknown;
  /** The term the list shows results for (the box may hold a newer one while typing). */
  private shownQ = '';
  /** What the page before said happened (a customer deleted). */
  private flash = takeFlash();
  private abort?: AbortController;
  private typingTimer?: ReturnType<typeof setTimeout>;

  constructor() {
    super();
    this.q = '';
    this.page = 1;
    this.revision = 0;
    this.rows = null;
    this.busy = false;
    this.problem = null;
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('q') || changed.has('page') || changed.has('revision')) void this.load();
  }

  override disconnectedCallback(): void {
    this.abort?.abort();
    clearTimeout(this.typingTimer);
    super.disconnectedCallback();
  }

  private async load() {
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    this.busy = true;
    this.problem = null;
    const q = this.q.trim();
    try {
      const res = await api('GET', '/v3/customers/overview', {
        query: { q, page: this.page, limit: PAGE_SIZE },
        signal: abort.signal,
      });
      this.rows = res.data;
      this.pagination = res.meta.pagination;
      this.shownQ = q;
    } catch (err) {
      if (isAbort(err)) return;
      this.problem = err;
      this.rows = null;
    } finally {
      if (this.abort === abort) this.busy = false;
    }
  }

  /** Keeps the term in the address (replaceState: typing does not flood the back button). */
  private setQuery(q: string, page = 1, push = false) {
    const params = new URLSearchParams();
    if (q) params.set('q', q);
    if (page > 1) params.set('page', String(page));
    const hash = `#/customers${params.size ? `?${params}` : ''}`;
    if (push) location.hash = hash;
    else history.replaceState(null, '', hash);
    this.flash = '';
    this.q = q;
    this.page = page;
  }

  private handleInput(e: InputEvent) {
    const value = (e.target as HTMLInputElement).value;
    clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => this.setQuery(value.trim()), 300);
  }

  private handleSubmit(e: SubmitEvent) {
    e.preventDefault();
    clearTimeout(this.typingTimer);
    const value = ((e.target as HTMLFormElement).elements.namedItem('q') as HTMLInputElement).value.trim();
    this.setQuery(value);
    if (value === this.shownQ) void this.load();
  }

  private handleClear() {
    this.setQuery('');
    this.querySelector<HTMLInputElement>('#customer-q')!.value = '';
    this.querySelector<HTMLInputElement>('#customer-q')!.focus();
  }

  private goToPage(page: number) {
    this.setQuery(this.q.trim(), page, true);
  }

  private row(r: OverviewRow) {
    const name = fullName(r);
    const href = r.registered ? `#/customers/${r.customer_id}` : `#/orders/${r.order_id}`;
    return html`<tr>
      <th scope="row">
        <a href=${href}>${name}</a>${r.has_test_order ? testDot : nothing}
        ${r.registered ? nothing : html`<span class="muted small">guest order #${r.order_id}</span>`}
      </th>
      <td>${r.email}</td>
      <td>
        ${r.registered ? html`<span class="badge badge-registered">Registered</span>` : html`<span class="badge badge-guest">Not registered</span>`}
      </td>
      <td class="num">${r.order_count}</td>
      <td>${r.last_order_date ? html`<time datetime=${r.last_order_date}>${formatDate(r.last_order_date)}</time>` : html`<span class="muted">No orders</span>`}</td>
    </tr>`;
  }

  private results() {
    if (this.problem) return problemBox(this.problem, 'Could not load customers');
    if (!this.rows) return loading('Loading customers…');
    if (!this.rows.length) {
      return emptyState(
        this.shownQ
          ? html`No customer or guest order matches “<strong>${this.shownQ}</strong>”. Check the spelling, or search for part of the email address.`
          : 'No customers yet.',
        this.shownQ ? html`<button type="button" class="secondary" @click=${this.handleClear}>Clear the search</button>` : undefined,
      );
    }
    const p = this.pagination;
    return html`
      <p class="result-count" role="status">
        ${p ? `${p.total} ${p.total === 1 ? 'result' : 'results'}` : ''}${this.shownQ ? html` for “${this.shownQ}”` : nothing}
      </p>
      <div class="table-wrap">
        <table class="list" aria-busy=${this.busy ? 'true' : 'false'}>
          <caption class="visually-hidden">Customers and guest orders, newest last order first, then by last name</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Account</th>
              <th scope="col" class="num">Orders</th>
              <th scope="col">Last order</th>
            </tr>
          </thead>
          <tbody>
            ${this.rows.map((r) => this.row(r))}
          </tbody>
        </table>
      </div>
      ${pager(this.pagination, (page) => this.goToPage(page), 'customers and guest orders')}
    `;
  }

  override render() {
    return html`
      <h1 tabindex="-1">Customers</h1>
      ${this.flash ? statusLine(this.flash) : nothing}
      <p class="lead">Registered customers and guest orders. Open a customer for details, addresses, the internal comment, the timeline and order history; open a guest order to link it to an account.</p>
      <p><a class="button-link" href="#/customers/new">New customer</a></p>
      <form class="search" role="search" @submit=${this.handleSubmit}>
        <label for="customer-q">Search by name or email</label>
        <div class="search-row">
          <input id="customer-q" name="q" type="search" .value=${this.q} @input=${this.handleInput} autocomplete="off" spellcheck="false" />
          <button type="submit">Search</button>
        </div>
      </form>
      <p class="legend"><span class="dot" aria-hidden="true"></span> beside a name: has a test order</p>
      ${this.busy && this.rows ? html`<p class="visually-hidden" role="status">Updating…</p>` : nothing}
      ${this.results()}
    `;
  }
}

define('customer-search', CustomerSearch);
