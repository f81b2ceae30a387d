// Sign in with OpenID Connect, linking and unlinking providers (routes/storefront/oidc.ts).
import * as z from 'zod';
import type { ErrorCode } from '../../../shared/error-codes';
import { operations } from '../../types';
import { LOCATION_HEADER, REFRESH_COOKIE_HEADER } from './schemas';

const BROWSER_FLOW =
  'A browser route: failures never answer 500. Once a safe return URL is known the browser is sent back to it with `#oidc-error=<code>`; before that it gets a small HTML error page with the status of the code. Clients that send `Accept: application/json` get the error body (with `code`) instead, with that status.';

/** What discovering the provider and starting an authorization there can refuse. */
const START_ERRORS: ErrorCode[] = ['unknown_provider', 'provider_misconfigured', 'provider_unavailable'];

/** The state cookie /start and the link URL set (the callback clears it). */
const STATE_COOKIE = {
  'Set-Cookie': {
    description:
      '`sfa_oidc_state=…; Path=/storefront/oidc; HttpOnly; Secure; SameSite=Lax`: binds the attempt to this browser (the callback must come with it).',
    schema: { type: 'string' },
  },
};

const IdentitySchema = z
  .object({
    provider: z.string().describe("The provider's slug."),
    name: z.string().nullable().describe("The provider's display name; null when it is disabled or its issuer changed."),
    email: z.string().describe('The email the provider shared when the link was made.'),
    date_created: z.string(),
  })
  .meta({ id: 'Identity', description: 'A provider account linked to the shopper.' });

export default operations({
  'GET /storefront/oidc/providers': {
    summary: 'The enabled sign-in providers',
    description: 'For "Continue with …" buttons. Cached for a minute.',
    auth: 'public',
    responses: {
      200: {
        description: 'The providers.',
        schema: z.object({
          data: z.array(
            z.object({
              slug: z.string(),
              name: z.string(),
              start_url: z.string().describe('`GET /storefront/oidc/{slug}/start` on this worker: open it (add `return_to`).'),
            }),
          ),
        }),
      },
    },
  },

  'GET /storefront/oidc/{provider}/start': {
    browserFlow: true,
    summary: 'Start signing in with a provider',
    description: `Sends the browser to the provider (authorization code with PKCE S256, state and nonce) and sets the state cookie. \`return_to\` is where the browser comes back to: a path on this site or a URL on one of the store's storefronts. Limited per IP.\n\n${BROWSER_FLOW}`,
    auth: 'public',
    query: z.object({
      return_to: z
        .string()
        .optional()
        .describe("Where to come back to after signing in (default: the account page). A path here or a URL on one of the store's storefronts."),
    }),
    responses: {
      302: {
        description: "To the provider's authorization endpoint (or back to `return_to` with `#oidc-error=<code>`).",
        headers: { ...LOCATION_HEADER, ...STATE_COOKIE },
      },
    },
    errors: ['rate_limited', 'invalid_return_to', ...START_ERRORS],
  },

  'GET /storefront/oidc/{provider}/callback': {
    browserFlow: true,
    summary: "The provider's redirect back",
    description: `Where the provider sends the browser (registered there as the redirect URI). Checks the state (one-time, bound to this browser by its cookie), redeems the code, verifies the ID token, then either starts a session (the \`sfa_refresh\` cookie) and redirects to the return URL, or, for a link attempt, links the provider account and redirects with \`#oidc-linked=<provider>\`.\n\n${BROWSER_FLOW}`,
    auth: 'public',
    query: z.object({
      state: z.string().optional(),
      code: z.string().optional(),
      error: z.string().optional().describe("The provider's refusal (`access_denied` when the shopper cancelled)."),
      error_description: z.string().optional(),
      iss: z.string().optional(),
      locale: z.string().optional().describe('The language of a link notice mail (else Accept-Language).'),
    }),
    responses: {
      302: {
        description: 'Back to the return URL: signed in, with `#oidc-linked=<provider>` after a link, or with `#oidc-error=<code>`.',
        headers: {
          ...LOCATION_HEADER,
          'Set-Cookie': {
            description: `${REFRESH_COOKIE_HEADER['Set-Cookie']!.description} Set when a session starts; the state cookie is cleared.`,
            schema: { type: 'string' },
          },
        },
      },
    },
    errors: [
      'invalid_state',
      'expired_state',
      'access_denied',
      'provider_error',
      'invalid_code',
      'invalid_id_token',
      'invalid_return_to',
      'email_required',
      'email_unverified',
      'account_exists',
      'identity_in_use',
      'account_not_found',
      'password_reset_required',
      ...START_ERRORS,
    ],
  },

  'GET /storefront/oidc/link/{ticket}': {
    browserFlow: true,
    summary: 'Open a link URL',
    description: `The one-time URL \`POST /storefront/customer/oidc/{provider}/link\` answered, opened by the shopper's own browser: sets the state cookie and sends the browser to the provider, so a link URL sent to someone else cannot link their provider account. Limited per IP.\n\n${BROWSER_FLOW}`,
    auth: 'public',
    responses: {
      302: {
        description: "To the provider's authorization endpoint (or back with `#oidc-error=<code>`).",
        headers: { ...LOCATION_HEADER, ...STATE_COOKIE },
      },
    },
    errors: ['invalid_state', 'expired_state', ...START_ERRORS],
  },

  'POST /storefront/customer/oidc/{provider}/link': {
    summary: 'Start linking a provider',
    description:
      "Answers a one-time URL on this worker for the shopper's browser to open (`GET /storefront/oidc/link/{ticket}`). A linked provider is a permanent way in, so this needs a recent sign-in or, with a password, `current_password`. Limited per IP.",
    responses: {
      200: {
        description: 'The URL to open in this browser.',
        schema: z.object({ authorization_url: z.string() }),
        headers: { 'Cache-Control': { description: '`no-store`', schema: { type: 'string' } } },
      },
    },
    errors: ['reauthentication_required', 'wrong_current_password', 'invalid_return_to', 'unknown_provider'],
  },

  'GET /storefront/customer/identities': {
    summary: "The shopper's linked providers",
    responses: {
      200: {
        description: 'The linked providers, and whether the account has a password (unlinking the last way in is refused).',
        schema: z.object({ data: z.array(IdentitySchema), meta: z.object({ has_password: z.boolean() }) }),
      },
    },
  },

  'DELETE /storefront/customer/identities/{provider}': {
    summary: 'Unlink a provider',
    description:
      'Refused when it is the last way in (no password, no other provider, no passkey). Needs a recent sign-in or, with a password, `current_password` in the optional JSON body. The owner is mailed a notice (`?locale=` or Accept-Language).',
    body: z.object({ current_password: z.string().max(1024).optional() }).optional(),
    query: z.object({ locale: z.string().optional().describe("The notice mail's language (else Accept-Language, else English).") }),
    responses: { 204: { description: 'Unlinked.' } },
    errors: ['identity_not_linked', 'last_sign_in_method', 'reauthentication_required', 'wrong_current_password', 'rate_limited', 'bad_request'],
  },
});
