// /v3/customers/{customerId}/consent (mounted at /v3/customers): a customer's cookie-tracking consent in
// BigCommerce's shape, `{allow, deny, updated_at}` without a `data` envelope, as the spec's consent_Resp
// has it. Rules: accounts/tracking-consent.ts.
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { CONSENT_CATEGORIES, getTrackingConsent, setTrackingConsent } from '../../accounts/tracking-consent';
import type { AppEnv } from '../../env';
import { validate } from '../../validation';

const category = z.enum(CONSENT_CATEGORIES, { message: `Expected one of: ${CONSENT_CATEGORIES.join(', ')}` });
// The spec's consentAllow / Deny: unique items of the four categories.
const categories = z.array(category).check(
  z.maxLength(CONSENT_CATEGORIES.length),
  z.refine((list) => new Set(list).size === list.length, 'Name each category once'),
);
const putBody = z.strictObject({ allow: z.optional(categories), deny: z.optional(categories) });
const customerParam = z.object({ customerId: z.coerce.number().check(z.int(), z.minimum(1)) });

const trackingConsent = new Hono<AppEnv>()
  .get('/:customerId{[0-9]+}/consent', validate('param', customerParam), async (c) =>
    c.json(await getTrackingConsent(c.env.DB, c.req.valid('param').customerId)),
  )
  .put('/:customerId{[0-9]+}/consent', validate('param', customerParam), validate('json', putBody), async (c) =>
    c.json(await setTrackingConsent(c.env.DB, c.req.valid('param').customerId, c.req.valid('json'))),
  );

export default trackingConsent;
