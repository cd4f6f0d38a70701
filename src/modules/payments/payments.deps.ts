// What the payments module's routes need from the composition root: app.ts passes its `Deps`,
// which has all of this and more; the module sees only what it declares here.
import type { Config } from '../../config.ts';
import type { Database } from '../../platform/db/database.ts';
import type { RegionInfo } from '../../platform/http/context.ts';
import type { ApiRegistry } from '../../platform/http/openapi.ts';
import type { Agencies } from '../agencies/index.ts';
import type { Catalog } from '../catalog/index.ts';
import type { Payments } from './payments.service.ts';
import type { Reconciliation } from './reconciliation.service.ts';

export interface PaymentsDeps {
  config: Config;
  database: Database;
  api: ApiRegistry;
  region: () => Promise<RegionInfo>;
  agencies: Pick<Agencies, 'listAgencyRefs'>;
  catalog: Pick<Catalog, 'listPublished'>;
  payments: Payments;
  reconciliation: Reconciliation;
}
