import { describe, expect, it } from 'vitest';
import { countries } from '../../widget/src/elements/account-addresses';
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

describe('<account-addresses>', () => {
  it('lists addresses with default badges and the country in the page language', async () => {
    document.documentElement.lang = 'fr';
    api(base());
    const el = await mountBook();
    await settle();
    expect(el.querySelector('address')!.textContent).toContain('Allemagne');
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
    button(el, 'Add address').click();
    await settle();
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
    button(el, 'Edit').click();
    await settle();
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

  it('builds the country list from Intl without a bundled list', () => {
    const de = countries('de');
    expect(de.find(([c]) => c === 'FR')![1]).toBe('Frankreich');
    expect(de.some(([c]) => c === 'EU' || c === 'ZZ')).toBe(false);
    expect(de.length).toBeGreaterThan(200);
  });
});
