// /v3/customers/form-field-values: list the values shoppers entered in the store's custom fields
// (customer values and address values together) and upsert them in all-or-nothing batches. Every value
// is checked against the current definition of its field (accounts/form-field-values.ts, the one check).
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { listFormFieldValuePage, toFormFieldValue, upsertFormFieldValues } from '../../accounts/form-fields';
import type { AppEnv } from '../../env';
import type { FormFieldType } from '../../shared/form-field-rules';
import { formFieldValue, validate } from '../../validation';
import { listMeta, pagingQuery, toPaging } from './paging';
import { MAX_BATCH } from './schemas';

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

const id = z.coerce.number().check(z.int(), z.minimum(1), z.maximum(Number.MAX_SAFE_INTEGER));

const listQuery = z
  .strictObject({
    ...pagingQuery,
    customer_id: z.optional(id),
    address_id: z.optional(id),
    field_name: z.optional(z.string().check(z.minLength(1), z.maxLength(255))),
    field_type: z.optional(
      z.pipe(
        z.enum(Object.keys(FIELD_TYPE_PARAM) as [string, ...string[]], {
          message: `Expected one of: ${Object.keys(FIELD_TYPE_PARAM).join(', ')}`,
        }),
        z.transform((t) => FIELD_TYPE_PARAM[t]!),
      ),
    ),
  })
  .check(z.refine((q) => !(q.after !== undefined && q.before !== undefined), { message: 'Use either after or before, not both', path: ['before'] }));

// formFieldValue_Full: a customer value or an address value (exactly one of the two ids).
const upsertItem = z
  .strictObject({
    customer_id: z.optional(z.number().check(z.int(), z.minimum(1))),
    address_id: z.optional(z.number().check(z.int(), z.minimum(1))),
    name: z.string().check(z.minLength(1), z.maxLength(255)),
    value: formFieldValue,
  })
  .check(
    z.superRefine((item, ctx) => {
      if ((item.customer_id === undefined) === (item.address_id === undefined)) {
        ctx.addIssue({ code: 'custom', path: ['customer_id'], message: 'Give either customer_id or address_id' });
      }
    }),
  );

const upsertBody = z.array(upsertItem).check(z.minLength(1), z.maxLength(MAX_BATCH));

const formFieldValues = new Hono<AppEnv>()
  .get('/', validate('query', listQuery), async (c) => {
    const q = c.req.valid('query');
    const paging = toPaging(q);
    const result = await listFormFieldValuePage(
      c.env.DB,
      { customerId: q.customer_id, addressId: q.address_id, name: q.field_name, type: q.field_type },
      paging,
    );
    return c.json({ data: result.rows.map(toFormFieldValue), meta: listMeta(result, paging) });
  })

  .put('/', validate('json', upsertBody), async (c) => {
    return c.json({ data: await upsertFormFieldValues(c.env.DB, c.req.valid('json')), meta: {} });
  });

export default formFieldValues;
