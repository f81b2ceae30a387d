// Log in, refresh, log out (this device), log out everywhere.
// Enumeration: an unknown email and a wrong password get the same status, body and headers, and take
// as long (a dummy hash is computed for unknown emails). Rate limits run before any hashing.
import { Hono } from 'hono';
import * as z from 'zod';
import { hashPassword, verifyPassword } from '../../auth/passwords';
import { endSession, presentedRefreshToken, rotateSession, startSession } from '../../auth/sessions';
import { findCredentialsByEmail, getOwnCustomer, getSessionSubject, revokeEverywhereStatements, upgradePasswordHash } from '../../db/customers';
import type { AppEnv } from '../../env';
import { ApiError } from '../../errors';
import { customerAuth } from '../../middleware/customer-auth';
import { clientIp, enforceLimit } from '../../middleware/rate-limit';
import { validate } from '../../validation';
import { password } from './shapes';

const loginBody = z.object({ email: z.string().trim().max(250), password }).strict();
const refreshBody = z.object({ refresh_token: z.string().max(200).optional() }).strict();

const invalidCredentials = () => new ApiError('invalid_credentials');

/** A JSON body is optional on refresh and log-out (the cookie carries the token). */
async function optionalJson(req: Request): Promise<unknown> {
  const text = await req.text();
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError('malformed_json');
  }
}

const session = new Hono<AppEnv>()
  .post('/session', validate('json', loginBody), async (c) => {
    const { email, password } = c.req.valid('json');
    await enforceLimit(c.env, 'LOGIN_LIMITER', `ip:${clientIp(c)}`);
    await enforceLimit(c.env, 'LOGIN_LIMITER', `email:${email.toLowerCase()}`);
    const creds = await findCredentialsByEmail(c.env.DB, email);
    const { valid, needsUpgrade } = await verifyPassword(password, creds?.password_hash ?? null);
    if (!creds || !valid) throw invalidCredentials();
    if (creds.force_password_reset) {
      // Only said after the right password, so it reveals nothing to a guesser.
      throw new ApiError('password_reset_required', {
        detail: 'Request a password reset link: POST /storefront/password-reset',
        errors: { password: 'password_reset_required' },
      });
    }
    if (needsUpgrade) await upgradePasswordHash(c.env.DB, creds.id, creds.password_hash!, await hashPassword(password));
    const subject = (await getSessionSubject(c.env.DB, creds.id))!;
    const tokens = await startSession(c, subject);
    const customer = await getOwnCustomer(c.env.DB, subject.id, subject.token_version);
    return c.json({ customer, ...tokens });
  })

  .post('/session/refresh', async (c) => {
    const body = refreshBody.safeParse(await optionalJson(c.req.raw));
    if (!body.success) throw new ApiError('validation_failed', { errors: { refresh_token: 'Expected a string' } });
    const { tokens } = await rotateSession(c, presentedRefreshToken(c, body.data));
    return c.json(tokens);
  })

  .delete('/session', async (c) => {
    const body = refreshBody.safeParse(await optionalJson(c.req.raw));
    await endSession(c, presentedRefreshToken(c, body.success ? body.data : undefined));
    return c.body(null, 204);
  })

  .delete('/sessions', customerAuth, async (c) => {
    const shopper = c.var.shopper;
    const subject = await getSessionSubject(c.env.DB, shopper.customerId);
    if (!subject || subject.token_version !== shopper.tokenVersion) throw new ApiError('token_invalid');
    await c.env.DB.batch(revokeEverywhereStatements(c.env.DB, shopper.customerId));
    await endSession(c, undefined);
    return c.body(null, 204);
  });

export default session;
