// Bindings (wrangler.toml, secrets) and per-request context variables, typed once for the whole app.

export interface RateLimiter {
  limit(options: { key: string }): Promise<{ success: boolean }>;
}

export interface Bindings {
  DB: D1Database;
  /** The store hash the admin API also answers under: /stores/{STORE_HASH}/v3/... */
  STORE_HASH: string;
  /** "local" enables the /dev/* routes. */
  ENVIRONMENT?: string;
  LOGIN_LIMITER?: RateLimiter;
  SIGNUP_LIMITER?: RateLimiter;
  RESET_LIMITER?: RateLimiter;
  CREDENTIALS_LIMITER?: RateLimiter;
}

/** The admin API token that authenticated the request. */
export interface AdminPrincipal {
  id: number;
  name: string;
  scopes: string[];
}

export interface Variables {
  admin: AdminPrincipal;
}

export interface AppEnv {
  Bindings: Bindings;
  Variables: Variables;
}
