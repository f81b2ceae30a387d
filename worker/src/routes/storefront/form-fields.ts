// GET /storefront/form-fields — the store's sign-up and address field definitions, for the widget.
import { Hono } from 'hono';
import { publicFormFields } from '../../accounts/form-fields';
import type { AppEnv } from '../../env';
import { sharedCache } from '../../middleware/shared-cache';

// Read by every sign-up and address view: from the data centre's cache for a minute (middleware/shared-cache.ts).
const formFields = new Hono<AppEnv>().get('/', sharedCache, async (c) => c.json(await publicFormFields(c.env.DB)));

export default formFields;
