// Vitest global setup for the 'pglite' project (and e2e): migrates one in-memory PGlite once per
// run and writes its data folder as a tarball; each test file then opens its own PGlite from
// that snapshot (`loadDataDir`) instead of running initdb and every migration again, which
// was most of the PGlite part of the suite. Files stay isolated: each has its own instance.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteSnapshot: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-pglite-'));
  const file = path.join(dir, 'migrated.tar');
  const database = await openDatabase({ pgliteDir: 'memory://' });
  try {
    await migrate(database);
    const blob = await database.dumpDataDir!();
    fs.writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  } finally {
    await database.close();
  }
  project.provide('pgliteSnapshot', file);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
