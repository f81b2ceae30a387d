-- Sign in with OpenID Connect: the store's identity providers, the (provider, subject) links of
-- customers, and the one-time state of each authorization request in flight.

-- Client secrets are never stored here: each provider reads its secret from the env var it names
-- (OIDC_<SLUG>_CLIENT_SECRET, a Worker secret), so a database dump holds no provider credentials.
CREATE TABLE oidc_providers (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  issuer TEXT NOT NULL,
  client_id TEXT NOT NULL,
  client_secret_env TEXT NOT NULL,
  token_endpoint_auth_method TEXT NOT NULL DEFAULT 'client_secret_basic'
    CHECK (token_endpoint_auth_method IN ('client_secret_basic', 'client_secret_post', 'none')),
  scopes TEXT NOT NULL DEFAULT 'openid email profile',
  enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  sort_order INTEGER NOT NULL DEFAULT 0,
  date_created TEXT NOT NULL,
  date_modified TEXT NOT NULL
);

-- A customer may have several; one provider identity belongs to one customer.
CREATE TABLE customer_identities (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  provider TEXT NOT NULL,
  subject TEXT NOT NULL,
  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  -- The email the provider gave when the link was made (for the shopper's and staff's information only).
  email TEXT NOT NULL DEFAULT '',
  date_created TEXT NOT NULL,
  UNIQUE (provider, subject)
);
CREATE INDEX customer_identities_customer ON customer_identities (customer_id);

-- One row per authorization request: found by the SHA-256 of `state`, deleted when used (one-time).
-- The PKCE code_verifier and the nonce never leave the server.
CREATE TABLE oidc_states (
  state_hash TEXT PRIMARY KEY,
  provider TEXT NOT NULL,
  nonce TEXT NOT NULL,
  code_verifier TEXT NOT NULL,
  return_to TEXT NOT NULL,
  -- Set when a signed-in customer links the provider from their profile.
  link_customer_id INTEGER REFERENCES customers (id) ON DELETE CASCADE,
  expires_at TEXT NOT NULL
);
CREATE INDEX oidc_states_expires ON oidc_states (expires_at);
