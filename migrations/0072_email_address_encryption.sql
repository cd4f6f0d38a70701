-- Encryption at rest of a person's e-mail address and street address (UU PDP), following
-- 0055 (NIK, phone): users.email and users.address now hold AES-256-GCM envelopes
-- (`enc1:<key id>:…`) sealed in the application (DATA_KEYS); existing rows are sealed by
-- `simpul keys rotate` in batches while clear values still read. The region code of the
-- address (users.address_area, kode wilayah) stays in clear: statistics group by it.
--
-- Sign-in by e-mail, the one-account-per-address rule and look-ups move to a blind index:
-- HMAC-SHA256 (DATA_INDEX_KEY) of the lowercased, trimmed address. The unique index keeps
-- its name (users_email_key), so a duplicate still maps to the same form error.
ALTER TABLE users ADD COLUMN email_bidx text;
DROP INDEX users_email_key;
CREATE UNIQUE INDEX users_email_key ON users (email_bidx) WHERE email_bidx IS NOT NULL;
-- Rows not yet sealed keep their clear address unique until the backfill reaches them.
CREATE UNIQUE INDEX users_email_clear_key ON users (lower(email)) WHERE email IS NOT NULL AND email NOT LIKE 'enc1:%';
