-- The public version of a complaint (C-1): the coordinator publishes only after a preview of
-- exactly what the public will see (masked automatically, editable, masked again on confirm).
-- public_* hold that confirmed text; Open311 and the public suggestions show it when present.
-- The reporter may later remove his details from it (reporter_details_removed_at); the text is
-- then masked again without his name, and he is no longer shown to staff.
ALTER TABLE complaints ADD COLUMN public_title text;
ALTER TABLE complaints ADD COLUMN public_body text;
ALTER TABLE complaints ADD COLUMN public_address text;
ALTER TABLE complaints ADD COLUMN published_at timestamptz;
ALTER TABLE complaints ADD COLUMN published_by uuid;
ALTER TABLE complaints ADD COLUMN reporter_details_removed_at timestamptz;
