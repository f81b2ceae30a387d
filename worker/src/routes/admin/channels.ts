// /v3/channels: the store's storefronts in BigCommerce's Channels V3 shape (list, get, create, update;
// `store_v2_customers` to write, `_read_only` to read), plus our `storefront_origins` (accounts/channels.ts).
// BigCommerce has no channel DELETE: a storefront goes offline by its status (`inactive`, `archived`),
// which also takes its origins off the CORS allow-list.
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { type ChannelRow, createChannel, getChannel, listChannels, MAX_ORIGINS, updateChannel } from '../../accounts/channels';
import { CHANNEL_STATUSES, TRUSTED_STATUSES } from '../../db/channels';
import type { AppEnv } from '../../env';
import { noteConfigWrite } from '../../middleware/d1-session';
import { ApiError } from '../../errors';
import { validate } from '../../validation';
import { csv, csvInts, dateQuery, dateRanges, listMeta, pagingQuery, toPaging } from './paging';

const name = z.string().check(z.trim(), z.minLength(1, 'Required'), z.maxLength(100));
// Every channel here is a storefront (what the widget runs on); `platform` says what it is built with.
const type = z.enum(['storefront']);
const platform = z.string().check(z.regex(/^[a-z0-9][a-z0-9_-]{0,49}$/, 'Lowercase letters, digits, dashes and underscores (at most 50)'));
const status = z.enum(CHANNEL_STATUSES);
const origins = z.array(z.string().check(z.maxLength(300))).check(z.maxLength(MAX_ORIGINS));

const createBody = z.strictObject({
  name,
  type: z.optional(type),
  platform: z.optional(platform),
  status: z.optional(status),
  external_id: z.optional(z.string().check(z.maxLength(255))),
  is_listable_from_ui: z.optional(z.boolean()),
  is_visible: z.optional(z.boolean()),
  storefront_origins: z.optional(origins),
});
const updateBody = z.strictObject(z.partial(createBody).shape);

const listQuery = z.strictObject({
  'id:in': z.optional(csvInts),
  'status:in': z.optional(z.pipe(csv, z.array(status))),
  'type:in': z.optional(csv),
  'platform:in': z.optional(csv),
  // BigCommerce: true lists the channels available to integrate with (here: those whose origins are trusted).
  available: z.optional(z.enum(['true', 'false'])),
  ...dateQuery,
  ...pagingQuery,
});
const idParam = z.object({ id: z.coerce.number().check(z.int(), z.minimum(1), z.maximum(Number.MAX_SAFE_INTEGER)) });

function toChannel(row: ChannelRow) {
  return {
    id: row.id,
    name: row.name,
    external_id: row.external_id,
    type: row.type,
    platform: row.platform,
    status: row.status,
    is_listable_from_ui: row.is_listable_from_ui === 1,
    is_visible: row.is_visible === 1,
    date_created: row.date_created,
    date_modified: row.date_modified,
    storefront_origins: JSON.parse(row.storefront_origins) as string[],
  };
}

const notFound = () => new ApiError('channel_not_found');

const channels = new Hono<AppEnv>()
  .use('*', noteConfigWrite)
  .get('/', validate('query', listQuery), async (c) => {
    const q = c.req.valid('query');
    const available =
      q.available === undefined
        ? undefined
        : q.available === 'true'
          ? TRUSTED_STATUSES
          : CHANNEL_STATUSES.filter((s) => !TRUSTED_STATUSES.includes(s));
    const statuses = q['status:in'] && available ? q['status:in'].filter((s) => available.includes(s)) : (q['status:in'] ?? available);
    const paging = toPaging(q);
    const result = await listChannels(
      c.env.DB,
      // An empty intersection of status filters matches nothing (not everything).
      {
        ids: q['id:in'],
        statuses: statuses && !statuses.length ? ['none'] : statuses,
        types: q['type:in'],
        platforms: q['platform:in'],
        ...dateRanges(q),
      },
      paging,
    );
    return c.json({ data: result.rows.map(toChannel), meta: listMeta(result, paging) });
  })

  .post('/', validate('json', createBody), async (c) => {
    const row = await createChannel(c.env.DB, c.req.valid('json'));
    return c.json({ data: toChannel(row), meta: {} });
  })

  .get('/:id', validate('param', idParam), async (c) => {
    const row = await getChannel(c.env.DB, c.req.valid('param').id);
    if (!row) throw notFound();
    return c.json({ data: toChannel(row), meta: {} });
  })

  .put('/:id', validate('param', idParam), validate('json', updateBody), async (c) => {
    const row = await updateChannel(c.env.DB, c.req.valid('param').id, c.req.valid('json'));
    if (!row) throw notFound();
    return c.json({ data: toChannel(row), meta: {} });
  });

export default channels;
