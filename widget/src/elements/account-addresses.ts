// <account-addresses>: the address book. List (with each address's name, delivery instructions and
// type), add, edit, delete (after a confirmation), default shipping/billing flags, the store's address
// custom fields, countries named in the shopper's language. The form is address-form.ts, loaded on
// demand when the shopper adds or edits an address.
import { html, nothing } from 'lit';
import { call } from '../api';
import { AccountElement, define } from '../account-element';
import { accountStyles, fieldStyles } from '../account-styles';
import type addressForm from '../address-form';
import { AccountChangeEvent } from '../events';
import { customField, customFieldText, formFields, readCustomFields } from '../custom-fields';
import '../i18n/en-account';
import '../i18n/en-forms';
import type { Area } from '../i18n/index';
import { kit } from '../kit';
import type { Address, FormFieldDefinition } from '../types';
import { cityLine } from '../../../worker/src/shared/address-format';

/** The address form (address-form.ts), once loaded. */
let formView: ReturnType<typeof addressForm> | undefined;

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

  /** @internal */
  async load(): Promise<void> {
    const res = await this.run(() => call(this.session.client.customer.addresses.$get()));
    this.addresses = res?.data ?? [];
  }

  protected override renderContent() {
    if (!this.session.customer) return html`<div class="sfa-skeleton"></div>`;
    return html`<h2 tabindex="-1">${this.t('addresses')}</h2>
      ${this.renderAlert()} ${this.editing && formView ? formView(this, this.editing === 'new' ? null : this.editing) : this.renderList()}`;
  }

  private renderList() {
    if (!this.addresses) return html`<div class="sfa-skeleton" aria-busy="true"><span class="sfa-visually-hidden">${this.t('loading')}</span></div>`;
    const names = new Intl.DisplayNames([this.language, 'en'], { type: 'region', fallback: 'none' });
    return html`${
      this.addresses.length
        ? html`<ul class="sfa-list">
            ${this.addresses.map(
              (a) => html`<li class="sfa-card">
                ${a.label ? html`<h3>${a.label}</h3>` : nothing}
                <address>
                  ${a.first_name} ${a.last_name}<br />${a.company ? html`${a.company}<br />` : nothing}${a.address1}<br />
                  ${a.address2 ? html`${a.address2}<br />` : nothing}${cityLine(a)}<br />
                  ${(a.country_code && names.of(a.country_code)) || a.country}
                </address>
                ${a.delivery_instructions ? html`<p class="sfa-hint">${this.t('instructionsLine', { text: a.delivery_instructions })}</p>` : nothing}
                ${a.is_default_shipping ? html`<span class="sfa-badge">${this.t('defaultShipping')}</span> ` : nothing}
                ${a.is_default_billing ? html`<span class="sfa-badge">${this.t('defaultBilling')}</span> ` : nothing}
                <span class="sfa-badge">${this.t(a.address_type)}</span>
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

  /** @internal Opens the form for `target` (loading it first; a failure goes to the alert) or, with null, goes back to the list. */
  async edit(target: Address | 'new' | null): Promise<void> {
    if (target && !formView) {
      const loaded = await this.run(async () => {
        formView = (await import('../address-form')).default(kit, { customField, readCustomFields });
        return true;
      });
      if (!loaded) return;
    }
    if (target) await this.need('address');
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
