// The application receipt (tanda terima) as PDF (issue 4, P-3, P-1): the region and agency
// letterhead, the tracking number, service and version, the applicant (NIK masked), channel,
// submission time in the region's time zone, the documents received against the service's
// requirements, how to track it at /lacak and a QR code to the tracking page.
//
// - `GET /permohonan/:tracking/tanda-terima.pdf`: the applicant's own (or the officer who
//   filed it), like the HTML receipt; 404 for anyone else.
// - `GET /kelola/loket/permohonan/:tracking/tanda-terima.pdf`: counter staff of the
//   application's agency (the counter's own permission), to print or reprint it; 404 for an
//   application of another agency. `GET /kelola/loket/tanda-terima?nomor=` is the counter's
//   reprint form.
// The document is generated on request from the stored data, dated with the submission time,
// so every download of one receipt is the same file.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ApplicationsDeps as Deps } from './applications.deps.ts';
import { recordPersonalDataAccess } from '../../platform/privacy/access-log.ts';
import { authorize, can } from '../../platform/auth/policy.ts';
import type { RegionInfo } from '../../platform/http/context.ts';
import { errors } from '../../platform/http/errors.ts';
import { renderPdf, type PdfBlock, type PdfDocumentSpec } from '../../platform/pdf/pdf.ts';
import { formatDate, formatDateTime, t, type Locale, type MessageKey } from '../../platform/views/i18n.ts';
import type { PublishedService } from '../catalog/index.ts';
import type { ApplicationRow, AttachmentRow } from './applications.service.ts';
import { fieldsOf } from './applications.validate.ts';
import './applications.policy.ts';
import { formatFileSize } from '../../platform/format.ts';

const COUNTER_ACTION = 'applications.counter.file';

/** What a receipt shows: plain data, gathered by `receiptData`. */
export interface ReceiptData {
  region: RegionInfo;
  agency: { name: string; address: string | null; phone: string | null; email: string | null };
  trackingNumber: string;
  service: { name: string; nameEn?: string; version: number; publishedAt: Date };
  applicant: { name: string; nikMasked: string | null };
  channel: 'online' | 'counter';
  submittedAt: Date;
  /** The service's document requirements with the file received for each, then files bound to no requirement. */
  documents: { name: string; nameEn?: string; mandatory: boolean | null; file: { name: string; size: number } | null }[];
  /** Public address of the tracking page, e.g. `https://layanan.contohprov.go.id/lacak`. */
  trackUrl: string;
}

export function receiptData(input: { row: ApplicationRow; service: PublishedService; attachments: AttachmentRow[]; region: RegionInfo; baseUrl: string }): ReceiptData {
  const { row, service, attachments } = input;
  if (!row.trackingNumber || !row.submittedAt) throw errors.notFound();
  const documents: ReceiptData['documents'] = [];
  const used = new Set<AttachmentRow>();
  for (const r of service.content.requirements.filter((x) => x.kind === 'document')) {
    const a = attachments.find((x) => x.requirementKey === r.key);
    if (a) used.add(a);
    documents.push({ name: r.name, mandatory: r.mandatory, file: a ? { name: a.originalName, size: a.size } : null });
  }
  const fields = fieldsOf(service.form);
  for (const a of attachments) {
    if (used.has(a)) continue;
    const f = fields.get(a.fieldKey);
    documents.push({ name: f?.label ?? a.fieldKey, nameEn: f?.labelEn, mandatory: null, file: { name: a.originalName, size: a.size } });
  }
  return {
    region: input.region,
    agency: { name: service.agency.name, address: service.agency.address, phone: service.agency.phone, email: service.agency.email },
    trackingNumber: row.trackingNumber,
    service: { name: service.content.name, nameEn: service.content.nameEn, version: row.serviceVersion, publishedAt: service.publishedAt },
    applicant: { name: row.applicantName, nikMasked: row.applicantNikMasked },
    channel: row.channel,
    submittedAt: row.submittedAt,
    documents,
    trackUrl: `${input.baseUrl.replace(/\/$/, '')}/lacak`,
  };
}

/** The QR code's target: the tracking page with the number filled in (`/lacak?nomor=`). */
export function trackingLink(data: Pick<ReceiptData, 'trackUrl' | 'trackingNumber'>): string {
  return `${data.trackUrl}?nomor=${encodeURIComponent(data.trackingNumber)}`;
}

const kb = formatFileSize;

/** The receipt as a document description (pure). */
export function receiptDocument(data: ReceiptData, locale: Locale): PdfDocumentSpec {
  const tr = (key: MessageKey, params?: Record<string, string | number>) => t(locale, key, params);
  const tz = data.region.timeZone;
  const contact = [data.agency.phone ? tr('applications.receipt.pdf.phone', { phone: data.agency.phone }) : '', data.agency.email ?? ''].filter(Boolean).join(' · ');
  const serviceName = locale === 'en' && data.service.nameEn ? data.service.nameEn : data.service.name;
  const link = trackingLink(data);
  const facts: { label: string; value: string; strong?: boolean }[] = [
    { label: tr('applications.tracking_number'), value: data.trackingNumber, strong: true },
    { label: tr('applications.service'), value: `${serviceName}\n${tr('portal.service.version', { version: data.service.version, date: formatDate(locale, data.service.publishedAt, tz) })}` },
    { label: tr('applications.agency'), value: data.agency.name },
    { label: tr('applications.applicant'), value: data.applicant.name },
  ];
  if (data.applicant.nikMasked) facts.push({ label: tr('applications.receipt.pdf.nik'), value: data.applicant.nikMasked });
  facts.push(
    { label: tr('applications.channel'), value: tr(`portal.channel.${data.channel}`) },
    { label: tr('applications.submitted_at'), value: formatDateTime(locale, data.submittedAt, tz) },
  );
  const rows = data.documents.map((d, i) => {
    const name = locale === 'en' && d.nameEn ? d.nameEn : d.name;
    const kind = d.mandatory === null ? '' : ` (${d.mandatory ? tr('portal.service.mandatory') : tr('applications.receipt.pdf.optional')})`;
    return [String(i + 1), `${name}${kind}`, d.file ? `${d.file.name} (${kb(d.file.size)})` : tr('applications.receipt.not_attached')];
  });
  const blocks: PdfBlock[] = [
    { kind: 'letterhead', region: data.region.name, agency: data.agency.name, lines: [data.agency.address ?? '', contact] },
    { kind: 'title', text: tr('applications.receipt.pdf.heading'), subtitle: tr('applications.receipt.pdf.number', { number: data.trackingNumber }) },
    { kind: 'keyValue', rows: facts },
    { kind: 'heading', text: tr('applications.receipt.pdf.documents') },
    {
      kind: 'table',
      columns: [
        { header: tr('applications.receipt.pdf.no'), width: 0.45, align: 'right' },
        { header: tr('applications.receipt.requirement'), width: 3 },
        { header: tr('applications.receipt.pdf.received'), width: 3 },
      ],
      rows,
      emptyText: tr('applications.receipt.pdf.no_documents'),
    },
    { kind: 'heading', text: tr('applications.receipt.pdf.track_heading') },
    { kind: 'paragraph', text: tr('applications.receipt.pdf.track_text', { url: data.trackUrl, number: data.trackingNumber }) },
    { kind: 'qr', data: link, caption: tr('applications.receipt.pdf.qr_caption', { number: data.trackingNumber, url: link }) },
    { kind: 'paragraph', text: tr('applications.receipt.pdf.note'), muted: true },
  ];
  return {
    info: { title: tr('applications.receipt.pdf.doc_title', { number: data.trackingNumber }), author: data.agency.name, subject: serviceName },
    createdAt: data.submittedAt,
    pageLabel: (page, total) => tr('applications.receipt.pdf.page', { page, total }),
    footerNote: `${data.trackingNumber} · ${data.agency.name}`,
    blocks,
  };
}

/** The receipt as PDF bytes. */
export function receiptPdf(data: ReceiptData, locale: Locale): Promise<Buffer> {
  return renderPdf(receiptDocument(data, locale));
}

export function registerReceiptPdfRoutes(app: FastifyInstance, deps: Pick<Deps, 'applications' | 'catalog' | 'config' | 'region' | 'database'>): void {
  const { applications, catalog } = deps;

  async function send(reply: FastifyReply, row: ApplicationRow, locale: Locale) {
    const service = await catalog.getPublishedById(row.serviceId, row.serviceVersion);
    if (!service) throw errors.notFound();
    const data = receiptData({ row, service, attachments: await applications.attachments(row.id), region: await deps.region(), baseUrl: deps.config.baseUrl });
    const pdf = await receiptPdf(data, locale);
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="tanda-terima-${data.trackingNumber}.pdf"`)
      .header('cache-control', 'no-store')
      .send(pdf);
  }

  // The applicant (or the officer who filed it), as for the HTML receipt.
  app.get<{ Params: { tracking: string } }>('/permohonan/:tracking/tanda-terima.pdf', async (request, reply) => {
    const actor = request.actor;
    if (!actor) throw errors.unauthenticated();
    const row = await applications.getByTracking(request.params.tracking);
    if (!row || (row.applicantId !== actor.userId && row.filedBy !== actor.userId)) throw errors.notFound();
    return send(reply, row, request.locale);
  });

  // Counter staff of the application's agency.
  app.get<{ Params: { tracking: string } }>('/kelola/loket/permohonan/:tracking/tanda-terima.pdf', async (request, reply) => {
    authorize(request.actor, COUNTER_ACTION);
    const row = await applications.getByTracking(request.params.tracking);
    // Another agency's application is not there for this officer (no confirmation that the number exists).
    if (!row || !can(request.actor, COUNTER_ACTION, { agencyId: row.agencyId })) throw errors.notFound();
    await recordPersonalDataAccess(deps.database.db, { actor: request.actor, meta: request.meta }, { subjectUserId: row.applicantId, kinds: ['name', 'nik'], purpose: 'counter', channel: 'download', agencyId: row.agencyId, applicationId: row.id, reference: row.trackingNumber });
    return send(reply, row, request.locale);
  });

  // The counter's reprint form (GET, works without scripts).
  app.get<{ Querystring: { nomor?: unknown } }>('/kelola/loket/tanda-terima', async (request, reply) => {
    authorize(request.actor, COUNTER_ACTION);
    const number = typeof request.query.nomor === 'string' ? request.query.nomor.trim().toUpperCase().slice(0, 60) : '';
    if (!number) return reply.redirect('/kelola/loket', 303);
    if (!/^[0-9A-Z][0-9A-Z-]*$/.test(number)) throw errors.notFound();
    return reply.redirect(`/kelola/loket/permohonan/${encodeURIComponent(number)}/tanda-terima.pdf`, 303);
  });
}
