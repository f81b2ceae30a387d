import * as z from 'zod';
import { operations } from '../../types';
import { EmptyMetaSchema, MetafieldListItemSchema, MetafieldSchema, metafieldWrite, page } from './platform-schemas';

const spec = 'customers.v3.yml';
const filters =
  'Filters `key`, `key:in`, `namespace`, `namespace:in`, the `date_created` / `date_modified` ranges, `direction` (by id), `include_fields` (the id always comes); `page` + `limit` or `after` / `before` cursors.';
const unique =
  "Metafields are unique per (customer, namespace, key) whichever token writes them (BigCommerce also keys them by the app's client id, which admin tokens do not have); every token with a customers scope sees `app_only` ones; `owner_client_id` is the creating token's name.";
const batch = `**Batches are all or nothing** (up to 100 items; BigCommerce may write part of a batch). ${unique}`;

export default operations({
  'GET /v3/customers/metafields': {
    summary: "List every customer's metafields",
    description: filters,
    bigcommerce: { operation: 'getAllCustomersMetafields', spec },
    differs: unique,
    responses: { 200: { description: 'A page of metafields.', schema: page(MetafieldListItemSchema) } },
  },
  'POST /v3/customers/metafields': {
    summary: 'Create metafields (batch)',
    description:
      '`resource_id` names the customer. A (customer, namespace, key) taken already or repeated in the batch → 409 `metafield_exists` naming the items; an unknown customer or one past 250 metafields → 422 naming the item.',
    bigcommerce: { operation: 'createCustomersMetafields', spec },
    differs: batch,
    responses: { 200: { description: 'The created metafields.', schema: metafieldWrite(MetafieldSchema) } },
    errors: ['metafield_exists', 'limit_reached', 'reference_gone'],
  },
  'PUT /v3/customers/metafields': {
    summary: 'Update metafields (batch)',
    description: 'Updates by `id`; an unknown id → 422 naming the item; a namespace and key another field holds → 409 `metafield_exists`.',
    bigcommerce: { operation: 'updateCustomersMetafields', spec },
    differs: batch,
    responses: { 200: { description: 'The updated metafields.', schema: metafieldWrite(MetafieldSchema) } },
    errors: ['metafield_exists', 'concurrent_change'],
  },
  'DELETE /v3/customers/metafields': {
    summary: 'Delete metafields (batch)',
    description: 'The body is a JSON array of metafield ids; an unknown id → 422 naming the item, nothing deleted. Answers the deleted ids.',
    bigcommerce: { operation: 'deleteCustomersMetafields', spec },
    differs: batch,
    responses: { 200: { description: 'The deleted ids.', schema: metafieldWrite(z.int()) } },
  },
  'GET /v3/customers/{customerId}/metafields': {
    summary: "List a customer's metafields",
    description: `${filters} An unknown customer is a 404, not an empty list.`,
    bigcommerce: { operation: 'getCustomersMetafields', spec },
    differs: unique,
    responses: { 200: { description: 'A page of metafields.', schema: page(MetafieldListItemSchema) } },
    errors: ['customer_not_found'],
  },
  'POST /v3/customers/{customerId}/metafields': {
    summary: 'Create a metafield',
    description: 'At most 250 per customer (422 `limit_reached`); a namespace and key the customer has already → 409 `metafield_exists`.',
    bigcommerce: { operation: 'createCustomerMetafields', spec },
    differs: `As the spec has it, \`data\` is a list even for one field. ${unique}`,
    responses: { 200: { description: 'The created metafield (a list of one).', schema: metafieldWrite(MetafieldSchema) } },
    errors: ['customer_not_found', 'metafield_exists', 'limit_reached', 'reference_gone'],
  },
  'GET /v3/customers/{customerId}/metafields/{metafieldId}': {
    summary: 'Get a metafield',
    description: "Another customer's metafield is a 404 like a missing one.",
    bigcommerce: { operation: 'getMetafieldsCustomerId', spec },
    differs: unique,
    responses: { 200: { description: 'The metafield.', schema: z.object({ data: MetafieldSchema, meta: EmptyMetaSchema }) } },
    errors: ['metafield_not_found'],
  },
  'PUT /v3/customers/{customerId}/metafields/{metafieldId}': {
    summary: 'Update a metafield',
    description: "Changes the fields the body names; `id` in the body is optional and, when given, must be the path's (else 422).",
    bigcommerce: { operation: 'updateCustomerMetafield', spec },
    differs: `The spec requires \`id\` in the body; here it is optional. \`data\` is a list even for one field. ${unique}`,
    responses: { 200: { description: 'The updated metafield (a list of one).', schema: metafieldWrite(MetafieldSchema) } },
    errors: ['metafield_not_found', 'metafield_exists', 'concurrent_change'],
  },
  'DELETE /v3/customers/{customerId}/metafields/{metafieldId}': {
    summary: 'Delete a metafield',
    bigcommerce: { operation: 'deleteCustomerMetafieldsId', spec },
    responses: { 204: { description: 'Deleted.' } },
    errors: ['metafield_not_found'],
  },
});
