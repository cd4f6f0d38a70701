// Kysely table types: coordination requests, audits and registers (G-1, G-7, G-10, G-11, G-12,
// G-13, G-14), migration 0018. Merged into DB in platform/db/schema.ts.
import type { Generated } from 'kysely';
import type { CreatedAt, Json, Timestamp } from '../../platform/db/schema.ts';

export type CoordinationKind = 'new_application' | 'procurement' | 'network' | 'other';
export type CoordinationState = 'draft' | 'submitted' | 'in_review' | 'changes_requested' | 'approved' | 'declined';
export type AuditKind = 'infrastructure' | 'application' | 'security';
export type Severity = 'low' | 'medium' | 'high' | 'critical';

export interface GovCoordinationRequestsTable {
  id: Generated<string>;
  agency_id: string;
  title: string;
  kind: CoordinationKind;
  description: string;
  estimated_budget: number;
  planned_year: number;
  attachment_url: string | null;
  state: Generated<CoordinationState>;
  recommendation: string | null;
  budget_guidance: number | null;
  price_guidance: string | null;
  decision_note: string | null;
  submitted_at: Date | null;
  approved_at: Date | null;
  decided_at: Date | null;
  created_by: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface GovCoordinationEventsTable {
  id: Generated<string>;
  request_id: string;
  at: CreatedAt;
  action: string;
  from_state: string | null;
  to_state: string;
  actor_id: string | null;
  actor_label: string;
  note: string | null;
}

export interface GovCoordinationProgressTable {
  id: Generated<string>;
  request_id: string;
  report_date: string;
  percent: number;
  note: string;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface GovAuditsTable {
  id: Generated<string>;
  agency_id: string | null;
  kind: AuditKind;
  scope: string;
  auditor_type: 'internal' | 'external';
  auditor_name: string;
  start_date: string;
  end_date: string;
  created_by: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface GovAuditFindingsTable {
  id: Generated<string>;
  audit_id: string;
  title: string;
  description: Generated<string>;
  severity: Severity;
  owner_agency_id: string | null;
  due_date: string;
  status: Generated<'open' | 'closed'>;
  closed_at: Date | null;
  created_at: CreatedAt;
}

export interface GovAuditFollowupsTable {
  id: Generated<string>;
  finding_id: string;
  note: string;
  closes: Generated<boolean>;
  actor_id: string | null;
  actor_label: string;
  created_at: CreatedAt;
}

export interface GovRegisterEntriesTable {
  id: Generated<string>;
  register: string;
  agency_id: string | null;
  data: Json<Record<string, unknown>>;
  search_text: Generated<string>;
  created_by: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface GovernanceRegisterTables {
  gov_coordination_requests: GovCoordinationRequestsTable;
  gov_coordination_events: GovCoordinationEventsTable;
  gov_coordination_progress: GovCoordinationProgressTable;
  gov_audits: GovAuditsTable;
  gov_audit_findings: GovAuditFindingsTable;
  gov_audit_followups: GovAuditFollowupsTable;
  gov_register_entries: GovRegisterEntriesTable;
}
