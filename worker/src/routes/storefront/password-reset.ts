// Password reset: request (always 202, same body, whether or not the email exists) and confirm
// (accounts/password-resets.ts). The lookup, the token's insert and the mail happen after the response
// (waitUntil), so response time does not reveal whether an account exists.
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { confirmPasswordReset, requestPasswordReset } from '../../accounts/password-resets';
import type { AppEnv } from '../../env';
import { clientIp } from '../../middleware/rate-limit';
import { validate } from '../../validation';
import { locale, password } from './shapes';
import { accountUrlOf, afterResponse } from '../../middleware/request-context';

const requestBody = z.strictObject({ email: z.string().check(z.trim(), z.maxLength(250)) });
const confirmBody = z.strictObject({ token: z.string().check(z.minLength(10), z.maxLength(200)), new_password: password, locale });

const routes = new Hono<AppEnv>()
  .post('/', validate('json', requestBody), async (c) => {
    const { work } = await requestPasswordReset(c.env, {
      email: c.req.valid('json').email,
      ip: clientIp(c),
      // Where reset links point: the page with <account-portal>.
      accountUrl: accountUrlOf(c),
    });
    // The lookup, the token and the mail: after the response, for known and unknown emails alike.
    await afterResponse(c, work);
    return c.json({ status: 'accepted', detail: 'If an account exists for this email, a reset link is on its way.' }, 202);
  })

  .post('/confirm', validate('json', confirmBody), async (c) => {
    const { mail } = await confirmPasswordReset(c.env, c.req.valid('json'));
    await afterResponse(c, mail);
    return c.body(null, 204);
  });

export default routes;
