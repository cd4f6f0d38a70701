// Applications (P-3, P-4, P-1): drafts, submission with a tracking number, the applicant's own
// list and timeline, withdrawal, and public tracking. The application keeps the form version
// it started on. Attachments are judged by their bytes (sniff.ts) against the requirement's
// accepted types and size, stored through the Storage adapter, metadata here.
import { addressFromCode, areaLevels } from '../../platform/area/areas.ts';
import { sql } from 'kysely';
import type { Database, Executor } from '../../platform/db/database.ts';
import { isUniqueViolation, parseJson } from '../../platform/db/values.ts';
import type { ApplicationStatus } from '../../platform/db/schema.ts';
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { errors, type FieldError } from '../../platform/http/errors.ts';
import { describeType } from '../../platform/storage/sniff.ts';
import { newFileKey, type Storage } from '../../platform/storage/storage.ts';
import { isCompletePdfUpload, sniffUpload, type UploadedFile } from '../../platform/storage/upload-file.ts';
import type { Catalog, PublishedService } from '../catalog/index.ts';
import type { FormDefinition, FormField } from '../catalog/index.ts';
import { maskNik, openPerson } from '../identity/index.ts';
import { fieldsOf, toRenderValues, validateFormData, type RawValues } from './applications.validate.ts';
import type { FormData } from './applications.validate.ts';
import type { Workflow } from '../workflow/index.ts';
import { closeStep, createCalendarCache, openStep, slaCalendar, stepDeadline, type StepDeadline } from './processing.engine.ts';
import type { SopStep } from '../workflow/index.ts';
import type { Correction } from './processing.service.ts';
import type { EventRecorder } from '../../platform/events/events.ts';
import type { ApplicationEvents } from './applications.events.ts';
import { applicationHolds } from './payment-hold.ts';
import { applicationRepository } from './applications.repository.ts';

const MB = 1024 * 1024;
const fileExt: Record<string, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' };

export interface Prefill {
  name?: string;
  nik?: string;
  email?: string;
  phone?: string;
  address?: string;
  business_name?: string;
  nib?: string;
  npwp?: string;
  /** The person's address by official area code (village) and street line, when his account holds one. */
  addressArea?: string;
  addressStreet?: string;
}

export interface ApplicationRow {
  id: string;
  trackingNumber: string | null;
  serviceId: string;
  serviceSlug: string;
  serviceName: string;
  serviceVersion: number;
  agencyId: string;
  agencyName: string;
  applicantId: string;
  applicantName: string;
  applicantNikMasked: string | null;
  channel: 'online' | 'counter';
  filedBy: string | null;
  status: ApplicationStatus;
  formData: Record<string, unknown>;
  submittedAt: Date | null;
  withdrawnAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  assigneeId: string | null;
  dueAt: Date | null;
  decidedAt: Date | null;
  decisionNote: string | null;
  /** What to fix, while the application is sent back. */
  correction: Correction | null;
  /** Renewal (P-8): the number of the issued document this application renews. */
  renewsDocumentNumber: string | null;
  /** The latest fee bill (payments, P-7), shown on the application page. */
  bill: ApplicationBill | null;
}

/** The latest bill of an application as the application page shows it (payments, P-7). */
export interface ApplicationBill {
  paymentCode: string;
  status: 'unpaid' | 'partially_paid' | 'paid' | 'expired' | 'cancelled';
  outstanding: number;
  amount: number;
  dueAt: Date;
}

export interface AttachmentRow {
  fieldKey: string;
  requirementKey: string | null;
  originalName: string;
  contentType: string;
  size: number;
  sha256: string;
}

export interface EventRow {
  kind: string;
  note: string;
  at: Date;
}

export interface SaveInput {
  service: PublishedService;
  applicantId: string;
  values: RawValues;
  files: Record<string, UploadedFile>;
  submit: boolean;
  idempotencyKey?: string | null;
  channel?: 'online' | 'counter';
  filedBy?: string | null;
  who: { actor: Actor | null; meta?: RequestMeta | null };
  /** The submission instant (tests inject the clock). */
  now?: Date;
}

export interface SaveResult {
  id: string;
  trackingNumber: string | null;
  status: ApplicationStatus;
  /** The same idempotency key had already submitted this application. */
  replayed: boolean;
}

/** Year in the region's time zone (a submission at 00:30 WITA on 1 January belongs to the new year). */
function yearIn(timeZone: string, at: Date): number {
  try {
    return Number(new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' }).format(at));
  } catch {
    return at.getUTCFullYear();
  }
}

export function formatTrackingNumber(year: number, shortName: string, n: number): string {
  const agency = shortName.toUpperCase().replace(/[^A-Z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'X';
  return `${year}-${agency}-${String(n).padStart(6, '0')}`;
}

/** A service without a fee (nothing to bill: payments skips its reads). */
const isFree = (service: PublishedService): boolean => !service.content.fee || service.content.fee.kind === 'free';

/**
 * The prefilled values in the form's own field keys: only what the account really holds. A
 * field missing here is typed on the form (P-4). No account holds an address by region codes
 * (province … village), so an address field is always typed.
 */
export function prefillValues(form: FormDefinition, prefill: Prefill): Record<string, string> {
  // (address fields: see addressDefaults)
  const out: Record<string, string> = {};
  for (const f of fieldsOf(form).values()) {
    if (!f.prefill || f.type === 'address') continue;
    const v = prefill[f.prefill];
    if (v) out[f.key] = v;
  }
  return out;
}

/**
 * Starting values of the address fields that take the account's address (`prefill: 'address'`)
 * when the account holds one by area code (P-4): the codes down to the level the field asks
 * and the street line, still editable (an application may be about another place).
 */
export function addressDefaults(form: FormDefinition, prefill: Prefill): Record<string, string> {
  const out: Record<string, string> = {};
  if (!prefill.addressArea) return out;
  const a = addressFromCode(prefill.addressArea, prefill.addressStreet);
  for (const f of fieldsOf(form).values()) {
    if (f.type !== 'address' || f.prefill !== 'address') continue;
    const deepest = areaLevels.indexOf(f.addressLevel ?? 'village');
    for (const level of areaLevels.slice(0, deepest + 1)) if (a[level]) out[`${f.key}.${level}`] = a[level]!;
    if (a.street) out[`${f.key}.street`] = a.street;
  }
  return out;
}

/** The address field that takes the account's address (`prefill: 'address'`), if the form has one. */
export function accountAddressField(form: FormDefinition): FormField | undefined {
  return [...fieldsOf(form).values()].find((f) => f.type === 'address' && f.prefill === 'address' && (f.addressLevel ?? 'village') === 'village');
}

/** What the applicant's account holds for prefill fields (P-4); a missing key is typed on the form. */
export async function accountPrefill(q: Executor, userId: string): Promise<Prefill> {
  const u = await q.selectFrom('users').select(['name', 'nik', 'email', 'phone', 'kind', 'address', 'address_area']).where('id', '=', userId).executeTakeFirst().then((r) => r && openPerson(r));
  if (!u) return {};
  const p: Prefill = { name: u.name };
  if (u.address_area) {
    p.addressArea = u.address_area;
    if (u.address) p.addressStreet = u.address;
  }
  if (u.nik) p.nik = u.nik;
  if (u.email) p.email = u.email;
  if (u.phone) p.phone = u.phone.startsWith('+62') ? `0${u.phone.slice(3)}` : u.phone;
  if (u.kind === 'business') {
    const b = await q.selectFrom('businesses').select(['name', 'nib', 'npwp', 'address']).where('account_id', '=', userId).executeTakeFirst();
    if (b) {
      p.business_name = b.name;
      p.nib = b.nib;
      p.npwp = b.npwp;
      if (b.address) p.address = b.address;
    }
  }
  return p;
}

/**
 * The form as the counter officer files it (P-1): e-mail is never required, since walk-in
 * persons are registered without one. Everything else the walk-in record lacks is typed.
 */
export function counterForm(form: FormDefinition): FormDefinition {
  return { ...form, sections: form.sections.map((s) => ({ ...s, fields: s.fields.map((f) => (f.type === 'email' || f.prefill === 'email' ? { ...f, required: false } : f)) })) };
}

export type Applications = ReturnType<typeof createApplications>;

function toBill(v: unknown): ApplicationBill | null {
  const b = parseJson<Record<string, unknown> | null>(v);
  if (!b || typeof b.code !== 'string') return null;
  const amount = Number(b.amount);
  return { paymentCode: b.code, status: b.status as ApplicationBill['status'], amount, outstanding: Math.max(0, amount - Number(b.paid)), dueAt: new Date(String(b.due)) };
}

export function createApplications(deps: {
  database: Database;
  storage: Storage;
  catalog: Catalog;
  workflow: Workflow;
  region: () => Promise<{ timeZone: string }>;
  /** Share of a step's working time after which it is 'nearing' (percent). */
  nearingPercent: number;
  /** Records application.submitted, step.opened, application.resubmitted in the change's transaction. */
  events: EventRecorder<ApplicationEvents>;
}) {
  const db = deps.database.db;
  const { storage } = deps;
  /** The region's working calendar, cached (processing.engine.ts). */
  const calendar = createCalendarCache();

  const baseQuery = (q: Executor) =>
    q
      .selectFrom('applications as a')
      .innerJoin('services as s', 's.id', 'a.service_id')
      .innerJoin('service_versions as v', (j) => j.onRef('v.service_id', '=', 'a.service_id').onRef('v.version', '=', 'a.service_version'))
      .innerJoin('agencies as g', 'g.id', 'a.agency_id')
      .innerJoin('users as u', 'u.id', 'a.applicant_id')
      .select([
        'a.id',
        'a.tracking_number',
        'a.service_id',
        's.slug as service_slug',
        sql<string>`v.content->>'name'`.as('service_name'),
        'a.service_version',
        'a.agency_id',
        'g.name as agency_name',
        'a.applicant_id',
        'u.name as applicant_name',
        'u.nik as applicant_nik',
        'u.phone as applicant_phone',
        'a.channel',
        'a.filed_by',
        'a.status',
        'a.form_data',
        'a.submitted_at',
        'a.withdrawn_at',
        'a.created_at',
        'a.updated_at',
        'a.assignee_id',
        'a.due_at',
        'a.decided_at',
        'a.decision_note',
        'a.correction',
        // Renewal of an issued document (P-8): the number of the document this application renews.
        (eb) => eb.selectFrom('document_renewals as rn').innerJoin('issued_documents as od', 'od.id', 'rn.document_id').select('od.number').whereRef('rn.application_id', '=', 'a.id').limit(1).as('renews_document_number'),
        // payments (P-7): the latest bill, read-only, for the application page.
        sql<unknown>`(select json_build_object('code', b.payment_code, 'status', b.status, 'amount', b.amount, 'paid', b.paid_amount, 'due', b.due_at) from bills b where b.application_id = a.id order by b.issued_at desc, b.id desc limit 1)`.as('bill'),
      ]);
  type Raw = NonNullable<Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirst']>>>;
  const toRow = (r: Raw): ApplicationRow => ({
    id: r.id,
    trackingNumber: r.tracking_number,
    serviceId: r.service_id,
    serviceSlug: r.service_slug,
    serviceName: r.service_name,
    serviceVersion: r.service_version,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    applicantId: r.applicant_id,
    applicantName: r.applicant_name,
    applicantNikMasked: r.applicant_nik ? maskNik(openPerson({ nik: r.applicant_nik }).nik!) : null,
    channel: r.channel,
    filedBy: r.filed_by,
    status: r.status,
    formData: parseJson<Record<string, unknown>>(r.form_data) ?? {},
    submittedAt: r.submitted_at,
    withdrawnAt: r.withdrawn_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    assigneeId: r.assignee_id,
    dueAt: r.due_at,
    decidedAt: r.decided_at,
    decisionNote: r.decision_note,
    correction: r.status === 'sent_back' && r.correction ? parseJson<Correction>(r.correction) : null,
    renewsDocumentNumber: r.renews_document_number ?? null,
    bill: toBill(r.bill),
  });

  /** Checks one upload against its requirement; returns the error or the sniffed type. */
  function judgeFile(field: string, file: UploadedFile, req: { fileTypes: string[]; maxSizeMb: number } | undefined): FieldError | { type: string } {
    const accepted = req?.fileTypes.length ? req.fileTypes : ['application/pdf'];
    const maxMb = req?.maxSizeMb ?? 2;
    const names = accepted.map((x) => describeType(x as 'application/pdf')).join('/');
    if (file.tooLarge || file.size > maxMb * MB) return { field, key: 'applications.v.file_size', params: { size: maxMb } };
    if (file.size === 0) return { field, key: 'applications.v.file_empty' };
    const type = sniffUpload(file);
    if (!type || !accepted.includes(type) || (type === 'application/pdf' && !isCompletePdfUpload(file))) {
      return { field, key: 'applications.v.file_type', params: { got: describeType(type), types: names } };
    }
    return { type };
  }

  type StoredFile = { field: string; requirementKey: string | null; key: string; name: string; type: string; size: number; sha256: string };

  /** Judges each upload bound to a file field of the form and stores the good ones. */
  async function storeUploads(service: PublishedService, files: Record<string, UploadedFile>, only?: Set<string>): Promise<{ fileErrors: FieldError[]; stored: StoredFile[] }> {
    const byKey = fieldsOf(service.form);
    const fileErrors: FieldError[] = [];
    const stored: StoredFile[] = [];
    for (const [field, file] of Object.entries(files)) {
      const f = byKey.get(field);
      if (!f || f.type !== 'file' || (only && !only.has(field))) continue;
      const req = service.content.requirements.find((r) => r.key === f.requirementKey);
      const verdict = judgeFile(field, file, req);
      if ('key' in verdict) {
        fileErrors.push(verdict);
        continue;
      }
      const storageKey = newFileKey('applications', fileExt[verdict.type] ?? 'bin');
      const put = await storage.put(storageKey, file.open(), verdict.type);
      stored.push({ field, requirementKey: f.requirementKey ?? null, key: storageKey, name: file.filename || `${field}.${fileExt[verdict.type]}`, type: verdict.type, size: put.size, sha256: put.sha256 });
    }
    return { fileErrors, stored };
  }

  async function attachStored(trx: Executor, applicationId: string, stored: StoredFile[]): Promise<void> {
    for (const s of stored) {
      await trx.deleteFrom('application_attachments').where('application_id', '=', applicationId).where('field_key', '=', s.field).execute();
      await trx
        .insertInto('application_attachments')
        .values({ application_id: applicationId, requirement_key: s.requirementKey, field_key: s.field, storage_key: s.key, original_name: s.name, content_type: s.type, size: s.size, sha256: s.sha256 })
        .execute();
    }
  }

  const prefillFor = accountPrefill;

  async function byIdempotencyKey(q: Executor, key: string, applicantId: string): Promise<SaveResult | null> {
    const row = await applicationRepository.byIdempotencyKey(q, key);
    if (!row) return null;
    // A key reused by someone else is not theirs to see.
    if (row.applicant_id !== applicantId) throw errors.conflict('applications.idempotency_conflict');
    return { id: row.id, trackingNumber: row.tracking_number, status: row.status, replayed: true };
  }

  /**
   * The agency's next tracking number of the year: one upsert with RETURNING, in a statement
   * of its own before the submission's transaction, so the counter row is locked only while
   * that statement runs and submissions to one agency do not queue on it for a whole
   * transaction. Numbers stay unique and increasing; a submission whose transaction fails
   * afterwards (rare: a concurrent replay of its idempotency key) leaves its number unused.
   */
  async function takeTrackingNumber(q: Executor, agencyId: string, shortName: string, year: number): Promise<string> {
    const row = await q
      .insertInto('tracking_counters')
      .values({ agency_id: agencyId, year, last: 1 })
      .onConflict((oc) => oc.columns(['agency_id', 'year']).doUpdateSet({ last: sql`tracking_counters.last + 1` }))
      .returning('last')
      .executeTakeFirstOrThrow();
    return formatTrackingNumber(year, shortName, row.last);
  }

  /**
   * Files a submission in one statement, with its final values: inserts the application (or
   * turns the draft into it) with its tracking number, opens its first step and writes the
   * timeline ('created' for a new application, then 'submitted').
   */
  async function fileSubmission(
    trx: Executor,
    f: {
      draftId: string | null;
      service: PublishedService;
      applicantId: string;
      channel: 'online' | 'counter';
      filedBy: string | null;
      formData: FormData;
      key: string | null;
      sopId: string;
      step: SopStep;
      deadline: StepDeadline;
      dueAt: Date | null;
      now: Date;
      trackingNumber: string;
      actorId: string | null;
      note: string;
    },
  ): Promise<{ id: string; trackingNumber: string }> {
    const agencyId = f.service.agency.id;
    const formData = JSON.stringify(f.formData);
    const tracking = sql<string>`${f.trackingNumber}::text`;
    const application = f.draftId
      ? sql`UPDATE applications SET status = 'submitted', tracking_number = ${tracking}, form_data = ${formData}::jsonb, idempotency_key = ${f.key}::text,
            submitted_at = ${f.now}::timestamptz, updated_at = ${f.now}::timestamptz, channel = ${f.channel}::text, filed_by = ${f.filedBy}::uuid, sop_id = ${f.sopId}::uuid, due_at = ${f.dueAt}::timestamptz,
            step_seq = 1, current_step = ${f.step.key}::text, step_role = ${f.step.role}::text, assignee_id = NULL, step_started_at = ${f.now}::timestamptz,
            step_due_at = ${f.deadline.dueAt}::timestamptz, step_nearing_at = ${f.deadline.nearingAt}::timestamptz
          WHERE applications.id = ${f.draftId}::uuid RETURNING applications.id, applications.tracking_number`
      : sql`INSERT INTO applications (service_id, service_version, agency_id, applicant_id, channel, filed_by, status, tracking_number, form_data, idempotency_key,
            submitted_at, updated_at, sop_id, due_at, step_seq, current_step, step_role, step_started_at, step_due_at, step_nearing_at)
          SELECT ${f.service.id}::uuid, ${f.service.version}::int, ${agencyId}::uuid, ${f.applicantId}::uuid, ${f.channel}::text, ${f.filedBy}::uuid, 'submitted', ${tracking}, ${formData}::jsonb, ${f.key}::text,
            ${f.now}::timestamptz, ${f.now}::timestamptz, ${f.sopId}::uuid, ${f.dueAt}::timestamptz, 1, ${f.step.key}::text, ${f.step.role}::text, ${f.now}::timestamptz, ${f.deadline.dueAt}::timestamptz, ${f.deadline.nearingAt}::timestamptz
          RETURNING id, tracking_number`;
    // The timeline is ordered by `at`: 'submitted' a microsecond after 'created' (one clock reading).
    const kinds = f.draftId ? sql`(VALUES (1, 'submitted', ${f.note}::text))` : sql`(VALUES (1, 'created', ''), (2, 'submitted', ${f.note}::text))`;
    const r = await sql<{ id: string; tracking_number: string }>`
      WITH a AS (${application}),
      s AS (
        INSERT INTO application_steps (application_id, seq, step_key, step_name, role, agency_id, started_at, due_at, allowed_ms)
        SELECT a.id, 1, ${f.step.key}::text, ${f.step.name}::text, ${f.step.role}::text, ${agencyId}::uuid, ${f.now}::timestamptz, ${f.deadline.dueAt}::timestamptz, ${f.deadline.allowedMs}::bigint FROM a
      ), e AS (
        INSERT INTO application_events (application_id, kind, actor_id, note, at)
        SELECT a.id, k.kind, ${f.actorId}::uuid, k.note, clock_timestamp() + (k.ord - 1) * interval '1 microsecond' FROM a, ${kinds} AS k(ord, kind, note)
      )
      SELECT id, tracking_number FROM a`.execute(trx);
    const row = r.rows[0];
    if (!row) throw new Error('submission: the application was not written');
    return { id: row.id, trackingNumber: row.tracking_number };
  }

  async function latestDraft(q: Executor, applicantId: string, serviceId: string) {
    return applicationRepository.latestDraft(q, applicantId, serviceId);
  }

  return {
    prefillFor: (userId: string) => prefillFor(db, userId),

    /** The applicant's open draft for a service, with its attachments (to resume). */
    async draftFor(applicantId: string, serviceId: string) {
      const d = await latestDraft(db, applicantId, serviceId);
      if (!d) return null;
      const attachments = await this.attachments(d.id);
      return { id: d.id, version: d.service_version, values: parseJson<RawValues>(d.form_data) ?? {}, attachments };
    },

    /**
     * Saves a draft or submits. Uploads are judged and stored first (storage is not
     * transactional; a refused submission keeps them on the draft). Submitting validates
     * against the application's form version, allocates the tracking number and writes the
     * timeline in one transaction. Throws a 422 with the field errors after saving the draft.
     */
    async save(input: SaveInput): Promise<SaveResult> {
      const applicantId = input.applicantId;
      const key = input.idempotencyKey?.trim().slice(0, 100) || null;
      // A counter filing never touches the applicant's own online draft.
      const counter = input.channel === 'counter';
      // One read: the application this key already made (a replay), else the open draft.
      let existing: { id: string; service_version: number } | undefined;
      if (key && input.submit) {
        const hit = counter ? await applicationRepository.byIdempotencyKey(db, key).then((r) => r && { ...r, by_key: true, service_version: 0 }) : await applicationRepository.submissionLookup(db, key, applicantId, input.service.id);
        if (hit && hit.by_key) {
          // A key reused by someone else is not theirs to see.
          if (hit.applicant_id !== applicantId) throw errors.conflict('applications.idempotency_conflict');
          return { id: hit.id, trackingNumber: hit.tracking_number, status: hit.status, replayed: true };
        }
        if (hit && !counter) existing = hit;
      } else if (!counter) {
        existing = await latestDraft(db, applicantId, input.service.id);
      }
      // The draft keeps the form version it started on.
      const service = existing && existing.service_version !== input.service.version ? ((await deps.catalog.getPublished(input.service.slug, existing.service_version)) ?? input.service) : input.service;
      const form = counter ? counterForm(service.form) : service.form;

      // Prefilled fields come from the account, never from the request (P-4).
      const prefill = prefillValues(form, await prefillFor(db, applicantId));
      const values: RawValues = {};
      for (const [k, v] of Object.entries(input.values)) {
        if (k === '_csrf') continue;
        if (typeof v === 'string') values[k] = v;
        else if (Array.isArray(v)) values[k] = v.filter((x): x is string => typeof x === 'string');
      }
      Object.assign(values, prefill);

      const { fileErrors, stored } = await storeUploads(service, input.files);

      const existingFiles = existing ? await db.selectFrom('application_attachments').select('field_key').where('application_id', '=', existing.id).execute() : [];
      const attached = new Set([...existingFiles.map((r) => r.field_key), ...stored.map((s) => s.field)]);
      const result = validateFormData(form, values, { attachedFiles: attached, requireComplete: input.submit });
      const fieldErrors = [...fileErrors, ...result.errors.filter((e) => !fileErrors.some((fe) => fe.field === e.field))];
      // The application runs on the SOP approved now, to the end (P-6). Without one the
      // agency cannot process it yet: the draft is kept and the applicant told.
      // The region (time zone) is cached; read before the transaction (on PGlite a query outside
      // it would wait for it to end).
      const { timeZone } = input.submit ? await deps.region() : { timeZone: 'Asia/Jakarta' };
      const sop = input.submit ? await deps.workflow.currentSop(db, service.id, timeZone) : null;
      const noSop = input.submit && fieldErrors.length === 0 && !sop?.definition.steps.length;
      const submitting = input.submit && fieldErrors.length === 0 && !noSop;
      if (counter && (fieldErrors.length || !input.submit || noSop)) {
        // Nothing is kept at the counter: the officer fills the form again with the person.
        for (const st of stored) await storage.delete(st.key);
        if (fieldErrors.length) throw errors.validation(fieldErrors);
        if (noSop) throw errors.conflict('applications.no_sop');
        throw errors.badRequest();
      }

      const now = input.now ?? new Date();
      const actorId = input.who.actor?.userId ?? null;
      const cal = submitting ? await calendar(db) : null;
      const trackingNumber = submitting ? await takeTrackingNumber(db, service.agency.id, service.agency.shortName, yearIn(timeZone, now)) : null;
      let saved: SaveResult;
      try {
        saved = await db.transaction().execute(async (trx) => {
          let id = existing?.id;
          if (id) {
            const locked = await trx.selectFrom('applications').select(['status', 'idempotency_key', 'tracking_number']).where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
            if (locked.status !== 'draft') {
              if (key && locked.idempotency_key === key) return { id, trackingNumber: locked.tracking_number, status: locked.status, replayed: true };
              id = undefined; // submitted meanwhile by another request: start a new one
            }
          }
          if (!submitting) {
            // A draft keeps what was typed (without the prefilled values, which come from the account).
            const draftValues: RawValues = {};
            for (const [k, v] of Object.entries(values)) if (!(k in prefill)) draftValues[k] = v;
            if (id) {
              await trx.updateTable('applications').set({ form_data: JSON.stringify(draftValues), updated_at: now }).where('id', '=', id).execute();
            } else {
              const row = await trx
                .insertInto('applications')
                .values({ service_id: service.id, service_version: service.version, agency_id: service.agency.id, applicant_id: applicantId, channel: input.channel ?? 'online', filed_by: input.filedBy ?? null, form_data: JSON.stringify(draftValues), updated_at: now })
                .returning('id')
                .executeTakeFirstOrThrow();
              id = row.id;
              await trx.insertInto('application_events').values({ application_id: id, kind: 'created', actor_id: actorId, at: sql`clock_timestamp()` }).execute();
            }
            await attachStored(trx, id, stored);
            return { id, trackingNumber: null, status: 'draft' as const, replayed: false };
          }
          const first = sop!.definition.steps[0]!;
          const days = service.content.completionDays;
          const filed = await fileSubmission(trx, {
            draftId: id ?? null,
            service,
            applicantId,
            channel: input.channel ?? 'online',
            filedBy: input.filedBy ?? null,
            formData: result.data,
            key,
            sopId: sop!.id,
            step: first,
            deadline: stepDeadline(cal!, first, now, deps.nearingPercent),
            dueAt: days ? cal!.addWorkingDays(now, days) : null,
            now,
            trackingNumber: trackingNumber!,
            actorId,
            note: input.channel === 'counter' ? 'counter' : '',
          });
          id = filed.id;
          const tracking = filed.trackingNumber;
          await attachStored(trx, id, stored);
          await recordAudit(trx, input.who, { action: 'application.submit', entityType: 'application', entityId: id, after: { tracking_number: tracking, service: service.slug, version: service.version, channel: input.channel ?? 'online', sop_version: sop!.version } });
          await deps.events.record(trx, 'application.submitted', { applicationId: id });
          // payments (P-7) bills now when the first step bills, or the SOP has no billing step.
          await deps.events.record(trx, 'step.opened', { applicationId: id, seq: 1, stepKey: first.key, billing: first.billing === true, sopBills: sop!.definition.steps.some((st) => st.billing === true), at: now, free: isFree(service) });
          return { id, trackingNumber: tracking, status: 'submitted' as const, replayed: false };
        });
      } catch (err) {
        if (key && isUniqueViolation(err)) {
          const done = await byIdempotencyKey(db, key, applicantId);
          if (done) return done;
        }
        throw err;
      }
      if (fieldErrors.length) throw errors.validation(fieldErrors);
      if (noSop) throw errors.conflict('applications.no_sop');
      return saved;
    },

    // ---- Renewal of an issued document (P-8; called by documents/renewal.service.ts) ----------
    /**
     * Opens a draft of `service` (its current published form version) for the applicant in the
     * caller's transaction, pre-filled with an earlier application's stored form data: only
     * fields that still exist in the form, never files (the applicant uploads current ones),
     * never the fields prefilled from the account (they come from the account as usual).
     */
    async createPrefilledDraft(
      trx: Executor,
      input: { service: PublishedService; applicantId: string; previous: unknown; who: { actor: Actor | null; meta?: RequestMeta | null }; now?: Date },
    ): Promise<string> {
      const now = input.now ?? new Date();
      const byKey = fieldsOf(input.service.form);
      const fromAccount = prefillValues(input.service.form, await prefillFor(trx, input.applicantId));
      const values: RawValues = {};
      for (const [k, v] of Object.entries(toRenderValues(parseJson<FormData>(input.previous) ?? {}))) {
        const f = byKey.get(k) ?? byKey.get(k.split('.')[0]!);
        if (!f || f.type === 'file' || k in fromAccount || f.key in fromAccount) continue;
        values[k] = v;
      }
      const row = await trx
        .insertInto('applications')
        .values({
          service_id: input.service.id,
          service_version: input.service.version,
          agency_id: input.service.agency.id,
          applicant_id: input.applicantId,
          channel: 'online',
          filed_by: null,
          form_data: JSON.stringify(values),
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.insertInto('application_events').values({ application_id: row.id, kind: 'created', actor_id: input.who.actor?.userId ?? null, at: sql`clock_timestamp()` }).execute();
      await recordAudit(trx, input.who, { action: 'application.draft_prefilled', entityType: 'application', entityId: row.id, agencyId: input.service.agency.id, after: { service: input.service.slug, version: input.service.version, fields: Object.keys(values) } });
      return row.id;
    },

    async getByTracking(tracking: string): Promise<ApplicationRow | null> {
      const r = await baseQuery(db).where('a.tracking_number', '=', tracking.trim().toUpperCase()).executeTakeFirst();
      return r ? toRow(r) : null;
    },

    /** The applicant's own application; 404 for anyone else. */
    async getOwn(actor: Actor | null, tracking: string): Promise<ApplicationRow> {
      if (!actor) throw errors.unauthenticated();
      const row = await this.getByTracking(tracking);
      if (!row || row.applicantId !== actor.userId) throw errors.notFound();
      return row;
    },

    async listOwn(applicantId: string): Promise<ApplicationRow[]> {
      const rows = await baseQuery(db).where('a.applicant_id', '=', applicantId).where('a.status', '!=', 'draft').orderBy('a.created_at', 'desc').limit(200).execute();
      const drafts = await baseQuery(db).where('a.applicant_id', '=', applicantId).where('a.status', '=', 'draft').orderBy('a.updated_at', 'desc').limit(50).execute();
      return [...drafts, ...rows].map(toRow);
    },

    async attachments(applicationId: string): Promise<AttachmentRow[]> {
      const rows = await db.selectFrom('application_attachments').selectAll().where('application_id', '=', applicationId).orderBy('created_at').execute();
      return rows.map((r) => ({ fieldKey: r.field_key, requirementKey: r.requirement_key, originalName: r.original_name, contentType: r.content_type, size: r.size, sha256: r.sha256 }));
    },

    /**
     * The timeline. Applicants (and public tracking) see what happened to their application,
     * not the office's internal moves (assignment, release, escalation) nor officers' notes
     * on them; staff pass `internal: true`.
     */
    async events(applicationId: string, opts: { internal?: boolean } = {}): Promise<EventRow[]> {
      return applicationRepository.timeline(db, applicationId, !!opts.internal);
    },

    /**
     * The applicant answers a send-back: only the named fields (and files) change, the whole
     * form is validated again on its version, and the application returns to the step that
     * sent it back, to the same officer, with a new deadline. The overall deadline is moved by
     * the time the application spent with the applicant. A 422 keeps nothing new (the page
     * shows the typed values again); a second resubmission answers 409.
     */
    async resubmit(who: { actor: Actor; meta?: RequestMeta | null }, tracking: string, input: { values: RawValues; files: Record<string, UploadedFile> }, now = new Date()): Promise<void> {
      const row = await this.getOwn(who.actor, tracking);
      const raw = await db.selectFrom('applications').select(['sop_id', 'step_seq']).where('id', '=', row.id).executeTakeFirstOrThrow();
      const correction = row.correction;
      if (!correction) throw errors.conflict('applications.correction.not_open');
      const service = await deps.catalog.getPublishedById(row.serviceId, row.serviceVersion);
      if (!service) throw errors.notFound();
      const allowed = new Set(correction.fields);
      // Prefill fields the account holds come from the account; the others were typed and may be sent back.
      const held = prefillValues(service.form, await prefillFor(db, row.applicantId));
      // Start from what was filed; take from the request only the fields named in the send-back.
      const values: RawValues = toRenderValues(row.formData);
      for (const [k, v] of Object.entries(input.values)) {
        const base = k.split('.')[0]!;
        if (!allowed.has(base) || base in held) continue;
        if (typeof v === 'string') values[k] = v;
        else if (Array.isArray(v)) values[k] = v.filter((x): x is string => typeof x === 'string');
      }
      const { fileErrors, stored } = await storeUploads(service, input.files, allowed);
      const existingFiles = await db.selectFrom('application_attachments').select('field_key').where('application_id', '=', row.id).execute();
      const attached = new Set([...existingFiles.map((r) => r.field_key), ...stored.map((s) => s.field)]);
      const result = validateFormData(service.form, values, { attachedFiles: attached, requireComplete: true });
      const fieldErrors = [...fileErrors, ...result.errors.filter((e) => !fileErrors.some((fe) => fe.field === e.field))];
      if (fieldErrors.length) {
        for (const st of stored) await storage.delete(st.key);
        throw errors.validation(fieldErrors);
      }
      const sop = raw.sop_id ? await deps.workflow.sopById(db, raw.sop_id) : null;
      const step = sop?.definition.steps.find((st) => st.key === correction.step);
      if (!step) throw errors.conflict('applications.correction.not_open');
      await db.transaction().execute(async (trx) => {
        const locked = await trx.selectFrom('applications').select(['status', 'step_seq']).where('id', '=', row.id).forUpdate().executeTakeFirstOrThrow();
        if (locked.status !== 'sent_back' || locked.step_seq !== raw.step_seq) throw errors.conflict('applications.correction.not_open');
        await attachStored(trx, row.id, stored);
        const cal = await slaCalendar(trx);
        const remaining = correction.remainingMs;
        const dueAt = remaining === null ? null : remaining > 0 ? cal.addWorkingMillis(now, remaining) : now;
        await trx.updateTable('applications').set({ form_data: JSON.stringify(result.data), correction: null, due_at: dueAt, updated_at: now }).where('id', '=', row.id).execute();
        await openStep(trx, cal, { id: row.id, agencyId: row.agencyId }, step, locked.step_seq + 1, now, deps.nearingPercent, { assigneeId: correction.assigneeId });
        await trx.insertInto('application_events').values({ application_id: row.id, kind: 'resubmitted', actor_id: who.actor.userId, note: correction.fields.join(', '), at: sql`clock_timestamp()` }).execute();
        await recordAudit(trx, who, { action: 'application.resubmit', entityType: 'application', entityId: row.id, after: { fields: correction.fields, step: step.key } });
        await deps.events.record(trx, 'application.resubmitted', { applicationId: row.id });
      });
    },

    /** Withdraws the applicant's own application while processing has not started. */
    async withdraw(who: { actor: Actor; meta?: RequestMeta | null }, tracking: string): Promise<void> {
      const row = await this.getOwn(who.actor, tracking);
      await db.transaction().execute(async (trx) => {
        const now = new Date();
        const res = await trx.updateTable('applications').set({ status: 'withdrawn', withdrawn_at: now, updated_at: now }).where('id', '=', row.id).where('status', '=', 'submitted').where('assignee_id', 'is', null).executeTakeFirst();
        if (Number(res.numUpdatedRows ?? 0) !== 1) throw errors.conflict('applications.withdraw.not_allowed');
        await closeStep(trx, await slaCalendar(trx), row.id, now, { outcome: 'withdrawn', by: who.actor.userId });
        await trx.updateTable('applications').set({ step_role: null, assignee_id: null, step_due_at: null, step_nearing_at: null }).where('id', '=', row.id).execute();
        await trx.insertInto('application_events').values({ application_id: row.id, kind: 'withdrawn', actor_id: who.actor.userId, at: sql`clock_timestamp()` }).execute();
        await recordAudit(trx, who, { action: 'application.withdraw', entityType: 'application', entityId: row.id, before: { status: 'submitted' }, after: { status: 'withdrawn' } });
        await deps.events.record(trx, 'application.withdrawn', { applicationId: row.id });
      });
    },

    /**
     * Public tracking: the number and the last 4 digits of the applicant's phone or NIK.
     * Any wrong combination answers null (no enumeration).
     */
    async track(number: string, last4: string): Promise<{ row: ApplicationRow; events: EventRow[] } | null> {
      const digits = last4.replace(/\D/g, '');
      if (digits.length !== 4 || !number.trim()) return null;
      const r = await baseQuery(db).where('a.tracking_number', '=', number.trim().toUpperCase().slice(0, 60)).where('a.status', '!=', 'draft').executeTakeFirst();
      if (!r) return null;
      const applicant = openPerson({ nik: r.applicant_nik, phone: r.applicant_phone });
      const ok = (applicant.phone && applicant.phone.endsWith(digits)) || (applicant.nik && applicant.nik.endsWith(digits));
      if (!ok) return null;
      const row = toRow(r);
      return { row, events: await this.events(row.id) };
    },
  };
}
