// Public complaints (C-1): filing (signed in, or a guest whose phone or e-mail is confirmed by a
// one-time code from identity), the SP4N-LAPOR! lifecycle in the back office, deadlines on the
// region's working-day calendar, overdue flags, the timeline, the audit trail and messages to
// the reporter. The only writer of the complaints tables.
//
// Other modules are reached only through the ports in ComplaintsDeps (wired in app.ts).
// Staff never get the reporter's identity unless he chose to show it (`StaffComplaint`).
import crypto from 'node:crypto';
import { z } from 'zod';
import type { Kysely, Transaction } from 'kysely';
import type { Config } from '../../config.ts';
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import { agenciesFor, authorize, can } from '../../platform/auth/policy.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { loadCalendar } from '../../platform/calendar/calendar.service.ts';
import type { RegionTimeZone } from '../../platform/calendar/working-time.ts';
import type { Database, Executor } from '../../platform/db/database.ts';
import type { DB } from '../../platform/db/schema.ts';
import { AppError, errors, type FieldError } from '../../platform/http/errors.ts';
import { defineJob, type JobQueue } from '../../platform/jobs/queue.ts';
import type { Logger } from '../../platform/log.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import { sniffUpload } from '../../platform/storage/upload-file.ts';
import type { Storage } from '../../platform/storage/storage.ts';
import type { UploadedFile } from '../../platform/storage/uploads.ts';
import { cleanFilename } from '../../platform/storage/uploads.ts';
import { t, type Locale } from '../../platform/views/i18n.ts';
import {
  ATTACHMENT_MAX_BYTES,
  BODY_MAX,
  canTake,
  complaintCategories,
  CONTACT_CODE_MINUTES,
  FIRST_RESPONSE_WORKING_DAYS,
  formatTrackingCode,
  laporStatus as laporStatusOf,
  NOTE_MAX,
  normaliseTrackingCode,
  maskForPublic,
  redactPublicText,
  REOPEN_WORKING_DAYS,
  TITLE_MAX,
  TRACKING_ALPHABET,
  VERIFY_WORKING_DAYS,
  type StaffAction,
} from './complaints.rules.ts';
import { complaintKinds, subjectTypes, type ComplaintKind, type ComplaintStatus, type ComplaintTables, type SubjectType } from './complaints.tables.ts';
import { agencyNames } from '../agencies/index.ts';
import { userNames } from '../identity/index.ts';
import { inviteComplaintReporter } from './ikm.invitations.ts';
import { laporForwardRequest, localLaporConnector, type LaporConnector, type LaporStatusCallback } from './lapor.ts';
import type { EventRecorder } from '../../platform/events/events.ts';
import type { ComplaintChange, ComplaintEvents } from './complaints.events.ts';
import { applyComplaintFigures, rebuildComplaintFigures } from './complaints.figures.ts';
import { openContact, reporterPhoneMatch, sealedContact } from './complaints.sealing.ts';
import './complaints.policy.ts';

type CDB = DB & ComplaintTables;
type CExec = Kysely<CDB> | Transaction<CDB>;

/** A service a complaint can be about (catalogue, through its public service). */
export interface ServiceRef {
  id: string;
  slug: string;
  name: string;
  agencyId: string;
  agencyName: string;
}

/** Ports to other modules, wired by app.ts. */
export interface ComplaintsDeps {
  config: Pick<Config, 'baseUrl' | 'slaEscalationEverySeconds'>;
  database: Database;
  storage: Storage;
  jobs: JobQueue;
  mailer: Mailer;
  log: Logger;
  region(): Promise<{ name: string; timeZone: string }>;
  /** identity.contactCodes */
  contactCodes: {
    issue(trx: Executor, contact: string, ttlMinutes: number, now?: Date): Promise<{ ref: string; code: string }>;
    check(trx: Executor, ref: string, contact: string, code: string, now?: Date): Promise<{ ok: true } | { ok: false; reason: 'wrong' | 'expired' | 'attempts'; left?: number }>;
  };
  /** notifications.sendShortMessage (SMS through the outbox, in the caller's transaction). */
  sendSms(trx: Executor, msg: { to: string; text: string; userId: string | null }): Promise<void>;
  serviceBySlug(slug: string): Promise<ServiceRef | null>;
  agencies(): Promise<{ id: string; name: string }[]>;
  /** The person's own applications ("Permohonan saya"). */
  applicationsOf(userId: string): Promise<{ number: string; serviceId: string; serviceName: string; agencyId: string }[]>;
  /** Name and contact of an account (the reporter's, when he is signed in). */
  person(userId: string): Promise<{ name: string; email: string | null; phone: string | null; locale: Locale } | null>;
  /**
   * The agency's head office (its active agency administrators), read in `trx`: told when a
   * complaint is routed to the agency and when one passes its resolution deadline.
   */
  agencyHeads(trx: Executor, agencyId: string): Promise<{ userId: string; email: string | null; locale: Locale }[]>;
  /** SP4N-LAPOR! (the local implementation when none is given). */
  lapor?: LaporConnector;
  /** Records the module's domain events (complaint.received, complaint.status_changed) in the transaction of the change. */
  events: EventRecorder<ComplaintEvents>;
}

export interface FilingInput {
  kind: string;
  category: string;
  subjectType: string;
  service: string;
  application: string;
  agency: string;
  address: string;
  latitude: string;
  longitude: string;
  title: string;
  body: string;
  showIdentity: boolean;
  allowPublish: boolean;
  /** Guests: name (optional) and one contact (e-mail or phone). */
  name: string;
  contact: string;
  attachment?: UploadedFile;
}

export interface TimelineEntry {
  kind: string;
  status: string | null;
  agencyName: string | null;
  note: string | null;
  at: Date;
}

/** What the reporter sees of his complaint. */
export interface ReporterComplaint {
  id: string;
  number: string;
  kind: ComplaintKind;
  category: string;
  title: string;
  body: string;
  status: ComplaintStatus;
  serviceName: string | null;
  agencyName: string | null;
  address: string | null;
  submittedAt: Date | null;
  resolvedAt: Date | null;
  canReopen: boolean;
  canRate: boolean;
  rating: number | null;
  timeline: TimelineEntry[];
  attachments: { id: string; filename: string }[];
  /** The reporter allowed publishing; whether a public version exists; whether he removed his details from it. */
  allowPublish: boolean;
  published: boolean;
  detailsRemoved: boolean;
  /** Marked a duplicate: the reporter follows the original complaint. */
  original: { number: string; title: string; status: ComplaintStatus; timeline: TimelineEntry[] } | null;
}

/** Exactly what the public sees of a complaint (masked: NIK, phone, e-mail, the reporter's name). */
export interface PublicVersion {
  title: string;
  body: string;
  address: string | null;
}

/** What staff see: the reporter only when he opted in. */
export interface StaffComplaint {
  id: string;
  number: string;
  kind: ComplaintKind;
  category: string;
  title: string;
  body: string;
  status: ComplaintStatus;
  subjectType: SubjectType;
  serviceName: string | null;
  applicationNumber: string | null;
  aboutAgencyId: string | null;
  address: string | null;
  latitude: string | null;
  longitude: string | null;
  routedAgencyId: string | null;
  routedAgencyName: string | null;
  holdReason: string | null;
  submittedAt: Date | null;
  verifyDueAt: Date | null;
  responseDueAt: Date | null;
  firstResponseAt: Date | null;
  verifyOverdue: boolean;
  responseOverdue: boolean;
  reporter: { name: string | null; email: string | null; phone: string | null } | null;
  /** The reporter allowed publishing; the confirmed public version, if the coordinator published it. */
  allowPublish: boolean;
  publicVersion: (PublicVersion & { publishedAt: Date | null }) | null;
  /** Resolution tier and deadline (working days as data), and whether the agency head was told. */
  tier: string | null;
  resolveDueAt: Date | null;
  escalated: boolean;
  /** The agency the routing rules suggest (service rule, category rule, else the agency it is about). */
  suggestedAgencyId: string | null;
  duplicateOf: { id: string; number: string } | null;
  lapor: { state: 'pending' | 'sent'; remoteId: string | null; remoteStatus: string | null; attempts: number } | null;
  rating: number | null;
  ratingComment: string | null;
  timeline: (TimelineEntry & { visible: boolean; actorName: string | null })[];
  attachments: { id: string; filename: string }[];
}

export interface StaffListItem {
  id: string;
  number: string;
  title: string;
  kind: ComplaintKind;
  status: ComplaintStatus;
  routedAgencyName: string | null;
  submittedAt: Date | null;
  dueAt: Date | null;
  overdue: boolean;
}

export type FilingResult = { kind: 'received'; number: string; trackingCode: string } | { kind: 'confirm'; id: string; contactMasked: string };

/** Where SP4N-LAPOR! posts status changes (signed like the bank callback). */
export const LAPOR_CALLBACK_URL = '/api/v1/complaints/lapor/callback';

export const OVERDUE_JOB = defineJob('complaints.overdue', z.object({}));
/** Forwarding to SP4N-LAPOR!: retried (30 s, 2 min, 8 min, … capped at 6 h) until the remote accepts. */
export const LAPOR_FORWARD_JOB = defineJob('complaints.lapor.forward', z.object({ complaintId: z.guid() }), {
  retryDelaySeconds: (n) => Math.min(6 * 3600, 30 * 4 ** Math.max(0, n - 1)),
});
const LAPOR_MAX_ATTEMPTS = 20;
/** Complaints within this distance of the given point are suggested before filing. */
const SIMILAR_RADIUS_M = 50;

/** Great-circle distance in metres (haversine, mean Earth radius). */
export function haversineMetres(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Complaints one mobile number may file by SMS in 24 hours. */
const SMS_PER_DAY = 5;
/** Resolution tier of a category without one in complaint_category_tiers. */
const DEFAULT_TIER = 'biasa';

const emailRe = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** E.164 of an Indonesian mobile number, or null (STANDARDS §6). */
export function mobileE164(raw: string): string | null {
  const d = raw.replace(/[\s.()-]/g, '');
  const m = /^(?:\+62|62|0)(8[1-35-9]\d{7,10})$/.exec(d);
  return m ? `+62${m[1]}` : null;
}

export function maskContact(contact: string): string {
  if (contact.includes('@')) {
    const [user, domain] = contact.split('@');
    return `${user!.slice(0, 2)}•••@${domain}`;
  }
  return `${contact.slice(0, 5)}•••${contact.slice(-3)}`;
}

const sha = (v: string) => crypto.createHash('sha256').update(v).digest('hex');

function newTrackingCode(): string {
  const bytes = crypto.randomBytes(10);
  return [...bytes].map((b) => TRACKING_ALPHABET[b % TRACKING_ALPHABET.length]).join('');
}

function numberOrNull(raw: string, min: number, max: number): number | null | 'bad' {
  const v = raw.trim().replace(',', '.');
  if (!v) return null;
  if (!/^-?\d{1,3}(\.\d{1,8})?$/.test(v)) return 'bad';
  const n = Number(v);
  return n >= min && n <= max ? n : 'bad';
}

type Who = { actor: Actor | null; meta?: RequestMeta | null };

export type Complaints = ReturnType<typeof createComplaints>;

export function createComplaints(deps: ComplaintsDeps) {
  const db = deps.database.db.withTables<ComplaintTables>() as Kysely<CDB>;
  /** The platform's view of one of our handles (same connection, fewer table types). */
  const ex = (e: CExec | Executor): Executor => e as unknown as Executor;
  const lapor = deps.lapor ?? localLaporConnector();

  /** The region's time zone: read before a transaction opens (PGlite has one connection). */
  let knownZone: RegionTimeZone | null = null;
  const zone = async () => (knownZone = (await deps.region()).timeZone as RegionTimeZone);
  const calendar = (e: CExec, tz: RegionTimeZone) => loadCalendar(ex(e), tz);

  /** Validates the form; throws 422 with every problem at once. */
  async function validate(actor: Actor | null, input: FilingInput) {
    const errs: FieldError[] = [];
    const kind = (complaintKinds as readonly string[]).includes(input.kind) ? (input.kind as ComplaintKind) : null;
    if (!kind) errs.push({ field: 'kind', key: 'complaints.v.kind' });
    if (!(complaintCategories as readonly string[]).includes(input.category)) errs.push({ field: 'category', key: 'complaints.v.category' });
    const subjectType = (subjectTypes as readonly string[]).includes(input.subjectType) ? (input.subjectType as SubjectType) : null;
    if (!subjectType) errs.push({ field: 'subjectType', key: 'complaints.v.subject' });
    const title = input.title.trim();
    const body = input.body.trim();
    if (title.length < 5 || title.length > TITLE_MAX) errs.push({ field: 'title', key: 'complaints.v.title', params: { max: TITLE_MAX } });
    if (body.length < 20 || body.length > BODY_MAX) errs.push({ field: 'body', key: 'complaints.v.body', params: { max: BODY_MAX } });
    let service: ServiceRef | null = null;
    let applicationNumber: string | null = null;
    let aboutAgencyId: string | null = null;
    if (subjectType === 'service') {
      service = input.service ? await deps.serviceBySlug(input.service) : null;
      if (!service) errs.push({ field: 'service', key: 'complaints.v.service' });
      else aboutAgencyId = service.agencyId;
    } else if (subjectType === 'application') {
      const mine = actor ? await deps.applicationsOf(actor.userId) : [];
      const app = mine.find((a) => a.number === input.application.trim().toUpperCase());
      if (!app) errs.push({ field: 'application', key: 'complaints.v.application' });
      else {
        applicationNumber = app.number;
        aboutAgencyId = app.agencyId;
        service = { id: app.serviceId, slug: '', name: app.serviceName, agencyId: app.agencyId, agencyName: '' };
      }
    } else if (subjectType === 'agency') {
      const agencies = await deps.agencies();
      if (!agencies.some((a) => a.id === input.agency)) errs.push({ field: 'agency', key: 'complaints.v.agency' });
      else aboutAgencyId = input.agency;
    }
    const address = input.address.trim().slice(0, 300) || null;
    const lat = numberOrNull(input.latitude, -90, 90);
    const lon = numberOrNull(input.longitude, -180, 180);
    if (lat === 'bad') errs.push({ field: 'latitude', key: 'complaints.v.latitude' });
    if (lon === 'bad') errs.push({ field: 'longitude', key: 'complaints.v.longitude' });
    if (lat !== 'bad' && lon !== 'bad' && (lat === null) !== (lon === null)) errs.push({ field: lat === null ? 'latitude' : 'longitude', key: 'complaints.v.point' });
    if (subjectType === 'place' && !address && lat === null) errs.push({ field: 'address', key: 'complaints.v.place' });
    let contact: { email: string | null; phone: string | null } = { email: null, phone: null };
    if (!actor) {
      const raw = input.contact.trim();
      if (emailRe.test(raw) && raw.length <= 200) contact = { email: raw.toLowerCase(), phone: null };
      else {
        const phone = mobileE164(raw);
        if (phone) contact = { email: null, phone };
        else errs.push({ field: 'contact', key: 'complaints.v.contact' });
      }
    }
    let attachment: { file: UploadedFile; type: string; filename: string } | null = null;
    if (input.attachment) {
      const type = sniffUpload(input.attachment);
      if (input.attachment.tooLarge || input.attachment.size > ATTACHMENT_MAX_BYTES) errs.push({ field: 'attachment', key: 'complaints.v.attachment_size', params: { mb: ATTACHMENT_MAX_BYTES / 1024 / 1024 } });
      else if (type !== 'application/pdf' && type !== 'image/jpeg' && type !== 'image/png') errs.push({ field: 'attachment', key: 'complaints.v.attachment_type' });
      else attachment = { file: input.attachment, type, filename: cleanFilename(input.attachment.filename) || 'lampiran' };
    }
    if (errs.length) throw errors.validation(errs);
    return {
      kind: kind!,
      category: input.category,
      subjectType: subjectType!,
      service,
      applicationNumber,
      aboutAgencyId,
      address,
      latitude: lat as number | null,
      longitude: lon as number | null,
      title,
      body,
      contact,
      attachment,
      name: input.name.trim().slice(0, 120) || null,
    };
  }

  /** Gives a complaint its number, tracking code and verification deadline. */
  async function receive(trx: Transaction<CDB>, id: string, now: Date, tz: RegionTimeZone): Promise<{ number: string; trackingCode: string }> {
    const cal = await calendar(trx, tz);
    const seq = await trx.selectNoFrom((eb) => eb.fn<string>('nextval', [eb.val('complaint_number_seq')]).as('n')).executeTakeFirstOrThrow();
    const year = cal.localDate(now).slice(0, 4);
    const number = `ADU-${year}-${String(seq.n).padStart(6, '0')}`;
    const code = newTrackingCode();
    await trx
      .updateTable('complaints')
      .set({ number, tracking_hash: sha(code), status: 'diterima', submitted_at: now, verify_due_at: cal.addWorkingDays(now, VERIFY_WORKING_DAYS), contact_code_ref: null, updated_at: now })
      .where('id', '=', id)
      .execute();
    await event(trx, id, 'received', 'diterima', null, null, null, true, now);
    await announce(trx, id, 'received', null, now);
    await recordAudit(ex(trx), { actor: null, label: 'sistem' }, { action: 'complaint.receive', entityType: 'complaint', entityId: id, after: { number } });
    return { number, trackingCode: formatTrackingCode(code) };
  }

  /**
   * Records the domain event of a change, in its transaction, from the complaint as it now is
   * (references and states only: never the reporter or the text).
   */
  async function announce(trx: CExec, id: string, change: ComplaintChange | 'received', before: { status: ComplaintStatus; routed_agency_id: string | null } | null, now: Date) {
    const c = await trx.selectFrom('complaints').select(['number', 'routed_agency_id', 'status', 'kind', 'category', 'channel']).where('id', '=', id).executeTakeFirstOrThrow();
    const common = { complaintId: id, number: c.number ?? '', agencyId: c.routed_agency_id, status: c.status, kind: c.kind, category: c.category, channel: c.channel, at: now.toISOString() };
    if (change === 'received' || !before) await deps.events.record(ex(trx), 'complaint.received', common);
    else await deps.events.record(ex(trx), 'complaint.status_changed', { ...common, change, previousStatus: before.status, previousAgencyId: before.routed_agency_id });
  }

  /** The region's zone inside a transaction: the cache, else read in `trx` (never a second connection). */
  async function zoneIn(trx: CExec | Executor): Promise<RegionTimeZone> {
    return knownZone ?? ((await ex(trx).selectFrom('regions').select('timezone').orderBy('created_at').limit(1).executeTakeFirst())?.timezone as RegionTimeZone | undefined) ?? 'Asia/Jakarta';
  }

  async function event(trx: CExec, complaintId: string, kind: string, status: string | null, agencyId: string | null, actorId: string | null, note: string | null, visible: boolean, now: Date) {
    await trx.insertInto('complaint_events').values({ complaint_id: complaintId, kind, status, agency_id: agencyId, actor_id: actorId, note, visible, created_at: now }).execute();
  }

  /** Reporter's contact and language, read before any transaction (the identity port uses the root pool). */
  async function reporterOf(row: { reporter_id: string | null; reporter_email: string | null; reporter_phone: string | null; reporter_locale: string }) {
    if (row.reporter_id) {
      const p = await deps.person(row.reporter_id);
      return { email: p?.email ?? null, phone: p?.phone ?? null, locale: (p?.locale ?? 'id') as Locale, userId: row.reporter_id };
    }
    const c = openContact({ reporter_email: row.reporter_email, reporter_phone: row.reporter_phone });
    return { email: c.reporter_email ?? null, phone: c.reporter_phone ?? null, locale: (row.reporter_locale === 'en' ? 'en' : 'id') as Locale, userId: null };
  }

  /** A status message to the reporter by e-mail and SMS (outbox rows in `trx`). */
  async function tellReporter(trx: CExec, to: Awaited<ReturnType<typeof reporterOf>>, number: string, status: ComplaintStatus, note: string | null) {
    const params = { number, status: t(to.locale, `complaints.status.${status}`), note: note ?? '', url: `${deps.config.baseUrl}/pengaduan/lacak` };
    const text = t(to.locale, note ? 'complaints.msg.body_note' : 'complaints.msg.body', params);
    if (to.email) await deps.mailer.send(ex(trx), { to: to.email, subject: t(to.locale, 'complaints.msg.subject', params), text });
    if (to.phone) await deps.sendSms(ex(trx), { to: to.phone, text, userId: to.userId });
  }

  async function load(e: CExec, id: string) {
    const row = await e.selectFrom('complaints').selectAll().where('id', '=', id).executeTakeFirst();
    return row ?? null;
  }

  async function timelineOf(e: CExec, id: string, onlyVisible: boolean, hiddenActor: string | null = null) {
    let q = e
      .selectFrom('complaint_events as e')
      .select(['e.kind', 'e.status', 'e.note', 'e.visible', 'e.created_at', 'e.agency_id', 'e.actor_id'])
      .where('e.complaint_id', '=', id);
    if (onlyVisible) q = q.where('e.visible', '=', true);
    const rows = await q.orderBy('e.created_at').orderBy('e.id').execute();
    // Names from their owners' faces (agencies, identity), not by joining their tables.
    const [agencies, people] = await Promise.all([agencyNames(ex(e), rows.map((r) => r.agency_id)), userNames(ex(e), rows.map((r) => r.actor_id))]);
    return rows.map((r) => ({ kind: r.kind, status: r.status, note: r.note, visible: r.visible, at: r.created_at, agencyName: (r.agency_id && agencies.get(r.agency_id)) || null, actorName: (r.actor_id && r.actor_id !== hiddenActor && people.get(r.actor_id)) || null }));
  }

  async function attachmentsOf(e: CExec, id: string) {
    return e.selectFrom('complaint_attachments').select(['id', 'filename']).where('complaint_id', '=', id).orderBy('created_at').execute();
  }

  async function agencyName(e: CExec, id: string | null): Promise<string | null> {
    if (!id) return null;
    return (await agencyNames(ex(e), [id])).get(id) ?? null;
  }

  async function toReporterView(row: NonNullable<Awaited<ReturnType<typeof load>>>, now: Date): Promise<ReporterComplaint> {
    return {
      id: row.id,
      number: row.number ?? '',
      kind: row.kind,
      category: row.category,
      title: row.title,
      body: row.body,
      status: row.status,
      serviceName: row.service_name,
      agencyName: await agencyName(db, row.routed_agency_id ?? row.about_agency_id),
      address: row.address,
      submittedAt: row.submitted_at,
      resolvedAt: row.resolved_at,
      canReopen: row.status === 'selesai' && !!row.reopen_until && row.reopen_until.getTime() > now.getTime(),
      canRate: row.status === 'selesai' && row.rating === null,
      rating: row.rating,
      timeline: (await timelineOf(db, row.id, true)).map(({ visible: _v, actorName: _a, ...rest }) => rest),
      attachments: await attachmentsOf(db, row.id),
      original: row.duplicate_of ? await originalOf(row.duplicate_of) : null,
      allowPublish: row.allow_publish,
      published: !!row.published_at,
      detailsRemoved: !!row.reporter_details_removed_at,
    };
  }

  /** The names to mask in the public version: the guest's name, or the signed-in reporter's. */
  async function reporterNames(row: { reporter_id: string | null; reporter_name: string | null }): Promise<string[]> {
    const names = [openContact({ reporter_name: row.reporter_name }).reporter_name ?? ''];
    if (row.reporter_id) names.push((await deps.person(row.reporter_id))?.name ?? '');
    return names.filter((n) => n.trim());
  }

  /** The public version: the edited text (or the confirmed one, or the original), masked. */
  function maskVersion(source: { title: string; body: string; address: string | null }, names: string[]): PublicVersion {
    return {
      title: maskForPublic(source.title, names).slice(0, 200),
      body: maskForPublic(source.body, names).slice(0, 5000),
      address: source.address ? maskForPublic(source.address, names).slice(0, 500) : null,
    };
  }

  async function loadForPublishing(actor: Actor | null, id: string) {
    if (!actor) throw errors.unauthenticated();
    if (!can(actor, 'complaints.coordinate')) throw errors.forbidden();
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw errors.notFound();
    const row = await load(db, id);
    if (!row || row.status === 'menunggu_konfirmasi') throw errors.notFound();
    // Only with the reporter's consent, and never an archived complaint.
    if (!row.allow_publish || row.status === 'diarsipkan') throw new AppError('complaint_state', 409, 'complaints.e.state');
    return row;
  }

  /** The complaint a duplicate follows: number, title, status and its public timeline. */
  async function originalOf(id: string): Promise<ReporterComplaint['original']> {
    const o = await load(db, id);
    if (!o) return null;
    return { number: o.number ?? '', title: o.title, status: o.status, timeline: (await timelineOf(db, o.id, true)).map(({ visible: _v, actorName: _a, ...rest }) => rest) };
  }

  function assertStaffCanSee(actor: Actor | null, row: { routed_agency_id: string | null }) {
    if (can(actor, 'complaints.coordinate')) return;
    if (row.routed_agency_id && can(actor, 'complaints.handle', { agencyId: row.routed_agency_id })) return;
    if (!actor) throw errors.unauthenticated();
    throw errors.notFound();
  }

  /** Routing rules as data: a service rule, else a category rule, else the agency it is about. */
  async function suggestedAgency(e: CExec, row: { service_id: string | null; category: string; about_agency_id: string | null }): Promise<string | null> {
    if (row.service_id) {
      const r = await e.selectFrom('complaint_routing_rules').select('agency_id').where('service_id', '=', row.service_id).executeTakeFirst();
      if (r) return r.agency_id;
    }
    const c = await e.selectFrom('complaint_routing_rules').select('agency_id').where('category', '=', row.category).executeTakeFirst();
    return c?.agency_id ?? row.about_agency_id;
  }

  /** The complaint's resolution tier (kept once set) and its working days. */
  async function tierOf(e: CExec, category: string, current: string | null): Promise<{ code: string; days: number }> {
    const code = current ?? (await e.selectFrom('complaint_category_tiers').select('tier').where('category', '=', category).executeTakeFirst())?.tier ?? DEFAULT_TIER;
    const r = await e.selectFrom('complaint_tiers').select(['code', 'working_days']).where('code', '=', code).executeTakeFirst();
    return r ? { code: r.code, days: r.working_days } : { code: DEFAULT_TIER, days: 14 };
  }

  /** A message to the agency's head office (outbox rows in `trx`). */
  async function tellAgency(trx: CExec, agencyId: string, key: 'routed' | 'escalated', params: Record<string, string>) {
    for (const h of await deps.agencyHeads(ex(trx), agencyId)) {
      if (!h.email) continue;
      await deps.mailer.send(ex(trx), { to: h.email, subject: t(h.locale, `complaints.agency.${key}_subject`, params), text: t(h.locale, `complaints.agency.${key}_body`, params) });
    }
  }

  const staffUrl = (id: string) => `${deps.config.baseUrl}/kelola/pengaduan/${id}`;

  async function findByCode(rawCode: string) {
    const code = normaliseTrackingCode(rawCode);
    if (code.length !== 10) return null;
    // Looked up by the hash of the code: the code itself is never stored.
    const row = await db.selectFrom('complaints').selectAll().where('tracking_hash', '=', sha(code)).executeTakeFirst();
    return row ?? null;
  }

  async function transition(who: Who, id: string, action: StaffAction, input: { agencyId?: string; note?: string }, now: Date) {
    const actor = who.actor;
    if (!actor) throw errors.unauthenticated();
    const before = await load(db, id);
    if (!before) throw errors.notFound();
    assertStaffCanSee(actor, before);
    const coordinator = can(actor, 'complaints.coordinate');
    const isAgency = !!before.routed_agency_id && can(actor, 'complaints.handle', { agencyId: before.routed_agency_id });
    if ((['verify', 'hold', 'not_authority', 'archive', 'reroute'] as StaffAction[]).includes(action) ? !coordinator : !isAgency) throw errors.forbidden();
    if (!canTake(action, before.status)) throw new AppError('complaint_state', 409, 'complaints.e.state');
    const note = (input.note ?? '').trim().slice(0, NOTE_MAX) || null;
    const needsNote: StaffAction[] = ['hold', 'not_authority', 'archive', 'reroute', 'respond'];
    if (needsNote.includes(action) && !note) throw errors.validation([{ field: 'note', key: 'complaints.v.note' }]);
    let agencyId: string | null = null;
    if (action === 'verify' || action === 'reroute') {
      const agencies = await deps.agencies();
      // Verifying without a choice takes the agency the routing rules suggest.
      const wanted = input.agencyId || (action === 'verify' ? await suggestedAgency(db, before) : null);
      if (!wanted || !agencies.some((a) => a.id === wanted)) throw errors.validation([{ field: 'agencyId', key: 'complaints.v.agency' }]);
      if (action === 'reroute' && wanted === before.routed_agency_id) throw errors.validation([{ field: 'agencyId', key: 'complaints.v.same_agency' }]);
      agencyId = wanted;
    }
    const to = await reporterOf(before);
    const tz = await zone();
    return db.transaction().execute(async (trx) => {
      const locked = await trx.selectFrom('complaints').select(['status']).where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
      if (locked.status !== before.status) throw new AppError('complaint_state', 409, 'complaints.e.state');
      const cal = await calendar(trx, tz);
      const tier = await tierOf(trx, before.category, before.tier);
      // Routed (again): the resolution period of the complaint's tier starts now.
      const resolution = { tier: tier.code, resolve_due_at: cal.addWorkingDays(now, tier.days), escalated_at: null };
      let status: ComplaintStatus = before.status;
      const set: Record<string, unknown> = { updated_at: now };
      let visible = true;
      switch (action) {
        case 'verify':
          status = 'didisposisi';
          Object.assign(set, { status, routed_agency_id: agencyId, verified_at: now, hold_reason: null, response_due_at: cal.addWorkingDays(now, FIRST_RESPONSE_WORKING_DAYS), ...resolution });
          break;
        case 'reroute':
          // The new agency gets its own first-response period.
          Object.assign(set, { routed_agency_id: agencyId, response_due_at: cal.addWorkingDays(now, FIRST_RESPONSE_WORKING_DAYS), response_overdue_at: null, first_response_at: null, status: 'didisposisi', ...resolution });
          status = 'didisposisi';
          break;
        case 'hold':
          status = 'ditunda';
          Object.assign(set, { status, hold_reason: note });
          break;
        case 'not_authority':
          status = 'bukan_wewenang';
          Object.assign(set, { status });
          break;
        case 'archive':
          status = 'diarsipkan';
          Object.assign(set, { status });
          break;
        case 'respond':
          status = 'ditindaklanjuti';
          Object.assign(set, { status, first_response_at: before.first_response_at ?? now });
          break;
        case 'resolve':
          status = 'selesai';
          Object.assign(set, { status, resolved_at: now, reopen_until: cal.addWorkingDays(now, REOPEN_WORKING_DAYS) });
          break;
      }
      await trx.updateTable('complaints').set(set).where('id', '=', id).execute();
      await event(trx, id, action, status, agencyId ?? before.routed_agency_id, actor.userId, note, visible, now);
      const change: ComplaintChange = action === 'verify' ? 'verified' : action === 'reroute' ? 'rerouted' : action === 'hold' ? 'held' : action === 'archive' ? 'archived' : action === 'resolve' ? 'resolved' : action === 'respond' ? (before.first_response_at ? 'responded' : 'first_response') : 'not_authority';
      await announce(trx, id, change, before, now);
      await recordAudit(ex(trx), who, {
        action: `complaint.${action}`,
        entityType: 'complaint',
        entityId: id,
        agencyId: agencyId ?? before.routed_agency_id,
        before: { status: before.status, routed_agency_id: before.routed_agency_id },
        after: { status, routed_agency_id: agencyId ?? before.routed_agency_id, note },
      });
      visible = true;
      await tellReporter(trx, to, before.number ?? '', status, action === 'respond' || action === 'hold' || action === 'not_authority' || action === 'resolve' ? note : null);
      // The (new) agency is told it has the complaint; the reporter's identity is never in it.
      if (agencyId) await tellAgency(trx, agencyId, 'routed', { number: before.number ?? '', title: before.title, url: staffUrl(id) });
      // Resolved: one invitation to the satisfaction survey (IKM), however often it is resolved.
      if (status === 'selesai') await inviteComplaintReporter({ baseUrl: deps.config.baseUrl, mailer: deps.mailer, sendSms: deps.sendSms }, ex(trx), { id, number: before.number ?? '', ownAccount: !!before.reporter_id }, to, now);
      return { status };
    });
  }

  return {
    /** The figure summary follows the module's own events (subscriber in app.events.ts), in their transaction. */
    async applyFigures(trx: Executor, complaintId: string): Promise<void> {
      await applyComplaintFigures(trx, complaintId, await zoneIn(trx));
    },
    /** Builds the figure summary again from every complaint (`simpul executive rebuild`). */
    async rebuildFigures(): Promise<{ complaints: number }> {
      return rebuildComplaintFigures(ex(db), await zone());
    },

    /** Files a complaint. Signed-in citizens: received at once. Guests: waits for the code. */
    async file(who: Who & { locale: Locale }, input: FilingInput, now = new Date()): Promise<FilingResult> {
      const actor = who.actor;
      if (actor && actor.kind === 'staff') throw errors.forbidden();
      const v = await validate(actor, input);
      const person = actor ? await deps.person(actor.userId) : null;
      let stored: { key: string; sha256: string; size: number } | null = null;
      if (v.attachment) {
        const ext = v.attachment.type === 'application/pdf' ? 'pdf' : v.attachment.type === 'image/png' ? 'png' : 'jpg';
        const key = `complaints/${crypto.randomUUID()}.${ext}`;
        const put = await deps.storage.put(key, v.attachment.file.open(), v.attachment.type, { maxBytes: ATTACHMENT_MAX_BYTES });
        stored = { key, sha256: put.sha256, size: put.size };
      }
      const tz = await zone();
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('complaints')
          .values({
            kind: v.kind,
            category: v.category,
            subject_type: v.subjectType,
            service_id: v.service?.id ?? null,
            service_name: v.service?.name ?? null,
            application_number: v.applicationNumber,
            about_agency_id: v.aboutAgencyId,
            address: v.address,
            latitude: v.latitude,
            longitude: v.longitude,
            title: v.title,
            body: v.body,
            status: 'menunggu_konfirmasi',
            reporter_id: actor?.userId ?? null,
            ...sealedContact({ name: actor ? null : v.name, email: v.contact.email, phone: v.contact.phone }),
            reporter_locale: who.locale,
            show_identity: input.showIdentity,
            allow_publish: input.allowPublish,
            channel: 'web',
            created_at: now,
            updated_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        if (stored && v.attachment) {
          await trx.insertInto('complaint_attachments').values({ complaint_id: row.id, storage_key: stored.key, filename: v.attachment.filename, content_type: v.attachment.type, size_bytes: stored.size, sha256: stored.sha256 }).execute();
        }
        await event(trx, row.id, 'filed', 'menunggu_konfirmasi', null, actor?.userId ?? null, null, true, now);
        if (actor) {
          const r = await receive(trx, row.id, now, tz);
          const to = { email: person?.email ?? null, phone: person?.phone ?? null, locale: who.locale, userId: actor.userId };
          await tellReporter(trx, to, r.number, 'diterima', null);
          return { kind: 'received', ...r } as const;
        }
        const contact = v.contact.email ?? v.contact.phone!;
        const { ref, code } = await deps.contactCodes.issue(ex(trx), contact, CONTACT_CODE_MINUTES, now);
        await trx.updateTable('complaints').set({ contact_code_ref: ref }).where('id', '=', row.id).execute();
        await sendCode(trx, contact, code, who.locale);
        return { kind: 'confirm', id: row.id, contactMasked: maskContact(contact) } as const;
      });
    },

    /**
     * A complaint from another channel (an Open311 client): the contact is not confirmed, so it
     * lands as received and unverified for the coordinator like any other; published only in
     * redacted form when allowed.
     */
    async fileExternal(input: { kind: ComplaintKind; category: string; title: string; body: string; address: string | null; latitude: number | null; longitude: number | null; name: string | null; email: string | null; phone: string | null; channel: 'open311' | 'sms' | 'api'; clientId: string | null; allowPublish: boolean; label: string }, now = new Date()): Promise<{ id: string; number: string }> {
      const tz = await zone();
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('complaints')
          .values({
            kind: input.kind,
            category: input.category,
            subject_type: 'place',
            address: input.address,
            latitude: input.latitude,
            longitude: input.longitude,
            title: input.title.slice(0, TITLE_MAX),
            body: input.body.slice(0, BODY_MAX),
            status: 'menunggu_konfirmasi',
            ...sealedContact({ name: input.name, email: input.email, phone: input.phone }),
            channel: input.channel,
            open311_client_id: input.clientId,
            allow_publish: input.allowPublish,
            created_at: now,
            updated_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await event(trx, row.id, 'filed', 'menunggu_konfirmasi', null, null, input.label, false, now);
        const r = await receive(trx, row.id, now, tz);
        return { id: row.id, number: r.number };
      });
    },

    /**
     * `ADUAN <text>` by SMS (the inbound SMS endpoint's command, in its transaction): the sender's
     * number is his contact (the message came from it), so the complaint is received at once and
     * the reply carries its number and tracking code. At most SMS_PER_DAY a day per number.
     */
    async fileBySms(trx: Executor, fromE164: string | null, rawText: string, now = new Date()): Promise<string> {
      const text = rawText.replace(/\s+/g, ' ').trim().slice(0, BODY_MAX);
      if (!fromE164) return t('id', 'complaints.sms.not_mobile');
      if (text.length < 20) return t('id', 'complaints.sms.usage');
      const e = trx as unknown as Transaction<CDB>;
      const since = new Date(now.getTime() - 24 * 3600_000);
      const recent = await e.selectFrom('complaints').select((eb) => eb.fn.countAll<string>().as('n')).where('channel', '=', 'sms').where(reporterPhoneMatch(fromE164)).where('created_at', '>', since).executeTakeFirstOrThrow();
      if (Number(recent.n) >= SMS_PER_DAY) return t('id', 'complaints.sms.limit');
      // Inside the SMS endpoint's transaction: the region's zone from the cache, else read in `trx`
      // (a second connection would wait forever on PGlite's single one).
      const tz = knownZone ?? ((await ex(trx).selectFrom('regions').select('timezone').orderBy('created_at').limit(1).executeTakeFirst())?.timezone as RegionTimeZone | undefined) ?? 'Asia/Jakarta';
      const cut = text.length > 60 ? `${text.slice(0, 57).trimEnd()}…` : text;
      const row = await e
        .insertInto('complaints')
        .values({ kind: 'pengaduan', category: 'lainnya', subject_type: 'place', title: cut, body: text, status: 'menunggu_konfirmasi', ...sealedContact({ phone: fromE164 }), reporter_locale: 'id', channel: 'sms', created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      await event(e, row.id, 'filed', 'menunggu_konfirmasi', null, null, 'SMS', false, now);
      const r = await receive(e, row.id, now, tz);
      return t('id', 'complaints.sms.received', { number: r.number, code: r.trackingCode, url: `${deps.config.baseUrl}/pengaduan/lacak` });
    },

    /**
     * Before filing: public complaints (the reporter allowed publishing) that are open or were
     * resolved in the last 30 days, on the same service or within 50 m of the given point. Titles
     * are redacted; nothing else is shown.
     */
    async similar(input: { service: string; latitude: string; longitude: string }, now = new Date()): Promise<{ number: string; title: string; status: ComplaintStatus }[]> {
      const svc = input.service ? await deps.serviceBySlug(input.service) : null;
      const lat = numberOrNull(input.latitude, -90, 90);
      const lon = numberOrNull(input.longitude, -180, 180);
      const point = typeof lat === 'number' && typeof lon === 'number' ? { lat, lon } : null;
      if (!svc && !point) return [];
      const dLat = SIMILAR_RADIUS_M / 111_320;
      const dLon = point ? dLat / Math.max(0.01, Math.cos((point.lat * Math.PI) / 180)) : 0;
      const rows = await db
        .selectFrom('complaints')
        .select(['number', 'title', 'public_title', 'status', 'latitude', 'longitude', 'service_id'])
        .where('allow_publish', '=', true)
        .where('published_at', 'is not', null)
        .where('duplicate_of', 'is', null)
        .where((eb) => eb.or([eb('status', 'in', ['diterima', 'didisposisi', 'ditindaklanjuti']), eb.and([eb('status', '=', 'selesai'), eb('resolved_at', '>', new Date(now.getTime() - 30 * 86_400_000))])]))
        .where((eb) => {
          const any = [];
          if (svc) any.push(eb('service_id', '=', svc.id));
          if (point) any.push(eb.and([eb('latitude', '>=', String(point.lat - dLat)), eb('latitude', '<=', String(point.lat + dLat)), eb('longitude', '>=', String(point.lon - dLon)), eb('longitude', '<=', String(point.lon + dLon))]));
          return eb.or(any);
        })
        .orderBy('submitted_at', 'desc')
        .limit(20)
        .execute();
      return rows
        .filter((r) => (svc && r.service_id === svc.id) || (point && r.latitude !== null && r.longitude !== null && haversineMetres(point.lat, point.lon, Number(r.latitude), Number(r.longitude)) <= SIMILAR_RADIUS_M))
        .slice(0, 5)
        .map((r) => ({ number: r.number ?? '', title: r.public_title ?? redactPublicText(r.title), status: r.status }));
    },

    /** The guest's pending complaint (for the code page), or null. */
    async pending(id: string): Promise<{ id: string; contactMasked: string } | null> {
      if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
      const row = await db.selectFrom('complaints').select(['id', 'status', 'reporter_email', 'reporter_phone']).where('id', '=', id).executeTakeFirst();
      if (!row || row.status !== 'menunggu_konfirmasi') return null;
      const c = openContact(row);
      return { id: row.id, contactMasked: maskContact(c.reporter_email ?? c.reporter_phone ?? '') };
    },

    /**
     * The guest's code: right → received (number and tracking code, shown once); wrong, expired
     * or spent → nothing changes but the count of tries, and the reason is returned.
     */
    async confirm(id: string, code: string, now = new Date()): Promise<{ ok: true; number: string; trackingCode: string } | { ok: false; reason: 'wrong' | 'expired' | 'attempts'; left?: number }> {
      const row = await db.selectFrom('complaints').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row || row.status !== 'menunggu_konfirmasi' || !row.contact_code_ref) return { ok: false, reason: 'expired' };
      const opened = openContact(row);
      const contact = opened.reporter_email ?? opened.reporter_phone ?? '';
      const to = await reporterOf(row);
      const tz = await zone();
      return db.transaction().execute(async (trx) => {
        const locked = await trx.selectFrom('complaints').select(['status', 'contact_code_ref']).where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
        if (locked.status !== 'menunggu_konfirmasi' || !locked.contact_code_ref) return { ok: false, reason: 'expired' } as const;
        const check = await deps.contactCodes.check(ex(trx), locked.contact_code_ref, contact, code, now);
        if (!check.ok) return check; // the try is counted (committed); the complaint is unchanged
        const r = await receive(trx, id, now, tz);
        await tellReporter(trx, to, r.number, 'diterima', null);
        return { ok: true, ...r } as const;
      });
    },

    /** A new code for a pending guest complaint (the old one stops working). */
    async resendCode(id: string, locale: Locale, now = new Date()): Promise<boolean> {
      const row = await db.selectFrom('complaints').select(['status', 'reporter_email', 'reporter_phone']).where('id', '=', id).executeTakeFirst();
      if (!row || row.status !== 'menunggu_konfirmasi') return false;
      const opened = openContact(row);
      const contact = opened.reporter_email ?? opened.reporter_phone ?? '';
      await db.transaction().execute(async (trx) => {
        const { ref, code } = await deps.contactCodes.issue(ex(trx), contact, CONTACT_CODE_MINUTES, now);
        const old = await trx.selectFrom('complaints').select('contact_code_ref').where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
        if (old.contact_code_ref) await ex(trx).updateTable('verification_codes').set({ expires_at: now, updated_at: now }).where('id', '=', old.contact_code_ref).where('used_at', 'is', null).execute();
        await trx.updateTable('complaints').set({ contact_code_ref: ref, updated_at: now }).where('id', '=', id).execute();
        await sendCode(trx, contact, code, locale);
      });
      return true;
    },

    /** The reporter's view by his secret tracking code; null for an unknown or pending code. */
    async track(code: string, now = new Date()): Promise<ReporterComplaint | null> {
      const row = await findByCode(code);
      if (!row || row.status === 'menunggu_konfirmasi') return null;
      return toReporterView(row, now);
    },

    /** The signed-in reporter's own complaints, newest first. */
    async listMine(actor: Actor): Promise<{ number: string; title: string; status: ComplaintStatus; submittedAt: Date | null }[]> {
      const rows = await db
        .selectFrom('complaints')
        .select(['number', 'title', 'status', 'submitted_at'])
        .where('reporter_id', '=', actor.userId)
        .where('status', '!=', 'menunggu_konfirmasi')
        .orderBy('submitted_at', 'desc')
        .limit(200)
        .execute();
      return rows.map((r) => ({ number: r.number ?? '', title: r.title, status: r.status, submittedAt: r.submitted_at }));
    },

    /** The signed-in reporter's complaint by number (404 for anyone else's). */
    async mine(actor: Actor, number: string, now = new Date()): Promise<ReporterComplaint> {
      const row = await db.selectFrom('complaints').selectAll().where('number', '=', number.toUpperCase()).where('reporter_id', '=', actor.userId).executeTakeFirst();
      if (!row) throw errors.notFound();
      return toReporterView(row, now);
    },

    /** Reporter reopens a resolved complaint within the window (by code or own account). */
    async reopen(ref: { code?: string; actor?: Actor; number?: string }, reason: string, now = new Date()): Promise<void> {
      const row = ref.code ? await findByCode(ref.code) : ref.actor && ref.number ? await db.selectFrom('complaints').selectAll().where('number', '=', ref.number.toUpperCase()).where('reporter_id', '=', ref.actor.userId).executeTakeFirst() : null;
      if (!row) throw errors.notFound();
      const note = reason.trim().slice(0, NOTE_MAX);
      if (!note) throw errors.validation([{ field: 'reason', key: 'complaints.v.note' }]);
      if (row.status !== 'selesai' || !row.reopen_until || row.reopen_until.getTime() <= now.getTime()) throw new AppError('complaint_state', 409, 'complaints.e.reopen_closed');
      const tz = await zone();
      await db.transaction().execute(async (trx) => {
        const cal = await calendar(trx, tz);
        const upd = await trx
          .updateTable('complaints')
          .set({ status: 'ditindaklanjuti', resolved_at: null, reopen_until: null, reopened_count: row.reopened_count + 1, response_due_at: cal.addWorkingDays(now, FIRST_RESPONSE_WORKING_DAYS), response_overdue_at: null, resolve_due_at: cal.addWorkingDays(now, (await tierOf(trx, row.category, row.tier)).days), escalated_at: null, updated_at: now })
          .where('id', '=', row.id)
          .where('status', '=', 'selesai')
          .executeTakeFirst();
        if (Number(upd.numUpdatedRows) !== 1) throw new AppError('complaint_state', 409, 'complaints.e.state');
        await event(trx, row.id, 'reopened', 'ditindaklanjuti', row.routed_agency_id, null, note, true, now);
        await announce(trx, row.id, 'reopened', row, now);
        await recordAudit(ex(trx), { actor: ref.actor ?? null, label: ref.actor ? undefined : 'pelapor' }, { action: 'complaint.reopen', entityType: 'complaint', entityId: row.id, agencyId: row.routed_agency_id, after: { status: 'ditindaklanjuti' } });
      });
    },

    /** Reporter rates the handling once, after resolution (1–5). */
    async rate(ref: { code?: string; actor?: Actor; number?: string }, rating: number, comment: string, now = new Date()): Promise<void> {
      const row = ref.code ? await findByCode(ref.code) : ref.actor && ref.number ? await db.selectFrom('complaints').selectAll().where('number', '=', ref.number.toUpperCase()).where('reporter_id', '=', ref.actor.userId).executeTakeFirst() : null;
      if (!row) throw errors.notFound();
      if (!Number.isInteger(rating) || rating < 1 || rating > 5) throw errors.validation([{ field: 'rating', key: 'complaints.v.rating' }]);
      if (row.status !== 'selesai' || row.rating !== null) throw new AppError('complaint_state', 409, 'complaints.e.state');
      await db.transaction().execute(async (trx) => {
        const upd = await trx.updateTable('complaints').set({ rating, rating_comment: comment.trim().slice(0, NOTE_MAX) || null, rated_at: now, updated_at: now }).where('id', '=', row.id).where('rating', 'is', null).executeTakeFirst();
        if (Number(upd.numUpdatedRows) !== 1) throw new AppError('complaint_state', 409, 'complaints.e.state');
        await event(trx, row.id, 'rated', null, row.routed_agency_id, null, null, true, now);
        await recordAudit(ex(trx), { actor: ref.actor ?? null, label: ref.actor ? undefined : 'pelapor' }, { action: 'complaint.rate', entityType: 'complaint', entityId: row.id, agencyId: row.routed_agency_id, after: { rating } });
      });
    },

    /**
     * The coordinator's preview before publishing: exactly the text the public will see —
     * the edited text when given, else the confirmed public version, else the original — masked.
     * Writes nothing.
     */
    async publicPreview(actor: Actor | null, id: string, edited?: { title: string; body: string; address: string }): Promise<PublicVersion> {
      const row = await loadForPublishing(actor, id);
      const names = await reporterNames(row);
      if (edited) {
        const title = edited.title.trim();
        const body = edited.body.trim();
        const errs: FieldError[] = [];
        if (!title) errs.push({ field: 'title', key: 'complaints.v.public_title' });
        if (!body) errs.push({ field: 'body', key: 'complaints.v.public_body' });
        if (errs.length) throw errors.validation(errs);
        return maskVersion({ title, body, address: edited.address.trim() || null }, names);
      }
      return row.public_title !== null
        ? maskVersion({ title: row.public_title, body: row.public_body ?? '', address: row.public_address }, names)
        : maskVersion({ title: row.title, body: row.body, address: row.address }, names);
    },

    /** The coordinator confirms the previewed text: it is masked again and becomes the public version. Audited. */
    async publish(who: Who, id: string, edited: { title: string; body: string; address: string }, now = new Date()): Promise<PublicVersion> {
      const version = await this.publicPreview(who.actor, id, edited);
      const row = (await load(db, id))!;
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('complaints').set({ public_title: version.title, public_body: version.body, public_address: version.address, published_at: now, published_by: who.actor!.userId, updated_at: now }).where('id', '=', id).execute();
        await recordAudit(ex(trx), who, { action: 'complaint.publish', entityType: 'complaint', entityId: id, agencyId: row.routed_agency_id, before: row.published_at ? { title: row.public_title } : undefined, after: { title: version.title } });
      });
      return version;
    },

    /**
     * The reporter removes his details from the public version (by tracking code or own account):
     * the public text is masked again with his name, and staff no longer see him. Audited. An
     * unknown or forged code gets the same not-found as any unknown code.
     */
    async removeMyDetails(ref: { code?: string; actor?: Actor; number?: string }, now = new Date()): Promise<void> {
      const row = ref.code ? await findByCode(ref.code) : ref.actor && ref.number ? await db.selectFrom('complaints').selectAll().where('number', '=', ref.number.toUpperCase()).where('reporter_id', '=', ref.actor.userId).executeTakeFirst() : null;
      if (!row || row.status === 'menunggu_konfirmasi') throw errors.notFound();
      const names = await reporterNames(row);
      const source = row.public_title !== null ? { title: row.public_title, body: row.public_body ?? '', address: row.public_address } : { title: row.title, body: row.body, address: row.address };
      const version = maskVersion(source, names);
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('complaints').set({ public_title: version.title, public_body: version.body, public_address: version.address, show_identity: false, reporter_details_removed_at: now, updated_at: now }).where('id', '=', row.id).execute();
        await recordAudit(ex(trx), { actor: ref.actor ?? null, label: ref.actor ? undefined : 'pelapor' }, { action: 'complaint.remove_reporter_details', entityType: 'complaint', entityId: row.id, agencyId: row.routed_agency_id, before: { show_identity: row.show_identity }, after: { show_identity: false } });
      });
    },

    /** Back-office list: the coordinator sees all, an agency its routed complaints. */
    async listForStaff(actor: Actor | null, filter: { status?: string } = {}, now = new Date()): Promise<StaffListItem[]> {
      if (!actor) throw errors.unauthenticated();
      const coordinator = can(actor, 'complaints.coordinate');
      const scope = agenciesFor(actor, 'complaints.handle');
      if (!coordinator && scope !== 'all' && scope.length === 0) throw errors.forbidden();
      let q = db.selectFrom('complaints as c').select(['c.id', 'c.number', 'c.title', 'c.kind', 'c.status', 'c.submitted_at', 'c.verify_due_at', 'c.response_due_at', 'c.first_response_at', 'c.resolve_due_at', 'c.escalated_at', 'c.routed_agency_id']).where('c.status', '!=', 'menunggu_konfirmasi');
      if (!coordinator && scope !== 'all') q = q.where('c.routed_agency_id', 'in', scope);
      if (filter.status && (complaintStatusesForFilter as readonly string[]).includes(filter.status)) q = q.where('c.status', '=', filter.status as ComplaintStatus);
      const rows = await q.orderBy('c.submitted_at', 'desc').limit(500).execute();
      const names = await agencyNames(ex(db), rows.map((r) => r.routed_agency_id));
      return rows.map((r) => {
        // The next deadline: verification, else the first response, else the resolution (tier).
        const open = r.status === 'didisposisi' || r.status === 'ditindaklanjuti';
        const dueAt = r.status === 'diterima' || r.status === 'ditunda' ? r.verify_due_at : r.status === 'didisposisi' && !r.first_response_at ? r.response_due_at : open ? r.resolve_due_at : null;
        const resolveLate = open && (!!r.escalated_at || (!!r.resolve_due_at && r.resolve_due_at.getTime() < now.getTime()));
        return { id: r.id, number: r.number ?? '', title: r.title, kind: r.kind, status: r.status, routedAgencyName: (r.routed_agency_id && names.get(r.routed_agency_id)) || null, submittedAt: r.submitted_at, dueAt, overdue: resolveLate || (!!dueAt && dueAt.getTime() < now.getTime()) };
      });
    },

    /** One complaint for staff; the reporter's identity only when he opted in. */
    async getForStaff(actor: Actor | null, id: string): Promise<StaffComplaint> {
      if (!/^[0-9a-f-]{36}$/i.test(id)) throw errors.notFound();
      const row = await load(db, id);
      if (!row || row.status === 'menunggu_konfirmasi') throw errors.notFound();
      assertStaffCanSee(actor, row);
      let reporter: StaffComplaint['reporter'] = null;
      if (row.show_identity) {
        const p = row.reporter_id ? await deps.person(row.reporter_id) : null;
        const c = openContact(row);
        reporter = p ? { name: p.name, email: p.email, phone: p.phone } : { name: c.reporter_name, email: c.reporter_email, phone: c.reporter_phone };
      }
      return {
        id: row.id,
        number: row.number ?? '',
        kind: row.kind,
        category: row.category,
        title: row.title,
        body: row.body,
        status: row.status,
        subjectType: row.subject_type,
        serviceName: row.service_name,
        applicationNumber: row.application_number,
        aboutAgencyId: row.about_agency_id,
        address: row.address,
        latitude: row.latitude,
        longitude: row.longitude,
        routedAgencyId: row.routed_agency_id,
        routedAgencyName: await agencyName(db, row.routed_agency_id),
        holdReason: row.hold_reason,
        submittedAt: row.submitted_at,
        verifyDueAt: row.verify_due_at,
        responseDueAt: row.response_due_at,
        firstResponseAt: row.first_response_at,
        verifyOverdue: !!row.verify_overdue_at,
        responseOverdue: !!row.response_overdue_at,
        reporter,
        allowPublish: row.allow_publish,
        publicVersion: row.public_title !== null ? { title: row.public_title, body: row.public_body ?? '', address: row.public_address, publishedAt: row.published_at } : null,
        tier: row.tier,
        resolveDueAt: row.resolve_due_at,
        escalated: !!row.escalated_at,
        suggestedAgencyId: await suggestedAgency(db, row),
        duplicateOf: row.duplicate_of ? await db.selectFrom('complaints').select(['id', 'number']).where('id', '=', row.duplicate_of).executeTakeFirst().then((o) => (o ? { id: o.id, number: o.number ?? '' } : null)) : null,
        lapor: await db
          .selectFrom('complaint_lapor_links')
          .select(['state', 'remote_id', 'remote_status', 'attempts'])
          .where('complaint_id', '=', row.id)
          .executeTakeFirst()
          .then((l) => (l ? { state: l.state, remoteId: l.remote_id, remoteStatus: l.remote_status, attempts: l.attempts } : null)),
        rating: row.rating,
        ratingComment: row.rating_comment,
        // A signed-in reporter who hides his identity is not named on his own entries (filed, rated, reopened).
        timeline: await timelineOf(db, row.id, false, reporter ? null : row.reporter_id),
        attachments: await attachmentsOf(db, row.id),
      };
    },

    /** The bytes of an attachment for staff who may see the complaint, or for its reporter. */
    async attachment(actor: Actor | null, complaintId: string, attachmentId: string, trackingCode?: string): Promise<{ bytes: Buffer; type: string; filename: string }> {
      if (!/^[0-9a-f-]{36}$/i.test(complaintId) || !/^[0-9a-f-]{36}$/i.test(attachmentId)) throw errors.notFound();
      const row = await load(db, complaintId);
      if (!row) throw errors.notFound();
      const byCode = trackingCode ? (await findByCode(trackingCode))?.id === row.id : false;
      const own = !!actor && row.reporter_id === actor.userId;
      if (!byCode && !own) assertStaffCanSee(actor, row);
      const a = await db.selectFrom('complaint_attachments').selectAll().where('id', '=', attachmentId).where('complaint_id', '=', complaintId).executeTakeFirst();
      if (!a) throw errors.notFound();
      const bytes = await deps.storage.get(a.storage_key);
      if (!bytes) throw errors.notFound();
      return { bytes, type: a.content_type, filename: a.filename };
    },

    /** Agencies to route to (coordinator's choice). */
    agencies: () => deps.agencies(),

    act: (who: Who, id: string, action: StaffAction, input: { agencyId?: string; note?: string }, now = new Date()) => transition(who, id, action, input, now),

    /**
     * Flags complaints past their verification or first-response deadline (once each), writes
     * the timeline (staff only) and the audit trail. Run by the scheduled job; `now` for tests.
     */
    async flagOverdue(now = new Date()): Promise<number> {
      return db.transaction().execute(async (trx) => {
        const late = await trx
          .selectFrom('complaints')
          .select(['id', 'status', 'routed_agency_id', 'verify_due_at', 'response_due_at', 'verify_overdue_at', 'response_overdue_at', 'first_response_at'])
          .where((eb) =>
            eb.or([
              eb.and([eb('status', 'in', ['diterima', 'ditunda']), eb('verify_overdue_at', 'is', null), eb('verify_due_at', '<', now)]),
              eb.and([eb('status', '=', 'didisposisi'), eb('first_response_at', 'is', null), eb('response_overdue_at', 'is', null), eb('response_due_at', '<', now)]),
            ]),
          )
          .forUpdate()
          .skipLocked()
          .limit(500)
          .execute();
        // Past the resolution deadline of its tier: escalated to the agency head, once.
        const unresolved = await trx
          .selectFrom('complaints')
          .select(['id', 'number', 'title', 'routed_agency_id', 'resolve_due_at'])
          .where('status', 'in', ['didisposisi', 'ditindaklanjuti'])
          .where('escalated_at', 'is', null)
          .where('resolve_due_at', '<', now)
          .forUpdate()
          .skipLocked()
          .limit(500)
          .execute();
        for (const c of unresolved) {
          await trx.updateTable('complaints').set({ escalated_at: now }).where('id', '=', c.id).execute();
          await event(trx, c.id, 'escalated', null, c.routed_agency_id, null, null, false, now);
          await recordAudit(ex(trx), { actor: null, label: 'sistem' }, { action: 'complaint.escalate', entityType: 'complaint', entityId: c.id, agencyId: c.routed_agency_id, after: { resolve_due_at: c.resolve_due_at?.toISOString() ?? null } });
          if (c.routed_agency_id) await tellAgency(trx, c.routed_agency_id, 'escalated', { number: c.number ?? '', title: c.title, url: staffUrl(c.id) });
        }
        if (unresolved.length) deps.log.info({ escalated: unresolved.length }, 'complaints past their resolution deadline escalated');
        for (const c of late) {
          const verify = c.status === 'diterima' || c.status === 'ditunda';
          await trx.updateTable('complaints').set(verify ? { verify_overdue_at: now } : { response_overdue_at: now }).where('id', '=', c.id).execute();
          await event(trx, c.id, verify ? 'overdue_verify' : 'overdue_response', null, c.routed_agency_id, null, null, false, now);
          await recordAudit(ex(trx), { actor: null, label: 'sistem' }, { action: verify ? 'complaint.overdue_verify' : 'complaint.overdue_response', entityType: 'complaint', entityId: c.id, agencyId: c.routed_agency_id, after: { due_at: (verify ? c.verify_due_at : c.response_due_at)?.toISOString() ?? null } });
        }
        if (late.length) deps.log.info({ overdue: late.length }, 'overdue complaints flagged');
        return late.length + unresolved.length;
      });
    },

    /**
     * The coordinator marks a complaint a duplicate of another (by its number): it is archived,
     * its reporter is told and from then on his tracking page follows the original.
     */
    async markDuplicate(who: Who, id: string, originalNumber: string, now = new Date()): Promise<{ originalId: string }> {
      const actor = who.actor;
      if (!actor) throw errors.unauthenticated();
      if (!can(actor, 'complaints.coordinate')) throw errors.forbidden();
      const before = await load(db, id);
      if (!before || before.status === 'menunggu_konfirmasi') throw errors.notFound();
      const original = await db.selectFrom('complaints').select(['id', 'number', 'status', 'duplicate_of']).where('number', '=', originalNumber.trim().toUpperCase()).executeTakeFirst();
      if (!original || original.id === id || original.status === 'menunggu_konfirmasi') throw errors.validation([{ field: 'original', key: 'complaints.v.original' }]);
      // A duplicate of a duplicate follows the first original.
      const target = original.duplicate_of ? ((await db.selectFrom('complaints').select(['id', 'number']).where('id', '=', original.duplicate_of).executeTakeFirst()) ?? original) : original;
      if (before.duplicate_of || before.status === 'selesai' || before.status === 'diarsipkan') throw new AppError('complaint_state', 409, 'complaints.e.state');
      const to = await reporterOf(before);
      await db.transaction().execute(async (trx) => {
        const upd = await trx.updateTable('complaints').set({ status: 'diarsipkan', duplicate_of: target.id, updated_at: now }).where('id', '=', id).where('status', '=', before.status).where('duplicate_of', 'is', null).executeTakeFirst();
        if (Number(upd.numUpdatedRows) !== 1) throw new AppError('complaint_state', 409, 'complaints.e.state');
        const note = t(to.locale, 'complaints.duplicate.note', { number: target.number ?? '' });
        await event(trx, id, 'duplicate', 'diarsipkan', before.routed_agency_id, actor.userId, note, true, now);
        await announce(trx, id, 'duplicate', before, now);
        await recordAudit(ex(trx), who, { action: 'complaint.duplicate', entityType: 'complaint', entityId: id, agencyId: before.routed_agency_id, before: { status: before.status }, after: { status: 'diarsipkan', duplicate_of: target.id } });
        await tellReporter(trx, to, before.number ?? '', 'diarsipkan', note);
      });
      return { originalId: target.id };
    },

    /** Routing rules (data): service → agency and category → agency, for the coordinator. */
    async routingRules(actor: Actor | null): Promise<{ id: string; serviceId: string | null; category: string | null; agencyId: string }[]> {
      authorize(actor, 'complaints.coordinate');
      const rows = await db.selectFrom('complaint_routing_rules').select(['id', 'service_id', 'category', 'agency_id']).orderBy('created_at').execute();
      return rows.map((r) => ({ id: r.id, serviceId: r.service_id, category: r.category, agencyId: r.agency_id }));
    },

    /** Sets (or replaces) the rule of one service or one category; audited. */
    async setRoutingRule(who: Who, rule: { serviceId?: string | null; category?: string | null; agencyId: string }): Promise<void> {
      authorize(who.actor, 'complaints.coordinate');
      const serviceId = rule.serviceId || null;
      const category = rule.category || null;
      if ((serviceId === null) === (category === null)) throw errors.validation([{ field: 'category', key: 'complaints.v.rule' }]);
      if (category && !(complaintCategories as readonly string[]).includes(category)) throw errors.validation([{ field: 'category', key: 'complaints.v.category' }]);
      if (!(await deps.agencies()).some((a) => a.id === rule.agencyId)) throw errors.validation([{ field: 'agencyId', key: 'complaints.v.agency' }]);
      await db.transaction().execute(async (trx) => {
        let del = trx.deleteFrom('complaint_routing_rules');
        del = serviceId ? del.where('service_id', '=', serviceId) : del.where('category', '=', category);
        await del.execute();
        await trx.insertInto('complaint_routing_rules').values({ service_id: serviceId, category, agency_id: rule.agencyId, created_by: who.actor!.userId }).execute();
        await recordAudit(ex(trx), who, { action: 'complaint.routing_rule', entityType: 'complaint_routing_rule', entityId: serviceId ?? category!, agencyId: rule.agencyId, after: { service_id: serviceId, category, agency_id: rule.agencyId } });
      });
    },

    /** Deletes a routing rule (the next rule, or the agency the complaint is about, then applies); audited. */
    async deleteRoutingRule(who: Who, id: string): Promise<void> {
      authorize(who.actor, 'complaints.coordinate');
      if (!/^[0-9a-f-]{36}$/i.test(id)) throw errors.notFound();
      await db.transaction().execute(async (trx) => {
        const row = await trx.deleteFrom('complaint_routing_rules').where('id', '=', id).returning(['service_id', 'category', 'agency_id']).executeTakeFirst();
        if (!row) throw errors.notFound();
        await recordAudit(ex(trx), who, { action: 'complaint.routing_rule.delete', entityType: 'complaint_routing_rule', entityId: row.service_id ?? row.category!, agencyId: row.agency_id, before: { service_id: row.service_id, category: row.category, agency_id: row.agency_id } });
      });
    },

    /** Resolution tiers and the tier of each category (data: working days). */
    async deadlineRules(): Promise<{ tiers: { code: string; workingDays: number }[]; categories: { category: string; tier: string }[] }> {
      const tiers = await db.selectFrom('complaint_tiers').select(['code', 'working_days']).orderBy('position').execute();
      const categories = await db.selectFrom('complaint_category_tiers').select(['category', 'tier']).orderBy('category').execute();
      return { tiers: tiers.map((x) => ({ code: x.code, workingDays: x.working_days })), categories };
    },

    /** Changes a tier's working days or a category's tier; applies to complaints routed from then on. */
    async setDeadlineRule(who: Who, change: { tier: string; workingDays?: number; category?: string }): Promise<void> {
      authorize(who.actor, 'complaints.coordinate');
      const tier = await db.selectFrom('complaint_tiers').select('code').where('code', '=', change.tier).executeTakeFirst();
      if (!tier) throw errors.validation([{ field: 'tier', key: 'complaints.v.tier' }]);
      if (change.workingDays !== undefined && (!Number.isInteger(change.workingDays) || change.workingDays < 1 || change.workingDays > 365)) throw errors.validation([{ field: 'workingDays', key: 'complaints.v.working_days' }]);
      if (change.category !== undefined && !(complaintCategories as readonly string[]).includes(change.category)) throw errors.validation([{ field: 'category', key: 'complaints.v.category' }]);
      await db.transaction().execute(async (trx) => {
        if (change.workingDays !== undefined) await trx.updateTable('complaint_tiers').set({ working_days: change.workingDays }).where('code', '=', change.tier).execute();
        if (change.category) {
          await trx.insertInto('complaint_category_tiers').values({ category: change.category, tier: change.tier }).onConflict((oc) => oc.column('category').doUpdateSet({ tier: change.tier })).execute();
        }
        await recordAudit(ex(trx), who, { action: 'complaint.deadline_rule', entityType: 'complaint_tier', entityId: change.tier, after: { working_days: change.workingDays ?? null, category: change.category ?? null } });
      });
    },

    /** Takes a category out of its tier: it falls back to the default tier (biasa); audited. */
    async clearCategoryTier(who: Who, category: string): Promise<void> {
      authorize(who.actor, 'complaints.coordinate');
      await db.transaction().execute(async (trx) => {
        const row = await trx.deleteFrom('complaint_category_tiers').where('category', '=', category).returning(['tier']).executeTakeFirst();
        if (!row) throw errors.notFound();
        await recordAudit(ex(trx), who, { action: 'complaint.deadline_rule.delete', entityType: 'complaint_tier', entityId: row.tier, before: { category, tier: row.tier }, after: { category, tier: DEFAULT_TIER } });
      });
    },

    /**
     * The coordinator forwards a complaint to SP4N-LAPOR!: recorded at once and sent by a
     * retried job (the message is never lost when LAPOR! is down). Once per complaint.
     */
    async forwardToLapor(who: Who, id: string, now = new Date()): Promise<void> {
      authorize(who.actor, 'complaints.coordinate');
      const row = await load(db, id);
      if (!row || row.status === 'menunggu_konfirmasi') throw errors.notFound();
      await db.transaction().execute(async (trx) => {
        const ins = await trx.insertInto('complaint_lapor_links').values({ complaint_id: id, created_at: now, updated_at: now }).onConflict((oc) => oc.column('complaint_id').doNothing()).executeTakeFirst();
        if (Number(ins.numInsertedOrUpdatedRows ?? 0) !== 1) throw new AppError('complaint_state', 409, 'complaints.e.lapor_twice');
        await event(trx, id, 'lapor_queued', null, row.routed_agency_id, who.actor!.userId, null, false, now);
        await recordAudit(ex(trx), who, { action: 'complaint.lapor_forward', entityType: 'complaint', entityId: id, agencyId: row.routed_agency_id });
        await deps.jobs.enqueue(ex(trx), LAPOR_FORWARD_JOB, { complaintId: id }, { dedupeKey: `lapor:${id}`, maxAttempts: LAPOR_MAX_ATTEMPTS });
      });
    },

    /** One forwarding attempt (the job): throws on failure so the queue retries. */
    async sendToLapor(complaintId: string, now = new Date()): Promise<void> {
      const link = await db.selectFrom('complaint_lapor_links').selectAll().where('complaint_id', '=', complaintId).executeTakeFirst();
      if (!link || link.state === 'sent') return;
      const row = await load(db, complaintId);
      if (!row) return;
      const request = laporForwardRequest.parse({
        reference: row.number,
        kind: row.kind,
        category: row.category,
        // Only what the public may see: redacted, no reporter.
        title: redactPublicText(row.title),
        body: redactPublicText(row.body),
        status: laporStatusOf(row.status),
        agencyName: await agencyName(db, row.routed_agency_id ?? row.about_agency_id),
        location: { address: row.address ? redactPublicText(row.address) : null, latitude: row.latitude === null ? null : Number(row.latitude), longitude: row.longitude === null ? null : Number(row.longitude) },
        submittedAt: (row.submitted_at ?? row.created_at).toISOString(),
        callbackUrl: `${deps.config.baseUrl}${LAPOR_CALLBACK_URL}`,
      });
      try {
        const res = await lapor.forward(request);
        await db.transaction().execute(async (trx) => {
          await trx.updateTable('complaint_lapor_links').set({ state: 'sent', remote_id: res.trackingId, remote_status: res.status, attempts: link.attempts + 1, last_error: null, forwarded_at: now, updated_at: now }).where('complaint_id', '=', complaintId).execute();
          await event(trx, complaintId, 'lapor_sent', null, row.routed_agency_id, null, res.trackingId, false, now);
        });
      } catch (err) {
        const message = err instanceof Error ? err.message.slice(0, 300) : 'error';
        await db.updateTable('complaint_lapor_links').set({ attempts: link.attempts + 1, last_error: message, updated_at: now }).where('complaint_id', '=', complaintId).execute();
        throw err;
      }
    },

    /**
     * A status change from SP4N-LAPOR! (the callback, its signature already checked): recorded
     * on the link and in the staff timeline. Unknown tracking ids are refused (404).
     */
    async laporStatusChanged(input: LaporStatusCallback, now = new Date()): Promise<{ complaintNumber: string; duplicate: boolean }> {
      const link = await db
        .selectFrom('complaint_lapor_links as l')
        .innerJoin('complaints as c', 'c.id', 'l.complaint_id')
        .select(['l.complaint_id', 'l.remote_status', 'c.number', 'c.routed_agency_id'])
        .where('l.remote_id', '=', input.trackingId)
        .executeTakeFirst();
      if (!link || link.number !== input.reference) throw errors.notFound();
      if (link.remote_status === input.status) return { complaintNumber: link.number ?? '', duplicate: true };
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('complaint_lapor_links').set({ remote_status: input.status, updated_at: now }).where('complaint_id', '=', link.complaint_id).execute();
        await event(trx, link.complaint_id, 'lapor_status', null, link.routed_agency_id, null, [input.status, input.note].filter(Boolean).join(' — ').slice(0, NOTE_MAX), false, now);
        await recordAudit(ex(trx), { actor: null, label: 'SP4N-LAPOR!' }, { action: 'complaint.lapor_status', entityType: 'complaint', entityId: link.complaint_id, agencyId: link.routed_agency_id, after: { status: input.status } });
      });
      return { complaintNumber: link.number ?? '', duplicate: false };
    },

    registerJobs(jobs: JobQueue): void {
      jobs.register(OVERDUE_JOB, async () => {
        await this.flagOverdue();
      });
      jobs.schedule(OVERDUE_JOB, deps.config.slaEscalationEverySeconds);
      jobs.register(LAPOR_FORWARD_JOB, async (p) => {
        await this.sendToLapor(p.complaintId);
      });
    },
  };

  async function sendCode(trx: CExec, contact: string, code: string, locale: Locale) {
    const text = t(locale, 'complaints.code.text', { code, minutes: CONTACT_CODE_MINUTES });
    if (contact.includes('@')) await deps.mailer.send(ex(trx), { to: contact, subject: t(locale, 'complaints.code.subject'), text, secrets: [code] });
    else await deps.sendSms(ex(trx), { to: contact, text, userId: null });
  }
}

const complaintStatusesForFilter = ['diterima', 'ditunda', 'bukan_wewenang', 'diarsipkan', 'didisposisi', 'ditindaklanjuti', 'selesai'] as const;
