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

/** One agency's id and whether it is active, by id or by slug (undefined when there is none). */
export async function agencyStatus(q: Executor, by: { id: string } | { slug: string }): Promise<{ id: string; active: boolean } | undefined> {
  const query = q.selectFrom('agencies').select(['id', 'active']);
  return ('id' in by ? query.where('id', '=', by.id) : query.where('slug', '=', by.slug)).executeTakeFirst();
}

/** Which of the given agency ids exist. */
export async function knownAgencyIds(q: Executor, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  return new Set((await q.selectFrom('agencies').select('id').where('id', 'in', [...new Set(ids)]).execute()).map((r) => r.id));
}

/** The active agencies, by name. */
export async function activeAgencies(q: Executor): Promise<{ id: string; name: string }[]> {
  return q.selectFrom('agencies').select(['id', 'name']).where('active', '=', true).orderBy('name').execute();
}

/** The region's name, domain and time zone (the first region row; null before setup). */
export async function regionBasics(q: Executor): Promise<{ id: string; name: string; domain: string; timezone: string } | null> {
  return (await q.selectFrom('regions').select(['id', 'name', 'domain', 'timezone']).orderBy('created_at').limit(1).executeTakeFirst()) ?? null;
}

/**
 * The rows with their agency's name added under `nameKey` (null for no or an unknown agency):
 * what a join on the agencies table gave, asked through the same executor.
 */
export async function withAgencyNames<R extends { [k in K]: string | null }, K extends keyof R & string, N extends string>(
  q: Executor,
  rows: R[],
  idKey: K,
  nameKey: N,
): Promise<(R & { [n in N]: string | null })[]> {
  const names = await agencyNames(q, rows.map((r) => r[idKey]));
  return rows.map((r) => ({ ...r, [nameKey]: r[idKey] ? (names.get(r[idKey] as string) ?? null) : null }) as R & { [n in N]: string | null });
}

/** What a letter or receipt of an agency prints in its head (throws when the agency is not there). */
export interface AgencyLetterhead {
  name: string;
  shortName: string;
  address: string | null;
  phone: string | null;
  email: string | null;
  headName: string | null;
  headTitle: string | null;
  regionName: string;
}

export async function agencyLetterhead(q: Executor, agencyId: string): Promise<AgencyLetterhead> {
  const g = await q
    .selectFrom('agencies as g')
    .innerJoin('regions as r', 'r.id', 'g.region_id')
    .select(['g.name', 'g.short_name', 'g.address', 'g.phone', 'g.email', 'g.head_name', 'g.head_title', 'r.name as region_name'])
    .where('g.id', '=', agencyId)
    .executeTakeFirstOrThrow();
  return { name: g.name, shortName: g.short_name, address: g.address, phone: g.phone, email: g.email, headName: g.head_name, headTitle: g.head_title, regionName: g.region_name };
}

/** Every agency's id and slug (active or not). */
export async function agencySlugs(q: Executor): Promise<{ id: string; slug: string }[]> {
  return q.selectFrom('agencies').select(['id', 'slug']).execute();
}
