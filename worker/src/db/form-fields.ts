// SQL for form field definitions (the store's sign-up and address fields) and customer form field values.
import type { FormFieldDefinition, FormFieldValue } from '../shared/form-field-rules';

interface FormFieldRow {
  id: number;
  name: string;
  label: string;
  type: FormFieldDefinition['type'];
  required: number;
  options: string;
  min: number | null;
  max: number | null;
  max_length: number | null;
  min_date: string | null;
  max_date: string | null;
  default_value: string | null;
  applies_to: 'customer' | 'address';
  sort_order: number;
  date_created: string;
  date_modified: string;
}

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

export function customerFormFieldValuesFor(db: D1Database, customerIds: readonly number[]): D1PreparedStatement {
  return db
    .prepare('SELECT customer_id, name, value FROM customer_form_field_values WHERE customer_id IN (SELECT value FROM json_each(?1)) ORDER BY customer_id, name')
    .bind(JSON.stringify(customerIds));
}

export function parseCustomerFormFieldValue(row: { customer_id: number; name: string; value: string }): CustomerFormFieldValue {
  return { customer_id: row.customer_id, name: row.name, value: JSON.parse(row.value) as FormFieldValue };
}

/** Upsert one customer's value; `customerRef` is SQL yielding the customer id (a placeholder or a subquery). */
export function upsertCustomerFormFieldValue(db: D1Database, customerRef: { sql: string; params: unknown[] }, name: string, value: FormFieldValue): D1PreparedStatement {
  const n = customerRef.params.length;
  return db
    .prepare(
      `INSERT INTO customer_form_field_values (customer_id, name, value) VALUES (${customerRef.sql}, ?${n + 1}, ?${n + 2})
       ON CONFLICT (customer_id, name) DO UPDATE SET value = excluded.value`,
    )
    .bind(...customerRef.params, name, JSON.stringify(value));
}
