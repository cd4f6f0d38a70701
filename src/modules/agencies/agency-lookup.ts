// Agency names for other modules, by id, through the open executor (a transaction on PGlite
// must pass its `trx`). Other modules ask this instead of joining the agencies table.
import type { Executor } from '../../platform/db/database.ts';

/** Names of the given agencies (unknown ids and nulls are left out). */
export async function agencyNames(q: Executor, ids: readonly (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (!wanted.length) return new Map();
  const rows = await q.selectFrom('agencies').select(['id', 'name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
