// SQL for customer attribute definitions and attribute values. The per-store and per-customer limits
// are re-checked inside the INSERTs (see insertAttributeStatement), so they hold against concurrent
// requests; accounts/attributes.ts runs these statements and owns the rules.
import { isoNow } from '../time';
import { type ListResult, listRows } from './list';
import { type DateRange, type Paging, Where } from './sql';
import type { CustomerRef } from './timeline';

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

/** The type of each attribute of `ids` that exists (id → type). */
export async function findAttributeTypes(db: D1Database, ids: readonly number[]): Promise<Map<number, AttributeType>> {
  if (!ids.length) return new Map();
  const { results } = await db
    .prepare('SELECT id, type FROM customer_attributes WHERE id IN (SELECT value FROM json_each(?1))')
    .bind(JSON.stringify(ids))
    .all<{ id: number; type: AttributeType }>();
  return new Map(results.map((a) => [a.id, a.type]));
}

/** Every attribute value of `customerIds`, for a batch (the admin API's `include=attributes`). */
export function attributeValuesOfCustomersStatement(db: D1Database, customerIds: readonly number[]): D1PreparedStatement {
  return db
    .prepare('SELECT * FROM customer_attribute_values WHERE customer_id IN (SELECT value FROM json_each(?1)) ORDER BY customer_id, id')
    .bind(JSON.stringify(customerIds));
}

/** Upsert one value; `customerRef` is SQL yielding the customer id. */
export function upsertAttributeValueStatement(
  db: D1Database,
  customerRef: CustomerRef,
  attributeId: number,
  value: string,
  now = isoNow(),
): D1PreparedStatement {
  const n = customerRef.params.length;
  return db
    .prepare(
      `INSERT INTO customer_attribute_values (attribute_id, customer_id, attribute_value, date_created, date_modified)
       VALUES (?${n + 1}, ${customerRef.sql}, ?${n + 2}, ?${n + 3}, ?${n + 3})
       ON CONFLICT (customer_id, attribute_id) DO UPDATE SET attribute_value = excluded.attribute_value, date_modified = excluded.date_modified`,
    )
    .bind(...customerRef.params, attributeId, value, now);
}

export interface AttributeFilter {
  ids?: number[];
  /** Exact name, case-insensitive. */
  name?: string;
  nameLike?: string;
  type?: AttributeType;
  dateCreated?: DateRange;
  dateModified?: DateRange;
}

export function listAttributes(db: D1Database, f: AttributeFilter, paging: Paging): Promise<ListResult<AttributeRow & { sort_value: number }>> {
  const where = new Where();
  where.in('a.id', f.ids);
  if (f.name !== undefined) where.add(`a.name = ${where.param(f.name)}`);
  if (f.nameLike !== undefined) where.like('a.name', [f.nameLike]);
  if (f.type !== undefined) where.add(`a.type = ${where.param(f.type)}`);
  where.range('a.date_created', f.dateCreated).range('a.date_modified', f.dateModified);
  return listRows(db, {
    from: 'customer_attributes a',
    select: 'a.id, a.name, a.type, a.date_created, a.date_modified, a.id AS sort_value',
    idColumn: 'a.id',
    sortColumn: 'a.id',
    direction: 'asc',
    where,
    paging,
  });
}

export async function getAttributesByIds(db: D1Database, ids: readonly number[]): Promise<AttributeRow[]> {
  if (!ids.length) return [];
  const { results } = await db
    .prepare('SELECT id, name, type, date_created, date_modified FROM customer_attributes WHERE id IN (SELECT value FROM json_each(?1)) ORDER BY id')
    .bind(JSON.stringify(ids))
    .all<AttributeRow>();
  return results;
}

export async function countAttributes(db: D1Database): Promise<number> {
  return (await db.prepare('SELECT count(*) AS n FROM customer_attributes').first<number>('n')) ?? 0;
}

/** Attributes whose name equals one of `names` (case-insensitive), other than `exceptIds`. */
export async function findAttributesNamed(db: D1Database, names: readonly string[], exceptIds: readonly number[] = []): Promise<AttributeRow[]> {
  if (!names.length) return [];
  const { results } = await db
    .prepare(
      `SELECT id, name, type, date_created, date_modified FROM customer_attributes
       WHERE name IN (SELECT value FROM json_each(?1)) AND id NOT IN (SELECT value FROM json_each(?2))`,
    )
    .bind(JSON.stringify(names), JSON.stringify(exceptIds))
    .all<AttributeRow>();
  return results;
}

/**
 * Inserts one definition, answering with the row. The per-store limit is re-checked inside the
 * statement: past it the name becomes NULL, the NOT NULL constraint fails and the whole batch rolls
 * back, so two concurrent requests cannot together exceed the limit (runBatch's `notNull` option).
 */
export function insertAttributeStatement(db: D1Database, a: { name: string; type: AttributeType }, now = isoNow()): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO customer_attributes (name, type, date_created, date_modified)
       VALUES (CASE WHEN (SELECT count(*) FROM customer_attributes) < ?4 THEN ?1 END, ?2, ?3, ?3)
       RETURNING id, name, type, date_created, date_modified`,
    )
    .bind(a.name, a.type, now, MAX_ATTRIBUTES);
}

export function renameAttributeStatement(db: D1Database, id: number, name: string, now = isoNow()): D1PreparedStatement {
  return db.prepare('UPDATE customer_attributes SET name = ?2, date_modified = ?3 WHERE id = ?1').bind(id, name, now);
}

/** Deletes definitions; their values on customers go with them (foreign key cascade). */
export function deleteAttributesStatement(db: D1Database, ids: readonly number[]): D1PreparedStatement {
  return db.prepare('DELETE FROM customer_attributes WHERE id IN (SELECT value FROM json_each(?1))').bind(JSON.stringify(ids));
}

export interface AttributeValueFilter {
  ids?: number[];
  customerIds?: number[];
  attributeIds?: number[];
  /** The attribute's name, exact and case-insensitive. */
  attributeName?: string;
  dateCreated?: DateRange;
  dateModified?: DateRange;
}

export function listAttributeValues(
  db: D1Database,
  f: AttributeValueFilter,
  paging: Paging,
): Promise<ListResult<AttributeValueRow & { sort_value: number }>> {
  const where = new Where();
  where.in('v.id', f.ids).in('v.customer_id', f.customerIds).in('v.attribute_id', f.attributeIds);
  if (f.attributeName !== undefined) {
    where.add(`v.attribute_id IN (SELECT id FROM customer_attributes WHERE name = ${where.param(f.attributeName)})`);
  }
  where.range('v.date_created', f.dateCreated).range('v.date_modified', f.dateModified);
  return listRows(db, {
    from: 'customer_attribute_values v',
    select: 'v.*, v.id AS sort_value',
    idColumn: 'v.id',
    sortColumn: 'v.id',
    direction: 'asc',
    where,
    paging,
  });
}

/** The stored values of `customerIds`: enough to check limits and which pairs already exist. */
export async function getAttributeValuesOfCustomers(db: D1Database, customerIds: readonly number[]): Promise<AttributeValueRow[]> {
  if (!customerIds.length) return [];
  return (await attributeValuesOfCustomersStatement(db, customerIds).all<AttributeValueRow>()).results;
}

/**
 * Upserts one value by (customer, attribute), answering with the row. A new value past the
 * per-customer limit becomes NULL and fails the NOT NULL constraint, rolling the batch back (the
 * limit holds even against a concurrent request; runBatch's `notNull` option).
 */
export function putAttributeValueStatement(
  db: D1Database,
  v: { customer_id: number; attribute_id: number; value: string },
  now = isoNow(),
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO customer_attribute_values (attribute_id, customer_id, attribute_value, date_created, date_modified)
       VALUES (?1, ?2, CASE
           WHEN EXISTS (SELECT 1 FROM customer_attribute_values WHERE customer_id = ?2 AND attribute_id = ?1)
             OR (SELECT count(*) FROM customer_attribute_values WHERE customer_id = ?2) < ?5 THEN ?3
         END, ?4, ?4)
       ON CONFLICT (customer_id, attribute_id) DO UPDATE SET attribute_value = excluded.attribute_value, date_modified = excluded.date_modified
       RETURNING *`,
    )
    .bind(v.attribute_id, v.customer_id, v.value, now, MAX_VALUES_PER_CUSTOMER);
}

export function deleteAttributeValuesStatement(db: D1Database, ids: readonly number[]): D1PreparedStatement {
  return db.prepare('DELETE FROM customer_attribute_values WHERE id IN (SELECT value FROM json_each(?1))').bind(JSON.stringify(ids));
}
