// POST /v3/customers/{id}/password-link (ours, `store_v2_customers`): mails the customer a link to set
// their password, valid 7 days (accounts/password-resets.ts sendSetPasswordLink) — what the console's
// "New customer" offers instead of typing a password for someone. 202 {data: {sent_to, expires_at}}.
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { sendSetPasswordLink } from '../../accounts/password-resets';
import type { AppEnv } from '../../env';
import { accountUrlOf, afterResponse } from '../../middleware/request-context';
import { validate } from '../../validation';

const idParam = z.object({ id: z.coerce.number().check(z.int(), z.minimum(1), z.maximum(Number.MAX_SAFE_INTEGER)) });

const invitations = new Hono<AppEnv>().post('/:id/password-link', validate('param', idParam), async (c) => {
  const { work, ...sent } = await sendSetPasswordLink(c.env, c.req.valid('param').id, accountUrlOf(c));
  await afterResponse(c, work);
  return c.json({ data: sent, meta: {} }, 202);
});

export default invitations;
