// Password reset: request (always 202, same body, whether or not the email exists) and confirm.
// The token is random (256 bits), stored hashed, single-use and valid for 30 minutes. The mail is sent
// after the response (waitUntil), so response time does not reveal whether an account exists.
import { Hono } from 'hono';
import * as z from 'zod';
import { randomToken, sha256Hex } from '../../auth/crypto';
import { passwordProblem } from '../../auth/password-policy';
import { hashPassword } from '../../auth/passwords';
import { setPasswordStatements } from '../../db/customers';
import { consumeResetToken, insertResetToken } from '../../db/password-resets';
import type { AppEnv } from '../../env';
import { ApiError } from '../../errors';
import { mailerFor } from '../../mail/mailer';
import { clientIp, enforceLimit } from '../../middleware/rate-limit';
import { validate } from '../../validation';
import { password } from './shapes';

export const RESET_TOKEN_TTL_SECONDS = 30 * 60;

const requestBody = z.object({ email: z.string().trim().max(250) }).strict();
const confirmBody = z.object({ token: z.string().min(10).max(200), new_password: password }).strict();

const passwordReset = new Hono<AppEnv>()
  .post('/', validate('json', requestBody), async (c) => {
    const { email } = c.req.valid('json');
    await enforceLimit(c.env, 'RESET_LIMITER', `ip:${clientIp(c)}`);
    await enforceLimit(c.env, 'RESET_LIMITER', `email:${email.toLowerCase()}`);
    const customer = await c.env.DB.prepare('SELECT id, email, first_name FROM customers WHERE email = ?1').bind(email).first<{ id: number; email: string; first_name: string }>();
    if (customer) {
      const token = randomToken();
      await insertResetToken(c.env.DB, customer.id, await sha256Hex(token), RESET_TOKEN_TTL_SECONDS);
      const base = c.env.ACCOUNT_URL ?? `${new URL(c.req.url).origin}/`;
      const link = `${base}#reset-password=${token}`;
      const send = mailerFor(c.env).send({
        to: customer.email,
        kind: 'password_reset',
        subject: 'Reset your password',
        text: `Hello ${customer.first_name},\n\nSomeone (hopefully you) asked to reset the password of your account.\nOpen this link within 30 minutes to choose a new one:\n\n${link}\n\nIf you did not ask for this, ignore this message; your password stays as it is.`,
      });
      try {
        c.executionCtx.waitUntil(send);
      } catch {
        await send; // no execution context (unit use): send inline
      }
    }
    return c.json({ status: 'accepted', detail: 'If an account exists for this email, a reset link is on its way.' }, 202);
  })

  .post('/confirm', validate('json', confirmBody), async (c) => {
    const { token, new_password } = c.req.valid('json');
    const claimed = await consumeResetToken(c.env.DB, await sha256Hex(token));
    if (!claimed) throw new ApiError('reset_token_invalid', { errors: { token: 'invalid_or_expired' } });
    const problem = await passwordProblem(c.env.DB, new_password, claimed.email);
    if (problem) {
      // The token was consumed by the check above; give it back so the shopper can retry with a better password.
      await c.env.DB.prepare('UPDATE password_reset_tokens SET used_at = NULL WHERE token_hash = ?1').bind(await sha256Hex(token)).run();
      throw new ApiError(422, problem, { errors: { new_password: problem } });
    }
    await c.env.DB.batch(setPasswordStatements(c.env.DB, claimed.customer_id, await hashPassword(new_password), { type: 'shopper', name: claimed.email }, 'password_reset'));
    return c.body(null, 204);
  });

export default passwordReset;
