// The storefront API the widget calls: CORS for the store's origins; the live-shopper check once for
// every /customer route (the pattern `/customer/*` also matches `/customer` itself, so one registration
// covers the profile and its sub-resources, and each request verifies its token once).
import { Hono } from 'hono';
import type { AppEnv } from '../../env';
import { storefrontCors } from '../../middleware/cors';
import { liveShopper } from '../../middleware/live-shopper';
import addresses from './addresses';
import { customerConsents, guestSubscribers } from './consents';
import customer from './customer';
import oidc, { customerOidc } from './oidc';
import formFields from './form-fields';
import orders from './orders';
import passwordReset from './password-reset';
import session from './session';
import signInCode from './sign-in-code';
import signUp from './sign-up';

const storefront = new Hono<AppEnv>()
  .use('*', storefrontCors)
  .use('/customer/*', liveShopper)
  .route('/customers', signUp)
  .route('/', session)
  .route('/session', signInCode)
  .route('/customer/addresses', addresses)
  .route('/customer/orders', orders)
  .route('/customer/consents', customerConsents)
  .route('/subscribers', guestSubscribers)
  .route('/customer', customer)
  .route('/customer', customerOidc)
  .route('/password-reset', passwordReset)
  .route('/form-fields', formFields)
  .route('/oidc', oidc);

export default storefront;
/** The storefront routes' types, for the widget's typed client (`hc<StorefrontApp>`; type-only import). */
export type StorefrontApp = typeof storefront;
