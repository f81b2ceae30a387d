// The shopper's own account: GET / PATCH / DELETE /storefront/customer, POST /storefront/customer/password.
// GET proves the token live and loads the profile with liveRead (one D1 round trip); for the writes the
// live-shopper middleware did before the handler. The rules of a change are accounts/customers.ts and
// accounts/passwords.ts.
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { eraseCustomer, updateCustomers } from '../../accounts/customers';
import { confirmEmailChange } from '../../accounts/email-ownership';
import { changePassword } from '../../accounts/passwords';
import { clearRefreshCookie, deliverSession } from '../../auth/refresh-tokens';
import type { AppEnv } from '../../env';
import { ApiError, fieldError } from '../../errors';
import { clientIp } from '../../middleware/rate-limit';
import { liveRead } from '../../middleware/live-shopper';
import { validate } from '../../validation';
import { code, email, formFieldValues, locale, name, password } from './shapes';
import { accountUrlOf, afterResponse } from '../../middleware/request-context';

const patchBody = z.strictObject({
  email: z.optional(email),
  first_name: z.optional(name),
  last_name: z.optional(name),
  phone: z.optional(z.string().check(z.trim(), z.maxLength(50))),
  company: z.optional(z.string().check(z.trim(), z.maxLength(255))),
  form_fields: z.optional(formFieldValues),
  /** Required to change the email (an account takeover must not start with a stolen access token). */
  current_password: z.optional(password),
  /** The language of the code mail an email change sends. */
  locale,
});
const emailConfirmBody = z.strictObject({ code, locale });

const passwordBody = z.strictObject({ current_password: password, new_password: password, /** The language of the owner's notice. */ locale });
const deleteBody = z.strictObject({ current_password: z.optional(password) });

const routes = new Hono<AppEnv>()
  .get('/', async (c) => c.json({ customer: (await liveRead(c)).shopper.profile }))

  .patch('/', validate('json', patchBody), async (c) => {
    const { current_password, locale: lang, ...change } = c.req.valid('json');
    const shopper = c.var.shopper;
    // A new email is only requested here: a code goes to it and `pending_email` is set until it is confirmed.
    const { profile, mail } = await updateCustomers(c.env, [{ id: shopper.id, ...change }], {
      kind: 'profile',
      shopper,
      currentPassword: current_password,
      locale: lang,
      accountUrl: accountUrlOf(c),
    });
    await afterResponse(c, mail);
    return c.json({ customer: profile! });
  })

  .post('/email/confirm', validate('json', emailConfirmBody), async (c) => {
    const { code: given, locale: lang } = c.req.valid('json');
    const { customer, mail } = await confirmEmailChange(c.env, c.var.shopper, given, lang ?? 'en');
    await afterResponse(c, mail);
    return c.json({ customer });
  })

  .delete('/', async (c) => {
    // The body is optional (a customer without a password sends none).
    const text = await c.req.text();
    let body: unknown = {};
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      throw new ApiError('malformed_json');
    }
    const parsed = deleteBody.safeParse(body);
    if (!parsed.success) throw new ApiError('validation_failed', { errors: { current_password: fieldError('invalid_type', 'Expected a string') } });
    await eraseCustomer(c.env, c.var.shopper, parsed.data.current_password);
    clearRefreshCookie(c);
    return c.body(null, 204);
  })

  .post('/password', validate('json', passwordBody), async (c) => {
    const { mail, ...session } = await changePassword(c.env, c.var.shopper, c.req.valid('json'), {
      ip: clientIp(c),
      userAgent: c.req.header('User-Agent'),
    });
    await afterResponse(c, mail);
    return c.json(deliverSession(c, session));
  });

export default routes;
