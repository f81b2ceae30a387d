// Sign in with an emailed code (accounts/email-ownership.ts): POST /storefront/session/code mails a
// 6-digit code when an account has the email and always answers the same 202 (the lookup, the code and
// the mail happen after the response); POST /storefront/session/code/confirm starts a normal session
// (like password log-in) and marks the email verified.
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { confirmSignInCode, requestSignInCode, RESEND_AFTER_SECONDS } from '../../accounts/email-ownership';
import { clearCodeProofCookie, deliverSession, presentedCodeProof } from '../../auth/refresh-tokens';
import type { AppEnv } from '../../env';
import { clientIp } from '../../middleware/rate-limit';
import { accountUrlOf, afterResponse } from '../../middleware/request-context';
import { validate } from '../../validation';
import { code, locale } from './shapes';

const requestBody = z.strictObject({ email: z.string().check(z.trim(), z.maxLength(250)), locale });
const confirmBody = z.strictObject({ email: z.string().check(z.trim(), z.maxLength(250)), code });

const routes = new Hono<AppEnv>()
  .post('/code', validate('json', requestBody), async (c) => {
    const { email, locale: lang } = c.req.valid('json');
    const { work } = await requestSignInCode(c.env, {
      email,
      locale: lang ?? 'en',
      ip: clientIp(c),
      accountUrl: accountUrlOf(c),
      proof: presentedCodeProof(c),
    });
    await afterResponse(c, work);
    return c.json({ status: 'sent' as const, resend_after: RESEND_AFTER_SECONDS }, 202);
  })

  .post('/code/confirm', validate('json', confirmBody), async (c) => {
    const { customer, session } = await confirmSignInCode(
      c.env,
      { ...c.req.valid('json'), proof: presentedCodeProof(c) },
      { ip: clientIp(c), userAgent: c.req.header('User-Agent') },
    );
    clearCodeProofCookie(c);
    return c.json({ customer, ...deliverSession(c, session) });
  });

export default routes;
