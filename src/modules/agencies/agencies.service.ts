// Region and agencies (Perangkat Daerah). The only place that changes their tables.
import type { Database } from '../../platform/db/database.ts';
import type { RegionInfo } from '../../platform/http/context.ts';

export interface Agencies {
  /** Region name and time zone for page shells (cached for a few seconds per node). */
  regionInfo(): Promise<RegionInfo>;
  /** Active agencies for public pages, by name. */
  listPublic(): Promise<{ slug: string; name: string; shortName: string }[]>;
  namesById(): Promise<Map<string, string>>;
}

const REGION_TTL_MS = 10_000;

export function createAgencies(database: Database): Agencies {
  const db = database.db;
  let cached: { at: number; value: RegionInfo } | null = null;
  return {
    async regionInfo() {
      if (cached && Date.now() - cached.at < REGION_TTL_MS) return cached.value;
      const row = await db.selectFrom('regions').select(['name', 'timezone']).orderBy('created_at').limit(1).executeTakeFirst();
      const value = row ? { name: row.name, timeZone: row.timezone } : { name: 'Simpul', timeZone: 'Asia/Jakarta' };
      cached = { at: Date.now(), value };
      return value;
    },
    async listPublic() {
      const rows = await db.selectFrom('agencies').select(['slug', 'name', 'short_name']).where('active', '=', true).orderBy('name').execute();
      return rows.map((r) => ({ slug: r.slug, name: r.name, shortName: r.short_name }));
    },
    async namesById() {
      const rows = await db.selectFrom('agencies').select(['id', 'name']).execute();
      return new Map(rows.map((r) => [r.id, r.name]));
    },
  };
}
