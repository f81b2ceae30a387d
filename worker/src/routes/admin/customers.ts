// /v3/customers: list with BigCommerce's filters, batch create and update (all or nothing, up to 100
// per call where BigCommerce allows 10), delete by id, and validate-credentials. The rules are
// accounts/customers.ts (the admin API's named modes); here: schemas, one domain call, the BigCommerce shape.
import { Hono } from 'hono';
import * as z from 'zod/mini';
import {
  createCustomers,
  CUSTOMER_INCLUDES,
  type CustomerInclude,
  type CustomerWithIncludes,
  deleteCustomers,
  getCustomers,
  listCustomersPage,
  updateCustomers,
  validateCredentials,
} from '../../accounts/customers';
import { MAX_VALUES_PER_CUSTOMER } from '../../db/attributes';
import type { CustomerSort } from '../../db/customers';
import type { AppEnv } from '../../env';
import { ApiError, fieldError } from '../../errors';
import { rateLimit } from '../../middleware/rate-limit';
import { formFieldInput, validate } from '../../validation';
import { csv, csvInts, dateQuery, dateRanges, listMeta, pagingQuery, toPaging } from './paging';
import { addressFields, MAX_BATCH, staffActor } from './schemas';
import { adminAddress, customerFormFields } from './shapes';

/**
 * BigCommerce's includes (customers.v3.yml, GET /customers): ours, and two of BigCommerce's beta features
 * this store does not have, answered as a store without them: no shopper profile, no segments.
 */
const INCLUDES = [...CUSTOMER_INCLUDES, 'shopper_profile_id', 'segment_ids'] as const;
const isCustomerInclude = (name: (typeof INCLUDES)[number]): name is CustomerInclude => (CUSTOMER_INCLUDES as readonly string[]).includes(name);

const listQuery = z
  .strictObject({
    ...pagingQuery,
    'id:in': z.optional(csvInts),
    'email:in': z.optional(csv),
    'name:in': z.optional(csv),
    'name:like': z.optional(csv),
    'company:in': z.optional(csv),
    'phone:in': z.optional(csv),
    'customer_group_id:in': z.optional(csvInts),
    'registration_ip_address:in': z.optional(csv),
    ...dateQuery,
    include: z.optional(z.pipe(csv, z.array(z.enum(INCLUDES, { message: `Expected a comma-separated list of: ${INCLUDES.join(', ')}` })))),
    sort: z.optional(z.enum(['date_created:asc', 'date_created:desc', 'last_name:asc', 'last_name:desc', 'date_modified:asc', 'date_modified:desc'])),
  })
  .check(z.refine((q) => !(q.after !== undefined && q.before !== undefined), { message: 'Use either after or before, not both', path: ['before'] }));

const addressInput = z.strictObject(addressFields);

const authenticationInput = z.strictObject({
  force_password_reset: z.optional(z.boolean()),
  new_password: z.optional(z.string().check(z.maxLength(1024))),
});

const storeCredit = z.array(z.strictObject({ amount: z.number().check(z.minimum(0)) })).check(z.maxLength(10));
const channelIds = z.array(z.number().check(z.int(), z.minimum(1))).check(z.minLength(1), z.maxLength(100));

const customerFields = {
  email: z.email('Invalid email address').check(z.maxLength(250)),
  first_name: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  last_name: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  company: z.optional(z.string().check(z.maxLength(255))),
  phone: z.optional(z.string().check(z.maxLength(50))),
  notes: z.optional(z.string().check(z.maxLength(10_000))),
  tax_exempt_category: z.optional(z.string().check(z.maxLength(255))),
  customer_group_id: z.optional(z.number().check(z.int(), z.minimum(0))),
  registration_ip_address: z.optional(z.string().check(z.maxLength(45))),
  origin_channel_id: z.optional(z.number().check(z.int(), z.minimum(1))),
  channel_ids: z.optional(channelIds),
  accepts_product_review_abandoned_cart_emails: z.optional(z.boolean()),
  store_credit_amounts: z.optional(storeCredit),
  authentication: z.optional(authenticationInput),
  form_fields: z.optional(z.array(formFieldInput).check(z.maxLength(100))),
  /** Our addition: the customer proved they own the email (default false; an email change clears it unless given true). */
  email_verified: z.optional(z.boolean()),
};

const createItem = z.strictObject({
  ...customerFields,
  addresses: z.optional(z.array(addressInput).check(z.maxLength(100))),
  attributes: z.optional(
    z
      .array(z.strictObject({ attribute_id: z.number().check(z.int(), z.minimum(1)), attribute_value: z.string().check(z.maxLength(255)) }))
      .check(z.maxLength(MAX_VALUES_PER_CUSTOMER)),
  ),
  trigger_account_created_notification: z.optional(z.boolean()),
});

const updateItem = z.strictObject({
  id: z.number().check(z.int(), z.minimum(1)),
  email: z.optional(customerFields.email),
  first_name: z.optional(customerFields.first_name),
  last_name: z.optional(customerFields.last_name),
  company: customerFields.company,
  phone: customerFields.phone,
  notes: customerFields.notes,
  tax_exempt_category: customerFields.tax_exempt_category,
  customer_group_id: customerFields.customer_group_id,
  registration_ip_address: customerFields.registration_ip_address,
  origin_channel_id: customerFields.origin_channel_id,
  channel_ids: customerFields.channel_ids,
  accepts_product_review_abandoned_cart_emails: customerFields.accepts_product_review_abandoned_cart_emails,
  store_credit_amounts: customerFields.store_credit_amounts,
  authentication: customerFields.authentication,
  form_fields: customerFields.form_fields,
  email_verified: customerFields.email_verified,
});

const createBody = z.array(createItem).check(z.minLength(1), z.maxLength(MAX_BATCH));
const updateBody = z.array(updateItem).check(z.minLength(1), z.maxLength(MAX_BATCH));
const deleteQuery = z.strictObject({ 'id:in': z.optional(csvInts) });
const credentialsBody = z.strictObject({
  email: z.string().check(z.maxLength(250)),
  password: z.string().check(z.maxLength(1024)),
  channel_id: z.optional(z.number().check(z.int(), z.minimum(1))),
});

/** The BigCommerce customer_Full shape (plus the sub-resources asked for); never a password hash. */
function toCustomer({ row, addresses, attributes, form_fields }: CustomerWithIncludes, beta: { shopperProfile?: boolean; segments?: boolean } = {}) {
  return {
    id: row.id,
    email: row.email,
    first_name: row.first_name,
    last_name: row.last_name,
    company: row.company,
    phone: row.phone,
    registration_ip_address: row.registration_ip_address,
    notes: row.notes,
    tax_exempt_category: row.tax_exempt_category,
    customer_group_id: row.customer_group_id ?? 0,
    date_created: row.date_created,
    date_modified: row.date_modified,
    address_count: row.address_count,
    attribute_count: row.attribute_count,
    authentication: { force_password_reset: row.force_password_reset === 1 },
    store_credit_amounts: JSON.parse(row.store_credit_amounts) as { amount: number }[],
    accepts_product_review_abandoned_cart_emails: row.accepts_product_review_abandoned_cart_emails === 1,
    /** Our addition to BigCommerce's shape (issue 12). */
    email_verified: row.email_verified === 1,
    origin_channel_id: row.origin_channel_id,
    channel_ids: JSON.parse(row.channel_ids) as number[],
    ...(addresses ? { addresses: addresses.map(adminAddress) } : {}),
    ...(attributes ? { attributes } : {}),
    ...(form_fields ? { form_fields: customerFormFields(row.id, form_fields) } : {}),
    // BigCommerce's beta includes, as a store without those features: no shopper profile, no segments.
    ...(beta.shopperProfile ? { shopper_profile_id: null } : {}),
    ...(beta.segments ? { segment_ids: [] as string[] } : {}),
  };
}

/** `authentication` of the API is our plain password and the reset flag. */
const withAuthentication = <T extends { authentication?: { force_password_reset?: boolean; new_password?: string } }>({
  authentication,
  ...item
}: T) => ({
  ...item,
  force_password_reset: authentication?.force_password_reset,
  password: authentication?.new_password,
});

const customers = new Hono<AppEnv>()
  .get('/', validate('query', listQuery), async (c) => {
    const q = c.req.valid('query');
    const paging = toPaging(q);
    const [column, direction] = (q.sort ?? 'id:asc').split(':') as [CustomerSort, 'asc' | 'desc'];
    const { result, customers } = await listCustomersPage(c.env.DB, {
      filter: {
        ids: q['id:in'],
        emails: q['email:in'],
        names: q['name:in'],
        nameLike: q['name:like'],
        companies: q['company:in'],
        phones: q['phone:in'],
        groupIds: q['customer_group_id:in'],
        registrationIps: q['registration_ip_address:in'],
        ...dateRanges(q),
      },
      sort: { column, direction },
      paging,
      include: (q.include ?? []).filter(isCustomerInclude),
    });
    const beta = { shopperProfile: q.include?.includes('shopper_profile_id'), segments: q.include?.includes('segment_ids') };
    return c.json({ data: customers.map((found) => toCustomer(found, beta)), meta: listMeta(result, paging) });
  })

  .post('/', validate('json', createBody), async (c) => {
    const items = c.req.valid('json').map(({ trigger_account_created_notification: _notify, ...item }) => withAuthentication(item));
    const created = await createCustomers(c.env, items, { kind: 'admin', actor: staffActor(c) });
    const data = await getCustomers(
      c.env.DB,
      created.map((s) => s.id),
      ['addresses', 'attributes', 'formfields'],
    );
    return c.json({ data: data.map((found) => toCustomer(found)), meta: {} }, 200);
  })

  .put('/', validate('json', updateBody), async (c) => {
    const { ids } = await updateCustomers(c.env, c.req.valid('json').map(withAuthentication), { kind: 'admin', actor: staffActor(c) });
    return c.json({ data: (await getCustomers(c.env.DB, ids, [])).map((found) => toCustomer(found)), meta: {} });
  })

  .delete('/', validate('query', deleteQuery), async (c) => {
    const ids = c.req.valid('query')['id:in'];
    // BigCommerce deletes every customer when no filter is given; we refuse instead.
    if (!ids?.length) {
      throw new ApiError('filter_required', { errors: { 'id:in': fieldError('required', 'Give the ids of the customers to delete') } });
    }
    await deleteCustomers(c.env, ids);
    return c.body(null, 204);
  })

  .post('/validate-credentials', rateLimit('CREDENTIALS_LIMITER'), validate('json', credentialsBody), async (c) => {
    return c.json(await validateCredentials(c.env, c.req.valid('json')));
  });

export default customers;
