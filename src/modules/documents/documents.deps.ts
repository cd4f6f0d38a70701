// What the documents module's routes need from the composition root: app.ts passes its `Deps`,
// which has all of this and more; the module sees only what it declares here.
import type { Config } from '../../config.ts';
import type { Database } from '../../platform/db/database.ts';
import type { RegionInfo } from '../../platform/http/context.ts';
import type { ApiRegistry } from '../../platform/http/openapi.ts';
import type { Documents } from './documents.service.ts';
import type { Reminders } from './reminders.service.ts';
import type { Renewals } from './renewal.service.ts';

export interface DocumentsDeps {
  config: Config;
  database: Database;
  api: ApiRegistry;
  region: () => Promise<RegionInfo>;
  documents: Documents;
  reminders: Reminders;
  renewals: Renewals;
}
