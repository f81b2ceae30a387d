import { operations } from '../../types';
import { AddressSchema, batchAnswer, pagedList } from './customer-schemas';

const SPEC = 'customers.v3.yml';
const ALL_OR_NOTHING =
  'Batches are all or nothing: one bad item writes nothing, and the 422 names every bad item and field. Up to 100 items per call (BigCommerce: 10; more → 413 `too_many_items`).';
const OUR_FIELDS = 'Our additions: `label`, `delivery_instructions`, `is_default_shipping` / `is_default_billing` (one of each per customer).';

export default operations({
  'GET /v3/customers/addresses': {
    summary: 'List addresses',
    description: "Customers' addresses, id ascending; `form_fields` only with `include=formfields`.",
    bigcommerce: { operation: 'getCustomersAddresses', spec: SPEC },
    differs: `${OUR_FIELDS} Cursor paging (\`after\`/\`before\`). Unknown parameters → 422.`,
    responses: { 200: { description: 'A page of addresses.', schema: pagedList(AddressSchema) } },
  },

  'POST /v3/customers/addresses': {
    summary: 'Create addresses',
    description:
      'Adds addresses to existing customers. An address identical to one the customer already has (or to an earlier item) is skipped and left out of the answer, as BigCommerce does.',
    bigcommerce: { operation: 'createCustomersAddresses', spec: SPEC },
    differs: `${ALL_OR_NOTHING} ${OUR_FIELDS} \`country_code\` must be an officially assigned ISO 3166-1 code.`,
    responses: { 200: { description: 'The addresses created (skipped twins left out).', schema: batchAnswer(AddressSchema) } },
    errors: ['concurrent_change', 'reference_gone'],
  },

  'PUT /v3/customers/addresses': {
    summary: 'Update addresses',
    description:
      'Changes the fields each item names, by `id`; given form field values replace those of the same name. An update that would make an address identical to another of its customer changes nothing and is left out of the answer.',
    bigcommerce: { operation: 'updateCustomersAddresses', spec: SPEC },
    differs: `${ALL_OR_NOTHING} ${OUR_FIELDS}`,
    responses: { 200: { description: 'The addresses updated.', schema: batchAnswer(AddressSchema) } },
    errors: ['concurrent_change', 'reference_gone'],
  },

  'DELETE /v3/customers/addresses': {
    summary: 'Delete addresses',
    description: 'Deletes the addresses of `id:in`; unknown ids are ignored.',
    bigcommerce: { operation: 'deleteCustomersAddresses', spec: SPEC },
    differs: 'Without `id:in` nothing is deleted: 422 `filter_required`.',
    responses: { 204: { description: 'Deleted (or there was nothing to delete).' } },
    errors: ['filter_required'],
  },
});
