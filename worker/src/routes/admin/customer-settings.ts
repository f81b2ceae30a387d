// /v3/customers/settings and /v3/customers/settings/channels/{channel_id}: BigCommerce's customer settings
// (privacy settings, customer group settings, per channel `allow_global_logins`), plus our store policies
// under `storefront_accounts` (accounts/settings.ts). GET and PUT; a PUT changes what its body names,
// null resets a value (store-wide: to its default; per channel: to inheriting the store's).
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { getChannelCustomerSettings, getCustomerSettings, updateChannelCustomerSettings, updateCustomerSettings } from '../../accounts/settings';
import type { AppEnv } from '../../env';
import { noteConfigWrite } from '../../middleware/d1-session';
import { purgeSharedCacheOnWrite } from '../../middleware/shared-cache';
import { validate } from '../../validation';

const nullable = <T extends z.core.$ZodType>(schema: T) => z.optional(z.nullable(schema));

const policyUrl = z.string().check(
  z.trim(),
  z.maxLength(2000),
  z.refine((s) => {
    if (s === '') return true;
    try {
      const url = new URL(s);
      return url.protocol === 'https:' || url.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'An http(s) URL, or empty for none'),
);
// 0: no group (BigCommerce's way of saying none).
const groupId = z.number().check(z.int(), z.minimum(0), z.maximum(Number.MAX_SAFE_INTEGER));

const privacySettings = z.strictObject({ ask_shopper_for_tracking_consent: nullable(z.boolean()), policy_url: nullable(policyUrl) });
const customerGroupSettings = z.strictObject({ guest_customer_group_id: nullable(groupId), default_customer_group_id: nullable(groupId) });
const storefrontAccounts = z.strictObject({
  email_verification: nullable(z.enum(['optional', 'required'])),
  newsletter_double_opt_in: nullable(z.boolean()),
  passkey_signup: nullable(z.boolean()),
  // A domain name (lowercase, no scheme or port); '' = the hostname of the request's trusted Origin.
  passkey_rp_id: nullable(
    z
      .string()
      .check(
        z.trim(),
        z.maxLength(253),
        z.regex(
          /^$|^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/,
          'A domain name such as shop.example, or empty',
        ),
      ),
  ),
});

const settingsBody = z.strictObject({
  privacy_settings: nullable(privacySettings),
  customer_group_settings: nullable(customerGroupSettings),
  storefront_accounts: nullable(storefrontAccounts),
});
const channelSettingsBody = z.strictObject({ ...settingsBody.shape, allow_global_logins: nullable(z.boolean()) });
const channelParam = z.object({ channel_id: z.coerce.number().check(z.int(), z.minimum(1), z.maximum(Number.MAX_SAFE_INTEGER)) });

// Mounted before /v3/customers (routes/admin/index.ts), so `settings` is not taken for a customer id.
// A change drops this isolate's cached settings (accounts/settings.ts) and the data centre's copy of the
// form-field definitions, which tell the widget whether sign-up may skip the password.
const customerSettings = new Hono<AppEnv>()
  .use('*', noteConfigWrite)
  .use('*', purgeSharedCacheOnWrite('/storefront/form-fields'))
  .get('/', async (c) => c.json({ data: await getCustomerSettings(c.env), meta: {} }))

  .put('/', validate('json', settingsBody), async (c) => c.json({ data: await updateCustomerSettings(c.env, c.req.valid('json')), meta: {} }))

  .get('/channels/:channel_id', validate('param', channelParam), async (c) =>
    c.json({ data: await getChannelCustomerSettings(c.env.DB, c.req.valid('param').channel_id), meta: {} }),
  )

  .put('/channels/:channel_id', validate('param', channelParam), validate('json', channelSettingsBody), async (c) =>
    c.json({ data: await updateChannelCustomerSettings(c.env.DB, c.req.valid('param').channel_id, c.req.valid('json')), meta: {} }),
  );

export default customerSettings;
