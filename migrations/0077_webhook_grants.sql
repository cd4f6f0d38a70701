-- Webhook subscriptions follow the agency's grants (I-2, I-4): a hook may follow the events of
-- another agency (source_agency_id; NULL: the hook's own agency) only while a client of the
-- subscribing agency holds a grant of the event's scope from that agency, and events that carry
-- personal data only under a grant backed by a data-sharing agreement. A delivery the grants no
-- longer allow (the grant expired with its agreement, or was revoked) is kept as 'blocked'.
ALTER TABLE integration_webhooks ADD COLUMN source_agency_id uuid REFERENCES agencies(id);
CREATE INDEX integration_webhooks_source_idx ON integration_webhooks (source_agency_id) WHERE source_agency_id IS NOT NULL;

ALTER TABLE integration_webhook_deliveries DROP CONSTRAINT integration_webhook_deliveries_status_check;
ALTER TABLE integration_webhook_deliveries ADD CONSTRAINT integration_webhook_deliveries_status_check
  CHECK (status IN ('pending', 'delivered', 'failed', 'blocked'));
