-- The outbox keeps a bounded history (30 days, purged as new mail is recorded): index the purge.
CREATE INDEX mail_outbox_date_created ON mail_outbox (date_created);
