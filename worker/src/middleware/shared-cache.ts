// Store configuration every page view reads (the form field definitions, the OpenID Connect providers):
// one D1 query per data centre and minute, not one per view. A Worker's own answers are not cached by
// Cloudflare on their way out, so the worker keeps them in the data centre's cache itself (the Cache
// API, `caches.default`), and `Cache-Control: public, max-age=60` lets browsers and any cache in front
// keep them too. The cached copy holds the body only: CORS headers (which name the requesting origin)
// are added per request by the storefront's CORS middleware, outside this one.
//
// A merchant's change through the admin API purges the copy in the data centre that handled it
// (`purgeSharedCacheOnWrite` on those routes, keyed by the admin request's host: reach the admin API on the
// storefront's hostname for this to apply); other data centres serve the old one for at most a minute,
// and so may this one if the read that refills it lands on a replica that has not seen the change yet.
// Off where ENVIRONMENT is `test`: the suites change definitions directly in D1 between requests (the
// cache's own test turns it on). The Cache API is a no-op on workers.dev hosts: there only the
// Cache-Control header helps.
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { listChannelIds } from '../db/channels';
import type { AppEnv } from '../env';
import { channelOf } from './cors';

const MAX_AGE_SECONDS = 60;
const CACHE_CONTROL = `public, max-age=${MAX_AGE_SECONDS}`;

function cacheOf(c: Context<AppEnv>): Cache | undefined {
  if (c.env.ENVIRONMENT === 'test' || typeof caches === 'undefined') return undefined;
  return (caches as unknown as { default: Cache }).default; // workers-types has `default`; the DOM lib, also loaded, does not
}

/**
 * The cache key of a configuration path on this worker (the request's query is not part of it: these
 * routes take none), and of its copy for one channel where the answer depends on the channel's settings.
 */
const keyOf = (c: Context<AppEnv>, path: string, channel?: number) =>
  new Request(new URL(channel === undefined ? path : `${path}?channel=${channel}`, c.req.url).toString(), { method: 'GET' });

function later(c: Context<AppEnv>, work: Promise<unknown>): Promise<unknown> | undefined {
  try {
    c.executionCtx.waitUntil(work);
    return undefined;
  } catch {
    return work; // no execution context (app.request in a script): finish before answering
  }
}

function sharedCacheBy(channelOfRequest?: (c: Context<AppEnv>) => Promise<number>) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const cache = cacheOf(c);
    const key = keyOf(c, c.req.path, cache && channelOfRequest ? await channelOfRequest(c) : undefined);
    const hit = cache ? await cache.match(key) : undefined;
    if (hit)
      return new Response(hit.body, {
        headers: { 'Content-Type': hit.headers.get('Content-Type') ?? 'application/json', 'Cache-Control': CACHE_CONTROL },
      });
    await next();
    if (c.res.status !== 200) return; // an error is never kept, by us or by a browser
    c.header('Cache-Control', CACHE_CONTROL);
    if (cache) {
      const copy = new Response(c.res.clone().body, {
        headers: { 'Content-Type': c.res.headers.get('Content-Type') ?? 'application/json', 'Cache-Control': CACHE_CONTROL },
      });
      await later(c, cache.put(key, copy));
    }
  });
}

/**
 * Serves a GET from the data centre's cache when it has it (no D1 query), else runs the route and keeps
 * its 200 answer for a minute; either way the answer says `Cache-Control: public, max-age=60`.
 * @example .get('/', sharedCache, async (c) => c.json(await publicFormFields(c.env.DB)))
 */
export const sharedCache = sharedCacheBy();

/**
 * `sharedCache` for an answer that depends on the request's channel (by its Origin: its settings), one
 * copy per channel, so one storefront's policy is never served to another.
 * @example .get('/', sharedCachePerChannel, async (c) => c.json({ ...fields, sign_up: await signUpOffer(c) }))
 */
export const sharedCachePerChannel = sharedCacheBy(channelOf);

/**
 * After a successful write, drops this data centre's cached copies of the storefront configuration
 * `paths` (e.g. the form-field definitions after an admin change; every channel's), so the merchant sees
 * it on the next view.
 * @example formFields.use('*', purgeSharedCacheOnWrite('/storefront/form-fields'))
 */
export function purgeSharedCacheOnWrite(...paths: string[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    await next();
    const cache = cacheOf(c);
    if (!cache || c.req.method === 'GET' || c.req.method === 'HEAD' || c.res.status >= 400) return;
    // Every channel's copy too (sharedCachePerChannel): a change may apply to all of them.
    const channels = [undefined, ...(await listChannelIds(c.env.DB))];
    await Promise.all(paths.flatMap((p) => channels.map((channel) => cache.delete(keyOf(c, p, channel)))));
  });
}
