// SQL for form field definitions (the store's sign-up and address fields) and their values: customer
// values in customer_form_field_values, address values in customer_addresses.form_fields (JSON).
import type { FormFieldDefinition, FormFieldValue } from '../shared/form-field-rules';
import { isoNow } from '../time';
import { type ListResult, listRows } from './list';
import { type Paging, Where } from './sql';
import type { CustomerRef } from './timeline';

/** A form_fields row: the definition as stored (required 0/1, options as JSON). */
type FormFieldRow = Omit<FormFieldDefinition, 'required' | 'options'> & {
  required: number;
  options: string;
  date_created: string;
  date_modified: string;
};

export type FormFieldRecord = FormFieldDefinition & { date_created: string; date_modified: string };

export function toFormField(row: FormFieldRow): FormFieldRecord {
  return { ...row, required: row.required === 1, options: JSON.parse(row.options) as string[] };
}

export async function listFormFieldDefinitions(db: D1Database, appliesTo?: 'customer' | 'address'): Promise<FormFieldRecord[]> {
  const stmt = appliesTo
    ? db.prepare('SELECT * FROM form_fields WHERE applies_to = ?1 ORDER BY sort_order, id').bind(appliesTo)
    : db.prepare('SELECT * FROM form_fields ORDER BY applies_to, sort_order, id');
  const { results } = await stmt.all<FormFieldRow>();
  return results.map(toFormField);
}

export interface CustomerFormFieldValue {
  customer_id: number;
  name: string;
  value: FormFieldValue;
}

/** The form field values of `customerIds`, for a batch (the admin API's `include=formfields`). */
export function customerFormFieldValuesStatement(db: D1Database, customerIds: readonly number[]): D1PreparedStatement {
  return db
    .prepare(
      'SELECT customer_id, name, value FROM customer_form_field_values WHERE customer_id IN (SELECT value FROM json_each(?1)) ORDER BY customer_id, name',
    )
    .bind(JSON.stringify(customerIds));
}

export function parseCustomerFormFieldValue(row: { customer_id: number; name: string; value: string }): CustomerFormFieldValue {
  return { customer_id: row.customer_id, name: row.name, value: JSON.parse(row.value) as FormFieldValue };
}

/** Upsert one customer's value; `customerRef` is SQL yielding the customer id (a placeholder or a subquery). */
export function upsertCustomerFormFieldValueStatement(
  db: D1Database,
  customerRef: CustomerRef,
  name: string,
  value: FormFieldValue,
): D1PreparedStatement {
  const n = customerRef.params.length;
  return db
    .prepare(
      `INSERT INTO customer_form_field_values (customer_id, name, value) VALUES (${customerRef.sql}, ?${n + 1}, ?${n + 2})
       ON CONFLICT (customer_id, name) DO UPDATE SET value = excluded.value`,
    )
    .bind(...customerRef.params, name, JSON.stringify(value));
}

// ---- Definitions: the admin API's reads and all-or-nothing writes ----

export interface FormFieldFilter {
  appliesTo?: 'customer' | 'address';
  ids?: number[];
  names?: string[];
}

/** Definitions matching `filter`, ordered as a form shows them: applies_to, then sort_order. */
export async function findFormFields(db: D1Database, filter: FormFieldFilter = {}): Promise<FormFieldRecord[]> {
  const w = new Where();
  if (filter.appliesTo) w.add(`applies_to = ${w.param(filter.appliesTo)}`);
  // `name` is COLLATE NOCASE, so IN matches any case.
  w.in('id', filter.ids).in('name', filter.names);
  const { results } = await db
    .prepare(`SELECT * FROM form_fields ${w} ORDER BY applies_to, sort_order, id`)
    .bind(...w.params)
    .all<FormFieldRow>();
  return results.map(toFormField);
}

export type FormFieldInput = Omit<FormFieldDefinition, 'id'>;

function fieldParams(f: FormFieldInput) {
  return [
    f.name,
    f.label,
    f.type,
    f.required ? 1 : 0,
    JSON.stringify(f.options),
    f.min,
    f.max,
    f.max_length,
    f.min_date,
    f.max_date,
    f.default_value,
    f.applies_to,
    f.sort_order,
  ];
}

/** INSERT … RETURNING the stored row, for a batch. */
export function insertFormFieldStatement(db: D1Database, f: FormFieldInput, now = isoNow()): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO form_fields (name, label, type, required, options, min, max, max_length, min_date, max_date, default_value, applies_to, sort_order, date_created, date_modified)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14) RETURNING *`,
    )
    .bind(...fieldParams(f), now);
}

/** UPDATE of every column but type/applies_to (immutable) … RETURNING the stored row, for a batch. */
export function updateFormFieldStatement(db: D1Database, id: number, f: FormFieldInput, now = isoNow()): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE form_fields SET name = ?1, label = ?2, required = ?4, options = ?5, min = ?6, max = ?7, max_length = ?8,
         min_date = ?9, max_date = ?10, default_value = ?11, sort_order = ?13, date_modified = ?14
       WHERE id = ?15 AND type = ?3 AND applies_to = ?12 RETURNING *`,
    )
    .bind(...fieldParams(f), now, id);
}

/** Rows returned by insert/update statements of a batch, in the API shape. */
export function formFieldsFromBatch(results: readonly D1Result[]): FormFieldRecord[] {
  return results.flatMap((r) => (r.results as FormFieldRow[]).map(toFormField));
}

/**
 * Values are kept by name, so renaming a field carries its stored values along (in the same batch as
 * the definition). A value already stored under the new name (left by a deleted field) is replaced.
 */
export function renameFormFieldValuesStatements(
  db: D1Database,
  appliesTo: 'customer' | 'address',
  oldName: string,
  newName: string,
): D1PreparedStatement[] {
  if (appliesTo === 'customer') {
    return [db.prepare('UPDATE OR REPLACE customer_form_field_values SET name = ?2 WHERE name = ?1').bind(oldName, newName)];
  }
  return [
    db
      .prepare(
        `UPDATE customer_addresses SET form_fields = (
           SELECT json_group_array(json(CASE WHEN lower(f.value ->> '$.name') = lower(?1) THEN json_set(f.value, '$.name', ?2) ELSE f.value END))
           FROM json_each(customer_addresses.form_fields) f)
         WHERE EXISTS (SELECT 1 FROM json_each(customer_addresses.form_fields) f WHERE lower(f.value ->> '$.name') = lower(?1))`,
      )
      .bind(oldName, newName),
  ];
}

/** Removes definitions only: values stay stored by name (a field re-created under that name finds them again). */
export function deleteFormFieldsStatement(db: D1Database, ids: readonly number[]): D1PreparedStatement {
  return db.prepare('DELETE FROM form_fields WHERE id IN (SELECT value FROM json_each(?1))').bind(JSON.stringify(ids));
}

// ---- Values: customer values (own table) and address values (customer_addresses.form_fields) ----

export interface FormFieldValueFilter {
  customerId?: number;
  addressId?: number;
  name?: string;
  type?: FormFieldDefinition['type'];
}

export interface FormFieldValueRow {
  id: number;
  sort_value: string;
  customer_id: number | null;
  address_id: number | null;
  name: string;
  value: string | null;
}

/*
 * Customer values and the entries of every address's form_fields array as one list. The sort key keeps a
 * customer's own values together, followed by those of their addresses, and is unique (customer id + name,
 * or address id + position in its array), so it alone orders pages and cursors; `rid` is a constant tie-breaker.
 */
const VALUES_FROM = `(
  SELECT v.customer_id AS customer_id, NULL AS address_id, v.name AS name, v.value AS value, 'customer' AS applies_to,
         printf('%012d|0|%s', v.customer_id, v.name) AS sort_key, 0 AS rid
    FROM customer_form_field_values v
  UNION ALL
  SELECT NULL, a.id, f.value ->> '$.name', f.value -> '$.value', 'address',
         printf('%012d|1|%012d|%06d', a.customer_id, a.id, f.key), 0
    FROM customer_addresses a, json_each(a.form_fields) f
) ffv`;

export function listFormFieldValues(db: D1Database, filter: FormFieldValueFilter, paging: Paging): Promise<ListResult<FormFieldValueRow>> {
  const w = new Where();
  if (filter.customerId !== undefined) w.add(`ffv.customer_id = ${w.param(filter.customerId)}`);
  if (filter.addressId !== undefined) w.add(`ffv.address_id = ${w.param(filter.addressId)}`);
  if (filter.name !== undefined) w.add(`ffv.name = ${w.param(filter.name)} COLLATE NOCASE`);
  if (filter.type !== undefined) {
    // A value whose definition was deleted has no type: it never matches a type filter.
    w.add(`EXISTS (SELECT 1 FROM form_fields d WHERE d.applies_to = ffv.applies_to AND d.name = ffv.name AND d.type = ${w.param(filter.type)})`);
  }
  return listRows<FormFieldValueRow>(db, {
    from: VALUES_FROM,
    select: 'ffv.rid AS id, ffv.sort_key AS sort_value, ffv.customer_id, ffv.address_id, ffv.name, ffv.value',
    idColumn: 'ffv.rid',
    sortColumn: 'ffv.sort_key',
    direction: 'asc',
    where: w,
    paging,
  });
}

/**
 * Sets one entry of an address's form_fields array in a single statement (no read-modify-write race):
 * replaces the entry with that name (any case) in place, or appends it.
 */
export function upsertAddressFormFieldValueStatement(
  db: D1Database,
  addressId: number,
  name: string,
  value: FormFieldValue,
  now = isoNow(),
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE customer_addresses SET
         form_fields = CASE
           WHEN EXISTS (SELECT 1 FROM json_each(customer_addresses.form_fields) f WHERE lower(f.value ->> '$.name') = lower(?2))
           THEN (SELECT json_group_array(json(CASE WHEN lower(f.value ->> '$.name') = lower(?2) THEN ?3 ELSE f.value END))
                 FROM json_each(customer_addresses.form_fields) f)
           ELSE json_insert(form_fields, '$[#]', json(?3))
         END,
         date_modified = ?4
       WHERE id = ?1`,
    )
    .bind(addressId, name, JSON.stringify({ name, value }), now);
}

/** A customer's values changed: their record was modified. */
export function touchCustomersStatement(db: D1Database, customerIds: readonly number[], now = isoNow()): D1PreparedStatement {
  return db.prepare('UPDATE customers SET date_modified = ?2 WHERE id IN (SELECT value FROM json_each(?1))').bind(JSON.stringify(customerIds), now);
}
