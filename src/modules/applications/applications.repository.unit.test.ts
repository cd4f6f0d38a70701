// The SQL of the application repository, compiled with Kysely's `.compile()` (no database) and
// compared with the reviewed snapshot queries/applications.repository.sql, so a change of query
// shows in review. After a deliberate change: UPDATE_SQL_SNAPSHOTS=1 npx vitest run --project unit <this file>.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { DB } from '../../platform/db/schema.ts';
import { applicationQueries } from './applications.repository.ts';

const snapshotFile = path.join(path.dirname(fileURLToPath(import.meta.url)), 'queries', 'applications.repository.sql');
const db = new Kysely<DB>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

const id = '00000000-0000-0000-0000-000000000001';
/** One call of every builder (each branch that changes the SQL), with fixed arguments. */
const cases: Record<string, { compile(): { sql: string; parameters: readonly unknown[] } }> = {
  'byIdempotencyKey': applicationQueries.byIdempotencyKey(db, 'key-1'),
  'latestDraft': applicationQueries.latestDraft(db, id, id),
  'submissionLookup': applicationQueries.submissionLookup(db, 'key-1', id, id),
  'timeline (applicant)': applicationQueries.timeline(db, id, false),
  'timeline (internal)': applicationQueries.timeline(db, id, true),
};

function render(): string {
  const head = '-- Reviewed SQL of src/modules/applications/applications.repository.ts (generated: UPDATE_SQL_SNAPSHOTS=1).\n';
  return head + Object.entries(cases).map(([name, b]) => {
    const c = b.compile();
    return `\n-- applicationQueries.${name}\n-- parameters: ${JSON.stringify(c.parameters)}\n${c.sql};\n`;
  }).join('');
}

describe('application repository SQL', () => {
  it('compiles every query to the reviewed snapshot (queries/applications.repository.sql)', () => {
    const now = render();
    if (process.env.UPDATE_SQL_SNAPSHOTS === '1') fs.writeFileSync(snapshotFile, now);
    expect(fs.existsSync(snapshotFile), 'snapshot missing: run with UPDATE_SQL_SNAPSHOTS=1').toBe(true);
    expect(now).toBe(fs.readFileSync(snapshotFile, 'utf8'));
  });
});
