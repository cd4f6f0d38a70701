// Human labels of the audit trail: what kind of record (not the table name) and what was
// done (not the action code). Unknown codes fall back to a readable form of the code, so a
// new action shows something sensible before it gets its own label.
import type { Locale } from '../../platform/views/i18n.ts';

type Pair = readonly [id: string, en: string];

const entities: Record<string, Pair> = {
  agency: ['Perangkat daerah', 'Agency'],
  api_token: ['Token API', 'API token'],
  application: ['Permohonan', 'Application'],
  bank_account: ['Rekening bank', 'Bank account'],
  bank_credit: ['Dana masuk di rekening', 'Bank credit'],
  bill: ['Tagihan', 'Bill'],
  business: ['Badan usaha', 'Business'],
  content_item: ['Konten', 'Content item'],
  gov_audit: ['Audit TIK', 'ICT audit'],
  gov_audit_finding: ['Temuan audit TIK', 'ICT audit finding'],
  gov_coordination_request: ['Usulan koordinasi TIK', 'ICT coordination request'],
  gov_register_entry: ['Catatan register tata kelola', 'Governance register entry'],
  holiday: ['Hari libur', 'Holiday'],
  ict_application: ['Aplikasi (inventaris TIK)', 'Application (ICT inventory)'],
  ict_asset: ['Aset TIK', 'ICT asset'],
  ict_staff: ['SDM TIK', 'ICT staff'],
  ict_staff_figures: ['Data SDM TIK', 'ICT staff figures'],
  issued_document: ['Dokumen terbit (izin)', 'Issued document'],
  job: ['Pekerjaan latar belakang', 'Background job'],
  legal_document: ['Produk hukum', 'Legal document'],
  master_plan: ['Rencana induk SPBE', 'SPBE master plan'],
  maturity_stage: ['Tingkat kematangan', 'Maturity stage'],
  message_template: ['Templat pesan', 'Message template'],
  outbound_message: ['Pesan keluar', 'Outgoing message'],
  payment_daily_summary: ['Rekap harian penerimaan', 'Daily revenue summary'],
  pegi_rating: ['Penilaian PeGI', 'PeGI rating'],
  region: ['Profil daerah', 'Region profile'],
  roadmap_initiative: ['Inisiatif peta rencana', 'Roadmap initiative'],
  role_grant: ['Peran petugas', 'Staff role'],
  service: ['Layanan', 'Service'],
  session: ['Sesi masuk', 'Sign-in session'],
  sop: ['SOP layanan', 'Service SOP'],
  spbe_assessment: ['Evaluasi SPBE', 'SPBE assessment'],
  spbe_framework: ['Kerangka evaluasi SPBE', 'SPBE framework'],
  statement_import: ['Impor rekening koran', 'Bank statement import'],
  statement_mapping: ['Format rekening koran', 'Statement format'],
  user: ['Akun pengguna', 'User account'],
};

// What was done, by the last part of the action code (`payments.credit.assign` → assign).
const verbs: Record<string, Pair> = {
  create: ['Dibuat', 'Created'],
  created: ['Dibuat', 'Created'],
  update: ['Diubah', 'Changed'],
  updated: ['Diubah', 'Changed'],
  change: ['Diubah', 'Changed'],
  save: ['Disimpan', 'Saved'],
  saved: ['Disimpan', 'Saved'],
  scores_saved: ['Nilai disimpan', 'Scores saved'],
  delete: ['Dihapus', 'Deleted'],
  archive: ['Diarsipkan', 'Archived'],
  restore: ['Dipulihkan', 'Restored'],
  publish: ['Diterbitkan', 'Published'],
  withdraw: ['Ditarik', 'Withdrawn'],
  revoke: ['Dicabut', 'Revoked'],
  revoke_all: ['Semua dicabut', 'All revoked'],
  grant: ['Diberikan', 'Granted'],
  submit: ['Diajukan', 'Submitted'],
  resubmit: ['Diajukan ulang', 'Resubmitted'],
  assign: ['Ditugaskan / dicocokkan', 'Assigned'],
  claim: ['Diambil petugas', 'Claimed'],
  release: ['Dilepas petugas', 'Released'],
  forward: ['Diteruskan', 'Forwarded'],
  send_back: ['Dikembalikan untuk perbaikan', 'Sent back for correction'],
  escalate: ['Dieskalasi (lewat batas waktu)', 'Escalated (overdue)'],
  draft_prefilled: ['Draf diisi dari akun', 'Draft prefilled from the account'],
  approve: ['Disetujui', 'Approved'],
  approved: ['Disetujui', 'Approved'],
  reject: ['Ditolak', 'Rejected'],
  decline: ['Ditolak', 'Declined'],
  issue: ['Diterbitkan', 'Issued'],
  reissue: ['Diterbitkan ulang', 'Reissued'],
  expire: ['Kedaluwarsa', 'Expired'],
  renewal: ['Diperpanjang', 'Renewed'],
  cancel: ['Dibatalkan', 'Cancelled'],
  paid: ['Lunas', 'Paid'],
  receive: ['Diterima', 'Received'],
  ignore: ['Diabaikan', 'Ignored'],
  import: ['Diimpor', 'Imported'],
  send: ['Dikirim', 'Sent'],
  retry: ['Dicoba ulang', 'Retried'],
  install: ['Dipasang', 'Installed'],
  create_draft: ['Draf dibuat', 'Draft created'],
  update_draft: ['Draf diubah', 'Draft changed'],
  discard_draft: ['Draf dibuang', 'Draft discarded'],
  return_to_draft: ['Dikembalikan ke draf', 'Returned to draft'],
  start_review: ['Mulai direviu', 'Review started'],
  request_changes: ['Diminta perbaikan', 'Changes requested'],
  recommend: ['Rekomendasi diberikan', 'Recommendation given'],
  reviewed: ['Direviu', 'Reviewed'],
  finalised: ['Difinalkan', 'Finalised'],
  report: ['Laporan dibuat', 'Report made'],
  progress: ['Kemajuan dicatat', 'Progress recorded'],
  finding: ['Temuan dicatat', 'Finding recorded'],
  accept: ['Diterima', 'Accepted'],
  provide: ['Diserahkan', 'Handed over'],
  replace_file: ['Berkas diganti', 'File replaced'],
  assessment_opened: ['Evaluasi dibuka', 'Assessment opened'],
  evidence_proposed: ['Bukti diusulkan', 'Evidence proposed'],
  framework_loaded: ['Kerangka dimuat', 'Framework loaded'],
  register: ['Terdaftar', 'Registered'],
  register_walk_in: ['Didaftarkan di loket', 'Registered at the counter'],
  registration_abandoned: ['Pendaftaran tidak diselesaikan', 'Registration abandoned'],
  representative_add: ['Perwakilan ditambahkan', 'Representative added'],
  representative_revoke: ['Perwakilan dicabut', 'Representative removed'],
  invited: ['Diundang', 'Invited'],
  email_confirmed: ['E-mail dikonfirmasi', 'E-mail confirmed'],
  password_changed: ['Kata sandi diganti', 'Password changed'],
  password_reset: ['Kata sandi diatur ulang', 'Password reset'],
  password_reset_requested: ['Atur ulang kata sandi diminta', 'Password reset requested'],
  totp_enabled: ['Verifikasi dua langkah diaktifkan', 'Two-step verification turned on'],
  totp_disabled: ['Verifikasi dua langkah dimatikan', 'Two-step verification turned off'],
  totp_passed: ['Verifikasi dua langkah berhasil', 'Two-step verification passed'],
  totp_failed: ['Verifikasi dua langkah gagal', 'Two-step verification failed'],
  recovery_code_used: ['Masuk dengan kode pemulihan', 'Signed in with a recovery code'],
  recovery_code_failed: ['Kode pemulihan salah', 'Wrong recovery code'],
  recovery_codes_regenerated: ['Kode pemulihan dibuat ulang', 'Recovery codes regenerated'],
  nik_changed: ['NIK diubah oleh petugas', 'NIK changed by staff'],
  login: ['Masuk', 'Signed in'],
  logout: ['Keluar', 'Signed out'],
  login_failed: ['Gagal masuk', 'Sign-in failed'],
  login_refused: ['Masuk ditolak', 'Sign-in refused'],
  locked: ['Akun dikunci sementara', 'Account locked for a while'],
};

const pick = (pair: Pair, locale: Locale) => (locale === 'en' ? pair[1] : pair[0]);

/** `first_second` → `First second`: a readable fallback for codes without a label. */
function readable(code: string): string {
  const s = code.replace(/[._]+/g, ' ').trim();
  return s ? s[0]!.toUpperCase() + s.slice(1) : code;
}

export function entityLabel(locale: Locale, entityType: string): string {
  const pair = entities[entityType];
  return pair ? pick(pair, locale) : readable(entityType);
}

export function actionLabel(locale: Locale, action: string): string {
  const verb = action.split('.').at(-1) ?? action;
  const pair = verbs[verb];
  return pair ? pick(pair, locale) : readable(verb);
}

// Action codes whose subject is named differently from the record's kind.
const subjectAliases: Record<string, string> = {
  auth: 'session',
  content: 'content_item',
  document: 'issued_document',
  legal: 'legal_document',
  role: 'role_grant',
  token: 'api_token',
  credit: 'bank_credit',
  account: 'bank_account',
  callback: 'bank_credit',
  confirmation: 'bill',
  statement: 'statement_import',
  daily_summary: 'payment_daily_summary',
  plan: 'master_plan',
  roadmap: 'roadmap_initiative',
  asset: 'ict_asset',
  staff_figures: 'ict_staff_figures',
  spbe: 'spbe_assessment',
  maturity: 'maturity_stage',
  pegi: 'pegi_rating',
  audits: 'gov_audit',
  coordination: 'gov_coordination_request',
  handover: 'ict_application',
  outbox: 'outbound_message',
};

/** The kind of record an action code is about: `payments.credit.assign` → "Dana masuk di rekening". */
export function actionSubjectLabel(locale: Locale, action: string): string {
  const parts = action.split('.').slice(0, -1);
  for (let i = parts.length - 1; i >= 0; i--) {
    const p = parts[i]!;
    const key = entities[p] ? p : subjectAliases[p];
    if (key && entities[key]) return pick(entities[key], locale);
  }
  return readable(parts.join(' ') || action);
}

/** "Dicabut — Peran petugas": what was done and to what, for lists of actions. */
export function actionFullLabel(locale: Locale, action: string): string {
  return `${actionLabel(locale, action)} — ${actionSubjectLabel(locale, action)}`;
}

/** Every known action verb has both languages; used by the tests. */
export function knownVerbs(): string[] {
  return Object.keys(verbs);
}
