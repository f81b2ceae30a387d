// Customer addresses: the one identity rule ("the same address"), the address resource shape, the
// shopper's address book (storefront) and the admin API's all-or-nothing batches. Both APIs write the
// same table, so both go through here; where BigCommerce's admin behaviour must differ, that is a named
// mode of the one rule (see addressIdentity), not a second rule.
//
// Duplicates, as each API answers them:
// - address book: a POST of an address the shopper already has stores nothing new and answers the
//   existing one (200, not 201), applying default flags asked for; a PATCH that would turn an address
//   into a copy of another is refused (409 `address_exists`). Two simultaneous POSTs of the same new
//   address can still both be stored: the check is a read before the write (no unique index can express
//   the normalised rule).
// - admin API: as BigCommerce, an address identical to one the customer has is skipped and left out of
//   the response, and so is an update that would duplicate another address.
import {
  type AddressChange,
  type AddressFilter,
  type AddressListRow,
  type AddressRow,
  clearDefaultAddressStatements,
  deleteAddressesStatement,
  deleteCustomerAddressStatement,
  getAddressesByIds,
  getAddressesOfCustomers,
  insertAddressStatement,
  listAddressBook,
  listAddresses,
  type NewAddress,
  updateAddressStatement,
} from '../db/addresses';
import { runBatch } from '../db/batch';
import { getExistingCustomerIds } from '../db/customers';
import { listFormFieldDefinitions } from '../db/form-fields';
import type { ListResult } from '../db/list';
import type { Paging } from '../db/sql';
import { type Actor, customerIdRef, insertTimelineEventStatement } from '../db/timeline';
import { existingIds, newestAddressIds } from '../db/webhooks';
import type { LiveShopper } from '../env';
import { ApiError, fieldError, type FieldErrors, throwIfInvalid } from '../errors';
import { type AddressField, type AddressFields, checkAddress, countryName, normalizeAddress } from '../shared/address-rules';
import type { Address } from '../shared/api-types';
import { isoNow } from '../time';
import { checkFormFieldValues, type FormFieldEntry } from './form-field-values';
import { SHOPPER_WRITE, shopperActor } from './shoppers';
import { addressEvent } from './webhooks';

export type { Address };

/** The address as both APIs answer it (BigCommerce address_Full plus label, instructions and defaults). */
export function toAddress(row: AddressRow): Address {
  return {
    id: row.id,
    customer_id: row.customer_id,
    first_name: row.first_name,
    last_name: row.last_name,
    company: row.company,
    address1: row.address1,
    address2: row.address2,
    city: row.city,
    state_or_province: row.state_or_province,
    postal_code: row.postal_code,
    country: countryName(row.country_code),
    country_code: row.country_code,
    phone: row.phone,
    address_type: row.address_type,
    label: row.label,
    delivery_instructions: row.delivery_instructions,
    is_default_shipping: row.is_default_shipping === 1,
    is_default_billing: row.is_default_billing === 1,
    form_fields: JSON.parse(row.form_fields) as FormFieldEntry[],
  };
}

// ---- The identity rule ----

/**
 * Whose idea of "the same address" applies:
 * - `address_book` (the shopper's own book): every field the shopper can set counts — the postal
 *   address and phone, and also label, delivery instructions and the store's address form fields. A
 *   shopper may keep "Home" and "Gift to Mum" at the same street, and they must not merge.
 * - `bigcommerce` (the admin API): only the 11 fields BigCommerce compares (names, company, phone,
 *   type, street, city, country, state, postal code). Admin clients are BigCommerce integrations that
 *   do not know our label and delivery instructions and often not the address form fields; they
 *   re-send what they have, and BigCommerce promises that an identical address is skipped. Counting
 *   the fields they cannot send would make every re-sync of a shopper-labelled address a new copy.
 * Both modes normalise alike (trimmed, inner whitespace collapsed, case-insensitive, postal code and
 * state in their country's canonical form): "10115" and " 10115 " are one address for everyone.
 */
export type AddressIdentityMode = 'address_book' | 'bigcommerce';

/** What the identity rule reads: the text fields and, in `address_book` mode, the form field values. */
export type AddressIdentityInput = AddressFields & { form_fields?: readonly FormFieldEntry[] };

/** The fields BigCommerce compares, in both modes. */
const POSTAL_FIELDS = [
  'first_name',
  'last_name',
  'company',
  'phone',
  'address_type',
  'address1',
  'address2',
  'city',
  'country_code',
  'state_or_province',
  'postal_code',
] as const satisfies readonly AddressField[];

/** What only the shopper's own book counts (our additions to BigCommerce's address). */
const ADDRESS_BOOK_FIELDS = ['label', 'delivery_instructions'] as const satisfies readonly AddressField[];

/**
 * The identity key of an address: two addresses of one customer are "the same" exactly when their
 * keys are equal. Compare keys of one customer only (the customer is not part of the key).
 */
export function addressIdentity(address: AddressIdentityInput, mode: AddressIdentityMode): string {
  const a = normalizeAddress({ ...address, address_type: address.address_type || 'residential' });
  const fields: readonly AddressField[] = mode === 'address_book' ? [...POSTAL_FIELDS, ...ADDRESS_BOOK_FIELDS] : POSTAL_FIELDS;
  const parts = fields.map((k) => (a[k] ?? '').toLowerCase());
  if (mode === 'bigcommerce') return JSON.stringify(parts);
  // Form fields in any order, a checkbox list's choices in any order; names ignore case like their definitions.
  const formFields = [...(address.form_fields ?? [])]
    .map((f) => [f.name.toLowerCase(), Array.isArray(f.value) ? [...f.value].sort() : f.value] as const)
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  return JSON.stringify([parts, formFields]);
}

/** A stored row as the identity rule reads it. */
function identityOfRow(row: AddressRow, mode: AddressIdentityMode): string {
  return addressIdentity({ ...row, form_fields: JSON.parse(row.form_fields) as FormFieldEntry[] }, mode);
}

// ---- The shopper's address book (storefront) ----

/** What a shopper sends for an address (POST: the whole address; PATCH: the fields to change). */
export type AddressInput = AddressFields & {
  is_default_shipping?: boolean;
  is_default_billing?: boolean;
  form_fields?: FormFieldEntry[];
};

function rowFields(row: AddressRow): Required<AddressFields> {
  const {
    first_name,
    last_name,
    company,
    address1,
    address2,
    city,
    state_or_province,
    postal_code,
    country_code,
    phone,
    address_type,
    label,
    delivery_instructions,
  } = row;
  return {
    first_name,
    last_name,
    company,
    address1,
    address2,
    city,
    state_or_province,
    postal_code,
    country_code,
    phone,
    address_type,
    label,
    delivery_instructions,
  };
}

const addressNotFound = () => new ApiError('address_not_found');

/** The shopper's addresses, default shipping first, then default billing, then newest. */
export async function listShopperAddresses(db: D1Database, customerId: number): Promise<Address[]> {
  return (await listAddressBook(db, customerId)).map(toAddress);
}

/**
 * Adds an address to the shopper's book (fields checked and normalised, the store's required address
 * fields required). An address the shopper already has is not stored twice: `created` is false and
 * the answer is the existing address, with the default flags asked for applied to it.
 */
export async function addShopperAddress(db: D1Database, shopper: LiveShopper, input: AddressInput): Promise<{ address: Address; created: boolean }> {
  const { form_fields, is_default_shipping, is_default_billing, ...raw } = input;
  const [rows, defs] = await Promise.all([listAddressBook(db, shopper.id), listFormFieldDefinitions(db, 'address')]);
  const errors: FieldErrors = { ...checkAddress(raw) };
  const formFields = checkFormFieldValues(defs, form_fields ?? [], errors, {
    path: { byName: 'form_fields' },
    requireAll: true,
    existing: [],
    kind: 'address',
  });
  throwIfInvalid(errors);

  const n = normalizeAddress(raw);
  const now = isoNow();
  const actor = shopperActor(shopper);
  const key = addressIdentity({ ...n, form_fields: formFields }, 'address_book');
  const existing = rows.find((r) => identityOfRow(r, 'address_book') === key);
  if (existing) {
    const change: AddressChange = {};
    if (is_default_shipping && existing.is_default_shipping !== 1) change.is_default_shipping = true;
    if (is_default_billing && existing.is_default_billing !== 1) change.is_default_billing = true;
    if (!Object.keys(change).length) return { address: toAddress(existing), created: false };
    const results = await runBatch<AddressRow>(
      db,
      [
        addressEvent(db, 'store/customer/address/updated', existingIds('customer_addresses', existing.id), shopper.id, now),
        ...clearDefaultAddressStatements(db, shopper.id, { shipping: change.is_default_shipping, billing: change.is_default_billing }, existing.id),
        updateAddressStatement(db, existing.id, change, now),
        insertTimelineEventStatement(
          db,
          customerIdRef(shopper.id),
          'address_updated',
          actor,
          { address_id: existing.id, fields: Object.keys(change) },
          now,
        ),
      ],
      SHOPPER_WRITE,
    );
    const updated = results[results.length - 2]!.results[0];
    if (!updated) throw addressNotFound();
    return { address: toAddress(updated), created: false };
  }

  const address: NewAddress = {
    ...n,
    first_name: n.first_name!,
    last_name: n.last_name!,
    address1: n.address1!,
    city: n.city!,
    country_code: n.country_code!,
    address_type: n.address_type as NewAddress['address_type'],
    form_fields: formFields,
    is_default_shipping,
    is_default_billing,
  };
  const statements = clearDefaultAddressStatements(db, shopper.id, { shipping: is_default_shipping, billing: is_default_billing });
  const insertAt = statements.length;
  statements.push(
    insertAddressStatement(db, customerIdRef(shopper.id), address, now, { returning: true }),
    addressEvent(db, 'store/customer/address/created', newestAddressIds(shopper.id), shopper.id, now),
    insertTimelineEventStatement(
      db,
      customerIdRef(shopper.id),
      'address_added',
      actor,
      {
        label: address.label ?? '',
        address1: address.address1,
        city: address.city,
        country_code: address.country_code,
      },
      now,
    ),
  );
  // A unique-index failure: a concurrent request changed a default first; nothing was written.
  const results = await runBatch<AddressRow>(db, statements, SHOPPER_WRITE);
  return { address: toAddress(results[insertAt]!.results[0]!), created: true };
}

/**
 * Changes one address of the shopper's book: only the given fields are checked (a new country
 * re-checks postal code and state); given form field values replace those of the same name and an
 * empty value removes one. A change that would make the address a copy of another is a 409.
 */
export async function updateShopperAddress(db: D1Database, shopper: LiveShopper, id: number, input: AddressInput): Promise<Address> {
  const { form_fields, is_default_shipping, is_default_billing, ...change } = input;
  const [rows, defs] = await Promise.all([
    listAddressBook(db, shopper.id),
    form_fields ? listFormFieldDefinitions(db, 'address') : Promise.resolve([]),
  ]);
  const row = rows.find((r) => r.id === id);
  if (!row) throw addressNotFound();

  const changed = Object.keys(change) as AddressField[];
  const merged: AddressFields = { ...rowFields(row), ...change };
  const errors: FieldErrors = { ...checkAddress(merged, { only: changed }) };
  const oldFormFields = JSON.parse(row.form_fields) as FormFieldEntry[];
  const formFields = form_fields
    ? checkFormFieldValues(defs, form_fields, errors, { path: { byName: 'form_fields' }, existing: oldFormFields, kind: 'address' })
    : oldFormFields;
  throwIfInvalid(errors);

  const n = normalizeAddress(merged);
  const next: AddressChange = {};
  // The postal code and state are normalised for their country, so a new country re-writes them too.
  const toWrite = new Set<AddressField>(change.country_code !== undefined ? [...changed, 'postal_code', 'state_or_province'] : changed);
  for (const field of toWrite) (next as Record<string, unknown>)[field] = n[field];
  if (form_fields) next.form_fields = formFields;
  if (is_default_shipping !== undefined) next.is_default_shipping = is_default_shipping;
  if (is_default_billing !== undefined) next.is_default_billing = is_default_billing;
  if (!Object.keys(next).length) return toAddress(row);

  const key = addressIdentity({ ...n, form_fields: formFields }, 'address_book');
  const twin = rows.find((r) => r.id !== id && identityOfRow(r, 'address_book') === key);
  if (twin) throw new ApiError('address_exists', { detail: `It is address ${twin.id}.` });

  const now = isoNow();
  const results = await runBatch<AddressRow>(
    db,
    [
      addressEvent(db, 'store/customer/address/updated', existingIds('customer_addresses', id), shopper.id, now),
      ...clearDefaultAddressStatements(db, shopper.id, { shipping: is_default_shipping, billing: is_default_billing }, id),
      updateAddressStatement(db, id, next, now),
      insertTimelineEventStatement(
        db,
        customerIdRef(shopper.id),
        'address_updated',
        shopperActor(shopper),
        { address_id: id, fields: Object.keys(next) },
        now,
      ),
    ],
    SHOPPER_WRITE,
  );
  const updated = results[results.length - 2]!.results[0];
  if (!updated) throw addressNotFound();
  return toAddress(updated);
}

/** Removes one address of the shopper's book (another customer's id answers like a missing one). */
export async function deleteShopperAddress(db: D1Database, shopper: LiveShopper, id: number): Promise<void> {
  const row = (await listAddressBook(db, shopper.id)).find((r) => r.id === id);
  if (!row) throw addressNotFound();
  await runBatch(
    db,
    [
      addressEvent(db, 'store/customer/address/deleted', existingIds('customer_addresses', id), shopper.id),
      deleteCustomerAddressStatement(db, shopper.id, id),
      insertTimelineEventStatement(db, customerIdRef(shopper.id), 'address_deleted', shopperActor(shopper), {
        address_id: id,
        label: row.label,
        address1: row.address1,
        city: row.city,
        country_code: row.country_code,
      }),
    ],
    SHOPPER_WRITE,
  );
}

// ---- The admin API (/v3/customers/addresses) ----

export type AdminAddressInput = Omit<NewAddress, 'address_type'> & { address_type?: 'residential' | 'commercial'; form_fields?: FormFieldEntry[] };
export type AdminAddressUpdate = Partial<AdminAddressInput> & { id: number };

/** One default shipping and one default billing address per customer: a batch may not ask for two. */
function checkDefaultFlags(
  items: readonly { customer_id: number; is_default_shipping?: boolean; is_default_billing?: boolean }[],
  errors: FieldErrors,
) {
  for (const flag of ['is_default_shipping', 'is_default_billing'] as const) {
    const first = new Map<number, number>();
    items.forEach((item, i) => {
      if (!item[flag]) return;
      const earlier = first.get(item.customer_id);
      if (earlier !== undefined) {
        errors[`${i}.${flag}`] = fieldError(
          'one_default',
          `Item ${earlier} already makes another address of customer ${item.customer_id} the default`,
        );
      } else first.set(item.customer_id, i);
    });
  }
}

/** Checks each item's address form field values (errors at `<i>.form_fields.<j>.…`); answers the values to store per item. */
async function checkAdminFormFields(
  db: D1Database,
  items: readonly { form_fields?: FormFieldEntry[] }[],
  errors: FieldErrors,
): Promise<(FormFieldEntry[] | undefined)[]> {
  if (!items.some((i) => i.form_fields?.length)) return items.map((i) => i.form_fields);
  const defs = await listFormFieldDefinitions(db, 'address');
  return items.map((item, i) =>
    item.form_fields ? checkFormFieldValues(defs, item.form_fields, errors, { path: { byIndex: `${i}.form_fields` }, kind: 'address' }) : undefined,
  );
}

function inOrder(rows: readonly AddressRow[], ids: readonly number[]): Address[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [toAddress(row)] : [];
  });
}

/** One page of addresses matching `filter` (the admin list): the page (for its paging links) and its addresses. */
export async function listAdminAddresses(
  db: D1Database,
  filter: AddressFilter,
  paging: Paging,
): Promise<{ result: ListResult<AddressListRow>; addresses: Address[] }> {
  const result = await listAddresses(db, filter, paging);
  return { result, addresses: result.rows.map(toAddress) };
}

/**
 * Creates addresses for existing customers, all or nothing. An address identical (`bigcommerce` mode)
 * to one the customer has — or to an earlier item — is skipped and left out of the answer.
 */
export async function createAddresses(
  db: D1Database,
  items: readonly (AdminAddressInput & { customer_id: number })[],
  actor: Actor,
): Promise<Address[]> {
  const errors: FieldErrors = {};
  const customerIds = [...new Set(items.map((i) => i.customer_id))];
  const known = await getExistingCustomerIds(db, customerIds);
  items.forEach((item, i) => {
    if (!known.has(item.customer_id)) errors[`${i}.customer_id`] = fieldError('not_found', `Customer ${item.customer_id} does not exist`);
  });
  checkDefaultFlags(items, errors);
  const formFields = await checkAdminFormFields(db, items, errors);
  throwIfInvalid(errors);

  const taken = new Set((await getAddressesOfCustomers(db, customerIds)).map((r) => `${r.customer_id}:${identityOfRow(r, 'bigcommerce')}`));
  const now = isoNow();
  const statements: D1PreparedStatement[] = [];
  const insertAt: number[] = [];
  items.forEach(({ customer_id, ...address }, i) => {
    const key = `${customer_id}:${addressIdentity(address, 'bigcommerce')}`;
    if (taken.has(key)) return;
    taken.add(key);
    statements.push(
      ...clearDefaultAddressStatements(db, customer_id, { shipping: address.is_default_shipping, billing: address.is_default_billing }),
    );
    insertAt.push(statements.length);
    statements.push(insertAddressStatement(db, customerIdRef(customer_id), { ...address, form_fields: formFields[i] }, now, { returning: true }));
    statements.push(addressEvent(db, 'store/customer/address/created', newestAddressIds(customer_id), customer_id, now));
    statements.push(
      insertTimelineEventStatement(
        db,
        customerIdRef(customer_id),
        'address_added',
        actor,
        {
          address1: address.address1,
          city: address.city,
          country_code: address.country_code.toUpperCase(),
        },
        now,
      ),
    );
  });
  // Unique index (one default of each kind) or foreign key (a customer deleted meanwhile): nothing was written.
  const results = await runBatch<AddressRow>(db, statements);
  return insertAt.map((at) => toAddress(results[at]!.results[0]!));
}

/**
 * Updates addresses by id, all or nothing. Given form field values replace those of the same name (an
 * empty value removes one). An update that would make an address identical (`bigcommerce` mode) to
 * another address of its customer changes nothing and is left out of the answer, as BigCommerce does.
 */
export async function updateAddresses(db: D1Database, items: readonly AdminAddressUpdate[], actor: Actor): Promise<Address[]> {
  const errors: FieldErrors = {};
  const current = new Map(
    (
      await getAddressesByIds(
        db,
        items.map((i) => i.id),
      )
    ).map((r) => [r.id, r]),
  );
  const seen = new Set<number>();
  items.forEach((item, i) => {
    if (!current.has(item.id)) errors[`${i}.id`] = fieldError('not_found', `Address ${item.id} does not exist`);
    else if (seen.has(item.id)) errors[`${i}.id`] = fieldError('duplicate', `Address ${item.id} appears twice in this request`);
    seen.add(item.id);
  });
  throwIfInvalid(errors);
  checkDefaultFlags(
    items.map((item) => ({ ...item, customer_id: current.get(item.id)!.customer_id })),
    errors,
  );
  const defs = items.some((i) => i.form_fields?.length) ? await listFormFieldDefinitions(db, 'address') : [];
  const formFields = items.map((item, i) =>
    item.form_fields
      ? checkFormFieldValues(defs, item.form_fields, errors, {
          path: { byIndex: `${i}.form_fields` },
          existing: JSON.parse(current.get(item.id)!.form_fields) as FormFieldEntry[],
          kind: 'address',
        })
      : undefined,
  );
  throwIfInvalid(errors);

  // Every address of the customers touched, keyed as they will be once earlier items are applied.
  const customerIds = [...new Set([...current.values()].map((r) => r.customer_id))];
  const keys = new Map((await getAddressesOfCustomers(db, customerIds)).map((r) => [r.id, `${r.customer_id}:${identityOfRow(r, 'bigcommerce')}`]));
  const now = isoNow();
  const statements: D1PreparedStatement[] = [];
  const updated: number[] = [];
  items.forEach(({ id, form_fields, ...change }, i) => {
    const row = current.get(id)!;
    const key = `${row.customer_id}:${addressIdentity({ ...rowFields(row), ...change }, 'bigcommerce')}`;
    if ([...keys].some(([otherId, otherKey]) => otherId !== id && otherKey === key)) return;
    keys.set(id, key);
    const next: AddressChange = { ...change };
    if (form_fields) next.form_fields = formFields[i];
    statements.push(
      ...clearDefaultAddressStatements(db, row.customer_id, { shipping: change.is_default_shipping, billing: change.is_default_billing }, id),
    );
    statements.push(updateAddressStatement(db, id, next, now));
    statements.push(addressEvent(db, 'store/customer/address/updated', existingIds('customer_addresses', id), row.customer_id, now));
    statements.push(
      insertTimelineEventStatement(
        db,
        customerIdRef(row.customer_id),
        'address_updated',
        actor,
        {
          address_id: id,
          fields: Object.keys(form_fields ? { ...change, form_fields } : change),
        },
        now,
      ),
    );
    updated.push(id);
  });
  await runBatch(db, statements);
  // Read back after the whole batch: a later item's default flag may have cleared an earlier item's.
  return inOrder(await getAddressesByIds(db, updated), updated);
}

/** Deletes addresses by id (unknown ids are ignored), each on its customer's timeline. */
export async function deleteAddresses(db: D1Database, ids: readonly number[], actor: Actor): Promise<void> {
  const rows = await getAddressesByIds(db, ids);
  if (!rows.length) return;
  const now = isoNow();
  await runBatch(db, [
    ...rows.map((r) => addressEvent(db, 'store/customer/address/deleted', existingIds('customer_addresses', r.id), r.customer_id, now)),
    deleteAddressesStatement(
      db,
      rows.map((r) => r.id),
    ),
    ...rows.map((r) => insertTimelineEventStatement(db, customerIdRef(r.customer_id), 'address_deleted', actor, { address_id: r.id }, now)),
  ]);
}
