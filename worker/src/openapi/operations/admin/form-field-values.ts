import { operations } from '../../types';
import { batchAnswer, FormFieldValueSchema, pagedList } from './customer-schemas';

const SPEC = 'customers.v3.yml';

export default operations({
  'GET /v3/customers/form-field-values': {
    summary: 'List form field values',
    description:
      "The values shoppers entered in the store's fields, customer values and address values together. `field_type` takes BigCommerce's names (`numbers`, `radiobuttons`, …) and ours.",
    bigcommerce: { operation: 'getCustomersFormFieldValues', spec: SPEC },
    differs: 'Our addition: cursor paging (`after`/`before`). Unknown parameters → 422.',
    responses: { 200: { description: 'A page of values.', schema: pagedList(FormFieldValueSchema) } },
  },

  'PUT /v3/customers/form-field-values': {
    summary: 'Upsert form field values',
    description:
      "Sets values of customers (`customer_id`) and addresses (`address_id`): exactly one of the two per item. Every value is checked against its field's current definition; an empty value clears an optional field.",
    bigcommerce: { operation: 'updateCustomerFormFieldValues', spec: SPEC },
    differs:
      "All or nothing: one bad item writes nothing, and the 422 names every bad item and field. Up to 100 items per call (more → 413 `too_many_items`). Answers the values as stored (normalised, under their definition's name).",
    responses: { 200: { description: 'The values as stored, in the order given.', schema: batchAnswer(FormFieldValueSchema) } },
    errors: ['reference_gone'],
  },
});
