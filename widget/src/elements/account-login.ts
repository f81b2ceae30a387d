// <account-login>: email + password sign-in, show/hide password, forgot password (request a link, then
// set a new password from the emailed `#reset-password=<token>` link), sign-in with an emailed code
// ("Email me a code", the `#email-code=<code>&email=<email>` link, and the code step when a store that
// requires confirmed emails answers `email_unverified`; email-code.ts, on demand), and a way to sign up.
// Passkeys (passkey.ts, on demand, also its signed-in view): "Sign in with a passkey", passkey autofill
// (the email field's `webauthn` token, `autofill`), the one-time offer to create a passkey.
import { html } from 'lit';
import { call, type ApiError } from '../api';
import { AccountElement, define } from '../account-element';
import { AccountLoginEvent } from '../events';
import { input, looksLikeEmail } from '../fields';
import { kit } from '../kit';
import type { FieldCode } from '../../../worker/src/shared/error-codes';
import { offerOidc } from '../oidc-hook';
import { offerPasskeys } from '../passkey-hook';

export type Mode = 'login' | 'forgot' | 'sent' | 'reset';

const RESET_HASH = /^#reset-password=([\w.~-]+)$/;

/** The forgot-password views, loaded on first use (login-reset.ts). */
let resetView: ReturnType<typeof import('../login-reset').default> | undefined;

/**
 * Sign-in form. Renders in the light DOM so password managers fill it (`autocomplete="username"` and
 * `current-password`) and the theme's input and button styles apply.
 *
 * @tagname account-login
 * @summary Email and password sign-in with password reset.
 * @slot - Not used: the form is rendered as the element's own light-DOM content.
 * @csspart base - The frame around the form.
 * @csspart status - The live region announcing success messages.
 * @fires account-login - Signed in (password, emailed code or passkey); `detail.customer` is the shopper.
 * @fires account-change - `detail.kind` `password-reset`: a new password was set from a reset link; `email-verified`: an `#email-code` link confirmed the email of the signed-in shopper; `passkey-added`: a passkey was created from the offer after a password or code sign-in.
 * @fires account-error - An API call failed; `detail` is the server's error shape.
 * @fires account-logout - Signed out from the signed-in view; `detail.reason` is `user`.
 * @cssprop --account-accent - Button colour (default: the text colour).
 * @cssprop --account-danger - Error colour.
 */
export class AccountLogin extends AccountElement {
  static override properties = {
    ...AccountElement.properties,
    signupUrl: { attribute: 'signup-url' },
    mode: { state: true },
    reveal: { state: true },
  };

  /** Where "Create an account" leads (attribute `signup-url`; default `#signup`, which `<account-portal>` understands). */
  declare signupUrl: string;
  /** @internal */
  declare mode: Mode;
  /** @internal The password is shown as text. */
  declare reveal: boolean;
  /** @internal */
  email = '';
  /** @internal */
  resetToken = '';
  /** @internal ' webauthn' while passkey autofill runs (the email field's autocomplete token, passkey.ts). */
  declare autofill?: string;

  constructor() {
    super();
    this.signupUrl = '#signup';
    this.mode = 'login';
    this.reveal = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('hashchange', this.handleHashChange);
    this.handleHashChange();
    void offerOidc(this);
    void offerPasskeys(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('hashchange', this.handleHashChange);
  }

  /** @internal Opens the reset form for a `#reset-password=<token>` link, also when only the hash changed. */
  handleHashChange = (): void => {
    const m = RESET_HASH.exec(location.hash);
    if (m) {
      this.resetToken = m[1]!;
      this.mode = 'reset'; // blank, not the log-in form, until the reset view has loaded
      void this.switchTo('reset', false);
    } else if (location.hash.startsWith('#email-code=')) void this.withCode((v) => v.link(this));
  };

  // Signed in: the passkey views' signed-in view (with the offer to create a passkey), once loaded.
  protected override renderContent() {
    return this.mode !== 'login' ? resetView?.(this) : this.session.isSignedIn ? this.passkey?.() : this.renderLogin();
  }

  /** @internal */
  passwordToggle() {
    return html`<button class="sfa-button sfa-secondary" type="button" aria-pressed=${this.reveal ? 'true' : 'false'} @click=${this.handleReveal}>${this.t('show')}</button>`;
  }

  private renderLogin() {
    return html`<h2 tabindex="-1">${this.t('signIn')}</h2>
      <form method="post" novalidate aria-label=${this.t('signIn')} @submit=${this.handleSubmit}>
        ${this.renderAlert()}
        ${input(this, { name: 'email', type: 'email', label: this.t('email'), autocomplete: `username${this.autofill ?? ''}`, required: true, value: this.email, inputmode: 'email' })}
        ${input(this, {
          name: 'password',
          type: this.reveal ? 'text' : 'password',
          label: this.t('password'),
          autocomplete: 'current-password',
          required: true,
          after: this.passwordToggle(),
        })}
        <div class="sfa-actions">
          <button class="sfa-button" type="submit" ?disabled=${this.busy}>${this.t('signIn')}</button>
          <button class="sfa-link" type="button" @click=${this.handleForgot}>${this.t('forgot')}</button><button class="sfa-link" type="button" @click=${this.handleCode}>${this.t('emailCode')}</button>
        </div>
      </form>
      ${this.passkey?.()}${this.oidc?.()}
      <p>${this.t('noAccount')} <a href=${this.signupUrl}>${this.t('createAccount')}</a></p>`;
  }

  /** @internal */
  handleReveal(): void {
    this.reveal = !this.reveal;
  }

  /** @internal */
  handleForgot(): void {
    this.email = this.querySelector<HTMLInputElement>('input[name=email]')?.value ?? this.email;
    // Through run(): if the forgot-password chunk cannot load (offline, a deploy swapped chunks), the shopper sees why.
    void this.run(() => this.switchTo('forgot'));
  }

  /** @internal "Email me a code": the code sign-in (email-code.ts, loaded now), with the email typed so far. */
  handleCode(): void {
    void this.withCode((v) => v.signIn(this));
  }

  /** @internal Opens a view (loading the forgot-password views first), optionally with an alert, and focuses its first input. */
  async switchTo(mode: Mode, focus = true, alert?: 'e_password_reset_required'): Promise<void> {
    if (mode !== 'login') {
      resetView ??= (await import('../login-reset')).default(kit);
      await this.need('reset');
    }
    this.mode = mode;
    this.errors = {};
    this.alert = alert ? this.t(alert) : '';
    this.reveal = false;
    if (!focus) return;
    await this.updateComplete;
    (this.querySelector<HTMLElement>('form input') ?? this.querySelector<HTMLElement>('h2'))?.focus();
  }

  /** @internal */
  async handleSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const email = (form.elements.namedItem('email') as HTMLInputElement).value.trim();
    const password = (form.elements.namedItem('password') as HTMLInputElement).value;
    this.email = email;
    const errors: Record<string, FieldCode> = {};
    if (!looksLikeEmail(email)) errors.email = email ? 'invalid_email' : 'required';
    if (!password) errors.password = 'required';
    if (!this.check(errors)) return;
    const res = await this.run(() => call(this.session.client.session.$post({ json: { email, password } })));
    if (!res) return;
    this.session.signedIn(res, res.customer);
    this.dispatchEvent(new AccountLoginEvent({ customer: res.customer }));
  }

  protected override messageFor(e: ApiError): string {
    if (e.code === 'password_reset_required') {
      this.errors = {};
      void this.switchTo('forgot', true, 'e_password_reset_required'); // shown once the view and its texts are loaded
      return '';
    }
    // The right password, but the store wants the email confirmed first: a code is on its way.
    if (e.code === 'email_unverified') {
      void this.withCode((v) => v.signIn(this, 1));
      return '';
    }
    // The token has no input of its own: the alert says it, the view offers a new link (errors.token).
    if (e.code === 'reset_token_invalid') return this.codeText('e_reset_token_invalid', 'failed');
    return super.messageFor(e);
  }
}

define('account-login', AccountLogin);

declare global {
  interface HTMLElementTagNameMap {
    'account-login': AccountLogin;
  }
}
