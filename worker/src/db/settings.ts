// SQL for store settings: the `settings` key/value table, one JSON document per scope (the store, each
// channel; keys in accounts/settings.ts), and the default and guest group flags the store-wide customer
// group settings are (customer_groups.is_default / is_group_for_guests, BigCommerce's V2 flags).
// A change is a JSON merge patch applied inside the statement (json_patch: a null removes the key), so
// two admins changing different settings at once both keep their change.
import { isoNow } from '../time';

/** Every settings document whose key starts with `prefix`. */
export function settingsStatement(db: D1Database, prefix: string): D1PreparedStatement {
  return db.prepare('SELECT key, value FROM settings WHERE substr(key, 1, length(?1)) = ?1').bind(prefix);
}

/** The document of `key` (its first row; none when nothing is stored). */
export function settingStatement(db: D1Database, key: string): D1PreparedStatement {
  return db.prepare('SELECT key, value FROM settings WHERE key = ?1').bind(key);
}

/**
 * Merges `patch` (RFC 7396: nested objects merge, null removes) into the document of `key`. With
 * `channelId`, only while that channel exists (nothing is written otherwise).
 */
export function patchSettingStatement(db: D1Database, key: string, patch: object, channelId?: number): D1PreparedStatement {
  const guard = channelId === undefined ? 'WHERE true' : 'WHERE EXISTS (SELECT 1 FROM channels WHERE id = ?3)';
  const params: unknown[] = [key, JSON.stringify(patch)];
  if (channelId !== undefined) params.push(channelId);
  return db
    .prepare(
      `INSERT INTO settings (key, value) SELECT ?1, json_patch('{}', ?2) ${guard}
       ON CONFLICT (key) DO UPDATE SET value = json_patch(value, ?2)`,
    )
    .bind(...params);
}

/** The store's default (sign-up) and guest groups: one row of two ids, null where no group has the flag. */
export function groupFlagsStatement(db: D1Database): D1PreparedStatement {
  return db.prepare(
    `SELECT (SELECT id FROM customer_groups WHERE is_default = 1 ORDER BY id LIMIT 1) AS default_group_id,
            (SELECT id FROM customer_groups WHERE is_group_for_guests = 1 ORDER BY id LIMIT 1) AS guest_group_id`,
  );
}

/** Of `ids`, those that are groups. */
export async function findExistingGroupIds(db: D1Database, ids: readonly number[]): Promise<number[]> {
  if (!ids.length) return [];
  const { results } = await db
    .prepare('SELECT id FROM customer_groups WHERE id IN (SELECT value FROM json_each(?1))')
    .bind(JSON.stringify(ids))
    .all<{ id: number }>();
  return results.map((r) => r.id);
}

/**
 * Makes group `groupId` the one with `flag` (0: none has it); the groups whose flag changes count as modified.
 * A group deleted meanwhile simply ends up with no group flagged.
 */
export function setGroupFlagStatement(
  db: D1Database,
  flag: 'is_default' | 'is_group_for_guests',
  groupId: number,
  now = isoNow(),
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE customer_groups SET ${flag} = (id = ?1), date_modified = ?2
       WHERE (${flag} = 1 AND id <> ?1) OR (${flag} = 0 AND id = ?1)`,
    )
    .bind(groupId, now);
}
