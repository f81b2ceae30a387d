// /v3/customers/form-fields: the store's sign-up (applies_to=customer) and address (applies_to=address)
// field definitions. Our addition to the BigCommerce-shaped API (BigCommerce manages them in its control
// panel only). Batches are all or nothing; a DELETE without a filter deletes nothing. Rules:
// accounts/form-fields.ts.
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { createFormFields, deleteFormFields, findFormFieldDefinitions, updateFormFields } from '../../accounts/form-fields';
import type { AppEnv } from '../../env';
import { purgeSharedCacheOnWrite } from '../../middleware/shared-cache';
import { ApiError, fieldError } from '../../errors';
import { FORM_FIELD_TYPES, isIsoDay } from '../../shared/form-field-rules';
import { validate } from '../../validation';
import { csv, csvInts } from './paging';
import { MAX_BATCH } from './schemas';

const APPLIES_TO = ['customer', 'address'] as const;
/** Longest value a max_length may allow (the value schemas cap text at 10,000 characters). */
const MAX_LENGTH_LIMIT = 10_000;

const isoDay = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected a date (YYYY-MM-DD)'), z.refine(isIsoDay, 'Not a real date'));

const fieldProps = {
  name: z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[a-z0-9_]+$/, 'Use lowercase letters, digits and underscores only')),
  label: z.string().check(z.trim(), z.minLength(1), z.maxLength(255)),
  required: z.boolean(),
  options: z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(255))).check(z.maxLength(100)),
  min: z.nullable(z.number()),
  max: z.nullable(z.number()),
  max_length: z.nullable(z.number().check(z.int(), z.minimum(1), z.maximum(MAX_LENGTH_LIMIT))),
  min_date: z.nullable(isoDay),
  max_date: z.nullable(isoDay),
  default_value: z.nullable(z.string().check(z.maxLength(1000))),
  sort_order: z.number().check(z.int(), z.minimum(-1_000_000), z.maximum(1_000_000)),
};

const createItem = z.strictObject({
  ...fieldProps,
  type: z.enum(FORM_FIELD_TYPES),
  applies_to: z.enum(APPLIES_TO),
  required: z.optional(fieldProps.required),
  options: z.optional(fieldProps.options),
  min: z.optional(fieldProps.min),
  max: z.optional(fieldProps.max),
  max_length: z.optional(fieldProps.max_length),
  min_date: z.optional(fieldProps.min_date),
  max_date: z.optional(fieldProps.max_date),
  default_value: z.optional(fieldProps.default_value),
  sort_order: z.optional(fieldProps.sort_order),
});

// type and applies_to may be repeated but not changed: stored values were checked against them.
const updateItem = z.strictObject(
  z.extend(z.partial(z.object(fieldProps)), {
    id: z.number().check(z.int(), z.minimum(1)),
    type: z.optional(z.enum(FORM_FIELD_TYPES)),
    applies_to: z.optional(z.enum(APPLIES_TO)),
  }).shape,
);

const listQuery = z.strictObject({
  applies_to: z.optional(z.enum(APPLIES_TO)),
  'id:in': z.optional(csvInts),
  'name:in': z.optional(csv),
});

const createBody = z.array(createItem).check(z.minLength(1), z.maxLength(MAX_BATCH));
const updateBody = z.array(updateItem).check(z.minLength(1), z.maxLength(MAX_BATCH));
const deleteQuery = z.strictObject({ 'id:in': z.optional(csvInts) });

// A change shows on the storefront at once (the data centre's cached definitions are dropped).
const formFields = new Hono<AppEnv>()
  .use('*', purgeSharedCacheOnWrite('/storefront/form-fields'))
  .get('/', validate('query', listQuery), async (c) => {
    const q = c.req.valid('query');
    const data = await findFormFieldDefinitions(c.env.DB, { appliesTo: q.applies_to, ids: q['id:in'], names: q['name:in'] });
    return c.json({ data, meta: {} });
  })

  .post('/', validate('json', createBody), async (c) => {
    const fields = c.req.valid('json').map((item) => ({
      name: item.name,
      label: item.label,
      type: item.type,
      required: item.required ?? false,
      options: item.options ?? [],
      min: item.min ?? null,
      max: item.max ?? null,
      max_length: item.max_length ?? null,
      min_date: item.min_date ?? null,
      max_date: item.max_date ?? null,
      default_value: item.default_value ?? null,
      applies_to: item.applies_to,
      sort_order: item.sort_order ?? 0,
    }));
    return c.json({ data: await createFormFields(c.env.DB, fields), meta: {} });
  })

  .put('/', validate('json', updateBody), async (c) => {
    return c.json({ data: await updateFormFields(c.env.DB, c.req.valid('json')), meta: {} });
  })

  .delete('/', validate('query', deleteQuery), async (c) => {
    const ids = c.req.valid('query')['id:in'];
    if (!ids?.length) {
      throw new ApiError('filter_required', { errors: { 'id:in': fieldError('required', 'Give the ids of the form fields to delete') } });
    }
    // Values stay stored by name: re-creating a field under that name shows them again.
    await deleteFormFields(c.env.DB, ids);
    return c.body(null, 204);
  });

export default formFields;
