-- Failed password checks (log-in and admin validate-credentials) per email, counted in D1 so the limits
-- hold across Cloudflare locations (the `ratelimits` bindings count per location): accounts/login-failures.ts.
-- Emails with and without an account are counted alike; the key is a SHA-256 of the normalized email, so
-- addresses nobody registered are not kept in clear. Rows older than a day are purged as failures are
-- recorded.
CREATE TABLE login_failures (
  id INTEGER PRIMARY KEY,
  email_hash TEXT NOT NULL,
  failed_at TEXT NOT NULL
);
CREATE INDEX login_failures_email ON login_failures (email_hash, failed_at);
CREATE INDEX login_failures_failed_at ON login_failures (failed_at);
