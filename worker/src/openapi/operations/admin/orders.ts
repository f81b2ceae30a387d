import * as z from 'zod';
import { operations } from '../../types';
import { one, OrderListItemSchema, OrderWithItemsSchema, page } from './platform-schemas';

const ours = "Our addition (BigCommerce's orders live in its own checkout); scopes `store_v2_orders` / `store_v2_orders_read_only`.";

export default operations({
  'GET /v3/orders': {
    summary: 'List orders',
    description:
      "Newest first. Filters `id:in`, `customer_id:in`, `email:in`, `status:in`, `is_guest`, `is_test`, `date_created:min` / `:max`; `include=items` adds each order's items; `page` + `limit` or `after` / `before` cursors.",
    differs: ours,
    responses: { 200: { description: 'A page of orders.', schema: page(OrderListItemSchema) } },
  },
  'POST /v3/orders': {
    summary: 'Record orders (batch)',
    description:
      "Up to 100 orders, all or nothing. `customer_id` (a customer's order copies their email and names unless given) or a guest `email`; amounts as decimal strings or numbers, in the currency's precision (else 422 naming the field). Answers the orders with their items, in the given order.",
    differs: ours,
    responses: { 201: { description: 'The recorded orders.', schema: z.object({ data: z.array(OrderWithItemsSchema), meta: z.object({}) }) } },
    errors: ['reference_gone'],
  },
  'GET /v3/orders/{id}': {
    summary: 'Get an order',
    differs: ours,
    responses: { 200: { description: 'The order with its items.', schema: one(OrderWithItemsSchema) } },
    errors: ['order_not_found'],
  },
  'PUT /v3/orders/{id}/customer': {
    tags: ['orders'],
    summary: 'Link an order to a customer',
    description:
      "Moves the order to the customer (from guest or from another customer); on the customer's timeline, with a `store/customer/order_linked` webhook. An unknown customer → 422.",
    differs: ours,
    responses: { 200: { description: 'The order with its items.', schema: one(OrderWithItemsSchema) } },
    errors: ['order_not_found', 'reference_gone'],
  },
  'DELETE /v3/orders/{id}/customer': {
    tags: ['orders'],
    summary: 'Unlink an order from its customer',
    description: "Makes it a guest order again (nothing to do for one that is); on the customer's timeline.",
    differs: ours,
    responses: { 204: { description: 'Unlinked.' } },
    errors: ['order_not_found'],
  },
});
