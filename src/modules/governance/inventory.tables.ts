// Kysely table types: application inventory, hand-over, ICT staff and assets (G-4, G-5, G-6, G-9, G-12), migration 0016. Merged into DB in platform/db/schema.ts.
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | undefined, Date>;
/** `YYYY-MM-DD` on both engines. */
type DateOnly = string;

export type AppKind = 'core' | 'general' | 'national';
export type DeveloperKind = 'in_house' | 'vendor' | 'ministry';
export type Hosting = 'regional_dc' | 'ministry' | 'vendor_cloud';
export type AppStatus = 'planned' | 'development' | 'live' | 'retired';
export type HandoverItem =
  | 'business_process'
  | 'data_architecture'
  | 'application_architecture'
  | 'infrastructure_architecture'
  | 'source_code'
  | 'operating_manual'
  | 'security_test'
  | 'performance_test'
  | 'debugging_test';
export type AssetCategory = 'hardware' | 'software' | 'network';
export type AcquisitionMethod = 'purchase' | 'grant' | 'lease' | 'transfer' | 'other';
export type FundingSource = 'apbd' | 'apbn' | 'csr' | 'other';
export type AssetCondition = 'good' | 'light_damage' | 'heavy_damage';
export type AssetStatus = 'planned' | 'in_use' | 'disposed';

export interface IctApplicationsTable {
  id: Generated<string>;
  agency_id: string;
  name: string;
  kind: AppKind;
  developer_kind: DeveloperKind;
  developer_name: Generated<string>;
  purpose: Generated<string>;
  /** JSON array written as a string. */
  user_groups: ColumnType<string[], string | undefined, string>;
  users_note: Generated<string>;
  url: Generated<string>;
  hosting: Hosting;
  security: ColumnType<string[], string | undefined, string>;
  security_note: Generated<string>;
  documentation: Generated<string>;
  source_location: Generated<string>;
  status: AppStatus;
  planned_on: DateOnly | null;
  live_on: DateOnly | null;
  retired_on: DateOnly | null;
  handover_accepted_at: Date | null;
  handover_accepted_by: string | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface IctApplicationLinksTable {
  application_id: string;
  related_id: string;
}

export interface IctHandoverItemsTable {
  application_id: string;
  item: HandoverItem;
  storage_key: string | null;
  file_name: string | null;
  file_sha256: string | null;
  link_url: string | null;
  provided_by: string | null;
  provided_by_name: string;
  provided_at: Generated<Date>;
}

export interface IctStaffFiguresTable {
  id: Generated<string>;
  agency_id: string;
  year: number;
  civil_servants: number;
  ict_able: number;
  ability_good: number;
  ability_fair: number;
  ict_specialists: number;
  updated_by: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface Certification {
  name: string;
  year: number;
  expiresOn: string | null;
}

export interface IctStaffTable {
  id: Generated<string>;
  agency_id: string;
  name: string;
  nip: string | null;
  position: Generated<string>;
  education: Generated<string>;
  competencies: Generated<string>;
  /** JSON written as a string; read back as an array. */
  certifications: ColumnType<Certification[], string | undefined, string>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface IctAssetsTable {
  id: Generated<string>;
  agency_id: string;
  code: string;
  name: string;
  category: AssetCategory;
  location: Generated<string>;
  acquired_on: DateOnly | null;
  acquisition_method: AcquisitionMethod;
  value: Generated<number>;
  funding_source: FundingSource;
  condition: AssetCondition;
  status: AssetStatus;
  disposed_on: DateOnly | null;
  disposal_reason: string | null;
  licence_expires_on: DateOnly | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface GovernanceInventoryTables {
  ict_applications: IctApplicationsTable;
  ict_application_links: IctApplicationLinksTable;
  ict_handover_items: IctHandoverItemsTable;
  ict_staff_figures: IctStaffFiguresTable;
  ict_staff: IctStaffTable;
  ict_assets: IctAssetsTable;
}
