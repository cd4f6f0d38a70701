// Satu Data wiring: the open data set of the public performance page (/kinerja, executive
// module) published to the region's CKAN portal with BPS-style metadata, daily and on demand
// from the back office. The resources are the page's own CSV and metadata links (the figures
// come from the executive module's public CSV; no copy is kept here), so the portal always
// serves the current numbers; the job only keeps the catalogue entry up to date.
import { z } from 'zod';
import type { Executor } from '../../platform/db/database.ts';
import { errors } from '../../platform/http/errors.ts';
import { defineJob, type JobQueue } from '../../platform/jobs/queue.ts';
import type { OpenDataSet } from './ckan.ts';

export const satuDataKinerjaJob = defineJob('integration.satudata.kinerja', z.object({ year: z.number().int().optional() }));

export interface SatuDataKinerjaOptions {
  baseUrl: string;
  /** The organisation of the region on the portal. */
  organisation: string;
  region: () => Promise<{ name: string; code?: string }>;
  /** Queues one data set on the Satu Data outbox (ckan.ts), in the caller's transaction. */
  publish: (db: Executor, jobs: JobQueue, input: OpenDataSet) => Promise<void>;
  now?: () => Date;
}

/** Kode wilayah dotted as the portal expects (`5371` → `53.71`). */
export const dottedKodeWilayah = (code: string) => (code.replace(/\D/g, '').match(/\d{2}/g) ?? []).join('.');

export function kinerjaDataSet(o: { baseUrl: string; organisation: string; regionName: string; regionCode: string; year: number }): OpenDataSet {
  const base = o.baseUrl.replace(/\/$/, '');
  const code = o.regionCode.replace(/\D/g, '');
  return {
    name: `kinerja-layanan-${code || 'daerah'}-${o.year}`,
    title: `Kinerja layanan publik ${o.regionName} ${o.year}`,
    notes: `Permohonan diterima dan selesai, tingkat penyelesaian, penggunaan kanal digital, dan kepatuhan waktu layanan per perangkat daerah, ${o.regionName}, tahun ${o.year}. Tanpa data pribadi; instansi dengan kurang dari 10 permohonan tidak dirinci.`,
    organisation: o.organisation,
    producer: o.regionName,
    kodeWilayah: dottedKodeWilayah(code),
    period: String(o.year),
    frequency: 'harian',
    unit: 'permohonan; persen',
    tags: ['kinerja', 'pelayanan-publik'],
    resources: [
      { name: `Data kinerja layanan ${o.year} (CSV)`, url: `${base}/kinerja/data.csv?tahun=${o.year}`, format: 'CSV' },
      { name: `Metadata ${o.year} (JSON)`, url: `${base}/kinerja/metadata.json?tahun=${o.year}`, format: 'JSON' },
    ],
  };
}

export function createSatuDataKinerja(opts: SatuDataKinerjaOptions) {
  const now = opts.now ?? (() => new Date());
  const api = {
    /** Queues the data set of `year` (default: this year) for the portal. */
    async publishNow(db: Executor, jobs: JobQueue, year = now().getUTCFullYear()): Promise<OpenDataSet> {
      const region = await opts.region();
      if (!region.code || !/^\d{2,}$/.test(region.code.replace(/\./g, ''))) throw errors.conflict('hub.error.no_region_code');
      const ds = kinerjaDataSet({ baseUrl: opts.baseUrl, organisation: opts.organisation, regionName: region.name, regionCode: region.code ?? '', year });
      await opts.publish(db, jobs, ds);
      return ds;
    },
    registerJobs(jobs: JobQueue, db: Executor): void {
      jobs.register(satuDataKinerjaJob, async ({ year }) => void (await api.publishNow(db, jobs, year)));
      jobs.schedule(satuDataKinerjaJob, 86_400);
    },
  };
  return api;
}

export type SatuDataKinerja = ReturnType<typeof createSatuDataKinerja>;
