// /v3/customers/form-fields: the store's sign-up (applies_to=customer) and address (applies_to=address)
// field definitions. Our addition to the BigCommerce-shaped API (BigCommerce manages them in its control
// panel only). Batches are all or nothing; a DELETE without a filter deletes nothing. Rules:
// accounts/form-fields.ts.
import { Hono } from 'hono';
import * as z from 'zod';
import { createFormFields, deleteFormFields, findFormFieldDefinitions, updateFormFields } from '../../accounts/form-fields';
import type { AppEnv } from '../../env';
import { ApiError, fieldError } from '../../errors';
import { FORM_FIELD_TYPES, isIsoDay } from '../../shared/form-field-rules';
import { validate } from '../../validation';
import { csv, csvInts } from './paging';
import { MAX_BATCH } from './schemas';

const APPLIES_TO = ['customer', 'address'] as const;
/** Longest value a max_length may allow (the value schemas cap text at 10,000 characters). */
const MAX_LENGTH_LIMIT = 10_000;

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected a date (YYYY-MM-DD)')
  .refine(isIsoDay, 'Not a real date');

const fieldProps = {
  name: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[a-z0-9_]+$/, 'Use lowercase letters, digits and underscores only'),
  label: z.string().trim().min(1).max(255),
  required: z.boolean(),
  options: z.array(z.string().trim().min(1).max(255)).max(100),
  min: z.number().finite().nullable(),
  max: z.number().finite().nullable(),
  max_length: z.number().int().min(1).max(MAX_LENGTH_LIMIT).nullable(),
  min_date: isoDay.nullable(),
  max_date: isoDay.nullable(),
  default_value: z.string().max(1000).nullable(),
  sort_order: z.number().int().min(-1_000_000).max(1_000_000),
};

const createItem = z
  .object({
    ...fieldProps,
    type: z.enum(FORM_FIELD_TYPES),
    applies_to: z.enum(APPLIES_TO),
    required: fieldProps.required.optional(),
    options: fieldProps.options.optional(),
    min: fieldProps.min.optional(),
    max: fieldProps.max.optional(),
    max_length: fieldProps.max_length.optional(),
    min_date: fieldProps.min_date.optional(),
    max_date: fieldProps.max_date.optional(),
    default_value: fieldProps.default_value.optional(),
    sort_order: fieldProps.sort_order.optional(),
  })
  .strict();

// type and applies_to may be repeated but not changed: stored values were checked against them.
const updateItem = z
  .object(fieldProps)
  .partial()
  .extend({ id: z.number().int().min(1), type: z.enum(FORM_FIELD_TYPES).optional(), applies_to: z.enum(APPLIES_TO).optional() })
  .strict();

const listQuery = z
  .object({
    applies_to: z.enum(APPLIES_TO).optional(),
    'id:in': csvInts.optional(),
    'name:in': csv.optional(),
  })
  .strict();

const createBody = z.array(createItem).min(1).max(MAX_BATCH);
const updateBody = z.array(updateItem).min(1).max(MAX_BATCH);
const deleteQuery = z.object({ 'id:in': csvInts.optional() }).strict();

const formFields = new Hono<AppEnv>()
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
