import type { Deps } from '../app.ts';
import type { Database } from '../platform/db/database.ts';

export interface DemoSeedResult {
  regionName: string;
  adminEmail: string;
  password: string;
  otherEmails: string[];
}

/** True when no region exists yet (first start). */
export async function databaseIsEmpty(database: Database): Promise<boolean> {
  const row = await database.db.selectFrom('regions').select('id').limit(1).executeTakeFirst();
  return !row;
}

/** Loads the demo region "Provinsi Contoh". Implemented with the agencies and identity services. */
export async function seedDemo(_deps: Deps): Promise<DemoSeedResult> {
  throw new Error('not implemented yet');
}
