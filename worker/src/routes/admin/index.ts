// The admin API (BigCommerce-shaped): mounted at / and at /stores/{store_hash}/ so a BigCommerce
// client can be pointed at the worker by base URL.
import { Hono } from 'hono';
import type { AppEnv } from '../../env';
import { adminAuth } from '../../middleware/admin-auth';
import addresses from './addresses';
import apps from './apps';
import attributeValues from './attribute-values';
import attributes from './attributes';
import customerActivity from './customer-activity';
import customerGroups from './customer-groups';
import customers from './customers';
import formFieldValues from './form-field-values';
import formFields from './form-fields';
import oidcProviders from './oidc-providers';
import orders from './orders';
import subscribers from './subscribers';

const admin = new Hono<AppEnv>();
admin.use('/v3/customers/*', adminAuth('customers'));
admin.use('/v2/customer_groups/*', adminAuth('customers'));
admin.use('/v3/apps/*', adminAuth('customers'));
admin.use('/v3/oidc-providers/*', adminAuth('customers'));
admin.use('/v3/orders/*', adminAuth('orders'));

// Sub-resources first: /v3/customers/addresses must not be taken for a customer route.
admin.route('/v3/customers/addresses', addresses);
admin.route('/v3/customers/attributes', attributes);
admin.route('/v3/customers/attribute-values', attributeValues);
admin.route('/v3/customers/form-fields', formFields);
admin.route('/v3/customers/form-field-values', formFieldValues);
admin.route('/v3/customers/subscribers', subscribers);
admin.route('/v3/customers', customers);
admin.route('/v3/customers', customerActivity);
admin.route('/v2/customer_groups', customerGroups);
admin.route('/v3/apps', apps);
admin.route('/v3/oidc-providers', oidcProviders);
admin.route('/v3/orders', orders);

export default admin;
export type AdminApp = typeof admin;
