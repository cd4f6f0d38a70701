// Demo activity (development only): a few weeks of applications in DPMPTSP and Dinas
// Kesehatan, so that a new user of the demo finds work queues, timelines, issued permits and
// leaders' figures with something in them. Every application goes through the real services
// (applications.save, processing.claim/act) with an injected clock, as a citizen and the demo
// officers would have done on those days; nothing is written around them. The only touch-up
// is that the timeline entries a call made are moved to that call's instant (the services
// stamp them with the database clock), so a timeline reads as the weeks it represents.
//
// Deterministic: the same demo every time (a seeded generator), relative to the day it runs.
import { sql } from 'kysely';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Database } from '../../platform/db/database.ts';
import { fileFromBytes, type UploadedFile } from '../../platform/storage/upload-file.ts';
import type { Catalog, PublishedService } from '../catalog/index.ts';
import type { Applications } from './applications.service.ts';
import type { Processing } from './processing.service.ts';

export interface DemoOfficers {
  verifier: Actor;
  operator: Actor;
  official: Actor;
}

export interface DemoActivityInput {
  /** Citizen account ids that file most of the applications. */
  applicants: string[];
  /** The citizens a demo user signs in as: one decided and one waiting application each. */
  featured?: string[];
  /** Officers per agency slug (the agencies whose services get applications). */
  officers: Record<string, DemoOfficers>;
  /** "Today" of the demo. */
  now: Date;
  /** How many applications (default 48). */
  count?: number;
}

export interface DemoActivityResult {
  submitted: number;
  approved: number;
  rejected: number;
  sentBack: number;
  open: number;
}

/** A minimal valid PDF and PNG for the required attachments. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(120, 7)]);

const kupang = (prefix: string, street: string) => ({
  [`${prefix}.province`]: '53',
  [`${prefix}.regency`]: '53.71',
  [`${prefix}.district`]: '53.71.04',
  [`${prefix}.village`]: '53.71.04.1009',
  [`${prefix}.street`]: street,
});

type Values = Record<string, string>;
interface Plan {
  slug: string;
  agency: string;
  values: (i: number, day: Date) => Values;
  /** Required attachments: the kind and the name a resident would give the file. */
  files: Record<string, ['pdf' | 'png', string]>;
}

const businesses = ['Warung Makan Sumba Indah', 'Tenun Ikat Ina Ndao', 'Kopi Bajawa Mandiri', 'Bengkel Motor Oebufu', 'Toko Kelontong Sinar Timor', 'Laundry Bersih Kupang', 'Kios Pulsa Liliba', 'Jahit Mode Oesapa'];
const plans: Plan[] = [
  {
    slug: 'konsultasi-fasilitasi-investasi',
    agency: 'dpmptsp',
    values: (i, day) => ({
      nama_usaha: i % 2 ? `PT ${['Flobamora', 'Timor Raya', 'Sabu Lestari', 'Rote Bahari'][i % 4]} Investama` : '',
      asal_modal: i % 5 === 0 ? 'pma' : 'pmdn',
      ...(i % 5 === 0 ? { negara_asal: ['Australia', 'Timor-Leste', 'Singapura'][i % 3]! } : {}),
      nilai_investasi: String((i % 7 + 1) * 1_250_000_000),
      ringkasan_rencana: ['Pabrik pengolahan rumput laut di Kabupaten Kupang, 60 tenaga kerja.', 'Resor pantai di Lembata, 40 kamar, 85 tenaga kerja.', 'Gudang pendingin ikan di Tenau, 25 tenaga kerja.'][i % 3]!,
      tanggal_konsultasi: isoDay(new Date(day.getTime() + 7 * 86_400_000)),
    }),
    files: {},
  },
  {
    slug: 'izin-usaha-mikro-kecil',
    agency: 'dpmptsp',
    values: (i) => ({
      nama_usaha: businesses[i % businesses.length]!,
      bidang_usaha: ['Warung makan', 'Kerajinan tenun', 'Perdagangan kopi', 'Jasa servis motor'][i % 4]!,
      modal_usaha: String((i % 9 + 1) * 5_000_000),
      ...kupang('alamat_usaha', `Jl. Frans Seda ${i + 3}`),
      punya_npwp: 'false',
    }),
    files: { ktp: ['pdf', 'KTP.pdf'], foto_usaha: ['png', 'Foto tempat usaha.png'] },
  },
  {
    slug: 'pb-umku-kewenangan-provinsi',
    agency: 'dpmptsp',
    values: (i) => ({
      nama_usaha: `CV ${['Sumber Laut Timor', 'Nusa Bunga Farma', 'Alor Bahari', 'Kelimutu Energi'][i % 4]}`,
      nib: String(9120001000000 + i * 7919),
      npwp: `0${String(12345678 + i * 31).padStart(8, '0')}9${String(210000 + i).slice(0, 6)}`,
      nomor_permohonan_oss: `I-2026${String(100000 + i * 7919).slice(0, 6)}0${i % 10}`,
      sektor_pb_umku: ['kesehatan', 'perhubungan', 'kelautan_perikanan', 'esdm'][i % 4]!,
    }),
    files: { surat_permohonan: ['pdf', 'Surat permohonan OSS.pdf'], dokumen_teknis: ['pdf', 'Dokumen teknis.pdf'], ktp_penanggung_jawab: ['pdf', 'KTP penanggung jawab.pdf'] },
  },
];

/** Loads the demo activity. Plans whose service or form cannot take the generated values are skipped. */
export async function seedDemoActivity(
  deps: { database: Database; catalog: Catalog; applications: Applications; processing: Processing },
  input: DemoActivityInput,
): Promise<DemoActivityResult> {
  const rnd = generator(20261207);
  const result: DemoActivityResult = { submitted: 0, approved: 0, rejected: 0, sentBack: 0, open: 0 };
  const services = new Map<string, PublishedService>();
  for (const p of plans) {
    const s = await deps.catalog.getPublished(p.slug);
    if (s) services.set(p.slug, s);
  }
  const usable = plans.filter((p) => services.has(p.slug) && input.officers[p.agency]);
  if (!usable.length || !input.applicants.length) return result;
  const count = input.count ?? 48;

  for (let i = 0; i < count; i++) {
    const plan = usable[i % usable.length]!;
    const service = services.get(plan.slug)!;
    const officers = input.officers[plan.agency]!;
    // Older applications first: spread over the last ~45 days, office hours (WITA = UTC+8).
    const age = count - i; // 48 … 1
    // The six newest arrived in the last hours (still within their first step's time).
    const submittedAt = age <= 6 ? new Date(input.now.getTime() - age * 47 * 60_000) : officeHour(daysBefore(input.now, 2 + Math.round((age / count) * 43)), rnd);
    const featured = input.featured ?? [];
    const f = featured.findIndex((_, k) => i === 3 + k * 2 || i === count - 2 - k * 2);
    const applicant = f >= 0 ? featured[f]! : input.applicants[Math.min(input.applicants.length - 1, Math.floor(rnd() * input.applicants.length))]!;
    const values = withFirstChoices(service, plan.values(i, submittedAt));
    const files: Record<string, UploadedFile> = {};
    for (const [key, [kind, filename]] of Object.entries(plan.files)) {
      files[key] = fileFromBytes(kind === 'pdf' ? PDF : PNG, { filename, declaredType: kind === 'pdf' ? 'application/pdf' : 'image/png' });
    }
    let saved;
    try {
      saved = await at(deps.database, submittedAt, null, () =>
        deps.applications.save({ service, applicantId: applicant, values, files, submit: true, who: { actor: null }, now: submittedAt }),
      );
    } catch (err) {
      if (process.env.SIMPUL_DEMO_DEBUG) console.error(plan.slug, JSON.stringify((err as { fields?: unknown }).fields ?? String(err)));
      continue; // this plan's form does not take the generated values; the others still load
    }
    if (!saved.trackingNumber) continue;
    result.submitted++;
    const tracking = saved.trackingNumber;

    // What happened next, by age: the oldest are decided; the newest still wait.
    const fate = age <= 6 ? 'waiting' : age <= 12 ? 'verifying' : i % 11 === 0 ? 'sent_back' : i % 9 === 0 ? 'rejected' : age <= 16 ? 'processing' : 'approved';
    if (fate === 'waiting') {
      result.open++;
      continue;
    }
    let clock = submittedAt;
    const step = async (actor: Actor, action: 'forward' | 'approve' | 'reject' | 'send_back', hours: number, extra: { note?: string; fields?: string[] } = {}) => {
      clock = new Date(clock.getTime() + hours * 3_600_000);
      const st = await deps.processing.state(actor, tracking, clock);
      await at(deps.database, clock, st.id, async () => {
        await deps.processing.claim({ actor }, tracking, st.seq, clock);
        await deps.processing.act({ actor }, tracking, { action, seq: st.seq, option: 0, ...extra }, clock);
      });
    };
    try {
      if (fate === 'verifying') {
        const st = await deps.processing.state(officers.verifier, tracking, clock);
        clock = new Date(clock.getTime() + 20 * 3_600_000);
        await at(deps.database, clock, st.id, () => deps.processing.claim({ actor: officers.verifier }, tracking, st.seq, clock));
        result.open++;
        continue;
      }
      if (fate === 'sent_back') {
        const field = Object.keys(values).find((k) => !k.includes('.')) ?? 'nama_usaha';
        await step(officers.verifier, 'send_back', 22, { note: 'Mohon lengkapi data sesuai dokumen yang dilampirkan.', fields: [field] });
        result.sentBack++;
        continue;
      }
      await step(officers.verifier, 'forward', 18 + rnd() * 30, { note: 'Berkas lengkap.' });
      // Services of a week or more go through a field inspection first.
      const next = await deps.processing.state(officers.operator, tracking, clock);
      if (next.step?.key === 'peninjauan') await step(officers.operator, 'forward', 40 + rnd() * 30, { note: 'Hasil peninjauan sesuai.' });
      if (fate === 'processing') {
        result.open++;
        continue;
      }
      await step(officers.operator, 'forward', 20 + rnd() * 60, { note: 'Draf keputusan disiapkan.' });
      if (fate === 'rejected') {
        await step(officers.official, 'reject', 3 + rnd() * 20, { note: 'Lokasi usaha berada di kawasan yang tidak diperuntukkan bagi kegiatan ini.' });
        result.rejected++;
      } else {
        await step(officers.official, 'approve', 2 + rnd() * 30);
        result.approved++;
      }
    } catch {
      result.open++; // a step the SOP did not offer: the application stays where it is
    }
  }
  return result;
}

/**
 * Runs one service call as if at `instant`, then moves the timeline entries that call wrote
 * (stamped by the database clock) to that instant, keeping their order.
 */
async function at<T>(database: Database, instant: Date, applicationId: string | null, run: () => Promise<T>): Promise<T> {
  const before = new Date();
  const out = await run();
  const id = applicationId ?? (out as { id?: string }).id;
  if (id) {
    await database.db
      .updateTable('application_events')
      .set({ at: sql`${instant}::timestamptz + (at - ${before}::timestamptz)` })
      .where('application_id', '=', id)
      .where('at', '>=', before)
      .execute();
  }
  return out;
}

/** A value for every required choice the plan left empty: the first option. */
function withFirstChoices(s: PublishedService, values: Values): Values {
  const out = { ...values };
  for (const section of s.form.sections) {
    for (const f of section.fields) {
      if (f.type === 'choice' && f.options?.length && !out[f.key]) out[f.key] = f.options[0]!.value;
    }
  }
  return out;
}

function generator(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
    x ^= x >>> 13;
    return (x >>> 0) / 4_294_967_296;
  };
}

/** `days` calendar days before `d`, moved back off a weekend. */
function daysBefore(d: Date, days: number): Date {
  const out = new Date(d.getTime() - days * 86_400_000);
  while ([0, 6].includes(new Date(out.getTime() + 8 * 3_600_000).getUTCDay())) out.setTime(out.getTime() - 86_400_000);
  return out;
}

/** 08.00–15.00 WITA of that day. */
function officeHour(d: Date, rnd: () => number): Date {
  const local = new Date(d.getTime() + 8 * 3_600_000);
  const start = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), 0, 0) - 8 * 3_600_000;
  return new Date(start + (8 + rnd() * 7) * 3_600_000);
}

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}
