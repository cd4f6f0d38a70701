-- Public page cache (issue 16): one row whose number goes up in the same transaction as any
-- change to what anonymous public pages show (a service published or archived, a page or
-- legal document changed, an agency or the region changed). Every node compares the number
-- with the one its cached pages were rendered at, so a publish on one node is seen at once
-- on all of them.
CREATE TABLE public_content_version (
  id          smallint PRIMARY KEY CHECK (id = 1),
  version     bigint NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
INSERT INTO public_content_version (id) VALUES (1);
