// What the applications module's routes need from the composition root: app.ts passes its
// `Deps`, which has all of this and more; the module sees only what it declares here.
import type { Config } from '../../config.ts';
import type { Database } from '../../platform/db/database.ts';
import type { RegionInfo } from '../../platform/http/context.ts';
import type { ApiRegistry } from '../../platform/http/openapi.ts';
import type { Executor } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Storage } from '../../platform/storage/storage.ts';
import type { Catalog } from '../catalog/index.ts';
import type { Identity } from '../identity/index.ts';
import type { Applications } from './applications.service.ts';
import type { Processing } from './processing.service.ts';

/** The permit an approval would issue, unsigned (documents; a port, as documents depend on applications). */
export interface DocumentPreview {
  preview(q: Executor, applicationId: string, actor: Actor | null, labels: { number: string; code: string; watermark: string }, now?: Date): Promise<Buffer>;
}

export interface ApplicationsDeps {
  config: Config;
  database: Database;
  api: ApiRegistry;
  region: () => Promise<RegionInfo>;
  storage: Storage;
  applications: Applications;
  processing: Processing;
  catalog: Catalog;
  identity: Pick<Identity, 'confirmIdentity'>;
  documents: DocumentPreview;
}
