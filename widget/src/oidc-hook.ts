// Signing in with the store's OpenID Connect providers, the part in the main bundle: fetch the providers
// list (once per session) and, when there are providers or the worker sent the shopper back with an
// `#oidc-…` fragment, load the views (oidc.ts) that render the buttons, the message or the profile's
// identities. A log-in page of a store without providers carries little more than this one request.
import { call, type Data, type StorefrontClient } from './api';
import type { AccountElement } from './account-element';
import { kit } from './kit';
import type { Session } from './session';

/** An entry of GET /storefront/oidc/providers. */
export type OidcProvider = Data<StorefrontClient['oidc']['providers']['$get']>['data'][number];

const lists = new WeakMap<Session, Promise<OidcProvider[]>>();
let views: Promise<ReturnType<typeof import('./oidc').default>> | undefined;

/**
 * "Continue with …" for <account-login> and <account-signup>, the linked identities for <account-profile>
 * (`profile`), each in `el.oidc`. Resolves to what the profile calls when the session changes.
 */
export async function offerOidc(el: AccountElement, profile = false): Promise<(() => void) | undefined> {
  let list = lists.get(el.session);
  // A failed request means no buttons: the password form still works.
  if (!list)
    lists.set(
      el.session,
      (list = call(el.session.client.oidc.providers.$get()).then(
        (r) => r.data,
        () => [],
      )),
    );
  const providers = await list;
  if (!providers.length && !location.hash.startsWith('#oidc-')) return undefined;
  return (await (views ??= import('./oidc').then((m) => m.default(kit)))).offer(el, providers, profile);
}
