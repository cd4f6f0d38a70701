// What the governance module's routes need from the composition root: app.ts passes its `Deps`,
// which has all of this and more; the module sees only what it declares here.
import type { Agencies } from '../agencies/index.ts';
import type { ApiRegistry } from '../../platform/http/openapi.ts';
import type { Config } from '../../config.ts';
import type { Database } from '../../platform/db/database.ts';
import type { Inventory } from './inventory.service.ts';
import type { Planning } from './planning.service.ts';
import type { RegionInfo } from '../../platform/http/context.ts';

export interface GovernanceDeps {
  agencies: Agencies;
  api: ApiRegistry;
  config: Config;
  database: Database;
  inventory: Inventory;
  planning: Planning;
  region: () => Promise<RegionInfo>;
}
