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

// ---- Field names of the before/after records ------------------------------------------------
// One label per field name (camelCase keys are read as snake_case: `startYear` = `start_year`);
// the same name means the same thing on every record, except the few overridden per record
// kind below. `audit.labels.unit.test.ts` fails when a field written to the trail has no label.
const fields: Record<string, Pair> = {
  ability_fair: ['Kemampuan TIK cukup', 'ICT skills fair'],
  ability_good: ['Kemampuan TIK baik', 'ICT skills good'],
  account_id: ['Akun', 'Account'],
  account_number: ['Nomor rekening', 'Account number'],
  achieved: ['Tercapai', 'Achieved'],
  acquired_on: ['Tanggal perolehan', 'Acquired on'],
  acquisition_method: ['Cara perolehan', 'How acquired'],
  active: ['Aktif', 'Active'],
  active_from: ['Berlaku sejak', 'Active from'],
  address: ['Alamat', 'Address'],
  address_set: ['Alamat diisi', 'Address set'],
  agency: ['Perangkat daerah', 'Agency'],
  agency_id: ['Perangkat daerah', 'Agency'],
  amount: ['Jumlah', 'Amount'],
  application: ['Aplikasi', 'Application'],
  application_id: ['Permohonan', 'Application'],
  applications: ['Aplikasi', 'Applications'],
  approved_at: ['Disetujui pada', 'Approved at'],
  approved_by: ['Disetujui oleh', 'Approved by'],
  archived_at: ['Diarsipkan pada', 'Archived at'],
  assignee: ['Petugas', 'Assigned officer'],
  attempts: ['Jumlah percobaan', 'Attempts'],
  audit_id: ['Audit TIK', 'ICT audit'],
  auditor_name: ['Nama auditor', 'Auditor name'],
  auditor_type: ['Jenis auditor', 'Auditor type'],
  bank: ['Bank', 'Bank'],
  bank_account_id: ['Rekening bank', 'Bank account'],
  bank_code: ['Kode bank', 'Bank code'],
  basis: ['Dasar', 'Basis'],
  bill_id: ['Tagihan', 'Bill'],
  bill_paid_amount: ['Jumlah terbayar tagihan', 'Amount paid on the bill'],
  bill_payment_code: ['Kode bayar tagihan', 'Bill payment code'],
  body: ['Isi', 'Body'],
  body_changed: ['Isi diubah', 'Body changed'],
  branch: ['Cabang alur', 'Branch'],
  by: ['Oleh', 'By'],
  category: ['Kategori', 'Category'],
  certifications: ['Sertifikasi', 'Certifications'],
  channel: ['Kanal', 'Channel'],
  civil_servants: ['Jumlah ASN', 'Civil servants'],
  code: ['Kode', 'Code'],
  competencies: ['Kompetensi', 'Competencies'],
  component: ['Komponen', 'Component'],
  condition: ['Kondisi', 'Condition'],
  confidentiality_duty: ['Kewajiban kerahasiaan', 'Confidentiality duty'],
  content: ['Isi', 'Content'],
  created: ['Dibuat', 'Created'],
  created_at: ['Dibuat pada', 'Created at'],
  created_by: ['Dibuat oleh', 'Created by'],
  credit_lines: ['Baris dana masuk', 'Credit lines'],
  current: ['Versi berlaku', 'Current version'],
  current_version: ['Versi terbit', 'Published version'],
  data_quality_duty: ['Kewajiban mutu data', 'Data quality duty'],
  data_sets: ['Set data', 'Data sets'],
  date: ['Tanggal', 'Date'],
  definition: ['Definisi', 'Definition'],
  delay_seconds: ['Jeda (detik)', 'Delay (seconds)'],
  developer_kind: ['Jenis pengembang', 'Developer kind'],
  developer_name: ['Nama pengembang', 'Developer name'],
  disposal_reason: ['Alasan penghapusan', 'Disposal reason'],
  disposed_on: ['Tanggal penghapusan', 'Disposed on'],
  documentation: ['Dokumentasi', 'Documentation'],
  domain: ['Domain', 'Domain'],
  draft_content: ['Isi draf', 'Draft content'],
  draft_form: ['Formulir draf', 'Draft form'],
  due_at: ['Batas waktu', 'Due at'],
  due_date: ['Batas waktu', 'Due date'],
  education: ['Pendidikan', 'Education'],
  email: ['E-mail', 'E-mail'],
  email_verified_at: ['E-mail dikonfirmasi pada', 'E-mail confirmed at'],
  end_date: ['Tanggal selesai', 'End date'],
  estimated_budget: ['Perkiraan anggaran', 'Estimated budget'],
  event: ['Peristiwa', 'Event'],
  expires_at: ['Berlaku sampai', 'Expires at'],
  expires_on: ['Berakhir pada', 'Expires on'],
  failed_logins: ['Gagal masuk berturut-turut', 'Failed sign-ins in a row'],
  failures: ['Jumlah kegagalan', 'Failures'],
  fields: ['Isian', 'Fields'],
  file_key: ['Berkas', 'File'],
  file_name: ['Nama berkas', 'File name'],
  file_sha256: ['Sidik berkas (SHA-256)', 'File fingerprint (SHA-256)'],
  file_size: ['Ukuran berkas', 'File size'],
  form: ['Formulir', 'Form'],
  framework: ['Kerangka', 'Framework'],
  funding_source: ['Sumber dana', 'Funding source'],
  handover_accepted_at: ['Serah terima diterima pada', 'Hand-over accepted at'],
  head_name: ['Nama kepala', 'Head'],
  head_title: ['Jabatan kepala', 'Head title'],
  hosting: ['Penempatan (hosting)', 'Hosting'],
  ict_able: ['Mampu TIK', 'ICT-able'],
  ict_specialists: ['Tenaga ahli TIK', 'ICT specialists'],
  id: ['ID', 'ID'],
  index: ['Indeks', 'Index'],
  indicator: ['Indikator', 'Indicator'],
  indicators: ['Indikator', 'Indicators'],
  infrastructure: ['Infrastruktur', 'Infrastructure'],
  institution: ['Kelembagaan', 'Institution'],
  item: ['Butir', 'Item'],
  kept_as_representative: ['Tetap sebagai perwakilan', 'Kept as representative'],
  kept_current: ['Sesi ini dipertahankan', 'Current session kept'],
  key: ['Kunci', 'Key'],
  key_id: ['Kunci tanda tangan', 'Signing key'],
  kind: ['Jenis', 'Kind'],
  kode_wilayah: ['Kode wilayah', 'Region code'],
  last_error: ['Galat terakhir', 'Last error'],
  last_login_at: ['Terakhir masuk', 'Last sign-in'],
  legal_basis: ['Dasar hukum', 'Legal basis'],
  legal_form: ['Bentuk badan usaha', 'Legal form'],
  level: ['Tingkat', 'Level'],
  licence_expires_on: ['Lisensi berakhir', 'Licence expires on'],
  lines: ['Baris', 'Lines'],
  link_url: ['Tautan', 'Link'],
  live_on: ['Mulai beroperasi', 'Live on'],
  locale: ['Bahasa', 'Language'],
  location: ['Lokasi', 'Location'],
  locked_until: ['Dikunci sampai', 'Locked until'],
  mapping: ['Pemetaan kolom', 'Column mapping'],
  mapping_name: ['Format rekening koran', 'Statement format'],
  mfa_pending: ['Menunggu verifikasi dua langkah', 'Two-step verification pending'],
  name: ['Nama', 'Name'],
  next_review_at: ['Kaji ulang berikutnya', 'Next review'],
  nib: ['NIB', 'NIB'],
  nik: ['NIK', 'NIK'],
  nip: ['NIP', 'NIP'],
  note: ['Catatan', 'Note'],
  number: ['Nomor', 'Number'],
  overpaid: ['Kelebihan bayar', 'Overpaid'],
  paid_amount: ['Jumlah terbayar', 'Amount paid'],
  parties: ['Para pihak', 'Parties'],
  password_changed_at: ['Kata sandi diganti pada', 'Password changed at'],
  password_hash: ['Kata sandi', 'Password'],
  payment_code: ['Kode bayar', 'Payment code'],
  percent: ['Persentase', 'Percentage'],
  person_record_created: ['Data orang dibuat', 'Person record created'],
  phone: ['Telepon', 'Phone'],
  planned_on: ['Rencana mulai', 'Planned on'],
  planned_year: ['Tahun rencana', 'Planned year'],
  planning: ['Perencanaan', 'Planning'],
  policy: ['Kebijakan', 'Policy'],
  popularity: ['Popularitas', 'Popularity'],
  position: ['Jabatan', 'Position'],
  predicate: ['Predikat', 'Rating'],
  proof_number: ['Nomor bukti transfer', 'Transfer reference'],
  proposal: ['Usulan', 'Proposal'],
  provisional: ['Belum ditetapkan', 'Provisional'],
  published_at: ['Diterbitkan pada', 'Published at'],
  purpose: ['Tujuan', 'Purpose'],
  reason: ['Alasan', 'Reason'],
  region_id: ['Daerah', 'Region'],
  receipt_number: ['Nomor kuitansi', 'Receipt number'],
  recipients: ['Penerima', 'Recipients'],
  related: ['Aplikasi terkait', 'Related applications'],
  released: ['Dilepas', 'Released'],
  representative_id: ['Perwakilan', 'Representative'],
  retired: ['Dihentikan', 'Retired'],
  retired_on: ['Dihentikan pada', 'Retired on'],
  review: ['Kaji ulang', 'Review'],
  review_months: ['Kaji ulang tiap (bulan)', 'Review every (months)'],
  reviewed_on: ['Dikaji ulang pada', 'Reviewed on'],
  revoked: ['Dicabut', 'Revoked'],
  revoked_at: ['Dicabut pada', 'Revoked at'],
  role: ['Peran', 'Role'],
  scope: ['Lingkup', 'Scope'],
  security: ['Keamanan', 'Security'],
  security_note: ['Catatan keamanan', 'Security note'],
  seq: ['Urutan', 'Sequence'],
  service: ['Layanan', 'Service'],
  service_id: ['Layanan', 'Service'],
  service_slug: ['Layanan', 'Service'],
  session_id: ['Sesi', 'Session'],
  sessions_revoked: ['Sesi dicabut', 'Sessions revoked'],
  severity: ['Tingkat keparahan', 'Severity'],
  sha256: ['Sidik berkas (SHA-256)', 'Fingerprint (SHA-256)'],
  short_name: ['Nama singkat', 'Short name'],
  slug: ['Alamat halaman', 'Page address'],
  sop_version: ['Versi SOP', 'SOP version'],
  source: ['Sumber', 'Source'],
  source_location: ['Lokasi kode sumber', 'Source code location'],
  stage: ['Tahap', 'Stage'],
  start_date: ['Tanggal mulai', 'Start date'],
  start_year: ['Tahun mulai', 'Start year'],
  state: ['Keadaan', 'State'],
  status: ['Status', 'Status'],
  step: ['Tahap', 'Step'],
  step_id: ['Tahap', 'Step'],
  subdomain: ['Subdomain', 'Subdomain'],
  subject: ['Judul pesan', 'Subject'],
  submitted_at: ['Diajukan pada', 'Submitted at'],
  submitted_by: ['Diajukan oleh', 'Submitted by'],
  summary: ['Ringkasan', 'Summary'],
  timezone: ['Zona waktu', 'Time zone'],
  title: ['Judul', 'Title'],
  totp_enabled_at: ['Verifikasi dua langkah aktif sejak', 'Two-step verification on since'],
  totp_last_step: ['Kode dua langkah terakhir', 'Last two-step code'],
  totp_secret: ['Rahasia dua langkah', 'Two-step secret'],
  tracking_number: ['Nomor lacak', 'Tracking number'],
  type: ['Jenis', 'Type'],
  updated: ['Diubah', 'Updated'],
  updated_at: ['Diubah pada', 'Updated at'],
  updated_by: ['Diubah oleh', 'Updated by'],
  url: ['Alamat web', 'Web address'],
  user_groups: ['Kelompok pengguna', 'User groups'],
  user_id: ['Pengguna', 'User'],
  users_note: ['Catatan pengguna', 'Users note'],
  valid_from: ['Berlaku mulai', 'Valid from'],
  valid_to: ['Berlaku sampai', 'Valid to'],
  valid_until: ['Berlaku sampai', 'Valid until'],
  value: ['Nilai', 'Value'],
  version: ['Versi', 'Version'],
  website: ['Situs web', 'Website'],
  withdrawn: ['Dicabut', 'Withdrawn'],
  withdrawn_at: ['Dicabut pada', 'Withdrawn at'],
  withdrawn_by: ['Dicabut oleh', 'Withdrawn by'],
  year: ['Tahun', 'Year'],
  years: ['Tahun', 'Years'],
};

// Where a field name means something more particular on one kind of record.
const fieldsByEntity: Record<string, Record<string, Pair>> = {
  application: { status: ['Status permohonan', 'Application status'], step: ['Tahap proses', 'Processing step'], version: ['Versi layanan', 'Service version'] },
  bill: { application: ['Permohonan', 'Application'], channel: ['Kanal pembayaran', 'Payment channel'] },
  gov_register_entry: { application: ['Aplikasi', 'Application'], role: ['Peran', 'Role'], position: ['Kedudukan', 'Position'] },
  ict_application: { item: ['Butir serah terima', 'Hand-over item'], kind: ['Jenis aplikasi', 'Application kind'] },
  message_template: { channel: ['Kanal pengiriman', 'Delivery channel'] },
  pegi_rating: { application: ['Aplikasi', 'Application'] },
  spbe_assessment: { index: ['Indeks SPBE', 'SPBE index'] },
  user: { kind: ['Jenis akun', 'Account kind'], source: ['Asal akun', 'Account source'] },
};

/** `startYear` → `start_year`, so a field has one label whichever way its code spells it. */
const snake = (field: string) => field.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

function fieldPair(entityType: string, field: string): Pair | undefined {
  const f = snake(field);
  return fieldsByEntity[entityType]?.[f] ?? fields[f];
}

/** Whether a field of this kind of record has a label of its own (used by the tests). */
export function hasFieldLabel(entityType: string, field: string): boolean {
  return /^\d+$/.test(field) || fieldPair(entityType, field) !== undefined;
}

/**
 * The label of a before/after field: `nilai_investasi` is never shown raw when labelled;
 * numbered entries (an assessment's indicators) read "Indikator 3"; an unknown field falls
 * back to a readable form of its name.
 */
export function fieldLabel(locale: Locale, entityType: string, field: string): string {
  if (/^\d+$/.test(field)) return entityType === 'spbe_assessment' ? `${locale === 'en' ? 'Indicator' : 'Indikator'} ${field}` : `No. ${field}`;
  const pair = fieldPair(entityType, field);
  return pair ? pick(pair, locale) : readable(snake(field));
}
