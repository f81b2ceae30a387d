// The shopper's address book: GET / POST /storefront/customer/addresses, PATCH / DELETE /{id}.
// Every query is scoped to the token's customer and its token_version: another customer's address
// answers 404 exactly like a missing one (no probing of ids), and a token from before a password
// change or log-out-everywhere answers 401. Unlimited addresses; defaults first, then newest.
// Field checks live in shared/address-rules.ts so the widget shows the same messages before sending.
//
// Duplicates: POST of an address the shopper already has (the same fields once normalised — trimmed,
// case-insensitive, postal code and state in canonical form — including label, delivery instructions
// and form fields) stores nothing new and answers **200** with the existing address instead of 201;
// default flags asked for in that POST are applied to the existing address. A PATCH that would turn
// an address into a copy of another one is refused with 409. (Two simultaneous POSTs of the same new
// address can still both be stored: the check is a read before the write.)
import { Hono } from 'hono';
import * as z from 'zod';
import {
  type AddressChange,
  type AddressRow,
  clearDefaultAddress,
  deleteCustomerAddressStatement,
  getCustomerAddress,
  getShopperAddressBook,
  insertAddressReturningId,
  type NewAddress,
  toAddress,
  updateAddressStatement,
} from '../../db/addresses';
import { type FormFieldRecord, listFormFieldDefinitions } from '../../db/form-fields';
import { isUniqueViolation } from '../../db/sql';
import { type Actor, insertTimelineEvent } from '../../db/timeline';
import type { AppEnv } from '../../env';
import { ApiError } from '../../errors';
import { revokedToken } from '../../middleware/customer-auth';
import { ADDRESS_TYPES, type AddressField, type AddressFields, checkAddress, normalizeAddress } from '../../shared/address-rules';
import { checkFormFieldValue, type FormFieldValue, normalizeFormFieldValue } from '../../shared/form-field-rules';
import { isoNow } from '../../time';
import { validate } from '../../validation';
import { formFieldValues } from './shapes';

// zod checks types and bounds the size; what a shopper must fix (required, length, postal code,
// state) is checkAddress's job, so every message reads the same in the widget and here.
const text = z.string({ error: 'Enter text' }).max(2000, 'This is too long');
const flag = z.boolean({ error: 'Expected true or false' });

const addressBody = z
  .object({
    first_name: text.optional(),
    last_name: text.optional(),
    company: text.optional(),
    address1: text.optional(),
    address2: text.optional(),
    city: text.optional(),
    state_or_province: text.optional(),
    postal_code: text.optional(),
    country_code: text.optional(),
    phone: text.optional(),
    address_type: z.enum(ADDRESS_TYPES, { error: 'Choose residential or commercial' }).optional(),
    label: text.optional(),
    delivery_instructions: text.optional(),
    is_default_shipping: flag.optional(),
    is_default_billing: flag.optional(),
    form_fields: formFieldValues.optional(),
  })
  .strict();

type FormFieldInput = { name: string; value: FormFieldValue };

const notFound = () => new ApiError('address_not_found');

function failIfErrors(errors: Record<string, string | undefined>) {
  if (Object.keys(errors).length) throw new ApiError('validation_failed', { errors: errors as Record<string, string> });
}

function isEmptyValue(v: FormFieldValue): boolean {
  return v === '' || (Array.isArray(v) && v.length === 0);
}

/**
 * Checks given address form field values against the store's address fields (errors keyed
 * `form_fields.<name>`) and answers the address's new list: `existing` values not given are kept, an
 * empty value removes one. With `requireAll`, every required field must be among the given ones.
 */
function checkAddressFormFields(
  defs: readonly FormFieldRecord[],
  given: readonly FormFieldInput[],
  existing: readonly FormFieldInput[],
  errors: Record<string, string>,
  { requireAll }: { requireAll: boolean },
): FormFieldInput[] {
  const accepted: FormFieldInput[] = [];
  const seen = new Set<string>();
  for (const v of given) {
    const key = v.name.toLowerCase();
    const def = defs.find((d) => d.name.toLowerCase() === key);
    const path = `form_fields.${def?.name ?? v.name}`;
    if (seen.has(key)) {
      errors[path] = 'This field is given twice';
      continue;
    }
    seen.add(key);
    if (!def) {
      errors[path] = 'Unknown field';
      continue;
    }
    const problem = checkFormFieldValue(def, v.value);
    if (problem) errors[path] = problem;
    else accepted.push({ name: def.name, value: isEmptyValue(v.value) ? v.value : normalizeFormFieldValue(def, v.value) });
  }
  if (requireAll) {
    for (const def of defs) {
      if (def.required && !seen.has(def.name.toLowerCase())) errors[`form_fields.${def.name}`] = checkFormFieldValue(def, undefined) ?? `${def.label} is required`;
    }
  }
  const kept = existing.filter((old) => !seen.has(old.name.toLowerCase()));
  return [...kept, ...accepted].filter((f) => !isEmptyValue(f.value));
}

function rowFields(row: AddressRow): Required<AddressFields> {
  const { first_name, last_name, company, address1, address2, city, state_or_province, postal_code, country_code, phone, address_type, label, delivery_instructions } = row;
  return { first_name, last_name, company, address1, address2, city, state_or_province, postal_code, country_code, phone, address_type, label, delivery_instructions };
}

/** "The same address": every field normalised and compared case-insensitively, form fields in any order. */
function sameAddressKey(fields: AddressFields, formFields: readonly FormFieldInput[]): string {
  const a = normalizeAddress({ address_type: 'residential', ...fields });
  const keys: AddressField[] = [
    'first_name',
    'last_name',
    'company',
    'address1',
    'address2',
    'city',
    'state_or_province',
    'postal_code',
    'country_code',
    'phone',
    'address_type',
    'label',
    'delivery_instructions',
  ];
  const parts = keys.map((k) => (a[k] ?? '').toLowerCase());
  const ff = [...formFields]
    .map((f) => [f.name.toLowerCase(), Array.isArray(f.value) ? [...f.value].sort() : f.value] as const)
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  return JSON.stringify([parts, ff]);
}

function parseId(param: string): number {
  const id = Number(param);
  if (!Number.isSafeInteger(id) || id < 1) throw notFound();
  return id;
}

/** Runs the batch; a unique-index failure means a concurrent request changed a default first, and nothing was written. */
async function runBatch(db: D1Database, stmts: D1PreparedStatement[]) {
  try {
    return await db.batch<{ id: number }>(stmts);
  } catch (err) {
    if (isUniqueViolation(err)) throw new ApiError('concurrent_change');
    throw err;
  }
}

async function loadBook(c: { env: AppEnv['Bindings']; var: { shopper: { customerId: number; tokenVersion: number } } }) {
  const book = await getShopperAddressBook(c.env.DB, c.var.shopper.customerId, c.var.shopper.tokenVersion);
  if (!book) throw revokedToken();
  return { ...book, actor: { type: 'shopper', name: book.email } satisfies Actor };
}

const addresses = new Hono<AppEnv>()
  .get('/', async (c) => {
    const { rows } = await loadBook(c);
    return c.json({ data: rows.map(toAddress) });
  })

  .post('/', validate('json', addressBody), async (c) => {
    const { form_fields, is_default_shipping, is_default_billing, ...raw } = c.req.valid('json');
    const db = c.env.DB;
    const customerId = c.var.shopper.customerId;
    const [{ rows, actor }, defs] = await Promise.all([loadBook(c), listFormFieldDefinitions(db, 'address')]);
    const errors: Record<string, string> = { ...checkAddress(raw) } as Record<string, string>;
    const formFields = checkAddressFormFields(defs, form_fields ?? [], [], errors, { requireAll: true });
    failIfErrors(errors);

    const n = normalizeAddress(raw);
    const address: NewAddress = {
      ...n,
      first_name: n.first_name!,
      last_name: n.last_name!,
      address1: n.address1!,
      city: n.city!,
      country_code: n.country_code!,
      form_fields: formFields,
      is_default_shipping,
      is_default_billing,
    };
    const now = isoNow();
    const key = sameAddressKey(n, formFields);
    const existing = rows.find((r) => sameAddressKey(rowFields(r), JSON.parse(r.form_fields) as FormFieldInput[]) === key);
    if (existing) {
      const change: AddressChange = {};
      if (is_default_shipping && existing.is_default_shipping !== 1) change.is_default_shipping = true;
      if (is_default_billing && existing.is_default_billing !== 1) change.is_default_billing = true;
      if (Object.keys(change).length) {
        await runBatch(db, [
          ...clearDefaultAddress(db, customerId, { shipping: change.is_default_shipping, billing: change.is_default_billing }, existing.id),
          updateAddressStatement(db, existing.id, change, now),
          insertTimelineEvent(db, { sql: '?1', params: [customerId] }, 'address_updated', actor, { address_id: existing.id, fields: Object.keys(change) }, now),
        ]);
      }
      const current = (await getCustomerAddress(db, customerId, existing.id)) ?? existing;
      return c.json({ data: toAddress(current) }, 200);
    }

    const stmts = clearDefaultAddress(db, customerId, { shipping: is_default_shipping, billing: is_default_billing });
    const insertAt = stmts.length;
    stmts.push(
      insertAddressReturningId(db, customerId, address, now),
      insertTimelineEvent(db, { sql: '?1', params: [customerId] }, 'address_added', actor, {
        label: address.label ?? '',
        address1: address.address1,
        city: address.city,
        country_code: address.country_code,
      }, now),
    );
    const results = await runBatch(db, stmts);
    const id = results[insertAt]!.results[0]!.id;
    const row = await getCustomerAddress(db, customerId, id);
    if (!row) throw notFound();
    return c.json({ data: toAddress(row) }, 201);
  })

  .patch('/:id{[0-9]+}', validate('json', addressBody), async (c) => {
    const id = parseId(c.req.param('id'));
    const { form_fields, is_default_shipping, is_default_billing, ...change } = c.req.valid('json');
    const db = c.env.DB;
    const customerId = c.var.shopper.customerId;
    const [{ rows, actor }, defs] = await Promise.all([loadBook(c), form_fields ? listFormFieldDefinitions(db, 'address') : Promise.resolve([])]);
    const row = rows.find((r) => r.id === id);
    if (!row) throw notFound();

    const changed = Object.keys(change) as AddressField[];
    const merged: AddressFields = { ...rowFields(row), ...change };
    const errors: Record<string, string> = { ...checkAddress(merged, { only: changed }) } as Record<string, string>;
    const oldFormFields = JSON.parse(row.form_fields) as FormFieldInput[];
    const formFields = form_fields ? checkAddressFormFields(defs, form_fields, oldFormFields, errors, { requireAll: false }) : oldFormFields;
    failIfErrors(errors);

    const n = normalizeAddress(merged);
    const next: AddressChange = {};
    // The postal code and state are normalised for their country, so a new country re-writes them too.
    const toWrite = new Set<AddressField>(change.country_code !== undefined ? [...changed, 'postal_code', 'state_or_province'] : changed);
    for (const field of toWrite) (next as Record<string, unknown>)[field] = n[field];
    if (form_fields) next.form_fields = formFields;
    if (is_default_shipping !== undefined) next.is_default_shipping = is_default_shipping;
    if (is_default_billing !== undefined) next.is_default_billing = is_default_billing;
    if (!Object.keys(next).length) return c.json({ data: toAddress(row) }, 200);

    const key = sameAddressKey(n, formFields);
    const twin = rows.find((r) => r.id !== id && sameAddressKey(rowFields(r), JSON.parse(r.form_fields) as FormFieldInput[]) === key);
    if (twin) {
      throw new ApiError('address_exists', { detail: `It is address ${twin.id}.` });
    }

    const now = isoNow();
    await runBatch(db, [
      ...clearDefaultAddress(db, customerId, { shipping: is_default_shipping, billing: is_default_billing }, id),
      updateAddressStatement(db, id, next, now),
      insertTimelineEvent(db, { sql: '?1', params: [customerId] }, 'address_updated', actor, { address_id: id, fields: Object.keys(next) }, now),
    ]);
    const updated = await getCustomerAddress(db, customerId, id);
    if (!updated) throw notFound();
    return c.json({ data: toAddress(updated) }, 200);
  })

  .delete('/:id{[0-9]+}', async (c) => {
    const id = parseId(c.req.param('id'));
    const db = c.env.DB;
    const customerId = c.var.shopper.customerId;
    const { rows, actor } = await loadBook(c);
    const row = rows.find((r) => r.id === id);
    if (!row) throw notFound();
    const now = isoNow();
    await db.batch([
      deleteCustomerAddressStatement(db, customerId, id),
      insertTimelineEvent(db, { sql: '?1', params: [customerId] }, 'address_deleted', actor, {
        address_id: id,
        label: row.label,
        address1: row.address1,
        city: row.city,
        country_code: row.country_code,
      }, now),
    ]);
    return c.body(null, 204);
  });

export default addresses;
