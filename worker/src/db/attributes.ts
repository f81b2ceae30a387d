// SQL for customer attribute definitions and attribute values.
import { isoNow } from '../time';

export type AttributeType = 'string' | 'number' | 'date';

export interface AttributeRow {
  id: number;
  name: string;
  type: AttributeType;
  date_created: string;
  date_modified: string;
}

export interface AttributeValueRow {
  id: number;
  attribute_id: number;
  customer_id: number;
  attribute_value: string;
  date_created: string;
  date_modified: string;
}

/** Per-store limit on attribute definitions and per-customer limit on values (BigCommerce's). */
export const MAX_ATTRIBUTES = 50;
export const MAX_VALUES_PER_CUSTOMER = 50;

export function attributeTypesFor(db: D1Database, ids: readonly number[]): D1PreparedStatement {
  return db.prepare('SELECT id, name, type FROM customer_attributes WHERE id IN (SELECT value FROM json_each(?1))').bind(JSON.stringify(ids));
}

export function attributeValuesFor(db: D1Database, customerIds: readonly number[]): D1PreparedStatement {
  return db
    .prepare('SELECT * FROM customer_attribute_values WHERE customer_id IN (SELECT value FROM json_each(?1)) ORDER BY customer_id, id')
    .bind(JSON.stringify(customerIds));
}

/** Checks a value against its attribute's type; returns a message or null. */
export function checkAttributeValue(type: AttributeType, value: string): string | null {
  if (value.length > 255) return 'Attribute values are at most 255 characters';
  if (type === 'number' && (value.trim() === '' || !Number.isFinite(Number(value)))) return 'Must be a number';
  if (type === 'date' && (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(value) || Number.isNaN(Date.parse(value)))) {
    return 'Must be a date (YYYY-MM-DD or ISO 8601 date-time)';
  }
  return null;
}

/** Upsert one value; `customerRef` is SQL yielding the customer id. */
export function upsertAttributeValue(db: D1Database, customerRef: { sql: string; params: unknown[] }, attributeId: number, value: string, now = isoNow()): D1PreparedStatement {
  const n = customerRef.params.length;
  return db
    .prepare(
      `INSERT INTO customer_attribute_values (attribute_id, customer_id, attribute_value, date_created, date_modified)
       VALUES (?${n + 1}, ${customerRef.sql}, ?${n + 2}, ?${n + 3}, ?${n + 3})
       ON CONFLICT (customer_id, attribute_id) DO UPDATE SET attribute_value = excluded.attribute_value, date_modified = excluded.date_modified`,
    )
    .bind(...customerRef.params, attributeId, value, now);
}
