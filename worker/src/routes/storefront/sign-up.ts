// POST /storefront/customers — sign up: built-in fields, the store's custom form fields validated
// against their definitions, optional newsletter consents; starts a session.
// Why we say "email already in use" (409): a sign-up form that silently "succeeds" for an existing
// email confuses real shoppers far more than it slows an attacker, who can probe the same fact through
// any shop's checkout; the route is rate limited per IP like log-in.
import { Hono } from 'hono';
import * as z from 'zod';
import { passwordProblem } from '../../auth/password-policy';
import { hashPassword } from '../../auth/passwords';
import { newSession } from '../../auth/sessions';
import { getOwnCustomer, getSessionSubject, insertCustomerStatements } from '../../db/customers';
import { listFormFieldDefinitions } from '../../db/form-fields';
import { isUniqueViolation } from '../../db/sql';
import { upsertSubscriber } from '../../db/subscribers';
import type { AppEnv } from '../../env';
import { ApiError } from '../../errors';
import { channelOf } from '../../middleware/cors';
import { clientIp, rateLimit } from '../../middleware/rate-limit';
import { checkFormFieldValue, normalizeFormFieldValue } from '../../shared/form-field-rules';
import { validate } from '../../validation';
import { consents, email, formFieldValues, name, password } from './shapes';

const signUpBody = z
  .object({
    email,
    password,
    first_name: name,
    last_name: name,
    phone: z.string().trim().max(50).optional(),
    company: z.string().trim().max(255).optional(),
    form_fields: formFieldValues.optional(),
    consents: consents.optional(),
  })
  .strict();

/** Checks custom field values against the store's definitions; errors keyed `form_fields.<name>`. */
export async function checkCustomerFormFields(
  db: D1Database,
  values: { name: string; value: string | number | string[] }[],
  { requireAll }: { requireAll: boolean },
) {
  const defs = await listFormFieldDefinitions(db, 'customer');
  const errors: Record<string, string> = {};
  const accepted: typeof values = [];
  for (const v of values) {
    const def = defs.find((d) => d.name.toLowerCase() === v.name.toLowerCase());
    if (!def) {
      errors[`form_fields.${v.name}`] = 'Unknown field';
      continue;
    }
    const problem = checkFormFieldValue(def, v.value);
    if (problem) errors[`form_fields.${def.name}`] = problem;
    else accepted.push({ name: def.name, value: normalizeFormFieldValue(def, v.value) });
  }
  if (requireAll) {
    for (const def of defs) {
      if (def.required && !values.some((v) => v.name.toLowerCase() === def.name.toLowerCase())) {
        errors[`form_fields.${def.name}`] = checkFormFieldValue(def, undefined) ?? `${def.label} is required`;
      }
    }
  }
  return { errors, accepted };
}

const signUp = new Hono<AppEnv>().post('/', rateLimit('SIGNUP_LIMITER'), validate('json', signUpBody), async (c) => {
  const body = c.req.valid('json');
  const problem = await passwordProblem(c.env.DB, body.password, body.email);
  const { errors, accepted } = await checkCustomerFormFields(c.env.DB, body.form_fields ?? [], { requireAll: true });
  if (problem) errors.password = problem;
  if (Object.keys(errors).length) throw new ApiError('validation_failed', { errors });

  const [defaultGroup, channelId] = await Promise.all([
    c.env.DB.prepare('SELECT id FROM customer_groups WHERE is_default = 1').first<{ id: number }>(),
    channelOf(c),
  ]);
  const statements = insertCustomerStatements(
    c.env.DB,
    [
      {
        email: body.email,
        first_name: body.first_name,
        last_name: body.last_name,
        phone: body.phone,
        company: body.company,
        customer_group_id: defaultGroup?.id ?? null,
        registration_ip_address: clientIp(c) === 'unknown' ? '' : clientIp(c),
        origin_channel_id: channelId,
        channel_ids: [channelId],
        password_hash: await hashPassword(body.password),
        form_fields: accepted,
      },
    ],
    { type: 'shopper', name: body.email },
  );
  if (body.consents?.length) {
    statements.push(
      upsertSubscriber(c.env.DB, { email: body.email, first_name: body.first_name, last_name: body.last_name, source: 'storefront', channel_id: channelId, consents: body.consents }),
    );
  }
  try {
    await c.env.DB.batch(statements);
  } catch (err) {
    if (isUniqueViolation(err)) throw new ApiError('email_taken', { errors: { email: 'An account with this email already exists' } });
    throw err;
  }
  const created = await c.env.DB.prepare('SELECT id FROM customers WHERE email = ?1').bind(body.email).first<{ id: number }>();
  const subject = (await getSessionSubject(c.env.DB, created!.id))!;
  const { tokens, statements: sessionStatements } = await newSession(c, subject);
  await c.env.DB.batch(sessionStatements);
  const customer = await getOwnCustomer(c.env.DB, subject.id, subject.token_version);
  return c.json({ customer, ...tokens }, 201);
});

export default signUp;
