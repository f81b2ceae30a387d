// /v3/customers/addresses: list with BigCommerce's filters, batch create and update (all or nothing,
// up to MAX_BATCH per call), delete by id. Addresses identical to one the customer already has are
// skipped and left out of the response, as BigCommerce does (accounts/addresses.ts, `bigcommerce` mode).
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { createAddresses, deleteAddresses, listAdminAddresses, updateAddresses } from '../../accounts/addresses';
import type { AppEnv } from '../../env';
import { ApiError, fieldError } from '../../errors';
import { validate } from '../../validation';
import { csv, csvInts, listMeta, pagingQuery, toPaging } from './paging';
import { addressFields, MAX_BATCH, staffActor } from './schemas';
import { adminAddress } from './shapes';

const listQuery = z
  .strictObject({
    ...pagingQuery,
    'id:in': z.optional(csvInts),
    'customer_id:in': z.optional(csvInts),
    'name:in': z.optional(csv),
    'company:in': z.optional(csv),
    include: z.optional(z.pipe(csv, z.array(z.enum(['formfields'], { message: 'Expected a comma-separated list of: formfields' })))),
  })
  .check(z.refine((q) => !(q.after !== undefined && q.before !== undefined), { message: 'Use either after or before, not both', path: ['before'] }));

const createItem = z.strictObject({ customer_id: z.number().check(z.int(), z.minimum(1)), ...addressFields });
// strictObject (not catchall(never)): unknown keys are refused and the inferred type has no index signature.
const updateItem = z.strictObject(
  z.extend(z.partial(z.omit(createItem, { customer_id: true })), { id: z.number().check(z.int(), z.minimum(1)) }).shape,
);

const createBody = z.array(createItem).check(z.minLength(1), z.maxLength(MAX_BATCH));
const updateBody = z.array(updateItem).check(z.minLength(1), z.maxLength(MAX_BATCH));
const deleteQuery = z.strictObject({ 'id:in': z.optional(csvInts) });

const addresses = new Hono<AppEnv>()
  .get('/', validate('query', listQuery), async (c) => {
    const q = c.req.valid('query');
    const paging = toPaging(q);
    const { result, addresses: found } = await listAdminAddresses(
      c.env.DB,
      { ids: q['id:in'], customerIds: q['customer_id:in'], names: q['name:in'], companies: q['company:in'] },
      paging,
    );
    const withFormFields = q.include?.includes('formfields') ?? false;
    const data = found.map(adminAddress).map(({ form_fields, ...address }) => {
      // BigCommerce sends form_fields only when asked for with include=formfields.
      return withFormFields ? { ...address, form_fields } : address;
    });
    return c.json({ data, meta: listMeta(result, paging) });
  })

  .post('/', validate('json', createBody), async (c) => {
    return c.json({ data: (await createAddresses(c.env.DB, c.req.valid('json'), staffActor(c))).map(adminAddress), meta: {} });
  })

  .put('/', validate('json', updateBody), async (c) => {
    return c.json({ data: (await updateAddresses(c.env.DB, c.req.valid('json'), staffActor(c))).map(adminAddress), meta: {} });
  })

  .delete('/', validate('query', deleteQuery), async (c) => {
    const ids = c.req.valid('query')['id:in'];
    // BigCommerce requires id:in here too; without it we delete nothing rather than guess.
    if (!ids?.length) {
      throw new ApiError('filter_required', { errors: { 'id:in': fieldError('required', 'Give the ids of the addresses to delete') } });
    }
    await deleteAddresses(c.env.DB, ids, staffActor(c));
    return c.body(null, 204);
  });

export default addresses;
