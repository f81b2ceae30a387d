// The address form of <account-addresses> (add and edit: the postal fields, a name for the address,
// delivery instructions, residential or commercial, the store's address custom fields, the default
// flags), loaded on demand: most visits to the address book only read it. See kit.ts for why it imports
// only types; the custom-field helpers come from the element (`fields`) for the same reason.
import type { AccountAddresses } from './elements/account-addresses';
import en from './i18n/en-address';
import type { Kit } from './kit';
import type { Address } from './types';
import type { FieldCode } from '../../worker/src/shared/error-codes';
import type { customField, readCustomFields } from './custom-fields';

/** What the element hands over besides the kit. */
export interface AddressFormKit {
  customField: typeof customField;
  readCustomFields: typeof readCustomFields;
}

/** The address fields a form input edits as text. */
type AddressText = 'company' | 'address1' | 'address2' | 'postal_code' | 'city' | 'state_or_province' | 'phone' | 'label' | 'delivery_instructions';

// Region codes Intl knows that are not countries one ships to.
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'ZZ']);
const countryCache = new Map<string, [string, string][]>();

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

export default function addressForm(
  { html, nothing, call, input, register, AccountChangeEvent }: Kit,
  { customField, readCustomFields }: AddressFormKit,
) {
  register('address', en, { de: () => import('./i18n/de-address'), fr: () => import('./i18n/fr-address') });

  async function submit(el: AccountAddresses, event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const text = (k: string) => String(data.get(k) ?? '').trim();
    const custom = readCustomFields(form, el.fields, el.editing !== 'new');
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
      label: text('label'),
      delivery_instructions: text('delivery_instructions'),
      address_type: text('address_type') as Address['address_type'],
      is_default_shipping: data.has('is_default_shipping'),
      is_default_billing: data.has('is_default_billing'),
      form_fields: custom.values,
    };
    const errors: Record<string, FieldCode> = { ...custom.errors };
    for (const k of ['first_name', 'last_name', 'address1', 'city', 'country_code'] as const) if (!body[k]) errors[k] = 'required';
    if (!el.check(errors)) return;
    const existing = el.editing === 'new' ? null : el.editing;
    const addresses = el.session.client.customer.addresses;
    const res = await el.run(() =>
      existing ? call(addresses[':id{[0-9]+}'].$patch({ param: { id: String(existing.id) }, json: body })) : call(addresses.$post({ json: body })),
    );
    if (!res) return;
    el.dispatchEvent(new AccountChangeEvent({ kind: existing ? 'address-updated' : 'address-added', data: res.data }));
    await el.load(); // defaults may have moved from another address
    await el.edit(null);
    el.announce(el.t('saved'));
  }

  /** The form for `a` (null: a new address, prefilled with the shopper's name and the page's country). */
  return (el: AccountAddresses, a: Address | null) => {
    const c = el.session.customer!;
    const v = (k: AddressText) => (a ? a[k] : '');
    const country = a?.country_code ?? (el.language.split('-')[1] ?? '').toUpperCase();
    const field = (name: 'country_code' | 'delivery_instructions') => ({
      id: `${el.uid}-${name}`,
      invalid: el.errors[name] ? 'true' : 'false',
      described: el.errors[name] ? `${el.uid}-${name}-error` : nothing,
      error: el.errors[name] ? html`<div class="sfa-error" id="${el.uid}-${name}-error">${el.errors[name]}</div>` : nothing,
    });
    const countryField = field('country_code');
    const notes = field('delivery_instructions');
    const type = a?.address_type ?? 'residential';
    return html`<form method="post" novalidate aria-label=${el.t(a ? 'editAddress' : 'addAddress')} @submit=${(e: SubmitEvent) => submit(el, e)}>
      <h3>${el.t(a ? 'editAddress' : 'addAddress')}</h3>
      <div class="sfa-row">
        ${input(el, { name: 'first_name', label: el.t('firstName'), autocomplete: 'shipping given-name', required: true, value: a ? a.first_name : c.first_name })}
        ${input(el, { name: 'last_name', label: el.t('lastName'), autocomplete: 'shipping family-name', required: true, value: a ? a.last_name : c.last_name })}
      </div>
      ${input(el, { name: 'company', label: el.t('company'), autocomplete: 'shipping organization', value: v('company') })}
      ${input(el, { name: 'address1', label: el.t('address1'), autocomplete: 'shipping address-line1', required: true, value: v('address1') })}
      ${input(el, { name: 'address2', label: el.t('address2'), autocomplete: 'shipping address-line2', value: v('address2') })}
      <div class="sfa-row">
        ${input(el, { name: 'postal_code', label: el.t('postalCode'), autocomplete: 'shipping postal-code', value: v('postal_code') })}
        ${input(el, { name: 'city', label: el.t('city'), autocomplete: 'shipping address-level2', required: true, value: v('city') })}
      </div>
      ${input(el, { name: 'state_or_province', label: el.t('state'), autocomplete: 'shipping address-level1', value: v('state_or_province') })}
      <div class="sfa-field">
        <label for=${countryField.id}>${el.t('country')}</label>
        <select id=${countryField.id} name="country_code" autocomplete="shipping country" required aria-invalid=${countryField.invalid} aria-describedby=${countryField.described} @change=${el.handleFieldInput}>
          <option value="">${el.t('choose')}</option>
          ${countries(el.language).map(([code, name]) => html`<option value=${code} ?selected=${code === country}>${name}</option>`)}
        </select>
        ${countryField.error}
      </div>
      ${input(el, { name: 'phone', type: 'tel', label: el.t('phone'), autocomplete: 'shipping tel', value: v('phone') })}
      <fieldset class="sfa-field">
        <legend>${el.t('addressType')}</legend>
        ${(['residential', 'commercial'] as const).map(
          (t) => html`<label class="sfa-check"><input type="radio" name="address_type" value=${t} ?checked=${t === type} />${el.t(t)}</label>`,
        )}
      </fieldset>
      <div class="sfa-field">
        <label for=${notes.id}>${el.t('deliveryInstructions')} <span class="sfa-optional">(${el.t('optional')})</span></label>
        <textarea id=${notes.id} name="delivery_instructions" rows="2" maxlength="500" aria-invalid=${notes.invalid} aria-describedby=${notes.described} .defaultValue=${v('delivery_instructions')} @input=${el.handleFieldInput}></textarea>
        ${notes.error}
      </div>
      ${input(el, { name: 'label', label: el.t('label'), autocomplete: 'off', maxlength: 50, hint: el.t('labelHint'), value: v('label') })}
      ${el.fields.map((def) => customField(el, def, a?.form_fields.find((f) => f.name === def.name)?.value))}
      <label class="sfa-check"><input type="checkbox" name="is_default_shipping" ?checked=${a?.is_default_shipping} />${el.t('defaultShipping')}</label>
      <label class="sfa-check"><input type="checkbox" name="is_default_billing" ?checked=${a?.is_default_billing} />${el.t('defaultBilling')}</label>
      <div class="sfa-actions">
        <button class="sfa-button" type="submit" ?disabled=${el.busy}>${el.t('save')}</button>
        <button class="sfa-button sfa-secondary" type="button" @click=${() => el.edit(null)}>${el.t('cancel')}</button>
      </div>
    </form>`;
  };
}
