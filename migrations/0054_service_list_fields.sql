-- List fields of published services in their own columns (issue 16): the home page, /layanan
-- and the services API read the name, summary, sectors and channels of every published
-- service; reading them out of the version's whole JSONB content (about 4.5 KB a row) was
-- most of the cost of those pages. Written by the catalogue when it publishes; filled here for
-- services already published.
ALTER TABLE services
  ADD COLUMN list_name text,
  ADD COLUMN list_summary text NOT NULL DEFAULT '',
  ADD COLUMN list_sectors jsonb NOT NULL DEFAULT '[]'::jsonb,
  ADD COLUMN list_channels jsonb NOT NULL DEFAULT '[]'::jsonb;

UPDATE services s
   SET list_name = v.content->>'name',
       list_summary = coalesce(v.content->>'summary', ''),
       list_sectors = coalesce(v.content->'sectors', '[]'::jsonb),
       list_channels = coalesce(v.content->'channels', '[]'::jsonb)
  FROM service_versions v
 WHERE v.service_id = s.id AND v.version = s.current_version;

CREATE INDEX services_published_by_name ON services (list_name) WHERE status = 'published';
