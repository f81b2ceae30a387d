// /v3/customers/subscribers: BigCommerce's Subscribers V3 — list with its filters, create one, read,
// update and delete by id, and delete by filter (never everything: a DELETE without a filter is a 422).
import { Hono } from 'hono';
import * as z from 'zod';
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

const intParam = z
  .string()
  .regex(/^\d{1,10}$/, 'Expected a positive integer')
  .transform(Number)
  .pipe(z.number().int().min(1, 'Expected a positive integer').max(MAX_ID));

/** The filters of GET and DELETE: the spec's, plus `channel_id` and the date `:min`/`:max` pairs on DELETE too. */
const filterQuery = {
  id: intParam.optional(),
  'id:in': csvInts.optional(),
  email: z.string().trim().min(1).max(250).optional(),
  // An empty value is no filter at all: `?first_name=` must never turn a DELETE into "every nameless row".
  first_name: z.string().min(1, 'Give a value or leave the filter out').max(255).optional(),
  last_name: z.string().min(1, 'Give a value or leave the filter out').max(255).optional(),
  source: z.string().min(1, 'Give a value or leave the filter out').max(255).optional(),
  order_id: intParam.optional(),
  channel_id: intParam.optional(),
  ...dateQuery,
};

const listQuery = z
  .object({ ...pagingQuery, ...filterQuery })
  .strict()
  .refine((q) => !(q.after !== undefined && q.before !== undefined), { message: 'Use either after or before, not both', path: ['before'] });

const deleteQuery = z.object(filterQuery).strict();

const idParam = z.object({ subscriber_id: intParam });

const consents = z
  .array(z.enum(CONSENTS, { message: `Expected one of: ${CONSENTS.join(', ')}` }))
  .max(10)
  // Stored once each and in one order, so equal sets compare equal.
  .transform((list) => normalizeConsents(list));

const fields = {
  email: z.string().trim().pipe(z.email('Invalid email address').max(250)),
  first_name: z.string().trim().max(255),
  last_name: z.string().trim().max(255),
  source: z.string().trim().max(255),
  order_id: z.number().int().min(1).max(MAX_ID).nullable(),
  channel_id: z.number().int().min(1).max(MAX_ID),
  consents,
};

const createBody = z
  .object({
    email: fields.email,
    first_name: fields.first_name.optional(),
    last_name: fields.last_name.optional(),
    source: fields.source.optional(),
    order_id: fields.order_id.optional(),
    channel_id: fields.channel_id.optional(),
    consents: fields.consents.optional(),
  })
  .strict();

const updateBody = createBody
  .partial()
  // Read-only; accepted so a client can send back what it read, but it must name this subscriber.
  .extend({ id: z.number().int().min(1).optional() })
  .strict();

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
