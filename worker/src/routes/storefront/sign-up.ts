// POST /storefront/customers — sign up: built-in fields, the store's custom form fields, optional
// newsletter consents; mails a verification code to the new address and, with policy
// EMAIL_VERIFICATION=optional (default), starts a session; with `required` it answers
// `{customer, verification: 'required'}` without tokens (accounts/customers.ts signUp).
// Why we say "email already in use" (409): a sign-up form that silently "succeeds" for an existing
// email confuses real shoppers far more than it slows an attacker, who can probe the same fact through
// any shop's checkout; the route is rate limited per IP like log-in (before validation: failed
// attempts count too). With PASSKEY_SIGNUP=true the password may be left out: the account then has
// none, answers `verification: 'required'` and gets its first session from the code (then a passkey).
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { signUp } from '../../accounts/customers';
import { deliverSession, setCodeProofCookie } from '../../auth/refresh-tokens';
import type { AppEnv } from '../../env';
import { channelOf } from '../../middleware/cors';
import { clientIp, rateLimit } from '../../middleware/rate-limit';
import { validate } from '../../validation';
import { consents, email, formFieldValues, locale, name, password } from './shapes';
import { accountUrlOf, afterResponse } from '../../middleware/request-context';

const signUpBody = z.strictObject({
  email,
  // Absent only where the store allows passkey sign-up (PASSKEY_SIGNUP; accounts/customers.ts signUp).
  password: z.optional(password),
  first_name: name,
  last_name: name,
  phone: z.optional(z.string().check(z.trim(), z.maxLength(50))),
  company: z.optional(z.string().check(z.trim(), z.maxLength(255))),
  form_fields: z.optional(formFieldValues),
  consents: z.optional(consents),
  locale,
});

const routes = new Hono<AppEnv>().post('/', rateLimit('SIGNUP_LIMITER'), validate('json', signUpBody), async (c) => {
  const { locale: lang, ...input } = c.req.valid('json');
  const { customer, session, mail } = await signUp(c.env, input, {
    ip: clientIp(c),
    userAgent: c.req.header('User-Agent'),
    channelId: await channelOf(c),
    locale: lang ?? 'en',
    accountUrl: accountUrlOf(c),
    onCodeProof: (proof) => setCodeProofCookie(c, proof),
  });
  await afterResponse(c, mail);
  if (!session) return c.json({ customer, verification: 'required' as const }, 201);
  return c.json({ customer, ...deliverSession(c, session) }, 201);
});

export default routes;
