// GET /storefront/form-fields — the store's sign-up and address field definitions, for the widget, and
// what its sign-up form offers besides: `sign_up.passkey` (sign up without a password: the setting
// `storefront_accounts.passkey_signup` of the request's storefront, default PASSKEY_SIGNUP).
import { Hono } from 'hono';
import { passkeySignUp } from '../../accounts/email-ownership';
import { publicFormFields } from '../../accounts/form-fields';
import type { AppEnv } from '../../env';
import { channelOf } from '../../middleware/cors';
import { sharedCachePerChannel } from '../../middleware/shared-cache';

// Read by every sign-up and address view: from the data centre's cache for a minute, one copy per
// storefront (its policy differs; middleware/shared-cache.ts). The policy comes from the settings cached
// per isolate, read alongside the definitions.
const formFields = new Hono<AppEnv>().get('/', sharedCachePerChannel, async (c) => {
  const [fields, passkey] = await Promise.all([publicFormFields(c.env.DB), passkeySignUp(c.env, await channelOf(c))]);
  return c.json({ ...fields, sign_up: { passkey } });
});

export default formFields;
