// GET /storefront/form-fields — the store's sign-up and address field definitions, for the widget.
import { Hono } from 'hono';
import { publicFormFields } from '../../accounts/form-fields';
import type { AppEnv } from '../../env';

const formFields = new Hono<AppEnv>().get('/', async (c) => {
  // Definitions change rarely; a minute of staleness saves a D1 read on most page views.
  c.header('Cache-Control', 'public, max-age=60');
  return c.json(await publicFormFields(c.env.DB));
});

export default formFields;
