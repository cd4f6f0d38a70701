// What the notifications module's routes need from the composition root: app.ts passes its
// `Deps`, which has all of this and more; the module sees only what it declares here.
import type { Config } from '../../config.ts';
import type { Database } from '../../platform/db/database.ts';
import type { RegionInfo } from '../../platform/http/context.ts';
import type { ApiRegistry } from '../../platform/http/openapi.ts';
import type { Notifications } from './notifications.service.ts';

export interface NotificationsDeps {
  config: Config;
  database: Database;
  api: ApiRegistry;
  region: () => Promise<RegionInfo>;
  notifications: Notifications;
}
