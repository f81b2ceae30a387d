// CORS for the storefront API: only the store's configured storefront origins (per channel, in D1) and,
// when the worker serves the demo store and console (DEMO=true: `npm run dev`, the e2e suites, a
// DEPLOY_DEMO deploy), the worker's own origin get CORS headers, and only they may send credentials (the
// refresh cookie). Any other Origin gets no CORS headers at all, so the browser blocks the response.
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { dropStoreConfig, storeConfig } from '../accounts/settings';
import type { AppEnv } from '../env';

// The trusted origins come with the rest of the store configuration, kept per isolate for 30 s and
// dropped by every admin write to a channel (accounts/settings.ts).
const originChannels = async (db: D1Database): Promise<Map<string, number>> => (await storeConfig(db)).byOrigin;

/** Forget cached origins (and the rest of the cached store configuration: after an admin change; tests). */
export function clearOriginCache() {
  dropStoreConfig();
}

/** The channel a request comes from: by its allowed Origin; 1 (the default storefront) otherwise. */
export async function channelOf(c: Context<AppEnv>): Promise<number> {
  const origin = c.req.header('Origin');
  return (origin && (await originChannels(c.env.DB)).get(origin)) || 1;
}

/** Whether the store trusts `origin`: CORS answers it, and passkey ceremonies accept it (routes/storefront/passkeys.ts). */
export async function isAllowed(c: Context<AppEnv>, origin: string): Promise<boolean> {
  if (c.env.DEMO === 'true' && origin === new URL(c.req.url).origin) return true;
  return (await originChannels(c.env.DB)).has(origin);
}

/** Readable by the page's script: a 429's wait, also under BigCommerce's names (docs/admin-api.md "Errors and codes"). */
const EXPOSED_HEADERS = [
  'Retry-After',
  'X-Retry-After',
  'X-Rate-Limit-Requests-Left',
  'X-Rate-Limit-Requests-Quota',
  'X-Rate-Limit-Time-Window-Ms',
  'X-Rate-Limit-Time-Reset-Ms',
].join(', ');

export const storefrontCors = createMiddleware<AppEnv>(async (c, next) => {
  const origin = c.req.header('Origin');
  const allowed = origin ? await isAllowed(c, origin) : false;
  if (c.req.method === 'OPTIONS') {
    const headers = new Headers({ Vary: 'Origin' });
    if (allowed) {
      headers.set('Access-Control-Allow-Origin', origin!);
      headers.set('Access-Control-Allow-Credentials', 'true');
      headers.set('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE');
      headers.set('Access-Control-Allow-Headers', 'Authorization, Content-Type');
      headers.set('Access-Control-Max-Age', '600');
    }
    return new Response(null, { status: 204, headers });
  }
  await next();
  c.res.headers.append('Vary', 'Origin');
  if (allowed) {
    c.res.headers.set('Access-Control-Allow-Origin', origin!);
    c.res.headers.set('Access-Control-Allow-Credentials', 'true');
    c.res.headers.set('Access-Control-Expose-Headers', EXPOSED_HEADERS);
  }
});
