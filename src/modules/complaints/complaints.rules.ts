// Pure rules of the complaint lifecycle (STANDARDS §3, SP4N-LAPOR!): which action is allowed in
// which state, the deadlines in working days, the fixed mapping of states to Open311, the
// categories, and the redaction of text shown publicly. No database, no HTTP.
import type { ComplaintStatus } from './complaints.tables.ts';

/** Working days the region's coordinator has to verify a received complaint. */
export const VERIFY_WORKING_DAYS = 3;
/** Working days the agency has for its first follow-up after routing. */
export const FIRST_RESPONSE_WORKING_DAYS = 5;
/** Working days after resolution during which the reporter may reopen. */
export const REOPEN_WORKING_DAYS = 10;
/** Minutes a guest's confirmation code stays valid. */
export const CONTACT_CODE_MINUTES = 15;

export const TITLE_MAX = 150;
export const BODY_MAX = 4000;
export const NOTE_MAX = 2000;
export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;

/** Categories (data for the form; labels are messages `complaints.category.<code>`). */
export const complaintCategories = ['pelayanan', 'perizinan', 'kependudukan', 'infrastruktur', 'lingkungan', 'kesehatan', 'pendidikan', 'ketertiban', 'lainnya'] as const;
export type ComplaintCategory = (typeof complaintCategories)[number];

export type StaffAction = 'verify' | 'hold' | 'not_authority' | 'archive' | 'reroute' | 'respond' | 'resolve';

/** States in which each back-office action may be taken. */
const allowed: Record<StaffAction, readonly ComplaintStatus[]> = {
  verify: ['diterima', 'ditunda'],
  hold: ['diterima'],
  not_authority: ['diterima', 'ditunda'],
  archive: ['diterima', 'ditunda'],
  reroute: ['didisposisi', 'ditindaklanjuti'],
  respond: ['didisposisi', 'ditindaklanjuti'],
  resolve: ['didisposisi', 'ditindaklanjuti'],
};

export function canTake(action: StaffAction, status: ComplaintStatus): boolean {
  return allowed[action].includes(status);
}

/** Coordinator's actions vs. the routed agency's. */
export const coordinatorActions: readonly StaffAction[] = ['verify', 'hold', 'not_authority', 'archive', 'reroute'];
export const agencyActions: readonly StaffAction[] = ['respond', 'resolve'];

/** Open311 GeoReport v2 knows only `open` and `closed`. */
export function open311Status(status: ComplaintStatus): 'open' | 'closed' {
  return status === 'selesai' || status === 'bukan_wewenang' || status === 'diarsipkan' ? 'closed' : 'open';
}

/** The state closest to SP4N-LAPOR!'s own vocabulary, for a connector. */
export function laporStatus(status: ComplaintStatus): string {
  switch (status) {
    case 'menunggu_konfirmasi':
    case 'diterima':
      return 'Belum Terverifikasi';
    case 'ditunda':
      return 'Tunda';
    case 'bukan_wewenang':
      return 'Bukan Wewenang';
    case 'diarsipkan':
      return 'Arsip';
    case 'didisposisi':
      return 'Terdisposisi';
    case 'ditindaklanjuti':
      return 'Ditindaklanjuti';
    case 'selesai':
      return 'Selesai';
  }
}

/**
 * Text fit for the public: e-mail addresses, long digit runs (NIK, phone, account numbers) and
 * Indonesian mobile numbers written with spaces or dashes are replaced by "[disamarkan]".
 */
export function redactPublicText(text: string, mark = '[disamarkan]'): string {
  return text
    .replace(/[^\s@]+@[^\s@]+\.[^\s@]+/g, mark)
    .replace(/(?:\+?62|0)8[\d\s.-]{7,16}\d/g, mark)
    .replace(/\d[\d\s.-]{8,}\d/g, (m) => (m.replace(/\D/g, '').length >= 8 ? mark : m));
}

/**
 * The public form of a text: `redactPublicText` plus the reporter's name — the full name and
 * each part of it of three letters or more, in any case — replaced by the mark.
 */
export function maskForPublic(text: string, names: readonly (string | null | undefined)[] = [], mark = '[disamarkan]'): string {
  let out = redactPublicText(text, mark);
  const parts = new Set<string>();
  for (const n of names) {
    const full = (n ?? '').trim().replace(/\s+/g, ' ');
    if (full.length >= 3) parts.add(full);
    for (const w of full.split(' ')) if (w.replace(/[^\p{L}]/gu, '').length >= 3) parts.add(w);
  }
  // Longest first, so the full name is masked as one.
  for (const p of [...parts].sort((a, b) => b.length - a.length)) {
    const esc = p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
    out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${esc}(?![\\p{L}\\p{N}])`, 'giu'), mark);
  }
  return out;
}

/** The reporter's secret tracking code: 10 characters of an unambiguous alphabet, as XXXXX-XXXXX. */
export const TRACKING_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export function normaliseTrackingCode(raw: string): string {
  return raw.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 10);
}
export function formatTrackingCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}
