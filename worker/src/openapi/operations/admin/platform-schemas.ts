// Response schemas of the admin resources around the customers (groups, subscribers, settings, metafields,
// tracking consent, channels, apps, OpenID Connect providers, hooks, orders), written from the shapes the
// handlers send (routes/admin/*.ts and the accounts/ functions they call). One file so every named schema
// is defined once (a second, different schema under the same id fails the build). Build-time only.
import * as z from 'zod';
import { CONSENTS } from '../../../accounts/subscribers';
import { CONSENT_CATEGORIES } from '../../../accounts/tracking-consent';
import { METAFIELD_FIELDS, PERMISSION_SETS } from '../../../accounts/metafields';
import { ORDER_STATUSES } from '../../../accounts/orders';
import { CHANNEL_STATUSES } from '../../../db/channels';
import { PaginationSchema } from '../../components';

// ---- envelopes

/** `meta: {}` of a single record's answer. */
export const EmptyMetaSchema = z.object({});

/** `meta.cursor_pagination` of an admin list (both paging kinds; routes/admin/paging.ts `listMeta`). */
const CursorPaginationSchema = z.object({
  count: z.int(),
  per_page: z.int(),
  start_cursor: z.string().describe('The first row\'s cursor ("" for an empty page).'),
  end_cursor: z.string().describe('The last row\'s cursor ("" for an empty page).'),
  links: z.object({ previous: z.string().optional(), next: z.string().optional() }),
});

/** `meta` of a paged admin list: `pagination` with `page`/`limit` (absent with `after`/`before`), `cursor_pagination` always. */
export const ListMetaSchema = z.object({
  pagination: PaginationSchema.optional().describe('With `page`/`limit` paging; absent when the request pages with `after`/`before`.'),
  cursor_pagination: CursorPaginationSchema,
});

/** `{data, meta: {}}`: one record. */
export const one = (data: z.ZodType) => z.object({ data, meta: EmptyMetaSchema });
/** `{data: [...], meta}`: a page of a list. */
export const page = (item: z.ZodType) => z.object({ data: z.array(item), meta: ListMetaSchema });

// ---- customer groups (V2)

const discountMethod = z.enum(['percent', 'fixed', 'price']);
const amount = z.string().describe('A decimal with four places, as BigCommerce shows it ("5.0000").');

export const CustomerGroupSchema = z
  .object({
    id: z.int(),
    name: z.string(),
    is_default: z.boolean().describe('New sign-ups join this group (at most one group).'),
    category_access: z.object({
      type: z.enum(['all', 'specific', 'none']),
      categories: z.array(z.int()).optional().describe('With type `specific` only.'),
    }),
    discount_rules: z.array(
      z.discriminatedUnion('type', [
        z.object({ type: z.literal('price_list'), price_list_id: z.int() }),
        z.object({ type: z.literal('all'), method: discountMethod, amount }),
        z.object({ type: z.literal('category'), method: discountMethod, amount, category_id: z.int() }),
        z.object({ type: z.literal('product'), method: discountMethod, amount, product_id: z.int() }),
      ]),
    ),
    date_created: z.string(),
    date_modified: z.string(),
    is_group_for_guests: z.boolean().describe('Guest checkouts get this group (at most one group).'),
  })
  .meta({ id: 'CustomerGroup', description: "A customer group in BigCommerce's V2 shape (customerGroup_Full)." });

// ---- subscribers

export const SubscriberSchema = z
  .object({
    id: z.int(),
    email: z.string(),
    first_name: z.string(),
    last_name: z.string(),
    source: z.string().describe('Where the subscription came from (`storefront`, `checkout`, `custom`, …).'),
    order_id: z.int().nullable(),
    channel_id: z.int(),
    consents: z.array(z.enum(CONSENTS)).describe('Empty: the address is unsubscribed.'),
    date_modified: z.string(),
    date_created: z.string(),
  })
  .meta({ id: 'Subscriber', description: "A newsletter subscriber (BigCommerce's Subscribers V3)." });

// ---- customer settings

const emailVerification = z.enum(['optional', 'required']);

export const CustomerSettingsSchema = z
  .object({
    privacy_settings: z.object({ ask_shopper_for_tracking_consent: z.boolean(), policy_url: z.string() }),
    customer_group_settings: z.object({
      guest_customer_group_id: z.int().describe('0: no guest group.'),
      default_customer_group_id: z.int().describe('0: no default group.'),
    }),
    storefront_accounts: z
      .object({
        email_verification: emailVerification,
        newsletter_double_opt_in: z.boolean(),
        passkey_signup: z.boolean(),
        passkey_rp_id: z.string().describe('The WebAuthn relying party id; "" = the hostname of the request\'s trusted Origin.'),
      })
      .describe("Our addition: the store policies (defaults: the deployment's vars)."),
  })
  .meta({ id: 'CustomerSettings', description: 'The store-wide customer settings.' });

export const ChannelCustomerSettingsSchema = z
  .object({
    privacy_settings: z.object({ ask_shopper_for_tracking_consent: z.boolean().nullable(), policy_url: z.string().nullable() }),
    customer_group_settings: z.object({ guest_customer_group_id: z.int().nullable(), default_customer_group_id: z.int().nullable() }),
    allow_global_logins: z.boolean().nullable(),
    storefront_accounts: z.object({
      email_verification: emailVerification.nullable(),
      newsletter_double_opt_in: z.boolean().nullable(),
      passkey_signup: z.boolean().nullable(),
      passkey_rp_id: z.string().nullable(),
    }),
  })
  .meta({ id: 'ChannelCustomerSettings', description: "A channel's own customer settings; null inherits the store-wide value." });

// ---- metafields

const metafieldFields = {
  id: z.int(),
  namespace: z.string(),
  key: z.string(),
  value: z.string(),
  description: z.string(),
  permission_set: z.enum(PERMISSION_SETS),
  resource_type: z.literal('customer'),
  resource_id: z.int().describe('The customer.'),
  owner_client_id: z.string().describe('The name of the admin token that created it (we have no OAuth client ids).'),
  date_created: z.string(),
  date_modified: z.string(),
};

export const MetafieldSchema = z.object(metafieldFields).meta({ id: 'Metafield', description: "A customer metafield (BigCommerce's `Metafield`)." });

/** A list item: the id and the fields `include_fields` names (all of them without it). */
export const MetafieldListItemSchema = z
  .object({ ...Object.fromEntries(METAFIELD_FIELDS.map((f) => [f, metafieldFields[f].optional()])), id: z.int() })
  .meta({ id: 'MetafieldListItem', description: 'A metafield in a list: `id` and the fields `include_fields` names (every field without it).' });

/** What a metafield write answers (MetaFieldCollectionPostPutResponses): all or nothing, so `errors` is always empty. */
export const metafieldWrite = (item: z.ZodType) =>
  z.object({
    data: z.array(item),
    errors: z.array(z.unknown()).max(0).describe('Always empty: a write is all or nothing (a failure is an error answer).'),
    meta: z.object({ total: z.int(), success: z.int(), failed: z.int() }),
  });

// ---- tracking consent

export const TrackingConsentSchema = z
  .object({
    allow: z.array(z.enum(CONSENT_CATEGORIES)).describe('Always includes `essential`.'),
    deny: z.array(z.enum(CONSENT_CATEGORIES)),
    updated_at: z.string().optional().describe('When the customer last declared their choice; absent until then.'),
  })
  .meta({ id: 'TrackingConsent', description: "A customer's cookie-tracking consent (BigCommerce's consent_Full), without a `data` envelope." });

// ---- channels

export const ChannelSchema = z
  .object({
    id: z.int(),
    name: z.string(),
    external_id: z.string(),
    type: z.string().describe('`storefront`: every channel here is one.'),
    platform: z.string().describe('What the storefront is built with (default `custom`).'),
    status: z.enum(CHANNEL_STATUSES),
    is_listable_from_ui: z.boolean(),
    is_visible: z.boolean(),
    date_created: z.string(),
    date_modified: z.string(),
    storefront_origins: z
      .array(z.string())
      .describe('Our addition: the exact origins CORS, return URLs and passkeys trust while the channel is `active` or `prelaunch`.'),
  })
  .meta({ id: 'Channel', description: "A storefront, in BigCommerce's Channels V3 shape plus `storefront_origins`." });

// ---- apps

const appFields = {
  id: z.int(),
  name: z.string(),
  client_id: z.string(),
  store_hash: z.string(),
  date_created: z.string(),
  revoked_at: z.string().nullable().describe('When the app was revoked (DELETE); null while it is active.'),
};

export const AppSchema = z.object(appFields).meta({ id: 'App', description: 'An API account for Customer Login SSO and Current Customer.' });

export const NewAppSchema = z
  .object({ ...appFields, client_secret: z.string().describe('Shown this once: store it now.') })
  .meta({ id: 'NewApp', description: 'A created app, with its client secret (in this answer only).' });

// ---- OpenID Connect providers

export const OidcProviderSchema = z
  .object({
    id: z.int(),
    slug: z.string(),
    name: z.string(),
    issuer: z.string(),
    client_id: z.string(),
    client_secret_env: z.string().describe('The name of the worker secret that holds the client secret (never sent or stored by this API).'),
    client_secret_configured: z.boolean().describe('Whether that secret is set in this deployment.'),
    token_endpoint_auth_method: z.enum(['client_secret_basic', 'client_secret_post', 'none']),
    scopes: z.string().describe('Space-separated; includes `openid`.'),
    enabled: z.boolean(),
    sort_order: z.int(),
    redirect_uri: z.string().describe('What to register at the provider as the allowed redirect URI.'),
    date_created: z.string(),
    date_modified: z.string(),
  })
  .meta({ id: 'OidcProvider', description: 'An OpenID Connect provider shoppers may sign in with.' });

// ---- hooks

const hookFields = {
  id: z.int(),
  client_id: z.literal('').describe('Always empty: admin tokens have no OAuth client id.'),
  store_hash: z.string(),
  scope: z.string(),
  destination: z.string(),
  headers: z.record(z.string(), z.string()).describe('Sent with every delivery; a read-only token sees `********` for the values.'),
  is_active: z.boolean(),
  events_history_enabled: z.boolean(),
  created_at: z.int().describe('Unix seconds.'),
  updated_at: z.int().describe('Unix seconds.'),
  failing_since: z.string().nullable().describe('Ours: since when deliveries fail.'),
  deactivated_reason: z.string().nullable().describe('Ours: why the worker turned the hook off.'),
};

export const HookSchema = z.object(hookFields).meta({ id: 'Hook', description: "A webhook in BigCommerce's V3 shape." });

export const NewHookSchema = z
  .object({ ...hookFields, secret: z.string().describe('The signing secret (`whsec_…`), shown this once.') })
  .meta({ id: 'NewHook', description: 'A created webhook, with its signing secret (in this answer only).' });

export const HookEventSchema = z
  .object({
    id: z.int(),
    event_id: z.string().describe('The `webhook-id` header of every delivery of this event.'),
    hook_id: z.int(),
    scope: z.string(),
    data: z.record(z.string(), z.unknown()).describe('The payload as delivered.'),
    created_at: z.string(),
    status: z.enum(['pending', 'queued', 'delivered', 'failed']),
    attempts: z.int(),
    last_response_code: z.int().nullable(),
    last_attempt_at: z.string().nullable(),
    delivered_at: z.string().nullable(),
  })
  .meta({ id: 'HookEvent', description: 'One event of a hook, with its delivery state (ours).' });

/** `meta` of the hook lists: BigCommerce's pagination without links. */
export const HookListMetaSchema = z.object({
  pagination: z.object({ total: z.int(), count: z.int(), per_page: z.int(), current_page: z.int(), total_pages: z.int() }),
});

// ---- orders

const address = z.record(z.string(), z.string()).describe('Free-form address fields as recorded.');
const money = z.string().describe('A decimal string in the currency\'s precision ("12.50", JPY "1200").');

const orderFields = {
  id: z.int(),
  customer_id: z.int().describe('0 for a guest order.'),
  is_guest: z.boolean(),
  email: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  status: z.enum(ORDER_STATUSES),
  is_test: z.boolean(),
  channel_id: z.int(),
  currency_code: z.string(),
  subtotal: money,
  tax: money,
  shipping: money,
  total: money,
  item_count: z.int(),
  billing_address: address,
  shipping_address: address,
  date_created: z.string(),
  date_modified: z.string(),
};

export const OrderItemSchema = z
  .object({ id: z.int(), sku: z.string(), name: z.string(), quantity: z.int(), price: money, total: money })
  .meta({ id: 'OrderItem' });

export const OrderSchema = z.object(orderFields).meta({ id: 'Order', description: 'An order as the admin API shows it (our addition).' });

export const OrderWithItemsSchema = z
  .object({ ...orderFields, items: z.array(OrderItemSchema) })
  .meta({ id: 'OrderWithItems', description: 'An order with its items.' });

/** A list item: the order, with its items when the request says `include=items`. */
export const OrderListItemSchema = z
  .object({ ...orderFields, items: z.array(OrderItemSchema).optional().describe('With `include=items`.') })
  .meta({ id: 'OrderListItem' });
