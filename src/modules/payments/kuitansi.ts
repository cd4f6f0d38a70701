// Kuitansi (receipt) of a paid bill (P-7): letterhead of the agency, receipt number, payer,
// fee lines, total, payment code, paid at and the bank's credit reference. Indonesian, the
// language of official documents. Reads through the caller's executor only.
import type { Executor } from '../../platform/db/database.ts';
import { parseJson } from '../../platform/db/values.ts';
import { renderPdf, type PdfDocumentSpec } from '../../platform/pdf/pdf.ts';
import { formatDecimalText, formatRupiah, terbilangRupiah } from '../../platform/format.ts';
import { formatDateTime, t, type Locale, type MessageKey } from '../../platform/views/i18n.ts';
import { regionTimeZone } from '../agencies/index.ts';
import { formatPaymentCode } from './payment-code.ts';

export interface KuitansiData {
  region: string;
  agency: { name: string; address: string | null; phone: string | null; email: string | null };
  receiptNumber: string;
  payer: string;
  serviceName: string;
  trackingNumber: string | null;
  paymentCode: string;
  regulation: string;
  lines: { label: string; unit: string | null; rate: number; quantity: string; amount: number }[];
  total: number;
  paidAmount: number;
  paidAt: Date;
  creditReferences: string[];
  timeZone: string;
}

/** The receipt as a document description (pure). */
export function kuitansiDocument(d: KuitansiData, locale: Locale = 'id'): PdfDocumentSpec {
  const tr = (key: MessageKey, params?: Record<string, string | number>) => t(locale, key, params);
  const contact = [d.agency.phone ?? '', d.agency.email ?? ''].filter(Boolean).join(' · ');
  return {
    info: { title: `${tr('payments.kuitansi.title')} ${d.receiptNumber}`, author: d.agency.name, subject: d.serviceName },
    createdAt: d.paidAt,
    pageLabel: (p, n) => tr('payments.kuitansi.page', { page: p, pages: n }),
    footerNote: d.receiptNumber,
    blocks: [
      { kind: 'letterhead', region: d.region, agency: d.agency.name, lines: [d.agency.address ?? '', contact].filter(Boolean) },
      { kind: 'title', text: tr('payments.kuitansi.title').toUpperCase(), subtitle: tr('payments.kuitansi.number', { number: d.receiptNumber }) },
      {
        kind: 'keyValue',
        rows: [
          { label: tr('payments.kuitansi.received_from'), value: d.payer, strong: true },
          { label: tr('payments.kuitansi.for'), value: d.trackingNumber ? `${d.serviceName} (${d.trackingNumber})` : d.serviceName },
          { label: tr('payments.bill.regulation'), value: d.regulation || '-' },
          { label: tr('payments.bill.payment_code'), value: formatPaymentCode(d.paymentCode) },
          { label: tr('payments.bill.paid_at'), value: formatDateTime(locale, d.paidAt, d.timeZone) },
          { label: tr('payments.kuitansi.credit_reference'), value: d.creditReferences.join(', ') || '-' },
        ],
      },
      {
        kind: 'table',
        columns: [
          { header: tr('payments.bill.line'), width: 4 },
          { header: tr('payments.bill.rate'), width: 2, align: 'right' },
          { header: tr('payments.bill.quantity'), width: 1.5, align: 'right' },
          { header: tr('payments.bill.line_amount'), width: 2, align: 'right' },
        ],
        rows: [
          ...d.lines.map((l) => [l.label, formatRupiah(l.rate) + (l.unit ? ` ${l.unit}` : ''), formatDecimalText(l.quantity), formatRupiah(l.amount)]),
          [tr('payments.bill.total'), '', '', formatRupiah(d.total)],
        ],
      },
      {
        kind: 'keyValue',
        rows: [
          { label: tr('payments.kuitansi.amount_paid'), value: formatRupiah(d.paidAmount), strong: true },
          // Amounts in words are Indonesian in every language: they are part of the official text.
          { label: tr('payments.in_words'), value: `${terbilangRupiah(d.paidAmount)}`.replace(/^./, (c) => c.toUpperCase()) },
        ],
      },
      { kind: 'paragraph', text: tr('payments.kuitansi.note'), muted: true },
    ],
  };
}

export async function kuitansiData(q: Executor, billId: string): Promise<KuitansiData> {
  const b = await q
    .selectFrom('bills as b')
    .innerJoin('agencies as g', 'g.id', 'b.agency_id')
    .innerJoin('regions as r', 'r.id', 'g.region_id')
    .innerJoin('users as u', 'u.id', 'b.payer_id')
    .innerJoin('applications as a', 'a.id', 'b.application_id')
    .innerJoin('service_versions as v', (j) => j.onRef('v.service_id', '=', 'a.service_id').onRef('v.version', '=', 'a.service_version'))
    .select(['b.id', 'b.receipt_number', 'b.payment_code', 'b.regulation', 'b.amount', 'b.paid_amount', 'b.paid_at', 'g.name as agency_name', 'g.address', 'g.phone', 'g.email', 'r.name as region_name', 'u.name as payer_name', 'a.tracking_number', 'v.content'])
    .where('b.id', '=', billId)
    .executeTakeFirstOrThrow();
  const lines = await q.selectFrom('bill_lines').selectAll().where('bill_id', '=', billId).orderBy('line_no').execute();
  const credits = await q.selectFrom('bank_credits').select('reference').where('bill_id', '=', billId).where('status', '=', 'matched').execute();
  const content = parseJson<{ name?: string }>(b.content);
  return {
    region: b.region_name,
    agency: { name: b.agency_name, address: b.address, phone: b.phone, email: b.email },
    receiptNumber: b.receipt_number ?? '',
    payer: b.payer_name,
    serviceName: content.name ?? '',
    trackingNumber: b.tracking_number,
    paymentCode: b.payment_code,
    regulation: b.regulation,
    lines: lines.map((l) => ({ label: l.label, unit: l.unit, rate: l.rate, quantity: String(l.quantity).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, ''), amount: l.amount })),
    total: b.amount,
    paidAmount: b.paid_amount,
    paidAt: b.paid_at ?? new Date(0),
    creditReferences: credits.map((c) => c.reference ?? '').filter(Boolean),
    timeZone: await regionTimeZone(q),
  };
}

export async function renderKuitansi(q: Executor, billId: string): Promise<Buffer> {
  return renderPdf(kuitansiDocument(await kuitansiData(q, billId)));
}
