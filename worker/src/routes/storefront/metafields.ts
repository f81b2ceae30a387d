// The signed-in shopper's metafields: GET /storefront/customer/metafields (their fields whose permission
// set is read_and_sf_access or write_and_sf_access, by namespace and key) and PUT /{id} `{value}` (only a
// write_and_sf_access field; a read-only one they can see → 403 `metafield_read_only`; another shopper's,
// an app's or a missing one → 404 alike, so ids cannot be probed). Rules: accounts/metafields.ts.
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { listShopperMetafields, setShopperMetafieldValue } from '../../accounts/metafields';
import type { AppEnv } from '../../env';
import { ApiError } from '../../errors';
import { liveRead } from '../../middleware/live-shopper';
import { validate } from '../../validation';

// The admin API's bounds for a value (BigCommerce's).
const putBody = z.strictObject({ value: z.string({ error: 'Enter text' }).check(z.minLength(1), z.maxLength(65_535, 'This is too long')) });

function parseId(param: string): number {
  const id = Number(param);
  if (!Number.isSafeInteger(id) || id < 1) throw new ApiError('metafield_not_found');
  return id;
}

const metafields = new Hono<AppEnv>()
  .get('/', async (c) => c.json({ data: (await liveRead(c, listShopperMetafields)).value }))

  .put('/:id{[0-9]+}', validate('json', putBody), async (c) => {
    const data = await setShopperMetafieldValue(c.env.DB, c.var.shopper, parseId(c.req.param('id')), c.req.valid('json').value);
    return c.json({ data });
  });

export default metafields;
