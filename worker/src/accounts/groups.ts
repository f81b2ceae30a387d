// Customer groups (BigCommerce's V2 /customer_groups): names unique in any case, at most one default
// group (where sign-ups go) and one guest group, each write one atomic batch. Deleting a group moves
// its customers to no group.
import { customerEvent } from './webhooks';
import { runBatch } from '../db/batch';
import {
  type CategoryAccess,
  countGroups,
  deleteGroupStatements,
  type DiscountRule,
  findGroupIdByName,
  getGroup,
  type GroupFilter,
  type GroupInput,
  type GroupRow,
  insertGroupStatements,
  listGroups,
  updateGroupStatements,
} from '../db/groups';
import { ApiError, fieldError } from '../errors';

export type { CategoryAccess, DiscountRule, GroupFilter, GroupInput };

/** BigCommerce's customerGroup_Full. */
function toGroup(row: GroupRow) {
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

const groupNotFound = () => new ApiError('group_not_found');
const nameTaken = (name: string) =>
  new ApiError('name_taken', { errors: { name: fieldError('duplicate', `A group named "${name}" already exists`) } });

async function checkName(db: D1Database, name: string, exceptId = 0) {
  if ((await findGroupIdByName(db, name, exceptId)) !== null) throw nameTaken(name);
}

export async function listGroupPage(db: D1Database, filter: GroupFilter, page: number, limit: number): Promise<Group[]> {
  return (await listGroups(db, filter, { kind: 'page', page, limit })).rows.map(toGroup);
}

export function countGroupsMatching(db: D1Database, filter: GroupFilter): Promise<number> {
  return countGroups(db, filter);
}

export async function getGroupById(db: D1Database, id: number): Promise<Group> {
  const row = await getGroup(db, id);
  if (!row) throw groupNotFound();
  return toGroup(row);
}

export type NewGroup = Partial<Omit<GroupInput, 'name'>> & { name: string };

export async function createGroup(db: D1Database, body: NewGroup): Promise<Group> {
  await checkName(db, body.name);
  const input: GroupInput = {
    name: body.name,
    is_default: body.is_default ?? false,
    is_group_for_guests: body.is_group_for_guests ?? false,
    category_access: body.category_access ?? { type: 'all' },
    discount_rules: body.discount_rules ?? [],
  };
  // A UNIQUE violation: a concurrent write took the name between our check and the write.
  const results = await runBatch<GroupRow>(db, insertGroupStatements(db, input), { unique: () => nameTaken(input.name) });
  return toGroup(results[results.length - 1]!.results[0]!);
}

/** Changes a group; discount rules are replaced as a whole when given, as in BigCommerce. */
export async function updateGroup(db: D1Database, id: number, body: Partial<GroupInput>): Promise<Group> {
  const current = await getGroupById(db, id);
  if (body.name !== undefined) await checkName(db, body.name, id);
  const input: GroupInput = {
    name: body.name ?? current.name,
    is_default: body.is_default ?? current.is_default,
    is_group_for_guests: body.is_group_for_guests ?? current.is_group_for_guests,
    category_access: body.category_access ?? current.category_access,
    discount_rules: body.discount_rules ?? current.discount_rules,
  };
  const results = await runBatch<GroupRow>(db, updateGroupStatements(db, id, input), { unique: () => nameTaken(input.name) });
  const row = results[results.length - 1]!.results[0];
  if (!row) throw groupNotFound();
  return toGroup(row);
}

/** Deletes a group; its customers move to no group. */
export async function deleteGroup(db: D1Database, id: number): Promise<void> {
  // Its members move to no group: each is a changed customer (the event goes first, while they are members).
  const moved = customerEvent(db, 'store/customer/updated', { sql: 'SELECT id FROM customers WHERE customer_group_id = ?1', params: [id] });
  const results = await runBatch(db, [moved, ...deleteGroupStatements(db, id)]);
  if (results[results.length - 1]!.meta.changes === 0) throw groupNotFound();
}
