// /v3/customers: list with BigCommerce's filters, batch create and update (all or nothing, up to 100
// per call where BigCommerce allows 10), delete by id, and validate-credentials. The rules are
// accounts/customers.ts (the admin API's named modes); here: schemas, one domain call, the BigCommerce shape.
import { Hono } from 'hono';
import * as z from 'zod';
import {
  createCustomers,
  CUSTOMER_INCLUDES,
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

const INCLUDES = CUSTOMER_INCLUDES;

const listQuery = z
  .object({
    ...pagingQuery,
    'id:in': csvInts.optional(),
    'email:in': csv.optional(),
    'name:in': csv.optional(),
    'name:like': csv.optional(),
    'company:in': csv.optional(),
    'phone:in': csv.optional(),
    'customer_group_id:in': csvInts.optional(),
    'registration_ip_address:in': csv.optional(),
    ...dateQuery,
    include: csv.pipe(z.array(z.enum(INCLUDES, { message: `Expected a comma-separated list of: ${INCLUDES.join(', ')}` }))).optional(),
    sort: z.enum(['date_created:asc', 'date_created:desc', 'last_name:asc', 'last_name:desc', 'date_modified:asc', 'date_modified:desc']).optional(),
  })
  .strict()
  .refine((q) => !(q.after !== undefined && q.before !== undefined), { message: 'Use either after or before, not both', path: ['before'] });

const addressInput = z.object(addressFields).strict();

const authenticationInput = z.object({ force_password_reset: z.boolean().optional(), new_password: z.string().max(1024).optional() }).strict();

const storeCredit = z.array(z.object({ amount: z.number().finite().min(0) }).strict()).max(10);
const channelIds = z.array(z.number().int().min(1)).min(1).max(100);

const customerFields = {
  email: z.email('Invalid email address').max(250),
  first_name: z.string().trim().min(1).max(100),
  last_name: z.string().trim().min(1).max(100),
  company: z.string().max(255).optional(),
  phone: z.string().max(50).optional(),
  notes: z.string().max(10_000).optional(),
  tax_exempt_category: z.string().max(255).optional(),
  customer_group_id: z.number().int().min(0).optional(),
  registration_ip_address: z.string().max(45).optional(),
  origin_channel_id: z.number().int().min(1).optional(),
  channel_ids: channelIds.optional(),
  accepts_product_review_abandoned_cart_emails: z.boolean().optional(),
  store_credit_amounts: storeCredit.optional(),
  authentication: authenticationInput.optional(),
  form_fields: z.array(formFieldInput).max(100).optional(),
  /** Our addition: the customer proved they own the email (default false; an email change clears it unless given true). */
  email_verified: z.boolean().optional(),
};

const createItem = z
  .object({
    ...customerFields,
    addresses: z.array(addressInput).max(100).optional(),
    attributes: z
      .array(z.object({ attribute_id: z.number().int().min(1), attribute_value: z.string().max(255) }).strict())
      .max(MAX_VALUES_PER_CUSTOMER)
      .optional(),
    trigger_account_created_notification: z.boolean().optional(),
  })
  .strict();

const updateItem = z
  .object({
    id: z.number().int().min(1),
    email: customerFields.email.optional(),
    first_name: customerFields.first_name.optional(),
    last_name: customerFields.last_name.optional(),
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
  })
  .strict();

const createBody = z.array(createItem).min(1).max(MAX_BATCH);
const updateBody = z.array(updateItem).min(1).max(MAX_BATCH);
const deleteQuery = z.object({ 'id:in': csvInts.optional() }).strict();
const credentialsBody = z
  .object({ email: z.string().max(250), password: z.string().max(1024), channel_id: z.number().int().min(1).optional() })
  .strict();

/** The BigCommerce customer_Full shape (plus the sub-resources asked for); never a password hash. */
function toCustomer({ row, addresses, attributes, form_fields }: CustomerWithIncludes) {
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
    ...(addresses ? { addresses } : {}),
    ...(attributes ? { attributes } : {}),
    ...(form_fields ? { form_fields } : {}),
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
      include: q.include ?? [],
    });
    return c.json({ data: customers.map(toCustomer), meta: listMeta(result, paging) });
  })

  .post('/', validate('json', createBody), async (c) => {
    const items = c.req.valid('json').map(({ trigger_account_created_notification: _notify, ...item }) => withAuthentication(item));
    const created = await createCustomers(c.env, items, { kind: 'admin', actor: staffActor(c) });
    const data = await getCustomers(
      c.env.DB,
      created.map((s) => s.id),
      ['addresses', 'attributes', 'formfields'],
    );
    return c.json({ data: data.map(toCustomer), meta: {} }, 200);
  })

  .put('/', validate('json', updateBody), async (c) => {
    const { ids } = await updateCustomers(c.env, c.req.valid('json').map(withAuthentication), { kind: 'admin', actor: staffActor(c) });
    return c.json({ data: (await getCustomers(c.env.DB, ids, [])).map(toCustomer), meta: {} });
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
