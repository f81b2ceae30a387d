import { operations } from '../../types';
import { ChannelCustomerSettingsSchema, CustomerSettingsSchema, one } from './platform-schemas';

const spec = 'customers.v3.yml';
const ours =
  'Our addition: `storefront_accounts` (email verification, newsletter double opt-in, passkey sign-up, passkey relying party id). `null` resets a value.';

export default operations({
  'GET /v3/customers/settings': {
    summary: 'Get the customer settings',
    description:
      "The store-wide values: `customer_group_settings` are the groups' `is_default` / `is_group_for_guests` flags of `/v2/customer_groups` (0: none); `storefront_accounts` defaults to the deployment's vars.",
    bigcommerce: { operation: 'getCustomersSettings', spec },
    differs: ours,
    responses: { 200: { description: 'The settings.', schema: one(CustomerSettingsSchema) } },
  },
  'PUT /v3/customers/settings': {
    summary: 'Update the customer settings',
    description:
      'Changes what the body names; `null` resets a value to its default. A group that does not exist → 422 naming the field. Applies to the next request of this worker instance, to others within 30 seconds.',
    bigcommerce: { operation: 'updateCustomersSettings', spec },
    differs: ours,
    responses: { 200: { description: 'The settings after the change.', schema: one(CustomerSettingsSchema) } },
  },
  'GET /v3/customers/settings/channels/{channel_id}': {
    summary: "Get a channel's customer settings",
    description: "The channel's own values; `null` inherits the store-wide value.",
    bigcommerce: { operation: 'getCustomersSettingsChannel', spec },
    differs: `${ours} \`allow_global_logins\` is kept for BigCommerce clients; sign-in is not limited by channel.`,
    responses: { 200: { description: "The channel's settings.", schema: one(ChannelCustomerSettingsSchema) } },
    errors: ['channel_not_found'],
  },
  'PUT /v3/customers/settings/channels/{channel_id}': {
    summary: "Update a channel's customer settings",
    description:
      "Changes what the body names; `null` makes a value inherit the store-wide one again. The channel's `default_customer_group_id` wins over the store's for its sign-ups.",
    bigcommerce: { operation: 'updateCustomersSettingsChannel', spec },
    differs: `${ours} \`allow_global_logins\` is kept for BigCommerce clients; sign-in is not limited by channel.`,
    responses: { 200: { description: "The channel's settings after the change.", schema: one(ChannelCustomerSettingsSchema) } },
    errors: ['channel_not_found'],
  },
});
