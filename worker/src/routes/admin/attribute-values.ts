// /v3/customers/attribute-values: customers' values of the store's attributes. PUT upserts by
// (customer, attribute), all or nothing; a value must fit its attribute's type; at most 50 per customer.
import { Hono } from 'hono';
import * as z from 'zod';
import {
  type AttributeValueRow,
  attributeValuesOf,
  checkAttributeValue,
  deleteAttributeValues,
  getAttributesByIds,
  isAttributeLimitError,
  listAttributeValues,
  MAX_VALUES_PER_CUSTOMER,
  putAttributeValueStatement,
  toAttributeValue,
} from '../../db/attributes';
import { existingCustomerIds } from '../../db/customers';
import type { AppEnv } from '../../env';
import { ApiError } from '../../errors';
import { isoNow } from '../../time';
import { validate } from '../../validation';
import { MAX_BATCH } from './customers';
import { csvInts, dateQuery, dateRanges, listMeta, pagingQuery, toPaging } from './paging';

const listQuery = z
  .object({
    ...pagingQuery,
    'id:in': csvInts.optional(),
    'customer_id:in': csvInts.optional(),
    'attribute_id:in': csvInts.optional(),
    /** The attribute's name. */
    name: z.string().max(255).optional(),
    ...dateQuery,
  })
  .strict()
  .refine((q) => !(q.after !== undefined && q.before !== undefined), { message: 'Use either after or before, not both', path: ['before'] });

// BigCommerce's attributeValue_Base: `value` on the way in, `attribute_value` on the way out.
const upsertItem = z
  .object({
    id: z.number().int().min(1).optional(),
    attribute_id: z.number().int().min(1),
    customer_id: z.number().int().min(1),
    value: z.string().max(255),
  })
  .strict();
const upsertBody = z.array(upsertItem).min(1).max(MAX_BATCH);
const deleteQuery = z.object({ 'id:in': csvInts.optional() }).strict();

const limitMessage = `A customer can have at most ${MAX_VALUES_PER_CUSTOMER} attribute values`;

const attributeValues = new Hono<AppEnv>()
  .get('/', validate('query', listQuery), async (c) => {
    const q = c.req.valid('query');
    const paging = toPaging(q);
    const result = await listAttributeValues(
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
    const items = c.req.valid('json');
    const db = c.env.DB;
    const customerIds = [...new Set(items.map((i) => i.customer_id))];
    const [customers, attributes, stored] = await Promise.all([
      existingCustomerIds(db, customerIds),
      getAttributesByIds(db, [...new Set(items.map((i) => i.attribute_id))]),
      attributeValuesOf(db, customerIds),
    ]);
    const types = new Map(attributes.map((a) => [a.id, a.type]));
    const pairKey = (customerId: number, attributeId: number) => `${customerId}:${attributeId}`;
    const storedByPair = new Map(stored.map((v) => [pairKey(v.customer_id, v.attribute_id), v]));
    const counts = new Map<number, number>();
    for (const v of stored) counts.set(v.customer_id, (counts.get(v.customer_id) ?? 0) + 1);

    const errors: Record<string, string> = {};
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      if (!customers.has(item.customer_id)) {
        errors[`${i}.customer_id`] = `Customer ${item.customer_id} does not exist`;
        return;
      }
      const type = types.get(item.attribute_id);
      if (!type) {
        errors[`${i}.attribute_id`] = `Attribute ${item.attribute_id} does not exist`;
        return;
      }
      const key = pairKey(item.customer_id, item.attribute_id);
      if (seen.has(key)) {
        errors[`${i}.attribute_id`] = `Item ${seen.get(key)} already sets this attribute for customer ${item.customer_id}`;
        return;
      }
      seen.set(key, i);
      const existing = storedByPair.get(key);
      if (item.id !== undefined && existing?.id !== item.id) {
        errors[`${i}.id`] = `Attribute value ${item.id} is not customer ${item.customer_id}'s value of attribute ${item.attribute_id}`;
        return;
      }
      const problem = checkAttributeValue(type, item.value);
      if (problem) errors[`${i}.value`] = problem;
      if (!existing) {
        const count = (counts.get(item.customer_id) ?? 0) + 1;
        counts.set(item.customer_id, count);
        if (count > MAX_VALUES_PER_CUSTOMER) errors[`${i}.customer_id`] = `${limitMessage}; customer ${item.customer_id} would have ${count}`;
      }
    });
    if (Object.keys(errors).length) throw new ApiError('validation_failed', { errors });

    const now = isoNow();
    let results: D1Result<AttributeValueRow>[];
    try {
      results = await db.batch<AttributeValueRow>(items.map((item) => putAttributeValueStatement(db, item, now)));
    } catch (err) {
      // A concurrent request used up the customer's last free slots; nothing was written.
      if (isAttributeLimitError(err)) throw new ApiError('limit_reached', { detail: `${limitMessage}.` });
      throw err;
    }
    return c.json({ data: results.map((r) => toAttributeValue(r.results[0]!)), meta: {} });
  })

  .delete('/', validate('query', deleteQuery), async (c) => {
    const ids = c.req.valid('query')['id:in'];
    if (!ids?.length) {
      throw new ApiError('filter_required', { errors: { 'id:in': 'Give the ids of the attribute values to delete' } });
    }
    await deleteAttributeValues(c.env.DB, ids);
    return c.body(null, 204);
  });

export default attributeValues;
