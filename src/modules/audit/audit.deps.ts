// What the audit module's routes need from the composition root: app.ts passes its `Deps`,
// which has all of this and more; the module sees only what it declares here.
import type { Agencies } from '../agencies/index.ts';
import type { ApiRegistry } from '../../platform/http/openapi.ts';
import type { AuditChain } from '../../platform/audit/seal.ts';
import type { Database } from '../../platform/db/database.ts';

export interface AuditDeps {
  agencies: Agencies;
  api: ApiRegistry;
  auditChain: AuditChain;
  database: Database;
}
