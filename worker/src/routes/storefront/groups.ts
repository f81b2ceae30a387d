// The storefront routes that load on their own first request, apart from the core (index.ts): OpenID
// Connect (oauth4webapi) and passkeys (the WebAuthn parser) are large and used by few requests, so a
// signed-in page load, an address or an order never compiles them (worker/src/app.ts mounts these
// before the core; bench/worker-size.bench.mjs measures what a storefront request loads).
// Each group is a storefront app (base.ts: the same CORS and live-shopper check) with its routes at the
// paths app.ts would give them; `paths` are where worker/src/app.ts sends requests to it.
import type { Hono } from 'hono';
import type { AppEnv } from '../../env';

export interface StorefrontGroup {
  /** Paths under /storefront this group answers (Hono patterns; `/x/*` also matches `/x`). */
  paths: string[];
  load: () => Promise<Hono<AppEnv>>;
}

export const STOREFRONT_GROUPS: StorefrontGroup[] = [
  {
    paths: ['/oidc/*', '/customer/oidc/*', '/customer/identities/*'],
    load: async () => {
      const [{ storefrontApp }, { default: oidc, customerOidc }] = await Promise.all([import('./base'), import('./oidc')]);
      return storefrontApp().route('/oidc', oidc).route('/customer', customerOidc);
    },
  },
  {
    paths: ['/session/passkey/*', '/customer/passkeys/*'],
    load: async () => {
      const [{ storefrontApp }, { customerPasskeys, passkeySession }] = await Promise.all([import('./base'), import('./passkeys')]);
      return storefrontApp().route('/session', passkeySession).route('/customer/passkeys', customerPasskeys);
    },
  },
];
