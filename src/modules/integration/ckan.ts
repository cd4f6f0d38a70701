// Satu Data Indonesia connector: publishes open data sets to a CKAN portal through the CKAN
// Action API (`POST {base}/api/3/action/package_create|package_update`, `Authorization: <API
// token>`), with BPS-style metadata in `extras` and the Kemendagri kode wilayah as reference
// code. The call goes through the connector outbox (connector-outbox.ts): a portal that is down
// is retried with back-off and the data set is never lost.
import { z } from 'zod';
import type { Executor } from '../../platform/db/database.ts';
import { defineJob, PermanentJobError, type JobQueue } from '../../platform/jobs/queue.ts';

/** What Simpul publishes: one data set with its metadata and its resources (files or links). */
export const openDataSet = z.object({
  /** CKAN `name`: lowercase letters, digits, - and _ (2–100). */
  name: z.string().regex(/^[a-z0-9_-]{2,100}$/),
  title: z.string().min(1).max(300),
  notes: z.string().max(10_000).default(''),
  /** The organisation on the portal (the producing agency's slug there). */
  organisation: z.string().min(1),
  /** BPS-style metadata (Satu Data Indonesia). */
  producer: z.string().min(1),
  kodeWilayah: z.string().regex(/^\d{2}(\.\d{2}){0,3}$/),
  period: z.string().min(1),
  frequency: z.enum(['tahunan', 'semesteran', 'triwulanan', 'bulanan', 'harian']),
  unit: z.string().default(''),
  tags: z.array(z.string().min(1).max(100)).default([]),
  resources: z.array(z.object({ name: z.string().min(1), url: z.url(), format: z.string().min(1) })).min(1),
});
export type OpenDataSet = z.input<typeof openDataSet>;

/** The CKAN `package_create` / `package_update` body as sent (pinned by the contract test). */
export const ckanPackageBody = z.object({
  name: z.string(),
  title: z.string(),
  notes: z.string(),
  owner_org: z.string(),
  license_id: z.string(),
  tags: z.array(z.object({ name: z.string() })),
  extras: z.array(z.object({ key: z.string(), value: z.string() })),
  resources: z.array(z.object({ name: z.string(), url: z.string(), format: z.string() })),
});
export type CkanPackageBody = z.infer<typeof ckanPackageBody>;

/** CKAN's answer envelope. */
export const ckanResponse = z.union([
  z.object({ success: z.literal(true), result: z.object({ id: z.string(), name: z.string() }).loose() }),
  z.object({ success: z.literal(false), error: z.object({ message: z.string().optional(), __type: z.string().optional() }).loose() }),
]);

export function toCkanPackage(input: OpenDataSet): CkanPackageBody {
  const d = openDataSet.parse(input);
  return {
    name: d.name,
    title: d.title,
    notes: d.notes,
    owner_org: d.organisation,
    license_id: 'cc-by',
    tags: d.tags.map((name) => ({ name })),
    extras: [
      { key: 'produsen_data', value: d.producer },
      { key: 'kode_wilayah', value: d.kodeWilayah },
      { key: 'periode', value: d.period },
      { key: 'frekuensi', value: d.frequency },
      { key: 'satuan', value: d.unit },
    ],
    resources: d.resources,
  };
}

export class ConnectorUnavailable extends Error {
  override readonly name = 'ConnectorUnavailable';
}
export class ConnectorRefused extends Error {
  override readonly name = 'ConnectorRefused';
}

export interface CkanPublisher {
  publish(input: OpenDataSet): Promise<{ id: string; name: string; created: boolean }>;
}

/**
 * Publishes through the Action API: `package_update` when the data set exists, otherwise
 * `package_create`. A network failure or 5xx throws ConnectorUnavailable (try again later);
 * a refusal by CKAN (validation, authorisation) throws ConnectorRefused.
 */
export function ckanPublisher(opts: { baseUrl: string; apiToken: string; fetch?: typeof fetch }): CkanPublisher {
  const doFetch = opts.fetch ?? fetch;
  async function action(name: string, body: unknown): Promise<z.infer<typeof ckanResponse>> {
    let res: Response;
    try {
      res = await doFetch(`${opts.baseUrl.replace(/\/$/, '')}/api/3/action/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: opts.apiToken },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      });
    } catch {
      throw new ConnectorUnavailable(`CKAN ${name}: no answer`);
    }
    if (res.status >= 500) throw new ConnectorUnavailable(`CKAN ${name}: HTTP ${res.status}`);
    const parsed = ckanResponse.safeParse(await res.json().catch(() => null));
    if (!parsed.success) throw new ConnectorUnavailable(`CKAN ${name}: unexpected answer (HTTP ${res.status})`);
    return parsed.data;
  }
  return {
    async publish(input) {
      const body = toCkanPackage(input);
      const shown = await action('package_show', { id: body.name });
      const created = !shown.success;
      const r = await action(created ? 'package_create' : 'package_update', created ? body : { ...body, id: shown.success ? shown.result.id : body.name });
      if (!r.success) throw new ConnectorRefused(`CKAN refused the data set: ${r.error.message ?? r.error.__type ?? 'unknown reason'}`);
      return { id: r.result.id, name: r.result.name, created };
    },
  };
}

/** The durable hand-off to Satu Data: a typed job per data set, retried with back-off. */
export const satuDataPublishJob = defineJob('integration.satudata.publish', openDataSet, {
  retryDelaySeconds: (n) => Math.min(3600, 30 * 2 ** Math.max(0, n - 1)),
});

export function createSatuDataOutbox(publisher: CkanPublisher) {
  return {
    /** Queues the data set in the caller's transaction; it reaches the portal once it answers. */
    async publish(db: Executor, jobs: JobQueue, input: OpenDataSet): Promise<void> {
      await jobs.enqueue(db, satuDataPublishJob, openDataSet.parse(input), { maxAttempts: 12 });
    },
    registerJobs(jobs: JobQueue): void {
      jobs.register(satuDataPublishJob, async (payload) => {
        try {
          await publisher.publish(payload);
        } catch (err) {
          // A refusal will not change by trying again: dead at once, visible in the job queue.
          if (err instanceof ConnectorRefused) throw new PermanentJobError(err.message);
          throw err;
        }
      });
    },
  };
}
