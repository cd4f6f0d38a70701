-- Region and agencies (S-1, G-5, G-11): the agency's own website (optional; the portal
-- address is subdomain.region-domain), one regional government per installation, and the
-- indexes the back office needs (grants by user, audit-trail filters with keyset paging).

ALTER TABLE agencies ADD COLUMN website text;

-- One Simpul installation serves one regional government (Pemda). The index makes a second
-- region impossible, also when two administrators or a demo seed race.
CREATE UNIQUE INDEX regions_single_key ON regions ((true));

CREATE INDEX role_grants_user_idx ON role_grants (user_id);

-- Audit-trail viewer: newest first by id, filtered by actor, action, entity or agency.
CREATE INDEX audit_events_actor_idx ON audit_events (actor_id, id);
CREATE INDEX audit_events_action_idx ON audit_events (action, id);
CREATE INDEX audit_events_entity_type_idx ON audit_events (entity_type, id);
CREATE INDEX audit_events_agency_idx ON audit_events (agency_id, id) WHERE agency_id IS NOT NULL;
