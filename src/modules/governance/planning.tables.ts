// Kysely table types: SPBE self-assessment, PeGI, master plan, roadmap, maturity (G-2, G-3, G-8, G-15), migration 0017. Merged into DB in platform/db/schema.ts.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T = unknown> = ColumnType<T, string, string>;
/** A `date` column: read and written as `YYYY-MM-DD`. */
type DateOnly = ColumnType<string, string, string>;

export type RoadmapComponent = 'governance' | 'infrastructure' | 'applications' | 'hr' | 'security' | 'services';
export type FundingSource = 'apbd' | 'apbn' | 'other' | 'csr';

export interface SpbeFrameworksTable {
  id: Generated<string>;
  framework_key: string;
  version: string;
  name: string;
  definition: Json;
  built_in: Generated<boolean>;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface SpbeAssessmentsTable {
  id: Generated<string>;
  framework_id: string;
  year: number;
  status: Generated<'draft' | 'final'>;
  finalised_at: Timestamp | null;
  finalised_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface SpbeScoresTable {
  assessment_id: string;
  indicator_number: number;
  level: number | null;
  justification: Generated<string>;
  evidence: Generated<string>;
  responsible_agency_id: string | null;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface SpbeEvidenceProposalsTable {
  id: Generated<string>;
  assessment_id: string;
  indicator_number: number;
  agency_id: string;
  note: string;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface PegiRatingsTable {
  year: number;
  policy: number;
  institution: number;
  infrastructure: number;
  application: number;
  planning: number;
  note: Generated<string>;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface MasterPlansTable {
  id: Generated<string>;
  title: string;
  vision: Generated<string>;
  mission: Generated<string>;
  goals: Generated<string>;
  notes_business: Generated<string>;
  notes_data: Generated<string>;
  notes_application: Generated<string>;
  notes_technology: Generated<string>;
  notes_security: Generated<string>;
  start_year: number;
  status: Generated<'draft' | 'approved'>;
  approved_at: Timestamp | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface MasterPlanReviewsTable {
  id: Generated<string>;
  plan_id: string;
  reviewed_on: DateOnly;
  note: Generated<string>;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface RoadmapInitiativesTable {
  id: Generated<string>;
  plan_id: string;
  component: RoadmapComponent;
  name: string;
  outputs: Generated<string>;
  agency_id: string | null;
  funding_source: FundingSource;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface RoadmapYearsTable {
  initiative_id: string;
  year: number;
  cost_rupiah: number;
}

export interface RoadmapProgressTable {
  initiative_id: string;
  year: number;
  percent: number;
  note: Generated<string>;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface MaturityStagesTable {
  stage: number;
  achieved: Generated<boolean>;
  evidence: Generated<string>;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface GovernancePlanningTables {
  spbe_frameworks: SpbeFrameworksTable;
  spbe_assessments: SpbeAssessmentsTable;
  spbe_scores: SpbeScoresTable;
  spbe_evidence_proposals: SpbeEvidenceProposalsTable;
  pegi_ratings: PegiRatingsTable;
  master_plans: MasterPlansTable;
  master_plan_reviews: MasterPlanReviewsTable;
  roadmap_initiatives: RoadmapInitiativesTable;
  roadmap_years: RoadmapYearsTable;
  roadmap_progress: RoadmapProgressTable;
  maturity_stages: MaturityStagesTable;
}
