// Who a trusted app says the shopper is, or asks about: Customer Login SSO (whether the customer an
// app's login token names may be signed in; each token once) and Current Customer (who the shopper of a
// request is, for an app). Apart from identities.ts (OpenID Connect) so that these routes, which every
// storefront request group loads, never compile the OpenID Connect client (bench/worker-size.bench.mjs).
import { hashRefreshToken, MAX_REFRESH_TOKEN_LENGTH } from '../auth/refresh-tokens';
import { runBatch } from '../db/batch';
import { type CustomerAccount, findAccountById } from '../db/customers';
import { findLiveRefreshCustomer } from '../db/refresh-sessions';
import { purgeExpiredJtisStatement, useJtiStatement } from '../db/sso';
import type { Bindings, TokenClaims } from '../env';
import { ApiError, tokenRevoked } from '../errors';
import { purgeDue } from '../time';
import type { SessionSubject } from './sessions';
import { findLiveShopper } from './shoppers';

// ---- Customer Login SSO

/**
 * The customer a verified Customer Login token names, if they may be signed in: they exist, need no
 * password reset, and belong to the token's channel. The token's jti is spent last, so a token refused
 * for another reason is not burnt; its primary key makes this the one atomic gate between concurrent uses.
 */
export async function loginTokenSubject(
  env: Bindings,
  token: { clientId: string; jti: string; customerId: number; channelId?: number; jtiExpiresAt: string },
): Promise<SessionSubject> {
  const db = env.DB;
  const customer = await findAccountById(db, token.customerId);
  if (!customer) throw new ApiError('customer_not_found', { detail: 'customer_id names no customer of this store.' });
  if (customer.force_password_reset) throw new ApiError('password_reset_required');
  if (token.channelId !== undefined && !(JSON.parse(customer.channel_ids) as number[]).includes(token.channelId)) {
    throw new ApiError('channel_forbidden', { detail: `channel_id ${token.channelId}` });
  }
  const use = useJtiStatement(db, { clientId: token.clientId, jti: token.jti, expiresAt: token.jtiExpiresAt });
  const results = await runBatch(db, purgeDue() ? [purgeExpiredJtisStatement(db), use] : [use]);
  if (results.at(-1)!.meta.changes !== 1) {
    throw new ApiError('login_token_used', { detail: 'Each token (jti) signs a shopper in once; ask the app for a new link.' });
  }
  return customer;
}

// ---- Current Customer

/** Who Current Customer names (auth/current-customer.ts signs these). */
export type CurrentCustomer = Pick<CustomerAccount, 'id' | 'email' | 'customer_group_id'>;

/**
 * Who the shopper of a request is: named by a verified access token (which must still be live) or,
 * failing that, by the refresh cookie, only looked up, never rotated: this is a read, and rotating here
 * would race the widget's own refresh and trip reuse detection. Guests get `no_current_customer`, as
 * BigCommerce answers 404 for guests; an access token from before a revocation gets `token_revoked`.
 */
export async function currentCustomer(env: Bindings, who: { claims?: TokenClaims; refreshToken?: string }): Promise<CurrentCustomer> {
  const db = env.DB;
  const notSignedIn = () => new ApiError('no_current_customer');
  if (who.claims) {
    // The live-shopper read of every customer route. A live token never belongs to a customer who must
    // reset their password: forcing a reset bumps token_version, and no session starts while it is set.
    const shopper = await findLiveShopper(db, who.claims.customerId, who.claims.tokenVersion);
    if (!shopper) throw tokenRevoked();
    return { id: shopper.id, email: shopper.email, customer_group_id: shopper.groupId };
  }
  if (!who.refreshToken || who.refreshToken.length > MAX_REFRESH_TOKEN_LENGTH) throw notSignedIn();
  const id = await findLiveRefreshCustomer(db, await hashRefreshToken(who.refreshToken));
  const customer = id === null ? null : await findAccountById(db, id);
  if (!customer || customer.force_password_reset) throw notSignedIn();
  return customer;
}
