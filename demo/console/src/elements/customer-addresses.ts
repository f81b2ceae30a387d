// <customer-addresses>: a customer's address book through /v3/customers/addresses: list, add, edit
// (only the changed fields are sent, so the timeline names what changed) and delete after a confirmation.
import { html, nothing } from 'lit';
import { api, ApiProblem, isAbort } from '../api';
import { checked, ConsoleView, define, emptyState, formValues, loading, problemBox, statusLine, textField } from '../base';
import { countries } from '../countries';
import type { Address, AddressChanges, NewAddress } from '../types';
import { cityLine } from '../../../../worker/src/shared/address-format';

/** Fired after any change, so the page can refresh the timeline. */
export class ConsoleChangeEvent extends Event {
  constructor(readonly what: string) {
    super('console-change', { bubbles: true, composed: true });
  }
}

type Editing = { kind: 'none' } | { kind: 'add' } | { kind: 'edit'; id: number } | { kind: 'delete'; id: number };

const TEXT_FIELDS = [
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

/**
 * Address book of one customer.
 */
export class CustomerAddresses extends ConsoleView {
  static override properties = {
    customerId: { type: Number },
    revision: { type: Number },
    addresses: { state: true },
    editing: { state: true },
    problem: { state: true },
    formProblem: { state: true },
    saving: { state: true },
    message: { state: true },
  };

  /** The customer whose addresses are shown. */
  declare customerId: number;
  /** Reloads when it changes. */
  declare revision: number;
  /** @internal */
  declare addresses: Address[] | null;
  /** @internal */
  declare editing: Editing;
  /** @internal Loading failed. */
  declare problem: unknown;
  /** @internal Saving failed. */
  declare formProblem: unknown;
  /** @internal */
  declare saving: boolean;
  /** @internal */
  declare message: string;
  private abort?: AbortController;

  constructor() {
    super();
    this.customerId = 0;
    this.revision = 0;
    this.addresses = null;
    this.editing = { kind: 'none' };
    this.problem = null;
    this.formProblem = null;
    this.saving = false;
    this.message = '';
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if ((changed.has('customerId') || changed.has('revision')) && this.customerId) void this.load();
  }

  private async load() {
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    this.problem = null;
    try {
      const res = await api('GET', '/v3/customers/addresses', {
        query: { 'customer_id:in': this.customerId, limit: 250 },
        signal: abort.signal,
      });
      this.addresses = res.data;
    } catch (err) {
      if (!isAbort(err)) this.problem = err;
    }
  }

  private start(editing: Editing) {
    this.editing = editing;
    this.formProblem = null;
    this.message = '';
    if (editing.kind === 'add' || editing.kind === 'edit') void this.focusLater('.address-form input');
    if (editing.kind === 'delete') void this.focusLater('.confirm button');
  }

  private cancel() {
    const was = this.editing;
    this.editing = { kind: 'none' };
    this.formProblem = null;
    if (was.kind === 'edit' || was.kind === 'delete') void this.focusLater(`#address-${was.id} .actions button`);
    else void this.focusLater('.add-address');
  }

  private async handleSave(e: SubmitEvent, existing?: Address) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const v = formValues(form);
    const body: AddressChanges = {};
    for (const k of TEXT_FIELDS) if (!existing || v[k] !== (existing[k] ?? '')) body[k] = v[k] ?? '';
    if (!existing || v.country_code !== existing.country_code) body.country_code = v.country_code;
    for (const flag of ['is_default_shipping', 'is_default_billing'] as const) {
      const on = checked(form, flag);
      if (!existing || on !== existing[flag]) body[flag] = on;
    }
    if (existing && !Object.keys(body).length) {
      this.message = 'Nothing changed.';
      this.editing = { kind: 'none' };
      return;
    }
    this.saving = true;
    this.formProblem = null;
    try {
      if (existing) {
        await api('PUT', '/v3/customers/addresses', { body: [{ id: existing.id, ...body }] });
        this.message = 'Address saved.';
      } else {
        const res = await api('POST', '/v3/customers/addresses', { body: [{ customer_id: this.customerId, ...body } as NewAddress] }); // a new address's form sends every field
        // The API skips an address identical to one the customer has (as BigCommerce does).
        this.message = res.data.length ? 'Address added.' : 'The customer already has this exact address; nothing was added.';
      }
      const id = existing?.id;
      this.editing = { kind: 'none' };
      await this.load();
      this.dispatchEvent(new ConsoleChangeEvent('address'));
      void this.focusLater(id ? `#address-${id} .actions button` : '.add-address');
    } catch (err) {
      this.formProblem = err;
      void this.focusLater('.address-form .problem, .address-form [aria-invalid="true"]');
    } finally {
      this.saving = false;
    }
  }

  private async handleDelete(id: number) {
    this.saving = true;
    this.formProblem = null;
    try {
      await api('DELETE', '/v3/customers/addresses', { query: { 'id:in': id } });
      this.editing = { kind: 'none' };
      this.message = 'Address deleted.';
      await this.load();
      this.dispatchEvent(new ConsoleChangeEvent('address'));
      void this.focusLater('.add-address');
    } catch (err) {
      this.formProblem = err;
    } finally {
      this.saving = false;
    }
  }

  private form(existing?: Address) {
    const a = existing;
    const errors = this.formProblem instanceof ApiProblem ? this.formProblem.fields : {};
    const prefix = `addr-${a?.id ?? 'new'}`;
    const country = a?.country_code ?? 'US';
    const f = (name: (typeof TEXT_FIELDS)[number], label: string, extra: Partial<Parameters<typeof textField>[0]> = {}) =>
      textField({ id: `${prefix}-${name}`, name, label, value: a?.[name] ?? '', error: errors[name], ...extra });
    return html`<form class="address-form card-inner" @submit=${(e: SubmitEvent) => this.handleSave(e, existing)} novalidate>
      <h3>${a ? 'Edit address' : 'New address'}</h3>
      ${problemBox(this.formProblem, 'The address was not saved')}
      <div class="grid-2">
        ${f('label', 'Label', { hint: 'For example Home or Office' })} ${f('company', 'Company')}
        ${f('first_name', 'First name', { required: true })} ${f('last_name', 'Last name', { required: true })}
      </div>
      ${f('address1', 'Address line 1', { required: true })} ${f('address2', 'Address line 2')}
      <div class="grid-3">
        ${f('city', 'City', { required: true })} ${f('state_or_province', 'State or province')} ${f('postal_code', 'Postal code')}
      </div>
      <div class="grid-2">
        <div class="field ${errors.country_code ? 'invalid' : ''}">
          <label for="${prefix}-country">Country <span class="req">(required)</span></label>
          <select id="${prefix}-country" name="country_code" aria-invalid=${errors.country_code ? 'true' : 'false'} aria-describedby=${errors.country_code ? `${prefix}-country-error` : nothing}>
            ${countries().map((c) => html`<option value=${c.code} ?selected=${c.code === country}>${c.name}</option>`)}
          </select>
          ${errors.country_code ? html`<p class="error" id="${prefix}-country-error">${errors.country_code}</p>` : nothing}
        </div>
        ${f('phone', 'Phone', { type: 'tel' })}
      </div>
      <div class="checks">
        <label><input type="checkbox" name="is_default_shipping" .checked=${a?.is_default_shipping ?? false} /> Default shipping address</label>
        <label><input type="checkbox" name="is_default_billing" .checked=${a?.is_default_billing ?? false} /> Default billing address</label>
      </div>
      <div class="actions">
        <button type="submit" ?disabled=${this.saving}>${this.saving ? 'Saving…' : a ? 'Save address' : 'Add address'}</button>
        <button type="button" class="secondary" @click=${this.cancel}>Cancel</button>
      </div>
    </form>`;
  }

  private card(a: Address) {
    const editing = this.editing;
    if (editing.kind === 'edit' && editing.id === a.id) return html`<li id="address-${a.id}">${this.form(a)}</li>`;
    return html`<li id="address-${a.id}" class="address">
      <p class="address-head">
        <strong>${a.label || 'Address'}</strong>
        ${a.is_default_shipping ? html`<span class="badge">Default shipping</span>` : nothing}
        ${a.is_default_billing ? html`<span class="badge">Default billing</span>` : nothing}
      </p>
      <address>
        ${a.first_name} ${a.last_name}${a.company ? html`<br />${a.company}` : nothing}<br />
        ${a.address1}${a.address2 ? html`<br />${a.address2}` : nothing}<br />
        ${cityLine(a)}<br />
        ${a.country}${a.phone ? html`<br />${a.phone}` : nothing}
      </address>
      ${
        editing.kind === 'delete' && editing.id === a.id
          ? html`<div class="confirm" role="group" aria-label="Confirm deletion">
            <p>Delete this address? The shopper will no longer see it in their address book.</p>
            ${problemBox(this.formProblem, 'The address was not deleted')}
            <button type="button" class="danger" ?disabled=${this.saving} @click=${() => this.handleDelete(a.id)}>Delete address</button>
            <button type="button" class="secondary" @click=${this.cancel}>Keep it</button>
          </div>`
          : html`<div class="actions">
            <button type="button" class="secondary" @click=${() => this.start({ kind: 'edit', id: a.id })} aria-label="Edit address ${a.label || a.address1}">Edit</button>
            <button type="button" class="secondary" @click=${() => this.start({ kind: 'delete', id: a.id })} aria-label="Delete address ${a.label || a.address1}">Delete</button>
          </div>`
      }
    </li>`;
  }

  override render() {
    return html`
      ${problemBox(this.problem, 'Could not load the addresses')}
      ${this.message ? statusLine(this.message) : nothing}
      ${!this.addresses && !this.problem ? loading('Loading addresses…') : nothing}
      ${this.addresses && !this.addresses.length && this.editing.kind !== 'add' ? emptyState('No addresses saved.') : nothing}
      ${this.addresses?.length ? html`<ul class="addresses">${this.addresses.map((a) => this.card(a))}</ul>` : nothing}
      ${
        this.editing.kind === 'add'
          ? this.form()
          : html`<button type="button" class="add-address secondary" @click=${() => this.start({ kind: 'add' })}>Add an address</button>`
      }
    `;
  }
}

define('customer-addresses', CustomerAddresses);
