// SQL for customer addresses (customer_addresses; address form field values live in its form_fields
// JSON column). Writes are statement builders for the caller's batch; the resource shape and the
// address rules are accounts/addresses.ts's.
import type { Address } from '../shared/api-types';
import type { FormFieldValue } from '../shared/form-field-rules';
import { isoNow } from '../time';
import { type ListResult, listRows } from './list';
import { type Paging, Where } from './sql';
import type { CustomerRef } from './timeline';

/** A customer_addresses row: the resource's fields as stored (flags 0/1, form fields as JSON, no country name). */
export type AddressRow = Omit<Address, 'country' | 'is_default_shipping' | 'is_default_billing' | 'form_fields'> & {
  is_default_shipping: number;
  is_default_billing: number;
  form_fields: string;
  date_created: string;
  date_modified: string;
};

export interface NewAddress {
  first_name: string;
  last_name: string;
  company?: string;
  address1: string;
  address2?: string;
  city: string;
  state_or_province?: string;
  postal_code?: string;
  country_code: string;
  phone?: string;
  address_type?: 'residential' | 'commercial';
  label?: string;
  delivery_instructions?: string;
  is_default_shipping?: boolean;
  is_default_billing?: boolean;
  form_fields?: { name: string; value: FormFieldValue }[];
}

/** Every address of `customerIds`, for a batch (the admin API's `include=addresses`). */
export function addressesOfCustomersStatement(db: D1Database, customerIds: readonly number[]): D1PreparedStatement {
  return db
    .prepare('SELECT * FROM customer_addresses WHERE customer_id IN (SELECT value FROM json_each(?1)) ORDER BY customer_id, id')
    .bind(JSON.stringify(customerIds));
}

/**
 * Insert statement for one address; `customerRef` is SQL yielding the customer id (a placeholder or a
 * subquery). `returning` adds `RETURNING *` for callers that answer with the new row.
 */
export function insertAddressStatement(
  db: D1Database,
  customerRef: CustomerRef,
  a: NewAddress,
  now = isoNow(),
  { returning = false } = {},
): D1PreparedStatement {
  const n = customerRef.params.length;
  const p = (i: number) => `?${n + i}`;
  return db
    .prepare(
      `INSERT INTO customer_addresses (customer_id, first_name, last_name, company, address1, address2, city, state_or_province,
         postal_code, country_code, phone, address_type, label, delivery_instructions, is_default_shipping, is_default_billing,
         form_fields, date_created, date_modified)
       VALUES (${customerRef.sql}, ${[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17].map(p).join(', ')}, ${p(17)})${returning ? ' RETURNING *' : ''}`,
    )
    .bind(
      ...customerRef.params,
      a.first_name,
      a.last_name,
      a.company ?? '',
      a.address1,
      a.address2 ?? '',
      a.city,
      a.state_or_province ?? '',
      a.postal_code ?? '',
      a.country_code.toUpperCase(),
      a.phone ?? '',
      a.address_type ?? 'residential',
      a.label ?? '',
      a.delivery_instructions ?? '',
      a.is_default_shipping ? 1 : 0,
      a.is_default_billing ? 1 : 0,
      JSON.stringify(a.form_fields ?? []),
      now,
    );
}

/** A row of the admin address list (the sort column is the id). */
export type AddressListRow = AddressRow & { sort_value: number };

export interface AddressFilter {
  ids?: number[];
  customerIds?: number[];
  /** Exact "first last", case-insensitive. */
  names?: string[];
  companies?: string[];
}

export function listAddresses(db: D1Database, f: AddressFilter, paging: Paging): Promise<ListResult<AddressListRow>> {
  const where = new Where();
  where.in('a.id', f.ids).in('a.customer_id', f.customerIds).in('a.full_name', f.names).in('a.company', f.companies);
  return listRows<AddressListRow>(db, {
    from: 'customer_addresses a',
    select: 'a.*, a.id AS sort_value',
    idColumn: 'a.id',
    sortColumn: 'a.id',
    direction: 'asc',
    where,
    paging,
  });
}

export async function getAddressesByIds(db: D1Database, ids: readonly number[]): Promise<AddressRow[]> {
  if (!ids.length) return [];
  const { results } = await db
    .prepare('SELECT * FROM customer_addresses WHERE id IN (SELECT value FROM json_each(?1)) ORDER BY id')
    .bind(JSON.stringify(ids))
    .all<AddressRow>();
  return results;
}

export async function getAddressesOfCustomers(db: D1Database, customerIds: readonly number[]): Promise<AddressRow[]> {
  if (!customerIds.length) return [];
  return (await addressesOfCustomersStatement(db, customerIds).all<AddressRow>()).results;
}

/** Which of `ids` are addresses. */
export async function getExistingAddressIds(db: D1Database, ids: readonly number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const { results } = await db
    .prepare('SELECT id FROM customer_addresses WHERE id IN (SELECT value FROM json_each(?1))')
    .bind(JSON.stringify(ids))
    .all<{ id: number }>();
  return new Set(results.map((r) => r.id));
}

/**
 * Clears the customer's default shipping and/or billing flag on every address but `exceptId`. Runs
 * before the statement that sets the flag: partial unique indexes allow one default of each kind.
 */
export function clearDefaultAddressStatements(
  db: D1Database,
  customerId: number,
  which: { shipping?: boolean; billing?: boolean },
  exceptId = 0,
): D1PreparedStatement[] {
  const stmts: D1PreparedStatement[] = [];
  for (const [flag, wanted] of [
    ['is_default_shipping', which.shipping],
    ['is_default_billing', which.billing],
  ] as const) {
    if (!wanted) continue;
    stmts.push(
      db.prepare(`UPDATE customer_addresses SET ${flag} = 0 WHERE customer_id = ?1 AND id != ?2 AND ${flag} = 1`).bind(customerId, exceptId),
    );
  }
  return stmts;
}

export type AddressChange = Partial<Omit<NewAddress, 'form_fields'>> & { form_fields?: { name: string; value: FormFieldValue }[] };

const TEXT_COLUMNS = [
  'first_name',
  'last_name',
  'company',
  'address1',
  'address2',
  'city',
  'state_or_province',
  'postal_code',
  'phone',
  'address_type',
  'label',
  'delivery_instructions',
] as const;

/** Applies `change` to one address, answering with the row (`RETURNING *`); `form_fields` is the address's complete new list. */
export function updateAddressStatement(db: D1Database, id: number, change: AddressChange, now = isoNow()): D1PreparedStatement {
  const w = new Where();
  const sets: string[] = [];
  for (const col of TEXT_COLUMNS) {
    if (change[col] !== undefined) sets.push(`${col} = ${w.param(change[col])}`);
  }
  if (change.country_code !== undefined) sets.push(`country_code = ${w.param(change.country_code.toUpperCase())}`);
  if (change.is_default_shipping !== undefined) sets.push(`is_default_shipping = ${w.param(change.is_default_shipping ? 1 : 0)}`);
  if (change.is_default_billing !== undefined) sets.push(`is_default_billing = ${w.param(change.is_default_billing ? 1 : 0)}`);
  if (change.form_fields !== undefined) sets.push(`form_fields = ${w.param(JSON.stringify(change.form_fields))}`);
  sets.push(`date_modified = ${w.param(now)}`);
  return db.prepare(`UPDATE customer_addresses SET ${sets.join(', ')} WHERE id = ${w.param(id)} RETURNING *`).bind(...w.params);
}

export function deleteAddressesStatement(db: D1Database, ids: readonly number[]): D1PreparedStatement {
  return db.prepare('DELETE FROM customer_addresses WHERE id IN (SELECT value FROM json_each(?1))').bind(JSON.stringify(ids));
}

// ---- The shopper's own address book (storefront): the live-shopper middleware has proven the token,
// so reads are scoped to the customer id alone. ----

/** Every address of one customer, default shipping first, then default billing, then newest. */
export async function listAddressBook(db: D1Database, customerId: number): Promise<AddressRow[]> {
  const { results } = await db
    .prepare('SELECT * FROM customer_addresses WHERE customer_id = ?1 ORDER BY is_default_shipping DESC, is_default_billing DESC, id DESC')
    .bind(customerId)
    .all<AddressRow>();
  return results;
}

/** Deletes one address only if it belongs to the customer. */
export function deleteCustomerAddressStatement(db: D1Database, customerId: number, id: number): D1PreparedStatement {
  return db.prepare('DELETE FROM customer_addresses WHERE id = ?1 AND customer_id = ?2').bind(id, customerId);
}
