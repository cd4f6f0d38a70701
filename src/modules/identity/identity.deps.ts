// What the identity module's routes need from the composition root: app.ts passes its `Deps`,
// which has all of this and more. Notifications is a port declared here (notifications depend
// on identity's identifiers, not the reverse).
import type { Config } from '../../config.ts';
import type { Database, Executor } from '../../platform/db/database.ts';
import type { RegionInfo } from '../../platform/http/context.ts';
import type { ApiRegistry } from '../../platform/http/openapi.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import type { Identity } from './identity.service.ts';

export interface IdentityRouteDeps {
  config: Config;
  database: Database;
  api: ApiRegistry;
  region: () => Promise<RegionInfo>;
  mailer: Mailer;
  identity: Identity;
  /** Sending a one-off SMS (the phone-change code). */
  notifications: { sendShortMessage(trx: Executor, msg: { channel: 'sms' | 'whatsapp'; to: string; text: string; userId?: string | null; event?: string | null; secrets?: string[]; secretsExpireAt?: Date }): Promise<string> };
}
