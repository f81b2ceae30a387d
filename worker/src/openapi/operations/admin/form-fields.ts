import * as z from 'zod';
import { operations } from '../../types';
import { batchAnswer, FormFieldSchema } from './customer-schemas';

const OURS = 'Our addition: BigCommerce manages form fields in its control panel only.';
const ALL_OR_NOTHING = 'All or nothing: one bad item writes nothing, and the 422 names every bad item and field. Up to 100 items per call.';

export default operations({
  'GET /v3/customers/form-fields': {
    summary: 'List form fields',
    description:
      "The store's sign-up (`applies_to: customer`) and address (`applies_to: address`) field definitions, by kind and `sort_order`. Not paged.",
    differs: OURS,
    responses: {
      200: { description: 'The definitions matching the filters.', schema: z.object({ data: z.array(FormFieldSchema), meta: z.object({}) }) },
    },
  },

  'POST /v3/customers/form-fields': {
    summary: 'Create form fields',
    description:
      'Names are unique per `applies_to` in any case (409 `name_taken`); the settings must fit the type (options for choices, `min`/`max` for numbers, …). The storefront sees the change at once.',
    differs: OURS,
    responses: { 200: { description: 'The definitions created.', schema: batchAnswer(FormFieldSchema) } },
    errors: ['name_taken'],
  },

  'PUT /v3/customers/form-fields': {
    summary: 'Update form fields',
    description:
      'Changes what each item names, by `id`; `type` and `applies_to` may be repeated, not changed. A rename carries the stored values along. ' +
      ALL_OR_NOTHING,
    differs: OURS,
    responses: { 200: { description: 'The definitions as they are now.', schema: batchAnswer(FormFieldSchema) } },
    errors: ['name_taken'],
  },

  'DELETE /v3/customers/form-fields': {
    summary: 'Delete form fields',
    description:
      'Deletes the definitions of `id:in`. The values shoppers entered stay stored by name: re-creating a field under that name shows them again. Without `id:in` nothing is deleted (422 `filter_required`).',
    differs: OURS,
    responses: { 204: { description: 'Deleted (or there was nothing to delete).' } },
    errors: ['filter_required'],
  },
});
