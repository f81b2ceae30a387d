// The shopper's metafields (routes/storefront/metafields.ts).
import * as z from 'zod';
import { operations } from '../../types';
import { StorefrontMetafieldSchema } from './schemas';

export default operations({
  'GET /storefront/customer/metafields': {
    summary: "The shopper's metafields",
    description:
      'The fields the store shares with the shopper (permission sets `read_and_sf_access` and `write_and_sf_access`), by namespace and key.',
    responses: { 200: { description: 'The metafields.', schema: z.object({ data: z.array(StorefrontMetafieldSchema) }) } },
  },

  'PUT /storefront/customer/metafields/{id}': {
    summary: "Set a metafield's value",
    description:
      "Only a `write_and_sf_access` field: a read-only one answers 403 `metafield_read_only`; another shopper's, an app's or a missing one answers 404 alike (ids cannot be probed).",
    responses: { 200: { description: 'The field after the change.', schema: z.object({ data: StorefrontMetafieldSchema }) } },
    errors: ['metafield_not_found', 'metafield_read_only', 'not_found'],
  },
});
