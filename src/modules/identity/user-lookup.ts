// What other modules may read about people, by id or NIK, through the open executor (a
// transaction on PGlite must pass its `trx`). Other modules ask these instead of joining the
// users table; each returns only the columns its callers need.
import type { Executor } from '../../platform/db/database.ts';
import type { Locale } from '../../platform/db/schema.ts';
import { nikMatch, openPerson } from './identity.sealing.ts';

export interface UserContact {
  id: string;
  name: string;
  email: string | null;
  locale: Locale;
}

const distinctIds = (ids: readonly (string | null | undefined)[]) => [...new Set(ids.filter((id): id is string => !!id))];

/** Display names of the given users (unknown ids and nulls are left out). */
export async function userNames(q: Executor, ids: readonly (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = distinctIds(ids);
  if (!wanted.length) return new Map();
  const rows = await q.selectFrom('users').select(['id', 'name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Name, e-mail and language of the given users, for a notice to them. */
export async function userContacts(q: Executor, ids: readonly (string | null | undefined)[]): Promise<Map<string, UserContact>> {
  const wanted = distinctIds(ids);
  if (!wanted.length) return new Map();
  const rows = await q.selectFrom('users').select(['id', 'name', 'email', 'locale']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, email: openPerson(r).email, locale: r.locale }]));
}

/** Ids of the accounts with these NIKs (16 digits; NIKs with no account are left out). */
export async function userIdsByNik(q: Executor, niks: readonly string[]): Promise<string[]> {
  if (!niks.length) return [];
  // NIKs are sealed at rest: matched by their blind index (or in clear, until re-sealed).
  return (await q.selectFrom('users').select('id').where((eb) => eb.or([...new Set(niks)].map((n) => nikMatch(n)(eb)))).execute()).map((r) => r.id);
}
