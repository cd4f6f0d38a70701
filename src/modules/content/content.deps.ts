// What the content module's routes need from the composition root: app.ts passes its `Deps`,
// which has all of this and more; the module sees only what it declares here.
import type { Agencies } from '../agencies/index.ts';
import type { ApiRegistry } from '../../platform/http/openapi.ts';
import type { Config } from '../../config.ts';
import type { Content } from './content.service.ts';
import type { Database } from '../../platform/db/database.ts';

export interface ContentDeps {
  agencies: Agencies;
  api: ApiRegistry;
  config: Config;
  content: Content;
  database: Database;
}
