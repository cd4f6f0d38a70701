// OSS RBA and SiCantik connector (I-4 item 6): permits issued nationally reach the holder's
// documents here. The national side (or its adapter) posts each permit to the hub's inbound
// endpoint `POST /api/v1/hub/national-permits` as an ordinary hub client (OAuth or signed API
// key) holding a `permits:write` grant of the agency that receives national permits (DPMPTSP),
// backed by a data-sharing agreement because the notice names the holder's NIK.
//
// - The notice's shape is pinned (`nationalPermitNotice`); the adapters `fromOssRba` and
//   `fromSicantik` map each system's own field names onto it, and the contract test
//   (national-permits.unit.test.ts) pins both sides with the local fakes `fakeOssPermit` and
//   `fakeSicantikPermit`.
// - Idempotent on the national permit id: the same (source, permitId) again answers the first
//   receipt and changes nothing.
// - The holder is found by NIK through the identity module's blind index (NIKs are sealed at
//   rest). Unknown NIK: the permit is kept pending (NIK sealed, with its blind index, nothing
//   else personal in clear) and delivered when the person has registered: a job matches the
//   pending permits every five minutes.
// - A test or sandbox client is answered as if it were live and nothing is stored.
import { z } from 'zod';
import type { Database, Executor } from '../../platform/db/database.ts';
import { defineJob, type JobQueue } from '../../platform/jobs/queue.ts';
import { fieldCrypto } from '../../platform/privacy/field-crypto.ts';
import { t } from '../../platform/views/i18n.ts';
import { hubDb, type HubClient } from './integration.service.ts';

export const nationalPermitSources = ['oss', 'sicantik'] as const;
export type NationalPermitSource = (typeof nationalPermitSources)[number];

/** What the hub accepts: one permit issued nationally, for one holder (pinned). */
export const nationalPermitNotice = z.object({
  source: z.enum(nationalPermitSources),
  /** The national system's own id of the permit (OSS `id_izin`, SiCantik `id_izin`): the idempotency key. */
  permitId: z.string().trim().min(1).max(100),
  permitNumber: z.string().trim().min(1).max(100),
  permitName: z.string().trim().min(1).max(300),
  /** Nomor Induk Berusaha of the business (OSS), 13 digits. */
  nib: z.string().regex(/^\d{13}$/).nullable().default(null),
  kbli: z.array(z.object({ code: z.string().regex(/^\d{5}$/), title: z.string().trim().min(1).max(300) })).max(50).default([]),
  issuedOn: z.iso.date(),
  validUntil: z.iso.date().nullable().default(null),
  /** Who issued it, as printed (e.g. "Lembaga OSS", "DPMPTSP Kabupaten …"). */
  issuer: z.string().trim().min(1).max(200),
  /** The holder (for a business: its person in charge), found here by NIK. */
  holder: z.object({ nik: z.string().regex(/^\d{16}$/), name: z.string().trim().min(1).max(200) }),
});
export type NationalPermitNotice = z.infer<typeof nationalPermitNotice>;

export const nationalPermitReceipt = z.object({
  /** The hub's id of the permit (null when simulated). */
  id: z.string().nullable(),
  status: z.enum(['issued', 'pending']),
  documentId: z.string().nullable(),
  /** True when the permit id had been received before (nothing changed). */
  duplicate: z.boolean(),
  /** True for a test or sandbox client: validated and answered, nothing stored. */
  simulated: z.boolean(),
});
export type NationalPermitReceipt = z.infer<typeof nationalPermitReceipt>;

// ---- The national systems' own shapes and their adapters --------------------------------------

/** A permit as OSS RBA's notification names its fields. */
export const ossRbaPermit = z.object({
  nib: z.string().regex(/^\d{13}$/),
  id_izin: z.string().min(1),
  nomor_izin: z.string().min(1),
  nama_izin: z.string().min(1),
  kbli: z.array(z.object({ kbli: z.string().regex(/^\d{5}$/), uraian_kbli: z.string().min(1) })),
  tgl_terbit_izin: z.iso.date(),
  tgl_berlaku_izin: z.iso.date().nullable().optional(),
  nik_penanggung_jawab: z.string().regex(/^\d{16}$/),
  nama_penanggung_jawab: z.string().min(1),
});
export type OssRbaPermit = z.infer<typeof ossRbaPermit>;

/** A permit as SiCantik's export names its fields. */
export const sicantikPermit = z.object({
  id_izin: z.string().min(1),
  no_izin: z.string().min(1),
  jenis_izin: z.string().min(1),
  nik_pemohon: z.string().regex(/^\d{16}$/),
  nama_pemohon: z.string().min(1),
  tgl_penetapan: z.iso.date(),
  tgl_berakhir: z.iso.date().nullable().optional(),
  instansi: z.string().min(1),
});
export type SicantikPermit = z.infer<typeof sicantikPermit>;

export function fromOssRba(raw: unknown): NationalPermitNotice {
  const p = ossRbaPermit.parse(raw);
  return nationalPermitNotice.parse({
    source: 'oss',
    permitId: p.id_izin,
    permitNumber: p.nomor_izin,
    permitName: p.nama_izin,
    nib: p.nib,
    kbli: p.kbli.map((k) => ({ code: k.kbli, title: k.uraian_kbli })),
    issuedOn: p.tgl_terbit_izin,
    validUntil: p.tgl_berlaku_izin ?? null,
    issuer: 'Lembaga OSS',
    holder: { nik: p.nik_penanggung_jawab, name: p.nama_penanggung_jawab },
  });
}

export function fromSicantik(raw: unknown): NationalPermitNotice {
  const p = sicantikPermit.parse(raw);
  return nationalPermitNotice.parse({
    source: 'sicantik',
    permitId: p.id_izin,
    permitNumber: p.no_izin,
    permitName: p.jenis_izin,
    issuedOn: p.tgl_penetapan,
    validUntil: p.tgl_berakhir ?? null,
    issuer: p.instansi,
    holder: { nik: p.nik_pemohon, name: p.nama_pemohon },
  });
}

/** Local fakes: what OSS RBA and SiCantik send, with fictitious data (development and tests). */
export function fakeOssPermit(over: Partial<OssRbaPermit> = {}): OssRbaPermit {
  return ossRbaPermit.parse({
    nib: '9120001234567',
    id_izin: 'I-202612080001',
    nomor_izin: '91200012345670001',
    nama_izin: 'Sertifikat Standar',
    kbli: [{ kbli: '56102', uraian_kbli: 'Rumah Minum/Kafe' }],
    tgl_terbit_izin: '2026-12-01',
    tgl_berlaku_izin: null,
    nik_penanggung_jawab: '3204010101900001',
    nama_penanggung_jawab: 'SITI AMINAH',
    ...over,
  });
}

export function fakeSicantikPermit(over: Partial<SicantikPermit> = {}): SicantikPermit {
  return sicantikPermit.parse({
    id_izin: 'SC-2026-000123',
    no_izin: '503/123/DPMPTSP/2026',
    jenis_izin: 'Izin Reklame',
    nik_pemohon: '3204011505850002',
    nama_pemohon: 'BUDI SANTOSO',
    tgl_penetapan: '2026-11-20',
    tgl_berakhir: '2027-11-19',
    instansi: 'DPMPTSP',
    ...over,
  });
}

// ---- Receiving ---------------------------------------------------------------------------------

/** What the connector needs from the documents and identity modules (given by app.ts). */
export interface NationalPermitDeps {
  database: Database;
  /** The account with this NIK (identity's blind-index lookup), or null. */
  userIdByNik(q: Executor, nik: string): Promise<string | null>;
  /** Stores the permit in the holder's documents (documents module), idempotent on (source, externalId). */
  importDocument(
    q: Executor,
    input: { source: NationalPermitSource; externalId: string; agencyId: string; holderId: string; number: string; title: string; permitted: string; issuedOn: string; validUntil: string | null; issuerName: string; issuerPosition: string },
  ): Promise<{ id: string }>;
  now?: () => Date;
}

export const nationalPermitMatchJob = defineJob('integration.national-permits.match', z.object({}));
const MATCH_EVERY_SECONDS = 300;

/** "Yang diizinkan" of a national permit: NIB and KBLI lines (Indonesian, as printed). */
export function permittedOf(n: NationalPermitNotice): string {
  const lines: string[] = [];
  if (n.nib) lines.push(`NIB ${n.nib}`);
  for (const k of n.kbli) lines.push(`KBLI ${k.code} — ${k.title}`);
  return lines.join('\n');
}

export function createNationalPermits(deps: NationalPermitDeps) {
  const db = hubDb(deps.database.db);
  const now = deps.now ?? (() => new Date());

  async function deliver(q: Executor, row: { id: string; agency_id: string }, notice: Omit<NationalPermitNotice, 'holder'> & { holder: { name: string } }, holderId: string): Promise<string> {
    const doc = await deps.importDocument(q, {
      source: notice.source,
      externalId: notice.permitId,
      agencyId: row.agency_id,
      holderId,
      number: notice.permitNumber,
      title: notice.permitName,
      permitted: permittedOf(notice as NationalPermitNotice),
      issuedOn: notice.issuedOn,
      validUntil: notice.validUntil,
      issuerName: notice.issuer,
      issuerPosition: t('id', `hub.permit.issued_through.${notice.source}`),
    });
    await hubDb(q).updateTable('integration_national_permits').set({ status: 'issued', document_id: doc.id, issued_at: now() }).where('id', '=', row.id).execute();
    return doc.id;
  }

  const api = {
    /**
     * Receives one permit for `agencyId` (the granting agency): into the holder's documents
     * at once when the NIK has an account, pending otherwise. Same permit id again: the first
     * receipt, nothing changed.
     */
    async receive(client: HubClient, agencyId: string, input: NationalPermitNotice): Promise<NationalPermitReceipt> {
      const notice = nationalPermitNotice.parse(input);
      if (client.kind !== 'live') return { id: null, status: 'pending', documentId: null, duplicate: false, simulated: true };
      const fc = fieldCrypto();
      const { holder, ...rest } = notice;
      return db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto('integration_national_permits')
          .values({
            source: notice.source,
            permit_id: notice.permitId,
            agency_id: agencyId,
            client_id: client.id,
            holder_nik_sealed: fc.seal(holder.nik),
            holder_nik_bidx: fc.blindIndex('nik', holder.nik),
            // The NIK only sealed: the stored notice keeps the holder's name, not the NIK.
            notice: JSON.stringify({ ...rest, holder: { name: holder.name } }),
          })
          .onConflict((oc) => oc.columns(['source', 'permit_id']).doNothing())
          .returning(['id', 'agency_id'])
          .executeTakeFirst();
        if (!inserted) {
          const r = await trx.selectFrom('integration_national_permits').select(['id', 'status', 'document_id']).where('source', '=', notice.source).where('permit_id', '=', notice.permitId).executeTakeFirstOrThrow();
          return { id: r.id, status: r.status, documentId: r.document_id, duplicate: true, simulated: false };
        }
        const holderId = await deps.userIdByNik(trx as unknown as Executor, holder.nik);
        if (!holderId) return { id: inserted.id, status: 'pending' as const, documentId: null, duplicate: false, simulated: false };
        const documentId = await deliver(trx as unknown as Executor, inserted, notice, holderId);
        return { id: inserted.id, status: 'issued' as const, documentId, duplicate: false, simulated: false };
      });
    },

    /** Delivers the pending permits whose holder has registered since. Returns how many. */
    async matchPending(limit = 200): Promise<number> {
      const pending = await db.selectFrom('integration_national_permits').select(['id', 'holder_nik_sealed']).where('status', '=', 'pending').orderBy('received_at').limit(limit).execute();
      let n = 0;
      for (const p of pending) {
        const nik = fieldCrypto().open(p.holder_nik_sealed);
        const done = await db.transaction().execute(async (trx) => {
          const row = await trx.selectFrom('integration_national_permits').select(['id', 'agency_id', 'notice', 'status']).where('id', '=', p.id).forUpdate().executeTakeFirst();
          if (!row || row.status !== 'pending') return false;
          const holderId = await deps.userIdByNik(trx as unknown as Executor, nik);
          if (!holderId) return false;
          const notice = (typeof row.notice === 'string' ? JSON.parse(row.notice) : row.notice) as Omit<NationalPermitNotice, 'holder'> & { holder: { name: string } };
          await deliver(trx as unknown as Executor, row, notice, holderId);
          return true;
        });
        if (done) n += 1;
      }
      return n;
    },

    /** Counts for the back office: pending (no account yet) and delivered. */
    async counts(): Promise<{ pending: number; issued: number }> {
      const rows = await db.selectFrom('integration_national_permits').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
      const of = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
      return { pending: of('pending'), issued: of('issued') };
    },

    registerJobs(jobs: JobQueue): void {
      jobs.register(nationalPermitMatchJob, async () => void (await api.matchPending()));
      jobs.schedule(nationalPermitMatchJob, MATCH_EVERY_SECONDS);
    },
  };
  return api;
}

export type NationalPermits = ReturnType<typeof createNationalPermits>;
