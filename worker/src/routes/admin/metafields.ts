// Customer metafields in BigCommerce's shapes (customers.v3.yml, "Metafields" and "Metafields Batch"):
// /v3/customers/{customerId}/metafields (list, create one), /{metafieldId} (get, update, delete) and
// the batch routes /v3/customers/metafields (list all, create, update, delete). Writes answer as the
// spec has them: `data` a list even for one field, `errors: []`, `meta` with the counts. Batches are all
// or nothing (rules: accounts/metafields.ts).
import { Hono } from 'hono';
import * as z from 'zod/mini';
import {
  createMetafields,
  deleteCustomerMetafield,
  deleteMetafields,
  getCustomerMetafield,
  listCustomerMetafieldPage,
  listMetafieldPage,
  type Metafield,
  METAFIELD_FIELDS,
  PERMISSION_SETS,
  pickFields,
  singlePath,
  toMetafield,
  updateMetafields,
} from '../../accounts/metafields';
import type { AppEnv } from '../../env';
import { ApiError, fieldError } from '../../errors';
import { validate } from '../../validation';
import { csv, dateQuery, dateRanges, listMeta, pagingQuery, toPaging } from './paging';
import { MAX_BATCH } from './schemas';

const listQuery = z
  .strictObject({
    ...pagingQuery,
    key: z.optional(z.string().check(z.maxLength(64))),
    'key:in': z.optional(csv),
    namespace: z.optional(z.string().check(z.maxLength(64))),
    'namespace:in': z.optional(csv),
    direction: z.optional(z.enum(['asc', 'desc'])),
    include_fields: z.optional(
      z.pipe(csv, z.array(z.enum(METAFIELD_FIELDS, { message: `Expected a comma-separated list of: ${METAFIELD_FIELDS.join(', ')}` }))),
    ),
    ...dateQuery,
  })
  .check(z.refine((q) => !(q.after !== undefined && q.before !== undefined), { message: 'Use either after or before, not both', path: ['before'] }));
type ListQuery = z.infer<typeof listQuery>;

// The spec's MetafieldBase_Post / _Put bounds. `resource_type` is accepted when it says `customer`, as
// clients that send back what they read do.
const permissionSet = z.enum(PERMISSION_SETS, { message: `Expected one of: ${PERMISSION_SETS.join(', ')}` });
const namespace = z.string().check(z.minLength(1), z.maxLength(64));
const key = z.string().check(z.minLength(1), z.maxLength(64));
const value = z.string().check(z.minLength(1), z.maxLength(65_535));
const description = z.string().check(z.maxLength(255));
const resourceType = z.literal('customer', { message: 'Customer metafields have resource_type customer' });
const id = z.number().check(z.int(), z.minimum(1));

const createFields = {
  permission_set: permissionSet,
  namespace,
  key,
  value,
  description: z.optional(description),
  resource_type: z.optional(resourceType),
};
const updateFields = {
  permission_set: z.optional(permissionSet),
  namespace: z.optional(namespace),
  key: z.optional(key),
  value: z.optional(value),
  description: z.optional(description),
  resource_type: z.optional(resourceType),
};

const createOneBody = z.strictObject(createFields);
const createBatchBody = z.array(z.strictObject({ ...createFields, resource_id: id })).check(z.minLength(1), z.maxLength(MAX_BATCH));
// The spec requires `id` in the one-field PUT too; here it is optional and, when given, must be the path's.
const updateOneBody = z.strictObject({ ...updateFields, id: z.optional(id) });
const updateBatchBody = z.array(z.strictObject({ ...updateFields, id })).check(z.minLength(1), z.maxLength(MAX_BATCH));
// BigCommerce's batch DELETE takes the ids as a JSON array body.
const deleteBatchBody = z.array(id).check(z.minLength(1, 'Give the ids of the metafields to delete'), z.maxLength(MAX_BATCH));

const customerParam = z.object({ customerId: z.coerce.number().check(z.int(), z.minimum(1)) });
const metafieldParam = z.object({
  customerId: z.coerce.number().check(z.int(), z.minimum(1)),
  metafieldId: z.coerce.number().check(z.int(), z.minimum(1)),
});

function filterOf(q: ListQuery) {
  const keys = [...(q.key !== undefined ? [q.key] : []), ...(q['key:in'] ?? [])];
  const namespaces = [...(q.namespace !== undefined ? [q.namespace] : []), ...(q['namespace:in'] ?? [])];
  return { keys: keys.length ? keys : undefined, namespaces: namespaces.length ? namespaces : undefined, ...dateRanges(q) };
}

/** What a write answers (MetaFieldCollectionPostPutResponses). */
function written(data: Metafield[]) {
  return { data, errors: [] as never[], meta: { total: data.length, success: data.length, failed: 0 } };
}

/** Who the metafield says created it: the admin token's name (we have no OAuth client ids). */
const ownerOf = (c: { var: { admin: { name: string } } }) => c.var.admin.name;

/** /v3/customers/metafields: every customer's metafields, and the batch writes. */
export const batchMetafields = new Hono<AppEnv>()
  .get('/', validate('query', listQuery), async (c) => {
    const q = c.req.valid('query');
    const paging = toPaging(q);
    const result = await listMetafieldPage(c.env.DB, filterOf(q), paging, q.direction ?? 'asc');
    return c.json({ data: result.rows.map((r) => pickFields(toMetafield(r), q.include_fields)), meta: listMeta(result, paging) });
  })

  .post('/', validate('json', createBatchBody), async (c) => {
    const items = c.req
      .valid('json')
      .map(({ resource_id, resource_type: _, description: d, ...m }) => ({ ...m, description: d ?? '', customer_id: resource_id }));
    return c.json(written(await createMetafields(c.env.DB, items, ownerOf(c))));
  })

  .put('/', validate('json', updateBatchBody), async (c) => {
    const items = c.req.valid('json').map(({ resource_type: _, ...m }) => m);
    return c.json(written(await updateMetafields(c.env.DB, items)));
  })

  .delete('/', validate('json', deleteBatchBody), async (c) => {
    const ids = await deleteMetafields(c.env.DB, c.req.valid('json'));
    return c.json({ data: ids, errors: [] as never[], meta: { total: ids.length, success: ids.length, failed: 0 } });
  });

/** /v3/customers/{customerId}/metafields[/{metafieldId}]: one customer's metafields (mounted at /v3/customers). */
export const customerMetafields = new Hono<AppEnv>()
  .get('/:customerId{[0-9]+}/metafields', validate('param', customerParam), validate('query', listQuery), async (c) => {
    const q = c.req.valid('query');
    const paging = toPaging(q);
    const result = await listCustomerMetafieldPage(c.env.DB, c.req.valid('param').customerId, filterOf(q), paging, q.direction ?? 'asc');
    return c.json({ data: result.rows.map((r) => pickFields(toMetafield(r), q.include_fields)), meta: listMeta(result, paging) });
  })

  .post('/:customerId{[0-9]+}/metafields', validate('param', customerParam), validate('json', createOneBody), async (c) => {
    const { resource_type: _, description: d, ...m } = c.req.valid('json');
    const item = { ...m, description: d ?? '', customer_id: c.req.valid('param').customerId };
    return c.json(written(await createMetafields(c.env.DB, [item], ownerOf(c), singlePath)));
  })

  .get('/:customerId{[0-9]+}/metafields/:metafieldId{[0-9]+}', validate('param', metafieldParam), async (c) => {
    const { customerId, metafieldId } = c.req.valid('param');
    return c.json({ data: await getCustomerMetafield(c.env.DB, customerId, metafieldId), meta: {} });
  })

  .put('/:customerId{[0-9]+}/metafields/:metafieldId{[0-9]+}', validate('param', metafieldParam), validate('json', updateOneBody), async (c) => {
    const { customerId, metafieldId } = c.req.valid('param');
    const { resource_type: _, id: bodyId, ...change } = c.req.valid('json');
    if (bodyId !== undefined && bodyId !== metafieldId) {
      throw new ApiError('validation_failed', {
        errors: { id: fieldError('mismatch', `The body names metafield ${bodyId}, the path ${metafieldId}`) },
      });
    }
    return c.json(written(await updateMetafields(c.env.DB, [{ ...change, id: metafieldId }], { customerId, path: singlePath })));
  })

  .delete('/:customerId{[0-9]+}/metafields/:metafieldId{[0-9]+}', validate('param', metafieldParam), async (c) => {
    const { customerId, metafieldId } = c.req.valid('param');
    await deleteCustomerMetafield(c.env.DB, customerId, metafieldId);
    return c.body(null, 204);
  });
