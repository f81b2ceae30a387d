// /v3/customers/addresses: list with BigCommerce's filters, batch create and update (all or nothing,
// up to MAX_BATCH per call), delete by id. Addresses identical to one the customer already has are
// skipped and left out of the response, as BigCommerce does (accounts/addresses.ts, `bigcommerce` mode).
import { Hono } from 'hono';
import * as z from 'zod';
import { createAddresses, deleteAddresses, listAdminAddresses, updateAddresses } from '../../accounts/addresses';
import type { AppEnv } from '../../env';
import { ApiError, fieldError } from '../../errors';
import { validate } from '../../validation';
import { csv, csvInts, listMeta, pagingQuery, toPaging } from './paging';
import { addressFields, MAX_BATCH, staffActor } from './schemas';

const listQuery = z
  .object({
    ...pagingQuery,
    'id:in': csvInts.optional(),
    'customer_id:in': csvInts.optional(),
    'name:in': csv.optional(),
    'company:in': csv.optional(),
    include: csv.pipe(z.array(z.enum(['formfields'], { message: 'Expected a comma-separated list of: formfields' }))).optional(),
  })
  .strict()
  .refine((q) => !(q.after !== undefined && q.before !== undefined), { message: 'Use either after or before, not both', path: ['before'] });

const createItem = z.object({ customer_id: z.number().int().min(1), ...addressFields }).strict();
const updateItem = createItem
  .omit({ customer_id: true })
  .partial()
  .extend({ id: z.number().int().min(1) })
  .strict();

const createBody = z.array(createItem).min(1).max(MAX_BATCH);
const updateBody = z.array(updateItem).min(1).max(MAX_BATCH);
const deleteQuery = z.object({ 'id:in': csvInts.optional() }).strict();

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
    const data = found.map(({ form_fields, ...address }) => {
      // BigCommerce sends form_fields only when asked for with include=formfields.
      return withFormFields ? { ...address, form_fields } : address;
    });
    return c.json({ data, meta: listMeta(result, paging) });
  })

  .post('/', validate('json', createBody), async (c) => {
    return c.json({ data: await createAddresses(c.env.DB, c.req.valid('json'), staffActor(c)), meta: {} });
  })

  .put('/', validate('json', updateBody), async (c) => {
    return c.json({ data: await updateAddresses(c.env.DB, c.req.valid('json'), staffActor(c)), meta: {} });
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
