// Sign in with an OpenID Connect provider (docs/storefront-api.md "Sign in with OpenID Connect").
//   GET  /storefront/oidc/providers                  the enabled providers, for "Continue with …" buttons
//   GET  /storefront/oidc/{provider}/start           → 302 to the provider (code + PKCE S256 + state + nonce)
//   GET  /storefront/oidc/{provider}/callback        → a normal session, then 302 back to return_to
//   POST /storefront/customer/oidc/{provider}/link   → {authorization_url}: a one-time URL on the worker,
//   GET  /storefront/oidc/link/{ticket}              which sets the state cookie and 302s to the provider
//   GET  /storefront/customer/identities · DELETE /storefront/customer/identities/{provider}
// Which customer an ID token signs in, and linking, are accounts/identities.ts.
//
// Why the state cookie: `state` in D1 makes each attempt one-time; the HttpOnly cookie set by /start
// binds it to the browser that started it, so a callback URL from someone else's attempt (login CSRF:
// signing the victim into the attacker's account) is refused. Link attempts are started by an
// authenticated API call and carry the customer id, and are bound to the browser the same way: the
// call answers a one-time URL on the worker that sets the cookie when that browser opens it, so a link
// URL sent to a victim cannot link the victim's provider account to the sender's account.
//
// Failures never answer 500: the shopper is sent back to the return URL with `#oidc-error=<code>`, or,
// before a return URL is known to be safe, gets the error shape (JSON clients) or a small HTML page.
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import * as z from 'zod/mini';
import {
  enabledProvider,
  linkIdentity,
  listEnabledProviders,
  listIdentities,
  oidcRedirectUri,
  oidcReturnUrl,
  oidcSignIn,
  startAuthorization,
  startLinking,
  takeAuthorizationState,
  unlinkIdentity,
} from '../../accounts/identities';
import { startSession } from '../../accounts/sessions';
import { openLinkTicket } from '../../accounts/sign-in-methods';
import { completeAuthorization, OidcError, STATE_TTL_SECONDS } from '../../auth/oidc';
import { deliverSession } from '../../auth/refresh-tokens';
import type { AppEnv } from '../../env';
import { ApiError, errorBody } from '../../errors';
import { failurePage, noStore, wantsJson } from '../../middleware/browser-flows';
import { clientIp, rateLimit } from '../../middleware/rate-limit';
import { localeOf } from '../../mail/templates';
import { isoNow } from '../../time';
import { liveRead } from '../../middleware/live-shopper';
import { sharedCache } from '../../middleware/shared-cache';
import { validate } from '../../validation';

const OIDC_STATE_COOKIE = 'sfa_oidc_state';
const STATE_COOKIE_PATH = '/storefront/oidc';

const linkBody = z.strictObject({
  return_to: z.optional(z.string().check(z.maxLength(2048))),
  current_password: z.optional(z.string().check(z.maxLength(1024))),
});

const unlinkBody = z.strictObject({ current_password: z.optional(z.string().check(z.maxLength(1024))) });

type Ctx = Context<AppEnv>;

const ownOrigin = (c: Ctx) => new URL(c.req.url).origin;
const redirectUri = (c: Ctx, slug: string) => oidcRedirectUri(ownOrigin(c), slug);

/** Where the shopper goes when no return URL is known yet: the account page (ACCOUNT_URL) or the site root. */
const defaultReturn = (c: Ctx) => c.env.ACCOUNT_URL || '/';

/** `target` with its fragment replaced by `fragment`. */
function withFragment(target: string, fragment: string): string {
  const hash = target.indexOf('#');
  return `${hash === -1 ? target : target.slice(0, hash)}#${fragment}`;
}

/** An OidcError's detail is for the log, never the response. Every refusal is logged, with why when known. */
function logRefusal(err: OidcError, what: string) {
  console.warn(`${what}: ${err.code}${err.detail ? `: ${err.detail}` : ''}`);
}

const startLimit = rateLimit('LOGIN_LIMITER');

/** The per-IP limit of /start; refused, it is a failure of the browser flow like any other (`#oidc-error=rate_limited`). */
async function limitStart(c: Parameters<typeof startLimit>[0]): Promise<void> {
  try {
    await startLimit(c, () => Promise.resolve());
  } catch (err) {
    if (err instanceof ApiError && err.code === 'rate_limited') throw new OidcError('rate_limited', `per-IP limit of ${c.req.path}`);
    throw err;
  }
}

/**
 * A failed browser flow: back to `returnTo` with `#oidc-error=<code>` when it is known to be safe,
 * otherwise the error page; JSON clients get the error shape (with `code`) either way.
 */
function flowFailure(c: Ctx, err: unknown, returnTo: string | null): Response {
  const oidcErr = err instanceof OidcError ? err : new OidcError('provider_unavailable', 'unexpected');
  if (!(err instanceof OidcError)) console.error('OIDC sign-in failed unexpectedly', err);
  else logRefusal(oidcErr, 'OIDC sign-in refused');
  noStore(c);
  if (wantsJson(c)) {
    const body = errorBody(oidcErr.code);
    return c.json(body, new ApiError(oidcErr.code).status);
  }
  if (returnTo === null) return failurePage(c, new ApiError(oidcErr.code));
  return c.redirect(withFragment(returnTo, `oidc-error=${oidcErr.code}`), 302);
}

/**
 * Sends the browser to the provider, binding the attempt to it: the state cookie (Lax: sent on the
 * provider's top-level redirect back to the callback, never on cross-site subrequests).
 */
function toProvider(c: Ctx, request: { state: string; url: string }): Response {
  setCookie(c, OIDC_STATE_COOKIE, request.state, {
    httpOnly: true,
    secure: true,
    sameSite: 'Lax',
    path: STATE_COOKIE_PATH,
    maxAge: STATE_TTL_SECONDS,
  });
  noStore(c);
  return c.redirect(request.url, 302);
}

const oidc = new Hono<AppEnv>()
  // Read by every log-in and sign-up view, guests' included: from the data centre's cache for a minute.
  .get('/providers', sharedCache, async (c) => {
    const providers = await listEnabledProviders(c.env.DB);
    return c.json({ data: providers.map((p) => ({ slug: p.slug, name: p.name, start_url: `${ownOrigin(c)}/storefront/oidc/${p.slug}/start` })) });
  })

  .get('/:provider/start', async (c) => {
    let returnTo: string | null = null;
    try {
      await limitStart(c);
      returnTo = await oidcReturnUrl(c.env.DB, ownOrigin(c), c.req.query('return_to'), defaultReturn(c));
      const provider = await enabledProvider(c.env.DB, c.req.param('provider'));
      const request = await startAuthorization(c.env, provider, { redirectUri: redirectUri(c, provider.slug), returnTo, linkCustomerId: null });
      return toProvider(c, request);
    } catch (err) {
      if (err instanceof OidcError && err.code === 'rate_limited') {
        returnTo = await oidcReturnUrl(c.env.DB, ownOrigin(c), c.req.query('return_to'), defaultReturn(c)).catch(() => null);
      }
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
      const row = await takeAuthorizationState(c.env, state);
      if (!row) throw new OidcError('invalid_state', 'unknown or already used');
      returnTo = row.return_to;
      if (row.provider !== slug) throw new OidcError('invalid_state', 'state of another provider');
      // Link attempts too (issue 13): their state cookie is set when the shopper's browser opens the one-time link URL.
      if (cookieState !== state) throw new OidcError('invalid_state', 'not started in this browser');
      if (row.expires_at < isoNow()) throw new OidcError('expired_state');
      if (cookieState === state) deleteCookie(c, OIDC_STATE_COOKIE, { path: STATE_COOKIE_PATH, secure: true, sameSite: 'Lax', httpOnly: true });

      const provider = await enabledProvider(c.env.DB, slug);
      const claims = await completeAuthorization(c.env, provider, row, new URL(c.req.url).searchParams, state, redirectUri(c, slug));
      noStore(c);
      if (row.link_customer_id !== null) {
        await linkIdentity(c.env, provider, claims, row.link_customer_id, browserLocale(c));
        return c.redirect(withFragment(returnTo, `oidc-linked=${slug}`), 302);
      }
      const ip = clientIp(c);
      const subject = await oidcSignIn(c.env, provider, claims, { ownOrigin: ownOrigin(c), returnTo, ip });
      deliverSession(c, await startSession(c.env, subject, { ip, userAgent: c.req.header('User-Agent') }));
      return c.redirect(returnTo, 302);
    } catch (err) {
      return flowFailure(c, err, returnTo);
    }
  });

/** The shopper's language for a mail sent from a browser navigation or a bodyless request (Accept-Language; else English). */
const browserLocale = (c: Ctx) => localeOf(c.req.query('locale') ?? c.req.header('Accept-Language')?.slice(0, 2).toLowerCase());

// The one-time link URL `POST /storefront/customer/oidc/{p}/link` answered, opened by the shopper's own
// browser: it binds the link attempt to this browser (the state cookie, as /start does) and only then
// sends it to the provider. Opened anywhere else, the callback finds no cookie; opened twice, nothing.
oidc.get('/link/:ticket', rateLimit('LOGIN_LIMITER'), async (c) => {
  // As for a callback: before the ticket names its return URL, failures go to the account page.
  let returnTo = defaultReturn(c);
  try {
    const ticket = await openLinkTicket(c.env, c.req.param('ticket'));
    returnTo = ticket.return_to;
    const provider = await enabledProvider(c.env.DB, ticket.provider);
    const request = await startAuthorization(c.env, provider, {
      redirectUri: redirectUri(c, provider.slug),
      returnTo,
      linkCustomerId: ticket.customer_id,
    });
    return toProvider(c, request);
  } catch (err) {
    return flowFailure(c, err, returnTo);
  }
});

export default oidc;

/** An OidcError of a JSON route as the error shape with `code` (no detail: that is for the log). */
function rethrowAsApiError(err: unknown): never {
  if (!(err instanceof OidcError)) throw err;
  logRefusal(err, 'OIDC request refused');
  throw new ApiError(err.code);
}

/** The customer-authenticated part, mounted under /storefront/customer (the live-shopper check applies). */
export const customerOidc = new Hono<AppEnv>()
  .post('/oidc/:provider/link', rateLimit('LOGIN_LIMITER'), validate('json', linkBody), async (c) => {
    const body = c.req.valid('json');
    try {
      const request = await startLinking(c.env, c.var.shopper, {
        slug: c.req.param('provider'),
        ownOrigin: ownOrigin(c),
        returnTo: body.return_to,
        fallbackReturn: defaultReturn(c),
        currentPassword: body.current_password,
      });
      noStore(c);
      return c.json({ authorization_url: request.url });
    } catch (err) {
      rethrowAsApiError(err);
    }
  })

  .get('/identities', async (c) => {
    const { shopper, value } = await liveRead(c, listIdentities);
    return c.json({ data: value, meta: { has_password: shopper.hasPassword } });
  })

  .delete('/identities/:provider', async (c) => {
    // An optional JSON body `{current_password}`: the recent-authentication proof of an account with a password.
    const body = /^application\/json\s*(;|$)/i.test(c.req.header('Content-Type') ?? '') ? await c.req.json<unknown>().catch(() => null) : null;
    const parsed = unlinkBody.safeParse(body ?? {});
    if (!parsed.success) throw new ApiError('bad_request');
    await unlinkIdentity(c.env, c.var.shopper, c.req.param('provider'), { currentPassword: parsed.data.current_password, locale: browserLocale(c) });
    return c.body(null, 204);
  });
