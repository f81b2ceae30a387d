// accounts/addresses.ts against real D1: the one identity rule in both of its modes, the shopper's
// address book (duplicates, 409 on a PATCH that copies another address, 404 for another's address,
// defaults) and the admin batches (BigCommerce's skipping of identical addresses).
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import {
  addressIdentity,
  addShopperAddress,
  createAddresses,
  deleteShopperAddress,
  listShopperAddresses,
  updateAddresses,
  updateShopperAddress,
} from '../../../worker/src/accounts/addresses';
import { apiError, fieldCodes, newShopper, staff } from './records-fixtures';

const home = {
  first_name: 'Ada',
  last_name: 'Lovelace',
  address1: '12 Example Street',
  city: 'Toronto',
  country_code: 'CA',
  state_or_province: 'ON',
  postal_code: 'M5V 2T6',
};

describe('addressIdentity', () => {
  it('normalises alike in both modes: whitespace, case, postal code and state in canonical form', () => {
    const messy = {
      ...home,
      first_name: ' ada ',
      address1: '12  EXAMPLE street',
      country_code: 'ca',
      state_or_province: 'ontario',
      postal_code: 'm5v2t6',
    };
    for (const mode of ['address_book', 'bigcommerce'] as const) {
      expect(addressIdentity(messy, mode), mode).toBe(addressIdentity(home, mode));
      expect(addressIdentity({ ...home, address_type: 'residential' }, mode), mode).toBe(addressIdentity(home, mode));
      expect(addressIdentity({ ...home, address2: 'Unit 4' }, mode), mode).not.toBe(addressIdentity(home, mode));
      expect(addressIdentity({ ...home, address_type: 'commercial' }, mode), mode).not.toBe(addressIdentity(home, mode));
    }
  });

  it('address_book: label, delivery instructions and form fields make a different address', () => {
    const base = addressIdentity({ ...home, form_fields: [{ name: 'gate', value: '1' }] }, 'address_book');
    expect(addressIdentity({ ...home, label: 'Office', form_fields: [{ name: 'gate', value: '1' }] }, 'address_book')).not.toBe(base);
    expect(addressIdentity({ ...home, delivery_instructions: 'Back door', form_fields: [{ name: 'gate', value: '1' }] }, 'address_book')).not.toBe(
      base,
    );
    expect(addressIdentity({ ...home, form_fields: [{ name: 'gate', value: '2' }] }, 'address_book')).not.toBe(base);
    // Form fields in any order and name case; a checkbox list's choices in any order.
    const a = addressIdentity(
      {
        ...home,
        form_fields: [
          { name: 'x', value: ['b', 'a'] },
          { name: 'Y', value: 1 },
        ],
      },
      'address_book',
    );
    const b = addressIdentity(
      {
        ...home,
        form_fields: [
          { name: 'y', value: 1 },
          { name: 'X', value: ['a', 'b'] },
        ],
      },
      'address_book',
    );
    expect(a).toBe(b);
  });

  it('bigcommerce: only the 11 fields BigCommerce compares count', () => {
    const base = addressIdentity(home, 'bigcommerce');
    expect(
      addressIdentity({ ...home, label: 'Office', delivery_instructions: 'Back door', form_fields: [{ name: 'gate', value: '2' }] }, 'bigcommerce'),
    ).toBe(base);
    expect(addressIdentity({ ...home, phone: '555 0100' }, 'bigcommerce')).not.toBe(base);
  });
});

describe('the shopper’s address book', () => {
  it('stores a duplicate once (created: false) and applies the default flags asked for', async () => {
    const shopper = await newShopper();
    const first = await addShopperAddress(env.DB, shopper, home);
    expect(first.created).toBe(true);
    const again = await addShopperAddress(env.DB, shopper, { ...home, postal_code: 'm5v 2t6', is_default_billing: true });
    expect(again).toMatchObject({ created: false, address: { id: first.address.id, is_default_billing: true } });
    expect(await listShopperAddresses(env.DB, shopper.id)).toHaveLength(1);
    // A label makes it another entry of the book.
    expect((await addShopperAddress(env.DB, shopper, { ...home, label: 'Gift' })).created).toBe(true);
  });

  it('answers field codes for what the shopper must fix', async () => {
    const shopper = await newShopper();
    const err = await apiError(
      addShopperAddress(env.DB, shopper, {
        ...home,
        postal_code: '1234',
        state_or_province: 'XX',
        form_fields: [{ name: 'no_such_field', value: 'x' }],
      }),
    );
    expect(err.code).toBe('validation_failed');
    expect(fieldCodes(err)).toEqual({
      postal_code: 'invalid_postal_code',
      state_or_province: 'invalid_state',
      'form_fields.no_such_field': 'unknown_field',
    });
  });

  it('refuses a change that copies another address (409 address_exists) and another customer’s address (404)', async () => {
    const shopper = await newShopper();
    const other = await newShopper();
    const a = (await addShopperAddress(env.DB, shopper, home)).address;
    const b = (await addShopperAddress(env.DB, shopper, { ...home, address1: '99 Elsewhere' })).address;
    expect((await apiError(updateShopperAddress(env.DB, shopper, b.id, { address1: a.address1.toUpperCase() }))).code).toBe('address_exists');
    expect((await apiError(updateShopperAddress(env.DB, other, a.id, { city: 'Ottawa' }))).code).toBe('address_not_found');
    expect((await apiError(deleteShopperAddress(env.DB, other, a.id))).code).toBe('address_not_found');
    const moved = await updateShopperAddress(env.DB, shopper, b.id, { is_default_shipping: true });
    expect(moved.is_default_shipping).toBe(true);
    await deleteShopperAddress(env.DB, shopper, a.id);
    expect((await listShopperAddresses(env.DB, shopper.id)).map((x) => x.id)).toEqual([b.id]);
  });
});

describe('the admin batches', () => {
  it('skip an address identical in BigCommerce’s sense, even with another label', async () => {
    const shopper = await newShopper();
    const [stored] = await createAddresses(env.DB, [{ customer_id: shopper.id, ...home, label: 'Home' }], staff);
    const again = await createAddresses(
      env.DB,
      [
        { customer_id: shopper.id, ...home, first_name: 'ADA', label: 'Other' },
        { customer_id: shopper.id, ...home, city: 'Ottawa' },
      ],
      staff,
    );
    expect(again.map((a) => a.city)).toEqual(['Ottawa']);
    // An update that would duplicate another address is left out, changing nothing.
    expect(await updateAddresses(env.DB, [{ id: again[0]!.id, city: 'Toronto' }], staff)).toEqual([]);
    expect((await updateAddresses(env.DB, [{ id: stored!.id, label: 'Renamed' }], staff))[0]).toMatchObject({ id: stored!.id, label: 'Renamed' });
  });

  it('name unknown customers and two defaults for one customer with field codes, writing nothing', async () => {
    const shopper = await newShopper();
    const err = await apiError(
      createAddresses(
        env.DB,
        [
          { customer_id: 999_999_999, ...home },
          { customer_id: shopper.id, ...home, is_default_shipping: true },
          { customer_id: shopper.id, ...home, city: 'Ottawa', is_default_shipping: true },
        ],
        staff,
      ),
    );
    expect(fieldCodes(err)).toEqual({ '0.customer_id': 'not_found', '2.is_default_shipping': 'one_default' });
    expect(await listShopperAddresses(env.DB, shopper.id)).toEqual([]);
  });
});
