-- Recent authentication (issue 13): linking or unlinking a sign-in provider needs a sign-in within the
-- last few minutes. Each refresh token keeps the time (Unix seconds) its session family signed in, so a
-- rotated access token carries the same `auth_time` as the first one; NULL (sessions from before this
-- migration) counts as long ago.
ALTER TABLE refresh_sessions ADD COLUMN auth_time INTEGER;

-- Binding a link attempt to the browser that asked for it: `POST /storefront/customer/oidc/{p}/link`
-- answers a one-time URL on the worker (found by the SHA-256 of its ticket, deleted when opened, valid
-- two minutes); opening it sets the state cookie and only then starts the authorization at the provider.
CREATE TABLE oidc_link_tickets (
  ticket_hash TEXT PRIMARY KEY,
  provider TEXT NOT NULL,
  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  -- The token_version of the session that asked: a revocation in between makes the ticket worthless.
  token_version INTEGER NOT NULL,
  return_to TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX oidc_link_tickets_expires ON oidc_link_tickets (expires_at);
