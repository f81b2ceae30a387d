// Log in, refresh, log out, log out everywhere (routes/storefront/session.ts).
import * as z from 'zod';
import { operations } from '../../types';
import { CLEARED_COOKIE_HEADER, sessionResponse } from './schemas';

const refreshBody = z
  .object({
    refresh_token: z
      .string()
      .max(200)
      .optional()
      .describe('Only where the store allows the refresh token in the body (REFRESH_IN_BODY=true); the `sfa_refresh` cookie wins when both come.'),
  })
  .optional();

export default operations({
  'POST /storefront/session': {
    summary: 'Log in with email and password',
    description:
      'Starts a session: the profile and an access token, and the rotating refresh token in the `sfa_refresh` cookie. Repeated failures lock the email for a while (429 `rate_limited`). Where the store requires a confirmed email and this one is not, the right password answers 403 `email_unverified`, mails a code and sets the `sfa_code_proof` cookie: confirm it with `POST /storefront/session/code/confirm`.',
    responses: { 200: sessionResponse('Signed in.') },
    errors: ['invalid_credentials', 'password_reset_required', 'email_unverified', 'rate_limited', 'concurrent_change'],
  },

  'POST /storefront/session/refresh': {
    summary: 'Refresh the session',
    description:
      'Rotates the refresh token (the cookie, or `refresh_token` in the body where allowed) and answers a new access token. A refused token (unknown, expired, reused: reuse ends the whole session family) answers 401 `session_ended` and clears the cookie.',
    auth: 'refresh',
    body: refreshBody,
    responses: { 200: sessionResponse('A new access token; the cookie holds the next refresh token.') },
    errors: ['session_ended', 'validation_failed'],
  },

  'DELETE /storefront/session': {
    summary: 'Log out (this device)',
    description: 'Ends the session of the presented refresh token (if any: logging out twice is fine) and clears the cookie. The body is optional.',
    auth: 'refresh',
    body: refreshBody,
    responses: { 204: { description: 'Logged out.', headers: CLEARED_COOKIE_HEADER } },
    errors: ['malformed_json'],
  },

  'DELETE /storefront/sessions': {
    summary: 'Log out everywhere',
    description: "Ends every session of the shopper and makes every access token issued so far fail (`token_revoked`); clears this browser's cookie.",
    responses: { 204: { description: 'Every session ended.', headers: CLEARED_COOKIE_HEADER } },
  },
});
