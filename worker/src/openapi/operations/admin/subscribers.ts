import { operations } from '../../types';
import { one, page, SubscriberSchema } from './platform-schemas';

const spec = 'subscribers.v3.yml';

export default operations({
  'GET /v3/customers/subscribers': {
    summary: 'List subscribers',
    description:
      'Filters `id`, `id:in`, `email`, `first_name`, `last_name` (those three ignore case), `source`, `order_id`, `channel_id`, `date_created` / `date_modified` (a bare date means that whole day) with `:min` / `:max`; `page` + `limit` or `after` / `before` cursors.',
    bigcommerce: { operation: 'getSubscribers', spec },
    differs: 'Extras: the `channel_id` filter, the `:min` / `:max` date filters, cursor paging (`meta.cursor_pagination`).',
    responses: { 200: { description: 'A page of subscribers.', schema: page(SubscriberSchema) } },
  },
  'POST /v3/customers/subscribers': {
    summary: 'Create a subscriber',
    description:
      'One subscriber (a single object, as the spec has it). `source` defaults to `custom`, `channel_id` to 1, `consents` to `["marketing_newsletter"]` (`[]` records an unsubscribed address).',
    bigcommerce: { operation: 'createSubscriber', spec },
    differs:
      'Emails are unique in any case (409 `email_taken`); `order_id` must name an order recorded in `/v3/orders` (else 422); `consents` is ours.',
    responses: { 200: { description: 'The created subscriber.', schema: one(SubscriberSchema) } },
    errors: ['email_taken'],
  },
  'GET /v3/customers/subscribers/{subscriber_id}': {
    summary: 'Get a subscriber',
    bigcommerce: { operation: 'getSubscriber', spec },
    responses: { 200: { description: 'The subscriber.', schema: one(SubscriberSchema) } },
    errors: ['subscriber_not_found'],
  },
  'PUT /v3/customers/subscribers/{subscriber_id}': {
    summary: 'Update a subscriber',
    description:
      "Changes the fields the body names. A consent change of a registered customer's email is recorded on that customer's timeline, with the token's name as the actor.",
    bigcommerce: { operation: 'updateSubscriber', spec },
    differs: "Accepts the subscriber's own `id` in the body (another id → 422); emails are unique in any case (409 `email_taken`).",
    responses: { 200: { description: 'The updated subscriber.', schema: one(SubscriberSchema) } },
    errors: ['subscriber_not_found', 'email_taken'],
  },
  'DELETE /v3/customers/subscribers': {
    summary: 'Delete subscribers by filter',
    description: 'Deletes the subscribers matching the filters (the same as the list takes, without paging).',
    bigcommerce: { operation: 'deleteSubscribers', spec },
    differs:
      '**A DELETE without a filter deletes nothing** and answers 422 `filter_required` (BigCommerce deletes every subscriber). `id:in`, `channel_id` and the date ranges are extras.',
    responses: { 204: { description: 'Deleted (also when nothing matched).' } },
    errors: ['filter_required'],
  },
  'DELETE /v3/customers/subscribers/{subscriber_id}': {
    summary: 'Delete a subscriber',
    bigcommerce: { operation: 'deleteSubscriber', spec },
    differs: 'An unknown id is a 404.',
    responses: { 204: { description: 'Deleted.' } },
    errors: ['subscriber_not_found'],
  },
});
