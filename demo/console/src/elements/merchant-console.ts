// <merchant-console>: the console's frame — the local-demo notice, the admin token field, navigation,
// and a hash router (`#/customers/12`) that shows one view at a time and moves focus to its heading.
import { html, nothing, type TemplateResult } from 'lit';
import { currentToken, DEV_TOKEN, saveToken } from '../api';
import { ConsoleView, define } from '../base';

export interface Route {
  name:
    | 'customers'
    | 'customer-new'
    | 'customer'
    | 'customer-orders'
    | 'order'
    | 'guest-orders'
    | 'subscribers'
    | 'groups'
    | 'form-fields'
    | 'settings'
    | 'webhooks'
    | 'not-found';
  id?: number;
  params: URLSearchParams;
}

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '') || '/customers';
  const [path = '', query = ''] = raw.split('?');
  const params = new URLSearchParams(query);
  const parts = path.split('/').filter(Boolean);
  const id = parts[1] && /^\d+$/.test(parts[1]) ? Number(parts[1]) : undefined;
  if (parts[0] === 'customers' && parts.length === 1) return { name: 'customers', params };
  if (parts[0] === 'customers' && parts[1] === 'new' && parts.length === 2) return { name: 'customer-new', params };
  if (parts[0] === 'customers' && id && parts.length === 2) return { name: 'customer', id, params };
  if (parts[0] === 'customers' && id && parts[2] === 'orders') return { name: 'customer-orders', id, params };
  if (parts[0] === 'orders' && id) return { name: 'order', id, params };
  if (parts[0] === 'guest-orders') return { name: 'guest-orders', params };
  if (parts[0] === 'subscribers') return { name: 'subscribers', params };
  if (parts[0] === 'groups') return { name: 'groups', params };
  if (parts[0] === 'form-fields') return { name: 'form-fields', params };
  if (parts[0] === 'settings') return { name: 'settings', params };
  if (parts[0] === 'webhooks') return { name: 'webhooks', params };
  return { name: 'not-found', params };
}

const NAV: { href: string; label: string; match: Route['name'][] }[] = [
  { href: '#/customers', label: 'Customers', match: ['customers', 'customer-new', 'customer', 'customer-orders'] },
  { href: '#/guest-orders', label: 'Guest orders', match: ['guest-orders', 'order'] },
  { href: '#/subscribers', label: 'Subscribers', match: ['subscribers'] },
  { href: '#/groups', label: 'Customer groups', match: ['groups'] },
  { href: '#/form-fields', label: 'Sign-up fields', match: ['form-fields'] },
  { href: '#/webhooks', label: 'Webhooks', match: ['webhooks'] },
  { href: '#/settings', label: 'Settings', match: ['settings'] },
];

/**
 * The merchant console (local demo). Renders in the light DOM; styled by console.css.
 */
export class MerchantConsole extends ConsoleView {
  static override properties = {
    route: { state: true },
    token: { state: true },
    tokenSaved: { state: true },
    revision: { state: true },
  };

  /** @internal */
  declare route: Route;
  /** @internal */
  declare token: string;
  /** @internal */
  declare tokenSaved: string;
  /** @internal Bumped when the token changes, so the view reloads with it. */
  declare revision: number;
  private navigated = false;

  constructor() {
    super();
    this.route = parseRoute(location.hash);
    this.token = currentToken();
    this.tokenSaved = '';
    this.revision = 0;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.handleHashChange);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('hashchange', this.handleHashChange);
    super.disconnectedCallback();
  }

  private handleHashChange = () => {
    this.route = parseRoute(location.hash);
    this.navigated = true;
  };

  // Lit's updated() is synchronous: the focus move waits for the new view's first render on its own.
  protected override updated(): void {
    if (!this.navigated) return;
    this.navigated = false;
    void this.focusNewView();
  }

  private async focusNewView(): Promise<void> {
    const view = this.querySelector<ConsoleView>('main > *');
    await view?.updateComplete;
    view?.focusHeading();
    window.scrollTo(0, 0);
  }

  private handleToken(e: SubmitEvent) {
    e.preventDefault();
    const input = (e.target as HTMLFormElement).elements.namedItem('token') as HTMLInputElement;
    this.token = input.value.trim() || DEV_TOKEN;
    saveToken(this.token);
    this.tokenSaved = 'Token saved for this browser tab. The view reloaded with it.';
    this.route = parseRoute(location.hash); // views may have replaced the hash (search as you type)
    this.revision += 1;
  }

  private view(): TemplateResult {
    const r = this.route;
    const rev = this.revision;
    switch (r.name) {
      case 'customers':
        return html`<customer-search .q=${r.params.get('q') ?? ''} .page=${Number(r.params.get('page')) || 1} .revision=${rev}></customer-search>`;
      case 'customer-new':
        return html`<customer-new .revision=${rev}></customer-new>`;
      case 'customer':
        return html`<customer-detail .customerId=${r.id!} .revision=${rev}></customer-detail>`;
      case 'customer-orders':
        return html`<customer-orders .customerId=${r.id!} .page=${Number(r.params.get('page')) || 1} .revision=${rev}></customer-orders>`;
      case 'order':
        return html`<order-detail .orderId=${r.id!} .revision=${rev}></order-detail>`;
      case 'guest-orders':
        return html`<guest-orders .page=${Number(r.params.get('page')) || 1} .revision=${rev}></guest-orders>`;
      case 'subscribers':
        return html`<subscribers-view .page=${Number(r.params.get('page')) || 1} .revision=${rev}></subscribers-view>`;
      case 'groups':
        return html`<groups-view .revision=${rev}></groups-view>`;
      case 'form-fields':
        return html`<form-fields-view .revision=${rev}></form-fields-view>`;
      case 'settings':
        return html`<settings-view .revision=${rev}></settings-view>`;
      case 'webhooks':
        return html`<webhooks-view .revision=${rev}></webhooks-view>`;
      default:
        return html`<not-found-view></not-found-view>`;
    }
  }

  override render() {
    const active = NAV.find((n) => n.match.includes(this.route.name));
    document.title = `${active?.label ?? 'Merchant console'} · Merchant console (local demo)`;
    return html`
      <a class="skip" href="#main" @click=${(e: Event) => {
        e.preventDefault();
        this.querySelector<HTMLElement>('main h1')?.focus();
      }}>Skip to content</a>
      <header class="site">
        <div class="bar">
          <p class="brand"><span aria-hidden="true">◆</span> Storefront Accounts <span class="muted">· Merchant console</span></p>
          <p class="demo-flag">Local demo console</p>
        </div>
        <div class="notice" role="note">
          <p>
            <strong>This is a local demo console.</strong> It calls this worker's admin API on the same origin with the
            admin token below, kept only in this browser tab (sessionStorage). It has no sign-in of its own: never deploy
            it with a real token.
          </p>
          <form class="token" @submit=${this.handleToken}>
            <label for="admin-token">Admin API token</label>
            <input id="admin-token" name="token" type="text" .value=${this.token} autocomplete="off" spellcheck="false" aria-describedby="admin-token-hint" />
            <button type="submit" class="secondary">Use token</button>
            <p class="hint" id="admin-token-hint">Prefilled with the documented local token <code>${DEV_TOKEN}</code>.</p>
            ${this.tokenSaved ? html`<p class="status" role="status">${this.tokenSaved}</p>` : nothing}
          </form>
        </div>
        <nav aria-label="Console sections">
          <ul>
            ${NAV.map((n) => html`<li><a href=${n.href} aria-current=${n === active ? 'page' : nothing}>${n.label}</a></li>`)}
          </ul>
        </nav>
      </header>
      <main id="main">${this.view()}</main>
      <footer class="site">
        <p>Storefront Accounts demo · <a href="/">Demo storefront</a> · Admin API reference in docs/admin-api.md</p>
      </footer>
    `;
  }
}

/** Unknown `#/…` paths. */
export class NotFoundView extends ConsoleView {
  override render() {
    return html`<h1 tabindex="-1">Page not found</h1>
      <p>There is no console page at this address. <a href="#/customers">Go to customers</a>.</p>`;
  }
}

define('merchant-console', MerchantConsole);
define('not-found-view', NotFoundView);
