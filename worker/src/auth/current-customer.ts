// BigCommerce's Current Customer JWT: who is signed in, for an app, signed (HS256) with that app's client
// secret so the app's server can trust it although it passed through the browser. Claims as
// BigCommerce's: customer {id, email, group_id (a string)}, iss "bc/apps", sub = store_hash, iat, exp
// (15 minutes), version 1, aud = application_id = the client id, store_hash, operation "current_customer".
import { SignJWT } from 'jose';
import { hmacKey } from './app-secrets';

const TOKEN_TTL_SECONDS = 15 * 60;

export function signCurrentCustomerToken(
  app: { clientId: string; secret: string },
  storeHash: string,
  customer: { id: number; email: string; customer_group_id: number | null },
): Promise<string> {
  const iat = Math.floor(Date.now() / 1000);
  return new SignJWT({
    customer: { id: customer.id, email: customer.email, group_id: String(customer.customer_group_id ?? 0) },
    version: 1,
    application_id: app.clientId,
    store_hash: storeHash,
    operation: 'current_customer',
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer('bc/apps')
    .setSubject(storeHash)
    .setAudience(app.clientId)
    .setIssuedAt(iat)
    .setExpirationTime(iat + TOKEN_TTL_SECONDS)
    .sign(hmacKey(app.secret));
}
