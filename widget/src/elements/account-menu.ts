// <account-menu>: for the theme's header. Signed out: a "Sign in" link to the account page; signed in:
// a button with the shopper's first name opening a small menu (account sections, sign out). A
// disclosure (button + list of links), which screen readers and keyboards handle without surprises.
import { html, nothing } from 'lit';
import { AccountElement, define } from '../account-element';
import { accountStyles, fieldStyles } from '../account-styles';
import '../i18n/en-account';
import type { Area } from '../i18n/index';

/**
 * Header sign-in state.
 *
 * @tagname account-menu
 * @summary "Sign in", or the shopper's first name with a menu.
 * @slot - Not used: the content is the element's own light DOM.
 * @csspart base - The frame.
 * @csspart status - The live region.
 * @fires account-logout - Signed out from the menu; `detail.reason` is `user`.
 * @cssprop --account-menu-background - Menu background (default: Canvas).
 * @cssprop --account-menu-color - Menu text colour (default: CanvasText).
 */
export class AccountMenu extends AccountElement {
  static override areas: Area[] = ['core', 'account'];
  static override lightStyles = [fieldStyles, accountStyles];
  static override properties = { ...AccountElement.properties, href: {}, open: { state: true } };

  /** URL of the page with `<account-portal>` (attribute `href`; default: this page). Sections are linked as `href#orders` etc. */
  declare href: string;
  /** @internal */
  declare open: boolean;

  constructor() {
    super();
    this.href = '';
    this.open = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('click', this.handleOutside);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('click', this.handleOutside);
  }

  protected override renderContent() {
    const c = this.session.customer;
    if (!c) return html`<a class="sfa-menu-signin" href="${this.href}#login">${this.t('signIn')}</a>`;
    const id = `${this.uid}-menu`;
    return html`<button
        class="sfa-button sfa-secondary"
        type="button"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls=${id}
        aria-label=${this.t('accountMenu', { name: c.first_name })}
        @click=${this.handleToggle}
        @keydown=${this.handleKeydown}
      >
        ${c.first_name}
      </button>
      <ul class="sfa-menu" id=${id} ?hidden=${!this.open} @keydown=${this.handleKeydown}>
        ${(['profile', 'addresses', 'orders', 'newsletter'] as const).map((s) => html`<li><a href="${this.href}#${s}" @click=${this.handleClose}>${this.t(s)}</a></li>`)}
        <li><button type="button" @click=${this.handleSignOut}>${this.t('signOut')}</button></li>
      </ul>
      ${nothing}`;
  }

  /** @internal */
  async handleToggle(): Promise<void> {
    this.open = !this.open;
    if (!this.open) return;
    await this.updateComplete;
    this.querySelector<HTMLElement>('.sfa-menu a')?.focus();
  }

  /** @internal */
  handleClose(): void {
    this.open = false;
  }

  /** @internal Escape closes and returns focus to the button. */
  handleKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && this.open) {
      this.open = false;
      this.querySelector<HTMLElement>('button')?.focus();
    }
  }

  /** @internal */
  handleOutside = (event: Event): void => {
    if (this.open && !event.composedPath().includes(this)) this.open = false;
  };

  /** @internal */
  async handleSignOut(): Promise<void> {
    this.open = false;
    await this.session.signOut(false, this);
  }
}

define('account-menu', AccountMenu);

declare global {
  interface HTMLElementTagNameMap {
    'account-menu': AccountMenu;
  }
}
