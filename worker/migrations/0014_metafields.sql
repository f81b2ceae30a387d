-- Customer metafields and tracking consent (issue 15), both in BigCommerce's Customers V3 shapes.
-- Both go with their customer (ON DELETE CASCADE), so an admin delete and a shopper's erasure take them.

-- Key/value pairs apps attach to a customer (accounts/metafields.ts). (customer, namespace, key) is
-- unique: BigCommerce also keys it by the app's client id, which admin tokens do not have.
-- `permission_set` decides storefront exposure: only read_and_sf_access / write_and_sf_access are ever
-- shown to the shopper, and only write_and_sf_access may be changed by them. `owner_client_id` is the
-- name of the admin token that created the field.
CREATE TABLE customer_metafields (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  namespace TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  permission_set TEXT NOT NULL
    CHECK (permission_set IN ('app_only', 'read', 'write', 'read_and_sf_access', 'write_and_sf_access')),
  owner_client_id TEXT NOT NULL DEFAULT '',
  date_created TEXT NOT NULL,
  date_modified TEXT NOT NULL,
  UNIQUE (customer_id, namespace, key)
);
CREATE INDEX customer_metafields_namespace_key ON customer_metafields (namespace, key);
CREATE INDEX customer_metafields_date_created ON customer_metafields (date_created, id);
CREATE INDEX customer_metafields_date_modified ON customer_metafields (date_modified, id);

-- A customer's cookie-tracking consent as last declared through the admin API (accounts/tracking-consent.ts):
-- JSON arrays of the categories allowed and denied (functional, analytics, targeting; essential is
-- always allowed and never stored). No row: nothing declared yet.
CREATE TABLE customer_tracking_consents (
  customer_id INTEGER PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
  allow TEXT NOT NULL DEFAULT '[]',
  deny TEXT NOT NULL DEFAULT '[]',
  updated_at TEXT NOT NULL
);
