// OpenID Connect: which customer an ID token signs in, linking and unlinking providers, the one-time
// authorization states. (Customer Login SSO and Current Customer, the ways a trusted app names a
// shopper, are app-identities.ts: they must not pull the OpenID Connect client into their routes.)
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
import { type Actor, customerIdRef, insertTimelineEventStatement } from '../db/timeline';
import type { Bindings, LiveShopper } from '../env';
import type { Locale } from '../mail/templates';
import { ApiError } from '../errors';
import { createCustomers } from './customers';
import { verificationRequired } from './email-ownership';
import { channelOfReturnUrl, safeReturnUrl } from './return-urls';
import { purgeDue } from '../time';
import type { SessionSubject } from './sessions';
import { SHOPPER_WRITE, shopperActor } from './shoppers';
import { confirmRecentAuthentication, issueLinkTicket, mailSignInMethodChange } from './sign-in-methods';

const SLUG = /^[a-z0-9][a-z0-9-]{0,39}$/;
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
    purgeDue() ? [purgeExpiredOidcStatesStatement(env.DB), insert] : [insert],
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
  // A store that requires confirmed emails (the policy of the storefront returned to; EMAIL_VERIFICATION
  // by default) starts no session for an unconfirmed account, whichever way in: not through a linked
  // provider, nor by creating an account from an email the provider did not verify (the shopper signs up
  // and confirms the code instead). The policy is read alongside the link (cached per isolate).
  const channelOf = async () => {
    const channelId = await channelOfReturnUrl(db, place.ownOrigin, place.returnTo);
    return { channelId, confirmedOnly: await verificationRequired(env, channelId) };
  };
  const [linked, { channelId, confirmedOnly }] = await Promise.all([findIdentity(db, provider, claims.sub), channelOf()]);
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
 * provider, no passkey: db/ways-in.ts): checked inside the DELETE, so two concurrent unlinks cannot both pass.
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
    throw new ApiError('last_sign_in_method', {
      detail: 'Set a password (through "forgot password"), link another provider or add a passkey before removing it.',
    });
  }
  await runBatch(
    db,
    [insertTimelineEventStatement(db, customerIdRef(shopper.id), 'identity_unlinked', shopperActor(shopper), { provider: slug })],
    SHOPPER_WRITE,
  );
  await mailSignInMethodChange(env, shopper.email, 'unlinked', slug, proof.locale);
}
