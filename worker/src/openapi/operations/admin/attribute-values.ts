import { operations } from '../../types';
import { AttributeValueSchema, batchAnswer, pagedList } from './customer-schemas';

const SPEC = 'customers.v3.yml';

export default operations({
  'GET /v3/customers/attribute-values': {
    summary: 'List customer attribute values',
    description: "Customers' values of the store's attributes, id ascending; `name` filters by the attribute's name.",
    bigcommerce: { operation: 'getCustomersAttributeValues', spec: SPEC },
    differs: 'Our additions: `id:in`, the date filters and cursor paging (`after`/`before`). Unknown parameters → 422.',
    responses: { 200: { description: 'A page of attribute values.', schema: pagedList(AttributeValueSchema) } },
  },

  'PUT /v3/customers/attribute-values': {
    summary: 'Upsert customer attribute values',
    description:
      "Sets each customer's value of each attribute (`value` in, `attribute_value` out). A value must fit its attribute's type; a customer has at most 50 values. `id`, when given, must be that pair's stored value.",
    bigcommerce: { operation: 'upsertCustomersAttributeValues', spec: SPEC },
    differs:
      'All or nothing: one bad item writes nothing, and the 422 names every bad item and field. Up to 100 items per call (BigCommerce: 10; more → 413 `too_many_items`).',
    responses: { 200: { description: 'The values as stored, in the order given.', schema: batchAnswer(AttributeValueSchema) } },
    errors: ['limit_reached', 'reference_gone', 'concurrent_change'],
  },

  'DELETE /v3/customers/attribute-values': {
    summary: 'Delete customer attribute values',
    description: 'Deletes the values of `id:in`.',
    bigcommerce: { operation: 'deleteCustomersAttributeValues', spec: SPEC },
    differs: 'Without `id:in` nothing is deleted: 422 `filter_required`.',
    responses: { 204: { description: 'Deleted (or there was nothing to delete).' } },
    errors: ['filter_required'],
  },
});
