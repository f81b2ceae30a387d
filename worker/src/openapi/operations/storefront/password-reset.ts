// Password reset (routes/storefront/password-reset.ts).
import * as z from 'zod';
import { operations } from '../../types';

export default operations({
  'POST /storefront/password-reset': {
    summary: 'Request a password reset link',
    description:
      'Always the same 202, whether or not an account has this email: the lookup, the token and the mail happen after the answer, so its timing tells nothing either. Limited per IP and per email (429).',
    responses: {
      202: {
        description: 'Accepted.',
        schema: z.object({ status: z.literal('accepted'), detail: z.string() }),
      },
    },
    errors: ['rate_limited'],
  },

  'POST /storefront/password-reset/confirm': {
    summary: 'Set a new password with the reset token',
    description: 'Sets the password (the policy applies), ends every session and mails the owner a notice. Sign in afterwards.',
    responses: { 204: { description: 'The password is set.' } },
    errors: ['reset_token_invalid'],
  },
});
