// Kysely table types of the integration hub (migrations 0043, 0057, 0077, 0078).
import type { Generated } from 'kysely';
import type { CreatedAt, Timestamp } from '../../platform/db/schema.ts';

export type ClientKind = 'live' | 'sandbox' | 'test';
export type ClientStatus = 'pending' | 'active' | 'revoked';

export interface IntegrationClientsTable {
  id: Generated<string>;
  agency_id: string;
  name: string;
  kind: ClientKind;
  status: Generated<ClientStatus>;
  rate_per_minute: Generated<number>;
  created_by: string | null;
  approved_by: string | null;
  approved_at: Timestamp | null;
  revoked_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface IntegrationClientSecretsTable {
  id: Generated<string>;
  client_id: string;
  secret_hash: string;
  hint: string;
  expires_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface IntegrationTokensTable {
  token_hash: string;
  client_id: string;
  expires_at: Timestamp;
  created_at: CreatedAt;
}

export interface IntegrationGrantsTable {
  id: Generated<string>;
  client_id: string;
  owner_agency_id: string;
  scope: string;
  service_id: string | null;
  agreement_id: string | null;
  expires_at: Timestamp;
  granted_by: string | null;
  revoked_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface IntegrationIdempotencyTable {
  client_id: string;
  key: string;
  request_hash: string;
  status: number | null;
  response_body: string | null;
  created_at: CreatedAt;
}

export interface IntegrationInboundMessagesTable {
  id: Generated<string>;
  client_id: string;
  agency_id: string;
  sandbox: Generated<boolean>;
  kind: string;
  reference: string;
  body: string;
  created_at: CreatedAt;
}

export interface IntegrationWebhooksTable {
  id: Generated<string>;
  agency_id: string;
  url: string;
  events: string;
  /** Whose events the hook follows (NULL: its own agency's). */
  source_agency_id: string | null;
  secret_enc: string;
  previous_secret_enc: string | null;
  previous_expires_at: Timestamp | null;
  active: Generated<boolean>;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface IntegrationWebhookDeliveriesTable {
  id: Generated<string>;
  webhook_id: string;
  event_id: string;
  event_type: string;
  payload: string;
  status: Generated<'pending' | 'delivered' | 'failed' | 'blocked'>;
  attempts: Generated<number>;
  last_status: number | null;
  last_error: string | null;
  delivered_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface IntegrationApiKeysTable {
  id: Generated<string>;
  client_id: string;
  key_id: string;
  secret_enc: string;
  hint: string;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface IntegrationSignatureNoncesTable {
  key_id: string;
  signature: string;
  seen_at: CreatedAt;
}

export interface IntegrationNationalPermitsTable {
  id: Generated<string>;
  source: 'oss' | 'sicantik';
  permit_id: string;
  agency_id: string;
  client_id: string;
  holder_nik_sealed: string;
  holder_nik_bidx: string;
  notice: unknown;
  status: Generated<'pending' | 'issued'>;
  document_id: string | null;
  received_at: CreatedAt;
  issued_at: Timestamp | null;
}

export interface IntegrationTables {
  integration_national_permits: IntegrationNationalPermitsTable;
  integration_api_keys: IntegrationApiKeysTable;
  integration_signature_nonces: IntegrationSignatureNoncesTable;
  integration_clients: IntegrationClientsTable;
  integration_client_secrets: IntegrationClientSecretsTable;
  integration_tokens: IntegrationTokensTable;
  integration_grants: IntegrationGrantsTable;
  integration_idempotency: IntegrationIdempotencyTable;
  integration_inbound_messages: IntegrationInboundMessagesTable;
  integration_webhooks: IntegrationWebhooksTable;
  integration_webhook_deliveries: IntegrationWebhookDeliveriesTable;
}
