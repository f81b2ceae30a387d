// GET /storefront/form-fields — the store's sign-up and address field definitions, for the widget, and
// what its sign-up form offers besides: `sign_up.passkey` (PASSKEY_SIGNUP: sign up without a password).
import { Hono } from 'hono';
import { passkeySignUp } from '../../accounts/email-ownership';
import { publicFormFields } from '../../accounts/form-fields';
import type { AppEnv } from '../../env';
import { sharedCache } from '../../middleware/shared-cache';

// Read by every sign-up and address view: from the data centre's cache for a minute (middleware/shared-cache.ts).
const formFields = new Hono<AppEnv>().get('/', sharedCache, async (c) =>
  c.json({ ...(await publicFormFields(c.env.DB)), sign_up: { passkey: passkeySignUp(c.env) } }),
);

export default formFields;
