// /v3/customers/form-fields: the store's sign-up (applies_to=customer) and address (applies_to=address)
// field definitions. Our addition to the BigCommerce-shaped API (BigCommerce manages them in its control
// panel only). Batches are all or nothing; a DELETE without a filter deletes nothing.
import { Hono } from 'hono';
import * as z from 'zod';
import {
  allFormFields,
  deleteFormFields,
  type FormFieldInput,
  type FormFieldRecord,
  findFormFields,
  formFieldsFromBatch,
  insertFormFieldStatement,
  renameFormFieldValuesStatements,
  updateFormFieldStatement,
} from '../../db/form-fields';
import { isUniqueViolation } from '../../db/sql';
import type { AppEnv } from '../../env';
import { ApiError } from '../../errors';
import { checkFormFieldValue, FORM_FIELD_TYPES, type FormFieldType } from '../../shared/form-field-rules';
import { isoNow } from '../../time';
import { validate } from '../../validation';
import { MAX_BATCH } from './customers';
import { csv, csvInts } from './paging';

const APPLIES_TO = ['customer', 'address'] as const;
const WITH_CHOICES: readonly FormFieldType[] = ['checkboxes', 'radio', 'picklist'];
const WITH_LENGTH: readonly FormFieldType[] = ['text', 'multiline', 'password'];
/** Longest value a max_length may allow (the value schemas cap text at 10,000 characters). */
const MAX_LENGTH_LIMIT = 10_000;

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected a date (YYYY-MM-DD)')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'Not a real date');

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

/** The rules zod cannot express per property: which settings belong to which type, and ranges. */
function fieldProblems(f: FormFieldInput): Record<string, string> {
  const problems: Record<string, string> = {};
  if (WITH_CHOICES.includes(f.type)) {
    if (!f.options.length) problems.options = `Required for ${f.type} fields`;
  } else if (f.type !== 'checkbox' && f.options.length) {
    // A single checkbox may name its checked value (e.g. ["Yes"]); other types have no choices.
    problems.options = 'Only checkbox, checkboxes, radio and picklist fields have options';
  }
  if (new Set(f.options).size !== f.options.length) problems.options = 'Lists an option twice';
  if (f.type !== 'number') {
    if (f.min !== null) problems.min = 'Only number fields have a minimum';
    if (f.max !== null) problems.max = 'Only number fields have a maximum';
  } else if (f.min !== null && f.max !== null && f.min > f.max) {
    problems.max = 'Must not be less than min';
  }
  if (!WITH_LENGTH.includes(f.type) && f.max_length !== null) problems.max_length = 'Only text, multiline and password fields have a max_length';
  if (f.type !== 'date') {
    if (f.min_date !== null) problems.min_date = 'Only date fields have a min_date';
    if (f.max_date !== null) problems.max_date = 'Only date fields have a max_date';
  } else if (f.min_date !== null && f.max_date !== null && f.min_date > f.max_date) {
    problems.max_date = 'Must not be before min_date';
  }
  if (f.default_value !== null && !Object.keys(problems).length) {
    if (f.type === 'password') problems.default_value = 'Password fields have no default';
    else {
      const problem = checkFormFieldValue({ ...f, id: 0, required: false }, f.type === 'checkboxes' ? [f.default_value] : f.default_value);
      if (problem) problems.default_value = problem;
    }
  }
  return problems;
}

function failIfErrors(errors: Record<string, string>) {
  if (Object.keys(errors).length) throw new ApiError('validation_failed', { errors });
}

const nameKey = (f: { applies_to: string; name: string }) => `${f.applies_to}:${f.name.toLowerCase()}`;

/**
 * Names must be unique per applies_to, in any case: `finals` are the batch's fields as they will be
 * stored (with `index`), `others` the stored fields the batch does not touch. → 409 naming the items.
 */
function checkNameConflicts(finals: readonly (FormFieldInput & { index: number })[], others: readonly FormFieldRecord[]) {
  const errors: Record<string, string> = {};
  const taken = new Set(others.map(nameKey));
  const seen = new Map<string, number>();
  for (const f of finals) {
    const key = nameKey(f);
    if (taken.has(key)) errors[`${f.index}.name`] = `A ${f.applies_to} field named "${f.name}" already exists`;
    else if (seen.has(key)) errors[`${f.index}.name`] = `Repeats the name of item ${seen.get(key)}`;
    else seen.set(key, f.index);
  }
  if (Object.keys(errors).length) throw new ApiError('name_taken', { errors });
}

async function runBatch(db: D1Database, statements: D1PreparedStatement[]) {
  try {
    return await db.batch(statements);
  } catch (err) {
    // A concurrent write took the name between our check and this batch.
    if (isUniqueViolation(err)) throw new ApiError('name_taken');
    throw err;
  }
}

const formFields = new Hono<AppEnv>()
  .get('/', validate('query', listQuery), async (c) => {
    const q = c.req.valid('query');
    const data = await findFormFields(c.env.DB, { appliesTo: q.applies_to, ids: q['id:in'], names: q['name:in'] });
    return c.json({ data, meta: {} });
  })

  .post('/', validate('json', createBody), async (c) => {
    const items = c.req.valid('json');
    const errors: Record<string, string> = {};
    const fields = items.map((item, i) => {
      const f: FormFieldInput = {
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
      };
      for (const [key, message] of Object.entries(fieldProblems(f))) errors[`${i}.${key}`] = message;
      return { ...f, index: i };
    });
    failIfErrors(errors);
    checkNameConflicts(fields, await allFormFields(c.env.DB));
    const now = isoNow();
    const results = await runBatch(
      c.env.DB,
      fields.map(({ index: _, ...f }) => insertFormFieldStatement(c.env.DB, f, now)),
    );
    return c.json({ data: formFieldsFromBatch(results), meta: {} });
  })

  .put('/', validate('json', updateBody), async (c) => {
    const items = c.req.valid('json');
    const errors: Record<string, string> = {};
    const seen = new Map<number, number>();
    items.forEach((item, i) => {
      if (seen.has(item.id)) errors[`${i}.id`] = `Repeats the id of item ${seen.get(item.id)}`;
      else seen.set(item.id, i);
    });
    const stored = await allFormFields(c.env.DB);
    const byId = new Map(stored.map((f) => [f.id, f]));
    const finals: (FormFieldInput & { index: number; id: number; before: FormFieldRecord })[] = [];
    items.forEach((item, i) => {
      const before = byId.get(item.id);
      if (!before) {
        errors[`${i}.id`] ??= `Form field ${item.id} does not exist`;
        return;
      }
      if (item.type !== undefined && item.type !== before.type) {
        errors[`${i}.type`] = 'The type of a field cannot change; create a new field instead';
      }
      if (item.applies_to !== undefined && item.applies_to !== before.applies_to) {
        errors[`${i}.applies_to`] = 'applies_to cannot change; create a new field instead';
      }
      const { id, date_created: _c, date_modified: _m, ...current } = before;
      const changes = Object.fromEntries(Object.entries(item).filter(([k, v]) => v !== undefined && k !== 'id'));
      const f: FormFieldInput = { ...current, ...changes, type: before.type, applies_to: before.applies_to };
      for (const [key, message] of Object.entries(fieldProblems(f))) errors[`${i}.${key}`] ??= message;
      finals.push({ ...f, index: i, id, before });
    });
    failIfErrors(errors);
    const touched = new Set(finals.map((f) => f.id));
    checkNameConflicts(
      finals,
      stored.filter((f) => !touched.has(f.id)),
    );
    const now = isoNow();
    const statements: D1PreparedStatement[] = [];
    const updateAt: number[] = [];
    for (const { index: _, id, before, ...f } of finals) {
      updateAt.push(statements.length);
      statements.push(updateFormFieldStatement(c.env.DB, id, f, now));
      if (f.name !== before.name) statements.push(...renameFormFieldValuesStatements(c.env.DB, f.applies_to, before.name, f.name));
    }
    const results = await runBatch(c.env.DB, statements);
    return c.json({ data: formFieldsFromBatch(updateAt.map((i) => results[i]!)), meta: {} });
  })

  .delete('/', validate('query', deleteQuery), async (c) => {
    const ids = c.req.valid('query')['id:in'];
    if (!ids?.length) {
      throw new ApiError('filter_required', { errors: { 'id:in': 'Give the ids of the form fields to delete' } });
    }
    // Values stay stored by name: re-creating a field under that name shows them again.
    await deleteFormFields(c.env.DB, ids);
    return c.body(null, 204);
  });

export default formFields;
