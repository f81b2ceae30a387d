// The one error-code catalog. Every error body the worker sends carries one of ERROR_CODES as `code`,
// and every field error one of FIELD_CODES in `codes` (same keys as `errors`). Codes are stable
// snake_case: clients switch on them and translate them; the English `title` / `errors` texts may be
// reworded at any time. Dependency-free (but for the password limits of shared/password-rules.ts, itself
// dependency-free) so the widget and the console can import the types (and tests the values) without
// pulling worker code. docs/admin-api.md "Errors and codes" lists every code.

import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './password-rules';

interface CodeInfo {
  status: number;
  /** The English title of the error body. */
  title: string;
  /** Where the code can be answered: the storefront API (the widget must translate it), the admin API, or both. */
  api: 'storefront' | 'admin' | 'both';
}

export const ERROR_CODES = {
  // ---- request shape (any route)
  malformed_json: { status: 400, title: 'Malformed JSON in request body', api: 'both' },
  bad_request: { status: 400, title: 'Bad request', api: 'both' },
  payload_too_large: { status: 413, title: 'Request body too large', api: 'both' },
  too_many_items: { status: 413, title: 'Too many items in one request', api: 'admin' },
  unsupported_media_type: { status: 415, title: 'Content-Type must be application/json', api: 'both' },
  validation_failed: { status: 422, title: 'Please correct the highlighted fields', api: 'both' },
  invalid_query: { status: 422, title: 'Invalid query parameters', api: 'both' },
  filter_required: { status: 422, title: 'A filter is required', api: 'admin' },
  not_found: { status: 404, title: 'Not found', api: 'both' },
  method_not_allowed: { status: 405, title: 'Method not allowed', api: 'both' },
  rate_limited: { status: 429, title: 'Too many attempts; try again later', api: 'both' },
  internal_error: { status: 500, title: 'Internal error', api: 'both' },

  // ---- shopper authentication and sessions (storefront)
  sign_in_required: { status: 401, title: 'Sign in required', api: 'storefront' },
  token_invalid: { status: 401, title: 'Invalid or expired access token', api: 'storefront' },
  token_revoked: { status: 401, title: 'This access token was revoked; please sign in again', api: 'storefront' },
  session_ended: { status: 401, title: 'Your session has ended; please sign in again', api: 'storefront' },
  invalid_credentials: { status: 401, title: 'Invalid email or password', api: 'storefront' },
  password_reset_required: { status: 403, title: 'Your password must be reset before you can sign in', api: 'both' },
  wrong_current_password: { status: 422, title: 'Your current password is not correct', api: 'storefront' },
  password_required: { status: 422, title: 'Set a password before changing your email', api: 'storefront' },
  reset_token_invalid: { status: 422, title: 'This reset link is invalid or has expired; request a new one', api: 'storefront' },
  claim_code_invalid: { status: 422, title: 'That code is not valid; request a new one if it has expired', api: 'storefront' },
  last_sign_in_method: { status: 409, title: 'This is your only way to sign in', api: 'storefront' },
  email_unverified: { status: 403, title: 'Confirm your email address first: we sent you a code', api: 'storefront' },
  code_invalid: { status: 422, title: 'That code is not valid; request a new one if it has expired', api: 'storefront' },
  subscription_token_invalid: { status: 422, title: 'This confirmation link is invalid or has expired; sign up again', api: 'storefront' },
  identity_not_linked: { status: 404, title: 'This provider is not linked to your account', api: 'storefront' },
  reauthentication_required: { status: 403, title: 'Sign in again (or confirm your password) to change your sign-in methods', api: 'storefront' },

  // ---- passkeys (WebAuthn; docs/storefront-api.md "Passkeys")
  passkey_invalid: { status: 400, title: 'The passkey response could not be verified; please try again', api: 'storefront' },
  passkey_challenge_invalid: { status: 400, title: 'This passkey request is not valid or was already used; please start again', api: 'storefront' },
  passkey_challenge_expired: { status: 400, title: 'This passkey request took too long; please start again', api: 'storefront' },
  passkey_other_browser: { status: 400, title: 'This passkey request was started in another browser; please start again', api: 'storefront' },
  passkey_origin_invalid: { status: 403, title: 'This passkey was used on a site that is not this store', api: 'storefront' },
  passkey_rp_id_invalid: { status: 403, title: 'This passkey was made for another site', api: 'storefront' },
  passkey_user_verification_required: {
    status: 403,
    title: 'Your device did not confirm it is you (fingerprint, face or PIN); please try again',
    api: 'storefront',
  },
  passkey_counter_regression: {
    status: 403,
    title: 'This passkey was refused because it may have been copied; sign in another way and replace it',
    api: 'storefront',
  },
  passkey_unknown: { status: 401, title: 'This passkey is not registered with this store (it may have been removed)', api: 'storefront' },
  passkey_exists: { status: 409, title: 'This passkey is already registered', api: 'storefront' },
  passkey_not_found: { status: 404, title: 'Passkey not found', api: 'storefront' },

  // ---- OpenID Connect sign-in (also sent to the widget as `#oidc-error=<code>`)
  access_denied: { status: 403, title: 'Sign-in was cancelled at the provider', api: 'storefront' },
  provider_error: { status: 502, title: 'The sign-in provider reported an error', api: 'storefront' },
  invalid_state: { status: 400, title: 'This sign-in attempt is not valid or was already used; please start again', api: 'storefront' },
  expired_state: { status: 400, title: 'This sign-in attempt took too long; please start again', api: 'storefront' },
  invalid_code: { status: 400, title: 'The sign-in code was refused (expired or already used); please start again', api: 'storefront' },
  invalid_id_token: { status: 502, title: 'The sign-in provider returned an identity that could not be verified', api: 'storefront' },
  provider_unavailable: { status: 503, title: 'The sign-in provider is not reachable right now; please try again', api: 'storefront' },
  provider_misconfigured: { status: 503, title: 'Sign-in with this provider is not set up correctly; please contact the store', api: 'storefront' },
  unknown_provider: { status: 404, title: 'Unknown sign-in provider', api: 'storefront' },
  invalid_return_to: { status: 422, title: "return_to must be a path on this site or a URL on one of the store's storefronts", api: 'storefront' },
  email_required: { status: 422, title: 'The provider did not share an email address, which an account needs', api: 'storefront' },
  account_exists: {
    status: 409,
    title: 'An account with this email exists: sign in with your password, then link the provider from your profile',
    api: 'storefront',
  },
  identity_in_use: { status: 409, title: 'This provider account is already linked to another customer', api: 'storefront' },
  account_not_found: { status: 404, title: 'The account to link no longer exists', api: 'storefront' },

  // ---- records
  email_taken: { status: 409, title: 'An account with this email already exists', api: 'both' },
  name_taken: { status: 409, title: 'This name is already in use', api: 'admin' },
  metafield_exists: { status: 409, title: 'The customer already has a metafield with this namespace and key', api: 'admin' },
  issuer_in_use: { status: 409, title: 'Customers are linked to this provider under its current issuer', api: 'admin' },
  address_exists: { status: 409, title: 'You already have this address in your address book', api: 'storefront' },
  concurrent_change: { status: 409, title: 'This record was changed at the same time; please try again', api: 'both' },
  reference_gone: { status: 422, title: 'A referenced record no longer exists; nothing was written', api: 'admin' },
  limit_reached: { status: 422, title: 'The limit for this kind of record is reached', api: 'admin' },
  customer_not_found: { status: 404, title: 'Customer not found', api: 'admin' },
  address_not_found: { status: 404, title: 'Address not found', api: 'storefront' },
  order_not_found: { status: 404, title: 'Order not found', api: 'both' },
  group_not_found: { status: 404, title: 'Customer group not found', api: 'admin' },
  channel_not_found: { status: 404, title: 'Channel not found', api: 'admin' },
  subscriber_not_found: { status: 404, title: 'Subscriber not found', api: 'admin' },
  metafield_not_found: { status: 404, title: 'Metafield not found', api: 'both' },
  metafield_read_only: { status: 403, title: 'This field can only be read', api: 'storefront' },
  app_not_found: { status: 404, title: 'App not found', api: 'admin' },
  provider_not_found: { status: 404, title: 'OpenID Connect provider not found', api: 'admin' },
  hook_not_found: { status: 404, title: 'Webhook not found', api: 'admin' },
  webhook_event_not_found: { status: 404, title: 'No delivered or failed webhook event with this id', api: 'admin' },
  store_not_found: { status: 404, title: 'Unknown store', api: 'admin' },
  no_current_customer: { status: 404, title: 'No customer is signed in', api: 'storefront' },

  // ---- admin API authentication, apps, single sign-on
  admin_token_missing: { status: 401, title: 'Missing X-Auth-Token header', api: 'admin' },
  admin_token_invalid: { status: 401, title: 'Invalid or revoked API token', api: 'admin' },
  scope_missing: { status: 403, title: 'This token lacks the scope for this operation', api: 'admin' },
  channel_forbidden: { status: 403, title: 'This customer has no access to that channel', api: 'both' },
  login_token_invalid: { status: 400, title: 'Malformed sign-in token', api: 'both' },
  login_token_claims_invalid: { status: 422, title: 'Invalid sign-in token claims', api: 'both' },
  // Customer Login SSO (/login/token/{jwt}) refusals: the app developer reads these (the link is opened
  // by a browser, never by the widget), so they are not storefront codes.
  login_token_algorithm: { status: 401, title: 'Unsupported token algorithm', api: 'admin' },
  login_token_signature_invalid: { status: 401, title: 'Invalid sign-in token signature', api: 'admin' },
  login_token_expired: { status: 401, title: 'Sign-in token expired', api: 'admin' },
  login_token_not_yet_valid: { status: 401, title: 'Sign-in token not yet valid', api: 'admin' },
  login_token_used: { status: 401, title: 'Sign-in token already used', api: 'admin' },
  login_token_wrong_ip: { status: 401, title: 'Sign-in token is for another network address', api: 'admin' },
  unavailable: { status: 503, title: 'Temporarily unavailable', api: 'both' },
} as const satisfies Record<string, CodeInfo>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Codes of field errors (`codes` in an error body, keyed like `errors`), with what they mean. */
export const FIELD_CODES = {
  required: 'A value is required',
  invalid_type: 'The value has the wrong type (text where a number is expected, …)',
  invalid_format: 'The value does not have the expected format (a date, a URL, …)',
  invalid_email: 'Not an email address',
  invalid_choice: 'Not one of the allowed values',
  too_short: 'Shorter (or fewer items) than allowed',
  too_long: 'Longer (or more items) than allowed',
  too_small: 'A number below the minimum (or a date before the earliest)',
  too_large: 'A number above the maximum (or a date after the latest)',
  unknown_field: 'The API (or the store) has no field of this name',
  duplicate: 'Given twice in the same request',
  not_found: 'Names a record that does not exist',
  invalid_value: 'Not acceptable for this field (the message says why)',
  single_line: 'Must not contain line breaks',
  password_too_short: `The password is shorter than ${MIN_PASSWORD_LENGTH} characters`,
  password_too_long: `The password is longer than ${MAX_PASSWORD_LENGTH} characters`,
  password_is_email: 'The password is the account email (or its local part)',
  password_too_common: 'The password is one of the most common passwords',
  email_taken: 'Another account (or subscriber) already has this email',
  wrong_current_password: 'The current password given is not correct',
  password_required: 'An account without a password must set one first',
  password_reset_required: 'The password must be reset before signing in',
  invalid_or_expired: 'The code or token is not valid (wrong, used or expired)',
  unknown_country: 'Not an ISO 3166-1 country code we know',
  invalid_postal_code: 'Not a postal code of the given country',
  invalid_state: 'Not a state or province of the given country',
  one_default: 'Only one address of a customer can be the default of this kind',
  limit_reached: 'More records of this kind than allowed',
  mismatch: 'Does not match another value of the request (the path, the store)',
  taken: 'Another record already has this value (a name, a slug)',
} as const;

export type FieldCode = keyof typeof FIELD_CODES;

/** One field error: a stable code and an English message. */
export interface FieldError {
  code: FieldCode;
  message: string;
}
