// <customer-timeline>: what happened to a customer (GET /v3/customers/{id}/timeline), newest first:
// the event, when (in the browser's locale) and who did it (shopper, staff with the token's name, system).
import { html, nothing } from 'lit';
import { api, isAbort } from '../api';
import { ConsoleView, define, emptyState, loading, problemBox } from '../base';
import { actorLabel, eventDetail, eventLabel, formatDateTime } from '../format';
import type { Pagination, TimelineEvent } from '../types';

const PAGE_SIZE = 15;

/**
 * A customer's timeline, with "Show older events".
 */
export class CustomerTimeline extends ConsoleView {
  static override properties = {
    customerId: { type: Number },
    revision: { type: Number },
    events: { state: true },
    pagination: { state: true },
    busy: { state: true },
    problem: { state: true },
  };

  /** The customer whose events are shown. */
  declare customerId: number;
  /** Reloads when it changes. */
  declare revision: number;
  /** @internal */
  declare events: TimelineEvent[] | null;
  /** @internal */
  declare pagination: Pagination | undefined;
  /** @internal */
  declare busy: boolean;
  /** @internal */
  declare problem: unknown;
  private abort?: AbortController;

  constructor() {
    super();
    this.customerId = 0;
    this.revision = 0;
    this.events = null;
    this.busy = false;
    this.problem = null;
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if ((changed.has('customerId') || changed.has('revision')) && this.customerId) void this.reload();
  }

  /** Loads the newest page again (after a change made elsewhere on the page). */
  async reload(): Promise<void> {
    await this.fetchPage(1, false);
  }

  private async fetchPage(page: number, append: boolean) {
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    this.busy = true;
    this.problem = null;
    try {
      const res = await api('GET', '/v3/customers/:id/timeline', {
        param: { id: this.customerId },
        query: { page, limit: PAGE_SIZE },
        signal: abort.signal,
      });
      this.events = append && this.events ? [...this.events, ...res.data] : res.data;
      this.pagination = res.meta.pagination;
    } catch (err) {
      if (!isAbort(err)) this.problem = err;
    } finally {
      if (this.abort === abort) this.busy = false;
    }
  }

  override render() {
    const p = this.pagination;
    return html`
      ${problemBox(this.problem, 'Could not load the timeline')}
      ${!this.events && !this.problem ? loading('Loading the timeline…') : nothing}
      ${this.events && !this.events.length ? emptyState('Nothing has happened yet.') : nothing}
      ${
        this.events?.length
          ? html`<ol class="timeline" aria-label="Events, newest first">
            ${this.events.map(
              (e) => html`<li class="event event-${e.type}">
                <p class="event-title"><strong>${eventLabel(e.type)}</strong>${eventDetail(e) ? html` <span class="event-detail">${eventDetail(e)}</span>` : nothing}</p>
                <p class="event-meta">
                  <time datetime=${e.date_created}>${formatDateTime(e.date_created)}</time> · by ${actorLabel(e.actor)}
                </p>
              </li>`,
            )}
          </ol>`
          : nothing
      }
      ${
        p && p.current_page < p.total_pages
          ? html`<button type="button" class="secondary" ?disabled=${this.busy} @click=${() => this.fetchPage(p.current_page + 1, true)}>
            Show older events
          </button>`
          : nothing
      }
    `;
  }
}

define('customer-timeline', CustomerTimeline);
