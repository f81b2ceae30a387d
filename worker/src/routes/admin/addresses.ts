// /v3/customers/addresses: list with BigCommerce's filters, batch create and update (all or nothing,
// up to 100 per call), delete by id. Addresses identical to one the customer already has are skipped
// and left out of the response, as BigCommerce does.
import { Hono } from 'hono';
import * as z from 'zod';
import {
  type AddressChange,
  type AddressRow,
  clearDefaultAddress,
  countryName,
  deleteAddressesStatement,
  getAddressesByIds,
  getAddressesOfCustomers,
  insertAddressReturningId,
  listAddresses,
  type NewAddress,
  toAddress,
  updateAddressStatement,
} from '../../db/addresses';
import { existingCustomerIds } from '../../db/customers';
import { listFormFieldDefinitions } from '../../db/form-fields';
import { isUniqueViolation } from '../../db/sql';
import { type Actor, insertTimelineEvent } from '../../db/timeline';
import type { AppEnv } from '../../env';
import { ApiError } from '../../errors';
import { checkFormFieldValue, type FormFieldValue, normalizeFormFieldValue } from '../../shared/form-field-rules';
import { isoNow } from '../../time';
import { validate } from '../../validation';
import { MAX_BATCH } from './customers';
import { csv, csvInts, listMeta, pagingQuery, toPaging } from './paging';
import { addressFields } from './schemas';

const listQuery = z
  .object({
    ...pagingQuery,
    'id:in': csvInts.optional(),
    'customer_id:in': csvInts.optional(),
    'name:in': csv.optional(),
    'company:in': csv.optional(),
    include: csv.pipe(z.array(z.enum(['formfields'], { message: 'Expected a comma-separated list of: formfields' }))).optional(),
  })
  .strict()
  .refine((q) => !(q.after !== undefined && q.before !== undefined), { message: 'Use either after or before, not both', path: ['before'] });

const createItem = z.object({ customer_id: z.number().int().min(1), ...addressFields }).strict();
const updateItem = z
  .object({
    id: z.number().int().min(1),
    first_name: addressFields.first_name.optional(),
    last_name: addressFields.last_name.optional(),
    company: addressFields.company,
    address1: addressFields.address1.optional(),
    address2: addressFields.address2,
    city: addressFields.city.optional(),
    state_or_province: addressFields.state_or_province,
    postal_code: addressFields.postal_code,
    country_code: addressFields.country_code.optional(),
    phone: addressFields.phone,
    address_type: addressFields.address_type,
    label: addressFields.label,
    delivery_instructions: addressFields.delivery_instructions,
    is_default_shipping: addressFields.is_default_shipping,
    is_default_billing: addressFields.is_default_billing,
    form_fields: addressFields.form_fields,
  })
  .strict();

const createBody = z.array(createItem).min(1).max(MAX_BATCH);
const updateBody = z.array(updateItem).min(1).max(MAX_BATCH);
const deleteQuery = z.object({ 'id:in': csvInts.optional() }).strict();

type FormFieldInput = { name: string; value: FormFieldValue };

type CoreField = 'first_name' | 'last_name' | 'company' | 'phone' | 'address_type' | 'address1' | 'address2' | 'city' | 'country_code' | 'state_or_province' | 'postal_code';

/** The fields BigCommerce treats as "the same address" (customer included). */
function sameAddressKey(customerId: number, a: { [K in CoreField]?: string }): string {
  const parts = [
    a.first_name,
    a.last_name,
    a.company,
    a.phone,
    a.address_type ?? 'residential',
    a.address1,
    a.address2,
    a.city,
    a.country_code,
    a.state_or_province,
    a.postal_code,
  ].map((v) => (v ?? '').trim().toLowerCase());
  return [customerId, ...parts].join('\u0000');
}

function rowAsInput(row: AddressRow): NewAddress {
  return { ...row, is_default_shipping: row.is_default_shipping === 1, is_default_billing: row.is_default_billing === 1, form_fields: JSON.parse(row.form_fields) };
}

/** Checks address form field values against the store's address field definitions, normalising accepted ones. */
async function checkFormFields(db: D1Database, items: readonly { form_fields?: FormFieldInput[] }[], errors: Record<string, string>) {
  if (!items.some((i) => i.form_fields?.length)) return;
  const defs = await listFormFieldDefinitions(db, 'address');
  items.forEach((item, i) => {
    const seen = new Set<string>();
    item.form_fields?.forEach((f, j) => {
      const def = defs.find((d) => d.name.toLowerCase() === f.name.toLowerCase());
      if (seen.has(f.name.toLowerCase())) {
        errors[`${i}.form_fields.${j}.name`] = `Form field "${f.name}" is given twice`;
        return;
      }
      seen.add(f.name.toLowerCase());
      const problem = def ? checkFormFieldValue(def, f.value) : `No address form field named "${f.name}"`;
      if (problem) errors[`${i}.form_fields.${j}.value`] = problem;
      else {
        f.name = def!.name;
        f.value = normalizeFormFieldValue(def!, f.value);
      }
    });
  });
}

/** One default shipping and one default billing address per customer: a batch may not ask for two. */
function checkDefaultFlags(items: readonly { customer_id: number; is_default_shipping?: boolean; is_default_billing?: boolean }[], errors: Record<string, string>) {
  for (const flag of ['is_default_shipping', 'is_default_billing'] as const) {
    const first = new Map<number, number>();
    items.forEach((item, i) => {
      if (!item[flag]) return;
      const earlier = first.get(item.customer_id);
      if (earlier !== undefined) errors[`${i}.${flag}`] = `Item ${earlier} already makes another address of customer ${item.customer_id} the default`;
      else first.set(item.customer_id, i);
    });
  }
}

function failIfErrors(errors: Record<string, string>) {
  if (Object.keys(errors).length) throw new ApiError('validation_failed', { errors });
}

/** Runs the batch; a unique-index failure means a concurrent request changed a default first, and nothing was written. */
async function runBatch(db: D1Database, stmts: D1PreparedStatement[]) {
  try {
    return await db.batch<{ id: number }>(stmts);
  } catch (err) {
    if (isUniqueViolation(err)) throw new ApiError('concurrent_change');
    throw err;
  }
}

function inOrder(rows: AddressRow[], ids: number[]) {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [toAddress(row)] : [];
  });
}

function actorOf(c: { var: { admin: { name: string } } }): Actor {
  return { type: 'staff', name: c.var.admin.name };
}

const addresses = new Hono<AppEnv>()
  .get('/', validate('query', listQuery), async (c) => {
    const q = c.req.valid('query');
    const paging = toPaging(q);
    const result = await listAddresses(
      c.env.DB,
      { ids: q['id:in'], customerIds: q['customer_id:in'], names: q['name:in'], companies: q['company:in'] },
      paging,
    );
    const withFormFields = q.include?.includes('formfields') ?? false;
    const data = result.rows.map((row) => {
      // BigCommerce sends form_fields only when asked for with include=formfields.
      const { form_fields, ...address } = toAddress(row);
      return withFormFields ? { ...address, form_fields } : address;
    });
    return c.json({ data, meta: listMeta(result, paging) });
  })

  .post('/', validate('json', createBody), async (c) => {
    const items = c.req.valid('json');
    const db = c.env.DB;
    const errors: Record<string, string> = {};
    const customerIds = [...new Set(items.map((i) => i.customer_id))];
    const known = await existingCustomerIds(db, customerIds);
    items.forEach((item, i) => {
      if (!known.has(item.customer_id)) errors[`${i}.customer_id`] = `Customer ${item.customer_id} does not exist`;
    });
    checkDefaultFlags(items, errors);
    await checkFormFields(db, items, errors);
    failIfErrors(errors);

    const taken = new Set((await getAddressesOfCustomers(db, customerIds)).map((r) => sameAddressKey(r.customer_id, r)));
    const now = isoNow();
    const actor = actorOf(c);
    const stmts: D1PreparedStatement[] = [];
    const insertAt: number[] = [];
    for (const { customer_id, ...address } of items) {
      const key = sameAddressKey(customer_id, address);
      if (taken.has(key)) continue;
      taken.add(key);
      stmts.push(...clearDefaultAddress(db, customer_id, { shipping: address.is_default_shipping, billing: address.is_default_billing }));
      insertAt.push(stmts.length);
      stmts.push(insertAddressReturningId(db, customer_id, address, now));
      stmts.push(
        insertTimelineEvent(db, { sql: '?1', params: [customer_id] }, 'address_added', actor, {
          address1: address.address1,
          city: address.city,
          country_code: address.country_code.toUpperCase(),
        }, now),
      );
    }
    if (!stmts.length) return c.json({ data: [], meta: {} });
    const results = await runBatch(db, stmts);
    const ids = insertAt.map((at) => results[at]!.results[0]!.id);
    return c.json({ data: inOrder(await getAddressesByIds(db, ids), ids), meta: {} });
  })

  .put('/', validate('json', updateBody), async (c) => {
    const items = c.req.valid('json');
    const db = c.env.DB;
    const errors: Record<string, string> = {};
    const ids = items.map((i) => i.id);
    const current = new Map((await getAddressesByIds(db, ids)).map((r) => [r.id, r]));
    const seen = new Set<number>();
    items.forEach((item, i) => {
      if (!current.has(item.id)) errors[`${i}.id`] = `Address ${item.id} does not exist`;
      else if (seen.has(item.id)) errors[`${i}.id`] = `Address ${item.id} appears twice in this request`;
      seen.add(item.id);
    });
    failIfErrors(errors);
    checkDefaultFlags(items.map((item) => ({ ...item, customer_id: current.get(item.id)!.customer_id })), errors);
    await checkFormFields(db, items, errors);
    failIfErrors(errors);

    // Every address of the customers touched, keyed as they will be once earlier items are applied.
    const customerIds = [...new Set([...current.values()].map((r) => r.customer_id))];
    const keys = new Map((await getAddressesOfCustomers(db, customerIds)).map((r) => [r.id, sameAddressKey(r.customer_id, r)]));
    const now = isoNow();
    const actor = actorOf(c);
    const stmts: D1PreparedStatement[] = [];
    const updated: number[] = [];
    for (const { id, form_fields, ...change } of items) {
      const row = current.get(id)!;
      const merged = { ...rowAsInput(row), ...change };
      const key = sameAddressKey(row.customer_id, merged);
      // BigCommerce: an update that would duplicate another address changes nothing and is left out.
      if ([...keys].some(([otherId, otherKey]) => otherId !== id && otherKey === key)) continue;
      keys.set(id, key);
      const next: AddressChange = { ...change };
      if (form_fields) {
        // Given fields replace the values of the same name; the address's other values stay.
        const kept = (JSON.parse(row.form_fields) as FormFieldInput[]).filter(
          (old) => !form_fields.some((f) => f.name.toLowerCase() === old.name.toLowerCase()),
        );
        next.form_fields = [...kept, ...form_fields];
      }
      stmts.push(...clearDefaultAddress(db, row.customer_id, { shipping: change.is_default_shipping, billing: change.is_default_billing }, id));
      stmts.push(updateAddressStatement(db, id, next, now));
      stmts.push(
        insertTimelineEvent(db, { sql: '?1', params: [row.customer_id] }, 'address_updated', actor, {
          address_id: id,
          fields: Object.keys(form_fields ? { ...change, form_fields } : change),
        }, now),
      );
      updated.push(id);
    }
    if (stmts.length) await runBatch(db, stmts);
    return c.json({ data: inOrder(await getAddressesByIds(db, updated), updated), meta: {} });
  })

  .delete('/', validate('query', deleteQuery), async (c) => {
    const ids = c.req.valid('query')['id:in'];
    // BigCommerce requires id:in here too; without it we delete nothing rather than guess.
    if (!ids?.length) {
      throw new ApiError('filter_required', { errors: { 'id:in': 'Give the ids of the addresses to delete' } });
    }
    const db = c.env.DB;
    const rows = await getAddressesByIds(db, ids);
    if (rows.length) {
      const now = isoNow();
      const actor = actorOf(c);
      await db.batch([
        deleteAddressesStatement(db, rows.map((r) => r.id)),
        ...rows.map((r) => insertTimelineEvent(db, { sql: '?1', params: [r.customer_id] }, 'address_deleted', actor, { address_id: r.id }, now)),
      ]);
    }
    return c.body(null, 204);
  });

export default addresses;
