// What the catalog module's routes need from the composition root: app.ts passes its `Deps`,
// which has all of this and more; the module sees only what it declares here.
import type { Agencies } from '../agencies/index.ts';
import type { ApiRegistry } from '../../platform/http/openapi.ts';
import type { Catalog } from './catalog.service.ts';
import type { Database } from '../../platform/db/database.ts';
import type { RegionInfo } from '../../platform/http/context.ts';

export interface CatalogDeps {
  agencies: Agencies;
  api: ApiRegistry;
  catalog: Catalog;
  database: Database;
  region: () => Promise<RegionInfo>;
}
