// Bindings (wrangler.toml, secrets) and per-request context variables, typed once for the whole app.
import type { OwnProfile } from './shared/api-types';

export interface RateLimiter {
  limit(options: { key: string }): Promise<{ success: boolean }>;
}

export interface Bindings {
  DB: D1Database;
  /** The webhook deliveries' queue (producer; the same worker consumes it, accounts/webhooks.ts). */
  WEBHOOKS?: Queue<{ id: number }>;
  /** The store hash the admin API also answers under: /stores/{STORE_HASH}/v3/... */
  STORE_HASH: string;
  /** "local" enables the /dev/* routes. */
  ENVIRONMENT?: string;
  /**
   * "true" when this worker serves the demo store and the console (`npm run dev`, the e2e suites, a
   * DEPLOY_DEMO deploy): only then is its own origin trusted by CORS.
   */
  DEMO?: string;
  LOGIN_LIMITER?: RateLimiter;
  SIGNUP_LIMITER?: RateLimiter;
  RESET_LIMITER?: RateLimiter;
  CREDENTIALS_LIMITER?: RateLimiter;
  /** Private JWK (ES256, with `kid`) signing customer access tokens. Secret; `npm run dev` makes a local one. */
  TOKEN_SIGNING_KEY?: string;
  /** JSON array of public JWKs still accepted and published after a rotation (the overlap). */
  TOKEN_PREVIOUS_KEYS?: string;
  /** Access token lifetime in seconds (default 900). */
  ACCESS_TOKEN_TTL?: string;
  /** Refresh token idle lifetime and absolute session lifetime in seconds (defaults 14 and 30 days). */
  REFRESH_IDLE_TTL?: string;
  SESSION_MAX_AGE?: string;
  /** "true": refresh tokens are also returned in JSON bodies and accepted as `refresh_token` (bearer-refresh mode). */
  REFRESH_IN_BODY?: string;
  /** Where password-reset links point (the page with <account-portal>); default: the worker's origin. */
  ACCOUNT_URL?: string;
  /** Mail transport: "outbox" (default; D1 only), "send_email" (Cloudflare binding MAIL), "http" (MAIL_API_URL). */
  MAILER?: string;
  MAIL_FROM?: string;
  MAIL_API_URL?: string;
  MAIL_API_KEY?: string;
  MAIL?: { send(message: unknown): Promise<void> };
  /** 32 bytes, base64url: encrypts app client secrets at rest (AES-GCM). Secret; `npm run dev` makes a local one. */
  APP_SECRETS_KEY?: string;
  /** "optional" (default): sign-up signs in at once; "required": no session until the email is proven by a code. */
  EMAIL_VERIFICATION?: string;
  /**
   * "true" (default; anything but "false"): a guest newsletter sign-up only mails a confirmation link and
   * the subscriber record is made when it is opened (double opt-in). "false": the record at once.
   */
  NEWSLETTER_DOUBLE_OPT_IN?: string;
  /**
   * The WebAuthn relying party id of passkeys (docs/storefront-api.md "Passkeys"): the storefront's registrable domain,
   * e.g. "shop.example". Unset or empty: the hostname of the request's (allowed) Origin.
   */
  RP_ID?: string;
  /** The relying party name passkey dialogs show (default: the relying party id). */
  RP_NAME?: string;
  /**
   * "true": a shopper may sign up without a password (email → emailed code → a passkey; docs/storefront-api.md
   * "Passkeys"). Anything else (default "false"): sign-up needs a password.
   */
  PASSKEY_SIGNUP?: string;
  /** Local runs only (ENVIRONMENT local or test): webhook retry delays in seconds, "1,2,3" (accounts/webhooks.ts). */
  WEBHOOK_RETRY_DELAYS?: string;
}

/** The admin API token that authenticated the request. */
export interface AdminPrincipal {
  id: number;
  name: string;
  scopes: string[];
}

/** What a verified access token says (signature and claims checked; says nothing about revocation). */
export interface TokenClaims {
  customerId: number;
  tokenVersion: number;
  groupId: number;
  /** When the session signed in (Unix seconds; the token's `auth_time`), absent for older tokens. */
  authTime?: number;
}

/**
 * The signed-in shopper as the live-shopper middleware read them: the row exists and its token_version
 * matches the token's, so the token is not revoked. `profile` is the storefront's own-profile shape.
 */
export interface LiveShopper {
  id: number;
  email: string;
  groupId: number;
  tokenVersion: number;
  hasPassword: boolean;
  /** The email is proven (email_verified_at set): only then may anything trust it (claims, consents, OIDC links). */
  emailVerified: boolean;
  profile: OwnProfile;
  /** When this session signed in (the access token's `auth_time`, Unix seconds), if it says. */
  authTime?: number;
}

export interface Variables {
  admin: AdminPrincipal;
  /** Set by the live-shopper middleware before a write handler, and by `liveRead` in a read (GET) handler. */
  shopper: LiveShopper;
  /** A read route's verified (not yet proven live) access token, until `liveRead` checks it (middleware/live-shopper.ts). */
  shopperToken?: TokenClaims;
}

export interface AppEnv {
  Bindings: Bindings;
  Variables: Variables;
}
