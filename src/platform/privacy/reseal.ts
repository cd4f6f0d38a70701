// The two halves every backfill and key rotation of sealed columns shares: re-sealing in short
// transactions (the site keeps serving, PGlite included), and counting sealed values per key.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Executor } from '../db/database.ts';
import { sealedPrefix } from './field-crypto.ts';

/**
 * Runs `step` (which re-seals up to `batch` rows in the transaction it is given and returns how
 * many it touched) in one transaction per batch until a batch comes back short or `maxBatches`
 * ran. Returns the rows re-sealed.
 */
export async function resealInBatches<D>(db: Kysely<D>, opts: { batch: number; maxBatches?: number }, step: (trx: Transaction<D>, batch: number) => Promise<number>): Promise<number> {
  let resealed = 0;
  for (let i = 0; i < (opts.maxBatches ?? Number.MAX_SAFE_INTEGER); i++) {
    const n = await db.transaction().execute((trx) => step(trx, opts.batch));
    resealed += n;
    if (n < opts.batch) break;
  }
  return resealed;
}

/** Non-null values of the given columns per sealing key, and how many are still clear. */
export async function countSealed(db: Executor, columns: readonly { table: string; column: string }[]): Promise<{ byKey: Record<string, number>; clear: number }> {
  const values = sql.join(
    columns.map((c) => sql`SELECT ${sql.ref(c.column)} AS v FROM ${sql.table(c.table)} WHERE ${sql.ref(c.column)} IS NOT NULL`),
    sql` UNION ALL `,
  );
  const counts = await sql<{ key_id: string | null; n: number }>`
    SELECT CASE WHEN v LIKE ${`${sealedPrefix}%`} THEN split_part(v, ':', 2) ELSE NULL END AS key_id, count(*)::int AS n
    FROM (${values}) s
    GROUP BY 1`.execute(db);
  const byKey: Record<string, number> = {};
  let clear = 0;
  for (const c of counts.rows) {
    if (c.key_id === null) clear += Number(c.n);
    else byKey[c.key_id] = Number(c.n);
  }
  return { byKey, clear };
}
