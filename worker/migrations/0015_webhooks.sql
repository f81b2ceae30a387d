-- Webhooks (issue 16): the store's hooks (BigCommerce's /v3/hooks) and the transactional outbox of their
-- events (accounts/webhooks.ts).
-- `scope` is one event name (`store/customer/created`) or a wildcard (`store/customer/*`: every scope
-- under the prefix). `secret` is the hook's signing secret, AES-GCM encrypted with APP_SECRETS_KEY
-- (auth/app-secrets.ts) with `key_id` as its additional data; shown once, when the hook is created.
-- `failing_since` is the time of the first failed delivery since the last one that worked: a hook
-- failing for 48 hours is deactivated (`is_active` 0, `deactivated_reason`).
CREATE TABLE hooks (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  scope TEXT NOT NULL,
  destination TEXT NOT NULL,
  is_active INTEGER NOT NULL DEFAULT 1,
  events_history_enabled INTEGER NOT NULL DEFAULT 1,
  headers TEXT NOT NULL DEFAULT '{}',
  key_id TEXT NOT NULL UNIQUE,
  secret TEXT NOT NULL,
  failing_since TEXT,
  deactivated_reason TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX hooks_active_scope ON hooks (is_active, scope);

-- One row per event and hook, written in the same D1 batch as the change that causes it (so a change
-- that fails emits nothing and one that commits cannot lose its event). `event_id` is the delivery's
-- `webhook-id` (the receiver's de-duplication key); `data` the payload's `data` (ids only).
-- status: pending (committed, not yet handed to the queue) → queued → delivered | failed.
-- The cron re-enqueues `pending` rows older than a minute; rows older than 30 days are purged.
CREATE TABLE webhook_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id TEXT NOT NULL UNIQUE,
  hook_id INTEGER NOT NULL REFERENCES hooks (id) ON DELETE CASCADE,
  scope TEXT NOT NULL,
  data TEXT NOT NULL,
  created_at TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'queued', 'delivered', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_response_code INTEGER,
  last_attempt_at TEXT,
  delivered_at TEXT
);
CREATE INDEX webhook_events_status ON webhook_events (status, created_at);
CREATE INDEX webhook_events_hook ON webhook_events (hook_id, id);
