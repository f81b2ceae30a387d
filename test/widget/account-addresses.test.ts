import { describe, expect, it, vi } from 'vitest';
import { countries } from '../../widget/src/address-form';
import '../../widget/src/elements/account-addresses';
import type { AccountAddresses } from '../../widget/src/elements/account-addresses';
import type { Address } from '../../widget/src/types';
import { API, addressFields, api, calls, errorOf, field, mount, settle, signedIn, submit, type, failure } from './helpers';

const home: Address = {
  id: 11,
  customer_id: 7,
  first_name: 'Dana',
  last_name: 'Demo',
  company: '',
  address1: '1 Market Street',
  address2: '',
  city: 'Berlin',
  state_or_province: '',
  postal_code: '10115',
  country_code: 'DE',
  country: 'Germany',
  phone: '',
  address_type: 'residential',
  label: '',
  delivery_instructions: '',
  is_default_shipping: true,
  is_default_billing: false,
  form_fields: [{ name: 'door_code', value: '42' }],
};

const base = (list: Address[] = [home]) => ({
  ...signedIn(),
  'GET /form-fields': [200, { customer: [], address: addressFields }] as [number, unknown],
  'GET /customer/addresses': [200, { data: list }] as [number, unknown],
});
const mountBook = () => mount<AccountAddresses>(`<account-addresses api="${API}"></account-addresses>`);
const button = (root: ParentNode, text: string) => [...root.querySelectorAll('button')].find((b) => b.textContent.trim() === text)!;
/** Opens the form (address-form.ts, loaded on demand the first time) with the button saying `text`. */
async function openForm(el: HTMLElement, text: string): Promise<void> {
  button(el, text).click();
  await vi.waitFor(() => expect(el.querySelector('form')).not.toBeNull());
  await settle();
}

describe('<account-addresses>', () => {
  it('lists addresses with default badges and the country in the page language', async () => {
    document.documentElement.lang = 'fr';
    api(base());
    const el = await mountBook();
    await vi.waitFor(() => expect(el.querySelector('address')!.textContent).toContain('Allemagne')); // once the French texts are loaded
    expect(el.querySelector('.sfa-badge')!.textContent).toContain('livraison');
  });

  it('shows an empty state', async () => {
    api(base([]));
    const el = await mountBook();
    expect(el.textContent).toContain('You have no saved addresses yet.');
  });

  it('adds an address with its custom field; required fields are checked first', async () => {
    api({ ...base([]), 'POST /customer/addresses': [201, { data: home }] });
    const el = await mountBook();
    await openForm(el, 'Add address');
    expect(field(el, 'first_name').value).toBe('Dana'); // prefilled from the profile
    submit(el.querySelector('form'));
    await settle();
    expect(errorOf(el, 'address1')).toBe('This field is required');
    expect(errorOf(el, 'country_code')).toBe('This field is required');
    type(field(el, 'address1'), '1 Market Street');
    type(field(el, 'city'), 'Berlin');
    type(field(el, 'postal_code'), '10115');
    type(field<HTMLSelectElement>(el, 'country_code'), 'DE');
    type(field(el, 'form_fields.door_code'), '42');
    field(el, 'is_default_shipping').checked = true;
    const events: CustomEvent[] = [];
    el.addEventListener('account-change', (e) => events.push(e));
    submit(el.querySelector('form'));
    await settle();
    expect(
      el.querySelector('[role=alert]')?.textContent ?? '',
      JSON.stringify([...el.querySelectorAll('.sfa-error')].map((e) => e.id + e.textContent)),
    ).toBe('');
    const body = calls.find((c) => c.path === '/customer/addresses' && c.method === 'POST')!.body as Record<string, unknown>;
    expect(body).toMatchObject({
      address1: '1 Market Street',
      city: 'Berlin',
      country_code: 'DE',
      is_default_shipping: true,
      is_default_billing: false,
      form_fields: [{ name: 'door_code', value: '42' }],
    });
    expect(events[0]!.detail).toEqual({ kind: 'address-added', data: home });
  });

  it('edits an address and shows server errors on their fields', async () => {
    api({ ...base(), 'PATCH /customer/addresses/11': failure('validation_failed', { postal_code: 'invalid_postal_code' }) });
    const el = await mountBook();
    await openForm(el, 'Edit');
    expect(field(el, 'form_fields.door_code').value).toBe('42');
    type(field(el, 'postal_code'), '1');
    submit(el.querySelector('form'));
    await settle();
    expect(errorOf(el, 'postal_code')).toBe('Enter a valid postal code for this country');
  });

  it('deletes only after confirmation', async () => {
    api({ ...base(), 'DELETE /customer/addresses/11': [204] });
    const el = await mountBook();
    button(el, 'Delete').click();
    await settle();
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);
    expect(el.textContent).toContain('Delete this address?');
    const events: CustomEvent[] = [];
    el.addEventListener('account-change', (e) => events.push(e));
    el.querySelector<HTMLButtonElement>('.sfa-danger')!.click();
    await settle();
    expect(events[0]!.detail).toEqual({ kind: 'address-deleted', data: { id: 11 } });
    expect(el.querySelector('address')).toBeNull();
  });

  it('saves a name, delivery instructions and "commercial", and shows them on the card', async () => {
    const office: Address = {
      ...home,
      id: 12,
      label: 'Office',
      delivery_instructions: 'Reception, 2nd floor',
      address_type: 'commercial',
      is_default_shipping: false,
    };
    let saved = false;
    api({
      ...base([home]),
      'GET /customer/addresses': () => [200, { data: saved ? [home, office] : [home] }],
      'POST /customer/addresses': () => ((saved = true), [201, { data: office }]),
    });
    const el = await mountBook();
    expect(el.querySelector('.sfa-card')!.textContent).toContain('Residential');
    await openForm(el, 'Add address');
    // the new address is residential until the shopper says otherwise
    expect(el.querySelector<HTMLInputElement>('input[name=address_type][value=residential]')!.checked).toBe(true);
    expect(field(el, 'label').getAttribute('maxlength')).toBe('50');
    type(field(el, 'address1'), '1 Market Street');
    type(field(el, 'city'), 'Berlin');
    type(field<HTMLSelectElement>(el, 'country_code'), 'DE');
    type(field(el, 'label'), ' Office ');
    type(field<HTMLTextAreaElement>(el, 'delivery_instructions'), 'Reception, 2nd floor');
    el.querySelector<HTMLInputElement>('input[name=address_type][value=commercial]')!.checked = true;
    submit(el.querySelector('form'));
    await settle();
    expect(calls.find((c) => c.method === 'POST' && c.path === '/customer/addresses')!.body).toMatchObject({
      label: 'Office',
      delivery_instructions: 'Reception, 2nd floor',
      address_type: 'commercial',
    });
    const card = [...el.querySelectorAll('.sfa-card')].find((c) => c.querySelector('h3')?.textContent === 'Office')!;
    expect(card.textContent).toContain('Delivery instructions: Reception, 2nd floor');
    expect([...card.querySelectorAll('.sfa-badge')].map((b) => b.textContent)).toContain('Commercial');
    expect(el.querySelector('.sfa-card h3')!.textContent).toBe('Office'); // the unnamed address has no heading
  });

  it('edits the name, instructions and type of an address, prefilled', async () => {
    const office: Address = { ...home, label: 'Office', delivery_instructions: 'Ring twice', address_type: 'commercial' };
    api({ ...base([office]), 'PATCH /customer/addresses/11': [200, { data: { ...office, label: '', address_type: 'residential' } }] });
    const el = await mountBook();
    await openForm(el, 'Edit');
    expect(field(el, 'label').value).toBe('Office');
    expect(field<HTMLTextAreaElement>(el, 'delivery_instructions').value).toBe('Ring twice');
    expect(el.querySelector<HTMLInputElement>('input[name=address_type][value=commercial]')!.checked).toBe(true);
    type(field(el, 'label'), '');
    el.querySelector<HTMLInputElement>('input[name=address_type][value=residential]')!.checked = true;
    submit(el.querySelector('form'));
    await settle();
    // an emptied name is sent as '' so the server clears it
    expect(calls.find((c) => c.method === 'PATCH')!.body).toMatchObject({
      label: '',
      delivery_instructions: 'Ring twice',
      address_type: 'residential',
    });
  });

  it('shows a too-long delivery instruction from the server on its field', async () => {
    api({ ...base(), 'PATCH /customer/addresses/11': failure('validation_failed', { delivery_instructions: 'too_long' }) });
    const el = await mountBook();
    await openForm(el, 'Edit');
    submit(el.querySelector('form'));
    await settle();
    expect(errorOf(el, 'delivery_instructions')).toBe('This is too long');
  });

  it('speaks German in the form and on the card', async () => {
    document.documentElement.lang = 'de';
    api(base([{ ...home, label: 'Zuhause', delivery_instructions: 'Beim Nachbarn abgeben', address_type: 'commercial' }]));
    const el = await mountBook();
    await vi.waitFor(() => expect(el.querySelector('.sfa-card')!.textContent).toContain('Lieferhinweise: Beim Nachbarn abgeben'));
    expect(el.querySelector('.sfa-card')!.textContent).toContain('Geschäftlich');
    await openForm(el, 'Bearbeiten');
    expect(el.querySelector('legend')!.textContent).toBe('Adressart');
    expect(el.querySelector(`label[for="${field(el, 'delivery_instructions').id}"]`)!.textContent).toContain('Lieferhinweise');
    expect(el.querySelector(`label[for="${field(el, 'address1').id}"]`)!.textContent).toContain('Straße und Hausnummer');
  });

  it('builds the country list from Intl without a bundled list', () => {
    const de = countries('de');
    expect(de.find(([c]) => c === 'FR')![1]).toBe('Frankreich');
    expect(de.some(([c]) => c === 'EU' || c === 'ZZ')).toBe(false);
    expect(de.length).toBeGreaterThan(200);
  });
});
