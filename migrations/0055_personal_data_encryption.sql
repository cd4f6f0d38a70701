-- Encryption at rest of a person's NIK and phone number (UU PDP): the users.nik and
-- users.phone columns now hold AES-256-GCM envelopes (`enc1:<key id>:…`) sealed in the
-- application with keys that never live in the database (DATA_KEYS); SQL cannot encrypt with
-- them, so existing rows are sealed by a TypeScript step (`simpul keys rotate`, also run at
-- start and by the worker's re-encryption job), in batches, while clear values still read.
--
-- Exact lookups and uniqueness move to blind indexes: HMAC-SHA256 (DATA_INDEX_KEY) of the
-- normalised value. The unique index keeps its name (users_nik_key), so the service's mapping
-- of a duplicate NIK to a form error stays as it is.
ALTER TABLE users ADD COLUMN nik_bidx text;
ALTER TABLE users ADD COLUMN phone_bidx text;
DROP INDEX users_nik_key;
CREATE UNIQUE INDEX users_nik_key ON users (nik_bidx) WHERE nik_bidx IS NOT NULL;
-- Rows not yet sealed keep their clear NIK unique until the backfill reaches them.
CREATE UNIQUE INDEX users_nik_clear_key ON users (nik) WHERE nik IS NOT NULL AND nik NOT LIKE 'enc1:%';
CREATE INDEX users_phone_bidx_idx ON users (phone_bidx) WHERE phone_bidx IS NOT NULL;
