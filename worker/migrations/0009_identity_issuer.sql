-- Identity links keyed with the issuer: a link is (provider slug, issuer, subject). A subject is only
-- unique within its issuer (OpenID Connect Core §2), so a slug deleted and added again with another
-- issuer must not sign the new issuer's users into the old links' accounts: a link matches only while
-- its provider still has the issuer it was made with. (An issuer change of a provider with links is
-- refused by the admin API; see README "Sign in with OpenID Connect".)
--
-- SQLite cannot change a table's UNIQUE constraint in place, so the table is rebuilt; nothing
-- references customer_identities. Existing links take their provider's current issuer (a link whose
-- provider was deleted keeps '' and matches nothing until it is linked again).
CREATE TABLE customer_identities_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  provider TEXT NOT NULL,
  issuer TEXT NOT NULL DEFAULT '',
  subject TEXT NOT NULL,
  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  -- The email the provider gave when the link was made (for the shopper's and staff's information only).
  email TEXT NOT NULL DEFAULT '',
  date_created TEXT NOT NULL,
  UNIQUE (provider, issuer, subject)
);

INSERT INTO customer_identities_new (id, provider, issuer, subject, customer_id, email, date_created)
SELECT i.id, i.provider, COALESCE((SELECT p.issuer FROM oidc_providers p WHERE p.slug = i.provider), ''), i.subject, i.customer_id, i.email, i.date_created
FROM customer_identities i;

DROP TABLE customer_identities;
ALTER TABLE customer_identities_new RENAME TO customer_identities;
CREATE INDEX customer_identities_customer ON customer_identities (customer_id);
