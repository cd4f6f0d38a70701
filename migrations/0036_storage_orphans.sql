-- Stored files that no row refers to (platform/storage/orphans.ts): a sweep notes each one the
-- first time it sees it, and deletes it only when it is still unreferenced a grace period later,
-- so a file whose row is being written right now is never taken.
CREATE TABLE storage_orphan_candidates (
  storage_key  text PRIMARY KEY,
  first_seen   timestamptz NOT NULL DEFAULT now()
);
