// /v3/customers: list with BigCommerce's filters, batch create and update (all or nothing, up to 100
// per call where BigCommerce allows 10), delete by id, and validate-credentials.
import { Hono } from 'hono';
import * as z from 'zod';
import { passwordProblems } from '../../auth/password-policy';
import { hashPassword, verifyPassword } from '../../auth/passwords';
import { addressesFor, type AddressRow, toAddress } from '../../db/addresses';
import { attributeTypesFor, attributeValuesFor, type AttributeValueRow, MAX_VALUES_PER_CUSTOMER } from '../../db/attributes';
import {
  type CustomerRow,
  type CustomerSort,
  type CustomerUpdate,
  deleteCustomers,
  existingEmails,
  findCredentialsByEmail,
  getCustomersByIds,
  insertCustomerStatements,
  listCustomers,
  type NewCustomer,
  updateCustomerStatements,
} from '../../db/customers';
import { customerFormFieldValuesFor, listFormFieldDefinitions, parseCustomerFormFieldValue } from '../../db/form-fields';
import { isForeignKeyViolation, isUniqueViolation } from '../../db/sql';
import type { AppEnv } from '../../env';
import { ApiError } from '../../errors';
import { enforceLimit, rateLimit } from '../../middleware/rate-limit';
import { checkAttributeValue } from '../../db/attributes';
import { checkFormFieldValue, normalizeFormFieldValue, type FormFieldValue } from '../../shared/form-field-rules';
import { validate } from '../../validation';
import { csv, csvInts, dateQuery, dateRanges, listMeta, pagingQuery, toPaging } from './paging';
import { addressFields, formFieldInput } from './schemas';

/** Our batch limit (BigCommerce: 10). */
export const MAX_BATCH = 100;

const INCLUDES = ['addresses', 'attributes', 'formfields', 'storecredit'] as const;

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
    include: csv
      .pipe(z.array(z.enum(INCLUDES, { message: `Expected a comma-separated list of: ${INCLUDES.join(', ')}` })))
      .optional(),
    sort: z
      .enum(['date_created:asc', 'date_created:desc', 'last_name:asc', 'last_name:desc', 'date_modified:asc', 'date_modified:desc'])
      .optional(),
  })
  .strict()
  .refine((q) => !(q.after !== undefined && q.before !== undefined), { message: 'Use either after or before, not both', path: ['before'] });

const addressInput = z.object(addressFields).strict();

const authenticationInput = z
  .object({ force_password_reset: z.boolean().optional(), new_password: z.string().max(1024).optional() })
  .strict();

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
  })
  .strict();

const createBody = z.array(createItem).min(1).max(MAX_BATCH);
const updateBody = z.array(updateItem).min(1).max(MAX_BATCH);
const deleteQuery = z.object({ 'id:in': csvInts.optional() }).strict();
const credentialsBody = z
  .object({ email: z.string().max(250), password: z.string().max(1024), channel_id: z.number().int().min(1).optional() })
  .strict();

type IncludeKey = (typeof INCLUDES)[number];

/** The BigCommerce customer_Full shape; never a password hash. */
function toCustomer(row: CustomerRow) {
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
    origin_channel_id: row.origin_channel_id,
    channel_ids: JSON.parse(row.channel_ids) as number[],
  };
}

/** Loads the requested sub-resources for a page of customers in one round trip. */
async function withIncludes(db: D1Database, rows: CustomerRow[], include: readonly IncludeKey[]) {
  const ids = rows.map((r) => r.id);
  const wanted = {
    addresses: include.includes('addresses'),
    attributes: include.includes('attributes'),
    formfields: include.includes('formfields'),
  };
  const stmts: D1PreparedStatement[] = [];
  if (ids.length && wanted.addresses) stmts.push(addressesFor(db, ids));
  if (ids.length && wanted.attributes) stmts.push(attributeValuesFor(db, ids));
  if (ids.length && wanted.formfields) stmts.push(customerFormFieldValuesFor(db, ids));
  const results = stmts.length ? await db.batch(stmts) : [];
  let i = 0;
  const group = <T extends { customer_id: number }>(list: T[]) => {
    const map = new Map<number, T[]>();
    for (const item of list) map.set(item.customer_id, [...(map.get(item.customer_id) ?? []), item]);
    return map;
  };
  const addresses = ids.length && wanted.addresses ? group((results[i++]!.results as AddressRow[]).map(toAddress)) : null;
  const attributes = ids.length && wanted.attributes ? group(results[i++]!.results as AttributeValueRow[]) : null;
  const formFields =
    ids.length && wanted.formfields
      ? group((results[i++]!.results as { customer_id: number; name: string; value: string }[]).map(parseCustomerFormFieldValue))
      : null;
  return rows.map((row) => {
    const out: Record<string, unknown> = toCustomer(row);
    if (addresses) out.addresses = addresses.get(row.id) ?? [];
    if (attributes) out.attributes = attributes.get(row.id) ?? [];
    if (formFields) out.form_fields = (formFields.get(row.id) ?? []).map(({ name, value }) => ({ name, value }));
    return out;
  });
}

interface RefCheckItem {
  email?: string;
  customer_group_id?: number;
  attributes?: { attribute_id: number; attribute_value: string }[];
  form_fields?: { name: string; value: FormFieldValue }[];
  addresses?: { form_fields?: { name: string; value: FormFieldValue }[] }[];
  authentication?: { new_password?: string };
}

/**
 * Checks what zod cannot: referenced groups and attributes exist, values fit their attribute type and
 * form field definition, passwords meet the policy. Errors are keyed "index.field" like zod's.
 */
async function checkReferences(db: D1Database, items: readonly RefCheckItem[], errors: Record<string, string>) {
  const groupIds = [...new Set(items.map((i) => i.customer_group_id).filter((g): g is number => !!g))];
  const attributeIds = [...new Set(items.flatMap((i) => (i.attributes ?? []).map((a) => a.attribute_id)))];
  const [groups, attributes] = await db.batch<{ id: number; type?: 'string' | 'number' | 'date' }>([
    db.prepare('SELECT id FROM customer_groups WHERE id IN (SELECT value FROM json_each(?1))').bind(JSON.stringify(groupIds)),
    attributeTypesFor(db, attributeIds),
  ]);
  const knownGroups = new Set(groups!.results.map((g) => g.id));
  const attributeTypes = new Map(attributes!.results.map((a) => [a.id, a.type!]));
  const needsFields = items.some((i) => i.form_fields?.length || i.addresses?.some((a) => a.form_fields?.length));
  const fields = needsFields ? await listFormFieldDefinitions(db) : [];
  const fieldFor = (appliesTo: 'customer' | 'address', name: string) =>
    fields.find((f) => f.applies_to === appliesTo && f.name.toLowerCase() === name.toLowerCase());

  items.forEach((item, i) => {
    if (item.customer_group_id && !knownGroups.has(item.customer_group_id)) {
      errors[`${i}.customer_group_id`] = `Customer group ${item.customer_group_id} does not exist`;
    }
    item.attributes?.forEach((a, j) => {
      const type = attributeTypes.get(a.attribute_id);
      const problem = type ? checkAttributeValue(type, a.attribute_value) : `Attribute ${a.attribute_id} does not exist`;
      if (problem) errors[`${i}.attributes.${j}.attribute_value`] = problem;
    });
    item.form_fields?.forEach((f, j) => {
      const def = fieldFor('customer', f.name);
      const problem = def ? checkFormFieldValue(def, f.value) : `No customer form field named "${f.name}"`;
      if (problem) errors[`${i}.form_fields.${j}.value`] = problem;
      else f.value = normalizeFormFieldValue(def!, f.value);
    });
    for (const flag of ['is_default_shipping', 'is_default_billing'] as const) {
      const defaults = (item.addresses ?? []).flatMap((a, k) => ((a as Record<string, unknown>)[flag] ? [k] : []));
      // One default of each kind per customer (a unique index); say which address, not a 409 about the email.
      if (defaults.length > 1) errors[`${i}.addresses.${defaults[1]}.${flag}`] = 'Only one address can be the default of this kind';
    }
    item.addresses?.forEach((a, k) =>
      a.form_fields?.forEach((f, j) => {
        const def = fieldFor('address', f.name);
        const problem = def ? checkFormFieldValue(def, f.value) : `No address form field named "${f.name}"`;
        if (problem) errors[`${i}.addresses.${k}.form_fields.${j}.value`] = problem;
        else f.value = normalizeFormFieldValue(def!, f.value);
      }),
    );
  });
  const withPassword = items.flatMap((item, i) =>
    item.authentication?.new_password !== undefined ? [{ i, password: item.authentication.new_password, email: item.email }] : [],
  );
  const problems = await passwordProblems(db, withPassword);
  withPassword.forEach(({ i }, k) => {
    if (problems[k]) errors[`${i}.authentication.new_password`] = problems[k]!;
  });
}

function failIfErrors(errors: Record<string, string>) {
  if (Object.keys(errors).length) throw new ApiError('validation_failed', { errors });
}

/** Emails that repeat within the batch (case-insensitive) or already exist → 409 naming them. */
async function checkEmailConflicts(db: D1Database, items: readonly { id?: number; email?: string }[]) {
  const seen = new Map<string, number>();
  const errors: Record<string, string> = {};
  items.forEach((item, i) => {
    if (!item.email) return;
    const key = item.email.toLowerCase();
    if (seen.has(key)) errors[`${i}.email`] = `Repeats the email of item ${seen.get(key)}`;
    else seen.set(key, i);
  });
  const taken = new Set(
    (await existingEmails(db, [...seen.keys()], items.flatMap((i) => (i.id ? [i.id] : [])))).map((e) => e.toLowerCase()),
  );
  items.forEach((item, i) => {
    if (item.email && taken.has(item.email.toLowerCase())) errors[`${i}.email`] = 'A customer with this email already exists';
  });
  if (Object.keys(errors).length) throw new ApiError('email_taken', { errors });
}

const customers = new Hono<AppEnv>()
  .get('/', validate('query', listQuery), async (c) => {
    const q = c.req.valid('query');
    const paging = toPaging(q);
    const [column, direction] = (q.sort ?? 'id:asc').split(':') as [CustomerSort, 'asc' | 'desc'];
    const result = await listCustomers(
      c.env.DB,
      {
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
      { column, direction },
      paging,
    );
    const data = await withIncludes(c.env.DB, result.rows, q.include ?? []);
    return c.json({ data, meta: listMeta(result, paging) });
  })

  .post('/', validate('json', createBody), async (c) => {
    const items = c.req.valid('json');
    const errors: Record<string, string> = {};
    await checkReferences(c.env.DB, items, errors);
    failIfErrors(errors);
    await checkEmailConflicts(c.env.DB, items);
    const news: NewCustomer[] = await Promise.all(
      items.map(async ({ authentication, trigger_account_created_notification: _notify, ...item }) => ({
        ...item,
        force_password_reset: authentication?.force_password_reset,
        password_hash: authentication?.new_password !== undefined ? await hashPassword(authentication.new_password) : null,
      })),
    );
    const actor = { type: 'staff', name: c.var.admin.name } as const;
    try {
      await c.env.DB.batch(insertCustomerStatements(c.env.DB, news, actor));
    } catch (err) {
      // Another request took one of these emails between our check and the batch; nothing was written.
      if (isUniqueViolation(err)) throw new ApiError('email_taken');
      // A referenced group or attribute was deleted between our check and the write; nothing was written.
      if (isForeignKeyViolation(err)) throw new ApiError('reference_gone');
      throw err;
    }
    const created = await c.env.DB.prepare('SELECT id FROM customers WHERE email IN (SELECT value FROM json_each(?1))')
      .bind(JSON.stringify(items.map((i) => i.email)))
      .all<{ id: number }>();
    const rows = await getCustomersByIds(c.env.DB, created.results.map((r) => r.id));
    const byEmail = new Map(rows.map((r) => [r.email.toLowerCase(), r]));
    const ordered = items.map((i) => byEmail.get(i.email.toLowerCase())!);
    const data = await withIncludes(c.env.DB, ordered, ['addresses', 'attributes', 'formfields']);
    return c.json({ data, meta: {} }, 200);
  })

  .put('/', validate('json', updateBody), async (c) => {
    const items = c.req.valid('json');
    const errors: Record<string, string> = {};
    const ids = items.map((i) => i.id);
    const seen = new Set<number>();
    items.forEach((item, i) => {
      if (seen.has(item.id)) errors[`${i}.id`] = `Customer ${item.id} appears twice in this request`;
      seen.add(item.id);
    });
    const current = new Map((await getCustomersByIds(c.env.DB, ids)).map((r) => [r.id, r]));
    items.forEach((item, i) => {
      if (!current.has(item.id)) errors[`${i}.id`] = `Customer ${item.id} does not exist`;
    });
    // The password policy compares with the email the customer will have (the current one if unchanged).
    await checkReferences(c.env.DB, items.map((item) => ({ ...item, email: item.email ?? current.get(item.id)?.email })), errors);
    failIfErrors(errors);
    await checkEmailConflicts(c.env.DB, items);
    const before = new Map([...current].map(([id, r]) => [id, { notes: r.notes }]));
    const updates: CustomerUpdate[] = await Promise.all(
      items.map(async ({ authentication, ...item }) => ({
        ...item,
        force_password_reset: authentication?.force_password_reset,
        password_hash: authentication?.new_password !== undefined ? await hashPassword(authentication.new_password) : undefined,
      })),
    );
    const actor = { type: 'staff', name: c.var.admin.name } as const;
    try {
      await c.env.DB.batch(updateCustomerStatements(c.env.DB, updates, before, actor));
    } catch (err) {
      if (isUniqueViolation(err)) throw new ApiError('email_taken');
      // A referenced group or attribute was deleted between our check and the write; nothing was written.
      if (isForeignKeyViolation(err)) throw new ApiError('reference_gone');
      throw err;
    }
    const rows = await getCustomersByIds(c.env.DB, ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const data = await withIncludes(c.env.DB, ids.map((id) => byId.get(id)!), []);
    return c.json({ data, meta: {} });
  })

  .delete('/', validate('query', deleteQuery), async (c) => {
    const ids = c.req.valid('query')['id:in'];
    // BigCommerce deletes every customer when no filter is given; we refuse instead.
    if (!ids?.length) {
      throw new ApiError('filter_required', { errors: { 'id:in': 'Give the ids of the customers to delete' } });
    }
    await deleteCustomers(c.env.DB, ids);
    return c.body(null, 204);
  })

  .post('/validate-credentials', rateLimit('CREDENTIALS_LIMITER'), validate('json', credentialsBody), async (c) => {
    const { email, password, channel_id } = c.req.valid('json');
    // Per email too: several IPs must not add up to unlimited guesses at one account.
    await enforceLimit(c.env, 'CREDENTIALS_LIMITER', `email:${email.trim().toLowerCase()}`);
    const creds = await findCredentialsByEmail(c.env.DB, email);
    // Unknown emails still spend a hash's time: the answer's timing must not reveal which emails exist.
    const { valid } = await verifyPassword(password, creds?.password_hash ?? null);
    const inChannel = !channel_id || !creds || (JSON.parse(creds.channel_ids) as number[]).includes(channel_id);
    const ok = valid && !!creds && inChannel;
    return c.json({ is_valid: ok, customer_id: ok ? creds.id : null });
  });

export default customers;
