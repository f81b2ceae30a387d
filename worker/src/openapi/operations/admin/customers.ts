import * as z from 'zod';
import { operations } from '../../types';
import { batchAnswer, CustomerSchema, pagedList } from './customer-schemas';

export { AddressSchema, CustomerSchema } from './customer-schemas';

const SPEC = 'customers.v3.yml';
const ALL_OR_NOTHING =
  'Batches are all or nothing: one bad item writes nothing, and the 422 names every bad item and field (`errors: {"57.email": …}`). Up to 100 items per call (BigCommerce: 10; more → 413 `too_many_items`).';

export default operations({
  'GET /v3/customers': {
    summary: 'List customers',
    description:
      'Filters as BigCommerce has them; `include` adds sub-resources. Default order: id ascending. Page with `page`/`limit` (`meta.pagination`) or with the `after`/`before` cursors of `meta.cursor_pagination`.',
    bigcommerce: { operation: 'getCustomers', spec: SPEC },
    differs:
      '`include=shopper_profile_id` and `include=segment_ids` answer as a store without those beta features (`null`, `[]`). Our additions: `email_verified` on every customer, cursor paging (`after`/`before`). Unknown parameters → 422.',
    responses: { 200: { description: 'A page of customers.', schema: pagedList(CustomerSchema) } },
  },

  'POST /v3/customers': {
    summary: 'Create customers',
    description:
      'Creates customers with their addresses, attribute values, form field values and (`authentication.new_password`) password. Answers them with `addresses`, `attributes` and `form_fields`, in the order given.',
    bigcommerce: { operation: 'createCustomers', spec: SPEC },
    differs: `${ALL_OR_NOTHING} An email already taken (in any case, or twice in the batch) → 409 \`email_taken\`. Passwords follow our policy (8–128 characters, not the email, not a common password). \`trigger_account_created_notification\` is accepted and ignored. Our addition: \`email_verified\`.`,
    responses: { 200: { description: 'The customers created.', schema: batchAnswer(CustomerSchema) } },
    errors: ['email_taken', 'reference_gone'],
  },

  'PUT /v3/customers': {
    summary: 'Update customers',
    description: 'Changes the fields each item names, by `id`. Answers the customers as they are now (without sub-resources).',
    bigcommerce: { operation: 'updateCustomers', spec: SPEC },
    differs: `${ALL_OR_NOTHING} An unknown or repeated \`id\` is a field error. A changed email is unverified unless \`email_verified: true\` comes with it (our addition).`,
    responses: { 200: { description: 'The customers updated.', schema: batchAnswer(CustomerSchema) } },
    errors: ['email_taken', 'reference_gone'],
  },

  'DELETE /v3/customers': {
    summary: 'Delete customers',
    description:
      'Deletes the customers of `id:in` and what belongs to them (addresses, values, sessions); their orders stay, unlinked. Unknown ids are ignored.',
    bigcommerce: { operation: 'deleteCustomers', spec: SPEC },
    differs: 'Without `id:in` nothing is deleted: 422 `filter_required` (BigCommerce deletes every customer).',
    responses: { 204: { description: 'Deleted (or there was nothing to delete).' } },
    errors: ['filter_required'],
  },

  'POST /v3/customers/validate-credentials': {
    summary: "Check a customer's password",
    description:
      'Whether `password` is the password of the customer with `email` (and, with `channel_id`, whether that customer may use the channel). A wrong password counts as a failed log-in: limited per IP and per email.',
    bigcommerce: { operation: 'validateCustomerCredentials', spec: SPEC },
    differs: 'Rate limited per IP and per email (429 with `Retry-After`); failures count with storefront log-ins.',
    responses: {
      200: {
        description: 'The verdict (also for an unknown email: `is_valid: false`).',
        schema: z.object({
          is_valid: z.boolean(),
          customer_id: z.int().nullable().describe('The customer, when valid; null otherwise.'),
        }),
      },
    },
  },
});
