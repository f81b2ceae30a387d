// The storefront API the widget calls: CORS for the store's origins, customer auth where needed.
import { Hono } from 'hono';
import type { AppEnv } from '../../env';
import { storefrontCors } from '../../middleware/cors';
import { customerAuth } from '../../middleware/customer-auth';
import customer from './customer';
import formFields from './form-fields';
import passwordReset from './password-reset';
import session from './session';
import signUp from './sign-up';

const storefront = new Hono<AppEnv>();
storefront.use('*', storefrontCors);
storefront.use('/customer/*', customerAuth);
storefront.use('/customer', customerAuth);

storefront.route('/customers', signUp);
storefront.route('/', session);
storefront.route('/customer', customer);
storefront.route('/password-reset', passwordReset);
storefront.route('/form-fields', formFields);

export default storefront;
export type StorefrontApp = typeof storefront;
