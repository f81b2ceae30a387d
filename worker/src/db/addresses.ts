// SQL for customer addresses, and the address resource shape (BigCommerce address_Full plus our
// label, delivery instructions and default flags).
import type { Address } from '../shared/api-types';
import type { FormFieldValue } from '../shared/form-field-rules';
import { isoNow } from '../time';
import { type ListResult, listRows } from './list';
import { type Paging, Where } from './sql';

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

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** English country name for an ISO 3166-1 alpha-2 code ('' when unknown). */
export function countryName(code: string): string {
  try {
    const name = regionNames.of(code.toUpperCase());
    return name && name !== code.toUpperCase() ? name : '';
  } catch {
    return '';
  }
}

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
    form_fields: JSON.parse(row.form_fields) as { name: string; value: FormFieldValue }[],
  };
}
export type { Address };

export function addressesFor(db: D1Database, customerIds: readonly number[]): D1PreparedStatement {
  return db
    .prepare('SELECT * FROM customer_addresses WHERE customer_id IN (SELECT value FROM json_each(?1)) ORDER BY customer_id, id')
    .bind(JSON.stringify(customerIds));
}

/**
 * Insert statement for one address; `customerRef` is SQL yielding the customer id (a placeholder or a
 * subquery). `returning` adds `RETURNING id` for callers that need the new row's id.
 */
export function insertAddress(
  db: D1Database,
  customerRef: { sql: string; params: unknown[] },
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
       VALUES (${customerRef.sql}, ${[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17].map(p).join(', ')}, ${p(17)})${returning ? ' RETURNING id' : ''}`,
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
  return (await addressesFor(db, customerIds).all<AddressRow>()).results;
}

/** Like insertAddress for a known customer id, answering with the new row's id (`RETURNING id`). */
export function insertAddressReturningId(db: D1Database, customerId: number, a: NewAddress, now = isoNow()): D1PreparedStatement {
  return insertAddress(db, { sql: '?1', params: [customerId] }, a, now, { returning: true });
}

/**
 * Clears the customer's default shipping and/or billing flag on every address but `exceptId`. Runs
 * before the statement that sets the flag: partial unique indexes allow one default of each kind.
 */
export function clearDefaultAddress(
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
      db
        .prepare(`UPDATE customer_addresses SET ${flag} = 0 WHERE customer_id = ?1 AND id != ?2 AND ${flag} = 1`)
        .bind(customerId, exceptId),
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

/** Applies `change` to one address; `form_fields` is the address's complete new list. */
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
  return db.prepare(`UPDATE customer_addresses SET ${sets.join(', ')} WHERE id = ${w.param(id)}`).bind(...w.params);
}

export function deleteAddressesStatement(db: D1Database, ids: readonly number[]): D1PreparedStatement {
  return db.prepare('DELETE FROM customer_addresses WHERE id IN (SELECT value FROM json_each(?1))').bind(JSON.stringify(ids));
}

// ---- The shopper's own address book (storefront): every read is scoped to the customer and the
// token_version of their access token, so a revoked token reads nothing. ----

/**
 * The customer's email (for the timeline actor) and every address they have, default shipping first,
 * then default billing, then newest; null when the customer is gone or the token is stale. One round trip.
 */
export async function getShopperAddressBook(db: D1Database, customerId: number, tokenVersion: number): Promise<{ email: string; rows: AddressRow[] } | null> {
  const [customer, addresses] = await db.batch([
    db.prepare('SELECT email FROM customers WHERE id = ?1 AND token_version = ?2').bind(customerId, tokenVersion),
    db
      .prepare(
        `SELECT a.* FROM customer_addresses a
         WHERE a.customer_id = ?1 AND EXISTS (SELECT 1 FROM customers WHERE id = ?1 AND token_version = ?2)
         ORDER BY a.is_default_shipping DESC, a.is_default_billing DESC, a.id DESC`,
      )
      .bind(customerId, tokenVersion),
  ]);
  const row = customer!.results[0] as { email: string } | undefined;
  if (!row) return null;
  return { email: row.email, rows: addresses!.results as unknown as AddressRow[] };
}

/** One address of one customer (null when it is another customer's or missing). */
export async function getCustomerAddress(db: D1Database, customerId: number, id: number): Promise<AddressRow | null> {
  return db.prepare('SELECT * FROM customer_addresses WHERE id = ?1 AND customer_id = ?2').bind(id, customerId).first<AddressRow>();
}

/** Deletes one address only if it belongs to the customer. */
export function deleteCustomerAddressStatement(db: D1Database, customerId: number, id: number): D1PreparedStatement {
  return db.prepare('DELETE FROM customer_addresses WHERE id = ?1 AND customer_id = ?2').bind(id, customerId);
}
