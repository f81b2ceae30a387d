// <account-portal>: the whole account area on one page. Signed out: log in or sign up; signed in:
// profile, addresses, orders, newsletter. The open section lives in the URL hash (#login, #signup,
// #profile, #addresses, #orders, #newsletter; #reset-password=… opens the reset form), so links,
// reloads and the back button work.
import { html } from 'lit';
import { AccountElement, define } from '../account-element';
import { accountStyles, fieldStyles } from '../account-styles';
import '../i18n/en-account';
import type { Area, MessageKey } from '../i18n/index';
import './account-addresses';
import './account-login';
import './account-newsletter';
import './account-orders';
import './account-profile';
import './account-signup';

const SIGNED_IN = ['profile', 'addresses', 'orders', 'newsletter'] as const;
type Section = (typeof SIGNED_IN)[number] | 'login' | 'signup';

/**
 * The account area: every other element, one section at a time.
 *
 * @tagname account-portal
 * @summary Log in / sign up when signed out; profile, addresses, orders and newsletter when signed in.
 * @slot - Not used: the sections are the element's own light DOM.
 * @csspart base - The frame.
 * @csspart status - The live region.
 * @fires account-login - From the log-in section.
 * @fires account-signup - From the sign-up section.
 * @fires account-logout - From the profile section.
 * @fires account-change - From the sections.
 * @fires account-error - From the sections.
 */
export class AccountPortal extends AccountElement {
  static override areas: Area[] = ['core', 'account'];
  static override lightStyles = [fieldStyles, accountStyles];
  static override properties = { ...AccountElement.properties, section: { state: true } };

  /** @internal The open section, from the URL hash. */
  declare section: Section | null;

  constructor() {
    super();
    this.section = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('hashchange', this.handleHashChange);
    this.handleHashChange();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('hashchange', this.handleHashChange);
  }

  /** @internal */
  handleHashChange = (): void => {
    const hash = location.hash.slice(1);
    const next = ([...SIGNED_IN, 'login', 'signup'] as string[]).includes(hash)
      ? (hash as Section)
      : hash.startsWith('reset-password=')
        ? 'login'
        : null;
    const moved = this.section !== null && next !== this.section;
    this.section = next;
    if (!moved) return;
    // Move focus to the new section's heading once it is rendered, as a page change would.
    void this.updateComplete.then(() => this.querySelector<HTMLElement>('.sfa-section h2')?.focus());
  };

  // Signed in from the log-in or sign-up section: open the profile, without a history entry.
  protected override sessionChanged(): void {
    if (this.session.isSignedIn && (this.section === 'login' || this.section === 'signup')) {
      history.replaceState(history.state, '', '#profile');
      this.section = 'profile';
    }
  }

  protected override renderContent() {
    const state = this.session.state;
    if (state === 'unknown')
      return html`<div class="sfa-skeleton" aria-busy="true"><span class="sfa-visually-hidden">${this.t('loading')}</span></div>`;
    if (state === 'signed-out') {
      return html`<div class="sfa-section">${this.section === 'signup' ? html`<account-signup login-url="#login"></account-signup>` : html`<account-login signup-url="#signup"></account-login>`}</div>`;
    }
    const current = SIGNED_IN.includes(this.section as never) ? (this.section as (typeof SIGNED_IN)[number]) : 'profile';
    return html`<nav aria-label=${this.t('account')}>
        <ul class="sfa-nav">
          ${SIGNED_IN.map((s) => html`<li><a href="#${s}" aria-current=${s === current ? 'page' : 'false'}>${this.t(s as MessageKey)}</a></li>`)}
        </ul>
      </nav>
      <div class="sfa-section">
        ${
          current === 'profile'
            ? html`<account-profile></account-profile>`
            : current === 'addresses'
              ? html`<account-addresses></account-addresses>`
              : current === 'orders'
                ? html`<account-orders></account-orders>`
                : html`<account-newsletter></account-newsletter>`
        }
      </div>`;
  }
}

define('account-portal', AccountPortal);

declare global {
  interface HTMLElementTagNameMap {
    'account-portal': AccountPortal;
  }
}
