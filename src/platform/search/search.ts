// One full-text index over the portal's public items (services, agencies, pages, legal
// documents) using PostgreSQL's `indonesian` configuration, which stems Indonesian word forms
// ("perizinan" → "izin") on both PGlite and the PostgreSQL server. Modules write their rows
// when an item is published or changed, inside the same transaction.
import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import { markPublicContentChanged } from '../http/public-cache.ts';

export type SearchKind = 'service' | 'agency' | 'page' | 'legal';

export interface SearchDocument {
  kind: SearchKind;
  refId: string;
  agencyId?: string | null;
  title: string;
  keywords?: string[];
  summary?: string;
  body?: string;
  url: string;
}

export async function indexDocument(db: Executor, doc: SearchDocument): Promise<void> {
  const keywords = (doc.keywords ?? []).join(' ');
  const summary = doc.summary ?? '';
  const body = (doc.body ?? '').slice(0, 200_000);
  await sql`
    insert into search_documents (kind, ref_id, agency_id, title, summary, url, tsv)
    values (${doc.kind}, ${doc.refId}, ${doc.agencyId ?? null}, ${doc.title}, ${summary}, ${doc.url},
      setweight(to_tsvector('indonesian', ${doc.title}), 'A') ||
      setweight(to_tsvector('indonesian', ${keywords}), 'B') ||
      setweight(to_tsvector('indonesian', ${summary}), 'C') ||
      setweight(to_tsvector('indonesian', ${body}), 'D'))
    on conflict (kind, ref_id) do update set
      agency_id = excluded.agency_id, title = excluded.title, summary = excluded.summary,
      url = excluded.url, tsv = excluded.tsv, updated_at = now()`.execute(db);
  // Whatever is searchable is shown on public pages: their cached copies are now stale.
  await markPublicContentChanged(db);
}

export async function removeDocument(db: Executor, kind: SearchKind, refId: string): Promise<void> {
  await db.deleteFrom('search_documents').where('kind', '=', kind).where('ref_id', '=', refId).execute();
  await markPublicContentChanged(db);
}

export interface SearchHit {
  kind: SearchKind;
  refId: string;
  agencyId: string | null;
  title: string;
  summary: string;
  url: string;
  rank: number;
}

/** Longest query considered; longer input is cut, never refused. */
export const maxQueryLength = 200;

export function normaliseQuery(q: unknown): string {
  if (typeof q !== 'string') return '';
  // Keep letters, digits and the operators websearch syntax understands; drop the rest.
  return q
    .slice(0, maxQueryLength)
    .replace(/[^\p{L}\p{N}\s"'-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * All words must match (best first); when that finds nothing, any word may match. Odd
 * characters and very long input are normalised, so any string answers normally.
 */
export async function searchDocuments(
  db: Executor,
  rawQuery: unknown,
  opts: { kinds?: SearchKind[]; limit?: number; offset?: number } = {},
): Promise<{ query: string; hits: SearchHit[]; total: number; broadened: boolean }> {
  const query = normaliseQuery(rawQuery);
  if (!query) return { query, hits: [], total: 0, broadened: false };
  const limit = Math.min(Math.max(opts.limit ?? 20, 1), 100);
  const offset = Math.max(opts.offset ?? 0, 0);
  const kinds = opts.kinds?.length ? opts.kinds : (['service', 'agency', 'page', 'legal'] as SearchKind[]);

  const run = async (any: boolean) => {
    const tsq = any
      ? sql`replace(websearch_to_tsquery('indonesian', ${query})::text, ' & ', ' | ')::tsquery`
      : sql`websearch_to_tsquery('indonesian', ${query})`;
    const rows = await sql<{ kind: SearchKind; ref_id: string; agency_id: string | null; title: string; summary: string; url: string; rank: number; total: number }>`
      select kind, ref_id, agency_id, title, summary, url,
        ts_rank_cd(tsv, q, 1)::float8 as rank, count(*) over () as total
      from search_documents cross join (select ${tsq} as q) as query
      where tsv @@ q and kind in (${sql.join(kinds)})
      order by rank desc, title
      limit ${limit} offset ${offset}`.execute(db);
    return rows.rows;
  };

  let rows = await run(false);
  let broadened = false;
  if (!rows.length && offset === 0 && query.includes(' ')) {
    rows = await run(true);
    broadened = rows.length > 0;
  }
  return {
    query,
    broadened,
    total: rows[0]?.total ?? 0,
    hits: rows.map((r) => ({ kind: r.kind, refId: r.ref_id, agencyId: r.agency_id, title: r.title, summary: r.summary, url: r.url, rank: Number(r.rank) })),
  };
}
