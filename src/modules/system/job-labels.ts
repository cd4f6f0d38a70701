// Readable job names and job data for the job queue page: "Kirim e-mail" instead of
// `mail.deliver`, "Permohonan: 0c1f…" instead of `{"applicationId":"0c1f…"}`. Unknown names
// and keys fall back to a readable form of the code.
import type { Locale } from '../../platform/views/i18n.ts';

type Pair = readonly [id: string, en: string];

const jobNames: Record<string, Pair> = {
  'mail.deliver': ['Kirim e-mail', 'Send an e-mail'],
  'message.deliver': ['Kirim pesan (SMS/WhatsApp)', 'Send a message (SMS/WhatsApp)'],
  'applications.escalate': ['Eskalasi permohonan lewat batas waktu', 'Escalate overdue applications'],
  'sla.check': ['Periksa batas waktu layanan', 'Check service deadlines'],
  'documents.issue': ['Terbitkan dokumen izin', 'Issue the permit document'],
  'documents.reminders': ['Pengingat masa berlaku dokumen', 'Document expiry reminders'],
  'identity.prune': ['Bersihkan sesi dan kode kedaluwarsa', 'Remove expired sessions and codes'],
  'payments.daily-summary': ['Rekap harian penerimaan', 'Daily revenue summary'],
  'payments.import-statement': ['Impor rekening koran', 'Import a bank statement'],
  'payments.expire-bills': ['Tutup tagihan kedaluwarsa', 'Expire overdue bills'],
  'payments.render-kuitansi': ['Buat kuitansi', 'Make the receipt (kuitansi)'],
  'audit.seal': ['Segel jejak audit (rantai hash, checkpoint bertanda tangan)', 'Seal the audit trail (hash chain, signed checkpoint)'],
  'audit.verify': ['Periksa keutuhan jejak audit', 'Verify the audit trail'],
  'backup.daily': ['Cadangan harian basis data dan berkas', 'Daily backup of the database and files'],
  'privacy.deadlines': ['Pengingat batas waktu permintaan subjek data dan insiden data', 'Deadline reminders of data subject requests and data breaches'],
  'storage.sweep': ['Hapus berkas tanpa pemilik', 'Remove files nothing refers to'],
};

const dataKeys: Record<string, Pair> = {
  messageId: ['Pesan', 'Message'],
  applicationId: ['Permohonan', 'Application'],
  agencyId: ['Perangkat daerah', 'Agency'],
  importId: ['Impor rekening koran', 'Statement import'],
  billId: ['Tagihan', 'Bill'],
  paymentId: ['Pembayaran', 'Payment'],
  documentId: ['Dokumen', 'Document'],
  eventId: ['Peristiwa', 'Event'],
  userId: ['Pengguna', 'User'],
  date: ['Tanggal', 'Date'],
  day: ['Tanggal', 'Date'],
  n: ['Jumlah', 'Number'],
};

const pick = (p: Pair, locale: Locale) => (locale === 'en' ? p[1] : p[0]);

/** `camelCase.and-dashes` → `Camel case and dashes`. */
function readable(code: string): string {
  const s = code
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[._-]+/g, ' ')
    .trim()
    .toLowerCase();
  return s ? s[0]!.toUpperCase() + s.slice(1) : code;
}

export function jobLabel(locale: Locale, name: string): string {
  const known = jobNames[name];
  if (known) return pick(known, locale);
  // Event deliveries: `events.<event>.<subscriber>` and the like read as words.
  return readable(name);
}

export interface JobDataRow {
  label: string;
  value: string;
}

/** The job's data as label/value rows; nested values are shown compactly. */
export function jobData(locale: Locale, payload: Record<string, unknown>): JobDataRow[] {
  return Object.entries(payload).map(([k, v]) => ({
    label: dataKeys[k] ? pick(dataKeys[k], locale) : readable(k),
    value: v === null || v === undefined ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v),
  }));
}
