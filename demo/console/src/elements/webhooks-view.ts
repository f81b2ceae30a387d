// <webhooks-view>: the store's webhooks (/v3/hooks; docs/webhooks.md). Each hook with its state — active,
// paused, or turned off by the worker after 48 hours of failed deliveries, with its reason up front —
// pause/resume (PUT is_active), delete after a confirmation, and its deliveries (events history: status,
// attempts, the receiver's last answer, times; "Redeliver" for a delivered or failed one), refreshed while
// shown so a clerk watches a change arrive. A new hook: scope (wildcards too), destination, optional
// headers; its signing secret is answered once, so it is shown once, with a copy button, until dismissed.
import { html, nothing, type TemplateResult } from 'lit';
import type { WebhookScope } from '../../../../worker/src/accounts/webhooks';
import { api, ApiProblem, isAbort } from '../api';
import { checked, ConsoleView, define, emptyState, formValues, loading, problemBox, statusLine, textField } from '../base';
import { formatDateTime } from '../format';
import type { Reply } from '../types';

type Hook = Reply<'GET', '/v3/hooks'>['data'][number];
type HookEvent = Reply<'GET', '/v3/hooks/events'>['data'][number];

// Type-only import of the worker's scopes: a scope added there fails this typecheck until it has words here.
const SCOPE_LABELS: Record<WebhookScope, string> = {
  'store/customer/created': 'A customer is created',
  'store/customer/updated': 'A customer is updated',
  'store/customer/deleted': 'A customer is deleted',
  'store/customer/email_verified': 'A customer proves their email address',
  'store/customer/order_linked': 'An order is linked to a customer',
  'store/customer/address/created': 'An address is added',
  'store/customer/address/updated': 'An address is changed',
  'store/customer/address/deleted': 'An address is deleted',
  'store/subscriber/created': 'A newsletter subscriber is added',
  'store/subscriber/updated': 'A subscriber is changed',
  'store/subscriber/deleted': 'A subscriber is removed',
};
const WILDCARDS: Record<string, string> = {
  'store/customer/*': 'Every customer event, addresses included',
  'store/customer/address/*': 'Every address event',
  'store/subscriber/*': 'Every subscriber event',
};
const SCOPE_GROUPS: { label: string; scopes: string[] }[] = [
  { label: 'Customers', scopes: Object.keys(SCOPE_LABELS).filter((s) => !/^store\/(customer\/address|subscriber)\//.test(s)) },
  { label: 'Addresses', scopes: Object.keys(SCOPE_LABELS).filter((s) => s.startsWith('store/customer/address/')) },
  { label: 'Newsletter subscribers', scopes: Object.keys(SCOPE_LABELS).filter((s) => s.startsWith('store/subscriber/')) },
  { label: 'Several events (wildcards)', scopes: Object.keys(WILDCARDS) },
];
const scopeLabel = (scope: string) => (SCOPE_LABELS as Record<string, string>)[scope] ?? WILDCARDS[scope] ?? '';

/** How often open deliveries lists refresh (a delivery takes a second or two locally). */
const REFRESH_MS = 2500;
/** The deliveries shown per hook, newest first. */
const EVENTS_SHOWN = 20;

interface HeaderRow {
  key: number;
  name: string;
  value: string;
}

/** What one hook's card is doing. */
interface HookState {
  busy?: boolean;
  confirmingDelete?: boolean;
  problem?: unknown;
  message?: string;
  /** The deliveries list is open. */
  open?: boolean;
  events?: HookEvent[];
  eventsTotal?: number;
  eventsProblem?: unknown;
  eventsMessage?: string;
}

const EVENT_STATUS: Record<HookEvent['status'], { label: string; badge: string }> = {
  pending: { label: 'Pending', badge: 'badge-guest' },
  queued: { label: 'Queued', badge: 'badge-guest' },
  delivered: { label: 'Delivered', badge: 'badge-registered' },
  failed: { label: 'Failed', badge: 'badge-test' },
};

/** What an event is about, from its ids-only payload (docs/webhooks.md "Payload"). */
function eventSubject(e: HookEvent): string {
  const d = e.data as { type?: unknown; id?: unknown; address?: { customer_id?: unknown }; order?: { id?: unknown } };
  const id = (v: unknown) => (typeof v === 'number' ? String(v) : '?');
  if (d.address && typeof d.address === 'object') return `address ${id(d.id)} of customer ${id(d.address.customer_id)}`;
  if (d.order && typeof d.order === 'object') return `order ${id(d.order.id)}, customer ${id(d.id)}`;
  return `${typeof d.type === 'string' ? d.type : 'item'} ${id(d.id)}`;
}

const hookName = (h: Hook) => `${h.scope} → ${h.destination}`;

/**
 * The console's webhooks page.
 */
export class WebhooksView extends ConsoleView {
  static override properties = {
    revision: { type: Number },
    hooks: { state: true },
    problem: { state: true },
    states: { state: true },
    formProblem: { state: true },
    saving: { state: true },
    headerRows: { state: true },
    created: { state: true },
    copyMessage: { state: true },
    message: { state: true },
  };

  /** Reloads when it changes (a new admin token). */
  declare revision: number;
  /** @internal */
  declare hooks: Hook[] | null;
  /** @internal */
  declare problem: unknown;
  /** @internal Per hook id. */
  declare states: Record<number, HookState>;
  /** @internal */
  declare formProblem: unknown;
  /** @internal */
  declare saving: boolean;
  /** @internal The new hook's header inputs. */
  declare headerRows: HeaderRow[];
  /** @internal The hook just created, with its secret: shown until dismissed, never again. */
  declare created: (Hook & { secret: string }) | null;
  /** @internal */
  declare copyMessage: string;
  /** @internal Page-level confirmations (a hook deleted). */
  declare message: string;
  private abort?: AbortController;
  private timer?: ReturnType<typeof setInterval>;
  private nextRow = 1;

  constructor() {
    super();
    this.revision = 0;
    this.hooks = null;
    this.problem = null;
    this.states = {};
    this.formProblem = null;
    this.saving = false;
    this.headerRows = [];
    this.created = null;
    this.copyMessage = '';
    this.message = '';
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('revision')) void this.load();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Open deliveries lists follow the queue while the tab is visible.
    this.timer = setInterval(() => {
      if (document.visibilityState !== 'visible') return;
      for (const [id, s] of Object.entries(this.states)) if (s.open) void this.loadEvents(Number(id));
    }, REFRESH_MS);
  }

  override disconnectedCallback(): void {
    this.abort?.abort();
    clearInterval(this.timer);
    super.disconnectedCallback();
  }

  private async load() {
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    this.problem = null;
    try {
      const res = await api('GET', '/v3/hooks', { query: { limit: 250 }, signal: abort.signal });
      this.hooks = res.data;
      for (const [id, s] of Object.entries(this.states)) if (s.open) void this.loadEvents(Number(id));
    } catch (err) {
      if (!isAbort(err)) this.problem = err;
    }
  }

  private state(id: number): HookState {
    return this.states[id] ?? {};
  }

  private setState(id: number, change: Partial<HookState>) {
    this.states = { ...this.states, [id]: { ...this.state(id), ...change } };
  }

  private async loadEvents(id: number) {
    try {
      const res = await api('GET', '/v3/hooks/:id/events', { param: { id }, query: { limit: EVENTS_SHOWN }, signal: this.abort?.signal });
      this.setState(id, { events: res.data, eventsTotal: res.meta.pagination.total, eventsProblem: null });
    } catch (err) {
      if (!isAbort(err)) this.setState(id, { eventsProblem: err });
    }
  }

  private toggleEvents(e: Event, hook: Hook) {
    const open = (e.target as HTMLDetailsElement).open;
    if (open === Boolean(this.state(hook.id).open)) return;
    this.setState(hook.id, { open });
    if (open) void this.loadEvents(hook.id);
  }

  private replaceHook(hook: Hook) {
    this.hooks = (this.hooks ?? []).map((h) => (h.id === hook.id ? hook : h));
  }

  private async handlePause(hook: Hook) {
    const resume = !hook.is_active;
    this.setState(hook.id, { busy: true, problem: null, message: '', confirmingDelete: false });
    this.message = '';
    try {
      const res = await api('PUT', '/v3/hooks/:id', { param: { id: hook.id }, body: { is_active: resume } });
      this.replaceHook(res.data);
      this.setState(hook.id, {
        busy: false,
        message: resume
          ? 'Resumed: new events are sent to this destination again.'
          : 'Paused: changes send this hook nothing until it is resumed (they are not kept for later).',
      });
    } catch (err) {
      this.setState(hook.id, { busy: false, problem: err });
    }
    void this.focusLater(`#hook-${hook.id} .hook-toggle`);
  }

  private async handleDelete(hook: Hook) {
    this.setState(hook.id, { busy: true, problem: null });
    try {
      await api('DELETE', '/v3/hooks/:id', { param: { id: hook.id } });
      this.hooks = (this.hooks ?? []).filter((h) => h.id !== hook.id);
      const { [hook.id]: _gone, ...rest } = this.states;
      this.states = rest;
      if (this.created?.id === hook.id) this.created = null;
      this.message = `Webhook ${hookName(hook)} deleted. Nothing more is sent to it.`;
      void this.focusLater('#hooks-h');
    } catch (err) {
      this.setState(hook.id, { busy: false, problem: err });
    }
  }

  private async handleRedeliver(hook: Hook, event: HookEvent) {
    this.setState(hook.id, { eventsMessage: '', eventsProblem: null });
    try {
      const res = await api('POST', '/v3/hooks/events/:id/redeliver', { param: { id: event.id } });
      const events = (this.state(hook.id).events ?? []).map((e) => (e.id === event.id ? res.data : e));
      this.setState(hook.id, { events, eventsMessage: `Event ${event.id} is being sent again (the same webhook-id, so the receiver can tell).` });
    } catch (err) {
      this.setState(hook.id, { eventsProblem: err });
    }
  }

  private addHeaderRow() {
    const key = this.nextRow++;
    this.headerRows = [...this.headerRows, { key, name: '', value: '' }];
    void this.focusLater(`#hook-header-name-${key}`);
  }

  private removeHeaderRow(key: number) {
    this.headerRows = this.headerRows.filter((r) => r.key !== key);
    void this.focusLater('#hook-add-header');
  }

  private updateHeaderRow(key: number, field: 'name' | 'value', value: string) {
    this.headerRows = this.headerRows.map((r) => (r.key === key ? { ...r, [field]: value } : r));
  }

  private async handleCreate(e: SubmitEvent) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const v = formValues(form);
    const headers: Record<string, string> = {};
    for (const r of this.headerRows) if (r.name.trim()) headers[r.name.trim()] = r.value.trim();
    this.formProblem = null;
    this.message = '';
    this.saving = true;
    try {
      const res = await api('POST', '/v3/hooks', {
        body: {
          scope: v.scope ?? '',
          destination: v.destination ?? '',
          events_history_enabled: checked(form, 'events_history_enabled'),
          headers,
        },
      });
      const { secret: _secret, ...hook } = res.data;
      this.hooks = [...(this.hooks ?? []), hook];
      this.created = res.data;
      this.copyMessage = '';
      form.reset();
      this.headerRows = [];
      void this.focusLater('#hook-secret-h');
    } catch (err) {
      this.formProblem = err;
      void this.focusLater('#new-hook-form [aria-invalid="true"], #new-hook-form .problem');
    } finally {
      this.saving = false;
    }
  }

  private async copySecret() {
    const input = this.querySelector<HTMLInputElement>('#hook-secret');
    if (!input || !this.created) return;
    try {
      await navigator.clipboard.writeText(this.created.secret);
      this.copyMessage = 'Copied to the clipboard.';
    } catch {
      // No clipboard access (an insecure origin, a denied permission): select it for Ctrl+C.
      input.focus();
      input.select();
      this.copyMessage = 'Could not copy on its own: the secret is selected, press Ctrl+C (⌘C) to copy it.';
    }
  }

  private dismissSecret() {
    const id = this.created?.id;
    this.created = null;
    void this.focusLater(id ? `#hook-h-${id}` : '#hooks-h');
  }

  private secretPanel(): TemplateResult | typeof nothing {
    const c = this.created;
    if (!c) return nothing;
    return html`<section class="card secret-once" aria-labelledby="hook-secret-h">
      <h2 id="hook-secret-h" tabindex="-1">Webhook created: copy its signing secret now</h2>
      <p>
        <strong>You will not see this secret again.</strong> The worker keeps it encrypted and never shows it a second time. Give it to the receiver
        at <code>${c.destination}</code>: it verifies each delivery's <code>webhook-signature</code> header with it (docs/webhooks.md “Signing”). Lost it?
        Delete the hook and create a new one.
      </p>
      <div class="field">
        <label for="hook-secret">Signing secret</label>
        <div class="search-row">
          <input id="hook-secret" type="text" readonly .value=${c.secret} spellcheck="false" autocomplete="off" @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />
          <button type="button" @click=${this.copySecret}>Copy secret</button>
        </div>
      </div>
      ${this.copyMessage ? statusLine(this.copyMessage) : nothing}
      <div class="actions">
        <button type="button" class="secondary" @click=${this.dismissSecret}>I have copied it; hide the secret</button>
      </div>
    </section>`;
  }

  private stateBadge(h: Hook): TemplateResult {
    if (h.is_active) return html`<span class="badge badge-registered">Active</span>`;
    if (h.deactivated_reason) return html`<span class="badge badge-test">Turned off by the worker</span>`;
    return html`<span class="badge">Paused</span>`;
  }

  private eventsBlock(hook: Hook, s: HookState) {
    const body = (): TemplateResult | typeof nothing => {
      if (!s.open) return nothing;
      if (s.eventsProblem && !s.events) return problemBox(s.eventsProblem, 'Could not load its deliveries');
      if (!s.events) return loading('Loading its deliveries…');
      if (!s.events.length) {
        return html`<p class="empty-inline">
          No deliveries yet.${hook.events_history_enabled ? nothing : ' This hook keeps no history of delivered events, only of failing ones.'}
        </p>`;
      }
      return html`
        <div class="table-wrap">
          <table class="list deliveries">
            <caption class="visually-hidden">
              Deliveries of ${hookName(hook)}, newest first
            </caption>
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Status</th>
                <th scope="col" class="num">Attempts</th>
                <th scope="col" class="num">Last response</th>
                <th scope="col">Changed</th>
                <th scope="col">Last attempt</th>
                <th scope="col">Delivered</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              ${s.events.map((e) => {
                const st = EVENT_STATUS[e.status];
                return html`<tr id="hook-event-${e.id}">
                  <th scope="row"><code>${e.scope}</code><br /><span class="small muted">${eventSubject(e)} · event ${e.id}</span></th>
                  <td><span class="badge ${st.badge}">${st.label}</span></td>
                  <td class="num">${e.attempts}</td>
                  <td class="num">${e.last_response_code === null ? '—' : e.last_response_code === 0 ? 'no answer' : e.last_response_code}</td>
                  <td>${formatDateTime(e.created_at)}</td>
                  <td>${formatDateTime(e.last_attempt_at)}</td>
                  <td>${formatDateTime(e.delivered_at)}</td>
                  <td>
                    ${
                      e.status === 'delivered' || e.status === 'failed'
                        ? html`<button type="button" class="secondary" aria-label="Redeliver event ${e.id}" @click=${() => this.handleRedeliver(hook, e)}>
                          Redeliver
                        </button>`
                        : nothing
                    }
                  </td>
                </tr>`;
              })}
            </tbody>
          </table>
        </div>
        ${(s.eventsTotal ?? 0) > s.events.length ? html`<p class="hint">The newest ${s.events.length} of ${s.eventsTotal} deliveries (kept 30 days).</p>` : nothing}
      `;
    };
    return html`<details class="more" ?open=${s.open} @toggle=${(e: Event) => this.toggleEvents(e, hook)}>
      <summary>Deliveries</summary>
      <p class="hint">Newest first, refreshed every few seconds while shown. A delivery is retried for about two days before it counts as failed.</p>
      ${s.eventsMessage ? statusLine(s.eventsMessage) : nothing} ${s.events ? problemBox(s.eventsProblem, 'That did not work') : nothing} ${body()}
    </details>`;
  }

  private hookCard(hook: Hook) {
    const s = this.state(hook.id);
    const headerNames = Object.keys(hook.headers);
    const label = scopeLabel(hook.scope);
    return html`<section class="hook card-inner" id="hook-${hook.id}" aria-labelledby="hook-h-${hook.id}">
      <h3 id="hook-h-${hook.id}" tabindex="-1"><code>${hook.scope}</code> → <code>${hook.destination}</code></h3>
      <p class="muted small">
        ${this.stateBadge(hook)} ${label ? html`· ${label}` : nothing} · Hook ${hook.id}, created ${formatDateTime(new Date(hook.created_at * 1000).toISOString())}
        ${headerNames.length ? html`· Sends the headers ${headerNames.join(', ')}` : nothing}
      </p>
      ${
        !hook.is_active && hook.deactivated_reason
          ? html`<div class="turned-off">
            <p><strong>The worker turned this hook off.</strong> ${hook.deactivated_reason.replace(/\.$/, '')}.</p>
            <p>Changes send it nothing now. Fix the receiver, then resume the hook: new events are delivered again.</p>
          </div>`
          : nothing
      }
      ${
        hook.is_active && hook.failing_since
          ? html`<p class="warning">
            Deliveries have been failing since ${formatDateTime(hook.failing_since)}. After 48 hours of failures the worker turns the hook off.
          </p>`
          : nothing
      }
      ${problemBox(s.problem, 'The webhook was not changed')} ${s.message ? statusLine(s.message) : nothing}
      ${
        s.confirmingDelete
          ? html`<div class="confirm" role="group" aria-label="Confirm deleting the webhook ${hookName(hook)}">
            <p>Delete this webhook? Nothing more is sent to ${hook.destination}, and its deliveries history goes with it.</p>
            <button type="button" class="danger" ?disabled=${s.busy} @click=${() => this.handleDelete(hook)}>Delete webhook</button>
            <button
              type="button"
              class="secondary"
              @click=${() => {
                this.setState(hook.id, { confirmingDelete: false });
                void this.focusLater(`#hook-${hook.id} .hook-delete`);
              }}
            >
              Keep it
            </button>
          </div>`
          : html`<div class="actions">
            <button type="button" class="secondary hook-toggle" ?disabled=${s.busy} aria-label="${hook.is_active ? 'Pause' : 'Resume'} the webhook ${hookName(hook)}" @click=${() => this.handlePause(hook)}>
              ${hook.is_active ? 'Pause' : 'Resume'}
            </button>
            <button
              type="button"
              class="secondary hook-delete"
              aria-label="Delete the webhook ${hookName(hook)}"
              @click=${() => {
                this.setState(hook.id, { confirmingDelete: true, problem: null, message: '' });
                void this.focusLater(`#hook-${hook.id} .confirm button`);
              }}
            >
              Delete
            </button>
          </div>`
      }
      ${this.eventsBlock(hook, s)}
    </section>`;
  }

  private list() {
    if (this.problem) return problemBox(this.problem, 'Could not load the webhooks');
    if (!this.hooks) return loading('Loading the webhooks…');
    if (!this.hooks.length) return emptyState('No webhooks yet: nothing is told about customer changes. Add one below.');
    return html`<div class="hooks">${this.hooks.map((h) => this.hookCard(h))}</div>`;
  }

  private headerErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    const errors = this.formProblem instanceof ApiProblem ? (this.formProblem.body?.errors ?? {}) : {};
    for (const [path, msg] of Object.entries(errors)) if (path.startsWith('headers.')) out[path.slice('headers.'.length)] = msg;
    return out;
  }

  private headersFieldset(allError: string | undefined) {
    const errors = this.headerErrors();
    return html`<fieldset class="field hook-headers ${allError ? 'invalid' : ''}" aria-describedby="hook-headers-hint${allError ? ' hook-headers-error' : ''}">
      <legend>Headers sent along (optional)</legend>
      <p class="hint" id="hook-headers-hint">For the receiver's own checks, such as an API key. Not Content-Type or the webhook-* signing headers: the worker sets those.</p>
      ${allError ? html`<p class="error" id="hook-headers-error">${allError}</p>` : nothing}
      ${this.headerRows.map((r, i) => {
        const error = errors[r.name.trim()];
        const nameId = `hook-header-name-${r.key}`;
        return html`<div class="header-row">
          <div class="field ${error ? 'invalid' : ''}">
            <label for=${nameId}>Header ${i + 1} name</label>
            <input
              id=${nameId}
              type="text"
              autocomplete="off"
              spellcheck="false"
              maxlength="100"
              placeholder="X-Api-Key"
              .value=${r.name}
              aria-invalid=${error ? 'true' : 'false'}
              aria-describedby=${error ? `${nameId}-error` : nothing}
              @input=${(e: Event) => this.updateHeaderRow(r.key, 'name', (e.target as HTMLInputElement).value)}
            />
            ${error ? html`<p class="error" id="${nameId}-error">${error}</p>` : nothing}
          </div>
          <div class="field">
            <label for="hook-header-value-${r.key}">Header ${i + 1} value</label>
            <input
              id="hook-header-value-${r.key}"
              type="text"
              autocomplete="off"
              spellcheck="false"
              maxlength="1000"
              .value=${r.value}
              @input=${(e: Event) => this.updateHeaderRow(r.key, 'value', (e.target as HTMLInputElement).value)}
            />
          </div>
          <button type="button" class="secondary" aria-label="Remove header ${i + 1}" @click=${() => this.removeHeaderRow(r.key)}>Remove</button>
        </div>`;
      })}
      <button type="button" class="secondary" id="hook-add-header" ?disabled=${this.headerRows.length >= 20} @click=${this.addHeaderRow}>Add a header</button>
    </fieldset>`;
  }

  private createCard() {
    const errors = this.formProblem instanceof ApiProblem ? this.formProblem.fields : {};
    const scopeError = errors.scope;
    const allHeadersError = this.formProblem instanceof ApiProblem ? this.formProblem.body?.errors?.headers : undefined;
    return html`<section class="card" aria-labelledby="new-hook-h">
      <h2 id="new-hook-h">Add a webhook</h2>
      <form id="new-hook-form" @submit=${this.handleCreate} novalidate>
        ${problemBox(this.formProblem, 'The webhook was not added')}
        <div class="grid-2">
          <div class="field ${scopeError ? 'invalid' : ''}">
            <label for="hook-scope">Event (scope) <span class="req">(required)</span></label>
            <select
              id="hook-scope"
              name="scope"
              required
              aria-invalid=${scopeError ? 'true' : 'false'}
              aria-describedby="hook-scope-hint${scopeError ? ' hook-scope-error' : ''}"
            >
              ${SCOPE_GROUPS.map(
                (g) => html`<optgroup label=${g.label}>
                  ${g.scopes.map((s) => html`<option value=${s}>${s} — ${scopeLabel(s)}</option>`)}
                </optgroup>`,
              )}
            </select>
            <p class="hint" id="hook-scope-hint">A wildcard such as store/customer/* covers every event under it. One hook per scope; add more hooks for more.</p>
            ${scopeError ? html`<p class="error" id="hook-scope-error">${scopeError}</p>` : nothing}
          </div>
          ${textField({
            id: 'hook-destination',
            name: 'destination',
            label: 'Destination URL',
            type: 'url',
            required: true,
            inputmode: 'url',
            maxlength: 2000,
            error: errors.destination,
            hint: 'Where the worker POSTs each event: https (http only for localhost in local runs).',
          })}
        </div>
        ${this.headersFieldset(typeof allHeadersError === 'string' ? allHeadersError : undefined)}
        <label class="check"
          ><input type="checkbox" name="events_history_enabled" checked /> Keep a history of delivered events (30 days); failing ones are always kept</label
        >
        <div class="actions">
          <button type="submit" ?disabled=${this.saving}>${this.saving ? 'Adding…' : 'Add webhook'}</button>
        </div>
      </form>
    </section>`;
  }

  override render() {
    return html`
      <h1 tabindex="-1">Webhooks</h1>
      <p class="lead">
        The store's other systems (ERP, CRM, email tool) are told of every customer change: the worker POSTs a signed event, ids only, to each
        active hook listening to it, and retries until the receiver takes it.
      </p>
      ${this.secretPanel()}
      <section class="card" aria-labelledby="hooks-h">
        <h2 id="hooks-h" tabindex="-1">Hooks</h2>
        ${this.message ? statusLine(this.message) : nothing} ${this.list()}
      </section>
      ${this.createCard()}
    `;
  }
}

define('webhooks-view', WebhooksView);
