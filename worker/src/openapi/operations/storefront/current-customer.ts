// BigCommerce's Current Customer, at /customer/current.jwt and /storefront/session/current.jwt
// (routes/current-customer.ts).
import * as z from 'zod';
import type { OperationDoc } from '../../types';
import { operations } from '../../types';

const currentCustomer = (where: string, auth: OperationDoc['auth']): OperationDoc => ({
  summary: 'Current Customer JWT',
  bigcommerce: { operation: 'getCurrentCustomer', spec: 'current_customer.yml' },
  description: [
    'BigCommerce\'s Current Customer: "who is signed in?", answered for an app as a JWT signed (HS256) with that app\'s client secret, so the app\'s server can trust it although it passed through the browser. Claims as BigCommerce\'s: `customer` {`id`, `email`, `group_id` (a string)}, `iss` "bc/apps", `sub` and `store_hash` the store hash, `aud` and `application_id` the client id, `operation` "current_customer", `version` 1; valid 15 minutes.',
    where,
    'A guest answers 404 `no_current_customer` (as BigCommerce does), an unknown or revoked app 404 `app_not_found`, a revoked access token 401.',
  ].join('\n\n'),
  tags: ['current-customer'],
  auth,
  responses: {
    200: {
      description: 'The signed token (never cached).',
      schema: z.object({ token: z.string().describe("The Current Customer JWT (HS256, the app's client secret).") }),
      headers: { 'Cache-Control': { description: '`no-store`', schema: { type: 'string' } } },
    },
  },
  errors: ['app_not_found', 'no_current_customer', 'token_invalid', 'token_revoked', 'unavailable'],
});

export default operations({
  'GET /customer/current.jwt': currentCustomer(
    "The shopper is named by the bearer access token. (BigCommerce's path; the refresh cookie is not sent here: its path is /storefront/session.)",
    'bearer-optional',
  ),
  'GET /storefront/session/current.jwt': currentCustomer(
    'The shopper is named by the bearer access token or, failing that, by the `sfa_refresh` cookie (only looked up: the session is not rotated).',
    'bearer-or-refresh',
  ),
});
