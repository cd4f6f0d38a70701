// Kysely table types of identity added after the foundation (migration 0039). Merged into DB
// in platform/db/schema.ts; the older identity tables are still declared there.
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

/** One TOTP recovery code: only its keyed hash; `used_at` once spent. */
export interface TotpRecoveryCodesTable {
  id: Generated<string>;
  user_id: string;
  code_hash: string;
  created_at: CreatedAt;
  used_at: Date | null;
}

export interface IdentityTables {
  totp_recovery_codes: TotpRecoveryCodesTable;
}
