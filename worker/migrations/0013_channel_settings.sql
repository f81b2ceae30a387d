-- Channels by API (issue 15): the rest of BigCommerce's channel shape. Only the storefront origins of
-- channels that are `active` or `prelaunch` are trusted (CORS, return URLs, passkeys), so a merchant
-- takes a storefront offline by its status (BigCommerce has no channel DELETE either).
-- Store policies per channel and globally live in the existing `settings` table (accounts/settings.ts).
ALTER TABLE channels ADD COLUMN external_id TEXT NOT NULL DEFAULT '';
ALTER TABLE channels ADD COLUMN type TEXT NOT NULL DEFAULT 'storefront';
ALTER TABLE channels ADD COLUMN platform TEXT NOT NULL DEFAULT 'custom';
ALTER TABLE channels ADD COLUMN status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('prelaunch', 'active', 'inactive', 'archived'));
ALTER TABLE channels ADD COLUMN is_listable_from_ui INTEGER NOT NULL DEFAULT 1 CHECK (is_listable_from_ui IN (0, 1));
ALTER TABLE channels ADD COLUMN is_visible INTEGER NOT NULL DEFAULT 1 CHECK (is_visible IN (0, 1));
