import { operations } from '../../types';
import { AttributeSchema, batchAnswer, pagedList } from './customer-schemas';

const SPEC = 'customers.v3.yml';
const ALL_OR_NOTHING =
  'Batches are all or nothing: one bad item writes nothing, and the 422 names every bad item and field. Up to 100 items per call (BigCommerce: 10; more → 413 `too_many_items`).';

export default operations({
  'GET /v3/customers/attributes': {
    summary: 'List customer attributes',
    description: "The store's attribute definitions, id ascending.",
    bigcommerce: { operation: 'getCustomersAttributes', spec: SPEC },
    differs: 'Our additions: `id:in`, the date filters and cursor paging (`after`/`before`). Unknown parameters → 422.',
    responses: { 200: { description: 'A page of attributes.', schema: pagedList(AttributeSchema) } },
  },

  'POST /v3/customers/attributes': {
    summary: 'Create customer attributes',
    description: 'At most 50 attributes per store (422 `limit_reached` above); names are unique in any case (409 `name_taken`).',
    bigcommerce: { operation: 'createCustomersAttributes', spec: SPEC },
    differs: ALL_OR_NOTHING,
    responses: { 200: { description: 'The attributes created.', schema: batchAnswer(AttributeSchema) } },
    errors: ['limit_reached', 'name_taken'],
  },

  'PUT /v3/customers/attributes': {
    summary: 'Rename customer attributes',
    description: "Renames attributes by `id`. An attribute's `type` cannot change (repeating it is fine).",
    bigcommerce: { operation: 'updateCustomersAttributes', spec: SPEC },
    differs: ALL_OR_NOTHING,
    responses: { 200: { description: 'The attributes as they are now.', schema: batchAnswer(AttributeSchema) } },
    errors: ['name_taken'],
  },

  'DELETE /v3/customers/attributes': {
    summary: 'Delete customer attributes',
    description: "Deletes the attributes of `id:in` and every customer's values of them.",
    bigcommerce: { operation: 'deleteCustomersAttributes', spec: SPEC },
    differs: 'Without `id:in` nothing is deleted: 422 `filter_required`.',
    responses: { 204: { description: 'Deleted (or there was nothing to delete).' } },
    errors: ['filter_required'],
  },
});
