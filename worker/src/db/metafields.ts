// SQL for customer metafields (BigCommerce's /v3/customers/{id}/metafields and /v3/customers/metafields)
// and the storefront's view of them. The per-customer limit is re-checked inside the INSERT (see
// insertMetafieldStatement), so it holds against concurrent requests; accounts/metafields.ts owns the rules.
import { isoNow } from '../time';
import { type ListResult, listRows } from './list';
import { type DateRange, type Paging, type SortDirection, Where } from './sql';

export type PermissionSet = 'app_only' | 'read' | 'write' | 'read_and_sf_access' | 'write_and_sf_access';

/** The permission sets a shopper sees on the storefront; only the second may be changed by them. */
export const STOREFRONT_PERMISSION_SETS = ['read_and_sf_access', 'write_and_sf_access'] as const satisfies readonly PermissionSet[];

export interface MetafieldRow {
  id: number;
  customer_id: number;
  namespace: string;
  key: string;
  value: string;
  description: string;
  permission_set: PermissionSet;
  owner_client_id: string;
  date_created: string;
  date_modified: string;
}

/** Per-customer limit on metafields (ours; BigCommerce publishes none for customers). */
export const MAX_METAFIELDS_PER_CUSTOMER = 250;

const COLUMNS =
  'm.id, m.customer_id, m.namespace, m.key, m.value, m.description, m.permission_set, m.owner_client_id, m.date_created, m.date_modified';

export interface MetafieldFilter {
  customerIds?: number[];
  /** Exact keys (`key` and `key:in` together). */
  keys?: string[];
  namespaces?: string[];
  dateCreated?: DateRange;
  dateModified?: DateRange;
}

export function listMetafields(
  db: D1Database,
  f: MetafieldFilter,
  paging: Paging,
  direction: SortDirection,
): Promise<ListResult<MetafieldRow & { sort_value: number }>> {
  const where = new Where();
  where.in('m.customer_id', f.customerIds).in('m.key', f.keys).in('m.namespace', f.namespaces);
  where.range('m.date_created', f.dateCreated).range('m.date_modified', f.dateModified);
  return listRows(db, {
    from: 'customer_metafields m',
    select: `${COLUMNS}, m.id AS sort_value`,
    idColumn: 'm.id',
    sortColumn: 'm.id',
    direction,
    where,
    paging,
  });
}

export async function getMetafieldsByIds(db: D1Database, ids: readonly number[]): Promise<MetafieldRow[]> {
  if (!ids.length) return [];
  const { results } = await db
    .prepare(`SELECT ${COLUMNS} FROM customer_metafields m WHERE m.id IN (SELECT value FROM json_each(?1)) ORDER BY m.id`)
    .bind(JSON.stringify(ids))
    .all<MetafieldRow>();
  return results;
}

/** How many metafields each of `customerIds` has (customers without any are absent). */
export function metafieldCountsStatement(db: D1Database, customerIds: readonly number[]): D1PreparedStatement {
  return db
    .prepare('SELECT customer_id, count(*) AS n FROM customer_metafields WHERE customer_id IN (SELECT value FROM json_each(?1)) GROUP BY customer_id')
    .bind(JSON.stringify(customerIds));
}

/** The stored metafields holding any of `slots` ({customer_id, namespace, key}). */
export function metafieldsInSlotsStatement(
  db: D1Database,
  slots: readonly { customer_id: number; namespace: string; key: string }[],
): D1PreparedStatement {
  return db
    .prepare(
      `SELECT m.id, m.customer_id, m.namespace, m.key FROM customer_metafields m
       JOIN json_each(?1) s ON m.customer_id = json_extract(s.value, '$[0]')
         AND m.namespace = json_extract(s.value, '$[1]') AND m.key = json_extract(s.value, '$[2]')`,
    )
    .bind(JSON.stringify(slots.map((s) => [s.customer_id, s.namespace, s.key])));
}

export interface NewMetafield {
  customer_id: number;
  namespace: string;
  key: string;
  value: string;
  description: string;
  permission_set: PermissionSet;
}

/**
 * Inserts one metafield, answering with the row. Past the per-customer limit the value becomes NULL,
 * the NOT NULL constraint fails and the whole batch rolls back, so two concurrent requests cannot
 * together exceed it (runBatch's `notNull` option).
 */
export function insertMetafieldStatement(db: D1Database, m: NewMetafield, owner: string, now = isoNow()): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO customer_metafields (customer_id, namespace, key, value, description, permission_set, owner_client_id, date_created, date_modified)
       VALUES (?1, ?2, ?3, CASE WHEN (SELECT count(*) FROM customer_metafields WHERE customer_id = ?1) < ?9 THEN ?4 END, ?5, ?6, ?7, ?8, ?8)
       RETURNING id, customer_id, namespace, key, value, description, permission_set, owner_client_id, date_created, date_modified`,
    )
    .bind(m.customer_id, m.namespace, m.key, m.value, m.description, m.permission_set, owner, now, MAX_METAFIELDS_PER_CUSTOMER);
}

export type MetafieldChange = Partial<Pick<MetafieldRow, 'namespace' | 'key' | 'value' | 'description' | 'permission_set'>>;

/** Updates the given fields of metafield `id`, answering with the row (none when it is gone). */
export function updateMetafieldStatement(db: D1Database, id: number, change: MetafieldChange, now = isoNow()): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE customer_metafields SET namespace = coalesce(?2, namespace), key = coalesce(?3, key), value = coalesce(?4, value),
         description = coalesce(?5, description), permission_set = coalesce(?6, permission_set), date_modified = ?7
       WHERE id = ?1
       RETURNING id, customer_id, namespace, key, value, description, permission_set, owner_client_id, date_created, date_modified`,
    )
    .bind(id, change.namespace ?? null, change.key ?? null, change.value ?? null, change.description ?? null, change.permission_set ?? null, now);
}

export function deleteMetafieldsStatement(db: D1Database, ids: readonly number[]): D1PreparedStatement {
  return db.prepare('DELETE FROM customer_metafields WHERE id IN (SELECT value FROM json_each(?1)) RETURNING id').bind(JSON.stringify(ids));
}

/** Deletes metafield `id` of `customerId` only; answers with its id, or nothing when it is not theirs. */
export function deleteCustomerMetafieldStatement(db: D1Database, customerId: number, id: number): D1PreparedStatement {
  return db.prepare('DELETE FROM customer_metafields WHERE id = ?1 AND customer_id = ?2 RETURNING id').bind(id, customerId);
}

// ---- The storefront's view: only the shopper's own fields with a storefront permission set ----

/** The shopper's metafields the storefront may show, by namespace and key. */
export async function listStorefrontMetafields(db: D1Database, customerId: number): Promise<MetafieldRow[]> {
  const { results } = await db
    .prepare(
      `SELECT ${COLUMNS} FROM customer_metafields m
       WHERE m.customer_id = ?1 AND m.permission_set IN (SELECT value FROM json_each(?2)) ORDER BY m.namespace, m.key, m.id`,
    )
    .bind(customerId, JSON.stringify(STOREFRONT_PERMISSION_SETS))
    .all<MetafieldRow>();
  return results;
}

/**
 * Sets the value of the shopper's own metafield `id` if its permission set lets the storefront write it,
 * answering with the row. The permission is checked in the UPDATE itself, so a staff change of the
 * permission set at the same moment cannot let a shopper write a field that just stopped being writable.
 */
export function setStorefrontMetafieldValueStatement(
  db: D1Database,
  customerId: number,
  id: number,
  value: string,
  now = isoNow(),
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE customer_metafields SET value = ?3, date_modified = ?4
       WHERE id = ?1 AND customer_id = ?2 AND permission_set = 'write_and_sf_access'
       RETURNING id, customer_id, namespace, key, value, description, permission_set, owner_client_id, date_created, date_modified`,
    )
    .bind(id, customerId, value, now);
}

/** The shopper's own metafield `id` if the storefront may see it, else null. */
export async function findStorefrontMetafield(db: D1Database, customerId: number, id: number): Promise<MetafieldRow | null> {
  return db
    .prepare(
      `SELECT ${COLUMNS} FROM customer_metafields m WHERE m.id = ?1 AND m.customer_id = ?2 AND m.permission_set IN (SELECT value FROM json_each(?3))`,
    )
    .bind(id, customerId, JSON.stringify(STOREFRONT_PERMISSION_SETS))
    .first<MetafieldRow>();
}
