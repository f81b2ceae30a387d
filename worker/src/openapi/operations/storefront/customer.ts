// The shopper's own account (routes/storefront/customer.ts).
import * as z from 'zod';
import { operations } from '../../types';
import { CLEARED_COOKIE_HEADER, OwnProfileSchema, REFRESH_COOKIE_HEADER, SessionTokensSchema } from './schemas';

const profileAnswer = z.object({ customer: OwnProfileSchema });

export default operations({
  'GET /storefront/customer': {
    summary: "The shopper's profile",
    responses: { 200: { description: 'The profile.', schema: profileAnswer } },
  },

  'PATCH /storefront/customer': {
    summary: 'Change the profile',
    description:
      'Changes the fields sent. A new `email` is only requested: it needs `current_password`, a code goes to the new address and `pending_email` holds it until `POST /storefront/customer/email/confirm`.',
    responses: { 200: { description: 'The profile after the change.', schema: profileAnswer } },
    errors: ['email_taken', 'password_required', 'wrong_current_password', 'rate_limited', 'concurrent_change'],
  },

  'POST /storefront/customer/email/confirm': {
    summary: 'Confirm an email change',
    description: 'The code mailed to `pending_email` makes it the email; the old address gets a notice.',
    responses: { 200: { description: 'The profile with its new email.', schema: profileAnswer } },
    errors: ['code_invalid', 'email_taken', 'rate_limited'],
  },

  'DELETE /storefront/customer': {
    summary: 'Erase the account',
    description:
      'Erases the account for good. With a password, `current_password` must confirm it; without one, the session must have signed in within the last minutes (`reauthentication_required` otherwise). The body is optional.',
    body: z.object({ current_password: z.string().max(1024).optional() }).optional(),
    responses: { 204: { description: 'Erased; the refresh cookie is cleared.', headers: CLEARED_COOKIE_HEADER } },
    errors: ['wrong_current_password', 'reauthentication_required', 'rate_limited', 'malformed_json', 'validation_failed'],
  },

  'POST /storefront/customer/password': {
    summary: 'Change the password',
    description:
      'Checks `current_password`, sets the new one (the password policy applies), ends every other session, and answers a fresh session for this device. The owner is mailed a notice.',
    responses: {
      200: {
        description: 'A new access token; the cookie holds the new refresh token.',
        schema: SessionTokensSchema,
        headers: REFRESH_COOKIE_HEADER,
      },
    },
    errors: ['wrong_current_password', 'rate_limited'],
  },
});
