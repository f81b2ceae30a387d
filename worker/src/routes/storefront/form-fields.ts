// GET /storefront/form-fields — the store's sign-up and address field definitions, for the widget.
import { Hono } from 'hono';
import { listFormFieldDefinitions } from '../../db/form-fields';
import type { AppEnv } from '../../env';

const formFields = new Hono<AppEnv>().get('/', async (c) => {
  const all = await listFormFieldDefinitions(c.env.DB);
  const publicShape = all.map(({ date_created: _c, date_modified: _m, ...def }) => def);
  c.header('Cache-Control', 'public, max-age=60');
  return c.json({ customer: publicShape.filter((f) => f.applies_to === 'customer'), address: publicShape.filter((f) => f.applies_to === 'address') });
});

export default formFields;
