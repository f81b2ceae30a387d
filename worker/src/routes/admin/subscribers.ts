// /v3/customers/subscribers: BigCommerce's Subscribers V3 — list with its filters, create one, read,
// update and delete by id, and delete by filter (never everything: a DELETE without a filter is a 422).
import { Hono } from 'hono';
import * as z from 'zod';
import { isUniqueViolation } from '../../db/sql';
import {
  type Consent,
  CONSENTS,
  consentsChangedEvent,
  deleteSubscriberById,
  deleteSubscribersWhere,
  getSubscriberById,
  hasSubscriberFilter,
  insertSubscriberReturningId,
  listSubscribers,
  orderExists,
  type SubscriberFields,
  type SubscriberFilter,
  subscriberIdWithEmail,
  type SubscriberRow,
  updateSubscriberStatement,
} from '../../db/subscribers';
import type { Actor } from '../../db/timeline';
import type { AppEnv } from '../../env';
import { ApiError } from '../../errors';
import { isoNow } from '../../time';
import { validate } from '../../validation';
import { csvInts, dateQuery, dateRanges, listMeta, pagingQuery, toPaging } from './paging';

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
  .transform((list) => [...new Set(list)].sort() as Consent[]);

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

const updateBody = z
  .object({
    // Read-only; accepted so a client can send back what it read, but it must name this subscriber.
    id: z.number().int().min(1).optional(),
    email: fields.email.optional(),
    first_name: fields.first_name.optional(),
    last_name: fields.last_name.optional(),
    source: fields.source.optional(),
    order_id: fields.order_id.optional(),
    channel_id: fields.channel_id.optional(),
    consents: fields.consents.optional(),
  })
  .strict();

/** The BigCommerce subscriber_Full shape. */
function toSubscriber(row: SubscriberRow) {
  return {
    id: row.id,
    email: row.email,
    first_name: row.first_name,
    last_name: row.last_name,
    source: row.source,
    order_id: row.order_id,
    channel_id: row.channel_id,
    consents: JSON.parse(row.consents) as Consent[],
    date_modified: row.date_modified,
    date_created: row.date_created,
  };
}

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

const notFound = () => new ApiError('subscriber_not_found');

function actorOf(c: { var: { admin: { name: string } } }): Actor {
  return { type: 'staff', name: c.var.admin.name };
}

async function checkOrder(db: D1Database, orderId: number | null | undefined) {
  if (orderId != null && !(await orderExists(db, orderId))) {
    throw new ApiError('validation_failed', { errors: { order_id: `Order ${orderId} does not exist` } });
  }
}

async function checkEmailFree(db: D1Database, email: string, exceptId?: number) {
  if ((await subscriberIdWithEmail(db, email, exceptId)) !== null) throw emailTaken();
}

const emailTaken = () => new ApiError('email_taken', { errors: { email: 'A subscriber with this email already exists' } });

/** Runs a write batch; a unique-index failure means a concurrent request took the email first. */
async function runBatch(db: D1Database, stmts: D1PreparedStatement[]) {
  try {
    return await db.batch<{ id: number }>(stmts);
  } catch (err) {
    if (isUniqueViolation(err)) throw emailTaken();
    throw err;
  }
}

const sameConsents = (a: readonly Consent[], b: readonly Consent[]) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

const subscribers = new Hono<AppEnv>()
  .get('/', validate('query', listQuery), async (c) => {
    const q = c.req.valid('query');
    const paging = toPaging(q);
    const result = await listSubscribers(c.env.DB, toFilter(q), paging);
    return c.json({ data: result.rows.map(toSubscriber), meta: listMeta(result, paging) });
  })

  .post('/', validate('json', createBody), async (c) => {
    const body = c.req.valid('json');
    const db = c.env.DB;
    await checkOrder(db, body.order_id);
    await checkEmailFree(db, body.email);
    const subscriber: SubscriberFields = {
      email: body.email,
      first_name: body.first_name ?? '',
      last_name: body.last_name ?? '',
      // Created through the API: BigCommerce's `custom` source unless the caller says otherwise.
      source: body.source ?? 'custom',
      order_id: body.order_id ?? null,
      channel_id: body.channel_id ?? 1,
      // A subscriber record exists to receive the newsletter; an explicit [] records an unsubscribed one.
      consents: body.consents ?? ['marketing_newsletter'],
    };
    const now = isoNow();
    const stmts = [insertSubscriberReturningId(db, subscriber, now)];
    if (subscriber.consents.length) stmts.push(consentsChangedEvent(db, subscriber.email, actorOf(c), [], subscriber.consents, now));
    const [inserted] = await runBatch(db, stmts);
    const row = await getSubscriberById(db, inserted!.results[0]!.id);
    return c.json({ data: toSubscriber(row!), meta: {} }, 200);
  })

  .get('/:subscriber_id', validate('param', idParam), async (c) => {
    const row = await getSubscriberById(c.env.DB, c.req.valid('param').subscriber_id);
    if (!row) throw notFound();
    return c.json({ data: toSubscriber(row), meta: {} });
  })

  .put('/:subscriber_id', validate('param', idParam), validate('json', updateBody), async (c) => {
    const id = c.req.valid('param').subscriber_id;
    const { id: bodyId, ...change } = c.req.valid('json');
    const db = c.env.DB;
    const row = await getSubscriberById(db, id);
    if (!row) throw notFound();
    if (bodyId !== undefined && bodyId !== id) {
      throw new ApiError('validation_failed', { errors: { id: `Does not match subscriber ${id} in the path` } });
    }
    if (!Object.keys(change).length) return c.json({ data: toSubscriber(row), meta: {} });
    await checkOrder(db, change.order_id);
    if (change.email !== undefined) await checkEmailFree(db, change.email, id);

    const before = toSubscriber(row);
    const after: SubscriberFields = { ...before, ...change };
    const now = isoNow();
    const actor = actorOf(c);
    const stmts = [updateSubscriberStatement(db, id, after, now)];
    // Consents follow the email: a new email takes them from the old one's customer to the new one's.
    const sameEmail = before.email.toLowerCase() === after.email.toLowerCase();
    const oldTo = sameEmail ? after.consents : [];
    if (!sameConsents(before.consents, oldTo)) stmts.push(consentsChangedEvent(db, before.email, actor, before.consents, oldTo, now));
    if (!sameEmail && after.consents.length) stmts.push(consentsChangedEvent(db, after.email, actor, [], after.consents, now));
    await runBatch(db, stmts);
    return c.json({ data: toSubscriber((await getSubscriberById(db, id))!), meta: {} });
  })

  .delete('/', validate('query', deleteQuery), async (c) => {
    const filter = toFilter(c.req.valid('query'));
    // BigCommerce deletes every subscriber of the store when no filter is given; we delete nothing.
    if (!hasSubscriberFilter(filter)) {
      throw new ApiError('filter_required', {
        detail: 'A DELETE without a filter deletes nothing here (BigCommerce would delete every subscriber).',
        errors: { filter: `Give at least one of: ${Object.keys(filterQuery).join(', ')}` },
      });
    }
    await deleteSubscribersWhere(c.env.DB, filter, actorOf(c));
    return c.body(null, 204);
  })

  .delete('/:subscriber_id', validate('param', idParam), async (c) => {
    const db = c.env.DB;
    const row = await getSubscriberById(db, c.req.valid('param').subscriber_id);
    if (!row) throw notFound();
    const consentsBefore = JSON.parse(row.consents) as Consent[];
    const stmts = [deleteSubscriberById(db, row.id)];
    if (consentsBefore.length) stmts.push(consentsChangedEvent(db, row.email, actorOf(c), consentsBefore, []));
    await db.batch(stmts);
    return c.body(null, 204);
  });

export default subscribers;
