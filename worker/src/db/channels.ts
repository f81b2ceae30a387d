// SQL for channels (storefronts) and their allowed origins. Only channels whose status is trusted
// (`active`, `prelaunch`) lend their origins to CORS and return URLs. An origin belongs to one channel at
// most: the write statements refuse (write nothing) when another channel already lists one of theirs,
// inside the statement, so two concurrent writes cannot both claim it.
import { isoNow } from '../time';
import { type ListResult, listRows } from './list';
import { type DateRange, type Paging, Where } from './sql';

export const CHANNEL_STATUSES = ['prelaunch', 'active', 'inactive', 'archived'] as const;
export type ChannelStatus = (typeof CHANNEL_STATUSES)[number];
/** Statuses whose storefront origins the store trusts (BigCommerce's "available" channels of a storefront). */
export const TRUSTED_STATUSES: readonly ChannelStatus[] = ['prelaunch', 'active'];
const TRUSTED_SQL = `status IN (${TRUSTED_STATUSES.map((s) => `'${s}'`).join(', ')})`;

export interface ChannelRow {
  id: number;
  name: string;
  external_id: string;
  type: string;
  platform: string;
  status: ChannelStatus;
  is_listable_from_ui: number;
  is_visible: number;
  /** JSON array of origins. */
  storefront_origins: string;
  date_created: string;
  date_modified: string;
}

const COLUMNS = 'id, name, external_id, type, platform, status, is_listable_from_ui, is_visible, storefront_origins, date_created, date_modified';

/** The trusted channels' origins, by channel id. */
export async function listChannelOrigins(db: D1Database): Promise<{ id: number; origins: string[] }[]> {
  const { results } = await channelOriginsStatement(db).all<{ id: number; storefront_origins: string }>();
  return channelOriginsOf(results);
}

/** `listChannelOrigins` as a statement, to ride in a batch (accounts/settings.ts); read it with `channelOriginsOf`. */
export function channelOriginsStatement(db: D1Database): D1PreparedStatement {
  return db.prepare(`SELECT id, storefront_origins FROM channels WHERE ${TRUSTED_SQL} ORDER BY id`);
}

export function channelOriginsOf(rows: readonly { id: number; storefront_origins: string }[]): { id: number; origins: string[] }[] {
  return rows.map((r) => ({ id: r.id, origins: JSON.parse(r.storefront_origins) as string[] }));
}

export interface ChannelFilter {
  ids?: readonly number[];
  statuses?: readonly string[];
  types?: readonly string[];
  platforms?: readonly string[];
  dateCreated?: DateRange;
  dateModified?: DateRange;
}

/** Channels by id ascending (BigCommerce's order). */
export function listChannels(db: D1Database, f: ChannelFilter, paging: Paging): Promise<ListResult<ChannelRow & { sort_value: number }>> {
  const where = new Where().in('id', f.ids).in('status', f.statuses).in('type', f.types).in('platform', f.platforms);
  where.range('date_created', f.dateCreated).range('date_modified', f.dateModified);
  return listRows<ChannelRow & { sort_value: number }>(db, {
    from: 'channels',
    select: `${COLUMNS}, id AS sort_value`,
    idColumn: 'id',
    sortColumn: 'id',
    direction: 'asc',
    where,
    paging,
  });
}

/** Every channel's id (a few: storefronts). */
export async function listChannelIds(db: D1Database): Promise<number[]> {
  const { results } = await db.prepare('SELECT id FROM channels ORDER BY id').all<{ id: number }>();
  return results.map((r) => r.id);
}

export function getChannel(db: D1Database, id: number): Promise<ChannelRow | null> {
  return db.prepare(`SELECT ${COLUMNS} FROM channels WHERE id = ?1`).bind(id).first<ChannelRow>();
}

export function channelExistsStatement(db: D1Database, id: number): D1PreparedStatement {
  return db.prepare('SELECT id FROM channels WHERE id = ?1').bind(id);
}

/** Of `origins`, those another channel than `exceptId` (0: none) already lists. */
export async function findTakenOrigins(db: D1Database, origins: readonly string[], exceptId = 0): Promise<string[]> {
  const { results } = await db
    .prepare(
      `SELECT DISTINCT o.value AS origin FROM channels c, json_each(c.storefront_origins) o
       WHERE c.id <> ?2 AND o.value IN (SELECT value FROM json_each(?1))`,
    )
    .bind(JSON.stringify(origins), exceptId)
    .all<{ origin: string }>();
  return results.map((r) => r.origin);
}

/** SQL true when no channel but `?{exceptParam}` lists one of the JSON array `?{originsParam}`. */
const originsFreeSql = (originsParam: string, exceptParam: string) =>
  `NOT EXISTS (SELECT 1 FROM channels c, json_each(c.storefront_origins) o
     WHERE c.id <> ${exceptParam} AND o.value IN (SELECT value FROM json_each(${originsParam})))`;

export interface NewChannel {
  name: string;
  external_id: string;
  type: string;
  platform: string;
  status: ChannelStatus;
  is_listable_from_ui: boolean;
  is_visible: boolean;
  storefront_origins: string[];
}

/** Inserts a channel; its first row is the new ChannelRow, none when another channel lists one of its origins. */
export function insertChannelStatement(db: D1Database, ch: NewChannel, now = isoNow()): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO channels (name, external_id, type, platform, status, is_listable_from_ui, is_visible, storefront_origins, date_created, date_modified)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9 WHERE ${originsFreeSql('?8', '0')}
       RETURNING ${COLUMNS}`,
    )
    .bind(
      ch.name,
      ch.external_id,
      ch.type,
      ch.platform,
      ch.status,
      ch.is_listable_from_ui ? 1 : 0,
      ch.is_visible ? 1 : 0,
      JSON.stringify(ch.storefront_origins),
      now,
    );
}

/**
 * Applies the given fields; its first row is the updated channel, none when there is no such channel or
 * another channel lists one of the new origins.
 */
export function updateChannelStatement(db: D1Database, id: number, changes: Partial<NewChannel>, now = isoNow()): D1PreparedStatement {
  const w = new Where();
  const idParam = w.param(id);
  const sets: string[] = [];
  const set = (column: string, value: unknown) => sets.push(`${column} = ${w.param(value)}`);
  if (changes.name !== undefined) set('name', changes.name);
  if (changes.external_id !== undefined) set('external_id', changes.external_id);
  if (changes.type !== undefined) set('type', changes.type);
  if (changes.platform !== undefined) set('platform', changes.platform);
  if (changes.status !== undefined) set('status', changes.status);
  if (changes.is_listable_from_ui !== undefined) set('is_listable_from_ui', changes.is_listable_from_ui ? 1 : 0);
  if (changes.is_visible !== undefined) set('is_visible', changes.is_visible ? 1 : 0);
  w.add(`id = ${idParam}`);
  if (changes.storefront_origins !== undefined) {
    const origins = w.param(JSON.stringify(changes.storefront_origins));
    sets.push(`storefront_origins = ${origins}`);
    w.add(originsFreeSql(origins, idParam));
  }
  set('date_modified', now);
  return db.prepare(`UPDATE channels SET ${sets.join(', ')} ${w} RETURNING ${COLUMNS}`).bind(...w.params);
}
