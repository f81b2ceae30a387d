// /v3/customers/attributes: the store's customer attribute definitions (name + immutable type).
// At most 50 per store, names unique regardless of case; batches are all or nothing.
import { Hono } from 'hono';
import * as z from 'zod';
import {
  type AttributeRow,
  attributesNamed,
  countAttributes,
  deleteAttributes,
  getAttributesByIds,
  insertAttributeStatement,
  isAttributeLimitError,
  listAttributes,
  MAX_ATTRIBUTES,
  renameAttributeStatement,
  toAttribute,
} from '../../db/attributes';
import { isUniqueViolation } from '../../db/sql';
import type { AppEnv } from '../../env';
import { ApiError } from '../../errors';
import { isoNow } from '../../time';
import { validate } from '../../validation';
import { MAX_BATCH } from './customers';
import { csvInts, dateQuery, dateRanges, listMeta, pagingQuery, toPaging } from './paging';

const TYPES = ['string', 'number', 'date'] as const;
const typeSchema = z.enum(TYPES, { message: `Expected one of: ${TYPES.join(', ')}` });

const listQuery = z
  .object({
    ...pagingQuery,
    'id:in': csvInts.optional(),
    // One name each (names may contain commas), as BigCommerce documents them.
    name: z.string().max(255).optional(),
    'name:like': z.string().max(255).optional(),
    type: typeSchema.optional(),
    ...dateQuery,
  })
  .strict()
  .refine((q) => !(q.after !== undefined && q.before !== undefined), { message: 'Use either after or before, not both', path: ['before'] });

const name = z.string().trim().min(1).max(255);
const createBody = z.array(z.object({ name, type: typeSchema }).strict()).min(1).max(MAX_BATCH);
const updateBody = z
  .array(z.object({ id: z.number().int().min(1), name, type: typeSchema.optional() }).strict())
  .min(1)
  .max(MAX_BATCH);
const deleteQuery = z.object({ 'id:in': csvInts.optional() }).strict();

const limitError = () =>
  new ApiError('limit_reached', {
    detail: `A store can have at most ${MAX_ATTRIBUTES} customer attributes.`,
  });

/** Names repeated within the batch or taken by another attribute (any case) → 409 naming the items. */
async function checkNameConflicts(db: D1Database, items: readonly { id?: number; name: string }[]) {
  const errors: Record<string, string> = {};
  const first = new Map<string, number>();
  items.forEach((item, i) => {
    const key = item.name.toLowerCase();
    if (first.has(key)) errors[`${i}.name`] = `Repeats the name of item ${first.get(key)}`;
    else first.set(key, i);
  });
  const ids = items.flatMap((i) => (i.id ? [i.id] : []));
  const taken = new Set((await attributesNamed(db, items.map((i) => i.name), ids)).map((a) => a.name.toLowerCase()));
  items.forEach((item, i) => {
    if (taken.has(item.name.toLowerCase())) errors[`${i}.name`] = `An attribute named "${item.name}" already exists`;
  });
  if (Object.keys(errors).length) throw new ApiError('name_taken', { errors });
}

async function runBatch(db: D1Database, stmts: D1PreparedStatement[]) {
  try {
    return await db.batch<AttributeRow>(stmts);
  } catch (err) {
    // A concurrent request won the race for a name or the last free slots; nothing was written.
    if (isUniqueViolation(err)) throw new ApiError('name_taken');
    if (isAttributeLimitError(err)) throw limitError();
    throw err;
  }
}

const attributes = new Hono<AppEnv>()
  .get('/', validate('query', listQuery), async (c) => {
    const q = c.req.valid('query');
    const paging = toPaging(q);
    const result = await listAttributes(
      c.env.DB,
      {
        ids: q['id:in'],
        name: q.name,
        nameLike: q['name:like'],
        type: q.type,
        ...dateRanges(q),
      },
      paging,
    );
    return c.json({ data: result.rows.map(toAttribute), meta: listMeta(result, paging) });
  })

  .post('/', validate('json', createBody), async (c) => {
    const items = c.req.valid('json');
    const db = c.env.DB;
    const existing = await countAttributes(db);
    if (existing + items.length > MAX_ATTRIBUTES) {
      throw new ApiError('limit_reached', {
        detail: `A store can have at most ${MAX_ATTRIBUTES} customer attributes; it has ${existing}, this request adds ${items.length}.`,
        errors: { _: `At most ${MAX_ATTRIBUTES} customer attributes per store` },
      });
    }
    await checkNameConflicts(db, items);
    const now = isoNow();
    const results = await runBatch(db, items.map((item) => insertAttributeStatement(db, item, now)));
    return c.json({ data: results.map((r) => toAttribute(r.results[0]!)), meta: {} });
  })

  .put('/', validate('json', updateBody), async (c) => {
    const items = c.req.valid('json');
    const db = c.env.DB;
    const current = new Map((await getAttributesByIds(db, items.map((i) => i.id))).map((a) => [a.id, a]));
    const errors: Record<string, string> = {};
    const seen = new Set<number>();
    items.forEach((item, i) => {
      const attribute = current.get(item.id);
      if (!attribute) errors[`${i}.id`] = `Attribute ${item.id} does not exist`;
      else if (seen.has(item.id)) errors[`${i}.id`] = `Attribute ${item.id} appears twice in this request`;
      else if (item.type !== undefined && item.type !== attribute.type) {
        errors[`${i}.type`] = `The type of an attribute cannot change (it is ${attribute.type}); delete it and create a new one`;
      }
      seen.add(item.id);
    });
    if (Object.keys(errors).length) throw new ApiError('validation_failed', { errors });
    await checkNameConflicts(db, items);
    const now = isoNow();
    await runBatch(db, items.map((item) => renameAttributeStatement(db, item.id, item.name, now)));
    const rows = new Map((await getAttributesByIds(db, items.map((i) => i.id))).map((a) => [a.id, a]));
    return c.json({ data: items.map((i) => toAttribute(rows.get(i.id)!)), meta: {} });
  })

  .delete('/', validate('query', deleteQuery), async (c) => {
    const ids = c.req.valid('query')['id:in'];
    if (!ids?.length) {
      throw new ApiError('filter_required', { errors: { 'id:in': 'Give the ids of the attributes to delete' } });
    }
    // Their values on customers go too, as BigCommerce documents.
    await deleteAttributes(c.env.DB, ids);
    return c.body(null, 204);
  });

export default attributes;
