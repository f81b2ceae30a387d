import * as z from 'zod';
import { PaginationSchema } from '../../components';
import { operations } from '../../types';

const ORDERS_SCOPE = 'Order data needs an orders scope as well (`store_v2_orders` or `store_v2_orders_read_only`)';

/** `meta` of the activity lists: page paging only (routes/admin/customer-activity.ts pagination). */
const pagedMeta = z.object({ pagination: PaginationSchema });

const OverviewRowSchema = z
  .object({
    kind: z.enum(['customer', 'guest_order']),
    registered: z.boolean().describe('`kind === "customer"`.'),
    customer_id: z.int().nullable().describe('null for a guest order.'),
    order_id: z.int().nullable().describe("The guest order's id; null for a customer."),
    email: z.string(),
    first_name: z.string(),
    last_name: z.string(),
    last_order_date: z.string().nullable().describe('null for a customer without orders.'),
    order_count: z.int(),
    has_test_order: z.boolean(),
  })
  .meta({ id: 'CustomerOverviewRow', description: 'A registered customer, or one guest order.' });

const TimelineEventSchema = z
  .object({
    id: z.int(),
    type: z.string().describe('`account_created`, `profile_updated`, `address_added`, `order_placed`, `password_reset`, …'),
    detail: z.record(z.string(), z.unknown()).describe('What changed; `{}` when redacted.'),
    actor: z.object({ type: z.string().describe('`shopper`, `staff` or `system`.'), name: z.string().describe("Staff: the admin token's name.") }),
    date_created: z.string(),
    redacted: z.literal(true).optional().describe('Present when the event is order data and the token has no orders scope: `detail` is then `{}`.'),
  })
  .meta({ id: 'TimelineEvent', description: "One event of a customer's timeline." });

/** An order as accounts/orders.ts toOrder answers it (amounts as decimal strings in the currency's precision). */
const SummaryOrderSchema = z.object({
  id: z.int(),
  customer_id: z.int(),
  is_guest: z.boolean(),
  email: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  status: z.string(),
  is_test: z.boolean(),
  channel_id: z.int(),
  currency_code: z.string(),
  subtotal: z.string(),
  tax: z.string(),
  shipping: z.string(),
  total: z.string(),
  item_count: z.int(),
  billing_address: z.record(z.string(), z.string()),
  shipping_address: z.record(z.string(), z.string()),
  date_created: z.string(),
  date_modified: z.string(),
});

const OrderSummarySchema = z
  .object({
    customer_id: z.int(),
    order_count: z.int().describe('Every order: test, cancelled and refunded ones too.'),
    totals: z.array(
      z.object({
        currency_code: z.string(),
        order_count: z.int(),
        total_spent: z.string().describe('A decimal string in the currency\'s precision ("12.50").'),
        average_order_value: z.string(),
      }),
    ),
    last_orders: z.array(SummaryOrderSchema).describe('The last three orders, newest first.'),
  })
  .meta({ id: 'CustomerOrderSummary', description: "A customer's order count, totals per currency and last orders." });

export default operations({
  'GET /v3/customers/overview': {
    summary: 'Customer overview',
    description: `Every registered customer once and every guest order as its own row (guest orders only for a token with an orders scope), newest last-order day first (UTC days), then last name; customers without orders last. \`q\` searches name and email.`,
    differs: 'Our addition.',
    responses: { 200: { description: 'A page of the overview.', schema: z.object({ data: z.array(OverviewRowSchema), meta: pagedMeta }) } },
  },

  'GET /v3/customers/{id}/order-summary': {
    summary: "A customer's order summary",
    description: `Order count, totals per currency (spent, average order value) and the last three orders. ${ORDERS_SCOPE}: 403 \`scope_missing\` without it.`,
    differs: 'Our addition.',
    responses: { 200: { description: 'The summary.', schema: z.object({ data: OrderSummarySchema, meta: z.object({}) }) } },
    errors: ['customer_not_found'],
  },

  'GET /v3/customers/{id}/timeline': {
    summary: "A customer's timeline",
    description: `What happened to the account, newest first: creation, profile, address, note and consent changes, orders, passwords, providers, passkeys, each with its actor. ${ORDERS_SCOPE} to see order events' detail; without it they come with \`detail: {}\` and \`redacted: true\`.`,
    differs: 'Our addition.',
    responses: { 200: { description: 'A page of events.', schema: z.object({ data: z.array(TimelineEventSchema), meta: pagedMeta }) } },
    errors: ['customer_not_found'],
  },
});
