// Where each route group answers and how it loads: worker/src/app.ts mounts them (each loaded on its
// first request), and the API description (worker/src/openapi/) walks the same table, so a route added to
// a group is in the OpenAPI documents without a second list. Each `load` answers a Hono app whose routes
// carry their full paths (`/storefront/...`, `/v3/...`).
import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { STOREFRONT_GROUPS } from './storefront/groups';

export interface RouteGroup {
  /** Which OpenAPI document describes it; `null`: not part of the public API (local development only). */
  api: 'storefront' | 'admin' | null;
  /** Hono patterns worker/src/app.ts sends to it (`/x/*` also matches `/x`). */
  paths: string[];
  load: () => Promise<Hono<AppEnv>>;
}

/** In match order: OpenID Connect and passkeys before the storefront core, each on its own first request. */
export const ROUTE_GROUPS: RouteGroup[] = [
  {
    api: 'storefront',
    paths: ['/.well-known/*'],
    load: async () => new Hono<AppEnv>().route('/.well-known', (await import('./well-known')).default),
  },
  { api: null, paths: ['/dev/*'], load: async () => new Hono<AppEnv>().route('/dev', (await import('./dev')).default) },
  {
    api: 'storefront',
    paths: ['/login/token/*'],
    load: async () => new Hono<AppEnv>().route('/login/token', (await import('./login-token')).default),
  },
  {
    api: 'storefront',
    paths: ['/customer/*'],
    load: async () => new Hono<AppEnv>().route('/customer', (await import('./current-customer')).default),
  },
  ...STOREFRONT_GROUPS.map((group): RouteGroup => ({
    api: 'storefront',
    paths: group.paths.map((p) => `/storefront${p}`),
    load: async () => new Hono<AppEnv>().route('/storefront', await group.load()),
  })),
  {
    api: 'storefront',
    paths: ['/storefront/*'],
    load: async () => {
      const [current, routes] = await Promise.all([import('./current-customer'), import('./storefront')]);
      // Current Customer answers where browsers send the refresh cookie too (its Path is /storefront/session).
      return new Hono<AppEnv>().route('/storefront/session', current.default).route('/storefront', routes.default);
    },
  },
  // The admin API: /v2/customer_groups and /v3/...; app.ts also mounts it under /stores/{STORE_HASH}/.
  { api: 'admin', paths: ['/v2/*', '/v3/*'], load: async () => (await import('./admin')).default },
];
