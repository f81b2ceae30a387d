// SQL for customer addresses, and the address resource shape (BigCommerce address_Full plus our
// label, delivery instructions and default flags).
import type { FormFieldValue } from '../shared/form-field-rules';
import { isoNow } from '../time';

export interface AddressRow {
  id: number;
  customer_id: number;
  first_name: string;
  last_name: string;
  company: string;
  address1: string;
  address2: string;
  city: string;
  state_or_province: string;
  postal_code: string;
  country_code: string;
  phone: string;
  address_type: 'residential' | 'commercial';
  label: string;
  delivery_instructions: string;
  is_default_shipping: number;
  is_default_billing: number;
  form_fields: string;
  date_created: string;
  date_modified: string;
}

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

export function toAddress(row: AddressRow) {
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
export type Address = ReturnType<typeof toAddress>;

export function addressesFor(db: D1Database, customerIds: readonly number[]): D1PreparedStatement {
  return db
    .prepare('SELECT * FROM customer_addresses WHERE customer_id IN (SELECT value FROM json_each(?1)) ORDER BY customer_id, id')
    .bind(JSON.stringify(customerIds));
}

/** Insert statement for one address; `customerRef` is SQL yielding the customer id. */
export function insertAddress(db: D1Database, customerRef: { sql: string; params: unknown[] }, a: NewAddress, now = isoNow()): D1PreparedStatement {
  const n = customerRef.params.length;
  const p = (i: number) => `?${n + i}`;
  return db
    .prepare(
      `INSERT INTO customer_addresses (customer_id, first_name, last_name, company, address1, address2, city, state_or_province,
         postal_code, country_code, phone, address_type, label, delivery_instructions, is_default_shipping, is_default_billing,
         form_fields, date_created, date_modified)
       VALUES (${customerRef.sql}, ${[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17].map(p).join(', ')}, ${p(17)})`,
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
