// Newsletter consent: GET / PUT /storefront/customer/consents for the signed-in shopper (an empty list
// unsubscribes: the subscriber record goes; an unverified email reads none and may not change them),
// and for guests POST /storefront/subscribers (always 202 with the same body; with double opt-in a
// confirmation link is mailed after the response) and POST /storefront/subscribers/confirm (the link's
// token makes the subscriber record). Rules: accounts/subscribers.ts.
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { confirmGuestSubscription, getShopperConsents, requestGuestSubscription, setShopperConsents } from '../../accounts/subscribers';
import type { AppEnv } from '../../env';
import { LOCALES } from '../../mail/templates';
import { channelOf } from '../../middleware/cors';
import { rateLimit } from '../../middleware/rate-limit';
import { liveRead } from '../../middleware/live-shopper';
import { validate } from '../../validation';
import { consents, email } from './shapes';

const putBody = z.strictObject({ consents });
const guestBody = z.strictObject({
  email,
  first_name: z.optional(z.string().check(z.trim(), z.maxLength(100))),
  last_name: z.optional(z.string().check(z.trim(), z.maxLength(100))),
  consents: z.optional(consents),
  /** The language of the confirmation mail (the widget sends the shopper's). */
  locale: z.optional(z.enum(LOCALES)),
});
const confirmBody = z.strictObject({ token: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)) });

export const customerConsents = new Hono<AppEnv>()
  .get('/', async (c) => c.json({ consents: (await liveRead(c, getShopperConsents)).value }))
  .put('/', validate('json', putBody), async (c) => {
    const next = await setShopperConsents(c.env.DB, c.var.shopper, c.req.valid('json').consents, await channelOf(c));
    return c.json({ consents: next });
  });

export const guestSubscribers = new Hono<AppEnv>()
  .post('/', rateLimit('SIGNUP_LIMITER'), validate('json', guestBody), async (c) => {
    const pending = await requestGuestSubscription(
      c.env,
      c.req.valid('json'),
      await channelOf(c),
      // Where confirmation links point: the page with <account-portal>.
      c.env.ACCOUNT_URL ?? `${new URL(c.req.url).origin}/`,
    );
    if (pending) {
      try {
        c.executionCtx.waitUntil(pending.work);
      } catch {
        await pending.work; // no execution context (unit use): finish inline
      }
    }
    return c.json({ status: 'confirmation_sent' as const }, 202);
  })

  .post('/confirm', rateLimit('SIGNUP_LIMITER'), validate('json', confirmBody), async (c) => {
    await confirmGuestSubscription(c.env.DB, c.req.valid('json').token);
    return c.json({ status: 'confirmed' as const });
  });
