// <customer-new>: "New customer" (POST /v3/customers, one item): name, email, phone, company, group,
// the store's custom sign-up fields, any number of addresses (with the address form's custom fields),
// and how the customer signs in: a password staff set now, or a link mailed to the customer to set one
// (valid 7 days: POST /v3/customers/{id}/password-link right after the customer is created; the account
// has no password until then, and can sign in with an emailed code meanwhile). The worker's field errors
// (`0.addresses.1.city`, `0.form_fields.2.value`) come back onto the inputs they are about.
import { html, nothing } from 'lit';
import { api, ApiProblem, isAbort } from '../api';
import { ConsoleView, define, loading, problemBox, setFlash, textField } from '../base';
import { countries } from '../countries';
import { controlId, customFieldInput, readCustomFields } from '../custom-field-inputs';
import { fullName } from '../format';
import type { FormField, Group, NewCustomer } from '../types';

const ADDRESS_FIELDS = [
  'label',
  'first_name',
  'last_name',
  'company',
  'address1',
  'address2',
  'city',
  'state_or_province',
  'postal_code',
  'phone',
] as const;
type NewAddress = NonNullable<NewCustomer['addresses']>[number];

/**
 * The API's error paths as the form's control names: `0.email` → `email`, `0.authentication.new_password`
 * → `password`, `0.addresses.1.city` → `a<key of address 1>.city`, `0.form_fields.2.value` → the name of
 * the custom field sent third (`form_fields.shoe_size`).
 */
export function errorsByControl(errors: Record<string, string>, sent: NewCustomer, addressKeys: readonly number[]): Record<string, string> {
  const out: Record<string, string> = {};
  const fieldName = (list: { name: string }[] | undefined, part: string | undefined) =>
    part && /^\d+$/.test(part) ? list?.[Number(part)]?.name : part;
  for (const [path, message] of Object.entries(errors)) {
    const p = path.replace(/^\d+\./, '').split('.');
    let control: string | undefined;
    if (p[0] === 'authentication') control = 'password';
    else if (p[0] === 'form_fields') control = `form_fields.${fieldName(sent.form_fields, p[1])}`;
    else if (p[0] === 'addresses' && p[1] !== undefined) {
      const k = Number(p[1]);
      const scope = `a${addressKeys[k]}.`;
      control = p[2] === 'form_fields' ? `${scope}form_fields.${fieldName(sent.addresses?.[k]?.form_fields, p[3])}` : `${scope}${p[2]}`;
    } else control = p[0];
    if (control) out[control] ??= message;
  }
  return out;
}

/**
 * The new-customer form.
 */
export class CustomerNew extends ConsoleView {
  static override properties = {
    revision: { type: Number },
    groups: { state: true },
    fields: { state: true },
    problem: { state: true },
    formProblem: { state: true },
    errors: { state: true },
    addressKeys: { state: true },
    signIn: { state: true },
    saving: { state: true },
  };

  /** Reloads the groups and fields when it changes (a new admin token). */
  declare revision: number;
  /** @internal */
  declare groups: Group[] | null;
  /** @internal The store's custom field definitions (sign-up and address). */
  declare fields: FormField[] | null;
  /** @internal Loading failed. */
  declare problem: unknown;
  /** @internal Creating failed. */
  declare formProblem: unknown;
  /** @internal Control name → the API's message. */
  declare errors: Record<string, string>;
  /** @internal One key per address in the form (keys stay when an earlier address is removed). */
  declare addressKeys: number[];
  /** @internal */
  declare signIn: 'reset' | 'password';
  /** @internal */
  declare saving: boolean;
  private nextKey = 1;
  private abort?: AbortController;

  constructor() {
    super();
    this.revision = 0;
    this.groups = null;
    this.fields = null;
    this.problem = null;
    this.formProblem = null;
    this.errors = {};
    this.addressKeys = [];
    this.signIn = 'reset';
    this.saving = false;
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('revision')) void this.load();
  }

  override disconnectedCallback(): void {
    this.abort?.abort();
    super.disconnectedCallback();
  }

  private async load() {
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    const signal = abort.signal;
    this.problem = null;
    try {
      const [groups, fields] = await Promise.all([
        api('GET', '/v2/customer_groups', { query: { limit: 250 }, signal }),
        api('GET', '/v3/customers/form-fields', { signal }),
      ]);
      this.groups = groups;
      this.fields = [...fields.data].sort((a, b) => a.sort_order - b.sort_order || a.id - b.id);
    } catch (err) {
      if (!isAbort(err)) this.problem = err;
    }
  }

  private handleAddAddress() {
    const key = this.nextKey++;
    this.addressKeys = [...this.addressKeys, key];
    void this.prefillAddress(key, this.addressKeys.length === 1);
  }

  /** A new address starts with the customer's name (and, for the first one, as both defaults). */
  private async prefillAddress(key: number, first: boolean) {
    await this.updateComplete;
    const form = this.querySelector<HTMLFormElement>('#new-customer-form')!;
    for (const f of ['first_name', 'last_name'] as const) {
      const from = form.elements.namedItem(f) as HTMLInputElement;
      const to = form.elements.namedItem(`a${key}.${f}`) as HTMLInputElement;
      if (to && !to.value) to.value = from.value.trim();
    }
    if (first)
      for (const flag of ['is_default_shipping', 'is_default_billing'])
        (form.elements.namedItem(`a${key}.${flag}`) as HTMLInputElement).checked = true;
    this.querySelector<HTMLElement>(`#new-a${key}-label`)?.focus();
  }

  private handleRemoveAddress(key: number) {
    const at = this.addressKeys.indexOf(key);
    this.addressKeys = this.addressKeys.filter((k) => k !== key);
    const next = this.addressKeys[Math.min(at, this.addressKeys.length - 1)];
    void this.focusLater(next ? `#address-block-${next} legend + .actions button` : '.add-address');
  }

  private body(form: HTMLFormElement): NewCustomer {
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const defs = this.fields ?? [];
    const customer: NewCustomer = { email: text('email'), first_name: text('first_name'), last_name: text('last_name') };
    if (text('phone')) customer.phone = text('phone');
    if (text('company')) customer.company = text('company');
    customer.customer_group_id = Number(text('customer_group_id')) || 0;
    const formFields = readCustomFields(
      data,
      '',
      defs.filter((d) => d.applies_to === 'customer'),
    );
    if (formFields.length) customer.form_fields = formFields;
    if (this.addressKeys.length) {
      customer.addresses = this.addressKeys.map((key) => {
        const scope = `a${key}.`;
        const address = { country_code: text(`${scope}country_code`) } as NewAddress;
        for (const f of ADDRESS_FIELDS) {
          const v = text(`${scope}${f}`);
          // Required ones go even when empty, so the worker names them; optional ones only when given.
          if (v || f === 'first_name' || f === 'last_name' || f === 'address1' || f === 'city') address[f] = v;
        }
        for (const flag of ['is_default_shipping', 'is_default_billing'] as const) if (data.get(`${scope}${flag}`)) address[flag] = true;
        const values = readCustomFields(
          data,
          scope,
          defs.filter((d) => d.applies_to === 'address'),
        );
        if (values.length) address.form_fields = values;
        return address;
      });
    }
    if (this.signIn === 'password') customer.authentication = { new_password: String(data.get('password') ?? '') };
    if (data.get('email_verified')) customer.email_verified = true;
    return customer;
  }

  private async handleSubmit(e: SubmitEvent) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const sent = this.body(form);
    const keys = [...this.addressKeys];
    this.formProblem = null;
    this.errors = {};
    if (this.signIn === 'password' && !sent.authentication?.new_password) {
      this.errors = { password: 'Enter a password, or send the customer a link to set one.' };
      void this.focusLater(`#${controlId('password')}`);
      return;
    }
    this.saving = true;
    try {
      const res = await api('POST', '/v3/customers', { body: [sent] });
      const created = res.data[0]!;
      const addresses = created.addresses?.length ?? 0;
      let link = '';
      if (this.signIn === 'reset') {
        // The customer exists now; a failed mail must not read as a failed creation.
        try {
          await api('POST', '/v3/customers/:id/password-link', { param: { id: created.id } });
          link = ` A link to set a password (valid 7 days) was mailed to ${created.email}.`;
        } catch {
          link = ` The link to set a password could not be sent; they can use “Forgot password” on the store's sign-in.`;
        }
      }
      setFlash(
        `Customer ${fullName(created)} created${addresses ? ` with ${addresses === 1 ? 'an address' : `${addresses} addresses`}` : ''}.${link}`,
      );
      location.hash = `#/customers/${created.id}`;
    } catch (err) {
      this.formProblem = err;
      if (err instanceof ApiProblem) this.errors = errorsByControl(err.body?.errors ?? {}, sent, keys);
      await this.updateComplete;
      this.querySelector<HTMLElement>('#new-customer-form [aria-invalid="true"], #new-customer-form .problem')?.focus();
    } finally {
      this.saving = false;
    }
  }

  private text(name: string, label: string, extra: Partial<Parameters<typeof textField>[0]> = {}) {
    return textField({ id: controlId(name), name, label, error: this.errors[name], ...extra });
  }

  private addressBlock(key: number, n: number) {
    const scope = `a${key}.`;
    const f = (name: (typeof ADDRESS_FIELDS)[number], label: string, extra: Partial<Parameters<typeof textField>[0]> = {}) =>
      this.text(`${scope}${name}`, label, extra);
    const countryError = this.errors[`${scope}country_code`];
    const countryId = controlId(`${scope}country_code`);
    const defaultsError = this.errors[`${scope}is_default_shipping`] ?? this.errors[`${scope}is_default_billing`];
    return html`<fieldset class="card-inner address-block" id="address-block-${key}">
      <legend>Address ${n}</legend>
      <div class="actions">
        <button type="button" class="secondary" @click=${() => this.handleRemoveAddress(key)}>Remove address ${n}</button>
      </div>
      <div class="grid-2">
        ${f('label', 'Label', { hint: 'For example Home or Office' })} ${f('company', 'Company')}
        ${f('first_name', 'First name', { required: true })} ${f('last_name', 'Last name', { required: true })}
      </div>
      ${f('address1', 'Address line 1', { required: true })} ${f('address2', 'Address line 2')}
      <div class="grid-3">${f('city', 'City', { required: true })} ${f('state_or_province', 'State or province')} ${f('postal_code', 'Postal code')}</div>
      <div class="grid-2">
        <div class="field ${countryError ? 'invalid' : ''}">
          <label for=${countryId}>Country <span class="req">(required)</span></label>
          <select id=${countryId} name="${scope}country_code" aria-invalid=${countryError ? 'true' : 'false'} aria-describedby=${countryError ? `${countryId}-error` : nothing}>
            ${countries().map((c) => html`<option value=${c.code} ?selected=${c.code === 'US'}>${c.name}</option>`)}
          </select>
          ${countryError ? html`<p class="error" id="${countryId}-error">${countryError}</p>` : nothing}
        </div>
        ${f('phone', 'Phone', { type: 'tel' })}
      </div>
      ${(this.fields ?? []).filter((d) => d.applies_to === 'address').map((d) => customFieldInput(scope, d, this.errors[`${scope}form_fields.${d.name}`]))}
      <div class="checks">
        <label><input type="checkbox" name="${scope}is_default_shipping" /> Default shipping address</label>
        <label><input type="checkbox" name="${scope}is_default_billing" /> Default billing address</label>
      </div>
      ${defaultsError ? html`<p class="error">${defaultsError}</p>` : nothing}
    </fieldset>`;
  }

  private form() {
    if (this.problem) return problemBox(this.problem, 'Could not load the form');
    if (!this.groups || !this.fields) return loading('Loading the form…');
    const groupError = this.errors.customer_group_id;
    const defaultGroup = this.groups.find((g) => g.is_default);
    const signUpFields = this.fields.filter((d) => d.applies_to === 'customer');
    return html`<form id="new-customer-form" @submit=${this.handleSubmit} novalidate>
      ${problemBox(this.formProblem, 'The customer was not created')}
      <section class="card" aria-labelledby="new-details-h">
        <h2 id="new-details-h">Details</h2>
        <div class="grid-2">${this.text('first_name', 'First name', { required: true })} ${this.text('last_name', 'Last name', { required: true })}</div>
        ${this.text('email', 'Email', { type: 'email', required: true, hint: 'The customer signs in with it; no two customers share one.' })}
        <div class="grid-2">${this.text('phone', 'Phone', { type: 'tel' })} ${this.text('company', 'Company')}</div>
        <div class="field ${groupError ? 'invalid' : ''}">
          <label for="new-customer_group_id">Customer group</label>
          <select id="new-customer_group_id" name="customer_group_id" aria-invalid=${groupError ? 'true' : 'false'} aria-describedby=${groupError ? 'new-customer_group_id-error' : nothing}>
            <option value="0" ?selected=${!defaultGroup}>No group</option>
            ${this.groups.map((g) => html`<option value=${g.id} ?selected=${g === defaultGroup}>${g.name}${g.is_default ? ' (default for sign-ups)' : ''}</option>`)}
          </select>
          ${groupError ? html`<p class="error" id="new-customer_group_id-error">${groupError}</p>` : nothing}
        </div>
      </section>
      ${
        signUpFields.length
          ? html`<section class="card" aria-labelledby="new-fields-h">
            <h2 id="new-fields-h">Sign-up fields</h2>
            <p class="muted small">The store's own questions (<a href="#/form-fields">Sign-up fields</a>). Leave blank what the customer has not told you.</p>
            ${signUpFields.map((d) => customFieldInput('', d, this.errors[`form_fields.${d.name}`]))}
          </section>`
          : nothing
      }
      <section class="card" aria-labelledby="new-addresses-h">
        <h2 id="new-addresses-h">Addresses</h2>
        ${this.addressKeys.length ? nothing : html`<p class="empty-inline">No addresses yet. A customer can be created without one.</p>`}
        ${this.addressKeys.map((key, i) => this.addressBlock(key, i + 1))}
        <button type="button" class="add-address secondary" @click=${this.handleAddAddress}>Add ${this.addressKeys.length ? 'another' : 'an'} address</button>
      </section>
      <section class="card" aria-labelledby="new-signin-h">
        <h2 id="new-signin-h">Signing in</h2>
        <fieldset class="field">
          <legend>Password</legend>
          <label class="check"
            ><input type="radio" name="sign_in" value="reset" .checked=${this.signIn === 'reset'} @change=${() => (this.signIn = 'reset')} aria-describedby="new-reset-hint" />
            Mail the customer a link to set their password</label
          >
          <p class="hint" id="new-reset-hint">
            The link is valid for 7 days. Until they use it, the customer can also sign in with a code emailed to them.
          </p>
          <label class="check"
            ><input type="radio" name="sign_in" value="password" .checked=${this.signIn === 'password'} @change=${() => (this.signIn = 'password')} /> Set a password now</label
          >
        </fieldset>
        ${
          this.signIn === 'password'
            ? this.text('password', 'New password', {
                type: 'password',
                autocomplete: 'new-password',
                required: true,
                hint: 'Tell it to the customer in person; they can change it in their account.',
              })
            : nothing
        }
        <label class="check"
          ><input type="checkbox" name="email_verified" aria-describedby="new-verified-hint" /> The customer has shown that this email address is
          theirs</label
        >
        <p class="hint" id="new-verified-hint">
          Tick it only if you are sure. Unticked, the customer confirms it with their first emailed code or password link; what
          you enter here is kept either way.
        </p>
      </section>
      <div class="actions">
        <button type="submit" ?disabled=${this.saving}>${this.saving ? 'Creating…' : 'Create customer'}</button>
        <a href="#/customers">Cancel</a>
      </div>
    </form>`;
  }

  override render() {
    return html`
      <p class="crumbs"><a href="#/customers">Customers</a> <span aria-hidden="true">›</span> New customer</p>
      <h1 tabindex="-1">New customer</h1>
      <p class="lead">Creates a registered customer, as if they had signed up on the storefront (no mail is sent).</p>
      ${this.form()}
    `;
  }
}

define('customer-new', CustomerNew);
