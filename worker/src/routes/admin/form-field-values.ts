// /v3/customers/form-field-values: list the values shoppers entered in the store's custom fields
// (customer values and address values together) and upsert them in all-or-nothing batches. Every value
// is checked against the current definition of its field.
import { Hono } from 'hono';
import * as z from 'zod';
import { existingCustomerIds } from '../../db/customers';
import {
  existingAddressIds,
  listFormFieldDefinitions,
  listFormFieldValues,
  toFormFieldValue,
  touchCustomersStatement,
  upsertAddressFormFieldValue,
  upsertCustomerFormFieldValue,
} from '../../db/form-fields';
import { isForeignKeyViolation } from '../../db/sql';
import type { AppEnv } from '../../env';
import { ApiError } from '../../errors';
import { checkFormFieldValue, type FormFieldType, type FormFieldValue, normalizeFormFieldValue } from '../../shared/form-field-rules';
import { isoNow } from '../../time';
import { validate } from '../../validation';
import { MAX_BATCH } from './customers';
import { listMeta, pagingQuery, toPaging } from './paging';

/** BigCommerce's field_type names (numbers, radiobuttons) and ours, to our types. */
const FIELD_TYPE_PARAM: Record<string, FormFieldType> = {
  checkboxes: 'checkboxes',
  date: 'date',
  multiline: 'multiline',
  numbers: 'number',
  number: 'number',
  password: 'password',
  radiobuttons: 'radio',
  radio: 'radio',
  text: 'text',
  picklist: 'picklist',
  checkbox: 'checkbox',
};

const id = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

const listQuery = z
  .object({
    ...pagingQuery,
    customer_id: id.optional(),
    address_id: id.optional(),
    field_name: z.string().min(1).max(255).optional(),
    field_type: z
      .enum(Object.keys(FIELD_TYPE_PARAM) as [string, ...string[]], {
        message: `Expected one of: ${Object.keys(FIELD_TYPE_PARAM).join(', ')}`,
      })
      .transform((t) => FIELD_TYPE_PARAM[t]!)
      .optional(),
  })
  .strict()
  .refine((q) => !(q.after !== undefined && q.before !== undefined), { message: 'Use either after or before, not both', path: ['before'] });

const valueSchema = z.union([z.string().max(10_000), z.number().finite(), z.array(z.string().max(1000)).max(100)], {
  message: 'Expected a string, a number or a list of strings',
});

// formFieldValue_Full: a customer value or an address value (exactly one of the two ids).
const upsertItem = z
  .object({
    customer_id: z.number().int().min(1).optional(),
    address_id: z.number().int().min(1).optional(),
    name: z.string().min(1).max(255),
    value: valueSchema,
  })
  .strict()
  .superRefine((item, ctx) => {
    if ((item.customer_id === undefined) === (item.address_id === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['customer_id'], message: 'Give either customer_id or address_id' });
    }
  });

const upsertBody = z.array(upsertItem).min(1).max(MAX_BATCH);

function isEmptyValue(value: FormFieldValue): boolean {
  return value === '' || (Array.isArray(value) && value.length === 0);
}

const formFieldValues = new Hono<AppEnv>()
  .get('/', validate('query', listQuery), async (c) => {
    const q = c.req.valid('query');
    const paging = toPaging(q);
    const result = await listFormFieldValues(
      c.env.DB,
      { customerId: q.customer_id, addressId: q.address_id, name: q.field_name, type: q.field_type },
      paging,
    );
    return c.json({ data: result.rows.map(toFormFieldValue), meta: listMeta(result, paging) });
  })

  .put('/', validate('json', upsertBody), async (c) => {
    const items = c.req.valid('json');
    const db = c.env.DB;
    const customerIds = [...new Set(items.flatMap((i) => (i.customer_id ? [i.customer_id] : [])))];
    const addressIds = [...new Set(items.flatMap((i) => (i.address_id ? [i.address_id] : [])))];
    const [definitions, customers, addresses] = await Promise.all([
      listFormFieldDefinitions(db),
      existingCustomerIds(db, customerIds),
      existingAddressIds(db, addressIds),
    ]);

    const errors: Record<string, string> = {};
    const seen = new Map<string, number>();
    const accepted = items.map((item, i) => {
      const appliesTo = item.customer_id !== undefined ? 'customer' : 'address';
      const ownerId = item.customer_id ?? item.address_id!;
      if (appliesTo === 'customer' && !customers.has(ownerId)) errors[`${i}.customer_id`] = `Customer ${ownerId} does not exist`;
      if (appliesTo === 'address' && !addresses.has(ownerId)) errors[`${i}.address_id`] = `Address ${ownerId} does not exist`;
      const def = definitions.find((d) => d.applies_to === appliesTo && d.name.toLowerCase() === item.name.toLowerCase());
      if (!def) {
        errors[`${i}.name`] = `No ${appliesTo} form field named "${item.name}"`;
        return null;
      }
      const key = `${appliesTo}:${ownerId}:${def.name.toLowerCase()}`;
      if (seen.has(key)) errors[`${i}.name`] = `Repeats item ${seen.get(key)}`;
      else seen.set(key, i);
      const problem = checkFormFieldValue(def, item.value);
      if (problem) errors[`${i}.value`] = problem;
      // An empty value clears an optional field; it is stored as given ("" must not become 0).
      const value = problem || isEmptyValue(item.value) ? item.value : normalizeFormFieldValue(def, item.value);
      return { appliesTo, ownerId, name: def.name, value };
    });
    if (Object.keys(errors).length) throw new ApiError('validation_failed', { errors });

    const now = isoNow();
    const statements = accepted.map((v) =>
      v!.appliesTo === 'customer'
        ? upsertCustomerFormFieldValue(db, { sql: '?1', params: [v!.ownerId] }, v!.name, v!.value)
        : upsertAddressFormFieldValue(db, v!.ownerId, v!.name, v!.value, now),
    );
    if (customerIds.length) statements.push(touchCustomersStatement(db, customerIds, now));
    try {
      await db.batch(statements);
    } catch (err) {
      // The customer was deleted between our check and this batch.
      if (isForeignKeyViolation(err)) throw new ApiError('validation_failed', { errors: { customer_id: 'A customer no longer exists' } });
      throw err;
    }
    const data = accepted.map((v) =>
      v!.appliesTo === 'customer'
        ? { customer_id: v!.ownerId, name: v!.name, value: v!.value }
        : { address_id: v!.ownerId, name: v!.name, value: v!.value },
    );
    return c.json({ data, meta: {} });
  });

export default formFieldValues;
