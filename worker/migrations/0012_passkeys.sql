-- Passkeys (issue 14): WebAuthn credentials a shopper signs in with (accounts/passkeys.ts).
-- `credential_id` is the authenticator's credential id (base64url), unique across the store: one
-- credential belongs to one customer. `public_key` is the credential's key as a JWK (JSON), `algorithm`
-- its COSE algorithm (-7 ES256, -257 RS256). `user_handle` is the opaque WebAuthn user.id (base64url,
-- random per customer, never the email) given to the authenticator when the passkey was created.
-- `sign_count` is the authenticator's signature counter (0 for authenticators that keep none, such as
-- synced passkeys); a counter that goes backwards means a cloned authenticator.
CREATE TABLE passkeys (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  credential_id TEXT NOT NULL UNIQUE,
  user_handle TEXT NOT NULL,
  public_key TEXT NOT NULL,
  algorithm INTEGER NOT NULL,
  sign_count INTEGER NOT NULL DEFAULT 0,
  transports TEXT NOT NULL DEFAULT '[]',
  name TEXT NOT NULL,
  device_type TEXT NOT NULL CHECK (device_type IN ('single_device', 'multi_device')),
  backed_up INTEGER NOT NULL DEFAULT 0,
  date_created TEXT NOT NULL,
  last_used_at TEXT
);
CREATE INDEX passkeys_customer ON passkeys (customer_id);

-- Single-use WebAuthn challenges, found by the SHA-256 of the challenge and deleted when used. Bound to
-- the browser that asked (`browser_hash`: the SHA-256 of its `sfa_webauthn` cookie) and, for a
-- registration, to the signed-in customer; valid five minutes. `rp_id` is the relying party id the
-- options named; `user_handle` the user.id a registration's options gave the authenticator.
CREATE TABLE webauthn_challenges (
  challenge_hash TEXT PRIMARY KEY,
  purpose TEXT NOT NULL CHECK (purpose IN ('register', 'authenticate')),
  customer_id INTEGER REFERENCES customers (id) ON DELETE CASCADE,
  browser_hash TEXT NOT NULL,
  rp_id TEXT NOT NULL,
  user_handle TEXT,
  expires_at TEXT NOT NULL
);
CREATE INDEX webauthn_challenges_expires ON webauthn_challenges (expires_at);
