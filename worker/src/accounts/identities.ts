// Ways in other than a password, and who they name: OpenID Connect (which customer an ID token signs
// in, linking and unlinking providers, the one-time authorization states), Customer Login SSO (whether
// the customer a trusted app names may be signed in; each token once) and Current Customer (who the
// shopper of a request is, for an app).
//
// OpenID Connect account matching: the (provider, issuer, subject) link first; else the email, but only when the
// provider says `email_verified: true` AND the account's own email is verified (someone proved they own
// it: otherwise whoever signed up with it first might not be its owner — a pre-account takeover); then
// the link is stored and every earlier session of the account ends. Else a new customer without a
// password (verified when the provider verified the email). An account is never taken over through an
// unverified email on either side: the shopper is sent back with `account_exists` and nothing is linked.
import type { IDToken } from 'oauth4webapi';
import * as z from 'zod/mini';
import { authorizationRequest, hashState, OidcError } from '../auth/oidc';
import { hashRefreshToken, MAX_REFRESH_TOKEN_LENGTH } from '../auth/refresh-tokens';
import { firstRow, runBatch } from '../db/batch';
import { type CustomerAccount, findAccountByEmail, findAccountById, revokeEverywhereStatements } from '../db/customers';
import {
  consumeOidcStateStatement,
  deleteIdentityUnlessLastStatement,
  findIdentity,
  getOidcProviderBySlug,
  insertIdentityStatement,
  insertOidcStateStatement,
  listCustomerIdentities,
  listOidcProviders,
  type OidcProviderRow,
  type OidcStateRow,
  purgeExpiredOidcStatesStatement,
} from '../db/oidc';
import { findLiveRefreshCustomer } from '../db/refresh-sessions';
import { purgeExpiredJtisStatement, useJtiStatement } from '../db/sso';
import { type Actor, customerIdRef, insertTimelineEventStatement } from '../db/timeline';
import type { Bindings, LiveShopper, TokenClaims } from '../env';
import type { Locale } from '../mail/templates';
import { ApiError, tokenRevoked } from '../errors';
import { createCustomers } from './customers';
import { verificationRequired } from './email-ownership';
import { channelOfReturnUrl, safeReturnUrl } from './return-urls';
import type { SessionSubject } from './sessions';
import { findLiveShopper, SHOPPER_WRITE, shopperActor } from './shoppers';
import { confirmRecentAuthentication, issueLinkTicket, mailSignInMethodChange } from './sign-in-methods';

const SLUG = /^[a-z0-9][a-z0-9-]{0,39}$/;
/** Roughly one write in this many also purges expired rows (states, used jtis), so the tables stay small. */
const PURGE_ONE_IN = 20;
const purgeNow = () => Math.floor(Math.random() * PURGE_ONE_IN) === 0;
const emailClaim = z.email().check(z.maxLength(250));

// ---- OpenID Connect

/** The enabled providers, in their sort order (the shopper's "Continue with …" buttons). */
export function listEnabledProviders(db: D1Database): Promise<OidcProviderRow[]> {
  return listOidcProviders(db, { enabledOnly: true });
}

/** An enabled provider by slug; `unknown_provider` otherwise (disabled ones are unknown to shoppers). */
export async function enabledProvider(db: D1Database, slug: string): Promise<OidcProviderRow> {
  const provider = SLUG.test(slug) ? await getOidcProviderBySlug(db, slug) : null;
  if (!provider || !provider.enabled) throw new OidcError('unknown_provider', slug.slice(0, 40));
  return provider;
}

/**
 * Starts an authorization at `provider`: stores the one-time state (its hash; the verifier and nonce
 * stay server-side) and answers the URL to send the browser to. `linkCustomerId` marks a link attempt.
 */
export async function startAuthorization(
  env: Bindings,
  provider: OidcProviderRow,
  options: { redirectUri: string; returnTo: string; linkCustomerId: number | null },
): Promise<{ url: string; state: string }> {
  const request = await authorizationRequest(env, provider, options);
  const insert = insertOidcStateStatement(env.DB, request.row);
  // A link attempt names the signed-in shopper: a foreign key failing means they were erased meanwhile.
  await runBatch(
    env.DB,
    purgeNow() ? [purgeExpiredOidcStatesStatement(env.DB), insert] : [insert],
    options.linkCustomerId === null ? {} : SHOPPER_WRITE,
  );
  return { url: request.url, state: request.state };
}

/** A same-site (or storefront) return URL, as for SSO links; `fallback` when none is given, `invalid_return_to` when refused. */
export async function oidcReturnUrl(db: D1Database, ownOrigin: string, returnTo: string | undefined, fallback: string): Promise<string> {
  if (returnTo === undefined || returnTo === '') return fallback;
  const target = await safeReturnUrl(db, ownOrigin, returnTo);
  if (target === null) throw new OidcError('invalid_return_to');
  return target;
}

/** The callback URL registered at the provider. */
export const oidcRedirectUri = (ownOrigin: string, slug: string) => `${ownOrigin}/storefront/oidc/${slug}/callback`;

/**
 * A signed-in shopper starts linking a provider. A linked provider is a permanent way in: a stolen access
 * token alone must not be able to add one, so a customer with a password confirms it, first.
 */
export async function startLinking(
  env: Bindings,
  shopper: LiveShopper,
  request: { slug: string; ownOrigin: string; returnTo?: string; fallbackReturn: string; currentPassword?: string },
): Promise<{ url: string }> {
  await confirmRecentAuthentication(env, shopper, request.currentPassword);
  const returnTo = await oidcReturnUrl(env.DB, request.ownOrigin, request.returnTo, request.fallbackReturn);
  const provider = await enabledProvider(env.DB, request.slug);
  // Not the provider's URL: a one-time URL on the worker that binds the attempt to this browser (state cookie).
  return issueLinkTicket(env, shopper, { provider: provider.slug, returnTo, ownOrigin: request.ownOrigin });
}

/** Takes the state of a callback (one-time: a replay finds nothing); the row, expired or not, or null. */
export async function takeAuthorizationState(env: Bindings, state: string): Promise<OidcStateRow | null> {
  const [taken] = await runBatch(env.DB, [consumeOidcStateStatement(env.DB, await hashState(state))]);
  return firstRow<OidcStateRow>(taken);
}

const stringClaim = (claims: IDToken, name: string): string => (typeof claims[name] === 'string' ? claims[name].trim() : '');

/** First and last name from the ID token's profile claims, falling back to the email's local part. */
function namesOf(claims: IDToken, email: string): { first_name: string; last_name: string } {
  let first = stringClaim(claims, 'given_name');
  let last = stringClaim(claims, 'family_name');
  if (!first && !last) {
    const full = stringClaim(claims, 'name');
    const space = full.indexOf(' ');
    [first, last] = space === -1 ? [full, ''] : [full.slice(0, space), full.slice(space + 1).trim()];
  }
  if (!first) first = email.split('@')[0] ?? '';
  return { first_name: first.slice(0, 100), last_name: last.slice(0, 100) };
}

function verifiedEmailOf(claims: IDToken): { email: string; verified: boolean } {
  const parsed = emailClaim.safeParse(stringClaim(claims, 'email'));
  // Strictly the boolean true: a string "true" or a missing claim is not a verification.
  return { email: parsed.success ? parsed.data : '', verified: parsed.success && claims.email_verified === true };
}

function mayStartSession(customer: CustomerAccount): CustomerAccount {
  if (customer.force_password_reset) throw new OidcError('password_reset_required', `customer ${customer.id} must reset their password`);
  return customer;
}

function linkStatements(
  db: D1Database,
  link: { provider: string; issuer: string; subject: string; email: string; customerId: number; actor: Actor },
) {
  return [
    insertIdentityStatement(db, {
      provider: link.provider,
      issuer: link.issuer,
      subject: link.subject,
      email: link.email,
      customerRef: customerIdRef(link.customerId),
    }),
    insertTimelineEventStatement(db, customerIdRef(link.customerId), 'identity_linked', link.actor, { provider: link.provider }),
  ];
}

/** A unique index refused our write: a concurrent callback for the same identity or email got there first. */
const lostRace = (err: unknown) => err instanceof ApiError && (err.code === 'concurrent_change' || err.code === 'email_taken');

/**
 * The customer an ID token signs in, by the matching rules above (a new customer is created with the
 * provider linked, in the channel of the return URL).
 */
export async function oidcSignIn(
  env: Bindings,
  provider: OidcProviderRow,
  claims: IDToken,
  place: { ownOrigin: string; returnTo: string; ip?: string },
  retried = false,
): Promise<SessionSubject> {
  const db = env.DB;
  const linked = await findIdentity(db, provider, claims.sub);
  // A store that requires confirmed emails (EMAIL_VERIFICATION=required) starts no session for an
  // unconfirmed account, whichever way in: not through a linked provider, nor by creating an account
  // from an email the provider did not verify (the shopper signs up and confirms the code instead).
  const confirmedOnly = verificationRequired(env);
  if (linked) {
    const customer = await findAccountById(db, linked.customer_id);
    if (customer) {
      if (confirmedOnly && !customer.email_verified) throw new OidcError('email_unverified', `customer ${customer.id} has not confirmed their email`);
      return mayStartSession(customer);
    }
  }
  const { email, verified } = verifiedEmailOf(claims);
  if (!email) {
    const got = typeof claims.email === 'string' ? 'an email that is not valid' : 'no email claim';
    throw new OidcError('email_required', `${provider.slug}: ${got} in the ID token or UserInfo, and no link for this subject`);
  }
  if (confirmedOnly && !verified) throw new OidcError('email_unverified', `${provider.slug} did not verify the email`);
  try {
    const existing = await findAccountByEmail(db, email);
    if (existing) {
      if (!verified) throw new OidcError('account_exists', `${provider.slug} did not verify the email`);
      if (!existing.email_verified) throw new OidcError('account_exists', 'the account has not verified its email');
      mayStartSession(existing);
      // Whoever held a session before the provider's holder arrived keeps none (revocation first, then the link).
      await runBatch(db, [
        ...revokeEverywhereStatements(db, existing.id),
        ...linkStatements(db, {
          provider: provider.slug,
          issuer: provider.issuer,
          subject: claims.sub,
          email,
          customerId: existing.id,
          actor: shopperActor({ email }),
        }),
      ]);
      return { ...existing, token_version: existing.token_version + 1 };
    }
    const channelId = await channelOfReturnUrl(db, place.ownOrigin, place.returnTo);
    const [created] = await createCustomers(env, [{ email, ...namesOf(claims, email) }], {
      kind: 'oidc',
      ip: place.ip,
      channelId,
      identity: { provider: provider.slug, issuer: provider.issuer, subject: claims.sub },
      emailVerified: verified,
    });
    return created!;
  } catch (err) {
    // Match again against the winner's result.
    if (lostRace(err) && !retried) return oidcSignIn(env, provider, claims, place, true);
    throw err;
  }
}

/** Links the identity of an ID token to the customer who asked from their profile. */
export async function linkIdentity(env: Bindings, provider: OidcProviderRow, claims: IDToken, customerId: number, locale?: Locale): Promise<void> {
  const db = env.DB;
  const customer = await findAccountById(db, customerId);
  if (!customer) throw new OidcError('account_not_found', `customer ${customerId} no longer exists`);
  const linked = await findIdentity(db, provider, claims.sub);
  if (linked) {
    if (linked.customer_id !== customerId)
      throw new OidcError('identity_in_use', `${provider.slug} subject is linked to customer ${linked.customer_id}`);
    return;
  }
  const link = {
    provider: provider.slug,
    issuer: provider.issuer,
    subject: claims.sub,
    email: verifiedEmailOf(claims).email,
    customerId,
    actor: shopperActor(customer),
  };
  await runBatch(db, linkStatements(db, link), { unique: () => new OidcError('identity_in_use') });
  await mailSignInMethodChange(env, customer.email, 'linked', provider.slug, locale);
}

/** The shopper's links, with each provider's display name (null when it was removed or disabled). */
export async function listIdentities(db: D1Database, customerId: number) {
  const rows = await listCustomerIdentities(db, customerId);
  return rows.map((r) => ({ provider: r.provider, name: r.provider_name, email: r.email, date_created: r.date_created }));
}

/**
 * Unlinks a provider, unless it is the shopper's last way to sign in (no password, no other enabled
 * provider): checked inside the DELETE, so two concurrent unlinks cannot both pass.
 */
export async function unlinkIdentity(
  env: Bindings,
  shopper: LiveShopper,
  slug: string,
  proof: { currentPassword?: string; locale?: Locale } = {},
): Promise<void> {
  const db = env.DB;
  await confirmRecentAuthentication(env, shopper, proof.currentPassword);
  const [deleted] = await runBatch(db, [deleteIdentityUnlessLastStatement(db, shopper.id, slug)]);
  if (!deleted!.meta.changes) {
    const linked = (await listCustomerIdentities(db, shopper.id)).some((r) => r.provider === slug);
    if (!linked) throw new ApiError('identity_not_linked');
    throw new ApiError('last_sign_in_method', { detail: 'Set a password (through "forgot password") or link another provider before removing it.' });
  }
  await runBatch(
    db,
    [insertTimelineEventStatement(db, customerIdRef(shopper.id), 'identity_unlinked', shopperActor(shopper), { provider: slug })],
    SHOPPER_WRITE,
  );
  await mailSignInMethodChange(env, shopper.email, 'unlinked', slug, proof.locale);
}

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
  const results = await runBatch(db, purgeNow() ? [purgeExpiredJtisStatement(db), use] : [use]);
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
