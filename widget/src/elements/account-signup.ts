// <account-signup>: creates an account with the built-in fields, the store's custom fields (rendered
// from GET /storefront/form-fields, every type), newsletter consent and live password rules; checks
// everything with the server's rules first and shows server errors on their fields. Then the code step:
// the 6-digit code mailed to the new address (email-code.ts, loaded on demand). Where the store allows
// sign-up without a password (`sign_up.passkey` of GET /storefront/form-fields), the passkey views
// (passkey.ts, on demand) add "Sign up with a passkey": the same form sent without the password, the
// code step, then the browser's passkey dialog.
import { html, nothing } from 'lit';
import { call } from '../api';
import { AccountElement, define } from '../account-element';
import { fieldStyles } from '../account-styles';
import { AccountSignupEvent } from '../events';
import { customField, customFieldText, formFields, readCustomFields } from '../custom-fields';
import { input, looksLikeEmail, passwordIsEmail, passwordShapeCode } from '../fields';
import '../i18n/en-forms';
import { offerOidc } from '../oidc-hook';
import { offerPasskeys } from '../passkey-hook';
import { type Area, catalogOf } from '../i18n/index';
import type { Customer, FormFieldDefinition } from '../types';
import type { FieldCode } from '../../../worker/src/shared/error-codes';

/**
 * Sign-up form, rendered in the light DOM so password managers offer to save the new password
 * (`autocomplete="email"` and `new-password`).
 *
 * @tagname account-signup
 * @summary Create an account, with the store's custom fields.
 * @slot - Not used: the form is the element's own light-DOM content.
 * @csspart base - The frame around the form.
 * @csspart status - The live region.
 * @fires account-signup - The account was created and the shopper is signed in (after the code step: code confirmed, or "Later"); `detail.customer`.
 * @fires account-change - `detail.kind` `email-verified`: the emailed code was confirmed.
 * @fires account-error - An API call failed; `detail` is the server's error shape.
 */
export class AccountSignup extends AccountElement {
  static override areas: Area[] = ['core', 'forms'];
  static override lightStyles = [fieldStyles];
  static override properties = {
    ...AccountElement.properties,
    loginUrl: { attribute: 'login-url' },
    hideNewsletter: { type: Boolean, attribute: 'hide-newsletter' },
    fields: { state: true },
    password: { state: true },
    email: { state: true },
  };

  /** Where "Sign in" leads (attribute `login-url`; default `#login`). */
  declare loginUrl: string;
  /** Leave out the newsletter opt-in checkbox (attribute `hide-newsletter`). */
  declare hideNewsletter: boolean;
  /** @internal The store's custom sign-up fields (null while loading). */
  declare fields: FormFieldDefinition[] | null;
  /** @internal */
  declare password: string;
  /** @internal */
  declare email: string;

  constructor() {
    super();
    this.loginUrl = '#login';
    this.hideNewsletter = false;
    this.fields = null;
    this.password = '';
    this.email = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    formFields(this.session).then(
      (f) => {
        this.fields = f.customer;
        if (f.sign_up?.passkey) void offerPasskeys(this);
      },
      (err) => {
        this.fields = [];
        this.fail(err);
      },
    );
    void offerOidc(this);
  }

  protected override renderContent() {
    const rule = (met: boolean, text: string) =>
      html`<li data-met=${met}>${text} <span class="sfa-visually-hidden">(${this.t(met ? 'met' : 'notMet')})</span></li>`;
    return html`<h2 tabindex="-1">${this.t('createAccount')}</h2>
      <form method="post" novalidate aria-label=${this.t('createAccount')} @submit=${this.handleSubmit}>
        ${this.renderAlert()}
        <div class="sfa-row">
          ${input(this, { name: 'first_name', label: this.t('firstName'), autocomplete: 'given-name', required: true, maxlength: 100 })}
          ${input(this, { name: 'last_name', label: this.t('lastName'), autocomplete: 'family-name', required: true, maxlength: 100 })}
        </div>
        ${input(this, { name: 'email', type: 'email', label: this.t('email'), autocomplete: 'email', required: true, inputmode: 'email' })}
        ${input(this, {
          name: 'password',
          type: 'password',
          label: this.t('password'),
          autocomplete: 'new-password',
          required: true,
          hint: html`<ul class="sfa-rules" aria-label=${this.t('passwordRules')}>${rule(!passwordShapeCode(this.password), this.t('ruleLength'))}${rule(!passwordIsEmail(this.password, this.email.trim()), this.t('ruleNotEmail'))}</ul>`,
        })}
        ${input(this, { name: 'phone', type: 'tel', label: this.t('phone'), autocomplete: 'tel', maxlength: 50 })}
        ${this.fields ? this.fields.map((def) => customField(this, def)) : html`<div class="sfa-skeleton" aria-busy="true"></div>`}
        ${
          !this.hideNewsletter
            ? html`<label class="sfa-check"><input type="checkbox" name="marketing_newsletter" />${this.t('newsletterOptIn')}</label>`
            : nothing
        }
        <div class="sfa-actions"><button class="sfa-button" type="submit" ?disabled=${this.busy || !this.fields}>${this.t('signUp')}</button>${this.passkey?.()}</div>
      </form>
      ${this.oidc?.()}
      <p>${this.t('haveAccount')} <a href=${this.loginUrl}>${this.t('signIn')}</a></p>`;
  }

  override handleFieldInput(event: Event): void {
    super.handleFieldInput(event);
    const target = event.target as HTMLInputElement;
    if (target.name === 'password') this.password = target.value;
    if (target.name === 'email') this.email = target.value;
  }

  /** @internal */
  async handleSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    // "Sign up with a passkey" (passkey.ts) is this form's second submit button: no password is sent.
    const passwordless = (event.submitter as HTMLButtonElement | null)?.value == 'passkey';
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const body = {
      email: text('email'),
      password: passwordless ? undefined : String(data.get('password') ?? ''),
      first_name: text('first_name'),
      last_name: text('last_name'),
      phone: text('phone') || undefined,
      form_fields: [] as { name: string; value: string | number | string[] }[],
      consents: data.get('marketing_newsletter') ? (['marketing_newsletter'] as const) : undefined,
    };
    const custom = readCustomFields(form, this.fields ?? []);
    body.form_fields = custom.values;
    const errors: Record<string, FieldCode> = { ...custom.errors };
    for (const name of ['first_name', 'last_name'] as const) if (!body[name]) errors[name] = 'required';
    if (!looksLikeEmail(body.email)) errors.email = body.email ? 'invalid_email' : 'required';
    const problem = !passwordless && passwordShapeCode(body.password!, body.email);
    if (problem) errors.password = problem;
    if (!this.check(errors)) return;
    const res = await this.run(() =>
      call(
        this.session.client.customers.$post({
          json: { ...body, consents: body.consents ? [...body.consents] : undefined, locale: catalogOf(this.language) as 'en' },
        }),
      ),
    );
    if (!res) return;
    // The code step (email-code.ts): the session starts once the code is confirmed, or at "Later" when
    // the store lets shoppers in before (its 201 carries tokens; policy `required` sends none). Should the
    // step fail to load, the alert says so; the refresh cookie of an `optional` store signs in on reload,
    // which the session hint (session.ts) must know of now.
    if ('access_token' in res) this.session.hint(res.refresh_token ?? true);
    await this.withCode((v) =>
      v.signUp(this, res.customer, 'access_token' in res ? res : undefined, (customer: Customer) =>
        this.dispatchEvent(new AccountSignupEvent({ customer })),
      ),
    );
  }

  override fieldText(name: string, code: string | undefined): string {
    return customFieldText(this, this.fields, name, code);
  }
}

define('account-signup', AccountSignup);

declare global {
  interface HTMLElementTagNameMap {
    'account-signup': AccountSignup;
  }
}
