// POST /storefront/customers (routes/storefront/sign-up.ts).
import * as z from 'zod';
import { operations } from '../../types';
import { OwnProfileSchema, REFRESH_COOKIE_HEADER, SessionSchema } from './schemas';

const VerificationRequiredSchema = z
  .object({ customer: OwnProfileSchema, verification: z.literal('required').describe('No session yet: confirm the mailed code first.') })
  .meta({ id: 'SignUpVerificationRequired' });

export default operations({
  'POST /storefront/customers': {
    summary: 'Sign up',
    description: [
      "Creates the shopper's account (the built-in fields, the store's customer form fields, optional newsletter consents) and mails a verification code to its address.",
      'Where the store lets shoppers in before they confirm the email (`EMAIL_VERIFICATION=optional`, the default), the answer starts a session: the profile, the access token and the `sfa_refresh` cookie.',
      "Where the email must be confirmed first (`required`), or without a password (passkey sign-up, `PASSKEY_SIGNUP`), it answers `verification: 'required'` and no tokens; the session then comes from `POST /storefront/session/code/confirm`. Either way the `sfa_code_proof` cookie ties the mailed code to this browser.",
      'An email already in use answers 409 `email_taken`: a sign-up that silently "succeeds" confuses real shoppers more than it slows an attacker. Limited per IP (failed attempts count).',
    ].join('\n\n'),
    responses: {
      201: {
        description: 'The account exists: with a session (`Session`), or waiting for the email code (`verification: "required"`).',
        schema: z.union([SessionSchema, VerificationRequiredSchema]),
        headers: {
          'Set-Cookie': {
            description: `${REFRESH_COOKIE_HEADER['Set-Cookie']!.description} Set only with a session. Also \`sfa_code_proof\` (same attributes, 15 minutes): the proof that this browser asked for the mailed code.`,
            schema: { type: 'string' },
          },
        },
      },
    },
    errors: ['email_taken', 'concurrent_change'],
  },
});
