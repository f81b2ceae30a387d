// The admin API (BigCommerce-shaped): mounted at / and at /stores/{store_hash}/ so a BigCommerce
// client can be pointed at the worker by base URL.
import { Hono } from 'hono';
import type { AppEnv } from '../../env';
import { adminAuth } from '../../middleware/admin-auth';
import addresses from './addresses';
import apps from './apps';
import attributeValues from './attribute-values';
import attributes from './attributes';
import channels from './channels';
import customerActivity from './customer-activity';
import customerGroups from './customer-groups';
import customerInvitations from './customer-invitations';
import customerSettings from './customer-settings';
import customers from './customers';
import formFieldValues from './form-field-values';
import formFields from './form-fields';
import hooks from './hooks';
import { batchMetafields, customerMetafields } from './metafields';
import oidcProviders from './oidc-providers';
import orders from './orders';
import subscribers from './subscribers';
import trackingConsent from './tracking-consent';

// One chain (not separate statements) so `AdminApp` carries every route's types: the console's client
// infers its responses from it. Middleware first, in this order; then the routes.
const admin = new Hono<AppEnv>()
  .use('/v3/customers/*', adminAuth('customers'))
  .use('/v2/customer_groups/*', adminAuth('customers'))
  .use('/v3/apps/*', adminAuth('customers'))
  .use('/v3/oidc-providers/*', adminAuth('customers'))
  .use('/v3/channels/*', adminAuth('customers'))
  .use('/v3/hooks/*', adminAuth('customers'))
  .use('/v3/orders/*', adminAuth('orders'))
  // Sub-resources first: /v3/customers/addresses must not be taken for a customer route.
  .route('/v3/customers/addresses', addresses)
  .route('/v3/customers/attributes', attributes)
  .route('/v3/customers/attribute-values', attributeValues)
  .route('/v3/customers/form-fields', formFields)
  .route('/v3/customers/form-field-values', formFieldValues)
  .route('/v3/customers/subscribers', subscribers)
  .route('/v3/customers/settings', customerSettings)
  .route('/v3/customers/metafields', batchMetafields)
  .route('/v3/customers', customers)
  .route('/v3/customers', customerActivity)
  .route('/v3/customers', customerInvitations)
  .route('/v3/customers', customerMetafields)
  .route('/v3/customers', trackingConsent)
  .route('/v2/customer_groups', customerGroups)
  .route('/v3/apps', apps)
  .route('/v3/oidc-providers', oidcProviders)
  .route('/v3/channels', channels)
  .route('/v3/hooks', hooks)
  .route('/v3/orders', orders);

export default admin;
/** The admin API's routes and their typed responses (type-only use: demo/console/src/api.ts). */
export type AdminApp = typeof admin;
