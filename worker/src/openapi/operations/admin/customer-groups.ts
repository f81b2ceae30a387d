import * as z from 'zod';
import { operations } from '../../types';
import { CustomerGroupSchema } from './platform-schemas';

const spec = 'customers.v2.yml';
const byId = 'A non-numeric `{id}` is no route: 404 `not_found`.';
const v2 = 'V2 errors keep our statuses (409 for a name in use, 422 for bad values, where BigCommerce V2 mostly answers 400) and carry our `code`.';

export default operations({
  'GET /v2/customer_groups': {
    summary: 'List customer groups',
    description: 'A plain array (V2: no `{data, meta}` envelope), by id; `page` and `limit` (≤ 250, default 50).',
    bigcommerce: { operation: 'getCustomerGroups', spec },
    differs: v2,
    responses: { 200: { description: 'The groups of the page.', schema: z.array(CustomerGroupSchema) } },
  },
  'GET /v2/customer_groups/count': {
    tags: ['customer_groups'],
    summary: 'Count customer groups',
    description: 'How many groups match the filters (the same as the list takes).',
    bigcommerce: { operation: 'getCustomerGroupsCount', spec },
    differs: v2,
    responses: { 200: { description: 'The count.', schema: z.object({ count: z.int() }) } },
  },
  'GET /v2/customer_groups/{id}': {
    summary: 'Get a customer group',
    description: byId,
    bigcommerce: { operation: 'getCustomerGroup', spec },
    differs: v2,
    responses: { 200: { description: 'The group.', schema: CustomerGroupSchema } },
    errors: ['group_not_found', 'not_found'],
  },
  'POST /v2/customer_groups': {
    summary: 'Create a customer group',
    description:
      'Names are unique in any case (409 `name_taken`). Setting `is_default` or `is_group_for_guests` takes the role from the group that had it.',
    bigcommerce: { operation: 'createCustomerGroup', spec },
    differs: v2,
    responses: { 200: { description: 'The created group.', schema: CustomerGroupSchema } },
    errors: ['name_taken'],
  },
  'PUT /v2/customer_groups/{id}': {
    summary: 'Update a customer group',
    description: `Changes the fields the body names; \`discount_rules\`, when given, replace the rules as a whole. ${byId}`,
    bigcommerce: { operation: 'updateCustomerGroup', spec },
    differs: v2,
    responses: { 200: { description: 'The updated group.', schema: CustomerGroupSchema } },
    errors: ['group_not_found', 'name_taken', 'not_found'],
  },
  'DELETE /v2/customer_groups/{id}': {
    summary: 'Delete a customer group',
    description: `Its customers move to no group (0). ${byId}`,
    bigcommerce: { operation: 'deleteCustomerGroup', spec },
    differs: v2,
    responses: { 204: { description: 'Deleted.' } },
    errors: ['group_not_found', 'not_found'],
  },
  'DELETE /v2/customer_groups': {
    summary: 'Delete every customer group (refused)',
    description: 'Deletes nothing: always a 422 asking to delete one group at a time (`DELETE /v2/customer_groups/{id}`).',
    differs: 'BigCommerce V2 deletes every group of the store; we refuse.',
    responses: {},
    errors: ['validation_failed'],
  },
});
