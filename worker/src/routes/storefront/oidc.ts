// Sign in with an OpenID Connect provider (README "Sign in with OpenID Connect").
//   GET  /storefront/oidc/providers                  the enabled providers, for "Continue with …" buttons
//   GET  /storefront/oidc/{provider}/start           → 302 to the provider (code + PKCE S256 + state + nonce)
//   GET  /storefront/oidc/{provider}/callback        → a normal session, then 302 back to return_to
//   POST /storefront/customer/oidc/{provider}/link   → {authorization_url} linking the signed-in customer
//   GET  /storefront/customer/identities · DELETE /storefront/customer/identities/{provider}
//
// Account matching: the (provider, subject) link first; else the email, but only when the provider says
// `email_verified: true` (then the link is stored); else a new customer without a password. An existing
// account is never taken over through an unverified email: the shopper is sent back with
// `account_exists` and can link the provider from the profile after signing in with the password.
//
// Why the state cookie: `state` in D1 makes each attempt one-time; the HttpOnly cookie set by /start
// binds it to the browser that started it, so a callback URL from someone else's attempt (login CSRF:
// signing the victim into the attacker's account) is refused. Link attempts are started by an
// authenticated API call rather than a navigation, so they carry the customer id instead.
//
// Failures never answer 500: the shopper is sent back to the return URL with `#oidc-error=<code>`, or,
// before a return URL is known to be safe, gets the error shape (JSON clients) or a small HTML page.
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { IDToken } from 'oauth4webapi';
import * as z from 'zod';
import {
  OIDC_ERRORS,
  OidcError,
  STATE_TTL_SECONDS,
  authorizationRequest,
  completeAuthorization,
  hashState,
  type OidcErrorCode,
} from '../../auth/oidc';
import { startSession } from '../../auth/sessions';
import { listChannelOrigins } from '../../db/channels';
import { getPasswordHash, insertCustomerStatements } from '../../db/customers';
import {
  consumeOidcState,
  deleteIdentityUnlessLast,
  findIdentity,
  getOidcCustomerByEmail,
  getOidcCustomerById,
  getOidcProviderBySlug,
  insertIdentity,
  insertOidcState,
  listCustomerIdentities,
  listOidcProviders,
  type OidcCustomer,
  type OidcProviderRow,
} from '../../db/oidc';
import { isUniqueViolation } from '../../db/sql';
import { insertTimelineEvent } from '../../db/timeline';
import type { AppEnv } from '../../env';
import { ApiError, errorType } from '../../errors';
import { revokedToken } from '../../middleware/customer-auth';
import { currentPasswordValid } from './customer';
import { clientIp, rateLimit } from '../../middleware/rate-limit';
import { isoNow } from '../../time';
import { validate } from '../../validation';
import { failure, redirectTarget, wantsJson } from '../login-token';

export const OIDC_STATE_COOKIE = 'sfa_oidc_state';
const STATE_COOKIE_PATH = '/storefront/oidc';
const SLUG = /^[a-z0-9][a-z0-9-]{0,39}$/;
/** Roughly one /start in this many also purges expired states. */
const PURGE_ONE_IN = 20;

const linkBody = z.object({ return_to: z.string().max(2048).optional(), current_password: z.string().max(1024).optional() }).strict();
const emailClaim = z.email().max(250);

type Ctx = Context<AppEnv>;

const redirectUri = (c: Ctx, slug: string) => `${new URL(c.req.url).origin}/storefront/oidc/${slug}/callback`;

/** Where the shopper goes when no return URL is known yet: the account page (ACCOUNT_URL) or the site root. */
const defaultReturn = (c: Ctx) => c.env.ACCOUNT_URL || '/';

async function enabledProvider(c: Ctx, slug: string): Promise<OidcProviderRow> {
  const provider = SLUG.test(slug) ? await getOidcProviderBySlug(c.env.DB, slug) : null;
  if (!provider || !provider.enabled) throw new OidcError('unknown_provider', slug.slice(0, 40));
  return provider;
}

/** A same-site (or storefront) return URL; the login-token rules, reported as `invalid_return_to`. */
async function returnTarget(c: Ctx, returnTo: string | undefined): Promise<string> {
  if (returnTo === undefined || returnTo === '') return defaultReturn(c);
  try {
    return await redirectTarget(c, returnTo);
  } catch (err) {
    if (err instanceof ApiError) throw new OidcError('invalid_return_to');
    throw err;
  }
}

/** `target` with its fragment replaced by `fragment`. */
function withFragment(target: string, fragment: string): string {
  const hash = target.indexOf('#');
  return `${hash === -1 ? target : target.slice(0, hash)}#${fragment}`;
}

function errorBody(err: OidcError) {
  const { status, title } = OIDC_ERRORS[err.code];
  return { status, title, type: errorType(status), code: err.code };
}

function noStore(c: Ctx) {
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
}

/**
 * A failed browser flow: back to `returnTo` with `#oidc-error=<code>` when it is known to be safe,
 * otherwise the error page; JSON clients get the error shape (with `code`) either way.
 */
function flowFailure(c: Ctx, err: unknown, returnTo: string | null): Response {
  const oidcErr = err instanceof OidcError ? err : new OidcError('provider_unavailable', 'unexpected');
  if (!(err instanceof OidcError)) console.error('OIDC sign-in failed unexpectedly', err);
  else if (oidcErr.detail) console.warn(`OIDC sign-in refused: ${oidcErr.code}: ${oidcErr.detail}`);
  noStore(c);
  const body = errorBody(oidcErr);
  if (wantsJson(c)) return c.json(body, body.status);
  if (returnTo === null) return failure(c, new ApiError(body.status, body.title));
  return c.redirect(withFragment(returnTo, `oidc-error=${oidcErr.code}`), 302);
}

/** The channel a return URL belongs to (its storefront origin), for new customers' origin channel. */
async function channelOfReturn(c: Ctx, returnTo: string): Promise<number> {
  if (returnTo.startsWith('/')) return 1;
  const origin = new URL(returnTo, c.req.url).origin;
  const channel = (await listChannelOrigins(c.env.DB)).find((ch) => ch.origins.includes(origin));
  return channel?.id ?? 1;
}

const stringClaim = (claims: IDToken, name: string): string => (typeof claims[name] === 'string' ? (claims[name] as string).trim() : '');

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

function mayStartSession(customer: OidcCustomer): OidcCustomer {
  if (customer.force_password_reset) throw new OidcError('password_reset_required');
  return customer;
}

const linkStatements = (c: Ctx, provider: OidcProviderRow, subject: string, email: string, customerId: number, actorName: string) => [
  insertIdentity(c.env.DB, { provider: provider.slug, subject, email, customerRef: { sql: '?1', params: [customerId] } }),
  insertTimelineEvent(c.env.DB, { sql: '?1', params: [customerId] }, 'identity_linked', { type: 'shopper', name: actorName }, { provider: provider.slug }),
];

/** The matching rules: link, then verified email (linked now), then a new customer. */
async function signInCustomer(c: Ctx, provider: OidcProviderRow, claims: IDToken, returnTo: string, retried = false): Promise<OidcCustomer> {
  const db = c.env.DB;
  const linked = await findIdentity(db, provider.slug, claims.sub);
  if (linked) {
    const customer = await getOidcCustomerById(db, linked.customer_id);
    if (customer) return mayStartSession(customer);
  }
  const { email, verified } = verifiedEmailOf(claims);
  if (!email) throw new OidcError('email_required');
  try {
    const existing = await getOidcCustomerByEmail(db, email);
    if (existing) {
      if (!verified) throw new OidcError('account_exists', `${provider.slug} did not verify the email`);
      mayStartSession(existing);
      await db.batch(linkStatements(c, provider, claims.sub, email, existing.id, email));
      return existing;
    }
    const [defaultGroup, channelId] = await Promise.all([
      db.prepare('SELECT id FROM customer_groups WHERE is_default = 1').first<{ id: number }>(),
      channelOfReturn(c, returnTo),
    ]);
    const ip = clientIp(c);
    const statements = insertCustomerStatements(
      db,
      [
        {
          email,
          ...namesOf(claims, email),
          customer_group_id: defaultGroup?.id ?? null,
          registration_ip_address: ip === 'unknown' ? '' : ip,
          origin_channel_id: channelId,
          channel_ids: [channelId],
          password_hash: null,
        },
      ],
      { type: 'shopper', name: email },
    );
    statements.push(insertIdentity(db, { provider: provider.slug, subject: claims.sub, email, customerRef: { sql: '(SELECT id FROM customers WHERE email = ?1)', params: [email] } }));
    await db.batch(statements);
    return (await getOidcCustomerByEmail(db, email))!;
  } catch (err) {
    // A concurrent callback for the same identity or email won the race: match again against its result.
    if (isUniqueViolation(err) && !retried) return signInCustomer(c, provider, claims, returnTo, true);
    throw err;
  }
}

/** Links the identity to the customer who asked from their profile. */
async function linkCustomer(c: Ctx, provider: OidcProviderRow, claims: IDToken, customerId: number): Promise<void> {
  const db = c.env.DB;
  const customer = await getOidcCustomerById(db, customerId);
  if (!customer) throw new OidcError('account_not_found');
  const linked = await findIdentity(db, provider.slug, claims.sub);
  if (linked) {
    if (linked.customer_id !== customerId) throw new OidcError('identity_in_use');
    return;
  }
  try {
    await db.batch(linkStatements(c, provider, claims.sub, verifiedEmailOf(claims).email, customerId, customer.email));
  } catch (err) {
    if (isUniqueViolation(err)) throw new OidcError('identity_in_use');
    throw err;
  }
}

/** Stores the state and answers with the authorization URL. */
async function beginAuthorization(c: Ctx, provider: OidcProviderRow, returnTo: string, linkCustomerId: number | null) {
  const request = await authorizationRequest(c.env, provider, { redirectUri: redirectUri(c, provider.slug), returnTo, linkCustomerId });
  await insertOidcState(c.env.DB, request.row, { purge: Math.floor(Math.random() * PURGE_ONE_IN) === 0 });
  return request;
}

const oidc = new Hono<AppEnv>()
  .get('/providers', async (c) => {
    const origin = new URL(c.req.url).origin;
    const providers = await listOidcProviders(c.env.DB, { enabledOnly: true });
    return c.json({ data: providers.map((p) => ({ slug: p.slug, name: p.name, start_url: `${origin}/storefront/oidc/${p.slug}/start` })) });
  })

  .get('/:provider/start', rateLimit('LOGIN_LIMITER'), async (c) => {
    let returnTo: string | null = null;
    try {
      returnTo = await returnTarget(c, c.req.query('return_to'));
      const provider = await enabledProvider(c, c.req.param('provider'));
      const request = await beginAuthorization(c, provider, returnTo, null);
      setCookie(c, OIDC_STATE_COOKIE, request.state, {
        httpOnly: true,
        secure: true,
        // Lax: sent on the provider's top-level redirect back to the callback, never on cross-site subrequests.
        sameSite: 'Lax',
        path: STATE_COOKIE_PATH,
        maxAge: STATE_TTL_SECONDS,
      });
      noStore(c);
      return c.redirect(request.url, 302);
    } catch (err) {
      return flowFailure(c, err, returnTo);
    }
  })

  .get('/:provider/callback', async (c) => {
    const slug = c.req.param('provider');
    let returnTo = defaultReturn(c);
    try {
      const state = c.req.query('state');
      const cookieState = getCookie(c, OIDC_STATE_COOKIE);
      if (!state || state.length > 200) throw new OidcError('invalid_state', 'no state');
      const row = await consumeOidcState(c.env.DB, await hashState(state));
      if (!row) throw new OidcError('invalid_state', 'unknown or already used');
      returnTo = row.return_to;
      if (row.provider !== slug) throw new OidcError('invalid_state', 'state of another provider');
      if (row.link_customer_id === null && cookieState !== state) throw new OidcError('invalid_state', 'not started in this browser');
      if (row.expires_at < isoNow()) throw new OidcError('expired_state');
      if (cookieState === state) deleteCookie(c, OIDC_STATE_COOKIE, { path: STATE_COOKIE_PATH, secure: true, sameSite: 'Lax', httpOnly: true });

      const provider = await enabledProvider(c, slug);
      const claims = await completeAuthorization(c.env, provider, row, new URL(c.req.url).searchParams, state, redirectUri(c, slug));
      noStore(c);
      if (row.link_customer_id !== null) {
        await linkCustomer(c, provider, claims, row.link_customer_id);
        return c.redirect(withFragment(returnTo, `oidc-linked=${slug}`), 302);
      }
      const customer = await signInCustomer(c, provider, claims, returnTo);
      await startSession(c, customer);
      return c.redirect(returnTo, 302);
    } catch (err) {
      return flowFailure(c, err, returnTo);
    }
  });

export default oidc;

/** An OidcError of a JSON route as the error shape with `code`. */
function jsonFailure(c: Ctx, err: unknown): Response {
  if (!(err instanceof OidcError)) throw err;
  if (err.detail) console.warn(`OIDC request refused: ${err.code}: ${err.detail}`);
  const body = errorBody(err);
  return c.json(body, body.status);
}

/** The customer-authenticated part, mounted under /storefront/customer (customerAuth applies). */
export const customerOidc = new Hono<AppEnv>()
  .post('/oidc/:provider/link', rateLimit('LOGIN_LIMITER'), validate('json', linkBody), async (c) => {
    const { customerId, tokenVersion } = c.var.shopper;
    const creds = await getPasswordHash(c.env.DB, customerId, tokenVersion);
    if (!creds) throw revokedToken();
    // A linked provider is a permanent way in: a stolen access token alone must not be able to add one.
    if (creds.password_hash && !(await currentPasswordValid(c.env, customerId, c.req.valid('json').current_password, creds.password_hash))) {
      throw new ApiError('wrong_current_password', { errors: { current_password: 'Your current password is not correct' } });
    }
    try {
      const returnTo = await returnTarget(c, c.req.valid('json').return_to);
      const provider = await enabledProvider(c, c.req.param('provider'));
      const request = await beginAuthorization(c, provider, returnTo, customerId);
      noStore(c);
      return c.json({ authorization_url: request.url });
    } catch (err) {
      return jsonFailure(c, err);
    }
  })

  .get('/identities', async (c) => {
    const { customerId, tokenVersion } = c.var.shopper;
    const creds = await getPasswordHash(c.env.DB, customerId, tokenVersion);
    if (!creds) throw revokedToken();
    const rows = await listCustomerIdentities(c.env.DB, customerId);
    return c.json({
      data: rows.map((r) => ({ provider: r.provider, name: r.provider_name, email: r.email, date_created: r.date_created })),
      meta: { has_password: creds.password_hash !== null },
    });
  })

  .delete('/identities/:provider', async (c) => {
    const { customerId, tokenVersion } = c.var.shopper;
    const slug = c.req.param('provider');
    const creds = await getPasswordHash(c.env.DB, customerId, tokenVersion);
    if (!creds) throw revokedToken();
    const removed = await deleteIdentityUnlessLast(c.env.DB, customerId, slug);
    if (!removed) {
      const linked = (await listCustomerIdentities(c.env.DB, customerId)).some((r) => r.provider === slug);
      if (!linked) throw new ApiError('identity_not_linked');
      throw new ApiError('last_sign_in_method', {
        detail: 'Set a password (through "forgot password") or link another provider before removing it.',
      });
    }
    await insertTimelineEvent(c.env.DB, { sql: '?1', params: [customerId] }, 'identity_unlinked', { type: 'shopper', name: creds.email }, { provider: slug }).run();
    return c.body(null, 204);
  });
