// What every part of the storefront API runs behind: CORS for the store's origins, and the live-shopper
// check once for every /customer route (the pattern `/customer/*` also matches `/customer` itself, so one
// registration covers the profile and its sub-resources, and each request verifies its token once).
// The core routes (index.ts) and the groups loaded on their own (groups.ts) all start from it.
import { Hono } from 'hono';
import type { AppEnv } from '../../env';
import { storefrontCors } from '../../middleware/cors';
import { liveShopper } from '../../middleware/live-shopper';

/** A storefront app (paths relative to /storefront) with CORS and the live-shopper check in place. */
export function storefrontApp() {
  return new Hono<AppEnv>().use('*', storefrontCors).use('/customer/*', liveShopper);
}
