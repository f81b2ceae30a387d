// Log in, refresh, log out (this device), log out everywhere (accounts/sessions.ts). A refused refresh
// also clears the refresh cookie, so the browser stops presenting a dead token.
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { refreshSession, signIn, signOut, signOutEverywhere } from '../../accounts/sessions';
import { clearRefreshCookie, deliverSession, presentedRefreshToken, setCodeProofCookie } from '../../auth/refresh-tokens';
import type { AppEnv } from '../../env';
import { channelOf } from '../../middleware/cors';
import { ApiError, fieldError } from '../../errors';
import { liveShopper } from '../../middleware/live-shopper';
import { clientIp } from '../../middleware/rate-limit';
import { validate } from '../../validation';
import { locale, password } from './shapes';
import { accountUrlOf } from '../../middleware/request-context';

const loginBody = z.strictObject({ email: z.string().check(z.trim(), z.maxLength(250)), password, locale });
const refreshBody = z.strictObject({ refresh_token: z.optional(z.string().check(z.maxLength(200))) });

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

const routes = new Hono<AppEnv>()
  .post('/session', validate('json', loginBody), async (c) => {
    const { locale: lang, ...credentials } = c.req.valid('json');
    const { customer, session } = await signIn(c.env, credentials, {
      ip: clientIp(c),
      userAgent: c.req.header('User-Agent'),
      channelId: await channelOf(c),
      locale: lang,
      accountUrl: accountUrlOf(c),
      // Policy `required`, unverified: the 403 sets the code-proof cookie of the 'verify' code it mailed.
      onCodeProof: (proof) => setCodeProofCookie(c, proof),
    });
    return c.json({ customer, ...deliverSession(c, session) });
  })

  .post('/session/refresh', async (c) => {
    const body = refreshBody.safeParse(await optionalJson(c.req.raw));
    if (!body.success) throw new ApiError('validation_failed', { errors: { refresh_token: fieldError('invalid_type', 'Expected a string') } });
    try {
      const { customer, session } = await refreshSession(c.env, presentedRefreshToken(c, body.data), {
        ip: clientIp(c),
        userAgent: c.req.header('User-Agent'),
      });
      return c.json({ customer, ...deliverSession(c, session) });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'session_ended') clearRefreshCookie(c);
      throw err;
    }
  })

  .delete('/session', async (c) => {
    const body = refreshBody.safeParse(await optionalJson(c.req.raw));
    await signOut(c.env, presentedRefreshToken(c, body.success ? body.data : undefined));
    clearRefreshCookie(c);
    return c.body(null, 204);
  })

  .delete('/sessions', liveShopper, async (c) => {
    await signOutEverywhere(c.env, c.var.shopper);
    clearRefreshCookie(c);
    return c.body(null, 204);
  });

export default routes;
