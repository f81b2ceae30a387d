// The storefront API the widget calls (behind base.ts: CORS, the live-shopper check on /customer routes).
// Its core loads with the storefront group (worker/src/app.ts); OpenID Connect and passkeys load on
// their own (groups.ts).
import { storefrontApp } from './base';
import addresses from './addresses';
import { customerConsents, guestSubscribers } from './consents';
import customer from './customer';
import type { customerOidc as CustomerOidc, default as Oidc } from './oidc';
import formFields from './form-fields';
import metafields from './metafields';
import orders from './orders';
import type { customerPasskeys as CustomerPasskeys, passkeySession as PasskeySession } from './passkeys';
import passwordReset from './password-reset';
import session from './session';
import signInCode from './sign-in-code';
import signUp from './sign-up';

/** The core of the storefront API; OpenID Connect and passkeys load on their own (groups.ts). */
const storefront = storefrontApp()
  .route('/customers', signUp)
  .route('/', session)
  .route('/session', signInCode)
  .route('/customer/addresses', addresses)
  .route('/customer/orders', orders)
  .route('/customer/consents', customerConsents)
  .route('/customer/metafields', metafields)
  .route('/subscribers', guestSubscribers)
  .route('/customer', customer)
  .route('/password-reset', passwordReset)
  .route('/form-fields', formFields);

export default storefront;

/**
 * Types only, never called: the whole storefront API — the core and the groups of groups.ts, mounted as
 * there — for the widget's typed client. Type-only imports keep those groups out of this module's chunk.
 */
function _wholeStorefront(
  oidc: typeof Oidc,
  customerOidc: typeof CustomerOidc,
  passkeySession: typeof PasskeySession,
  customerPasskeys: typeof CustomerPasskeys,
) {
  return storefront
    .route('/session', passkeySession)
    .route('/customer/passkeys', customerPasskeys)
    .route('/customer', customerOidc)
    .route('/oidc', oidc);
}
/** The storefront routes' types, for the widget's typed client (`hc<StorefrontApp>`; type-only import). */
export type StorefrontApp = ReturnType<typeof _wholeStorefront>;
