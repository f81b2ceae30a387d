// The admin API (BigCommerce-shaped): mounted at / and at /stores/{store_hash}/ so a BigCommerce
// client can be pointed at the worker by base URL.
import { Hono } from 'hono';
import type { AppEnv } from '../../env';
import { adminAuth } from '../../middleware/admin-auth';
import customers from './customers';

const admin = new Hono<AppEnv>();
admin.use('/v3/customers/*', adminAuth('customers'));
admin.use('/v2/customer_groups/*', adminAuth('customers'));
admin.route('/v3/customers', customers);

export default admin;
