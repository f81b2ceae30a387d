// Customer attributes (BigCommerce's /v3/customers/attributes and attribute-values): definitions with
// a name unique in any case and an immutable type, at most MAX_ATTRIBUTES per store; values that must
// fit their attribute's type, at most MAX_VALUES_PER_CUSTOMER per customer. Batches are all or
// nothing. The limits are checked before writing (to name the items) and again inside the INSERTs (so
// two concurrent requests cannot exceed them together): runBatch's `notNull` reports the latter.
import {
  type AttributeFilter,
  type AttributeRow,
  type AttributeType,
  type AttributeValueFilter,
  type AttributeValueRow,
  countAttributes,
  deleteAttributesStatement,
  deleteAttributeValuesStatement,
  findAttributesNamed,
  getAttributesByIds,
  getAttributeValuesOfCustomers,
  insertAttributeStatement,
  listAttributes,
  listAttributeValues,
  MAX_ATTRIBUTES,
  MAX_VALUES_PER_CUSTOMER,
  putAttributeValueStatement,
  renameAttributeStatement,
} from '../db/attributes';
import { runBatch } from '../db/batch';
import { getExistingCustomerIds } from '../db/customers';
import type { ListResult } from '../db/list';
import type { Paging } from '../db/sql';
import { ApiError, fieldError, type FieldError, type FieldErrors, throwIfInvalid } from '../errors';
import { isoNow } from '../time';

export { MAX_ATTRIBUTES, MAX_VALUES_PER_CUSTOMER };
export type { AttributeType };

export const ATTRIBUTE_TYPES = ['string', 'number', 'date'] as const satisfies readonly AttributeType[];

/** Checks a value against its attribute's type (also for the customers API's nested attributes); null when it fits. */
export function checkAttributeValue(type: AttributeType, value: string): FieldError | null {
  if (value.length > 255) return fieldError('too_long', 'Attribute values are at most 255 characters');
  if (type === 'number' && (value.trim() === '' || !Number.isFinite(Number(value)))) return fieldError('invalid_type', 'Must be a number');
  if (type === 'date' && (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(value) || Number.isNaN(Date.parse(value)))) {
    return fieldError('invalid_format', 'Must be a date (YYYY-MM-DD or ISO 8601 date-time)');
  }
  return null;
}

/** The BigCommerce attribute shape. */
export function toAttribute(row: AttributeRow) {
  return { id: row.id, name: row.name, type: row.type, date_created: row.date_created, date_modified: row.date_modified };
}

/** The BigCommerce attribute value shape. */
export function toAttributeValue(row: AttributeValueRow) {
  return {
    id: row.id,
    attribute_id: row.attribute_id,
    attribute_value: row.attribute_value,
    customer_id: row.customer_id,
    date_created: row.date_created,
    date_modified: row.date_modified,
  };
}

// ---- Definitions ----

const attributeLimit = () => new ApiError('limit_reached', { detail: `A store can have at most ${MAX_ATTRIBUTES} customer attributes.` });
// A concurrent request won the race for a name between our check and the write; nothing was written.
// Which item lost is unknown here (D1 names the index, not the row), so no field error.
const nameRace = () => new ApiError('name_taken', { detail: 'Another request took one of these names at the same time; nothing was written.' });

export function listAttributePage(
  db: D1Database,
  filter: AttributeFilter,
  paging: Paging,
): Promise<ListResult<AttributeRow & { sort_value: number }>> {
  return listAttributes(db, filter, paging);
}

/** Names repeated within the batch or taken by another attribute (any case) → 409 `name_taken` naming the items. */
async function checkNameConflicts(db: D1Database, items: readonly { id?: number; name: string }[]) {
  const errors: FieldErrors = {};
  const first = new Map<string, number>();
  items.forEach((item, i) => {
    const key = item.name.toLowerCase();
    if (first.has(key)) errors[`${i}.name`] = fieldError('duplicate', `Repeats the name of item ${first.get(key)}`);
    else first.set(key, i);
  });
  const ids = items.flatMap((i) => (i.id ? [i.id] : []));
  const taken = new Set(
    (
      await findAttributesNamed(
        db,
        items.map((i) => i.name),
        ids,
      )
    ).map((a) => a.name.toLowerCase()),
  );
  items.forEach((item, i) => {
    if (taken.has(item.name.toLowerCase())) errors[`${i}.name`] = fieldError('duplicate', `An attribute named "${item.name}" already exists`);
  });
  throwIfInvalid(errors, 'name_taken');
}

export async function createAttributes(db: D1Database, items: readonly { name: string; type: AttributeType }[]) {
  const existing = await countAttributes(db);
  if (existing + items.length > MAX_ATTRIBUTES) {
    throw new ApiError('limit_reached', {
      detail: `A store can have at most ${MAX_ATTRIBUTES} customer attributes; it has ${existing}, this request adds ${items.length}.`,
      errors: { _: fieldError('limit_reached', `At most ${MAX_ATTRIBUTES} customer attributes per store`) },
    });
  }
  await checkNameConflicts(db, items);
  const now = isoNow();
  const results = await runBatch<AttributeRow>(
    db,
    items.map((item) => insertAttributeStatement(db, item, now)),
    { unique: nameRace, notNull: attributeLimit },
  );
  return results.map((r) => toAttribute(r.results[0]!));
}

/** Renames attributes; their type cannot change (stored values were checked against it). */
export async function renameAttributes(db: D1Database, items: readonly { id: number; name: string; type?: AttributeType }[]) {
  const current = new Map(
    (
      await getAttributesByIds(
        db,
        items.map((i) => i.id),
      )
    ).map((a) => [a.id, a]),
  );
  const errors: FieldErrors = {};
  const seen = new Set<number>();
  items.forEach((item, i) => {
    const attribute = current.get(item.id);
    if (!attribute) errors[`${i}.id`] = fieldError('not_found', `Attribute ${item.id} does not exist`);
    else if (seen.has(item.id)) errors[`${i}.id`] = fieldError('duplicate', `Attribute ${item.id} appears twice in this request`);
    else if (item.type !== undefined && item.type !== attribute.type) {
      errors[`${i}.type`] = fieldError(
        'invalid_value',
        `The type of an attribute cannot change (it is ${attribute.type}); delete it and create a new one`,
      );
    }
    seen.add(item.id);
  });
  throwIfInvalid(errors);
  await checkNameConflicts(db, items);
  const now = isoNow();
  await runBatch(
    db,
    items.map((item) => renameAttributeStatement(db, item.id, item.name, now)),
    { unique: nameRace },
  );
  const rows = new Map(
    (
      await getAttributesByIds(
        db,
        items.map((i) => i.id),
      )
    ).map((a) => [a.id, a]),
  );
  return items.map((i) => toAttribute(rows.get(i.id)!));
}

/** Deletes definitions; their values on customers go too, as BigCommerce documents. */
export async function deleteAttributes(db: D1Database, ids: readonly number[]): Promise<void> {
  await runBatch(db, [deleteAttributesStatement(db, ids)]);
}

// ---- Values ----

const valueLimitMessage = `A customer can have at most ${MAX_VALUES_PER_CUSTOMER} attribute values`;

export function listAttributeValuePage(
  db: D1Database,
  filter: AttributeValueFilter,
  paging: Paging,
): Promise<ListResult<AttributeValueRow & { sort_value: number }>> {
  return listAttributeValues(db, filter, paging);
}

/**
 * Upserts values by (customer, attribute), all or nothing. `id`, when given, must be that pair's
 * stored value. A value must fit its attribute's type; a new value must not take a customer past the limit.
 */
export async function upsertAttributeValues(
  db: D1Database,
  items: readonly { id?: number; attribute_id: number; customer_id: number; value: string }[],
) {
  const customerIds = [...new Set(items.map((i) => i.customer_id))];
  const [customers, attributes, stored] = await Promise.all([
    getExistingCustomerIds(db, customerIds),
    getAttributesByIds(db, [...new Set(items.map((i) => i.attribute_id))]),
    getAttributeValuesOfCustomers(db, customerIds),
  ]);
  const types = new Map(attributes.map((a) => [a.id, a.type]));
  const pairKey = (customerId: number, attributeId: number) => `${customerId}:${attributeId}`;
  const storedByPair = new Map(stored.map((v) => [pairKey(v.customer_id, v.attribute_id), v]));
  const counts = new Map<number, number>();
  for (const v of stored) counts.set(v.customer_id, (counts.get(v.customer_id) ?? 0) + 1);

  const errors: FieldErrors = {};
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    if (!customers.has(item.customer_id)) {
      errors[`${i}.customer_id`] = fieldError('not_found', `Customer ${item.customer_id} does not exist`);
      return;
    }
    const type = types.get(item.attribute_id);
    if (!type) {
      errors[`${i}.attribute_id`] = fieldError('not_found', `Attribute ${item.attribute_id} does not exist`);
      return;
    }
    const key = pairKey(item.customer_id, item.attribute_id);
    if (seen.has(key)) {
      errors[`${i}.attribute_id`] = fieldError('duplicate', `Item ${seen.get(key)} already sets this attribute for customer ${item.customer_id}`);
      return;
    }
    seen.set(key, i);
    const existing = storedByPair.get(key);
    if (item.id !== undefined && existing?.id !== item.id) {
      errors[`${i}.id`] = fieldError(
        'mismatch',
        `Attribute value ${item.id} is not customer ${item.customer_id}'s value of attribute ${item.attribute_id}`,
      );
      return;
    }
    const problem = checkAttributeValue(type, item.value);
    if (problem) errors[`${i}.value`] = problem;
    if (!existing) {
      const count = (counts.get(item.customer_id) ?? 0) + 1;
      counts.set(item.customer_id, count);
      if (count > MAX_VALUES_PER_CUSTOMER)
        errors[`${i}.customer_id`] = fieldError('limit_reached', `${valueLimitMessage}; customer ${item.customer_id} would have ${count}`);
    }
  });
  throwIfInvalid(errors);

  const now = isoNow();
  // A concurrent request used up the customer's last free slots (the NOT NULL guard), or deleted the
  // customer or attribute (the foreign key): nothing was written.
  const results = await runBatch<AttributeValueRow>(
    db,
    items.map((item) => putAttributeValueStatement(db, item, now)),
    { notNull: () => new ApiError('limit_reached', { detail: `${valueLimitMessage}.` }) },
  );
  return results.map((r) => toAttributeValue(r.results[0]!));
}

export async function deleteAttributeValues(db: D1Database, ids: readonly number[]): Promise<void> {
  await runBatch(db, [deleteAttributeValuesStatement(db, ids)]);
}
