// SQL for customer groups (the V2 /customer_groups resource): list and count with filters, write
// statements that keep at most one default group and one guest group, deletion that moves members to
// no group. accounts/groups.ts runs the writes (one batch each) and owns the shape and the rules.
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
  const row = await db
    .prepare(`SELECT count(*) AS n FROM customer_groups g ${w}`)
    .bind(...w.params)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

export function getGroup(db: D1Database, id: number): Promise<GroupRow | null> {
  return db.prepare('SELECT * FROM customer_groups WHERE id = ?1').bind(id).first<GroupRow>();
}

/** The id of another group with this name (any case: name is COLLATE NOCASE), or null. */
export async function findGroupIdByName(db: D1Database, name: string, exceptId = 0): Promise<number | null> {
  const row = await db.prepare('SELECT id FROM customer_groups WHERE name = ?1 AND id <> ?2').bind(name, exceptId).first<{ id: number }>();
  return row?.id ?? null;
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

/** Statements creating a group; the last one answers with the row (`RETURNING *`). */
export function insertGroupStatements(db: D1Database, g: GroupInput, now = isoNow()): D1PreparedStatement[] {
  return [
    ...clearFlagStatements(db, g, 0, now),
    db
      .prepare(
        `INSERT INTO customer_groups (name, is_default, is_group_for_guests, category_access, discount_rules, date_created, date_modified)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6) RETURNING *`,
      )
      .bind(...groupParams(g), now),
  ];
}

/** Statements updating a group; the last one answers with the row, or nothing when it no longer exists. */
export function updateGroupStatements(db: D1Database, id: number, g: GroupInput, now = isoNow()): D1PreparedStatement[] {
  return [
    ...clearFlagStatements(db, g, id, now),
    db
      .prepare(
        `UPDATE customer_groups SET name = ?1, is_default = ?2, is_group_for_guests = ?3, category_access = ?4, discount_rules = ?5,
           date_modified = ?6 WHERE id = ?7 RETURNING *`,
      )
      .bind(...groupParams(g), now, id),
  ];
}

/**
 * Statements deleting a group; its customers move to no group (and count as modified). The foreign
 * key's ON DELETE SET NULL would do the move alone; the explicit UPDATE also stamps date_modified. The
 * last statement's `meta.changes` is 0 when there was no such group.
 */
export function deleteGroupStatements(db: D1Database, id: number, now = isoNow()): D1PreparedStatement[] {
  return [
    db.prepare('UPDATE customers SET customer_group_id = NULL, date_modified = ?2 WHERE customer_group_id = ?1').bind(id, now),
    db.prepare('DELETE FROM customer_groups WHERE id = ?1').bind(id),
  ];
}
