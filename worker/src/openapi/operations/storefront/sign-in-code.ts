// Sign in with an emailed code (routes/storefront/sign-in-code.ts).
import * as z from 'zod';
import { operations } from '../../types';
import { sessionResponse } from './schemas';

export default operations({
  'POST /storefront/session/code': {
    summary: 'Mail a sign-in code',
    description:
      'Mails a 6-digit code when an account has this email, and always answers the same 202 (the lookup, the code and the mail happen after the answer, so neither the body nor the timing tells whether the account exists). Limited per IP (429); codes per email are limited silently (over that limit nothing is mailed, the answer is the same).',
    responses: {
      202: {
        description: 'Accepted (whether or not an account has this email).',
        schema: z.object({
          status: z.literal('sent'),
          resend_after: z.int().describe('Seconds before asking for another code makes sense.'),
        }),
      },
    },
    errors: ['rate_limited'],
  },

  'POST /storefront/session/code/confirm': {
    summary: 'Sign in with the mailed code',
    description:
      'Starts a session like a password log-in and marks the email verified. Also how an account without a password (passkey sign-up) or with an unconfirmed email gets its first session.',
    responses: { 200: sessionResponse('Signed in.') },
    errors: ['code_invalid', 'password_reset_required', 'rate_limited', 'concurrent_change'],
  },
});
