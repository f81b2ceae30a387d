// <account-profile>: the shopper's details (name, phone, company, custom fields) with an edit form, password
// change, sign out (this device / everywhere) and account deletion behind a confirmation dialog; whether
// the email is confirmed, confirming it and changing it with a code sent to the new address (email-code.ts,
// on demand; also the `#email-change=<code>` link); the shopper's passkeys (passkey.ts, on demand).
import { html, nothing } from 'lit';
import { call } from '../api';
import { AccountElement, define } from '../account-element';
import { accountStyles, fieldStyles } from '../account-styles';
import { AccountChangeEvent } from '../events';
import { customField, customFieldText, formFields, readCustomFields } from '../custom-fields';
import { input, passwordShapeCode } from '../fields';
import '../i18n/en-account';
import '../i18n/en-forms';
import { offerOidc } from '../oidc-hook';
import { offerPasskeys } from '../passkey-hook';
import { type Area, catalogOf } from '../i18n/index';
import type { Customer, EmailState, FormFieldDefinition } from '../types';
import type { FieldCode } from '../../../worker/src/shared/error-codes';

type View = 'show' | 'edit' | 'password';

/**
 * The signed-in shopper's profile. Shows nothing but a short notice when signed out.
 *
 * @tagname account-profile
 * @summary View and edit the profile, change the password, sign out everywhere, delete the account.
 * @slot - Not used: the content is the element's own light DOM.
 * @csspart base - The frame.
 * @csspart status - The live region announcing saved changes.
 * @fires account-change - `detail.kind` is `profile` (with `detail.data` the updated customer), `password`, `identity-linked` / `identity-unlinked` (`detail.data.provider`), `email-verified`, `email-change-requested` / `email-changed` (`detail.data` the customer), `passkey-added` / `passkey-renamed` (`detail.data` the passkey), `passkey-removed` (`detail.data.id`).
 * @fires account-logout - `detail.reason` is `user`, `everywhere` or `deleted`.
 * @fires account-error - An API call failed; `detail` is the server's error shape.
 */
export class AccountProfile extends AccountElement {
  static override areas: Area[] = ['core', 'forms', 'account'];
  static override lightStyles = [fieldStyles, accountStyles];
  static override properties = { ...AccountElement.properties, view: { state: true }, fields: { state: true } };

  /** @internal */
  declare view: View;
  /** @internal */
  declare fields: FormFieldDefinition[] | null;

  constructor() {
    super();
    this.view = 'show';
    this.fields = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    formFields(this.session).then(
      (f) => (this.fields = f.customer),
      () => (this.fields = []),
    );
    void offerOidc(this, true).then((sync) => (this.syncIdentities = sync));
    void offerPasskeys(this);
    this.handleLink();
  }

  private syncIdentities?: () => void;

  // A different shopper (or none): the linked identities are reloaded.
  protected override sessionChanged(): void {
    this.syncIdentities?.();
    this.handleLink();
  }

  /** @internal The mail links of a signed-in shopper: `#email-change=<code>`, `#email-code=<code>&email=…`. */
  handleLink(): void {
    if (this.session.customer && /^#email-(code|change)=/.test(location.hash)) void this.withCode((v) => v.link(this));
  }

  private value(c: Customer, name: string) {
    return c.form_fields.find((f) => f.name === name)?.value;
  }

  protected override renderContent() {
    const c = this.session.customer;
    if (!c) return html`<div class="sfa-skeleton" aria-busy=${this.session.state === 'unknown'}></div>`;
    return html`<h2 tabindex="-1">${this.t('profile')}</h2>
      ${this.renderAlert()}
      ${this.view === 'edit' ? this.renderEdit(c) : this.view === 'password' ? this.renderPassword(c) : this.renderShow(c)}
      <dialog aria-labelledby="${this.uid}-del-title" @close=${this.handleDialogClose}>
        <form method="dialog" novalidate @submit=${this.handleDelete}>
          <h3 id="${this.uid}-del-title">${this.t('deleteAccount')}</h3>
          <p>${this.t('deleteConfirm')}</p>
          <input type="email" name="username" autocomplete="username" value=${c.email} hidden readonly />
          ${c.has_password ? input(this, { name: 'delete_password', type: 'password', label: this.t('currentPassword'), autocomplete: 'current-password', required: true }) : nothing}
          <div class="sfa-actions">
            <button class="sfa-button sfa-danger" type="submit" ?disabled=${this.busy}>${this.t('deleteAccount')}</button>
            <button class="sfa-button sfa-secondary" type="button" @click=${this.handleCancelDelete}>${this.t('cancel')}</button>
          </div>
        </form>
      </dialog>`;
  }

  private renderShow(c: Customer) {
    const row = (label: string, value: unknown) => html`<dt>${label}</dt><dd>${Array.isArray(value) ? value.join(', ') : value || '—'}</dd>`;
    return html`<dl class="sfa-card">
        ${row(this.t('firstName'), c.first_name)} ${row(this.t('lastName'), c.last_name)} ${row(
          this.t('email'),
          html`${c.email}
          ${
            (c as EmailState).email_verified
              ? html`<span class="sfa-badge">${this.t('verified')}</span>`
              : html`<button class="sfa-link" type="button" @click=${() => this.withCode((v) => v.verify(this))}>${this.t('verify')}</button>`
          }`,
        )} ${row(this.t('phone'), c.phone)} ${row(this.t('company'), c.company)}
        ${(this.fields ?? []).map((def) => row(def.label, this.value(c, def.name)))}
      </dl>
      <div class="sfa-actions">
        <button class="sfa-button" type="button" @click=${() => this.show('edit')}>${this.t('edit')}</button>
        <button class="sfa-button sfa-secondary" type="button" @click=${() => this.withCode((v) => v.changeEmail(this))}>${this.t('changeEmail')}</button>
        ${c.has_password ? html`<button class="sfa-button sfa-secondary" type="button" @click=${() => this.show('password')}>${this.t('changePassword')}</button>` : nothing}
        <button class="sfa-button sfa-secondary" type="button" @click=${this.handleSignOut}>${this.t('signOut')}</button>
        <button class="sfa-button sfa-secondary" type="button" @click=${this.handleSignOutEverywhere}>${this.t('signOutEverywhere')}</button>
        <button class="sfa-button sfa-danger" type="button" @click=${this.handleAskDelete}>${this.t('deleteAccount')}</button>
      </div>
      ${this.oidc?.()}${this.passkey?.()}`;
  }

  private renderEdit(c: Customer) {
    return html`<form method="post" novalidate aria-label=${this.t('profile')} @submit=${this.handleSave}>
      <div class="sfa-row">
        ${input(this, { name: 'first_name', label: this.t('firstName'), autocomplete: 'given-name', required: true, value: c.first_name, maxlength: 100 })}
        ${input(this, { name: 'last_name', label: this.t('lastName'), autocomplete: 'family-name', required: true, value: c.last_name, maxlength: 100 })}
      </div>
      ${input(this, { name: 'phone', type: 'tel', label: this.t('phone'), autocomplete: 'tel', value: c.phone, maxlength: 50 })}
      ${input(this, { name: 'company', label: this.t('company'), autocomplete: 'organization', value: c.company, maxlength: 255 })}
      ${(this.fields ?? []).map((def) => customField(this, def, this.value(c, def.name)))}
      <div class="sfa-actions">
        <button class="sfa-button" type="submit" ?disabled=${this.busy}>${this.t('save')}</button>
        <button class="sfa-button sfa-secondary" type="button" @click=${() => this.show('show')}>${this.t('cancel')}</button>
      </div>
    </form>`;
  }

  private renderPassword(c: Customer) {
    return html`<form method="post" novalidate aria-label=${this.t('changePassword')} @submit=${this.handlePassword}>
      <input type="email" name="username" autocomplete="username" value=${c.email} hidden readonly />
      ${input(this, { name: 'current_password', type: 'password', label: this.t('currentPassword'), autocomplete: 'current-password', required: true })}
      ${input(this, { name: 'new_password', type: 'password', label: this.t('newPassword'), autocomplete: 'new-password', required: true, hint: this.t('ruleLength') })}
      <div class="sfa-actions">
        <button class="sfa-button" type="submit" ?disabled=${this.busy}>${this.t('changePassword')}</button>
        <button class="sfa-button sfa-secondary" type="button" @click=${() => this.show('show')}>${this.t('cancel')}</button>
      </div>
    </form>`;
  }

  private async show(view: View): Promise<void> {
    this.view = view;
    this.errors = {};
    this.alert = '';
    await this.updateComplete;
    (this.querySelector<HTMLElement>('form:not([method=dialog]) input:not([hidden])') ?? this.querySelector<HTMLElement>('h2'))?.focus();
  }

  /** @internal */
  async handleSave(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const text = (n: string) => String(data.get(n) ?? '').trim();
    const custom = readCustomFields(form, this.fields ?? [], true);
    const errors: Record<string, FieldCode> = { ...custom.errors };
    for (const n of ['first_name', 'last_name']) if (!text(n)) errors[n] = 'required';
    if (!this.check(errors)) return;
    const res = await this.run(() =>
      call(
        this.session.client.customer.$patch({
          json: {
            first_name: text('first_name'),
            last_name: text('last_name'),
            phone: text('phone'),
            company: text('company'),
            form_fields: custom.values,
          },
        }),
      ),
    );
    if (!res) return;
    this.session.updateCustomer(res.customer);
    this.dispatchEvent(new AccountChangeEvent({ kind: 'profile', data: res.customer }));
    await this.show('show');
    this.announce(this.t('saved'));
  }

  /** @internal */
  async handlePassword(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const current = (form.elements.namedItem('current_password') as HTMLInputElement).value;
    const next = (form.elements.namedItem('new_password') as HTMLInputElement).value;
    const errors: Record<string, FieldCode> = {};
    if (!current) errors.current_password = 'required';
    const problem = passwordShapeCode(next, this.session.customer?.email ?? '');
    if (problem) errors.new_password = problem;
    if (!this.check(errors)) return;
    const tokens = await this.run(() =>
      call(
        this.session.client.customer.password.$post({
          json: { current_password: current, new_password: next, locale: catalogOf(this.language) as 'en' },
        }),
      ),
    );
    if (!tokens) return;
    // Every other session ended on the server; this device continues with the fresh tokens.
    this.session.signedIn(tokens, this.session.customer!);
    this.dispatchEvent(new AccountChangeEvent({ kind: 'password' }));
    await this.show('show');
    this.announce(this.t('passwordChanged'));
  }

  override fieldText(name: string, code: string | undefined): string {
    return customFieldText(this, this.fields, name, code);
  }

  /** @internal */
  async handleSignOut(): Promise<void> {
    await this.session.signOut(false, this);
  }

  /** @internal */
  async handleSignOutEverywhere(): Promise<void> {
    await this.session.signOut(true, this);
  }

  /** @internal */
  handleAskDelete(): void {
    this.errors = {};
    this.querySelector('dialog')?.showModal();
  }

  /** @internal */
  handleCancelDelete(): void {
    this.querySelector('dialog')?.close();
  }

  /** @internal */
  handleDialogClose(): void {
    this.querySelector<HTMLElement>('.sfa-danger')?.focus();
  }

  /** @internal */
  async handleDelete(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    // A customer who only signs in through a provider has no password to confirm with.
    const field = (event.currentTarget as HTMLFormElement).querySelector<HTMLInputElement>('input[name=delete_password]');
    const password = field?.value;
    if (field && !this.check(password ? {} : { delete_password: 'required' })) return;
    const done = await this.run(
      () => call(this.session.client.customer.$delete({ json: field ? { current_password: password } : {} })).then(() => true),
      (key) => (key === 'current_password' ? 'delete_password' : key),
    );
    if (!done) return;
    this.querySelector('dialog')?.close();
    this.session.end('deleted', true, this);
  }
}

define('account-profile', AccountProfile);

declare global {
  interface HTMLElementTagNameMap {
    'account-profile': AccountProfile;
  }
}
