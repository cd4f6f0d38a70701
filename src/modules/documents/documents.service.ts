// Issued documents (issue 5 item 5, P-12): on final approval an application's result
// document (permit) is produced as a PDF — letterhead, official number per agency and year,
// the holder, what is permitted, validity, the issuing official, a QR code to
// `/verifikasi/<code>` — stored through the Storage adapter, its SHA-256 signed with the
// region's Ed25519 key, and recorded in `issued_documents`. Anyone can check a code or an
// uploaded file; officials of the agency revoke with a reason; the holder downloads his own.
//
// `issueFor` runs in the caller's transaction and reads only through it (PGlite has a single
// connection). Issuing is idempotent: one document per application (the application row is
// locked and `application_id` is unique).
import type { EventRecorder } from '../../platform/events/events.ts';
import type { DocumentEvents } from './documents.events.ts';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Database, Executor } from '../../platform/db/database.ts';
import { agencyLetterhead, regionBasics } from '../agencies/index.ts';
import { isUniqueViolation, parseJson } from '../../platform/db/values.ts';
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { agenciesFor, authorize } from '../../platform/auth/policy.ts';
import { errors } from '../../platform/http/errors.ts';
import { defineJob, type JobQueue } from '../../platform/jobs/queue.ts';
import { renderPdf, type PdfBlock, type PdfDocumentSpec } from '../../platform/pdf/pdf.ts';
import { newFileKey, type Storage } from '../../platform/storage/storage.ts';
import { formatDate, formatDateTime, t, type Locale, type MessageKey } from '../../platform/views/i18n.ts';
import type { FormDefinition } from '../catalog/index.ts';
import { defaultDocumentTemplate, fillDocumentTemplate } from './documents.template.ts';
import { maskNik, openPerson } from '../identity/index.ts';
import { dateIn, documentState, formatDocumentNumber, newVerificationCode, sha256Hex, signDigest, signingKeyFrom, validUntil, verifyDigest, type DocumentState, type SigningKey } from './documents.signing.ts';
import './documents.policy.ts';

export const ISSUE_JOB = 'documents.issue';
const issueJob = defineJob(ISSUE_JOB, z.object({ applicationId: z.guid() }));

export interface DocumentView {
  id: string;
  /** Null for a permit issued nationally (OSS RBA, SiCantik) and delivered through the hub. */
  applicationId: string | null;
  /** Who issued it: Simpul (an application here) or a national system. */
  source: 'simpul' | 'oss' | 'sicantik';
  trackingNumber: string | null;
  agencyId: string;
  agencyName: string;
  holderId: string;
  holderName: string;
  holderNikMasked: string | null;
  number: string;
  title: string;
  permitted: string;
  issuedAt: Date;
  validUntil: string | null;
  issuedByName: string;
  issuedByPosition: string;
  status: 'valid' | 'expired' | 'revoked';
  /** Set when the reminders job marked the document expired (P-8). */
  expiredAt: Date | null;
  revokedAt: Date | null;
  revokedByName: string | null;
  revokeReason: string | null;
  verificationCode: string;
  sha256: string;
  signature: string;
  keyId: string;
  storageKey: string;
}

/** What the public verification says about a document. */
export interface Verification {
  doc: DocumentView;
  state: DocumentState;
  /** The stored signature verifies against the stored hash with the key's public key. */
  signatureValid: boolean;
  regionName: string;
  timeZone: string;
}

export interface IssueWho {
  actor: Actor | null;
  meta?: RequestMeta | null;
}

/** Enqueues the idempotent `documents.issue` job in the caller's transaction (the approval's). */
export async function enqueueIssue(trx: Executor, jobs: JobQueue, applicationId: string): Promise<void> {
  await jobs.enqueue(trx, issueJob, { applicationId }, { dedupeKey: `${ISSUE_JOB}:${applicationId}` });
}

const baseSelect = (q: Executor) =>
  q
    .selectFrom('issued_documents as d')
    .innerJoin('agencies as ag', 'ag.id', 'd.agency_id')
    .leftJoin('applications as a', 'a.id', 'd.application_id')
    .select([
      'd.id',
      'd.application_id',
      'd.source',
      'a.tracking_number',
      'd.agency_id',
      'ag.name as agency_name',
      'd.holder_id',
      'd.holder_name',
      'd.holder_nik_masked',
      'd.number',
      'd.title',
      'd.permitted',
      'd.issued_at',
      'd.valid_until',
      'd.issued_by_name',
      'd.issued_by_position',
      'd.status',
      'd.expired_at',
      'd.revoked_at',
      'd.revoked_by_name',
      'd.revoke_reason',
      'd.verification_code',
      'd.sha256',
      'd.signature',
      'd.key_id',
      'd.storage_key',
    ]);

type BaseRow = Awaited<ReturnType<ReturnType<typeof baseSelect>['executeTakeFirstOrThrow']>>;

function toView(r: BaseRow): DocumentView {
  return {
    id: r.id,
    applicationId: r.application_id,
    source: r.source,
    trackingNumber: r.tracking_number ?? null,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    holderId: r.holder_id,
    holderName: r.holder_name,
    holderNikMasked: r.holder_nik_masked,
    number: r.number,
    title: r.title,
    permitted: r.permitted,
    issuedAt: r.issued_at,
    validUntil: r.valid_until,
    issuedByName: r.issued_by_name,
    issuedByPosition: r.issued_by_position,
    status: r.status,
    expiredAt: r.expired_at,
    revokedAt: r.revoked_at,
    revokedByName: r.revoked_by_name,
    revokeReason: r.revoke_reason,
    verificationCode: r.verification_code,
    sha256: r.sha256,
    signature: r.signature,
    keyId: r.key_id,
    storageKey: r.storage_key,
  };
}

/**
 * "Yang diizinkan": the service version's document template (or the default one of its
 * form) filled from the application's data; the product description when that says nothing.
 */
export function permittedText(
  content: { summary?: string; product?: { description?: string; template?: string } | null },
  form: FormDefinition,
  data: Record<string, unknown>,
): string {
  const template = content.product?.template?.trim() || defaultDocumentTemplate(form);
  const filled = template ? fillDocumentTemplate(template, form, data) : '';
  return filled || (content.product?.description || content.summary || '').trim();
}

/** What the permit PDF shows: plain data. */
export interface PermitData {
  region: { name: string; timeZone: string };
  agency: { name: string; address: string | null; phone: string | null; email: string | null };
  number: string;
  title: string;
  holder: { name: string; nikMasked: string | null };
  permitted: string;
  serviceName: string;
  trackingNumber: string | null;
  issuedAt: Date;
  validUntil: string | null;
  issuedBy: { name: string; position: string };
  verificationCode: string;
  verifyUrl: string;
}

/** The permit as a document description (pure; Indonesian, the language of official documents). */
export function permitDocument(d: PermitData, locale: Locale = 'id'): PdfDocumentSpec {
  const tr = (key: MessageKey, params?: Record<string, string | number>) => t(locale, key, params);
  const tz = d.region.timeZone;
  const contact = [d.agency.phone ? tr('documents.pdf.phone', { phone: d.agency.phone }) : '', d.agency.email ?? ''].filter(Boolean).join(' · ');
  const validity = d.validUntil ? tr('documents.pdf.valid_until', { date: formatDate(locale, new Date(`${d.validUntil}T12:00:00Z`), 'UTC') }) : tr('documents.pdf.no_expiry');
  const facts: { label: string; value: string; strong?: boolean }[] = [
    { label: tr('documents.holder'), value: d.holder.name, strong: true },
  ];
  if (d.holder.nikMasked) facts.push({ label: tr('documents.nik'), value: d.holder.nikMasked });
  facts.push(
    { label: tr('documents.service'), value: d.serviceName },
    { label: tr('documents.permitted'), value: d.permitted || d.title },
  );
  if (d.trackingNumber) facts.push({ label: tr('documents.tracking_number'), value: d.trackingNumber });
  facts.push(
    { label: tr('documents.issued_at'), value: formatDateTime(locale, d.issuedAt, tz) },
    { label: tr('documents.validity'), value: validity },
  );
  const blocks: PdfBlock[] = [
    { kind: 'letterhead', region: d.region.name, agency: d.agency.name, lines: [d.agency.address ?? '', contact] },
    { kind: 'title', text: d.title.toUpperCase(), subtitle: tr('documents.pdf.number', { number: d.number }) },
    { kind: 'paragraph', text: tr('documents.pdf.opening', { agency: d.agency.name }) },
    { kind: 'keyValue', rows: facts },
    { kind: 'paragraph', text: tr('documents.pdf.closing') },
    { kind: 'spacer', height: 8 },
    { kind: 'paragraph', text: tr('documents.pdf.signed_at', { date: formatDate(locale, d.issuedAt, tz) }), align: 'right' },
    { kind: 'paragraph', text: d.issuedBy.position, align: 'right' },
    { kind: 'paragraph', text: tr('documents.pdf.signed_electronically'), align: 'right', muted: true },
    { kind: 'paragraph', text: d.issuedBy.name, align: 'right', bold: true },
    { kind: 'spacer', height: 8 },
    { kind: 'heading', text: tr('documents.pdf.verify_heading') },
    { kind: 'qr', data: d.verifyUrl, caption: tr('documents.pdf.verify_caption', { url: d.verifyUrl, code: d.verificationCode }) },
    { kind: 'paragraph', text: tr('documents.pdf.note'), muted: true },
  ];
  return {
    info: { title: `${d.title} ${d.number}`, author: d.agency.name, subject: d.serviceName },
    createdAt: d.issuedAt,
    pageLabel: (page, total) => tr('documents.pdf.page', { page, total }),
    footerNote: `${d.number} · ${tr('documents.pdf.code', { code: d.verificationCode })}`,
    blocks,
  };
}

export function permitPdf(d: PermitData, locale: Locale = 'id'): Promise<Buffer> {
  return renderPdf(permitDocument(d, locale));
}

export type Documents = ReturnType<typeof createDocuments>;

export function createDocuments(deps: {
  config: Pick<Config, 'baseUrl' | 'documentSigningKey'>;
  database: Database;
  storage: Storage;
  jobs?: JobQueue;
  /** Records document.issued in the issuing transaction. */
  events: EventRecorder<DocumentEvents>;
}) {
  const db = deps.database.db;
  const key: SigningKey = signingKeyFrom(deps.config.documentSigningKey);
  const baseUrl = deps.config.baseUrl.replace(/\/$/, '');

  /** The current key's public half is recorded (once); any other active key is retired. */
  async function ensureKey(trx: Executor, now: Date): Promise<void> {
    await trx
      .insertInto('signing_keys')
      .values({ id: key.keyId, public_key_pem: key.publicKeyPem, created_at: now })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    await trx.updateTable('signing_keys').set({ retired_at: now }).where('id', '<>', key.keyId).where('retired_at', 'is', null).execute();
  }

  async function allocateNumber(trx: Executor, agencyId: string, shortName: string, year: number): Promise<string> {
    await trx.insertInto('document_counters').values({ agency_id: agencyId, year, last: 0 }).onConflict((oc) => oc.columns(['agency_id', 'year']).doNothing()).execute();
    const row = await trx
      .updateTable('document_counters')
      .set({ last: sql`last + 1` })
      .where('agency_id', '=', agencyId)
      .where('year', '=', year)
      .returning('last')
      .executeTakeFirstOrThrow();
    return formatDocumentNumber(row.last, shortName, year);
  }

  /** The issuing official: the given actor, or whoever approved the application. */
  async function issuer(trx: Executor, applicationId: string, agencyId: string, actor: Actor | null): Promise<{ id: string | null; name: string; position: string }> {
    let id = actor?.userId ?? null;
    if (!id) {
      const e = await trx
        .selectFrom('application_events')
        .select('actor_id')
        .where('application_id', '=', applicationId)
        .where('kind', '=', 'approved')
        .orderBy('at', 'desc')
        .limit(1)
        .executeTakeFirst();
      id = e?.actor_id ?? null;
    }
    const agency = await agencyLetterhead(trx, agencyId);
    if (!id) return { id: null, name: agency.headName ?? agency.name, position: agency.headTitle ?? t('id', 'documents.position.head', { agency: agency.name }) };
    const u = await trx.selectFrom('users').select('name').where('id', '=', id).executeTakeFirst();
    const roles = await trx.selectFrom('role_grants').select('role').where('user_id', '=', id).where((eb) => eb.or([eb('agency_id', '=', agencyId), eb('agency_id', 'is', null)])).execute();
    const role = (['signing_official', 'agency_admin', 'super_admin'] as const).find((r) => roles.some((g) => g.role === r));
    const position = role ? t('id', `documents.position.${role}`, { agency: agency.name }) : t('id', 'documents.position.officer', { agency: agency.name });
    return { id, name: u?.name ?? actor?.name ?? agency.name, position };
  }

  /** Everything the permit of `app` prints; `allocate` gives the number and verification code. */
  async function permitFor(
    trx: Executor,
    app: { id: string; agency_id: string; applicant_id: string; service_id: string; service_version: number; tracking_number: string | null; form_data: unknown },
    actor: Actor | null,
    now: Date,
    allocate: (shortName: string, year: number) => Promise<{ number: string; code: string }>,
  ) {
    const region = await regionOf(trx);
    const agency = await agencyLetterhead(trx, app.agency_id);
    const version = await trx.selectFrom('service_versions').select(['content', 'form']).where('service_id', '=', app.service_id).where('version', '=', app.service_version).executeTakeFirstOrThrow();
    const content = parseJson<{
      name: string;
      summary?: string;
      product?: { name: string; description?: string; template?: string; validity?: { years: number; months: number } | null } | null;
    }>(version.content);
    const holder = await trx.selectFrom('users').select(['name', 'nik']).where('id', '=', app.applicant_id).executeTakeFirstOrThrow().then((r) => openPerson(r));
    const by = await issuer(trx, app.id, app.agency_id, actor);

    const issuedOn = dateIn(region.timeZone, now);
    const { number, code } = await allocate(agency.shortName, Number(issuedOn.slice(0, 4)));
    const title = content.product?.name || content.name;
    const permitted = permittedText(content, parseJson<FormDefinition>(version.form), parseJson<Record<string, unknown>>(app.form_data) ?? {});
    const until = validUntil(issuedOn, content.product?.validity ?? null);
    const data: PermitData = {
      region,
      agency: { name: agency.name, address: agency.address, phone: agency.phone, email: agency.email },
      number,
      title,
      holder: { name: holder.name, nikMasked: holder.nik ? maskNik(holder.nik) : null },
      permitted,
      serviceName: content.name,
      trackingNumber: app.tracking_number,
      issuedAt: now,
      validUntil: until,
      issuedBy: { name: by.name, position: by.position },
      verificationCode: code,
      verifyUrl: `${baseUrl}/verifikasi/${code}`,
    };
    return { data, by, title, permitted, until };
  }

  async function byId(q: Executor, id: string): Promise<DocumentView | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const r = await baseSelect(q).where('d.id', '=', id).executeTakeFirst();
    return r ? toView(r) : null;
  }

  async function regionOf(q: Executor): Promise<{ name: string; timeZone: string }> {
    const r = await regionBasics(q);
    return r ? { name: r.name, timeZone: r.timezone } : { name: 'Simpul', timeZone: 'Asia/Jakarta' };
  }

  const api = {
    signingKeyId: key.keyId,

    /**
     * Issues the result document of an approved application, in the caller's transaction:
     * number, PDF (stored first), hash, signature, row. A second call for the same
     * application returns the document already issued.
     */
    async issueFor(trx: Executor, applicationId: string, who: IssueWho = { actor: null }, now: Date = new Date()): Promise<DocumentView> {
      const app = await trx
        .selectFrom('applications')
        .select(['id', 'status', 'agency_id', 'applicant_id', 'service_id', 'service_version', 'tracking_number', 'form_data'])
        .where('id', '=', applicationId)
        .forUpdate()
        .executeTakeFirst();
      if (!app) throw errors.notFound();
      const existing = await baseSelect(trx).where('d.application_id', '=', applicationId).executeTakeFirst();
      if (existing) return toView(existing);
      if (app.status !== 'approved') throw errors.conflict('documents.not_approved');

      await ensureKey(trx, now);
      const { data, by, title, permitted, until } = await permitFor(trx, app, who.actor, now, (shortName, year) => allocateNumber(trx, app.agency_id, shortName, year).then((number) => ({ number, code: newVerificationCode() })));
      const number = data.number;
      const code = data.verificationCode;
      const pdf = await permitPdf(data);
      const stored = await deps.storage.put(newFileKey('documents', 'pdf'), pdf, 'application/pdf');
      const sha256 = sha256Hex(pdf);
      const signature = signDigest(key, sha256);
      const row = await trx
        .insertInto('issued_documents')
        .values({
          application_id: app.id,
          agency_id: app.agency_id,
          holder_id: app.applicant_id,
          number,
          title,
          holder_name: data.holder.name,
          holder_nik_masked: data.holder.nikMasked,
          permitted,
          issued_at: now,
          valid_until: until,
          issued_by: by.id,
          issued_by_name: by.name,
          issued_by_position: by.position,
          verification_code: code,
          sha256,
          signature,
          key_id: key.keyId,
          storage_key: stored.key,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, { actor: who.actor, meta: who.meta, label: who.actor ? undefined : 'sistem' }, {
        action: 'document.issue',
        entityType: 'issued_document',
        entityId: row.id,
        agencyId: app.agency_id,
        after: { number, application_id: app.id, sha256, key_id: key.keyId },
      });
      await deps.events.record(trx, 'document.issued', { documentId: row.id, applicationId: app.id });
      return (await byId(trx, row.id))!;
    },

    /**
     * A permit issued nationally (OSS RBA, SiCantik) delivered to its holder through the
     * integration hub, in the caller's transaction: the region's signed copy of the national
     * data (PDF, hash, signature, verification code) in the holder's documents, shown as issued
     * by the national system. Idempotent on (source, externalId): a second call returns the
     * document already stored. `agencyId` is the agency that receives national permits
     * (DPMPTSP). No document.issued event: the permit was not issued by an agency here.
     */
    async importNational(
      trx: Executor,
      input: {
        source: 'oss' | 'sicantik';
        externalId: string;
        agencyId: string;
        holderId: string;
        number: string;
        title: string;
        permitted: string;
        issuedOn: string;
        validUntil: string | null;
        issuerName: string;
        issuerPosition: string;
      },
      now: Date = new Date(),
    ): Promise<DocumentView> {
      const existing = await baseSelect(trx).where('d.source', '=', input.source).where('d.external_id', '=', input.externalId).executeTakeFirst();
      if (existing) return toView(existing);
      await ensureKey(trx, now);
      const region = await regionOf(trx);
      const agency = await trx.selectFrom('agencies').select(['name', 'address', 'phone', 'email']).where('id', '=', input.agencyId).executeTakeFirstOrThrow();
      const holder = await trx.selectFrom('users').select(['name', 'nik']).where('id', '=', input.holderId).executeTakeFirstOrThrow().then((r) => openPerson(r));
      const issuedAt = new Date(`${input.issuedOn}T00:00:00+07:00`);
      const code = newVerificationCode();
      const data: PermitData = {
        region,
        agency: { name: agency.name, address: agency.address, phone: agency.phone, email: agency.email },
        number: input.number,
        title: input.title,
        holder: { name: holder.name, nikMasked: holder.nik ? maskNik(holder.nik) : null },
        permitted: input.permitted,
        serviceName: input.title,
        trackingNumber: null,
        issuedAt,
        validUntil: input.validUntil,
        issuedBy: { name: input.issuerName, position: input.issuerPosition },
        verificationCode: code,
        verifyUrl: `${baseUrl}/verifikasi/${code}`,
      };
      const pdf = await permitPdf(data);
      const stored = await deps.storage.put(newFileKey('documents', 'pdf'), pdf, 'application/pdf');
      const sha256 = sha256Hex(pdf);
      const row = await trx
        .insertInto('issued_documents')
        .values({
          application_id: null,
          source: input.source,
          external_id: input.externalId,
          agency_id: input.agencyId,
          holder_id: input.holderId,
          number: input.number,
          title: input.title,
          holder_name: holder.name,
          holder_nik_masked: data.holder.nikMasked,
          permitted: input.permitted,
          issued_at: issuedAt,
          valid_until: input.validUntil,
          issued_by: null,
          issued_by_name: input.issuerName,
          issued_by_position: input.issuerPosition,
          verification_code: code,
          sha256,
          signature: signDigest(key, sha256),
          key_id: key.keyId,
          storage_key: stored.key,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, { actor: null, label: `sistem:${input.source}` }, {
        action: 'document.import',
        entityType: 'issued_document',
        entityId: row.id,
        agencyId: input.agencyId,
        after: { number: input.number, source: input.source, external_id: input.externalId, sha256, key_id: key.keyId },
      });
      return (await byId(trx, row.id))!;
    },

    /**
     * The exact document an approval would issue, before it is signed: same template, data,
     * holder and official, with placeholder number and code and a watermark on every page.
     * Nothing is allocated or stored. The caller checks who may see it.
     */
    async preview(q: Executor, applicationId: string, actor: Actor | null, labels: { number: string; code: string; watermark: string }, now: Date = new Date()): Promise<Buffer> {
      const app = await q
        .selectFrom('applications')
        .select(['id', 'agency_id', 'applicant_id', 'service_id', 'service_version', 'tracking_number', 'form_data'])
        .where('id', '=', applicationId)
        .executeTakeFirst();
      if (!app) throw errors.notFound();
      const { data } = await permitFor(q, app, actor, now, async () => ({ number: labels.number, code: labels.code }));
      return renderPdf({ ...permitDocument({ ...data, verifyUrl: `${baseUrl}/verifikasi` }), watermark: labels.watermark });
    },

    /** Revokes a document of the actor's agency; the reason is required. */
    async revoke(trx: Executor, who: { actor: Actor; meta?: RequestMeta | null }, id: string, reason: string, now: Date = new Date()): Promise<DocumentView> {
      const doc = await byId(trx, id);
      if (!doc) throw errors.notFound();
      authorize(who.actor, 'documents.revoke', { agencyId: doc.agencyId });
      const why = reason.trim();
      if (!why) throw errors.validation([{ field: 'reason', key: 'documents.revoke.reason_required' }]);
      if (why.length > 1000) throw errors.validation([{ field: 'reason', key: 'validation.too_long', params: { max: 1000 } }]);
      if (doc.status === 'revoked') throw errors.conflict('documents.revoke.already');
      // An expired document can still be revoked: revocation wins over expiry (P-8).
      await trx
        .updateTable('issued_documents')
        .set({ status: 'revoked', revoked_at: now, revoked_by: who.actor.userId, revoked_by_name: who.actor.name, revoke_reason: why, updated_at: now })
        .where('id', '=', id)
        .where('status', 'in', ['valid', 'expired'])
        .execute();
      await recordAudit(trx, who, { action: 'document.revoke', entityType: 'issued_document', entityId: id, agencyId: doc.agencyId, before: { status: doc.status }, after: { status: 'revoked', reason: why } });
      return (await byId(trx, id))!;
    },

    byId,

    async byCode(q: Executor, code: string): Promise<DocumentView | null> {
      const r = await baseSelect(q).where('d.verification_code', '=', code).executeTakeFirst();
      return r ? toView(r) : null;
    },

    /** The public verification of a document (state in the region's time zone, signature checked). */
    async verification(q: Executor, doc: DocumentView, now: Date = new Date()): Promise<Verification> {
      const region = await regionOf(q);
      const k = await q.selectFrom('signing_keys').select('public_key_pem').where('id', '=', doc.keyId).executeTakeFirst();
      const signatureValid = !!k && verifyDigest(k.public_key_pem, doc.sha256, doc.signature);
      return { doc, state: documentState(doc, now, region.timeZone), signatureValid, regionName: region.name, timeZone: region.timeZone };
    },

    /**
     * An uploaded file checked against the issued documents: its SHA-256 must be a stored
     * document's hash and that document's signature must verify. Null: not a genuine document.
     */
    async matchFile(q: Executor, bytes: Buffer, now: Date = new Date()): Promise<Verification | null> {
      return api.matchSha256(q, sha256Hex(bytes), now);
    },

    /** `matchFile` by the file's hex SHA-256 (an upload is hashed while it is received). */
    async matchSha256(q: Executor, sha: string, now: Date = new Date()): Promise<Verification | null> {
      const r = await baseSelect(q).where('d.sha256', '=', sha).executeTakeFirst();
      if (!r) return null;
      const v = await api.verification(q, toView(r), now);
      return v.signatureValid ? v : null;
    },

    async publicKey(q: Executor, keyId: string): Promise<string | null> {
      const k = await q.selectFrom('signing_keys').select('public_key_pem').where('id', '=', keyId).executeTakeFirst();
      return k?.public_key_pem ?? null;
    },

    async listForHolder(q: Executor, holderId: string): Promise<DocumentView[]> {
      return (await baseSelect(q).where('d.holder_id', '=', holderId).orderBy('d.issued_at', 'desc').limit(500).execute()).map(toView);
    },

    /** Documents of the agencies where the actor may see them (newest first). */
    async listForStaff(q: Executor, actor: Actor, limit = 200, opts: { expiringBetween?: [string, string] } = {}): Promise<DocumentView[]> {
      const scope = agenciesFor(actor, 'documents.read');
      if (scope !== 'all' && scope.length === 0) return [];
      let query = baseSelect(q).orderBy('d.issued_at', 'desc').limit(limit);
      // "Akan kedaluwarsa" (P-8): valid documents whose last day falls in [from, to], soonest first.
      if (opts.expiringBetween) {
        query = baseSelect(q)
          .where('d.status', '=', 'valid')
          .where('d.valid_until', '>=', opts.expiringBetween[0])
          .where('d.valid_until', '<=', opts.expiringBetween[1])
          .orderBy('d.valid_until')
          .limit(limit);
      }
      if (scope !== 'all') query = query.where('d.agency_id', 'in', scope);
      return (await query.execute()).map(toView);
    },

    async pdfOf(doc: DocumentView): Promise<Buffer | null> {
      return deps.storage.get(doc.storageKey);
    },

    registerJobs(jobs: JobQueue): void {
      jobs.register(issueJob, async ({ applicationId }) => {
        try {
          await db.transaction().execute((trx) => api.issueFor(trx, applicationId, { actor: null }, new Date()));
        } catch (err) {
          // Another node issued it meanwhile: the unique application_id kept it to one.
          if (isUniqueViolation(err)) return;
          throw err;
        }
      });
    },
  };
  return api;
}
