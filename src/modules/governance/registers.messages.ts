// Messages of coordination requests, audits and the governance registers (GOV-REG), keys
// `gov.reg.*`. Indonesian first; the same keys in English.
import { defineMessages } from '../../platform/views/i18n.ts';

type Pair = [id: string, en: string];
type RegisterTexts = Record<string, { title: Pair; description: Pair; f: Record<string, Pair> }>;

const common = {
  console: ['Tata Kelola SPBE', 'SPBE governance'],
  agency: ['Perangkat daerah', 'Agency'],
  all_agencies: ['Semua perangkat daerah', 'All agencies'],
  all: ['Semua', 'All'],
  apply: ['Terapkan', 'Apply'],
  filters: ['Saring daftar', 'Filter the list'],
  search: ['Cari', 'Search'],
  paging: ['Halaman daftar', 'List pages'],
  page_of: ['Halaman {page} dari {pages} ({total} data).', 'Page {page} of {pages} ({total} records).'],
  prev: ['« Sebelumnya', '« Previous'],
  next: ['Berikutnya »', 'Next »'],
  export_csv: ['Unduh CSV', 'Download CSV'],
  none: ['Belum ada data.', 'Nothing recorded yet.'],
  flags: ['Peringatan', 'Warnings'],
  region_level: ['Tingkat daerah (seluruh pemerintah daerah)', 'Region-wide'],
  new_entry: ['Tambah data', 'Add an entry'],
  new_title: ['Tambah: {name}', 'Add: {name}'],
  edit_title: ['Ubah: {name}', 'Edit: {name}'],
  edit: ['Ubah', 'Edit'],
  save: ['Simpan', 'Save'],
  saved: ['Perubahan tersimpan.', 'Saved.'],
  updated_at: ['Terakhir diubah', 'Last changed'],
  timeline: ['Riwayat', 'Timeline'],
  date_hint: ['Format TTTT-BB-HH, misalnya 2026-12-31.', 'Format YYYY-MM-DD, e.g. 2026-12-31.'],
  rupiah_hint: ['Rupiah tanpa desimal, misalnya 250000000.', 'Whole Rupiah, e.g. 250000000.'],
  invalid_date: ['Tanggal tidak valid (TTTT-BB-HH).', 'Not a valid date (YYYY-MM-DD).'],
  invalid_url: ['Alamat harus diawali http:// atau https://.', 'The address must start with http:// or https://.'],
  to_before_from: ['Tanggal akhir tidak boleh sebelum tanggal mulai.', 'The end date cannot be before the start date.'],
  resolved_needs_date: ['Insiden yang selesai perlu tanggal penyelesaian.', 'A resolved incident needs the date it was resolved.'],
  stale: ['Data ini telah diubah orang lain sejak Anda membukanya. Muat ulang halaman lalu ulangi perubahan Anda.', 'Someone else changed this record since you opened it. Reload the page and make your change again.'],
  'domain.hint': ['Nama lengkap, misalnya aplikasi.namadaerah.go.id; harus berada di bawah domain pemerintah daerah.', "Full name, e.g. app.region.go.id; must be under the region's domain."],
  'domain.invalid': ['Nama domain tidak valid (huruf kecil, angka, tanda hubung dan titik).', 'Not a valid domain name (lower-case letters, digits, hyphens and dots).'],
  'domain.outside': ['Domain harus berada di bawah domain pemerintah daerah ({domain}).', "The domain must be under the region's domain ({domain})."],
  'flag.expired': ['Kedaluwarsa', 'Expired'],
  'flag.expiring': ['Segera berakhir', 'Ending soon'],
  'flag.domain_expired': ['Domain kedaluwarsa', 'Domain expired'],
  'flag.domain_expiring': ['Domain berakhir dalam 30 hari', 'Domain expires within 30 days'],
  'flag.ssl_expired': ['Sertifikat SSL kedaluwarsa', 'SSL certificate expired'],
  'flag.ssl_expiring': ['Sertifikat SSL berakhir dalam 30 hari', 'SSL certificate expires within 30 days'],
  'flag.inactive': ['Masa tugas berakhir', 'Term ended'],
  'flag.review_overdue': ['Tinjauan terlambat', 'Review overdue'],
} satisfies Record<string, Pair>;

const options = {
  agreement: ['Perjanjian kerja sama', 'Agreement'],
  sop: ['SOP', 'SOP'],
  head_order: ['Perintah kepala daerah', "Head of region's order"],
  agency_site: ['Situs perangkat daerah', 'Agency website'],
  application: ['Aplikasi', 'Application'],
  service: ['Layanan', 'Service'],
  other: ['Lainnya', 'Other'],
  cio: ['CIO (Chief Information Officer)', 'CIO (Chief Information Officer)'],
  deputy_cio: ['Wakil CIO', 'Deputy CIO'],
  steering_member: ['Anggota Tim Pengarah SPBE', 'SPBE steering team member'],
  pse_contact: ['Narahubung Penyelenggara Sistem Elektronik (PSE)', 'System operator (PSE) contact'],
  infrastructure: ['Infrastruktur', 'Infrastructure'],
  security: ['Keamanan', 'Security'],
  data: ['Data', 'Data'],
  hr: ['SDM', 'Human resources'],
  low: ['Rendah', 'Low'],
  medium: ['Sedang', 'Medium'],
  high: ['Tinggi', 'High'],
  critical: ['Kritis', 'Critical'],
  open: ['Terbuka', 'Open'],
  mitigating: ['Dalam mitigasi', 'Being mitigated'],
  closed: ['Ditutup', 'Closed'],
  contained: ['Terkendali', 'Contained'],
  resolved: ['Selesai', 'Resolved'],
  proposed: ['Diusulkan', 'Proposed'],
  approved: ['Disetujui', 'Approved'],
  rejected: ['Ditolak', 'Rejected'],
  implemented: ['Diterapkan', 'Implemented'],
  oral_warning: ['Teguran lisan', 'Oral warning'],
  written_warning: ['Teguran tertulis', 'Written warning'],
  new_application: ['Aplikasi baru', 'New application'],
  procurement: ['Pengadaan TIK', 'ICT procurement'],
  network: ['Jaringan', 'Network'],
  internal: ['Internal', 'Internal'],
  external: ['Eksternal', 'External'],
} satisfies Record<string, Pair>;

/** Register titles, descriptions and field labels. */
const registerTexts = {
  'data-sharing-agreements': {
    title: ['Berbagi Pakai Data', 'Data-sharing agreements'],
    description: [
      'Berbagi pakai data antar-Penyelenggara Sistem Elektronik berdasarkan perjanjian, SOP atau perintah kepala daerah, dengan kewajiban kerahasiaan dan mutu data.',
      "Data sharing between system operators by agreement, SOP or the head of region's order, with confidentiality and data-quality duties.",
    ],
    f: {
      title: ['Judul', 'Title'],
      parties: ['Para pihak (PSE / perangkat daerah)', 'Parties (system operators / agencies)'],
      dataSets: ['Data yang dibagipakaikan', 'Data sets shared'],
      basis: ['Bentuk', 'Form'],
      legalBasis: ['Dasar hukum', 'Legal basis'],
      purpose: ['Tujuan', 'Purpose'],
      validFrom: ['Berlaku sejak', 'Valid from'],
      validTo: ['Berlaku sampai', 'Valid until'],
      confidentialityDuty: ['Kewajiban menjaga kerahasiaan', 'Confidentiality duty'],
      dataQualityDuty: ['Kewajiban menjaga mutu data', 'Data-quality duty'],
      documentUrl: ['Tautan dokumen', 'Document link'],
    },
  },
  domains: {
    title: ['Domain dan Subdomain', 'Domains and subdomains'],
    description: ['Nama domain dan subdomain perangkat daerah, aplikasi dan layanan di bawah domain pemerintah daerah.', "Domain and subdomain names of agencies, applications and services under the region's domain."],
    f: {
      name: ['Nama domain', 'Domain name'],
      application: ['Aplikasi', 'Application'],
      purpose: ['Penggunaan', 'Use'],
      expiresOn: ['Berlaku sampai', 'Expires on'],
      sslExpiresOn: ['Sertifikat SSL berlaku sampai', 'SSL certificate expires on'],
    },
  },
  'governance-people': {
    title: ['Pengelola SPBE', 'SPBE officials'],
    description: ['CIO, wakil CIO, Tim Pengarah SPBE dan narahubung Penyelenggara Sistem Elektronik tiap perangkat daerah.', "CIO, deputy CIO, the SPBE steering team and each agency's system operator contact."],
    f: {
      role: ['Peran', 'Role'],
      name: ['Nama', 'Name'],
      position: ['Jabatan', 'Position'],
      decreeNumber: ['Nomor surat keputusan', 'Decree number'],
      decreeDate: ['Tanggal surat keputusan', 'Decree date'],
      activeFrom: ['Masa tugas sejak', 'Term from'],
      activeTo: ['Masa tugas sampai', 'Term until'],
      contact: ['Kontak', 'Contact'],
    },
  },
  risks: {
    title: ['Register Risiko SPBE', 'SPBE risk register'],
    description: ['Risiko SPBE dengan kemungkinan, dampak, pemilik dan mitigasinya.', 'SPBE risks with likelihood, impact, owner and mitigation.'],
    f: {
      title: ['Risiko', 'Risk'],
      description: ['Uraian', 'Description'],
      category: ['Kategori', 'Category'],
      likelihood: ['Kemungkinan', 'Likelihood'],
      impact: ['Dampak', 'Impact'],
      owner: ['Pemilik risiko', 'Risk owner'],
      mitigation: ['Rencana mitigasi', 'Mitigation plan'],
      status: ['Status', 'Status'],
      reviewOn: ['Tinjauan berikutnya', 'Next review'],
    },
  },
  'security-incidents': {
    title: ['Insiden Keamanan Informasi', 'Information-security incidents'],
    description: ['Catatan insiden keamanan informasi dan penanganannya.', 'Information-security incidents and how they were handled.'],
    f: {
      title: ['Insiden', 'Incident'],
      occurredOn: ['Tanggal kejadian', 'Occurred on'],
      system: ['Sistem terdampak', 'System affected'],
      severity: ['Tingkat keparahan', 'Severity'],
      description: ['Uraian', 'Description'],
      owner: ['Penanggung jawab', 'Owner'],
      status: ['Status', 'Status'],
      resolvedOn: ['Tanggal selesai', 'Resolved on'],
      actions: ['Tindakan yang diambil', 'Actions taken'],
    },
  },
  'change-requests': {
    title: ['Permintaan Perubahan', 'Change requests'],
    description: ['Manajemen perubahan sistem dan layanan TIK.', 'Change management of ICT systems and services.'],
    f: {
      title: ['Perubahan', 'Change'],
      system: ['Sistem', 'System'],
      description: ['Uraian', 'Description'],
      impact: ['Dampak', 'Impact'],
      owner: ['Penanggung jawab', 'Owner'],
      status: ['Status', 'Status'],
      requestedOn: ['Tanggal permintaan', 'Requested on'],
      plannedOn: ['Rencana penerapan', 'Planned for'],
      implementedOn: ['Tanggal penerapan', 'Implemented on'],
    },
  },
  sanctions: {
    title: ['Sanksi Administratif', 'Administrative sanctions'],
    description: ['Sanksi administratif atas pelanggaran ketentuan SPBE: teguran lisan atau teguran tertulis.', 'Administrative sanctions for breaches of the SPBE rules: oral or written warning.'],
    f: {
      breach: ['Pelanggaran', 'Breach'],
      kind: ['Jenis sanksi', 'Kind of sanction'],
      basis: ['Dasar (pasal peraturan)', 'Basis (regulation article)'],
      issuedOn: ['Tanggal', 'Date'],
      issuedBy: ['Dijatuhkan oleh', 'Issued by'],
      letterNumber: ['Nomor surat', 'Letter number'],
    },
  },
} satisfies RegisterTexts;

const coord = {
  title: ['Koordinasi Rencana TIK', 'ICT coordination requests'],
  lead: [
    'Perangkat daerah mengonsultasikan rencana pembangunan dan pengembangan TIK kepada Dinas Kominfo; Dinas memberi rekomendasi teknis serta acuan anggaran dan harga, lalu menyetujui atau meminta perbaikan. Kemajuan dilaporkan secara berkala.',
    'Agencies consult their planned ICT initiatives with the Dinas Kominfo, which gives a technical recommendation and budget and price guidance, then approves or asks for changes. Progress is reported periodically.',
  ],
  new: ['Ajukan rencana TIK', 'New coordination request'],
  edit: ['Ubah rencana TIK', 'Edit the request'],
  state: ['Status', 'State'],
  'state.draft': ['Draf', 'Draft'],
  'state.submitted': ['Diajukan', 'Submitted'],
  'state.in_review': ['Dikaji Dinas', 'In review'],
  'state.changes_requested': ['Perlu perbaikan', 'Changes requested'],
  'state.approved': ['Disetujui', 'Approved'],
  'state.declined': ['Ditolak', 'Declined'],
  'f.title': ['Nama kegiatan', 'Initiative'],
  'f.kind': ['Jenis', 'Kind'],
  'f.description': ['Uraian rencana', 'Description'],
  'f.estimatedBudget': ['Perkiraan anggaran (Rp)', 'Estimated budget (Rp)'],
  'f.plannedYear': ['Tahun rencana', 'Planned year'],
  'f.attachmentUrl': ['Tautan lampiran (KAK, RAB)', 'Attachment link (terms of reference, budget)'],
  'f.note': ['Catatan', 'Note'],
  'f.reason': ['Alasan', 'Reason'],
  'f.recommendation': ['Rekomendasi teknis', 'Technical recommendation'],
  'f.budgetGuidance': ['Acuan anggaran (Rp)', 'Budget guidance (Rp)'],
  'f.priceGuidance': ['Acuan harga', 'Price guidance'],
  'f.reportDate': ['Tanggal laporan', 'Report date'],
  'f.percent': ['Kemajuan (%)', 'Progress (%)'],
  attachment_hint: ['Opsional: tautan ke dokumen pendukung.', 'Optional: a link to supporting documents.'],
  note_hint: ['Wajib untuk meminta perbaikan atau menolak.', 'Required to ask for changes or to decline.'],
  decision: ['Tindak lanjut', 'Next step'],
  'action.submit': ['Ajukan ke Dinas', 'Submit to the Dinas'],
  'action.start_review': ['Mulai kaji', 'Start review'],
  'action.recommend': ['Simpan rekomendasi', 'Save recommendation'],
  'action.request_changes': ['Minta perbaikan', 'Ask for changes'],
  'action.approve': ['Setujui', 'Approve'],
  'action.decline': ['Tolak', 'Decline'],
  'event.create': ['Draf dibuat', 'Draft created'],
  'event.submit': ['Diajukan', 'Submitted'],
  'event.start_review': ['Mulai dikaji', 'Review started'],
  'event.recommend': ['Rekomendasi diberikan', 'Recommendation given'],
  'event.request_changes': ['Perbaikan diminta', 'Changes requested'],
  'event.approve': ['Disetujui', 'Approved'],
  'event.decline': ['Ditolak', 'Declined'],
  'event.progress': ['Laporan kemajuan', 'Progress report'],
  progress: ['Laporan kemajuan', 'Progress reports'],
  no_progress: ['Belum ada laporan kemajuan.', 'No progress reported yet.'],
  add_progress: ['Kirim laporan kemajuan', 'Report progress'],
  next_report: ['Laporan berikutnya paling lambat', 'Next report due'],
  progress_overdue: ['Laporan kemajuan terlambat', 'Progress report overdue'],
  not_editable: ['Rencana hanya dapat diubah saat draf atau saat perbaikan diminta.', 'The request can be changed only as a draft or when changes were requested.'],
  illegal: ['Tindakan ini tidak dapat dilakukan pada status sekarang.', 'This action is not possible in the current state.'],
  reason_required: ['Tuliskan alasan penolakan.', 'Give the reason for declining.'],
  changes_required: ['Tuliskan perbaikan yang diminta.', 'Say which changes are needed.'],
  recommend_first: ['Berikan rekomendasi teknis sebelum menyetujui.', 'Give the technical recommendation before approving.'],
  progress_not_approved: ['Kemajuan hanya dilaporkan untuk rencana yang telah disetujui.', 'Progress is reported only on approved requests.'],
  future_date: ['Tanggal laporan tidak boleh di masa depan.', 'The report date cannot be in the future.'],
} satisfies Record<string, Pair>;

const audit = {
  title: ['Audit TIK', 'ICT audits'],
  lead: [
    'Audit infrastruktur, aplikasi dan keamanan SPBE beserta temuan dan tindak lanjutnya. Audit infrastruktur dilakukan paling sedikit sekali dalam dua tahun.',
    'Audits of SPBE infrastructure, applications and security with their findings and follow-up. The infrastructure audit is due at least every two years.',
  ],
  new: ['Catat audit', 'Record an audit'],
  edit: ['Ubah audit', 'Edit the audit'],
  list: ['Daftar audit', 'Audits'],
  detail_title: ['Audit {kind}, {date}', '{kind} audit, {date}'],
  'f.agency': ['Auditee (perangkat daerah)', 'Auditee (agency)'],
  'f.kind': ['Jenis audit', 'Kind of audit'],
  'f.scope': ['Ruang lingkup', 'Scope'],
  'f.auditorType': ['Auditor', 'Auditor'],
  'f.auditorName': ['Nama auditor / lembaga', 'Auditor name / body'],
  'f.startDate': ['Tanggal mulai', 'Start date'],
  'f.endDate': ['Tanggal selesai', 'End date'],
  'f.finding': ['Temuan', 'Finding'],
  'f.description': ['Uraian temuan', 'Description'],
  'f.severity': ['Tingkat risiko', 'Severity'],
  'f.owner': ['Penanggung jawab tindak lanjut', 'Owner agency'],
  'f.dueDate': ['Batas tindak lanjut', 'Due date'],
  'f.note': ['Catatan tindak lanjut', 'Follow-up note'],
  period: ['Periode audit', 'Audit period'],
  findings: ['Temuan', 'Findings'],
  findings_title: ['Temuan audit dan tindak lanjut', 'Audit findings and follow-up'],
  findings_link: ['Semua temuan terbuka dan tindak lanjutnya', 'All open findings and their follow-up'],
  'f.status': ['Status', 'Status'],
  no_findings: ['Tidak ada temuan.', 'No findings.'],
  new_finding: ['Tambah temuan', 'Add a finding'],
  add_finding: ['Simpan temuan', 'Save the finding'],
  add_follow_up: ['Simpan tindak lanjut', 'Save the follow-up'],
  close: ['Tutup temuan ini (tindak lanjut selesai)', 'Close this finding (follow-up complete)'],
  closed_with: ['temuan ditutup', 'finding closed'],
  'status.open': ['Terbuka', 'Open'],
  'status.closed': ['Ditutup', 'Closed'],
  finding_late: ['Lewat batas', 'Past due'],
  finding_closed: ['Temuan ini sudah ditutup.', 'This finding is already closed.'],
  close_needs_note: ['Menutup temuan memerlukan catatan tindak lanjut.', 'Closing a finding needs a follow-up note.'],
  open_findings: ['Temuan terbuka', 'Open findings'],
  infra_heading: ['Audit infrastruktur yang terlambat', 'Infrastructure audits overdue'],
  infra_hint: ['Audit infrastruktur terakhir lebih dari dua tahun lalu atau belum pernah dilakukan.', 'The last infrastructure audit is more than two years old, or there has been none.'],
  infra_none_late: ['Tidak ada audit infrastruktur yang terlambat.', 'No infrastructure audit is overdue.'],
  last_infra: ['Audit infrastruktur terakhir', 'Last infrastructure audit'],
  due: ['Jatuh tempo', 'Due'],
  late: ['Terlambat', 'Overdue'],
  never: ['Belum pernah', 'Never'],
  region_wide: ['{name} (tingkat daerah)', '{name} (region-wide)'],
} satisfies Record<string, Pair>;

const report = {
  heading: ['Audit TIK dan Temuan', 'ICT audits and findings'],
  audits_in_period: ['Audit selesai dalam periode', 'Audits completed in the period'],
  open: ['Temuan terbuka — {severity}', 'Open findings — {severity}'],
  late_findings: ['Temuan melewati batas tindak lanjut', 'Findings past their due date'],
} satisfies Record<string, Pair>;

const id: Record<string, string> = {};
const en: Record<string, string> = {};
const put = (prefix: string, entries: Record<string, Pair>) => {
  for (const [k, [i, e]] of Object.entries(entries)) {
    id[`${prefix}${k}`] = i;
    en[`${prefix}${k}`] = e;
  }
};
put('gov.reg.', common);
put('gov.reg.opt.', options);
put('gov.reg.coord.', coord);
put('gov.reg.audit.', audit);
put('gov.reg.report.', report);
for (const [key, r] of Object.entries(registerTexts)) {
  put(`gov.reg.${key}.`, { title: r.title, description: r.description });
  put(`gov.reg.${key}.f.`, r.f);
}

type K<T> = keyof T & string;
type RegisterKeys = {
  [R in K<typeof registerTexts>]: `gov.reg.${R}.title` | `gov.reg.${R}.description` | `gov.reg.${R}.f.${K<(typeof registerTexts)[R]['f']>}`;
}[K<typeof registerTexts>];
/** Exactly the keys `put` builds above, spelled as types so that `t()` can check them. */
type RegistersKey =
  | `gov.reg.${K<typeof common>}`
  | `gov.reg.opt.${K<typeof options>}`
  | `gov.reg.coord.${K<typeof coord>}`
  | `gov.reg.audit.${K<typeof audit>}`
  | `gov.reg.report.${K<typeof report>}`
  | RegisterKeys;

export const registersMessages = defineMessages<RegistersKey>({ id: id as Record<RegistersKey, string>, en: en as Record<RegistersKey, string> });
