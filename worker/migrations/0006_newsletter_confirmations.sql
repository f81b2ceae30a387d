-- Issue 12, engineer B: double opt-in for guest newsletter sign-ups, and order-claim limits that
-- survive deleting the account.

-- A guest sign-up waiting for its confirmation link: no subscriber row exists (or changes) until the
-- link is opened. Only the SHA-256 of the token is stored; a row is used once (used_at) and lives
-- 7 days. The per-email cap on confirmation mails counts these rows by email (any case).
CREATE TABLE newsletter_confirmations (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  token_hash TEXT NOT NULL UNIQUE,
  email TEXT NOT NULL COLLATE NOCASE,
  first_name TEXT NOT NULL DEFAULT '',
  last_name TEXT NOT NULL DEFAULT '',
  consents TEXT NOT NULL DEFAULT '[]',
  channel_id INTEGER NOT NULL DEFAULT 1,
  expires_at TEXT NOT NULL,
  used_at TEXT,
  date_created TEXT NOT NULL
);
CREATE INDEX newsletter_confirmations_email ON newsletter_confirmations (email, date_created);
-- Expired rows are deleted whenever a new one is stored (they hold a guest's email and serve nothing).
CREATE INDEX newsletter_confirmations_expires ON newsletter_confirmations (expires_at);

-- Order-claim codes were deleted with their customer (ON DELETE CASCADE), so deleting the account and
-- signing up again with the same email started a fresh limit. The limits now count these rows by email
-- (hourly and daily), so a deleted customer's rows stay (customer_id becomes NULL) until they are a day
-- old: then the limits no longer count them and they are deleted whenever a new code is stored.
-- SQLite cannot change a foreign key in place: the table is rebuilt (nothing references it).
CREATE TABLE order_claim_codes_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  customer_id INTEGER REFERENCES customers (id) ON DELETE SET NULL,
  email TEXT NOT NULL COLLATE NOCASE,
  code_hash TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  expires_at TEXT NOT NULL,
  used_at TEXT,
  date_created TEXT NOT NULL
);
INSERT INTO order_claim_codes_new (id, customer_id, email, code_hash, attempts, expires_at, used_at, date_created)
  SELECT id, customer_id, email, code_hash, attempts, expires_at, used_at, date_created FROM order_claim_codes;
DROP TABLE order_claim_codes;
ALTER TABLE order_claim_codes_new RENAME TO order_claim_codes;
CREATE INDEX order_claim_codes_customer ON order_claim_codes (customer_id);
CREATE INDEX order_claim_codes_email ON order_claim_codes (email, date_created);
CREATE INDEX order_claim_codes_date_created ON order_claim_codes (date_created);
