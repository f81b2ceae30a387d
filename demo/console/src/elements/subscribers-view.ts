// <subscribers-view>: newsletter subscribers with their consents (GET /v3/customers/subscribers), paged.
import { html, nothing } from 'lit';
import { api, isAbort } from '../api';
import { ConsoleView, define, emptyState, loading, pager, problemBox } from '../base';
import { consentLabel, formatDate, statusLabel } from '../format';
import type { Pagination, Subscriber } from '../types';

const PAGE_SIZE = 20;

/**
 * The store's newsletter subscribers.
 */
export class SubscribersView extends ConsoleView {
  static override properties = {
    page: { type: Number },
    revision: { type: Number },
    subscribers: { state: true },
    pagination: { state: true },
    problem: { state: true },
  };

  /** The page (1-based). */
  declare page: number;
  /** Reloads when it changes. */
  declare revision: number;
  /** @internal */
  declare subscribers: Subscriber[] | null;
  /** @internal */
  declare pagination: Pagination | undefined;
  /** @internal */
  declare problem: unknown;
  private abort?: AbortController;

  constructor() {
    super();
    this.page = 1;
    this.revision = 0;
    this.subscribers = null;
    this.problem = null;
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('page') || changed.has('revision')) void this.load();
  }

  private async load() {
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    this.problem = null;
    try {
      const res = await api('GET', '/v3/customers/subscribers', { query: { page: this.page, limit: PAGE_SIZE }, signal: abort.signal });
      this.subscribers = res.data;
      this.pagination = 'pagination' in res.meta ? res.meta.pagination : undefined; // page paging (not cursor)
    } catch (err) {
      if (!isAbort(err)) this.problem = err;
    }
  }

  private list() {
    if (this.problem) return problemBox(this.problem, 'Could not load the subscribers');
    if (!this.subscribers) return loading('Loading subscribers…');
    if (!this.subscribers.length) return emptyState('No subscribers yet. Shoppers subscribe in the storefront footer or when they sign up.');
    return html`<div class="table-wrap">
        <table class="list">
          <caption class="visually-hidden">Newsletter subscribers</caption>
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Name</th>
              <th scope="col">Consents</th>
              <th scope="col">Source</th>
              <th scope="col">Since</th>
            </tr>
          </thead>
          <tbody>
            ${this.subscribers.map(
              (s) => html`<tr>
                <th scope="row">${s.email}</th>
                <td>${`${s.first_name} ${s.last_name}`.trim() || html`<span class="muted">—</span>`}</td>
                <td>
                  ${
                    s.consents.length
                      ? html`<ul class="inline-badges">${s.consents.map((c) => html`<li class="badge badge-consent">${consentLabel(c)}</li>`)}</ul>`
                      : html`<span class="muted">Unsubscribed</span>`
                  }
                </td>
                <td>${statusLabel(s.source)}${s.order_id ? html` (<a href="#/orders/${s.order_id}">order #${s.order_id}</a>)` : nothing}</td>
                <td><time datetime=${s.date_created}>${formatDate(s.date_created)}</time></td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${pager(this.pagination, (page) => (location.hash = `#/subscribers${page > 1 ? `?page=${page}` : ''}`), 'subscribers')}`;
  }

  override render() {
    return html`
      <h1 tabindex="-1">Subscribers</h1>
      <p class="lead">Who may receive the newsletter and abandoned-cart emails, and where the consent came from.</p>
      ${this.list()}
    `;
  }
}

define('subscribers-view', SubscribersView);
