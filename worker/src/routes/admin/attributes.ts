// /v3/customers/attributes: the store's customer attribute definitions (name + immutable type).
// At most MAX_ATTRIBUTES per store, names unique regardless of case; batches are all or nothing
// (rules: accounts/attributes.ts).
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { ATTRIBUTE_TYPES, createAttributes, deleteAttributes, listAttributePage, renameAttributes, toAttribute } from '../../accounts/attributes';
import type { AppEnv } from '../../env';
import { ApiError, fieldError } from '../../errors';
import { validate } from '../../validation';
import { csvInts, dateQuery, dateRanges, listMeta, pagingQuery, toPaging } from './paging';
import { MAX_BATCH } from './schemas';

const typeSchema = z.enum(ATTRIBUTE_TYPES, { message: `Expected one of: ${ATTRIBUTE_TYPES.join(', ')}` });

const listQuery = z
  .strictObject({
    ...pagingQuery,
    'id:in': z.optional(csvInts),
    // One name each (names may contain commas), as BigCommerce documents them.
    name: z.optional(z.string().check(z.maxLength(255))),
    'name:like': z.optional(z.string().check(z.maxLength(255))),
    type: z.optional(typeSchema),
    ...dateQuery,
  })
  .check(z.refine((q) => !(q.after !== undefined && q.before !== undefined), { message: 'Use either after or before, not both', path: ['before'] }));

const name = z.string().check(z.trim(), z.minLength(1), z.maxLength(255));
const createBody = z.array(z.strictObject({ name, type: typeSchema })).check(z.minLength(1), z.maxLength(MAX_BATCH));
const updateBody = z
  .array(z.strictObject({ id: z.number().check(z.int(), z.minimum(1)), name, type: z.optional(typeSchema) }))
  .check(z.minLength(1), z.maxLength(MAX_BATCH));
const deleteQuery = z.strictObject({ 'id:in': z.optional(csvInts) });

const attributes = new Hono<AppEnv>()
  .get('/', validate('query', listQuery), async (c) => {
    const q = c.req.valid('query');
    const paging = toPaging(q);
    const result = await listAttributePage(
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
    return c.json({ data: await createAttributes(c.env.DB, c.req.valid('json')), meta: {} });
  })

  .put('/', validate('json', updateBody), async (c) => {
    return c.json({ data: await renameAttributes(c.env.DB, c.req.valid('json')), meta: {} });
  })

  .delete('/', validate('query', deleteQuery), async (c) => {
    const ids = c.req.valid('query')['id:in'];
    if (!ids?.length) {
      throw new ApiError('filter_required', { errors: { 'id:in': fieldError('required', 'Give the ids of the attributes to delete') } });
    }
    await deleteAttributes(c.env.DB, ids);
    return c.body(null, 204);
  });

export default attributes;
