// What the agencies module's routes need from the
// composition root: app.ts passes its `Deps`, which has all of this and more. Catalog and
// identity are ports declared here: catalog and identity depend on agencies, not the reverse.
import type { Database } from '../../platform/db/database.ts';
import type { ApiRegistry } from '../../platform/http/openapi.ts';
import type { Agencies, StaffAccounts } from './agencies.service.ts';

export interface AgenciesDeps {
  api: ApiRegistry;
  database: Database;
  agencies: Agencies;
  /** Creating the account of a new staff member (identity). */
  identity: StaffAccounts;
  /** The published services of an agency, for its public page (catalog). */
  catalog: { listPublished(filter: { agencyId?: string; limit?: number }): Promise<{ items: { slug: string; name: string; summary: string }[] }> };
}
