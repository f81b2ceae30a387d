// SQL for customer groups (the V2 /customer_groups resource): list and count with filters, writes that
// keep at most one default group and one guest group, deletion that moves members to no group.
import { isoNow } from '../time';
import { type ListResult, listRows } from './list';
import { type DateRange, type Paging, Where } from './sql';

export interface GroupRow {
  id: number;
  name: string;
  is_default: number;
  is_group_for_guests: number;
  category_access: string;
  discount_rules: string;
  date_created: string;
  date_modified: string;
}

export interface CategoryAccess {
  type: 'all' | 'specific' | 'none';
  categories?: number[];
}

export type DiscountRule =
  | { type: 'price_list'; price_list_id: number }
  | { type: 'all'; method: 'percent' | 'fixed' | 'price'; amount: string }
  | { type: 'category'; method: 'percent' | 'fixed' | 'price'; amount: string; category_id: number }
  | { type: 'product'; method: 'percent' | 'fixed' | 'price'; amount: string; product_id: number };

/** BigCommerce's customerGroup_Full. */
export function toGroup(row: GroupRow) {
  return {
    id: row.id,
    name: row.name,
    is_default: row.is_default === 1,
    category_access: JSON.parse(row.category_access) as CategoryAccess,
    discount_rules: JSON.parse(row.discount_rules) as DiscountRule[],
    date_created: row.date_created,
    date_modified: row.date_modified,
    is_group_for_guests: row.is_group_for_guests === 1,
  };
}

export type Group = ReturnType<typeof toGroup>;

export interface GroupFilter {
  name?: string;
  nameLike?: string;
  isDefault?: boolean;
  isGroupForGuests?: boolean;
  dateCreated?: DateRange;
  dateModified?: DateRange;
}

function groupWhere(f: GroupFilter): Where {
  const w = new Where();
  // name is COLLATE NOCASE: the exact-name filter ignores case, as names are unique in any case.
  if (f.name !== undefined) w.add(`g.name = ${w.param(f.name)}`);
  if (f.nameLike !== undefined) w.like('g.name', [f.nameLike]);
  if (f.isDefault !== undefined) w.add(`g.is_default = ${w.param(f.isDefault ? 1 : 0)}`);
  if (f.isGroupForGuests !== undefined) w.add(`g.is_group_for_guests = ${w.param(f.isGroupForGuests ? 1 : 0)}`);
  w.range('g.date_created', f.dateCreated).range('g.date_modified', f.dateModified);
  return w;
}

/** Groups by id ascending (the V2 default order). */
export function listGroups(db: D1Database, filter: GroupFilter, paging: Paging): Promise<ListResult<GroupRow & { sort_value: number }>> {
  return listRows<GroupRow & { sort_value: number }>(db, {
    from: 'customer_groups g',
    select: 'g.*, g.id AS sort_value',
    idColumn: 'g.id',
    sortColumn: 'g.id',
    direction: 'asc',
    where: groupWhere(filter),
    paging,
  });
}

export async function countGroups(db: D1Database, filter: GroupFilter): Promise<number> {
  const w = groupWhere(filter);
  const row = await db.prepare(`SELECT count(*) AS n FROM customer_groups g ${w}`).bind(...w.params).first<{ n: number }>();
  return row?.n ?? 0;
}

export function getGroup(db: D1Database, id: number): Promise<GroupRow | null> {
  return db.prepare('SELECT * FROM customer_groups WHERE id = ?1').bind(id).first<GroupRow>();
}

/** True when another group already has this name (any case). */
export async function groupNameTaken(db: D1Database, name: string, exceptId = 0): Promise<boolean> {
  const row = await db.prepare('SELECT 1 AS taken FROM customer_groups WHERE name = ?1 AND id <> ?2').bind(name, exceptId).first();
  return row !== null;
}

export interface GroupInput {
  name: string;
  is_default: boolean;
  is_group_for_guests: boolean;
  category_access: CategoryAccess;
  discount_rules: DiscountRule[];
}

/**
 * There is one default group (for sign-ups) and one guest group at most: setting either flag on a
 * group clears it on every other group in the same batch, before the write that sets it (`exceptId` 0:
 * a new group; otherwise nothing is cleared unless that group still exists).
 */
function clearFlagStatements(db: D1Database, g: GroupInput, exceptId: number, now: string): D1PreparedStatement[] {
  const clear = (flag: 'is_default' | 'is_group_for_guests') =>
    db
      .prepare(
        `UPDATE customer_groups SET ${flag} = 0, date_modified = ?2
         WHERE ${flag} = 1 AND id <> ?1 AND (?1 = 0 OR EXISTS (SELECT 1 FROM customer_groups WHERE id = ?1))`,
      )
      .bind(exceptId, now);
  const out: D1PreparedStatement[] = [];
  if (g.is_default) out.push(clear('is_default'));
  if (g.is_group_for_guests) out.push(clear('is_group_for_guests'));
  return out;
}

function groupParams(g: GroupInput) {
  return [g.name, g.is_default ? 1 : 0, g.is_group_for_guests ? 1 : 0, JSON.stringify(g.category_access), JSON.stringify(g.discount_rules)];
}

/** One atomic write; the created group is the last statement's RETURNING row. */
export async function createGroup(db: D1Database, g: GroupInput, now = isoNow()): Promise<GroupRow> {
  const results = await db.batch<GroupRow>([
    ...clearFlagStatements(db, g, 0, now),
    db
      .prepare(
        `INSERT INTO customer_groups (name, is_default, is_group_for_guests, category_access, discount_rules, date_created, date_modified)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6) RETURNING *`,
      )
      .bind(...groupParams(g), now),
  ]);
  return results[results.length - 1]!.results[0]!;
}

/** One atomic write; null when the group no longer exists. */
export async function updateGroup(db: D1Database, id: number, g: GroupInput, now = isoNow()): Promise<GroupRow | null> {
  const results = await db.batch<GroupRow>([
    ...clearFlagStatements(db, g, id, now),
    db
      .prepare(
        `UPDATE customer_groups SET name = ?1, is_default = ?2, is_group_for_guests = ?3, category_access = ?4, discount_rules = ?5,
           date_modified = ?6 WHERE id = ?7 RETURNING *`,
      )
      .bind(...groupParams(g), now, id),
  ]);
  return results[results.length - 1]!.results[0] ?? null;
}

/**
 * Deletes a group; its customers move to no group (and count as modified). The foreign key's
 * ON DELETE SET NULL would do the move alone; the explicit UPDATE also stamps date_modified.
 * Returns false when there was no such group.
 */
export async function deleteGroup(db: D1Database, id: number, now = isoNow()): Promise<boolean> {
  const [, deleted] = await db.batch([
    db.prepare('UPDATE customers SET customer_group_id = NULL, date_modified = ?2 WHERE customer_group_id = ?1').bind(id, now),
    db.prepare('DELETE FROM customer_groups WHERE id = ?1').bind(id),
  ]);
  return deleted!.meta.changes > 0;
}
