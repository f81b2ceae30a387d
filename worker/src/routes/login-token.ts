// GET /login/token/{jwt}: Customer Login SSO as BigCommerce defines it. A trusted app signs a short-lived
// HS256 JWT with its client secret; the shopper's browser opens this URL; we verify it
// (auth/login-tokens.ts), check the customer may be signed in and spend the token's jti
// (accounts/identities.ts), start the shopper's session (refresh cookie), then redirect to `redirect_to`
// if it stays on this site or a storefront of the store (accounts/return-urls.ts).
//
// Failures answer with the error shape to clients that Accept JSON and with a small HTML page (no
// script, text escaped) to browsers, with the same status: never a 500.
import { Hono } from 'hono';
import { CLOCK_SKEW_SECONDS, loginTokenIssuer, loginTokenMaxAge, verifyLoginToken } from '../auth/login-tokens';
import { deliverSession } from '../auth/refresh-tokens';
import { activeAppSecret } from '../accounts/apps';
import { loginTokenSubject } from '../accounts/app-identities';
import { safeReturnUrl } from '../accounts/return-urls';
import { startSession } from '../accounts/sessions';
import type { AppEnv } from '../env';
import { ApiError, fieldError } from '../errors';
import { failurePage, noStore } from '../middleware/browser-flows';
import { clientIp } from '../middleware/rate-limit';
import { toIso } from '../time';

const offSite = () =>
  new ApiError('login_token_claims_invalid', {
    errors: { redirect_to: fieldError('invalid_value', 'Must be a path on this site ("/account") or a URL on one of the store\'s storefronts') },
  });

const routes = new Hono<AppEnv>().get('/:jwt', async (c) => {
  // Hono answers HEAD with the GET handler; a HEAD (link checkers, prefetchers) must not spend the
  // single-use token, so it gets headers only and nothing is verified or recorded.
  if (c.req.method === 'HEAD') return c.body(null, 200, { 'Cache-Control': 'no-store' });
  try {
    const token = c.req.param('jwt');
    const app = await activeAppSecret(c.env, loginTokenIssuer(token));
    if (!app) throw new ApiError('app_not_found', { detail: 'No active app has this client id (iss); it may have been revoked.' });
    const claims = await verifyLoginToken(c.env, token, app.secret);
    const ip = clientIp(c);
    if (claims.request_ip !== undefined && claims.request_ip !== ip) {
      throw new ApiError('login_token_wrong_ip', { detail: 'Its request_ip does not match the address of this request.' });
    }
    const location = claims.redirect_to ? await safeReturnUrl(c.env.DB, new URL(c.req.url).origin, claims.redirect_to) : '/';
    if (location === null) throw offSite();

    const subject = await loginTokenSubject(c.env, {
      clientId: app.clientId,
      jti: claims.jti,
      customerId: claims.customer_id,
      channelId: claims.channel_id,
      // Kept until the token could no longer pass the freshness check anyway (plus a margin).
      jtiExpiresAt: toIso(new Date((claims.iat + loginTokenMaxAge(c.env) + CLOCK_SKEW_SECONDS + 60) * 1000)),
    });
    deliverSession(c, await startSession(c.env, subject, { ip, userAgent: c.req.header('User-Agent') }));
    noStore(c);
    // `#sfa-session` tells the widget on the landing page that this browser now has a session (it sends
    // no refresh on page views without that hint: widget/src/session.ts). A redirect_to with a fragment
    // of its own keeps it; such an app adds the marker itself.
    return c.redirect(location.includes('#') ? location : `${location}#sfa-session`, 302);
  } catch (err) {
    if (err instanceof ApiError) return failurePage(c, err);
    console.error('SSO sign-in failed unexpectedly', err);
    return failurePage(c, new ApiError('unavailable', { detail: 'Please try again in a moment.' }));
  }
});

export default routes;
