// Channels (the admin API's /v3/channels): the store's storefronts in BigCommerce's shape, with our
// `storefront_origins`: the exact origins the widget may call the storefront API from (CORS), that
// browser flows may return to and that passkeys are accepted from. A change applies to this isolate's
// next request (the cached copy is dropped: accounts/settings.ts) and to every other within 30 seconds.
import { runBatch, firstRow } from '../db/batch';
import {
  type ChannelFilter,
  type ChannelRow,
  findTakenOrigins,
  getChannel as findChannel,
  insertChannelStatement,
  listChannels as listChannelRows,
  type NewChannel,
  updateChannelStatement,
} from '../db/channels';
import type { ListResult } from '../db/list';
import type { Paging } from '../db/sql';
import { ApiError, fieldError, type FieldErrors, throwIfInvalid } from '../errors';
import { dropStoreConfig } from './settings';

export type { ChannelRow };

/** At most this many origins per channel: an allow-list, not a pattern. */
export const MAX_ORIGINS = 20;

/** Hosts a browser treats as secure over plain http, so a developer's local storefront may use http. */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const HOSTNAME = new RegExp(`^${LABEL}(?:\\.${LABEL})*$`);

/**
 * An origin as browsers send it in `Origin` (`https://host[:port]`: lowercase, IDN as punycode, no default
 * port), or why `value` is not one. Exact origins only: no path, query, fragment, credentials, wildcard
 * or trailing slash, since CORS compares the header with these strings as they are.
 */
export function normalizeOrigin(value: string): { origin: string } | { error: string } {
  const shape = 'An origin: https://host or https://host:port, without path, query or trailing slash';
  if (!/^https?:\/\/[^/?#@\\\s]+$/i.test(value)) return { error: shape };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { error: shape };
  }
  if (!LOOPBACK_HOSTS.has(url.hostname) && !HOSTNAME.test(url.hostname))
    return { error: 'The host must be a domain name or an IP address (no wildcards)' };
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) return { error: 'Must be https (http only for localhost and 127.0.0.1)' };
  return { origin: url.origin };
}

/** The normalised origins, or field errors keyed `storefront_origins.<index>` (bad, given twice, another channel's). */
async function checkOrigins(db: D1Database, values: readonly string[], channelId: number): Promise<string[]> {
  const errors: FieldErrors = {};
  const origins: string[] = [];
  const seen = new Map<string, number>();
  values.forEach((value, i) => {
    const result = normalizeOrigin(value.trim());
    if ('error' in result) {
      errors[`storefront_origins.${i}`] = fieldError('invalid_format', result.error);
      return;
    }
    if (seen.has(result.origin)) {
      errors[`storefront_origins.${i}`] = fieldError('duplicate', `Given twice (as item ${seen.get(result.origin)!})`);
      return;
    }
    seen.set(result.origin, i);
    origins.push(result.origin);
  });
  throwIfInvalid(errors);
  // Checked here for the field errors; the write re-checks in its statement against a concurrent one.
  const taken = new Set(origins.length ? await findTakenOrigins(db, origins, channelId) : []);
  for (const [origin, i] of seen) {
    if (taken.has(origin)) errors[`storefront_origins.${i}`] = fieldError('taken', 'Another channel already lists this origin');
  }
  throwIfInvalid(errors);
  return origins;
}

const originTakenMeanwhile = () =>
  new ApiError('validation_failed', { errors: { storefront_origins: fieldError('taken', 'Another channel listed one of these origins meanwhile') } });

export function listChannels(db: D1Database, filter: ChannelFilter, paging: Paging): Promise<ListResult<ChannelRow & { sort_value: number }>> {
  return listChannelRows(db, filter, paging);
}

export function getChannel(db: D1Database, id: number): Promise<ChannelRow | null> {
  return findChannel(db, id);
}

export type ChannelInput = Pick<NewChannel, 'name'> & Partial<Omit<NewChannel, 'name'>>;

export async function createChannel(db: D1Database, input: ChannelInput): Promise<ChannelRow> {
  const origins = await checkOrigins(db, input.storefront_origins ?? [], 0);
  const [inserted] = await runBatch(db, [
    insertChannelStatement(db, {
      name: input.name,
      external_id: input.external_id ?? '',
      type: input.type ?? 'storefront',
      platform: input.platform ?? 'custom',
      status: input.status ?? 'active',
      is_listable_from_ui: input.is_listable_from_ui ?? true,
      is_visible: input.is_visible ?? true,
      storefront_origins: origins,
    }),
  ]);
  const row = firstRow<ChannelRow>(inserted);
  if (!row) throw originTakenMeanwhile();
  dropStoreConfig();
  return row;
}

/** Applies the changes; null when there is no such channel. */
export async function updateChannel(db: D1Database, id: number, changes: Partial<NewChannel>): Promise<ChannelRow | null> {
  const origins = changes.storefront_origins !== undefined ? await checkOrigins(db, changes.storefront_origins, id) : undefined;
  const [updated] = await runBatch(db, [updateChannelStatement(db, id, { ...changes, storefront_origins: origins })]);
  const row = firstRow<ChannelRow>(updated);
  if (!row) {
    if (origins?.length && (await findChannel(db, id))) throw originTakenMeanwhile();
    return null;
  }
  dropStoreConfig();
  return row;
}
