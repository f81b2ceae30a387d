// The shopper's own account: GET / PATCH / DELETE /storefront/customer, POST /storefront/customer/password.
// Every query is scoped to the token's customer and its token_version, so a token from before a
// password change or log-out-everywhere fails here even though its signature is still valid.
import { Hono } from 'hono';
import * as z from 'zod';
import { passwordProblem } from '../../auth/password-policy';
import { hashPassword, verifyPassword } from '../../auth/passwords';
import { clearRefreshCookie, startSession } from '../../auth/sessions';
import {
  eraseCustomerStatements,
  getOwnCustomer,
  getPasswordHash,
  getSessionSubject,
  setPasswordStatements,
  updateCustomerStatements,
} from '../../db/customers';
import { isUniqueViolation } from '../../db/sql';
import type { AppEnv } from '../../env';
import { ApiError } from '../../errors';
import { revokedToken } from '../../middleware/customer-auth';
import { enforceLimit } from '../../middleware/rate-limit';
import { validate } from '../../validation';
import { checkCustomerFormFields } from './sign-up';
import { email, formFieldValues, name, password } from './shapes';

const patchBody = z
  .object({
    email: email.optional(),
    first_name: name.optional(),
    last_name: name.optional(),
    phone: z.string().trim().max(50).optional(),
    company: z.string().trim().max(255).optional(),
    form_fields: formFieldValues.optional(),
    /** Required to change the email (an account takeover must not start with a stolen access token). */
    current_password: password.optional(),
  })
  .strict();

const passwordBody = z.object({ current_password: password, new_password: password }).strict();
const deleteBody = z.object({ current_password: password.optional() }).strict();

/**
 * Checks the current password behind the log-in limit (per customer): a stolen access token must not
 * become an unlimited password oracle, nor a way to make us hash 600,000 iterations at will.
 */
export async function currentPasswordValid(env: AppEnv['Bindings'], customerId: number, password: string | undefined, hash: string | null): Promise<boolean> {
  await enforceLimit(env, 'LOGIN_LIMITER', `customer:${customerId}`);
  return !!password && (await verifyPassword(password, hash)).valid;
}

const wrongPassword = () => new ApiError('wrong_current_password', { errors: { current_password: 'Your current password is not correct' } });

const customer = new Hono<AppEnv>()
  .get('/', async (c) => {
    const me = await getOwnCustomer(c.env.DB, c.var.shopper.customerId, c.var.shopper.tokenVersion);
    if (!me) throw revokedToken();
    return c.json({ customer: me });
  })

  .patch('/', validate('json', patchBody), async (c) => {
    const { current_password, form_fields, ...fields } = c.req.valid('json');
    const { customerId, tokenVersion } = c.var.shopper;
    const creds = await getPasswordHash(c.env.DB, customerId, tokenVersion);
    if (!creds) throw revokedToken();
    const { errors, accepted } = await checkCustomerFormFields(c.env.DB, form_fields ?? [], { requireAll: false });
    if (Object.keys(errors).length) throw new ApiError('validation_failed', { errors });
    if (fields.email && fields.email.toLowerCase() !== creds.email.toLowerCase()) {
      // The email is where reset links go: a stolen access token alone must never move it. An account
      // without a password (provider sign-in only) sets one first, through "forgot password".
      if (!creds.password_hash) {
        throw new ApiError('password_required', { errors: { email: 'password_required' } });
      }
      if (!(await currentPasswordValid(c.env, customerId, current_password, creds.password_hash))) throw wrongPassword();
    }
    const actor = { type: 'shopper', name: creds.email } as const;
    try {
      await c.env.DB.batch(updateCustomerStatements(c.env.DB, [{ id: customerId, ...fields, form_fields: accepted }], new Map(), actor));
    } catch (err) {
      if (isUniqueViolation(err)) throw new ApiError('email_taken', { errors: { email: 'An account with this email already exists' } });
      throw err;
    }
    return c.json({ customer: await getOwnCustomer(c.env.DB, customerId, tokenVersion) });
  })

  .delete('/', async (c) => {
    const text = await c.req.text();
    let body: unknown = {};
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      throw new ApiError('malformed_json');
    }
    const parsed = deleteBody.safeParse(body);
    if (!parsed.success) throw new ApiError('validation_failed', { errors: { current_password: 'Expected a string' } });
    const { customerId, tokenVersion } = c.var.shopper;
    const creds = await getPasswordHash(c.env.DB, customerId, tokenVersion);
    if (!creds) throw revokedToken();
    // Erasure cannot be undone: a customer with a password confirms it.
    if (creds.password_hash) {
      const given = parsed.data.current_password;
      if (!(await currentPasswordValid(c.env, customerId, given, creds.password_hash))) throw wrongPassword();
    }
    await c.env.DB.batch(eraseCustomerStatements(c.env.DB, customerId, creds.email));
    clearRefreshCookie(c);
    return c.body(null, 204);
  })

  .post('/password', validate('json', passwordBody), async (c) => {
    const { current_password, new_password } = c.req.valid('json');
    const { customerId, tokenVersion } = c.var.shopper;
    const creds = await getPasswordHash(c.env.DB, customerId, tokenVersion);
    if (!creds) throw revokedToken();
    if (!(await currentPasswordValid(c.env, customerId, current_password, creds.password_hash))) throw wrongPassword();
    const problem = await passwordProblem(c.env.DB, new_password, creds.email);
    if (problem) throw new ApiError(422, problem, { errors: { new_password: problem } });
    await c.env.DB.batch(setPasswordStatements(c.env.DB, customerId, await hashPassword(new_password), { type: 'shopper', name: creds.email }, 'password_changed'));
    // Every other session ended; this device gets a fresh one so the shopper stays signed in here.
    const subject = (await getSessionSubject(c.env.DB, customerId))!;
    return c.json(await startSession(c, subject));
  });

export default customer;
