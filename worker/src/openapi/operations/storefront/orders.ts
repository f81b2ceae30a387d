// The shopper's orders and claiming guest orders (routes/storefront/orders.ts).
import * as z from 'zod';
import { operations } from '../../types';
import { ShopperOrderDetailSchema, ShopperOrderSchema } from './schemas';

const claimed = z.object({
  claimed: z.int().describe('How many guest orders were attached.'),
  order_ids: z.array(z.int()),
});

export default operations({
  'GET /storefront/customer/orders': {
    summary: "The shopper's orders",
    description: 'Newest first, paged, optionally one status; with the summary of all orders and the number of guest orders the shopper could claim.',
    responses: {
      200: {
        description: 'One page of orders.',
        schema: z.object({
          data: z.array(ShopperOrderSchema),
          meta: z.object({
            pagination: z.object({ total: z.int(), count: z.int(), per_page: z.int(), current_page: z.int(), total_pages: z.int() }),
          }),
          summary: z
            .object({
              count: z.int(),
              totals: z.array(z.object({ currency_code: z.string(), total_spent: z.string(), average_order_value: z.string() })),
            })
            .describe('Every order of the shopper (test, cancelled and refunded ones too), totals per currency.'),
          claimable: z.int().describe("Guest orders placed with the shopper's email that could be claimed; 0 while the email is unverified."),
        }),
      },
    },
  },

  'GET /storefront/customer/orders/{id}': {
    summary: 'One order',
    description: "Another customer's order answers 404 like a missing one.",
    responses: { 200: { description: 'The order with its items.', schema: z.object({ data: ShopperOrderDetailSchema }) } },
    errors: ['order_not_found'],
  },

  'POST /storefront/customer/orders/claim': {
    summary: 'Claim guest orders',
    description:
      "Attaches the guest orders placed with the account's email. With a verified email at once (200); otherwise a code is mailed (202) and `POST /storefront/customer/orders/claim/confirm` takes it. Codes per email are limited (429 with `Retry-After`).",
    responses: {
      200: { description: 'Claimed.', schema: claimed },
      202: {
        description: 'A code was mailed to the email.',
        schema: z.object({ status: z.literal('code_sent'), expires_in: z.int().describe('Seconds the code stays valid.') }),
      },
    },
    errors: ['rate_limited'],
  },

  'POST /storefront/customer/orders/claim/confirm': {
    summary: 'Claim guest orders with the mailed code',
    description: 'A wrong, used, expired or exhausted code (attempts are counted) answers 422 `claim_code_invalid`.',
    responses: { 200: { description: 'Claimed.', schema: claimed } },
    errors: ['claim_code_invalid'],
  },
});
