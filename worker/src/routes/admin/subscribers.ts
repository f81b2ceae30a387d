// /v3/customers/subscribers: BigCommerce's Subscribers V3 — list with its filters, create one, read,
// update and delete by id, and delete by filter (never everything: a DELETE without a filter is a 422).
import { Hono } from 'hono';
import * as z from 'zod/mini';
import {
  CONSENTS,
  createSubscriber,
  deleteSubscriber,
  deleteSubscribersMatching,
  getSubscriber,
  listSubscriberPage,
  normalizeConsents,
  toSubscriber,
  updateSubscriber,
} from '../../accounts/subscribers';
import type { SubscriberFilter } from '../../db/subscribers';
import type { AppEnv } from '../../env';
import { validate } from '../../validation';
import { csvInts, dateQuery, dateRanges, listMeta, pagingQuery, toPaging } from './paging';
import { staffActor } from './schemas';

/** BigCommerce's bound for ids (a signed 32-bit integer). */
const MAX_ID = 2_147_483_647;

const intParam = z.pipe(
  z.pipe(z.string().check(z.regex(/^\d{1,10}$/, 'Expected a positive integer')), z.transform(Number)),
  z.number().check(z.int(), z.minimum(1, 'Expected a positive integer'), z.maximum(MAX_ID)),
);

/** The filters of GET and DELETE: the spec's, plus `channel_id` and the date `:min`/`:max` pairs on DELETE too. */
const filterQuery = {
  id: z.optional(intParam),
  'id:in': z.optional(csvInts),
  email: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(250))),
  // An empty value is no filter at all: `?first_name=` must never turn a DELETE into "every nameless row".
  first_name: z.optional(z.string().check(z.minLength(1, 'Give a value or leave the filter out'), z.maxLength(255))),
  last_name: z.optional(z.string().check(z.minLength(1, 'Give a value or leave the filter out'), z.maxLength(255))),
  source: z.optional(z.string().check(z.minLength(1, 'Give a value or leave the filter out'), z.maxLength(255))),
  order_id: z.optional(intParam),
  channel_id: z.optional(intParam),
  ...dateQuery,
};

const listQuery = z
  .strictObject({ ...pagingQuery, ...filterQuery })
  .check(z.refine((q) => !(q.after !== undefined && q.before !== undefined), { message: 'Use either after or before, not both', path: ['before'] }));

const deleteQuery = z.strictObject(filterQuery);

const idParam = z.object({ subscriber_id: intParam });

const consents = z.pipe(
  z.array(z.enum(CONSENTS, { message: `Expected one of: ${CONSENTS.join(', ')}` })).check(z.maxLength(10)),
  z.transform((list) => normalizeConsents(list)),
);

const fields = {
  email: z.pipe(z.string().check(z.trim()), z.email('Invalid email address').check(z.maxLength(250))),
  first_name: z.string().check(z.trim(), z.maxLength(255)),
  last_name: z.string().check(z.trim(), z.maxLength(255)),
  source: z.string().check(z.trim(), z.maxLength(255)),
  order_id: z.nullable(z.number().check(z.int(), z.minimum(1), z.maximum(MAX_ID))),
  channel_id: z.number().check(z.int(), z.minimum(1), z.maximum(MAX_ID)),
  consents,
};

const createBody = z.strictObject({
  email: fields.email,
  first_name: z.optional(fields.first_name),
  last_name: z.optional(fields.last_name),
  source: z.optional(fields.source),
  order_id: z.optional(fields.order_id),
  channel_id: z.optional(fields.channel_id),
  consents: z.optional(fields.consents),
});

const updateBody = z.strictObject(z.extend(z.partial(createBody), { id: z.optional(z.number().check(z.int(), z.minimum(1))) }).shape);

function toFilter(q: z.output<typeof deleteQuery>): SubscriberFilter {
  return {
    id: q.id,
    ids: q['id:in'],
    email: q.email,
    firstName: q.first_name,
    lastName: q.last_name,
    source: q.source,
    orderId: q.order_id,
    channelId: q.channel_id,
    ...dateRanges(q),
  };
}

const subscribers = new Hono<AppEnv>()
  .get('/', validate('query', listQuery), async (c) => {
    const q = c.req.valid('query');
    const paging = toPaging(q);
    const result = await listSubscriberPage(c.env.DB, toFilter(q), paging);
    return c.json({ data: result.rows.map(toSubscriber), meta: listMeta(result, paging) });
  })

  .post('/', validate('json', createBody), async (c) => {
    return c.json({ data: await createSubscriber(c.env.DB, c.req.valid('json'), staffActor(c)), meta: {} }, 200);
  })

  .get('/:subscriber_id', validate('param', idParam), async (c) => {
    return c.json({ data: await getSubscriber(c.env.DB, c.req.valid('param').subscriber_id), meta: {} });
  })

  .put('/:subscriber_id', validate('param', idParam), validate('json', updateBody), async (c) => {
    const { id: bodyId, ...change } = c.req.valid('json');
    const data = await updateSubscriber(c.env.DB, c.req.valid('param').subscriber_id, bodyId, change, staffActor(c));
    return c.json({ data, meta: {} });
  })

  .delete('/', validate('query', deleteQuery), async (c) => {
    await deleteSubscribersMatching(c.env.DB, toFilter(c.req.valid('query')), staffActor(c), Object.keys(filterQuery));
    return c.body(null, 204);
  })

  .delete('/:subscriber_id', validate('param', idParam), async (c) => {
    await deleteSubscriber(c.env.DB, c.req.valid('param').subscriber_id, staffActor(c));
    return c.body(null, 204);
  });

export default subscribers;
