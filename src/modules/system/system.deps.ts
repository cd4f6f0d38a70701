// What the system module's routes need from the composition root: app.ts passes its `Deps`,
// which has all of this and more; the module sees only what it declares here.
import type { ApiRegistry } from '../../platform/http/openapi.ts';
import type { Config } from '../../config.ts';
import type { Database } from '../../platform/db/database.ts';
import type { Identity } from '../identity/index.ts';
import type { JobQueue } from '../../platform/jobs/queue.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import type { Metrics } from '../../platform/metrics.ts';
import type { Storage } from '../../platform/storage/storage.ts';

export interface SystemDeps {
  api: ApiRegistry;
  config: Config;
  database: Database;
  identity: Identity;
  jobs: JobQueue;
  mailer: Mailer;
  metrics: Metrics;
  storage: Storage;
}
