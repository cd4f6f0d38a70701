// Connectors to national applications behind one interface (I-4 item 6): each has a pinned
// request and response shape (zod), an HTTP implementation and a local fake for development
// and tests (fakeRemote: a fetch that answers like the remote, can be "down"). Messages go
// out through a durable outbox: one job per message, retried with back-off while the remote
// is down (ConnectorUnavailable), dead at once when it refuses (ConnectorRefused) — never lost.
//
// - SPLP (Sistem Penghubung Layanan Pemerintah, the national API gateway): publishes Simpul's
//   OpenAPI document under a versioned context (`/<region>/simpul/v1`), with the token URL the
//   gateway uses for the backend credentials Simpul issued to it (an ordinary hub client).
// - SIPD (Sistem Informasi Pemerintahan Daerah): pushes planning data — the ICT roadmap of the
//   SPBE plan — with the region's 4-digit `kodepemda`.
// The remote shapes are Simpul's contract with an adapter at each national system; the tests
// pin them so a change is deliberate.
import { z } from 'zod';
import type { Executor } from '../../platform/db/database.ts';
import { defineJob, PermanentJobError, type JobQueue } from '../../platform/jobs/queue.ts';
import { ConnectorRefused, ConnectorUnavailable } from './ckan.ts';

export interface Connector<Req, Res> {
  /** The national system, e.g. `splp`. */
  readonly system: string;
  readonly request: z.ZodType<Req>;
  readonly response: z.ZodType<Res>;
  send(request: Req): Promise<Res>;
}

/**
 * An HTTP JSON connector: POST {baseUrl}{path} with a bearer token. No answer, 5xx or an
 * answer not in the pinned shape → ConnectorUnavailable (retry); 4xx → ConnectorRefused.
 */
export function jsonConnector<Req, Res>(def: { system: string; path: string; request: z.ZodType<Req>; response: z.ZodType<Res> }, opts: { baseUrl: string; token: string; fetch?: typeof fetch }): Connector<Req, Res> {
  const doFetch = opts.fetch ?? fetch;
  return {
    system: def.system,
    request: def.request,
    response: def.response,
    async send(request) {
      const body = def.request.parse(request);
      let res: Response;
      try {
        res = await doFetch(`${opts.baseUrl.replace(/\/$/, '')}${def.path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${opts.token}` },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(15_000),
        });
      } catch {
        throw new ConnectorUnavailable(`${def.system}: no answer`);
      }
      if (res.status >= 500) throw new ConnectorUnavailable(`${def.system}: HTTP ${res.status}`);
      if (res.status >= 400) throw new ConnectorRefused(`${def.system}: refused (HTTP ${res.status})`);
      const parsed = def.response.safeParse(await res.json().catch(() => null));
      if (!parsed.success) throw new ConnectorUnavailable(`${def.system}: unexpected answer (HTTP ${res.status})`);
      return parsed.data;
    },
  };
}

// ---- SPLP ------------------------------------------------------------------------------------

export const splpPublishRequest = z.object({
  /** Versioned context on the gateway, e.g. `/3204/simpul/v1`. */
  context: z.string().regex(/^\/[a-z0-9/_-]+\/v\d+$/),
  name: z.string().min(1).max(200),
  version: z.string().regex(/^\d+\.\d+\.\d+$/),
  /** Simpul's backend the gateway forwards to. */
  endpoint: z.url(),
  /** How the gateway authenticates to Simpul: client credentials Simpul issued to it. */
  backendAuth: z.object({ type: z.literal('oauth2_client_credentials'), tokenUrl: z.url(), clientId: z.string().min(1) }),
  openapi: z.record(z.string(), z.unknown()),
});
export type SplpPublishRequest = z.infer<typeof splpPublishRequest>;
export const splpPublishResponse = z.object({ apiId: z.string().min(1), context: z.string(), status: z.enum(['PUBLISHED', 'CREATED']) });

export const splpPublish = { system: 'splp', path: '/apis/publish', request: splpPublishRequest, response: splpPublishResponse };

/** The publication of Simpul's API on the SPLP under `/<kodepemda>/simpul/v<major>`. */
export function splpPublication(input: { openapi: Record<string, unknown>; baseUrl: string; kodepemda: string; gatewayClientId: string }): SplpPublishRequest {
  const info = (input.openapi.info ?? {}) as { title?: string; version?: string };
  const version = info.version ?? '1.0.0';
  return splpPublishRequest.parse({
    context: `/${input.kodepemda}/simpul/v${version.split('.')[0]}`,
    name: info.title ?? 'Simpul API',
    version,
    endpoint: `${input.baseUrl.replace(/\/$/, '')}/api/v1`,
    backendAuth: { type: 'oauth2_client_credentials', tokenUrl: `${input.baseUrl.replace(/\/$/, '')}/api/v1/oauth/token`, clientId: input.gatewayClientId },
    openapi: input.openapi,
  });
}

// ---- SIPD ------------------------------------------------------------------------------------

export const sipdRoadmapRequest = z.object({
  /** The region's 4-digit code (Kemendagri), e.g. `3204`. */
  kodepemda: z.string().regex(/^\d{4}$/),
  dokumen: z.literal('peta_rencana_spbe'),
  judul: z.string().min(1),
  tahun_awal: z.number().int(),
  tahun_akhir: z.number().int(),
  status: z.enum(['draft', 'approved']),
  kegiatan: z.array(
    z.object({
      komponen: z.string(),
      nama: z.string(),
      keluaran: z.string(),
      sumber_dana: z.string(),
      anggaran: z.array(z.object({ tahun: z.number().int(), nilai: z.number().int().nonnegative() })),
    }),
  ),
});
export type SipdRoadmapRequest = z.infer<typeof sipdRoadmapRequest>;
export const sipdRoadmapResponse = z.object({ status: z.literal('diterima'), id_dokumen: z.string().min(1) });

export const sipdRoadmap = { system: 'sipd', path: '/perencanaan/peta-rencana-spbe', request: sipdRoadmapRequest, response: sipdRoadmapResponse };

/** The roadmap as the governance module gives it (plan and its initiatives). */
export interface RoadmapInput {
  plan: { title: string; startYear: number; endYear: number; status: 'draft' | 'approved' };
  initiatives: { component: string; name: string; outputs: string; fundingSource: string; years: { year: number; costRupiah: number }[] }[];
}

/**
 * The 4-digit kodepemda of a kode wilayah, which may be dotted (`32.04`): the regency or city's
 * 4 digits; a province's 2 digits padded with `00` (`53` → `5300`).
 */
export function kodepemdaOf(kodeWilayah: string): string {
  const digits = kodeWilayah.replace(/\D/g, '').slice(0, 4);
  // Fewer than a province's 2 digits is no code (refused by the pinned shape).
  return digits.length < 2 ? digits : digits.padEnd(4, '0');
}

/** `kodeWilayah` may be dotted (`32.04`); SIPD wants the 4-digit kodepemda. */
export function sipdRoadmapFrom(kodeWilayah: string, r: RoadmapInput): SipdRoadmapRequest {
  return sipdRoadmapRequest.parse({
    kodepemda: kodepemdaOf(kodeWilayah),
    dokumen: 'peta_rencana_spbe',
    judul: r.plan.title,
    tahun_awal: r.plan.startYear,
    tahun_akhir: r.plan.endYear,
    status: r.plan.status,
    kegiatan: r.initiatives.map((i) => ({ komponen: i.component, nama: i.name, keluaran: i.outputs, sumber_dana: i.fundingSource, anggaran: i.years.map((y) => ({ tahun: y.year, nilai: Math.round(y.costRupiah) })) })),
  });
}

// ---- Local fake ------------------------------------------------------------------------------

/**
 * A fetch that plays the remote: checks the bearer token, validates the body against the
 * pinned request shape (400 otherwise), records it, and answers with `answer(body)`. `down`
 * makes it answer 503 (or `failTimes` the next n calls) to exercise the retries.
 */
export function fakeRemote<Req>(def: { request: z.ZodType<Req> }, answer: (body: Req, n: number) => unknown, opts: { token?: string } = {}) {
  const state = { received: [] as Req[], down: false, failTimes: 0, calls: 0 };
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const fetchFn = (async (_url: string | URL | Request, init?: RequestInit) => {
    state.calls += 1;
    if (state.down || state.failTimes > 0) {
      if (state.failTimes > 0) state.failTimes -= 1;
      return json(503, { error: 'unavailable' });
    }
    const auth = new Headers(init?.headers).get('authorization');
    if (opts.token && auth !== `Bearer ${opts.token}`) return json(401, { error: 'unauthorized' });
    const parsed = def.request.safeParse(JSON.parse(String(init?.body ?? 'null')));
    if (!parsed.success) return json(400, { error: 'invalid', issues: parsed.error.issues.map((i) => i.path.join('.')) });
    state.received.push(parsed.data);
    return json(200, answer(parsed.data, state.received.length));
  }) as typeof fetch;
  return Object.assign(state, { fetch: fetchFn });
}

// ---- Outbox ----------------------------------------------------------------------------------

export const connectorSendJob = defineJob('integration.connector.send', z.object({ system: z.string().min(1), body: z.unknown() }), {
  retryDelaySeconds: (n) => Math.min(3600, 30 * 2 ** Math.max(0, n - 1)),
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyConnector = Connector<any, unknown>;

export function createConnectorOutbox(connectors: AnyConnector[]) {
  const bySystem = new Map(connectors.map((c) => [c.system, c]));
  return {
    /** Queues the message in the caller's transaction (validated now: a bad one never queues). */
    async send(db: Executor, jobs: JobQueue, system: string, body: unknown): Promise<void> {
      const c = bySystem.get(system);
      if (!c) throw new Error(`no connector for ${system}`);
      await jobs.enqueue(db, connectorSendJob, { system, body: c.request.parse(body) }, { maxAttempts: 12 });
    },
    registerJobs(jobs: JobQueue): void {
      jobs.register(connectorSendJob, async ({ system, body }) => {
        const c = bySystem.get(system);
        if (!c) throw new PermanentJobError(`no connector for ${system}`);
        try {
          await c.send(body);
        } catch (err) {
          if (err instanceof ConnectorRefused) throw new PermanentJobError(err.message);
          throw err;
        }
      });
    },
  };
}

// ---- SPLP and SIPD in the running app ---------------------------------------------------------

export const sipdScheduledPushJob = defineJob('integration.sipd.push', z.object({}));

/** One message of the connector outbox as the back office shows it. */
export interface ConnectorMessage {
  id: number;
  system: string;
  status: 'queued' | 'running' | 'done' | 'failed' | 'dead';
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface NationalPublishingDeps {
  /** Configured connectors (absent: that system is off). */
  splp?: { connector: Connector<SplpPublishRequest, unknown>; baseUrl: string; gatewayClientId: string };
  sipd?: { connector: Connector<SipdRoadmapRequest, unknown>; everyDays: number };
  openapi: () => Record<string, unknown>;
  /** The region's kode wilayah (null: not set yet). */
  kodeWilayah: () => Promise<string | null>;
  /** The ICT roadmap of the current SPBE plan (null: no plan yet). */
  roadmap: () => Promise<RoadmapInput | null>;
}

/**
 * The Dinas Kominfo's actions towards SPLP and SIPD: validated now (a message that cannot be
 * valid never queues), then sent by the durable outbox, retried while the remote is down.
 */
export function createNationalPublishing(deps: NationalPublishingDeps) {
  const connectors = [deps.splp?.connector, deps.sipd?.connector].filter((c): c is AnyConnector => !!c);
  const outbox = createConnectorOutbox(connectors);
  const api = {
    enabled: { splp: !!deps.splp, sipd: !!deps.sipd },

    /** Queues the publication of the current OpenAPI under `/<kodepemda>/simpul/v<major>`; returns the context. */
    async publishSplp(db: Executor, jobs: JobQueue): Promise<string> {
      if (!deps.splp) throw new PermanentJobError('SPLP is not configured');
      const kode = await deps.kodeWilayah();
      if (!kode) throw new ConnectorRefused('no_region_code');
      const body = splpPublication({ openapi: deps.openapi(), baseUrl: deps.splp.baseUrl, kodepemda: kodepemdaOf(kode), gatewayClientId: deps.splp.gatewayClientId });
      await outbox.send(db, jobs, 'splp', body);
      return body.context;
    },

    /** Queues the ICT roadmap for SIPD with the region's kodepemda; returns the kodepemda. */
    async pushSipd(db: Executor, jobs: JobQueue): Promise<string> {
      if (!deps.sipd) throw new PermanentJobError('SIPD is not configured');
      const kode = await deps.kodeWilayah();
      if (!kode) throw new ConnectorRefused('no_region_code');
      const roadmap = await deps.roadmap();
      if (!roadmap) throw new ConnectorRefused('no_roadmap');
      const body = sipdRoadmapFrom(kode, roadmap);
      await outbox.send(db, jobs, 'sipd', body);
      return body.kodepemda;
    },

    /** The latest outbox messages (newest first) with their delivery state. */
    async messages(db: Executor, limit = 20): Promise<ConnectorMessage[]> {
      const rows = await db
        .selectFrom('jobs')
        .select(['id', 'status', 'attempts', 'max_attempts', 'last_error', 'payload', 'created_at', 'finished_at'])
        .where('name', '=', connectorSendJob.name)
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => {
        const p = (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as { system?: string };
        return {
          id: Number(r.id),
          system: String(p?.system ?? ''),
          status: r.status as ConnectorMessage['status'],
          attempts: Number(r.attempts),
          maxAttempts: Number(r.max_attempts),
          lastError: r.last_error ? String(r.last_error).slice(0, 200) : null,
          createdAt: new Date(r.created_at),
          finishedAt: r.finished_at ? new Date(r.finished_at) : null,
        };
      });
    },

    registerJobs(jobs: JobQueue, db: Executor): void {
      // No national system configured: no outbox handler either (nothing can be queued).
      if (connectors.length) outbox.registerJobs(jobs);
      if (deps.sipd) {
        jobs.register(sipdScheduledPushJob, async () => {
          try {
            await api.pushSipd(db, jobs);
          } catch (err) {
            // Nothing to send yet (no kode wilayah or no plan): the next slot tries again.
            if (err instanceof ConnectorRefused) return;
            throw err;
          }
        });
        jobs.schedule(sipdScheduledPushJob, deps.sipd.everyDays * 86_400);
      }
    },
  };
  return api;
}

export type NationalPublishing = ReturnType<typeof createNationalPublishing>;

/** The local fakes of SPLP and SIPD for development (the running app without national systems). */
export function localNationalFakes(tokens: { splp: string; sipd: string }) {
  const splp = fakeRemote(splpPublish, (b) => ({ apiId: `splp-${b.context.replace(/\//g, '-').replace(/^-/, '')}`, context: b.context, status: 'PUBLISHED' }), { token: tokens.splp });
  const sipd = fakeRemote(sipdRoadmap, (_b, n) => ({ status: 'diterima', id_dokumen: `SIPD-${String(n).padStart(6, '0')}` }), { token: tokens.sipd });
  return { splp, sipd };
}
