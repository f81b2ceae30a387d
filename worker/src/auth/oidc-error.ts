// The refused-sign-in error of OpenID Connect, in a module of its own: importing it must not load
// oauth4webapi (auth/oidc.ts), which only the OpenID Connect route group needs.
import type { ErrorCode } from '../shared/error-codes';

/**
 * The codes a failed sign-in reports (catalog entries of shared/error-codes.ts, where their statuses
 * and titles are; docs/storefront-api.md "Sign in with OpenID Connect"). The shopper gets them as `#oidc-error=<code>`.
 */
export type OidcErrorCode = Extract<
  ErrorCode,
  | 'access_denied'
  | 'provider_error'
  | 'invalid_state'
  | 'expired_state'
  | 'invalid_code'
  | 'invalid_id_token'
  | 'provider_unavailable'
  | 'provider_misconfigured'
  | 'unknown_provider'
  | 'invalid_return_to'
  | 'email_required'
  | 'account_exists'
  | 'identity_in_use'
  | 'password_reset_required'
  | 'account_not_found'
  | 'email_unverified'
  | 'rate_limited'
>;

/** A refused sign-in. Unlike ApiError its detail is for logs only: it may name what the provider said. */
export class OidcError extends Error {
  constructor(
    readonly code: OidcErrorCode,
    /** For logs only; never provider secrets or token contents. */
    readonly detail?: string,
  ) {
    super(code);
  }
}
