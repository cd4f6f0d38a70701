// SKRD — Surat Ketetapan Retribusi Daerah (P-7): the official assessment of a bill, as PDF.
// Letterhead of the agency, number, the agency, the payer, the fee lines, the total in figures
// and in words (terbilang), the regulation, the due date, the payment code and the receiving
// accounts. Rendered on request from the bill (nothing stored): dated by the bill's issue time,
// so the same bill gives the same bytes. Indonesian, the language of official documents.
//
// Number: `<AGENCY>/SKRD/<YYYY>/<payment code>` — the payment code is unique and printed on
// the bill, so the SKRD of a bill is found by its code; a reissued bill has a new code and so a
// new SKRD.
import type { Executor } from '../../platform/db/database.ts';
import { localDateOf, type RegionTimeZone } from '../../platform/calendar/working-time.ts';
import { formatDecimalText, formatRupiah, terbilangRupiah } from '../../platform/format.ts';
import { renderPdf, type PdfDocumentSpec } from '../../platform/pdf/pdf.ts';
import { formatDate, formatDateTime, t, type Locale, type MessageKey } from '../../platform/views/i18n.ts';
import { agencyLetterhead, regionTimeZone } from '../agencies/index.ts';
import type { BillView } from './bills.service.ts';
import { formatPaymentCode } from './payment-code.ts';

export interface SkrdData {
  region: string;
  agency: { name: string; shortName: string; address: string | null; phone: string | null; email: string | null };
  bill: Pick<BillView, 'paymentCode' | 'status' | 'amount' | 'regulation' | 'issuedAt' | 'dueAt' | 'trackingNumber' | 'serviceName' | 'payerName' | 'lines' | 'accounts'>;
  timeZone: RegionTimeZone;
}

export function skrdNumber(shortName: string, issuedAt: Date, paymentCode: string, timeZone: RegionTimeZone): string {
  return `${shortName.toUpperCase()}/SKRD/${localDateOf(timeZone, issuedAt).slice(0, 4)}/${paymentCode}`;
}

const capitalised = (s: string) => s.replace(/^./, (c) => c.toUpperCase());

/** The SKRD as a document description (pure). */
export function skrdDocument(d: SkrdData, locale: Locale = 'id'): PdfDocumentSpec {
  const tr = (key: MessageKey, params?: Record<string, string | number>) => t(locale, key, params);
  const { bill } = d;
  const number = skrdNumber(d.agency.shortName, bill.issuedAt, bill.paymentCode, d.timeZone);
  const contact = [d.agency.phone ?? '', d.agency.email ?? ''].filter(Boolean).join(' · ');
  const active = bill.accounts.filter((a) => a.active);
  return {
    info: { title: `${tr('payments.skrd.short')} ${number}`, author: d.agency.name, subject: bill.serviceName },
    createdAt: bill.issuedAt,
    pageLabel: (p, n) => tr('payments.skrd.page', { page: p, pages: n }),
    footerNote: number,
    blocks: [
      { kind: 'letterhead', region: d.region, agency: d.agency.name, lines: [d.agency.address ?? '', contact].filter(Boolean) },
      { kind: 'title', text: tr('payments.skrd.title').toUpperCase(), subtitle: tr('payments.skrd.number', { number }) },
      {
        kind: 'keyValue',
        rows: [
          { label: tr('payments.skrd.agency'), value: d.agency.name },
          { label: tr('payments.skrd.payer'), value: bill.payerName, strong: true },
          { label: tr('payments.skrd.for'), value: bill.trackingNumber ? `${bill.serviceName} (${bill.trackingNumber})` : bill.serviceName },
          { label: tr('payments.bill.regulation'), value: bill.regulation || '-' },
          { label: tr('payments.skrd.issued_at'), value: formatDate(locale, bill.issuedAt, d.timeZone) },
          { label: tr('payments.skrd.status'), value: tr(`payments.status.${bill.status}`) },
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
          ...bill.lines.map((l) => [l.label, formatRupiah(l.rate) + (l.unit ? ` ${l.unit}` : ''), formatDecimalText(l.quantity), formatRupiah(l.amount)]),
          [tr('payments.bill.total'), '', '', formatRupiah(bill.amount)],
        ],
      },
      {
        kind: 'keyValue',
        rows: [
          { label: tr('payments.bill.total'), value: formatRupiah(bill.amount), strong: true },
          // Amounts in words stay Indonesian: they are part of the official text.
          { label: tr('payments.in_words'), value: capitalised(terbilangRupiah(bill.amount)) },
          { label: tr('payments.bill.payment_code'), value: formatPaymentCode(bill.paymentCode), strong: true },
          { label: tr('payments.skrd.due_at'), value: formatDateTime(locale, bill.dueAt, d.timeZone), strong: true },
        ],
      },
      { kind: 'heading', text: tr('payments.skrd.accounts') },
      {
        kind: 'table',
        columns: [{ header: tr('payments.account.bank_name'), width: 2 }, { header: tr('payments.account.number'), width: 2 }, { header: tr('payments.account.name'), width: 3 }],
        rows: active.map((a) => [a.bankName, a.accountNumber, a.accountName]),
        emptyText: tr('payments.skrd.accounts_none'),
      },
      { kind: 'paragraph', text: tr('payments.skrd.how_to_pay') },
      { kind: 'paragraph', text: tr('payments.skrd.note'), muted: true },
    ],
  };
}

/** Loads what the SKRD of `bill` prints beyond the bill itself and renders it. */
export async function renderSkrd(q: Executor, bill: BillView, locale: Locale = 'id'): Promise<{ bytes: Buffer; fileName: string; number: string }> {
  const g = await agencyLetterhead(q, bill.agencyId);
  const timeZone = await regionTimeZone(q);
  const data: SkrdData = { region: g.regionName, agency: { name: g.name, shortName: g.shortName, address: g.address, phone: g.phone, email: g.email }, bill, timeZone };
  const number = skrdNumber(g.shortName, bill.issuedAt, bill.paymentCode, timeZone);
  return { bytes: await renderPdf(skrdDocument(data, locale)), fileName: `skrd-${bill.paymentCode}.pdf`, number };
}
