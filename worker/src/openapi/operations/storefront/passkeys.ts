// Passkeys: registering and managing them, signing in with one (routes/storefront/passkeys.ts).
import * as z from 'zod';
import type { ErrorCode } from '../../../shared/error-codes';
import { operations } from '../../types';
import { PasskeyCreationOptionsSchema, PasskeyRequestOptionsSchema, PasskeySchema, sessionResponse, WEBAUTHN_COOKIE_HEADER } from './schemas';

/** What verifying a WebAuthn response can refuse (accounts/passkeys.ts, auth/webauthn.ts). */
const CEREMONY_ERRORS: ErrorCode[] = [
  'passkey_invalid',
  'passkey_challenge_invalid',
  'passkey_challenge_expired',
  'passkey_other_browser',
  'passkey_origin_invalid',
  'passkey_rp_id_invalid',
  'passkey_user_verification_required',
];

const RECENT_AUTH = 'Needs a recent sign-in or, for an account with a password, `current_password` in the optional JSON body (`{current_password}`).';

const proofBody = z.object({ current_password: z.string().max(1024).optional() }).optional();

export default operations({
  'POST /storefront/customer/passkeys/options': {
    summary: 'Options to register a passkey',
    description: `WebAuthn creation options for \`navigator.credentials.create\`, and the \`sfa_webauthn\` cookie that binds the challenge to this browser. ${RECENT_AUTH}`,
    body: proofBody,
    responses: {
      200: {
        description: 'The options.',
        schema: z.object({ options: PasskeyCreationOptionsSchema }),
        headers: WEBAUTHN_COOKIE_HEADER,
      },
    },
    errors: ['reauthentication_required', 'wrong_current_password', 'rate_limited', 'bad_request'],
  },

  'GET /storefront/customer/passkeys': {
    summary: "The shopper's passkeys",
    responses: { 200: { description: 'The passkeys.', schema: z.object({ data: z.array(PasskeySchema) }) } },
  },

  'POST /storefront/customer/passkeys': {
    summary: 'Register a passkey',
    description:
      'The `navigator.credentials.create` result for the options of `POST /storefront/customer/passkeys/options`, from the same browser. The owner is mailed a notice.',
    responses: { 201: { description: 'Registered.', schema: z.object({ data: PasskeySchema }) } },
    errors: [...CEREMONY_ERRORS, 'passkey_exists'],
  },

  'PATCH /storefront/customer/passkeys/{id}': {
    summary: 'Rename a passkey',
    responses: { 200: { description: 'The passkey after the change.', schema: z.object({ data: PasskeySchema }) } },
    errors: ['passkey_not_found', 'not_found'],
  },

  'DELETE /storefront/customer/passkeys/{id}': {
    summary: 'Remove a passkey',
    description: `Refused when it is the last way in. ${RECENT_AUTH} The owner is mailed a notice (\`?locale=\` or Accept-Language).`,
    body: proofBody,
    query: z.object({ locale: z.string().optional().describe("The notice mail's language (else Accept-Language, else English).") }),
    responses: { 204: { description: 'Removed.' } },
    errors: [
      'passkey_not_found',
      'not_found',
      'last_sign_in_method',
      'reauthentication_required',
      'wrong_current_password',
      'rate_limited',
      'malformed_json',
      'bad_request',
    ],
  },

  'POST /storefront/session/passkey/options': {
    summary: 'Options to sign in with a passkey',
    description:
      'WebAuthn request options for `navigator.credentials.get` (discoverable credentials, so autofill works), and the `sfa_webauthn` cookie that binds the challenge to this browser. Limited per IP like log-in.',
    auth: 'public',
    responses: {
      200: { description: 'The options.', schema: z.object({ options: PasskeyRequestOptionsSchema }), headers: WEBAUTHN_COOKIE_HEADER },
    },
  },

  'POST /storefront/session/passkey': {
    summary: 'Sign in with a passkey',
    description:
      'The `navigator.credentials.get` result for the options of `POST /storefront/session/passkey/options`, from the same browser: starts a session like a password log-in. Limited per IP.',
    auth: 'public',
    responses: { 200: sessionResponse('Signed in.') },
    errors: [...CEREMONY_ERRORS, 'passkey_unknown', 'passkey_counter_regression', 'password_reset_required', 'email_unverified', 'concurrent_change'],
  },
});
