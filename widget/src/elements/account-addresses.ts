// <account-addresses>: the address book. List, add, edit, delete (after a confirmation), default
// shipping/billing flags, the store's address custom fields, countries named in the shopper's language.
import { html, nothing } from 'lit';
import { call } from '../api';
import { AccountElement, define } from '../account-element';
import { accountStyles, fieldStyles } from '../account-styles';
import { AccountChangeEvent } from '../events';
import { customField, customFieldText, formFields, readCustomFields } from '../custom-fields';
import { input } from '../fields';
import '../i18n/en-account';
import '../i18n/en-forms';
import type { Area } from '../i18n/index';
import type { Address, FormFieldDefinition } from '../types';
import type { FieldCode } from '../../../worker/src/shared/error-codes';
import { cityLine } from '../../../worker/src/shared/address-format';

// Region codes Intl knows that are not countries one ships to.
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'ZZ']);
const countryCache = new Map<string, [string, string][]>();

/** The address fields a form input edits as text. */
type AddressText = 'company' | 'address1' | 'address2' | 'postal_code' | 'city' | 'state_or_province' | 'phone';
/** Every ISO 3166 country, named in `lang` and sorted for it (built from Intl, no list in the bundle). */
export function countries(lang: string): [string, string][] {
  let list = countryCache.get(lang);
  if (!list) {
    const names = new Intl.DisplayNames([lang, 'en'], { type: 'region', fallback: 'none' });
    list = [];
    for (let a = 65; a <= 90; a++) {
      for (let b = 65; b <= 90; b++) {
        const code = String.fromCharCode(a, b);
        const name = !NOT_COUNTRIES.has(code) && names.of(code);
        if (name && name !== code) list.push([code, name]);
      }
    }
    const collator = new Intl.Collator(lang);
    list.sort((x, y) => collator.compare(x[1], y[1]));
    countryCache.set(lang, list);
  }
  return list;
}

/**
 * The signed-in shopper's address book.
 *
 * @tagname account-addresses
 * @summary List, add, edit and delete addresses.
 * @slot - Not used: the content is the element's own light DOM.
 * @csspart base - The frame.
 * @csspart status - The live region announcing saved and deleted addresses.
 * @fires account-change - `detail.kind` is `address-added`, `address-updated` (with `detail.data` the address) or `address-deleted` (`detail.data.id`).
 * @fires account-error - An API call failed; `detail` is the server's error shape.
 */
export class AccountAddresses extends AccountElement {
  static override areas: Area[] = ['core', 'forms', 'account'];
  static override lightStyles = [fieldStyles, accountStyles];
  static override properties = {
    ...AccountElement.properties,
    addresses: { state: true },
    editing: { state: true },
    fields: { state: true },
    deleting: { state: true },
  };

  /** @internal null while loading. */
  declare addresses: Address[] | null;
  /** @internal The address being edited, `'new'`, or null (list). */
  declare editing: Address | 'new' | null;
  /** @internal */
  declare fields: FormFieldDefinition[];
  /** @internal The address awaiting delete confirmation. */
  declare deleting: Address | null;
  private loadedFor: number | null = null;

  constructor() {
    super();
    this.addresses = null;
    this.editing = null;
    this.fields = [];
    this.deleting = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    formFields(this.session).then(
      (f) => (this.fields = f.address),
      () => {},
    );
    this.sessionChanged();
  }

  protected override sessionChanged(): void {
    const id = this.session.customer?.id ?? null;
    if (id === this.loadedFor) return;
    this.loadedFor = id;
    this.addresses = null;
    if (id !== null) void this.load();
  }

  override fieldText(name: string, code: string | undefined): string {
    return customFieldText(this, this.fields, name, code);
  }

  private async load(): Promise<void> {
    const res = await this.run(() => call(this.session.client.customer.addresses.$get()));
    this.addresses = res?.data ?? [];
  }

  protected override renderContent() {
    if (!this.session.customer) return html`<div class="sfa-skeleton"></div>`;
    return html`<h2 tabindex="-1">${this.t('addresses')}</h2>
      ${this.renderAlert()} ${this.editing ? this.renderForm(this.editing === 'new' ? null : this.editing) : this.renderList()}`;
  }

  private renderList() {
    if (!this.addresses) return html`<div class="sfa-skeleton" aria-busy="true"><span class="sfa-visually-hidden">${this.t('loading')}</span></div>`;
    const names = countries(this.language);
    return html`${
      this.addresses.length
        ? html`<ul class="sfa-list">
            ${this.addresses.map(
              (a) => html`<li class="sfa-card">
                <address>
                  ${a.first_name} ${a.last_name}<br />${a.company ? html`${a.company}<br />` : nothing}${a.address1}<br />
                  ${a.address2 ? html`${a.address2}<br />` : nothing}${cityLine(a)}<br />
                  ${names.find(([c]) => c === a.country_code)?.[1] ?? a.country}
                </address>
                ${a.is_default_shipping ? html`<span class="sfa-badge">${this.t('defaultShipping')}</span> ` : nothing}
                ${a.is_default_billing ? html`<span class="sfa-badge">${this.t('defaultBilling')}</span>` : nothing}
                ${
                  this.deleting === a
                    ? html`<div class="sfa-actions" role="group" aria-label=${this.t('deleteAddress')}>
                      <span>${this.t('deleteAddress')}</span>
                      <button class="sfa-button sfa-danger" type="button" ?disabled=${this.busy} @click=${() => this.handleDelete(a)}>${this.t('delete')}</button>
                      <button class="sfa-button sfa-secondary" type="button" @click=${() => this.confirmDelete(null)}>${this.t('cancel')}</button>
                    </div>`
                    : html`<div class="sfa-actions">
                      <button class="sfa-button sfa-secondary" type="button" data-edit=${a.id} @click=${() => this.edit(a)}>${this.t('edit')}</button>
                      <button class="sfa-button sfa-secondary" type="button" data-delete=${a.id} @click=${() => this.confirmDelete(a)}>${this.t('delete')}</button>
                    </div>`
                }
              </li>`,
            )}
          </ul>`
        : html`<p>${this.t('noAddresses')}</p>`
    }
      <button class="sfa-button" type="button" @click=${() => this.edit('new')}>${this.t('addAddress')}</button>`;
  }

  private renderForm(a: Address | null) {
    const c = this.session.customer!;
    const v = (k: AddressText) => (a ? a[k] : '');
    const country = a?.country_code ?? (this.language.split('-')[1] ?? '').toUpperCase();
    return html`<form method="post" novalidate aria-label=${this.t(a ? 'editAddress' : 'addAddress')} @submit=${this.handleSubmit}>
      <h3>${this.t(a ? 'editAddress' : 'addAddress')}</h3>
      <div class="sfa-row">
        ${input(this, { name: 'first_name', label: this.t('firstName'), autocomplete: 'shipping given-name', required: true, value: a ? a.first_name : c.first_name })}
        ${input(this, { name: 'last_name', label: this.t('lastName'), autocomplete: 'shipping family-name', required: true, value: a ? a.last_name : c.last_name })}
      </div>
      ${input(this, { name: 'company', label: this.t('company'), autocomplete: 'shipping organization', value: v('company') })}
      ${input(this, { name: 'address1', label: this.t('address1'), autocomplete: 'shipping address-line1', required: true, value: v('address1') })}
      ${input(this, { name: 'address2', label: this.t('address2'), autocomplete: 'shipping address-line2', value: v('address2') })}
      <div class="sfa-row">
        ${input(this, { name: 'postal_code', label: this.t('postalCode'), autocomplete: 'shipping postal-code', value: v('postal_code') })}
        ${input(this, { name: 'city', label: this.t('city'), autocomplete: 'shipping address-level2', required: true, value: v('city') })}
      </div>
      ${input(this, { name: 'state_or_province', label: this.t('state'), autocomplete: 'shipping address-level1', value: v('state_or_province') })}
      <div class="sfa-field">
        <label for="${this.uid}-country_code">${this.t('country')}</label>
        <select id="${this.uid}-country_code" name="country_code" autocomplete="shipping country" required aria-invalid=${this.errors.country_code ? 'true' : 'false'} aria-describedby=${this.errors.country_code ? `${this.uid}-country_code-error` : nothing} @change=${this.handleFieldInput}>
          <option value="">${this.t('choose')}</option>
          ${countries(this.language).map(([code, name]) => html`<option value=${code} ?selected=${code === country}>${name}</option>`)}
        </select>
        ${this.errors.country_code ? html`<div class="sfa-error" id="${this.uid}-country_code-error">${this.errors.country_code}</div>` : nothing}
      </div>
      ${input(this, { name: 'phone', type: 'tel', label: this.t('phone'), autocomplete: 'shipping tel', value: v('phone') })}
      ${this.fields.map((def) => customField(this, def, a?.form_fields.find((f) => f.name === def.name)?.value))}
      <label class="sfa-check"><input type="checkbox" name="is_default_shipping" ?checked=${a?.is_default_shipping} />${this.t('defaultShipping')}</label>
      <label class="sfa-check"><input type="checkbox" name="is_default_billing" ?checked=${a?.is_default_billing} />${this.t('defaultBilling')}</label>
      <div class="sfa-actions">
        <button class="sfa-button" type="submit" ?disabled=${this.busy}>${this.t('save')}</button>
        <button class="sfa-button sfa-secondary" type="button" @click=${() => this.edit(null)}>${this.t('cancel')}</button>
      </div>
    </form>`;
  }

  private async edit(target: Address | 'new' | null): Promise<void> {
    const previous = this.editing;
    this.editing = target;
    this.errors = {};
    this.alert = '';
    this.deleting = null;
    await this.updateComplete;
    if (target) this.querySelector<HTMLElement>('form input')?.focus();
    else if (previous && previous !== 'new') this.querySelector<HTMLElement>(`[data-edit="${previous.id}"]`)?.focus();
    else this.querySelector<HTMLElement>('h2')?.focus();
  }

  private async confirmDelete(a: Address | null): Promise<void> {
    const previous = this.deleting;
    this.deleting = a;
    await this.updateComplete;
    this.querySelector<HTMLElement>(a ? '.sfa-danger' : `[data-delete="${previous?.id}"]`)?.focus();
  }

  /** @internal */
  async handleSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const text = (k: string) => String(data.get(k) ?? '').trim();
    const custom = readCustomFields(form, this.fields, this.editing !== 'new');
    const body = {
      first_name: text('first_name'),
      last_name: text('last_name'),
      company: text('company'),
      address1: text('address1'),
      address2: text('address2'),
      city: text('city'),
      state_or_province: text('state_or_province'),
      postal_code: text('postal_code'),
      country_code: text('country_code'),
      phone: text('phone'),
      is_default_shipping: data.has('is_default_shipping'),
      is_default_billing: data.has('is_default_billing'),
      form_fields: custom.values,
    };
    const errors: Record<string, FieldCode> = { ...custom.errors };
    for (const k of ['first_name', 'last_name', 'address1', 'city', 'country_code'] as const) if (!body[k]) errors[k] = 'required';
    if (!this.check(errors)) return;
    const existing = this.editing === 'new' ? null : this.editing;
    const res = await this.run(() =>
      existing
        ? call(this.session.client.customer.addresses[':id{[0-9]+}'].$patch({ param: { id: String(existing.id) }, json: body }))
        : call(this.session.client.customer.addresses.$post({ json: body })),
    );
    if (!res) return;
    this.dispatchEvent(new AccountChangeEvent({ kind: existing ? 'address-updated' : 'address-added', data: res.data }));
    await this.load(); // defaults may have moved from another address
    await this.edit(null);
    this.announce(this.t('saved'));
  }

  /** @internal */
  async handleDelete(a: Address): Promise<void> {
    const done = await this.run(() =>
      call(this.session.client.customer.addresses[':id{[0-9]+}'].$delete({ param: { id: String(a.id) } })).then(() => true),
    );
    if (!done) return;
    this.deleting = null;
    this.addresses = (this.addresses ?? []).filter((x) => x.id !== a.id);
    this.dispatchEvent(new AccountChangeEvent({ kind: 'address-deleted', data: { id: a.id } }));
    this.announce(this.t('deleted'));
    await this.updateComplete;
    this.querySelector<HTMLElement>('h2')?.focus();
  }
}

define('account-addresses', AccountAddresses);

declare global {
  interface HTMLElementTagNameMap {
    'account-addresses': AccountAddresses;
  }
}
