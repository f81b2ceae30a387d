// Customer metafields (BigCommerce's Customers V3 metafields): key/value pairs apps attach to a
// customer, unique by (customer, namespace, key), at most MAX_METAFIELDS_PER_CUSTOMER per customer.
// Batches are all or nothing: every item is checked before anything is written, and the writes go in
// one D1 batch. The storefront sees only a shopper's own fields whose permission set says `_sf_access`
// and may change only the value of `write_and_sf_access` ones; any other id answers 404 like a missing
// one, so a shopper cannot learn that an app-only field exists.
import { runBatch } from '../db/batch';
import { getExistingCustomerIds } from '../db/customers';
import type { ListResult } from '../db/list';
import {
  deleteCustomerMetafieldStatement,
  deleteMetafieldsStatement,
  findStorefrontMetafield,
  getMetafieldsByIds,
  insertMetafieldStatement,
  listMetafields,
  listStorefrontMetafields,
  MAX_METAFIELDS_PER_CUSTOMER,
  type MetafieldChange,
  metafieldCountsStatement,
  type MetafieldFilter,
  type MetafieldRow,
  metafieldsInSlotsStatement,
  type NewMetafield,
  type PermissionSet,
  setStorefrontMetafieldValueStatement,
  updateMetafieldStatement,
} from '../db/metafields';
import type { Paging, SortDirection } from '../db/sql';
import type { LiveShopper } from '../env';
import { ApiError, fieldError, type FieldErrors, throwIfInvalid } from '../errors';
import { isoNow } from '../time';
import { SHOPPER_WRITE } from './shoppers';

export { MAX_METAFIELDS_PER_CUSTOMER };
export type { PermissionSet };

export const PERMISSION_SETS = ['app_only', 'read', 'write', 'read_and_sf_access', 'write_and_sf_access'] as const satisfies readonly PermissionSet[];

/** The fields `include_fields` may name (the spec's enum); `id` always comes. */
export const METAFIELD_FIELDS = [
  'resource_id',
  'key',
  'value',
  'namespace',
  'permission_set',
  'resource_type',
  'description',
  'owner_client_id',
  'date_created',
  'date_modified',
] as const;
export type MetafieldField = (typeof METAFIELD_FIELDS)[number];

/** The BigCommerce metafield shape (the spec's `Metafield`). */
export function toMetafield(row: MetafieldRow) {
  return {
    id: row.id,
    namespace: row.namespace,
    key: row.key,
    value: row.value,
    description: row.description,
    permission_set: row.permission_set,
    resource_type: 'customer' as const,
    resource_id: row.customer_id,
    owner_client_id: row.owner_client_id,
    date_created: row.date_created,
    date_modified: row.date_modified,
  };
}
export type Metafield = ReturnType<typeof toMetafield>;

/** `include_fields`: the id and the fields asked for. */
export function pickFields(metafield: Metafield, fields: readonly MetafieldField[] | undefined): Partial<Metafield> & { id: number } {
  if (!fields?.length) return metafield;
  const out: Partial<Metafield> & { id: number } = { id: metafield.id };
  for (const f of fields) (out as Record<string, unknown>)[f] = metafield[f];
  return out;
}

/** The storefront's shape: what a shopper may see of their field, and whether they may change it. */
export function toStorefrontMetafield(row: MetafieldRow) {
  return {
    id: row.id,
    namespace: row.namespace,
    key: row.key,
    value: row.value,
    description: row.description,
    writable: row.permission_set === 'write_and_sf_access',
    date_modified: row.date_modified,
  };
}
export type StorefrontMetafield = ReturnType<typeof toStorefrontMetafield>;

// ---- Admin API ----

const limitMessage = `A customer can have at most ${MAX_METAFIELDS_PER_CUSTOMER} metafields`;
const limitError = () => new ApiError('limit_reached', { detail: `${limitMessage}.` });
// A concurrent request took one of these slots between our check and the write; nothing was written.
// D1 names the index, not the row, so no field error.
const slotRace = () =>
  new ApiError('metafield_exists', { detail: 'Another request took one of these namespace and key pairs at the same time; nothing was written.' });
const slotOf = (m: { customer_id: number; namespace: string; key: string }) => JSON.stringify([m.customer_id, m.namespace, m.key]);

export function listMetafieldPage(
  db: D1Database,
  filter: MetafieldFilter,
  paging: Paging,
  direction: SortDirection,
): Promise<ListResult<MetafieldRow & { sort_value: number }>> {
  return listMetafields(db, filter, paging, direction);
}

/** One customer's metafields; an unknown customer is a 404, not an empty list. */
export async function listCustomerMetafieldPage(
  db: D1Database,
  customerId: number,
  filter: Omit<MetafieldFilter, 'customerIds'>,
  paging: Paging,
  direction: SortDirection,
): Promise<ListResult<MetafieldRow & { sort_value: number }>> {
  const [exists, page] = await Promise.all([
    getExistingCustomerIds(db, [customerId]),
    listMetafields(db, { ...filter, customerIds: [customerId] }, paging, direction),
  ]);
  if (!exists.has(customerId)) throw new ApiError('customer_not_found');
  return page;
}

/** Customer `customerId`'s metafield `id`; another customer's is a 404 like a missing one. */
export async function getCustomerMetafield(db: D1Database, customerId: number, id: number): Promise<Metafield> {
  const [row] = await getMetafieldsByIds(db, [id]);
  if (!row || row.customer_id !== customerId) throw new ApiError('metafield_not_found');
  return toMetafield(row);
}

/** How the checks name an item's field: `0.key` in a batch, `key` for the one-customer routes. */
type FieldPath = (index: number, field: string) => string;
export const batchPath: FieldPath = (i, field) => `${i}.${field}`;
export const singlePath: FieldPath = (_i, field) => field;

/**
 * Creates metafields, all or nothing. A (customer, namespace, key) taken already or twice in the request
 * → 409 `metafield_exists` naming the items; an unknown customer → 422 naming the item (`resource_id`),
 * or 404 `customer_not_found` on the one-customer route; past the per-customer limit → 422.
 */
export async function createMetafields(
  db: D1Database,
  items: readonly NewMetafield[],
  owner: string,
  path: FieldPath = batchPath,
): Promise<Metafield[]> {
  const customerIds = [...new Set(items.map((i) => i.customer_id))];
  const [existing, [counts, taken]] = await Promise.all([
    getExistingCustomerIds(db, customerIds),
    db.batch<{ customer_id: number; n: number }>([metafieldCountsStatement(db, customerIds), metafieldsInSlotsStatement(db, items)]),
  ]);
  if (path === singlePath && !existing.has(items[0]!.customer_id)) throw new ApiError('customer_not_found');

  const errors: FieldErrors = {};
  const count = new Map((counts!.results ?? []).map((r) => [r.customer_id, r.n]));
  items.forEach((item, i) => {
    if (!existing.has(item.customer_id)) {
      errors[path(i, 'resource_id')] = fieldError('not_found', `Customer ${item.customer_id} does not exist`);
      return;
    }
    const n = (count.get(item.customer_id) ?? 0) + 1;
    count.set(item.customer_id, n);
    if (n > MAX_METAFIELDS_PER_CUSTOMER) {
      errors[path(i, 'resource_id')] = fieldError('limit_reached', `${limitMessage}; customer ${item.customer_id} would have ${n}`);
    }
  });
  throwIfInvalid(errors);

  const takenSlots = new Set((taken!.results as unknown as MetafieldRow[]).map(slotOf));
  const first = new Map<string, number>();
  items.forEach((item, i) => {
    const slot = slotOf(item);
    if (takenSlots.has(slot)) {
      errors[path(i, 'key')] = fieldError(
        'taken',
        `Customer ${item.customer_id} already has a metafield "${item.key}" in namespace "${item.namespace}"`,
      );
    } else if (first.has(slot)) {
      errors[path(i, 'key')] = fieldError('duplicate', `Repeats the namespace and key of item ${first.get(slot)} for the same customer`);
    } else first.set(slot, i);
  });
  throwIfInvalid(errors, 'metafield_exists');

  const now = isoNow();
  const results = await runBatch<MetafieldRow>(
    db,
    items.map((item) => insertMetafieldStatement(db, item, owner, now)),
    { unique: slotRace, notNull: limitError },
  );
  return results.map((r) => toMetafield(r.results[0]!));
}

/**
 * Updates metafields by id, all or nothing. `customerId` (the one-customer route) limits them to that
 * customer's (another's is a 404). A new namespace or key must not take a slot another field holds (409).
 */
export async function updateMetafields(
  db: D1Database,
  items: readonly (MetafieldChange & { id: number })[],
  options: { customerId?: number; path?: FieldPath } = {},
): Promise<Metafield[]> {
  const path = options.path ?? batchPath;
  const current = new Map((await getMetafieldsByIds(db, [...new Set(items.map((i) => i.id))])).map((m) => [m.id, m]));
  if (options.customerId !== undefined) {
    const row = current.get(items[0]!.id);
    if (!row || row.customer_id !== options.customerId) throw new ApiError('metafield_not_found');
  }

  const errors: FieldErrors = {};
  const seen = new Map<number, number>();
  items.forEach((item, i) => {
    if (!current.has(item.id)) errors[path(i, 'id')] = fieldError('not_found', `Metafield ${item.id} does not exist`);
    else if (seen.has(item.id)) errors[path(i, 'id')] = fieldError('duplicate', `Item ${seen.get(item.id)} already updates metafield ${item.id}`);
    else seen.set(item.id, i);
  });
  throwIfInvalid(errors);

  // Where each field ends up; a move must land on a free slot (one no other field keeps).
  const after = items.map((item) => {
    const row = current.get(item.id)!;
    return { id: item.id, customer_id: row.customer_id, namespace: item.namespace ?? row.namespace, key: item.key ?? row.key };
  });
  const moved = after.filter((a, i) => a.namespace !== current.get(items[i]!.id)!.namespace || a.key !== current.get(items[i]!.id)!.key);
  if (moved.length) {
    const { results } = await metafieldsInSlotsStatement(db, moved).all<MetafieldRow>();
    const holder = new Map(results.map((r) => [slotOf(r), r.id]));
    const first = new Map<string, number>();
    after.forEach((a, i) => {
      const slot = slotOf(a);
      const held = holder.get(slot);
      if (held !== undefined && held !== a.id) {
        errors[path(i, 'key')] = fieldError('taken', `Customer ${a.customer_id} already has a metafield "${a.key}" in namespace "${a.namespace}"`);
      } else if (first.has(slot)) {
        errors[path(i, 'key')] = fieldError('duplicate', `Gives the same namespace and key as item ${first.get(slot)} for the same customer`);
      } else first.set(slot, i);
    });
    throwIfInvalid(errors, 'metafield_exists');
  }

  const now = isoNow();
  const results = await runBatch<MetafieldRow>(
    db,
    items.map(({ id, ...change }) => updateMetafieldStatement(db, id, change, now)),
    { unique: slotRace },
  );
  // A field deleted by a concurrent request after our read: its UPDATE matched nothing, the rest went through.
  if (results.some((r) => !r.results[0])) throw new ApiError('concurrent_change');
  return results.map((r) => toMetafield(r.results[0]!));
}

/** Deletes metafields by id, all or nothing: an unknown id → 422 naming the item, nothing deleted. */
export async function deleteMetafields(db: D1Database, ids: readonly number[]): Promise<number[]> {
  const existing = new Set((await getMetafieldsByIds(db, ids)).map((m) => m.id));
  const errors: FieldErrors = {};
  const seen = new Set<number>();
  ids.forEach((id, i) => {
    if (!existing.has(id)) errors[String(i)] = fieldError('not_found', `Metafield ${id} does not exist`);
    else if (seen.has(id)) errors[String(i)] = fieldError('duplicate', `Metafield ${id} is named twice`);
    seen.add(id);
  });
  throwIfInvalid(errors);
  await runBatch(db, [deleteMetafieldsStatement(db, ids)]);
  return [...ids];
}

export async function deleteCustomerMetafield(db: D1Database, customerId: number, id: number): Promise<void> {
  const [result] = await runBatch(db, [deleteCustomerMetafieldStatement(db, customerId, id)]);
  if (!result?.results.length) throw new ApiError('metafield_not_found');
}

// ---- Storefront ----

/** The signed-in shopper's fields the storefront may show (a liveRead read: it only reads). */
export async function listShopperMetafields(db: D1Database, customerId: number): Promise<StorefrontMetafield[]> {
  return (await listStorefrontMetafields(db, customerId)).map(toStorefrontMetafield);
}

/**
 * The shopper sets the value of their own `write_and_sf_access` field. A field they can see but not
 * change → 403 `metafield_read_only`; anything they cannot see (another's, an app's, none) → 404.
 */
export async function setShopperMetafieldValue(db: D1Database, shopper: LiveShopper, id: number, value: string): Promise<StorefrontMetafield> {
  const [result] = await runBatch<MetafieldRow>(db, [setStorefrontMetafieldValueStatement(db, shopper.id, id, value)], SHOPPER_WRITE);
  const row = result?.results[0];
  if (row) return toStorefrontMetafield(row);
  // Only on a refusal: a second read to tell "visible but read-only" from "not yours to see".
  if (await findStorefrontMetafield(db, shopper.id, id)) throw new ApiError('metafield_read_only');
  throw new ApiError('metafield_not_found');
}
