// /v3/customers/attribute-values: customers' values of the store's attributes. PUT upserts by
// (customer, attribute), all or nothing; a value must fit its attribute's type; at most
// MAX_VALUES_PER_CUSTOMER per customer (rules: accounts/attributes.ts).
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { deleteAttributeValues, listAttributeValuePage, toAttributeValue, upsertAttributeValues } from '../../accounts/attributes';
import type { AppEnv } from '../../env';
import { ApiError, fieldError } from '../../errors';
import { validate } from '../../validation';
import { csvInts, dateQuery, dateRanges, listMeta, pagingQuery, toPaging } from './paging';
import { MAX_BATCH } from './schemas';

const listQuery = z
  .strictObject({
    ...pagingQuery,
    'id:in': z.optional(csvInts),
    'customer_id:in': z.optional(csvInts),
    'attribute_id:in': z.optional(csvInts),
    /** The attribute's name. */
    name: z.optional(z.string().check(z.maxLength(255))),
    ...dateQuery,
  })
  .check(z.refine((q) => !(q.after !== undefined && q.before !== undefined), { message: 'Use either after or before, not both', path: ['before'] }));

// BigCommerce's attributeValue_Base: `value` on the way in, `attribute_value` on the way out.
const upsertItem = z.strictObject({
  id: z.optional(z.number().check(z.int(), z.minimum(1))),
  attribute_id: z.number().check(z.int(), z.minimum(1)),
  customer_id: z.number().check(z.int(), z.minimum(1)),
  value: z.string().check(z.maxLength(255)),
});
const upsertBody = z.array(upsertItem).check(z.minLength(1), z.maxLength(MAX_BATCH));
const deleteQuery = z.strictObject({ 'id:in': z.optional(csvInts) });

const attributeValues = new Hono<AppEnv>()
  .get('/', validate('query', listQuery), async (c) => {
    const q = c.req.valid('query');
    const paging = toPaging(q);
    const result = await listAttributeValuePage(
      c.env.DB,
      {
        ids: q['id:in'],
        customerIds: q['customer_id:in'],
        attributeIds: q['attribute_id:in'],
        attributeName: q.name,
        ...dateRanges(q),
      },
      paging,
    );
    return c.json({ data: result.rows.map(toAttributeValue), meta: listMeta(result, paging) });
  })

  .put('/', validate('json', upsertBody), async (c) => {
    return c.json({ data: await upsertAttributeValues(c.env.DB, c.req.valid('json')), meta: {} });
  })

  .delete('/', validate('query', deleteQuery), async (c) => {
    const ids = c.req.valid('query')['id:in'];
    if (!ids?.length) {
      throw new ApiError('filter_required', { errors: { 'id:in': fieldError('required', 'Give the ids of the attribute values to delete') } });
    }
    await deleteAttributeValues(c.env.DB, ids);
    return c.body(null, 204);
  });

export default attributeValues;
