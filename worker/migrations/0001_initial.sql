-- The whole product's schema, designed up front so later work adds rather than rewrites.
-- Conventions: integer ids; timestamps are UTC ISO-8601 strings to the second ('2026-11-23T10:00:00Z'),
-- so they sort and compare as text; JSON columns hold arrays/objects; booleans are 0/1.
-- D1 enforces foreign keys, so ON DELETE rules below do the cleanup a customer deletion needs.

CREATE TABLE channels (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  -- JSON array of the storefront origins the widget may call the API from (CORS allow-list).
  storefront_origins TEXT NOT NULL DEFAULT '[]',
  date_created TEXT NOT NULL,
  date_modified TEXT NOT NULL
);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE customer_groups (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL COLLATE NOCASE UNIQUE,
  is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
  is_group_for_guests INTEGER NOT NULL DEFAULT 0 CHECK (is_group_for_guests IN (0, 1)),
  category_access TEXT NOT NULL DEFAULT '{"type":"all"}',
  discount_rules TEXT NOT NULL DEFAULT '[]',
  date_created TEXT NOT NULL,
  date_modified TEXT NOT NULL
);
-- At most one default group for new sign-ups.
CREATE UNIQUE INDEX customer_groups_one_default ON customer_groups (is_default) WHERE is_default = 1;

CREATE TABLE customers (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  email TEXT NOT NULL COLLATE NOCASE UNIQUE,
  first_name TEXT NOT NULL COLLATE NOCASE,
  last_name TEXT NOT NULL COLLATE NOCASE,
  full_name TEXT COLLATE NOCASE GENERATED ALWAYS AS (first_name || ' ' || last_name) VIRTUAL,
  company TEXT NOT NULL DEFAULT '' COLLATE NOCASE,
  phone TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  tax_exempt_category TEXT NOT NULL DEFAULT '',
  customer_group_id INTEGER REFERENCES customer_groups (id) ON DELETE SET NULL,
  registration_ip_address TEXT NOT NULL DEFAULT '',
  origin_channel_id INTEGER NOT NULL DEFAULT 1,
  channel_ids TEXT NOT NULL DEFAULT '[1]',
  accepts_product_review_abandoned_cart_emails INTEGER NOT NULL DEFAULT 0,
  store_credit_amounts TEXT NOT NULL DEFAULT '[]',
  -- 'pbkdf2-sha256$<version>$...'; NULL when the customer has no password (imported, SSO-only).
  password_hash TEXT,
  password_version INTEGER,
  -- Bumped on password change/reset, log-out-everywhere and admin changes: access tokens carry it.
  token_version INTEGER NOT NULL DEFAULT 0,
  force_password_reset INTEGER NOT NULL DEFAULT 0 CHECK (force_password_reset IN (0, 1)),
  date_created TEXT NOT NULL,
  date_modified TEXT NOT NULL
);
CREATE INDEX customers_full_name ON customers (full_name);
CREATE INDEX customers_last_name ON customers (last_name, id);
CREATE INDEX customers_company ON customers (company);
CREATE INDEX customers_phone ON customers (phone);
CREATE INDEX customers_group ON customers (customer_group_id);
CREATE INDEX customers_registration_ip ON customers (registration_ip_address);
CREATE INDEX customers_date_created ON customers (date_created, id);
CREATE INDEX customers_date_modified ON customers (date_modified, id);

CREATE TABLE customer_addresses (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  first_name TEXT NOT NULL COLLATE NOCASE,
  last_name TEXT NOT NULL COLLATE NOCASE,
  full_name TEXT COLLATE NOCASE GENERATED ALWAYS AS (first_name || ' ' || last_name) VIRTUAL,
  company TEXT NOT NULL DEFAULT '' COLLATE NOCASE,
  address1 TEXT NOT NULL,
  address2 TEXT NOT NULL DEFAULT '',
  city TEXT NOT NULL,
  state_or_province TEXT NOT NULL DEFAULT '',
  postal_code TEXT NOT NULL DEFAULT '',
  country_code TEXT NOT NULL,
  phone TEXT NOT NULL DEFAULT '',
  address_type TEXT NOT NULL DEFAULT 'residential' CHECK (address_type IN ('residential', 'commercial')),
  label TEXT NOT NULL DEFAULT '',
  delivery_instructions TEXT NOT NULL DEFAULT '',
  is_default_shipping INTEGER NOT NULL DEFAULT 0 CHECK (is_default_shipping IN (0, 1)),
  is_default_billing INTEGER NOT NULL DEFAULT 0 CHECK (is_default_billing IN (0, 1)),
  -- The store's address form field values: JSON array of {name, value}.
  form_fields TEXT NOT NULL DEFAULT '[]',
  date_created TEXT NOT NULL,
  date_modified TEXT NOT NULL
);
CREATE INDEX customer_addresses_customer ON customer_addresses (customer_id, id);
CREATE INDEX customer_addresses_name ON customer_addresses (full_name);
CREATE INDEX customer_addresses_company ON customer_addresses (company);
CREATE UNIQUE INDEX customer_addresses_one_default_shipping ON customer_addresses (customer_id) WHERE is_default_shipping = 1;
CREATE UNIQUE INDEX customer_addresses_one_default_billing ON customer_addresses (customer_id) WHERE is_default_billing = 1;

CREATE TABLE customer_attributes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL COLLATE NOCASE UNIQUE,
  type TEXT NOT NULL CHECK (type IN ('string', 'number', 'date')),
  date_created TEXT NOT NULL,
  date_modified TEXT NOT NULL
);

CREATE TABLE customer_attribute_values (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  attribute_id INTEGER NOT NULL REFERENCES customer_attributes (id) ON DELETE CASCADE,
  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  attribute_value TEXT NOT NULL,
  date_created TEXT NOT NULL,
  date_modified TEXT NOT NULL,
  UNIQUE (customer_id, attribute_id)
);
CREATE INDEX customer_attribute_values_attribute ON customer_attribute_values (attribute_id);

-- The store's sign-up (applies_to = 'customer') and address (applies_to = 'address') fields.
CREATE TABLE form_fields (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL COLLATE NOCASE,
  label TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('text', 'multiline', 'number', 'date', 'checkbox', 'checkboxes', 'radio', 'picklist', 'password')),
  required INTEGER NOT NULL DEFAULT 0 CHECK (required IN (0, 1)),
  options TEXT NOT NULL DEFAULT '[]',
  min REAL,
  max REAL,
  max_length INTEGER,
  min_date TEXT,
  max_date TEXT,
  default_value TEXT,
  applies_to TEXT NOT NULL CHECK (applies_to IN ('customer', 'address')),
  sort_order INTEGER NOT NULL DEFAULT 0,
  date_created TEXT NOT NULL,
  date_modified TEXT NOT NULL,
  UNIQUE (applies_to, name)
);

-- Values are kept by field name (as BigCommerce does), so removing a definition never loses what shoppers entered.
-- Address field values live on the address row (customer_addresses.form_fields).
CREATE TABLE customer_form_field_values (
  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  name TEXT NOT NULL COLLATE NOCASE,
  value TEXT NOT NULL,
  PRIMARY KEY (customer_id, name)
);

CREATE TABLE subscribers (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  email TEXT NOT NULL COLLATE NOCASE UNIQUE,
  first_name TEXT NOT NULL DEFAULT '',
  last_name TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT 'storefront',
  order_id INTEGER,
  channel_id INTEGER NOT NULL DEFAULT 1,
  consents TEXT NOT NULL DEFAULT '[]',
  date_created TEXT NOT NULL,
  date_modified TEXT NOT NULL
);
CREATE INDEX subscribers_source ON subscribers (source);
CREATE INDEX subscribers_order ON subscribers (order_id);
CREATE INDEX subscribers_channel ON subscribers (channel_id);
CREATE INDEX subscribers_date_created ON subscribers (date_created);
CREATE INDEX subscribers_date_modified ON subscribers (date_modified);

-- Orders stay for the store's books when a customer is deleted (customer_id becomes NULL).
-- Money is kept in minor units (cents) with the currency's exponent, never as floats.
CREATE TABLE orders (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  customer_id INTEGER REFERENCES customers (id) ON DELETE SET NULL,
  email TEXT NOT NULL COLLATE NOCASE,
  first_name TEXT NOT NULL DEFAULT '',
  last_name TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'pending',
  is_test INTEGER NOT NULL DEFAULT 0 CHECK (is_test IN (0, 1)),
  channel_id INTEGER NOT NULL DEFAULT 1,
  currency_code TEXT NOT NULL DEFAULT 'USD',
  currency_exponent INTEGER NOT NULL DEFAULT 2,
  subtotal_minor INTEGER NOT NULL DEFAULT 0,
  tax_minor INTEGER NOT NULL DEFAULT 0,
  shipping_minor INTEGER NOT NULL DEFAULT 0,
  total_minor INTEGER NOT NULL DEFAULT 0,
  billing_address TEXT NOT NULL DEFAULT '{}',
  shipping_address TEXT NOT NULL DEFAULT '{}',
  -- 1 when the customer erased their account: personal data was stripped, the amounts are kept.
  anonymized INTEGER NOT NULL DEFAULT 0,
  date_created TEXT NOT NULL,
  date_modified TEXT NOT NULL
);
CREATE INDEX orders_customer ON orders (customer_id, date_created);
CREATE INDEX orders_email ON orders (email, date_created);
CREATE INDEX orders_status ON orders (status);
CREATE INDEX orders_date_created ON orders (date_created);

CREATE TABLE order_items (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  order_id INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  sku TEXT NOT NULL DEFAULT '',
  name TEXT NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  price_minor INTEGER NOT NULL,
  total_minor INTEGER NOT NULL
);
CREATE INDEX order_items_order ON order_items (order_id);

-- Refresh tokens: opaque, stored as SHA-256 hashes, rotated on every use. A family is one log-in;
-- reuse of a rotated token revokes the whole family.
CREATE TABLE refresh_sessions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  token_hash TEXT NOT NULL UNIQUE,
  family_id TEXT NOT NULL,
  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  rotated_at TEXT,
  revoked_at TEXT,
  expires_at TEXT NOT NULL,
  family_expires_at TEXT NOT NULL,
  user_agent TEXT NOT NULL DEFAULT '',
  ip_address TEXT NOT NULL DEFAULT '',
  date_created TEXT NOT NULL
);
CREATE INDEX refresh_sessions_family ON refresh_sessions (family_id);
CREATE INDEX refresh_sessions_customer ON refresh_sessions (customer_id);

CREATE TABLE password_reset_tokens (
  token_hash TEXT PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  expires_at TEXT NOT NULL,
  used_at TEXT,
  date_created TEXT NOT NULL
);
CREATE INDEX password_reset_tokens_customer ON password_reset_tokens (customer_id);

-- Codes a signed-in shopper must confirm before guest orders placed with their email are attached.
CREATE TABLE order_claim_codes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  email TEXT NOT NULL COLLATE NOCASE,
  code_hash TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  expires_at TEXT NOT NULL,
  used_at TEXT,
  date_created TEXT NOT NULL
);
CREATE INDEX order_claim_codes_customer ON order_claim_codes (customer_id);

-- Admin API tokens (X-Auth-Token), stored as SHA-256 hashes of the token.
CREATE TABLE admin_tokens (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  scopes TEXT NOT NULL DEFAULT '[]',
  last_used_at TEXT,
  revoked_at TEXT,
  date_created TEXT NOT NULL
);

-- Apps that may sign shoppers in (Customer Login SSO) and read the current customer.
CREATE TABLE apps (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  client_id TEXT NOT NULL UNIQUE,
  -- AES-GCM encrypted with APP_SECRETS_KEY (env): 'v1.<iv b64url>.<ciphertext b64url>'.
  client_secret_encrypted TEXT NOT NULL,
  revoked_at TEXT,
  date_created TEXT NOT NULL
);

-- Single-use SSO token ids; rows past expires_at can be purged.
CREATE TABLE sso_used_jti (
  jti TEXT NOT NULL,
  client_id TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  PRIMARY KEY (client_id, jti)
);

CREATE TABLE timeline_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  type TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '{}',
  actor_type TEXT NOT NULL CHECK (actor_type IN ('shopper', 'staff', 'system')),
  actor_name TEXT NOT NULL DEFAULT '',
  date_created TEXT NOT NULL
);
CREATE INDEX timeline_events_customer ON timeline_events (customer_id, date_created, id);

CREATE TABLE mail_outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  to_email TEXT NOT NULL,
  subject TEXT NOT NULL,
  text_body TEXT NOT NULL,
  html_body TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
  date_created TEXT NOT NULL,
  date_sent TEXT
);

INSERT INTO channels (id, name, storefront_origins, date_created, date_modified)
VALUES (1, 'Default storefront', '[]', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
