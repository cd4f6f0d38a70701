-- A guest reporter's name, e-mail and phone are sealed at rest (UU PDP) like users.nik/phone
-- (migration 0055): the columns keep their names and hold AES-256-GCM envelopes made in the
-- application with DATA_KEYS, which SQL cannot do; existing rows are sealed by the TypeScript
-- backfill (`simpul keys rotate`, also run at start by the worker), in batches, while clear
-- values still read. The phone, looked up exactly (SMS complaints per number and day), gets a
-- blind index (HMAC-SHA256 with DATA_INDEX_KEY).
ALTER TABLE complaints ADD COLUMN reporter_phone_bidx text;
CREATE INDEX complaints_reporter_phone_bidx_idx ON complaints (reporter_phone_bidx) WHERE reporter_phone_bidx IS NOT NULL;
