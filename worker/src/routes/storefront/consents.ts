// Newsletter consent: GET / PUT /storefront/customer/consents for the signed-in shopper (an empty list
// unsubscribes: the subscriber record goes), and POST /storefront/subscribers for guests (always 202
// with the same body: see accounts/subscribers.ts subscribeGuest).
import { Hono } from 'hono';
import * as z from 'zod';
import { getShopperConsents, setShopperConsents, subscribeGuest } from '../../accounts/subscribers';
import type { AppEnv } from '../../env';
import { channelOf } from '../../middleware/cors';
import { rateLimit } from '../../middleware/rate-limit';
import { validate } from '../../validation';
import { consents, email } from './shapes';

const putBody = z.object({ consents }).strict();
const guestBody = z
  .object({
    email,
    first_name: z.string().trim().max(100).optional(),
    last_name: z.string().trim().max(100).optional(),
    consents: consents.optional(),
  })
  .strict();

export const customerConsents = new Hono<AppEnv>()
  .get('/', async (c) => c.json({ consents: await getShopperConsents(c.env.DB, c.var.shopper) }))
  .put('/', validate('json', putBody), async (c) => {
    const next = await setShopperConsents(c.env.DB, c.var.shopper, c.req.valid('json').consents, await channelOf(c));
    return c.json({ consents: next });
  });

export const guestSubscribers = new Hono<AppEnv>().post('/', rateLimit('SIGNUP_LIMITER'), validate('json', guestBody), async (c) => {
  await subscribeGuest(c.env.DB, c.req.valid('json'), await channelOf(c));
  return c.json({ status: 'accepted' as const }, 202);
});
