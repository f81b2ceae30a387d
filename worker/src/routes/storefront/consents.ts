// Newsletter consent: GET / PUT /storefront/customer/consents for the signed-in shopper (an empty list
// unsubscribes: the subscriber record goes), and POST /storefront/subscribers for guests.
// Changing consent changes nothing else about the account.
import { Hono } from 'hono';
import * as z from 'zod';
import { getPasswordHash } from '../../db/customers';
import { type Consent, deleteSubscriberByEmail, upsertSubscriber } from '../../db/subscribers';
import { insertTimelineEvent } from '../../db/timeline';
import type { AppEnv } from '../../env';
import { channelOf } from '../../middleware/cors';
import { revokedToken } from '../../middleware/customer-auth';
import { rateLimit } from '../../middleware/rate-limit';
import { validate } from '../../validation';
import { consents, email } from './shapes';

const putBody = z.object({ consents }).strict();
const guestBody = z.object({ email, first_name: z.string().trim().max(100).optional(), last_name: z.string().trim().max(100).optional(), consents: consents.optional() }).strict();

async function consentsOf(db: D1Database, email: string): Promise<Consent[]> {
  const row = await db.prepare('SELECT consents FROM subscribers WHERE email = ?1').bind(email).first<{ consents: string }>();
  return row ? (JSON.parse(row.consents) as Consent[]) : [];
}

export const customerConsents = new Hono<AppEnv>()
  .get('/', async (c) => {
    const me = await getPasswordHash(c.env.DB, c.var.shopper.customerId, c.var.shopper.tokenVersion);
    if (!me) throw revokedToken();
    return c.json({ consents: await consentsOf(c.env.DB, me.email) });
  })
  .put('/', validate('json', putBody), async (c) => {
    const { customerId, tokenVersion } = c.var.shopper;
    const me = await c.env.DB.prepare('SELECT email, first_name, last_name FROM customers WHERE id = ?1 AND token_version = ?2')
      .bind(customerId, tokenVersion)
      .first<{ email: string; first_name: string; last_name: string }>();
    if (!me) throw revokedToken();
    const wanted = [...new Set(c.req.valid('json').consents)].sort() as Consent[];
    const before = await consentsOf(c.env.DB, me.email);
    const statements = [
      wanted.length
        ? upsertSubscriber(c.env.DB, { email: me.email, first_name: me.first_name, last_name: me.last_name, source: 'storefront', channel_id: await channelOf(c), consents: wanted })
        : deleteSubscriberByEmail(c.env.DB, me.email),
    ];
    if (JSON.stringify(before.slice().sort()) !== JSON.stringify(wanted)) {
      statements.push(insertTimelineEvent(c.env.DB, { sql: '?1', params: [customerId] }, 'consents_changed', { type: 'shopper', name: me.email }, { from: before, to: wanted }));
    }
    await c.env.DB.batch(statements);
    return c.json({ consents: wanted });
  });

/**
 * Guest sign-up. Always 202 with the same body, and it only ever adds consents: a stranger typing
 * someone's email can neither learn whether it is subscribed nor unsubscribe it.
 */
export const guestSubscribers = new Hono<AppEnv>().post('/', rateLimit('SIGNUP_LIMITER'), validate('json', guestBody), async (c) => {
  const body = c.req.valid('json');
  const wanted = body.consents?.length ? body.consents : (['marketing_newsletter'] as Consent[]);
  const merged = [...new Set([...(await consentsOf(c.env.DB, body.email)), ...wanted])].sort() as Consent[];
  await upsertSubscriber(c.env.DB, { email: body.email, first_name: body.first_name, last_name: body.last_name, source: 'storefront', channel_id: await channelOf(c), consents: merged }).run();
  return c.json({ status: 'accepted' }, 202);
});
