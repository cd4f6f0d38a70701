// What the portal module's routes need from the composition root: app.ts passes its `Deps`,
// which has all of this and more; the module sees only what it declares here.
import type { Agencies } from '../agencies/index.ts';
import type { Catalog } from '../catalog/index.ts';
import type { Config } from '../../config.ts';
import type { Database } from '../../platform/db/database.ts';
import type { Processing } from '../applications/index.ts';
import type { Reconciliation } from '../payments/index.ts';
import type { RegionInfo } from '../../platform/http/context.ts';

export interface PortalDeps {
  agencies: Agencies;
  catalog: Catalog;
  config: Config;
  database: Database;
  processing: Processing;
  reconciliation: Reconciliation;
  region: () => Promise<RegionInfo>;
}
