/**
 * Demo catalogue: the public services of the fictional "Provinsi Contoh" (issue 3, item 5),
 * loaded with the demo region. Data only, no I/O.
 *
 * Each service carries the 14 components of the Standar Pelayanan (Permenpan RB 15/2014,
 * STANDARDS §1) and its application form. The services are those a PROVINCE provides under
 * the division of powers of UU 23/2014 (e.g. SMA/SMK, trayek AKDP, rumah sakit kelas B,
 * kapal perikanan 5–30 GT, peraturan perusahaan lintas kabupaten/kota), covering the priority
 * sectors of seed 001 (pajak dan pendapatan daerah, pendidikan, penanaman modal, industri-
 * perdagangan-UKM-koperasi, ketenagakerjaan) plus kesehatan, perhubungan, pariwisata and a
 * few others. Names, numbers and addresses of the province are fictional.
 *
 * Organisation components that an agency shares across its services (complaint channels,
 * facilities, internal supervision, security, evaluation, counter and contact) come from the
 * agency's `desk` below; each service states its own requirements, procedure, time, fee,
 * product, staff competence, staff count and service guarantee. `legalKeys[i]` is the document
 * of `demoLegalDocuments` cited by `content.legalBasis[i]` (the loader fills legalDocumentId).
 * Every document requirement gets exactly one file field: the service's sections may place it
 * themselves (e.g. under a condition); the others are collected in a last section
 * "Unggah dokumen persyaratan".
 */
import type { z } from 'zod';
import type { fileTypes, formDefinitionSchema, serviceContentSchema } from './catalog.schemas.ts';
import { demoAgencies } from '../agencies/index.ts';
import { demoLegalDocument, legalCitation } from './demo-legal.ts';

type ServiceContentInput = z.input<typeof serviceContentSchema>;
type FormDefinitionInput = z.input<typeof formDefinitionSchema>;
type Requirement = NonNullable<ServiceContentInput['requirements']>[number];
type Section = NonNullable<FormDefinitionInput['sections']>[number];
type Field = Section['fields'][number];
type FileType = (typeof fileTypes)[number];

export interface DemoService {
  /** kebab-case, unique: the public URL /layanan/<slug> */
  slug: string;
  /** slug of the owning agency in demoAgencies */
  agencySlug: string;
  content: ServiceContentInput;
  form: FormDefinitionInput;
  /** keys of demoLegalDocuments, in the order of content.legalBasis */
  legalKeys: string[];
}

// ---- Building blocks ---------------------------------------------------------------------

const PDF: FileType[] = ['application/pdf'];
const PDF_IMG: FileType[] = ['application/pdf', 'image/jpeg', 'image/png'];
const IMG: FileType[] = ['image/jpeg', 'image/png'];

function doc(key: string, name: string, explanation: string, opts: { optional?: boolean; types?: FileType[]; maxMb?: number } = {}): Requirement {
  return { key, name, kind: 'document', mandatory: !opts.optional, fileTypes: opts.types ?? PDF_IMG, maxSizeMb: opts.maxMb ?? 2, explanation };
}

function data(key: string, name: string, explanation: string, optional = false): Requirement {
  return { key, name, kind: 'data', mandatory: !optional, fileTypes: [], explanation };
}

/** Fields filled from the applicant's account (P-4). */
const F = {
  name: (label = 'Nama lengkap sesuai KTP'): Field => ({ key: 'nama', type: 'text', label, labelEn: 'Full name', required: true, prefill: 'name', rules: { maxLength: 100 } }),
  nik: (): Field => ({ key: 'nik', type: 'nik', label: 'NIK', labelEn: 'National identity number (NIK)', required: true, prefill: 'nik' }),
  phone: (): Field => ({ key: 'telepon', type: 'phone', label: 'Nomor telepon/WhatsApp', labelEn: 'Phone number', required: true, prefill: 'phone' }),
  email: (required = true): Field => ({ key: 'email', type: 'email', label: 'Alamat e-mail', labelEn: 'E-mail address', required, prefill: 'email' }),
  address: (label = 'Alamat sesuai KTP'): Field => ({ key: 'alamat', type: 'address', label, labelEn: 'Address', required: true, addressLevel: 'village', prefill: 'address' }),
  business: (label = 'Nama badan usaha'): Field => ({ key: 'nama_usaha', type: 'text', label, labelEn: 'Business name', required: true, prefill: 'business_name', rules: { maxLength: 150 } }),
  nib: (required = true): Field => ({ key: 'nib', type: 'nib', label: 'Nomor Induk Berusaha (NIB)', labelEn: 'Business identification number (NIB)', required, prefill: 'nib' }),
  npwp: (required = true): Field => ({
    key: 'npwp',
    type: 'text',
    label: 'NPWP',
    labelEn: 'Taxpayer number (NPWP)',
    help: '16 digit, atau format lama 15 digit (XX.XXX.XXX.X-XXX.XXX).',
    required,
    prefill: 'npwp',
    rules: { pattern: '^[0-9.-]{15,20}$' },
  }),
  /** A file field placed explicitly (e.g. under a condition); the others are added by `service`. */
  file: (requirementKey: string, label: string, extra: Partial<Field> = {}): Field => ({ key: requirementKey, type: 'file', label, requirementKey, ...extra }),
};

/** What an agency shares across its services. */
interface Desk {
  complaintHandling: string;
  facilities: string;
  internalSupervision: string;
  securityGuarantee: string;
  performanceEvaluation: string;
  counterInfo: string;
  hours: string;
}

const desks: Record<string, Desk> = {
  bapenda: {
    complaintHandling:
      'Pengaduan, saran dan masukan dapat disampaikan melalui menu Pengaduan di portal layanan Provinsi Contoh, SP4N-LAPOR! (lapor.go.id atau SMS 1708), e-mail bapenda@contohprov.go.id, telepon (0380) 821035, atau kotak saran di setiap kantor Samsat. Pengaduan dijawab paling lama 3 hari kerja dan diselesaikan paling lama 14 hari kerja.',
    facilities:
      'Kantor Samsat induk dan 21 Samsat pembantu di kabupaten/kota, Samsat Keliling, gerai Samsat di pusat perbelanjaan, ruang tunggu ber-AC, nomor antrean elektronik, loket prioritas bagi penyandang disabilitas, lansia dan ibu hamil, pembayaran melalui bank, kantor pos, QRIS dan e-Samsat.',
    internalSupervision:
      'Pengawasan melekat oleh Kepala UPTD Pendapatan Daerah dan Kepala Bidang Pajak Daerah; rekonsiliasi penerimaan harian dengan Bank Pembangunan Daerah; pemeriksaan berkala oleh Inspektorat Daerah dan tim pembina Samsat (Bapenda, Ditlantas Polda, Jasa Raharja).',
    securityGuarantee:
      'Data wajib pajak dilindungi sesuai UU 27/2022 dan hanya diakses petugas berwenang; pembayaran langsung ke Rekening Kas Umum Daerah dengan kode bayar unik; bukti pembayaran dilengkapi kode validasi; kantor dilengkapi CCTV, APAR dan jalur evakuasi.',
    performanceEvaluation:
      'Survei Kepuasan Masyarakat setiap semester sesuai Permenpan RB 14/2017, evaluasi capaian target penerimaan dan waktu layanan setiap bulan oleh Kepala Bapenda, serta penilaian kinerja pegawai (SKP) setiap tahun.',
    counterInfo:
      'Kantor Samsat Kota Contoh, Jl. Cendana No. 6, atau Samsat pembantu terdekat: Senin–Jumat 08.00–15.00 WITA, Sabtu 08.00–12.00 WITA. Bawa dokumen asli untuk diperlihatkan kepada petugas.',
    hours: 'Senin–Jumat 08.00–15.00 WITA, Sabtu 08.00–12.00 WITA',
  },
  bpkad: {
    complaintHandling:
      'Pengaduan dan masukan melalui portal layanan Provinsi Contoh (menu Pengaduan), SP4N-LAPOR! (SMS 1708), e-mail bpkad@contohprov.go.id atau kotak saran di ruang layanan Bidang Aset. Tanggapan awal paling lama 3 hari kerja.',
    facilities: 'Ruang layanan Bidang Aset Daerah dengan meja konsultasi, sistem informasi barang milik daerah (SIMDA BMD), peta aset digital dan kendaraan untuk peninjauan lapangan.',
    internalSupervision: 'Pengawasan oleh Kepala Bidang Aset dan Sekretaris BPKAD; penilaian objek sewa oleh tim penilai; audit atas pemanfaatan barang milik daerah oleh Inspektorat Daerah dan BPK RI.',
    securityGuarantee: 'Perjanjian sewa dibuat tertulis dan dicatat dalam daftar pemanfaatan BMD; pembayaran hanya ke Rekening Kas Umum Daerah; data pemohon dijaga kerahasiaannya.',
    performanceEvaluation: 'Survei Kepuasan Masyarakat setiap tahun dan evaluasi capaian retribusi pemakaian kekayaan daerah setiap triwulan.',
    counterInfo: 'Ruang Layanan Bidang Aset, Kantor BPKAD, Jl. Cendana No. 4, Kota Contoh: Senin–Jumat 08.00–15.30 WITA.',
    hours: 'Senin–Jumat 08.00–15.30 WITA',
  },
  dikbud: {
    complaintHandling:
      'Pengaduan disampaikan melalui portal layanan Provinsi Contoh, SP4N-LAPOR! (lapor.go.id, SMS 1708), e-mail dikbud@contohprov.go.id, telepon (0380) 821011 atau kotak saran di Unit Layanan Terpadu Dinas. Setiap pengaduan dicatat dan ditanggapi paling lama 5 hari kerja.',
    facilities:
      'Unit Layanan Terpadu (ULT) Dinas Pendidikan dan Kebudayaan dengan ruang tunggu, komputer swalayan untuk mengunggah berkas, pemindai dokumen, arsip data kelulusan SMA/SMK/SLB sejak 1970, serta akses kursi roda.',
    internalSupervision:
      'Pengawasan oleh Kepala Bidang Pembinaan SMA, SMK dan Pendidikan Khusus serta Sekretaris Dinas; verifikasi silang dengan Dapodik; pemeriksaan oleh Inspektorat Daerah.',
    securityGuarantee: 'Dokumen asli hanya diperlihatkan dan dikembalikan saat itu juga; data peserta didik dan pemohon diproses sesuai UU 27/2022; dokumen yang diterbitkan memuat kode QR untuk pemeriksaan keaslian.',
    performanceEvaluation: 'Survei Kepuasan Masyarakat setiap semester dan evaluasi waktu penyelesaian setiap bulan dalam rapat pimpinan Dinas.',
    counterInfo: 'Unit Layanan Terpadu Dinas Pendidikan dan Kebudayaan, Jl. Flamboyan No. 10, Kota Contoh: Senin–Kamis 08.00–15.30 WITA, Jumat 08.00–11.00 WITA.',
    hours: 'Senin–Kamis 08.00–15.30 WITA, Jumat 08.00–11.00 WITA',
  },
  dpmptsp: {
    complaintHandling:
      'Pengaduan perizinan dapat disampaikan melalui menu Pengaduan portal layanan Provinsi Contoh, SP4N-LAPOR! (SMS 1708), e-mail dpmptsp@contohprov.go.id, telepon (0380) 821024, meja pengaduan di Mal Pelayanan Publik atau kotak saran. Pengaduan ditangani tim pengelola pengaduan DPMPTSP dan dijawab paling lama 5 hari kerja.',
    facilities:
      'Gedung Pelayanan Terpadu Satu Pintu di Mal Pelayanan Publik Kota Contoh: loket perizinan, meja konsultasi OSS, ruang laktasi, ruang bermain anak, fasilitas disabilitas (ramp, toilet khusus, kursi roda), komputer swalayan dan Wi-Fi gratis.',
    internalSupervision:
      'Pengawasan melekat oleh Kepala Bidang Pelayanan Perizinan; pemantauan service level agreement di dasbor OSS dan portal layanan; evaluasi tim teknis perangkat daerah; pemeriksaan oleh Inspektorat Daerah dan Ombudsman RI Perwakilan.',
    securityGuarantee:
      'Perizinan diterbitkan secara elektronik dengan tanda tangan elektronik tersertifikasi BSrE dan kode QR; data pelaku usaha dilindungi sesuai UU 27/2022; petugas dilarang menerima imbalan dalam bentuk apa pun (zona integritas).',
    performanceEvaluation:
      'Survei Kepuasan Masyarakat setiap triwulan, laporan realisasi investasi dan kepatuhan SLA perizinan setiap bulan kepada Gubernur, dan penilaian kinerja pelaksana setiap tahun.',
    counterInfo: 'Mal Pelayanan Publik Kota Contoh, loket DPMPTSP Provinsi, Jl. Lontar No. 36: Senin–Jumat 08.00–16.00 WITA.',
    hours: 'Senin–Jumat 08.00–16.00 WITA',
  },
  'diskop-ukm': {
    complaintHandling:
      'Saran dan pengaduan melalui portal layanan Provinsi Contoh (menu Pengaduan), SP4N-LAPOR! (SMS 1708), e-mail diskop-ukm@contohprov.go.id atau kotak saran di ruang PLUT-KUMKM. Ditanggapi paling lama 5 hari kerja.',
    facilities: 'Pusat Layanan Usaha Terpadu KUMKM (PLUT) dengan ruang konsultasi, ruang pelatihan 40 kursi, galeri produk UKM, perangkat presentasi dan akses internet.',
    internalSupervision: 'Pengawasan oleh Kepala Bidang Kelembagaan dan Pengawasan Koperasi; penilaian oleh pengawas koperasi bersertifikat; pemeriksaan oleh Inspektorat Daerah.',
    securityGuarantee: 'Data keuangan koperasi dan pelaku usaha hanya digunakan untuk keperluan pembinaan dan dijaga kerahasiaannya sesuai UU 27/2022; ruang layanan dilengkapi CCTV dan APAR.',
    performanceEvaluation: 'Survei Kepuasan Masyarakat setiap tahun dan evaluasi jumlah koperasi sehat serta UKM binaan naik kelas setiap semester.',
    counterInfo: 'PLUT-KUMKM, Kantor Dinas Koperasi dan UKM, Jl. Lontar No. 34, Kota Contoh: Senin–Jumat 08.00–15.30 WITA.',
    hours: 'Senin–Jumat 08.00–15.30 WITA',
  },
  disperindag: {
    complaintHandling:
      'Pengaduan melalui portal layanan Provinsi Contoh, SP4N-LAPOR! (SMS 1708), e-mail disperindag@contohprov.go.id, telepon (0380) 821032 atau kotak saran di loket layanan perdagangan. Tanggapan paling lama 3 hari kerja.',
    facilities: 'Loket layanan perdagangan dan industri, klinik konsultasi ekspor dan halal, ruang tunggu, komputer untuk akses aplikasi e-SKA dan SIHALAL, serta parkir luas.',
    internalSupervision: 'Pengawasan oleh Kepala Bidang Perdagangan Luar Negeri dan Kepala Bidang Industri; pemeriksaan sampel dokumen oleh pejabat penandatangan; audit oleh Inspektorat Daerah.',
    securityGuarantee: 'Dokumen elektronik diverifikasi melalui sistem kementerian terkait; dokumen dagang pelaku usaha dijaga kerahasiaannya; petugas bersertifikat dan berseragam resmi.',
    performanceEvaluation: 'Survei Kepuasan Masyarakat setiap semester, evaluasi jumlah dokumen terbit dan waktu penerbitan setiap bulan.',
    counterInfo: 'Loket Layanan Dinas Perindustrian dan Perdagangan, Jl. Asam No. 52, Kota Contoh: Senin–Jumat 08.00–15.30 WITA.',
    hours: 'Senin–Jumat 08.00–15.30 WITA',
  },
  disnakertrans: {
    complaintHandling:
      'Pengaduan layanan ketenagakerjaan melalui portal layanan Provinsi Contoh (menu Pengaduan), SP4N-LAPOR! (SMS 1708), e-mail disnakertrans@contohprov.go.id, telepon (0380) 821016 atau kotak saran di ruang layanan. Pengaduan dijawab paling lama 5 hari kerja.',
    facilities: 'Ruang layanan ketenagakerjaan, ruang mediasi tertutup untuk hubungan industrial, UPTD Balai Latihan Kerja dengan 8 bengkel kejuruan, ruang tunggu dan akses disabilitas.',
    internalSupervision:
      'Pengawasan oleh Kepala Bidang Hubungan Industrial dan Jaminan Sosial serta Kepala Bidang Pelatihan dan Penempatan Tenaga Kerja; pengawasan oleh pengawas ketenagakerjaan provinsi; pemeriksaan oleh Inspektorat Daerah.',
    securityGuarantee: 'Dokumen perusahaan dan data pekerja dijaga kerahasiaannya; sidang mediasi tertutup untuk umum; data diproses sesuai UU 27/2022.',
    performanceEvaluation: 'Survei Kepuasan Masyarakat setiap semester; evaluasi jumlah perselisihan yang selesai dan peraturan perusahaan yang disahkan setiap triwulan.',
    counterInfo: 'Ruang Layanan Dinas Tenaga Kerja dan Transmigrasi, Jl. Melati No. 20, Kota Contoh: Senin–Jumat 08.00–15.30 WITA.',
    hours: 'Senin–Jumat 08.00–15.30 WITA',
  },
  dinkes: {
    complaintHandling:
      'Pengaduan melalui portal layanan Provinsi Contoh, SP4N-LAPOR! (SMS 1708), e-mail dinkes@contohprov.go.id, telepon (0380) 821012 atau kotak saran di ruang layanan perizinan kesehatan. Ditanggapi paling lama 5 hari kerja.',
    facilities: 'Ruang layanan perizinan kesehatan, tim visitasi dengan kendaraan operasional, ruang rapat tim penilai, akses ke sistem informasi fasilitas pelayanan kesehatan Kementerian Kesehatan.',
    internalSupervision: 'Pengawasan oleh Kepala Bidang Pelayanan Kesehatan dan Kepala Bidang Sumber Daya Kesehatan; penilaian oleh tim visitasi yang ditetapkan Kepala Dinas; audit oleh Inspektorat Daerah.',
    securityGuarantee: 'Hasil penilaian dan data tenaga kesehatan dijaga kerahasiaannya; izin terbit dengan tanda tangan elektronik dan kode QR melalui OSS; petugas visitasi membawa surat tugas.',
    performanceEvaluation: 'Survei Kepuasan Masyarakat setiap tahun; evaluasi ketepatan waktu penerbitan izin setiap triwulan.',
    counterInfo: 'Ruang Layanan Perizinan Kesehatan, Dinas Kesehatan, Jl. Anggrek No. 12, Kota Contoh: Senin–Jumat 08.00–15.00 WITA.',
    hours: 'Senin–Jumat 08.00–15.00 WITA',
  },
  'rsud-provinsi': {
    complaintHandling:
      'Keluhan pasien melalui portal layanan Provinsi Contoh, SP4N-LAPOR! (SMS 1708), e-mail rsud-provinsi@contohprov.go.id, unit pengaduan pasien di lobi utama (24 jam) dan kotak saran di setiap poliklinik. Keluhan ditanggapi paling lama 1×24 jam.',
    facilities: 'Anjungan pendaftaran mandiri, layar antrean poliklinik, 14 poliklinik spesialis, ruang tunggu ber-AC, kursi roda, apotek rawat jalan, kantin dan musala.',
    internalSupervision: 'Pengawasan oleh Satuan Pemeriksa Internal RSUD, Komite Medik dan Komite Mutu; pemantauan indikator mutu nasional (waktu tunggu rawat jalan) setiap bulan.',
    securityGuarantee: 'Rekam medis dijaga kerahasiaannya sesuai UU 17/2023 dan UU 27/2022; petugas keamanan 24 jam, CCTV, sistem proteksi kebakaran dan jalur evakuasi.',
    performanceEvaluation: 'Survei Kepuasan Masyarakat setiap semester; evaluasi indikator mutu waktu tunggu rawat jalan setiap bulan; akreditasi rumah sakit berkala.',
    counterInfo: 'Loket pendaftaran rawat jalan, lobi utama RSUD Provinsi Contoh, Jl. Sehat No. 19: Senin–Kamis 07.30–12.00 WITA, Jumat 07.30–10.30 WITA, Sabtu 07.30–11.00 WITA.',
    hours: 'Pendaftaran Senin–Kamis 07.30–12.00 WITA, Jumat 07.30–10.30 WITA, Sabtu 07.30–11.00 WITA',
  },
  rsjd: {
    complaintHandling:
      'Keluhan disampaikan melalui portal layanan Provinsi Contoh, SP4N-LAPOR! (SMS 1708), e-mail rsjd@contohprov.go.id, petugas humas di loket pendaftaran atau kotak saran. Ditanggapi paling lama 2 hari kerja.',
    facilities: 'Ruang pemeriksaan psikiatri, ruang tes psikologi berkapasitas 30 peserta, laboratorium klinik untuk tes narkoba, ruang tunggu dan toilet ramah disabilitas.',
    internalSupervision: 'Pengawasan oleh Kepala Bidang Pelayanan Medik dan Satuan Pemeriksa Internal; telaah acak hasil pemeriksaan oleh Komite Medik.',
    securityGuarantee: 'Hasil tes psikologi dan pemeriksaan jiwa bersifat rahasia, hanya diserahkan kepada pemohon atau instansi yang ditunjuk pemohon; sampel laboratorium diberi label dan diawasi.',
    performanceEvaluation: 'Survei Kepuasan Masyarakat setiap semester dan evaluasi waktu penerbitan surat keterangan setiap bulan.',
    counterInfo: 'Loket Pemeriksaan Kesehatan Jiwa (Medical Check Up), RSJD Provinsi Contoh, Jl. Sehat No. 21: Senin–Jumat 08.00–12.00 WITA. Pemohon datang langsung, tidak dapat diwakilkan.',
    hours: 'Senin–Jumat 08.00–12.00 WITA',
  },
  dishub: {
    complaintHandling:
      'Pengaduan melalui portal layanan Provinsi Contoh, SP4N-LAPOR! (SMS 1708), e-mail dishub@contohprov.go.id, telepon (0380) 821021 atau kotak saran di loket Bidang Lalu Lintas dan Angkutan. Ditanggapi paling lama 5 hari kerja.',
    facilities: 'Loket layanan angkutan jalan, ruang sidang tim evaluasi andalalin, sistem informasi jaringan trayek AKDP dan kendaraan peninjauan lapangan.',
    internalSupervision: 'Pengawasan oleh Kepala Bidang Lalu Lintas dan Angkutan Jalan; verifikasi lapangan oleh tim evaluasi; pemeriksaan oleh Inspektorat Daerah.',
    securityGuarantee: 'Keputusan diterbitkan dengan tanda tangan elektronik dan kode QR; data perusahaan angkutan dan kendaraan hanya digunakan untuk keperluan perizinan dan pengawasan.',
    performanceEvaluation: 'Survei Kepuasan Masyarakat setiap tahun; evaluasi kinerja trayek dan ketepatan waktu layanan setiap semester.',
    counterInfo: 'Loket Bidang Lalu Lintas dan Angkutan, Dinas Perhubungan, Jl. Pelabuhan No. 30, Kota Contoh: Senin–Jumat 08.00–15.00 WITA.',
    hours: 'Senin–Jumat 08.00–15.00 WITA',
  },
  dispar: {
    complaintHandling:
      'Saran dan pengaduan melalui portal layanan Provinsi Contoh, SP4N-LAPOR! (SMS 1708), e-mail dispar@contohprov.go.id atau kotak saran di Tourist Information Center. Tanggapan paling lama 3 hari kerja.',
    facilities: 'Tourist Information Center di Kantor Dinas Pariwisata, ruang uji dan pembekalan pramuwisata, kalender event daring dan materi promosi.',
    internalSupervision: 'Pengawasan oleh Kepala Bidang Destinasi dan Industri Pariwisata serta Kepala Bidang Pemasaran; verifikasi oleh tim kurasi event.',
    securityGuarantee: 'Data pemohon dan penyelenggara dijaga sesuai UU 27/2022; kartu dan rekomendasi memuat kode QR untuk pemeriksaan keaslian.',
    performanceEvaluation: 'Survei Kepuasan Masyarakat setiap tahun; evaluasi jumlah event dan kunjungan wisatawan setiap semester.',
    counterInfo: 'Tourist Information Center, Dinas Pariwisata, Jl. Pantai Indah No. 44, Kota Contoh: Senin–Jumat 08.00–15.30 WITA.',
    hours: 'Senin–Jumat 08.00–15.30 WITA',
  },
  dinsos: {
    complaintHandling:
      'Pengaduan melalui portal layanan Provinsi Contoh, SP4N-LAPOR! (SMS 1708), e-mail dinsos@contohprov.go.id, telepon (0380) 821015 atau kotak saran di ruang layanan. Masyarakat juga dapat melaporkan pengumpulan dana tanpa izin.',
    facilities: 'Ruang layanan terpadu Dinas Sosial, ruang konsultasi, akses kursi roda dan toilet disabilitas.',
    internalSupervision: 'Pengawasan oleh Kepala Bidang Perlindungan dan Jaminan Sosial; pemeriksaan laporan pertanggungjawaban penyelenggara; pemeriksaan oleh Inspektorat Daerah.',
    securityGuarantee: 'Izin hanya diberikan kepada organisasi yang terdaftar; hasil pengumpulan wajib diaudit dan diumumkan; data pemohon dijaga kerahasiaannya.',
    performanceEvaluation: 'Survei Kepuasan Masyarakat setiap tahun dan evaluasi laporan penggunaan hasil pengumpulan setiap triwulan.',
    counterInfo: 'Ruang Layanan Dinas Sosial, Jl. Melati No. 18, Kota Contoh: Senin–Jumat 08.00–15.30 WITA.',
    hours: 'Senin–Jumat 08.00–15.30 WITA',
  },
  'dinas-esdm': {
    complaintHandling:
      'Pengaduan melalui portal layanan Provinsi Contoh, SP4N-LAPOR! (SMS 1708), e-mail dinas-esdm@contohprov.go.id atau kotak saran di loket Bidang Geologi dan Air Tanah. Ditanggapi paling lama 5 hari kerja.',
    facilities: 'Loket layanan, peta cekungan air tanah digital, peralatan uji pemompaan dan kendaraan peninjauan lapangan.',
    internalSupervision: 'Pengawasan oleh Kepala Bidang Geologi dan Air Tanah; peninjauan lapangan oleh tim teknis; pemantauan muka air tanah pada sumur pantau.',
    securityGuarantee: 'Hasil peninjauan dituangkan dalam berita acara yang ditandatangani pemohon; data pemohon dijaga kerahasiaannya; petugas lapangan menggunakan alat pelindung diri.',
    performanceEvaluation: 'Survei Kepuasan Masyarakat setiap tahun; evaluasi jumlah persetujuan dan kepatuhan pelaporan volume pengambilan air tanah setiap semester.',
    counterInfo: 'Loket Bidang Geologi dan Air Tanah, Dinas ESDM, Jl. Asam No. 50, Kota Contoh: Senin–Jumat 08.00–15.00 WITA.',
    hours: 'Senin–Jumat 08.00–15.00 WITA',
  },
  dlhk: {
    complaintHandling:
      'Pengaduan layanan dan pengaduan pencemaran lingkungan melalui portal layanan Provinsi Contoh, SP4N-LAPOR! (SMS 1708), e-mail dlhk@contohprov.go.id atau kotak saran. Ditanggapi paling lama 5 hari kerja.',
    facilities: 'Ruang layanan persetujuan lingkungan, ruang rapat pemeriksaan dokumen, laboratorium lingkungan terakreditasi dan akses ke sistem AMDALNET.',
    internalSupervision: 'Pengawasan oleh Kepala Bidang Tata Lingkungan; pemeriksaan dokumen oleh tim pemeriksa bersertifikat; pengawasan kepatuhan oleh pejabat pengawas lingkungan hidup daerah.',
    securityGuarantee: 'Dokumen lingkungan diproses melalui AMDALNET dengan jejak audit; data pemrakarsa dijaga kerahasiaannya; peninjauan lapangan dengan alat pelindung diri.',
    performanceEvaluation: 'Survei Kepuasan Masyarakat setiap tahun; evaluasi ketepatan waktu pemeriksaan dan tingkat kepatuhan pemegang persetujuan lingkungan setiap semester.',
    counterInfo: 'Ruang Layanan Persetujuan Lingkungan, DLHK, Jl. Ampupu No. 26, Kota Contoh: Senin–Jumat 08.00–15.30 WITA.',
    hours: 'Senin–Jumat 08.00–15.30 WITA',
  },
  dkp: {
    complaintHandling:
      'Pengaduan melalui portal layanan Provinsi Contoh, SP4N-LAPOR! (SMS 1708), e-mail dkp@contohprov.go.id, telepon (0380) 821027 atau kotak saran di pelabuhan perikanan. Ditanggapi paling lama 5 hari kerja.',
    facilities: 'Loket layanan perizinan perikanan di Kantor DKP dan Pelabuhan Perikanan Pantai Contoh, petugas pemeriksa fisik kapal, ruang tunggu nelayan.',
    internalSupervision: 'Pengawasan oleh Kepala Bidang Perikanan Tangkap; pemeriksaan fisik kapal oleh petugas bersertifikat; pengawasan oleh pengawas perikanan.',
    securityGuarantee: 'Data kapal dan pemilik dijaga kerahasiaannya; pemeriksaan fisik kapal dilakukan di pelabuhan dengan memperhatikan keselamatan; izin terbit elektronik dengan kode QR.',
    performanceEvaluation: 'Survei Kepuasan Masyarakat setiap tahun; evaluasi jumlah kapal berizin dan kepatuhan log book setiap semester.',
    counterInfo: 'Loket Perizinan Perikanan, DKP, Jl. Pantai Indah No. 42, dan Pelabuhan Perikanan Pantai Contoh: Senin–Jumat 08.00–15.00 WITA.',
    hours: 'Senin–Jumat 08.00–15.00 WITA',
  },
  diskominfo: {
    complaintHandling:
      'Keberatan dan pengaduan melalui portal layanan Provinsi Contoh, SP4N-LAPOR! (SMS 1708), e-mail ppid@contohprov.go.id atau diskominfo@contohprov.go.id, atau meja layanan PPID. Keberatan atas jawaban informasi diajukan kepada atasan PPID paling lambat 30 hari kerja.',
    facilities: 'Meja layanan informasi PPID, komputer akses informasi publik, ruang baca, layanan meja bantuan (helpdesk) TIK dan pusat data provinsi.',
    internalSupervision: 'Pengawasan oleh Sekretaris Daerah selaku atasan PPID dan Kepala Bidang Aplikasi Informatika; laporan layanan informasi setiap tahun kepada Komisi Informasi Provinsi.',
    securityGuarantee: 'Informasi dikecualikan hanya berdasarkan uji konsekuensi; identitas pemohon dilindungi sesuai UU 27/2022; subdomain dan server dilindungi TLS, firewall dan pemindaian kerentanan berkala.',
    performanceEvaluation: 'Survei Kepuasan Masyarakat setiap tahun; laporan tahunan layanan informasi publik; evaluasi waktu respons helpdesk setiap bulan.',
    counterInfo: 'Meja Layanan PPID dan Helpdesk, Dinas Komunikasi dan Informatika, Jl. Lontar No. 32, Kota Contoh: Senin–Jumat 08.00–15.30 WITA.',
    hours: 'Senin–Jumat 08.00–15.30 WITA',
  },
  kesbangpol: {
    complaintHandling: 'Pengaduan melalui portal layanan Provinsi Contoh, SP4N-LAPOR! (SMS 1708), e-mail kesbangpol@contohprov.go.id atau kotak saran di loket layanan. Ditanggapi paling lama 3 hari kerja.',
    facilities: 'Loket layanan surat keterangan penelitian, ruang tunggu dan komputer untuk pemeriksaan berkas.',
    internalSupervision: 'Pengawasan oleh Kepala Bidang Politik Dalam Negeri dan Sekretaris Badan; pemeriksaan oleh Inspektorat Daerah.',
    securityGuarantee: 'Data peneliti dijaga kerahasiaannya; surat keterangan memuat kode QR untuk pemeriksaan keaslian oleh instansi lokasi penelitian.',
    performanceEvaluation: 'Survei Kepuasan Masyarakat setiap tahun dan evaluasi waktu penerbitan setiap triwulan.',
    counterInfo: 'Loket Layanan Badan Kesatuan Bangsa dan Politik, Jl. Beringin No. 11, Kota Contoh: Senin–Jumat 08.00–15.00 WITA.',
    hours: 'Senin–Jumat 08.00–15.00 WITA',
  },
};

type DeskComponent = 'complaintHandling' | 'facilities' | 'internalSupervision' | 'securityGuarantee' | 'performanceEvaluation' | 'counterInfo';
type ServiceSpec = Omit<ServiceContentInput, 'legalBasis' | 'contact' | DeskComponent> & Partial<Pick<ServiceContentInput, DeskComponent>>;

const typeNames: Record<FileType, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPG', 'image/png': 'PNG' };

/** Assembles a service: desk components, contact, citations, and the upload section. */
function service(agencySlug: string, slug: string, legalKeys: string[], spec: ServiceSpec, sections: Section[]): DemoService {
  const desk = desks[agencySlug];
  const agency = demoAgencies.find((a) => a.slug === agencySlug);
  if (!desk || !agency) throw new Error(`demo catalogue: no desk or agency for ${agencySlug}`);
  const counter = (spec.channels ?? []).includes('counter');
  const content: ServiceContentInput = {
    complaintHandling: desk.complaintHandling,
    facilities: desk.facilities,
    internalSupervision: desk.internalSupervision,
    securityGuarantee: desk.securityGuarantee,
    performanceEvaluation: desk.performanceEvaluation,
    counterInfo: counter ? desk.counterInfo : '',
    ...spec,
    legalBasis: legalKeys.map((k) => ({ citation: legalCitation(demoLegalDocument(k)) })),
    contact: { phone: agency.phone, email: agency.email, address: agency.address, hours: desk.hours },
  };
  const placed = new Set(sections.flatMap((s) => s.fields.filter((f) => f.type === 'file').map((f) => f.requirementKey)));
  const uploads: Field[] = (spec.requirements ?? [])
    .filter((r) => r.kind === 'document' && !placed.has(r.key))
    .map((r) => ({
      key: r.key,
      type: 'file',
      label: r.name,
      help: `${(r.fileTypes ?? PDF_IMG).map((t) => typeNames[t]).join('/')}, maks. ${r.maxSizeMb ?? 2} MB. ${r.explanation ?? ''}`.trim().slice(0, 500),
      required: r.mandatory,
      requirementKey: r.key,
    }));
  const all = uploads.length ? [...sections, { key: 'dokumen', title: 'Unggah dokumen persyaratan', titleEn: 'Upload required documents', fields: uploads }] : sections;
  return { slug, agencySlug, content, form: { sections: all }, legalKeys };
}

// ---- Pajak dan pendapatan daerah ---------------------------------------------------------

const platePattern = '^(DH|EB) ?[0-9]{1,4} ?[A-Z]{1,3}$';

const vehicleTax: DemoService[] = [
  service(
    'bapenda',
    'pembayaran-pkb-tahunan',
    ['uu-1-2022', 'perpres-5-2015', 'pp-76-2020', 'perda-contoh-3-2024-pdrd'],
    {
      name: 'Pembayaran Pajak Kendaraan Bermotor (PKB) Tahunan dan Pengesahan STNK',
      nameEn: 'Annual Motor Vehicle Tax (PKB) Payment and Registration Endorsement',
      summary: 'Cek tagihan dan bayar PKB tahunan beserta SWDKLLJ secara daring atau di Samsat; STNK disahkan tanpa antre panjang.',
      summaryEn: 'Check and pay the annual motor vehicle tax and compulsory road accident insurance online or at a Samsat office; the registration certificate is endorsed the same day.',
      sectors: ['pajak-pendapatan', 'perhubungan'],
      keywords: ['pajak motor', 'pajak mobil', 'bayar pajak kendaraan', 'stnk', 'samsat', 'e-samsat', 'pkb'],
      channels: ['online', 'counter'],
      requirements: [
        doc('stnk', 'STNK kendaraan', 'Foto atau pindaian STNK yang masih berlaku; di loket bawa STNK asli.', { types: PDF_IMG }),
        doc('ktp_pemilik', 'KTP pemilik kendaraan', 'Nama pada KTP harus sama dengan nama pada STNK. Bila berbeda, gunakan layanan balik nama.'),
        data('nomor_polisi', 'Nomor polisi kendaraan', 'Contoh: DH 1234 AB.'),
        data('nomor_rangka', 'Lima karakter terakhir nomor rangka', 'Tertera pada STNK; dipakai untuk memastikan kendaraan milik pemohon.'),
      ],
      procedure: [
        { title: 'Cek tagihan', description: 'Masukkan nomor polisi dan lima karakter terakhir nomor rangka; sistem menampilkan PKB, SWDKLLJ, PNBP pengesahan dan denda bila terlambat.' },
        { title: 'Unggah STNK dan KTP', description: 'Dokumen dicocokkan otomatis dengan data registrasi kendaraan.' },
        { title: 'Bayar dengan kode bayar', description: 'Kode bayar berlaku 2×24 jam; bayar melalui bank, kantor pos, minimarket mitra atau QRIS.' },
        { title: 'Pengesahan STNK', description: 'Setelah pembayaran terverifikasi, notice pajak elektronik terbit; pengesahan fisik STNK dapat dilakukan di Samsat atau gerai mana pun dalam 30 hari.' },
      ],
      completionDays: 0,
      fee: {
        kind: 'tariff',
        regulation: 'PKB dan SWDKLLJ sesuai notice (Perda Provinsi Contoh 3/2024); PNBP pengesahan STNK sesuai PP 76/2020',
        lines: [
          { label: 'PNBP pengesahan STNK — sepeda motor/roda tiga', amount: 25_000 },
          { label: 'PNBP pengesahan STNK — mobil penumpang, bus, barang', amount: 50_000 },
        ],
      },
      product: { name: 'Notice pajak (SKPD) elektronik dan STNK yang disahkan', description: 'Notice memuat kode validasi pembayaran.', validity: { years: 1 } },
      staffCompetence: 'Petugas Samsat memahami ketentuan PKB dan SWDKLLJ, mampu mengoperasikan aplikasi Samsat dan e-Samsat, serta melayani dengan ramah; kasir tersertifikasi pengelolaan kas daerah.',
      staffCount: 42,
      serviceGuarantee: 'Notice terbit seketika setelah pembayaran terverifikasi; pengesahan STNK di loket paling lama 30 menit sejak nomor antrean dipanggil.',
    },
    [
      {
        key: 'kendaraan',
        title: 'Data kendaraan',
        titleEn: 'Vehicle',
        fields: [
          { key: 'nomor_polisi', type: 'text', label: 'Nomor polisi', labelEn: 'Plate number', required: true, help: 'Contoh: DH 1234 AB', rules: { maxLength: 12, pattern: platePattern } },
          { key: 'nomor_rangka', type: 'text', label: 'Lima karakter terakhir nomor rangka', required: true, rules: { minLength: 5, maxLength: 5, pattern: '^[A-Z0-9]{5}$' } },
          {
            key: 'jenis_kendaraan',
            type: 'choice',
            label: 'Jenis kendaraan',
            labelEn: 'Vehicle type',
            required: true,
            options: [
              { value: 'roda2', label: 'Sepeda motor / roda tiga' },
              { value: 'roda4', label: 'Mobil penumpang, bus atau mobil barang' },
            ],
          },
        ],
      },
      { key: 'pemilik', title: 'Pemilik kendaraan', titleEn: 'Owner', fields: [F.name(), F.nik(), F.phone()] },
    ],
  ),
  service(
    'bapenda',
    'balik-nama-kendaraan-bermotor',
    ['uu-1-2022', 'perpres-5-2015', 'pp-76-2020', 'perda-contoh-3-2024-pdrd'],
    {
      name: 'Balik Nama Kendaraan Bermotor Bekas (Mutasi Kepemilikan dalam Provinsi)',
      nameEn: 'Change of Ownership of a Used Motor Vehicle',
      summary: 'Ganti nama pemilik pada STNK dan BPKB kendaraan bekas yang dibeli di Provinsi Contoh. Sejak UU 1/2022, penyerahan kedua dan seterusnya tidak dikenai BBNKB.',
      summaryEn: 'Register a used vehicle in the new owner’s name. Since Law 1/2022 no transfer tax (BBNKB) is due on second and later transfers; only police registration fees apply.',
      sectors: ['pajak-pendapatan', 'perhubungan'],
      keywords: ['balik nama', 'bbnkb', 'beli motor bekas', 'ganti nama stnk', 'bpkb', 'mutasi kendaraan'],
      channels: ['online', 'counter'],
      requirements: [
        doc('bpkb', 'BPKB asli', 'Pindaian halaman identitas pemilik dan kendaraan; BPKB asli diserahkan di loket untuk dicetak ulang.', { types: PDF }),
        doc('stnk', 'STNK asli', 'STNK atas nama pemilik lama yang masih berlaku.'),
        doc('ktp_pemilik_baru', 'KTP pemilik baru', 'Alamat pada KTP menentukan Samsat tempat pendaftaran.'),
        doc('kuitansi', 'Kuitansi jual beli bermeterai', 'Ditandatangani penjual dan pembeli, bermeterai Rp10.000.'),
        doc('cek_fisik', 'Hasil cek fisik kendaraan', 'Blanko gesekan nomor rangka dan nomor mesin dari petugas cek fisik Samsat.'),
        doc('surat_kuasa', 'Surat kuasa bermeterai', 'Hanya bila pengurusan diwakilkan; lampirkan juga KTP penerima kuasa.', { optional: true }),
      ],
      procedure: [
        { title: 'Daftar daring', description: 'Isi data kendaraan dan pemilik baru, unggah dokumen; sistem memeriksa tunggakan PKB.' },
        { title: 'Cek fisik', description: 'Bawa kendaraan ke Samsat untuk cek fisik nomor rangka dan nomor mesin pada jadwal yang dipilih.' },
        { title: 'Verifikasi dan penetapan', description: 'Petugas Polri dan Bapenda memverifikasi berkas dan menetapkan PKB tahun berjalan serta PNBP.' },
        { title: 'Pembayaran', description: 'Bayar dengan kode bayar di kasir Samsat, bank atau QRIS.' },
        { title: 'Penyerahan', description: 'STNK dan TNKB baru diserahkan hari itu; BPKB atas nama pemilik baru dapat diambil di Ditlantas Polda paling lama 14 hari kerja.' },
      ],
      completionDays: 1,
      fee: {
        kind: 'tariff',
        regulation: 'PP 76/2020 tentang PNBP pada Polri; BBNKB atas penyerahan kedua dan seterusnya tidak dipungut (UU 1/2022, Perda Provinsi Contoh 3/2024)',
        lines: [
          { label: 'Penerbitan STNK — roda 2/3', amount: 100_000 },
          { label: 'Penerbitan TNKB — roda 2/3', amount: 60_000 },
          { label: 'Penerbitan BPKB ganti pemilik — roda 2/3', amount: 225_000 },
          { label: 'Penerbitan STNK — roda 4 atau lebih', amount: 200_000 },
          { label: 'Penerbitan TNKB — roda 4 atau lebih', amount: 100_000 },
          { label: 'Penerbitan BPKB ganti pemilik — roda 4 atau lebih', amount: 375_000 },
        ],
      },
      product: { name: 'STNK, TNKB dan BPKB atas nama pemilik baru', description: 'STNK berlaku lima tahun dengan pengesahan setiap tahun.', validity: { years: 5 } },
      staffCompetence: 'Petugas registrasi dan identifikasi Polri bersertifikat, petugas penetapan pajak Bapenda yang memahami UU 1/2022, serta petugas cek fisik terlatih membaca nomor rangka dan mesin.',
      staffCount: 18,
      serviceGuarantee: 'STNK dan TNKB selesai pada hari yang sama bila berkas lengkap dan cek fisik sesuai; bila tidak selesai karena kesalahan petugas, pemohon dilayani di loket prioritas pada hari berikutnya.',
    },
    [
      {
        key: 'kendaraan',
        title: 'Kendaraan dan pemilik baru',
        titleEn: 'Vehicle and new owner',
        fields: [
          { key: 'nomor_polisi', type: 'text', label: 'Nomor polisi', required: true, rules: { maxLength: 12, pattern: platePattern } },
          {
            key: 'jenis_kendaraan',
            type: 'choice',
            label: 'Jenis kendaraan',
            required: true,
            options: [
              { value: 'roda2', label: 'Sepeda motor / roda tiga' },
              { value: 'roda4', label: 'Roda empat atau lebih' },
            ],
          },
          F.name('Nama pemilik baru sesuai KTP'),
          F.nik(),
          F.address('Alamat pemilik baru'),
          { key: 'diwakilkan', type: 'yesno', label: 'Pengurusan diwakilkan kepada orang lain?', labelEn: 'Handled by a representative?' },
          F.file('surat_kuasa', 'Surat kuasa bermeterai', { visibleIf: { field: 'diwakilkan', equals: true }, required: true }),
        ],
      },
    ],
  ),
  service(
    'bapenda',
    'pendaftaran-pajak-alat-berat',
    ['uu-1-2022', 'pp-35-2023', 'perda-contoh-3-2024-pdrd'],
    {
      name: 'Pendaftaran dan Penetapan Pajak Alat Berat (PAB)',
      nameEn: 'Heavy Equipment Tax (PAB) Registration',
      summary: 'Pemilik atau pengguna alat berat (ekskavator, buldoser, crane, forklift dan sejenisnya) mendaftarkan alat beratnya untuk memperoleh NPWPD dan ketetapan Pajak Alat Berat.',
      summaryEn: 'Owners or users of heavy equipment register their machines to obtain a regional taxpayer number and the annual heavy equipment tax assessment.',
      sectors: ['pajak-pendapatan'],
      keywords: ['pajak alat berat', 'ekskavator', 'excavator', 'npwpd', 'pab', 'alat berat'],
      channels: ['online', 'counter'],
      requirements: [
        doc('bukti_kepemilikan', 'Bukti kepemilikan atau penguasaan alat berat', 'Faktur pembelian, dokumen impor, atau perjanjian sewa guna usaha.', { types: PDF, maxMb: 5 }),
        doc('foto_alat', 'Foto alat berat dan pelat nomor seri', 'Foto tampak samping dan pelat nomor seri (serial number) setiap unit.', { types: IMG, maxMb: 5 }),
        doc('ktp_penanggung_jawab', 'KTP penanggung jawab badan usaha', 'Direktur atau kuasa yang ditunjuk.'),
        data('jumlah_alat', 'Jumlah unit alat berat', 'Semua unit yang digunakan di wilayah Provinsi Contoh.'),
      ],
      procedure: [
        { title: 'Isi formulir pendaftaran', description: 'Lengkapi data badan usaha dan daftar alat berat.' },
        { title: 'Verifikasi', description: 'Petugas memeriksa dokumen dan, bila perlu, meninjau lokasi operasi alat berat.' },
        { title: 'Penerbitan NPWPD dan SKPD', description: 'NPWPD diterbitkan; PAB ditetapkan berdasarkan nilai jual alat berat dengan tarif dalam Perda.' },
        { title: 'Pembayaran', description: 'PAB dibayar dengan kode bayar paling lambat pada tanggal jatuh tempo dalam SKPD.' },
      ],
      completionDays: 3,
      fee: { kind: 'free' },
      product: { name: 'Nomor Pokok Wajib Pajak Daerah (NPWPD) dan Surat Ketetapan Pajak Daerah PAB', description: 'NPWPD berlaku selama wajib pajak terdaftar; SKPD diterbitkan setiap tahun pajak.', validity: null },
      staffCompetence: 'Petugas pendataan dan penetapan pajak daerah yang memahami jenis dan nilai jual alat berat serta tata cara penetapan dalam PP 35/2023.',
      staffCount: 6,
      serviceGuarantee: 'NPWPD dan SKPD terbit paling lama 3 hari kerja sejak berkas lengkap; keterlambatan karena petugas dilaporkan kepada Kepala Bidang Pajak Daerah.',
    },
    [
      { key: 'usaha', title: 'Wajib pajak', titleEn: 'Taxpayer', fields: [F.business(), F.nib(), F.npwp()] },
      {
        key: 'alat',
        title: 'Alat berat',
        titleEn: 'Equipment',
        fields: [
          {
            key: 'jenis_alat',
            type: 'choice',
            label: 'Jenis alat berat',
            multiple: true,
            required: true,
            options: [
              { value: 'ekskavator', label: 'Ekskavator' },
              { value: 'buldoser', label: 'Buldoser' },
              { value: 'crane', label: 'Crane' },
              { value: 'forklift', label: 'Forklift' },
              { value: 'wheel_loader', label: 'Wheel loader' },
              { value: 'lainnya', label: 'Lainnya' },
            ],
          },
          { key: 'jumlah_alat', type: 'number', label: 'Jumlah unit', required: true, rules: { min: 1, max: 500 } },
          { key: 'lokasi_operasi', type: 'address', label: 'Lokasi operasi utama', addressLevel: 'regency', required: true },
        ],
      },
    ],
  ),
  service(
    'bapenda',
    'pendaftaran-pajak-air-permukaan',
    ['uu-1-2022', 'uu-17-2019', 'pp-35-2023', 'perda-contoh-3-2024-pdrd'],
    {
      name: 'Pendaftaran Wajib Pajak Air Permukaan (PAP)',
      summary: 'Badan usaha yang mengambil atau memanfaatkan air sungai, danau atau waduk mendaftar sebagai wajib Pajak Air Permukaan dan melaporkan volume pengambilan setiap bulan.',
      sectors: ['pajak-pendapatan', 'sumber-daya-alam'],
      keywords: ['pajak air', 'air sungai', 'air permukaan', 'pap', 'npwpd'],
      channels: ['online', 'counter'],
      requirements: [
        doc('persetujuan_sda', 'Persetujuan penggunaan sumber daya air', 'Persetujuan atau izin pengambilan air permukaan dari instansi berwenang.', { types: PDF, maxMb: 5 }),
        doc('ktp_penanggung_jawab', 'KTP penanggung jawab', 'Direktur atau kuasa yang ditunjuk.'),
        doc('foto_meter', 'Foto meter air', 'Foto meter air yang terpasang beserta angka terakhir; wajib bila sudah memasang meter.', { optional: true, types: IMG }),
        data('volume_per_bulan', 'Rencana volume pengambilan per bulan (m³)', 'Dasar penetapan sementara bila belum ada meter air.'),
        data('sumber_air', 'Sumber air', 'Sungai, danau, waduk atau mata air.'),
      ],
      procedure: [
        { title: 'Isi formulir dan unggah berkas', description: 'Lengkapi data badan usaha, sumber air dan volume pengambilan.' },
        { title: 'Pemeriksaan lapangan', description: 'Petugas memeriksa titik pengambilan dan meter air.' },
        { title: 'Penerbitan NPWPD', description: 'NPWPD terbit; setiap bulan wajib pajak melaporkan volume melalui portal dan menerima SKPD.' },
      ],
      completionDays: 5,
      fee: { kind: 'free' },
      product: { name: 'NPWPD Pajak Air Permukaan', description: 'Berlaku selama pengambilan air berlangsung.', validity: null },
      staffCompetence: 'Petugas pendataan pajak daerah yang memahami perhitungan nilai perolehan air permukaan dan pembacaan meter air.',
      staffCount: 4,
      serviceGuarantee: 'NPWPD terbit paling lama 5 hari kerja sejak pemeriksaan lapangan; jadwal pemeriksaan diberitahukan melalui portal paling lambat 2 hari kerja setelah pendaftaran.',
    },
    [
      { key: 'usaha', title: 'Wajib pajak', fields: [F.business(), F.nib(), F.npwp()] },
      {
        key: 'pengambilan',
        title: 'Pengambilan air',
        titleEn: 'Water abstraction',
        fields: [
          {
            key: 'sumber_air',
            type: 'choice',
            label: 'Sumber air',
            required: true,
            options: [
              { value: 'sungai', label: 'Sungai' },
              { value: 'danau', label: 'Danau' },
              { value: 'waduk', label: 'Waduk/bendungan' },
              { value: 'mata_air', label: 'Mata air' },
            ],
          },
          { key: 'volume_per_bulan', type: 'number', label: 'Rencana volume pengambilan per bulan (m³)', required: true, rules: { min: 1, max: 10_000_000 } },
          { key: 'ada_meter', type: 'yesno', label: 'Sudah memasang meter air?', required: true },
          F.file('foto_meter', 'Foto meter air', { visibleIf: { field: 'ada_meter', equals: true }, required: true }),
        ],
      },
    ],
  ),
  service(
    'bapenda',
    'keberatan-pengurangan-pajak-daerah',
    ['uu-1-2022', 'pp-35-2023', 'perda-contoh-3-2024-pdrd'],
    {
      name: 'Pengajuan Keberatan, Pengurangan Pajak dan Penghapusan Sanksi Administratif',
      nameEn: 'Regional Tax Objection, Reduction and Penalty Waiver',
      summary: 'Wajib pajak yang tidak setuju dengan ketetapan pajak provinsi, atau yang mengalami keadaan tertentu, dapat mengajukan keberatan, pengurangan pokok pajak atau penghapusan denda.',
      summaryEn: 'Taxpayers who disagree with a provincial tax assessment, or face hardship, can file an objection, request a reduction or ask for penalties to be waived.',
      sectors: ['pajak-pendapatan'],
      keywords: ['keberatan pajak', 'denda pajak', 'pemutihan', 'keringanan pajak', 'pengurangan pajak'],
      channels: ['online', 'counter'],
      requirements: [
        doc('skpd', 'Surat Ketetapan Pajak Daerah yang diajukan', 'SKPD atau notice yang menjadi objek permohonan.'),
        doc('surat_permohonan', 'Surat permohonan bermeterai', 'Memuat alasan dan jumlah pajak menurut perhitungan wajib pajak.', { types: PDF }),
        doc('ktp', 'KTP wajib pajak atau kuasa', 'Untuk badan usaha: KTP direktur dan akta pendirian.'),
        doc('bukti_pendukung', 'Bukti pendukung', 'Misalnya surat keterangan kehilangan kendaraan, bencana, atau sakit berkepanjangan.', { optional: true, maxMb: 10 }),
      ],
      procedure: [
        { title: 'Ajukan permohonan', description: 'Paling lama 3 bulan sejak tanggal SKPD untuk keberatan.' },
        { title: 'Penelitian', description: 'Tim peneliti memeriksa berkas dan dapat meminta keterangan tambahan atau melakukan pemeriksaan lapangan.' },
        { title: 'Keputusan', description: 'Kepala Bapenda atas nama Gubernur menerbitkan keputusan: dikabulkan seluruhnya, sebagian, atau ditolak.' },
        { title: 'Penyesuaian tagihan', description: 'Bila dikabulkan, tagihan disesuaikan atau kelebihan bayar dikembalikan.' },
      ],
      completionDays: 30,
      fee: { kind: 'free' },
      product: { name: 'Keputusan atas keberatan, pengurangan atau penghapusan sanksi', validity: null },
      staffCompetence: 'Tim peneliti keberatan berpendidikan paling rendah S1 hukum, akuntansi atau perpajakan dan memahami UU 1/2022 serta PP 35/2023.',
      staffCount: 5,
      serviceGuarantee: 'Keputusan diterbitkan paling lama 30 hari kerja, jauh di bawah batas 12 bulan dalam peraturan; selama keberatan diproses, penagihan atas bagian yang disengketakan ditunda.',
    },
    [
      {
        key: 'permohonan',
        title: 'Permohonan',
        titleEn: 'Request',
        fields: [
          F.name('Nama wajib pajak'),
          F.nik(),
          {
            key: 'jenis_pajak',
            type: 'choice',
            label: 'Jenis pajak',
            required: true,
            options: [
              { value: 'pkb', label: 'Pajak Kendaraan Bermotor' },
              { value: 'bbnkb', label: 'Bea Balik Nama Kendaraan Bermotor' },
              { value: 'pab', label: 'Pajak Alat Berat' },
              { value: 'pap', label: 'Pajak Air Permukaan' },
              { value: 'pbbkb', label: 'Pajak Bahan Bakar Kendaraan Bermotor' },
            ],
          },
          { key: 'nomor_skpd', type: 'text', label: 'Nomor SKPD/notice', required: true, rules: { maxLength: 40 } },
          {
            key: 'jenis_permohonan',
            type: 'choice',
            label: 'Jenis permohonan',
            required: true,
            options: [
              { value: 'keberatan', label: 'Keberatan atas ketetapan' },
              { value: 'pengurangan', label: 'Pengurangan pokok pajak' },
              { value: 'penghapusan_sanksi', label: 'Penghapusan sanksi administratif (denda)' },
            ],
          },
          { key: 'pajak_menurut_wp', type: 'number', label: 'Jumlah pajak menurut perhitungan Anda (Rp)', visibleIf: { field: 'jenis_permohonan', equals: 'keberatan' }, rules: { min: 0 } },
          { key: 'alasan', type: 'textarea', label: 'Alasan permohonan', required: true, rules: { minLength: 20, maxLength: 2000 } },
        ],
      },
    ],
  ),
  service(
    'bpkad',
    'sewa-kekayaan-daerah',
    ['uu-1-2022', 'pp-35-2023', 'perda-contoh-3-2024-pdrd', 'pergub-contoh-25-2024-tarif-retribusi'],
    {
      name: 'Sewa Tanah, Bangunan dan Aula Milik Pemerintah Provinsi (Retribusi Pemakaian Kekayaan Daerah)',
      nameEn: 'Rental of Provincial Land, Buildings and Halls',
      summary: 'Masyarakat dan badan usaha dapat menyewa tanah, ruko atau aula Graha Contoh milik Pemerintah Provinsi dengan tarif retribusi pemakaian kekayaan daerah.',
      summaryEn: 'Individuals and businesses can rent provincial land, shop-houses or the Graha Contoh hall at the regional asset-use tariff.',
      sectors: ['pajak-pendapatan'],
      keywords: ['sewa gedung', 'sewa aula', 'sewa tanah', 'aset daerah', 'retribusi'],
      channels: ['online', 'counter'],
      requirements: [
        doc('ktp_atau_akta', 'KTP pemohon atau akta pendirian badan', 'Perorangan: KTP; badan: akta pendirian dan KTP pengurus.'),
        doc('surat_permohonan', 'Surat permohonan sewa', 'Menyebut objek, luas, jangka waktu dan rencana penggunaan.', { types: PDF }),
        doc('denah', 'Sketsa atau denah lokasi yang dimohon', 'Untuk tanah dan bangunan; tidak diperlukan untuk aula.', { optional: true }),
        data('rencana_penggunaan', 'Rencana penggunaan', 'Jenis kegiatan atau usaha yang akan dijalankan.'),
        data('npwp', 'NPWP', 'Wajib bagi badan usaha; perorangan bila ada.', true),
      ],
      procedure: [
        { title: 'Permohonan', description: 'Pilih objek sewa dan isi luas atau jumlah hari.' },
        { title: 'Peninjauan dan penilaian', description: 'Tim BPKAD meninjau objek (tanah/bangunan) dan menghitung retribusi sesuai tarif.' },
        { title: 'Perjanjian sewa', description: 'Pemohon menandatangani perjanjian sewa; untuk aula cukup surat persetujuan pemakaian.' },
        { title: 'Pembayaran', description: 'Retribusi dibayar di muka dengan kode bayar sebelum objek digunakan.' },
      ],
      completionDays: 10,
      fee: {
        kind: 'tariff',
        regulation: 'Perda Provinsi Contoh 3/2024 dan Pergub Contoh 25/2024 (tarif retribusi pemakaian kekayaan daerah)',
        lines: [
          { label: 'Sewa tanah untuk usaha', amount: 12_000, unit: 'per m² per tahun', quantityField: 'luas_tanah' },
          { label: 'Sewa bangunan/ruko', amount: 45_000, unit: 'per m² per tahun', quantityField: 'luas_bangunan' },
          { label: 'Pemakaian Aula Graha Contoh', amount: 2_500_000, unit: 'per hari', quantityField: 'jumlah_hari' },
        ],
      },
      product: {
        name: 'Perjanjian sewa barang milik daerah atau surat persetujuan pemakaian aula',
        description: 'Jangka waktu sesuai perjanjian, paling lama 5 tahun dan dapat diperpanjang.',
        validity: { years: 5 },
      },
      staffCompetence: 'Pengurus barang dan penilai aset yang memahami pengelolaan barang milik daerah, perhitungan retribusi dan penyusunan perjanjian sewa.',
      staffCount: 5,
      serviceGuarantee: 'Persetujuan aula terbit paling lama 2 hari kerja; perjanjian sewa tanah/bangunan paling lama 10 hari kerja sejak peninjauan; retribusi dihitung transparan sesuai tabel tarif.',
    },
    [
      {
        key: 'objek',
        title: 'Objek sewa',
        titleEn: 'What to rent',
        fields: [
          {
            key: 'objek_sewa',
            type: 'choice',
            label: 'Objek yang disewa',
            required: true,
            options: [
              { value: 'tanah', label: 'Tanah' },
              { value: 'bangunan', label: 'Bangunan/ruko' },
              { value: 'aula', label: 'Aula Graha Contoh' },
            ],
          },
          { key: 'luas_tanah', type: 'number', label: 'Luas tanah (m²)', visibleIf: { field: 'objek_sewa', equals: 'tanah' }, required: true, rules: { min: 1, max: 100_000 } },
          { key: 'luas_bangunan', type: 'number', label: 'Luas bangunan (m²)', visibleIf: { field: 'objek_sewa', equals: 'bangunan' }, required: true, rules: { min: 1, max: 5_000 } },
          { key: 'jumlah_hari', type: 'number', label: 'Jumlah hari pemakaian aula', visibleIf: { field: 'objek_sewa', equals: 'aula' }, required: true, rules: { min: 1, max: 14 } },
          { key: 'rencana_penggunaan', type: 'textarea', label: 'Rencana penggunaan', required: true, rules: { maxLength: 1000 } },
        ],
      },
      { key: 'pemohon', title: 'Pemohon', titleEn: 'Applicant', fields: [F.name(), F.nik(), F.phone(), F.npwp(false)] },
    ],
  ),
];

// ---- Pendidikan ---------------------------------------------------------------------------

const yearNow = 2026;

const education: DemoService[] = [
  service(
    'dikbud',
    'legalisir-ijazah-sma-smk',
    ['uu-20-2003', 'uu-23-2014', 'kepgub-contoh-2025-standar-pelayanan'],
    {
      name: 'Legalisir Ijazah SMA/SMK/SLB dari Sekolah yang Telah Ditutup atau Digabung',
      nameEn: 'Certified Copies of Upper Secondary Diplomas from Closed or Merged Schools',
      summary: 'Pengesahan fotokopi ijazah SMA, SMK atau SLB bila sekolah asal sudah ditutup atau digabung, sehingga tidak dapat melegalisir sendiri. Hasil dapat diambil di loket atau dikirim.',
      summaryEn: 'Certified copies of SMA/SMK/SLB diplomas when the issuing school has closed or merged; collect them at the counter or have them posted.',
      sectors: ['pendidikan'],
      keywords: ['legalisir ijazah', 'ijazah', 'legalisir', 'fotokopi ijazah', 'sekolah tutup'],
      channels: ['online', 'counter'],
      requirements: [
        doc('pindai_ijazah', 'Pindaian ijazah asli (bolak-balik)', 'Pindai berwarna, resolusi minimal 300 dpi; ijazah asli diperlihatkan saat pengambilan.', { types: PDF_IMG, maxMb: 5 }),
        doc('ktp', 'KTP pemilik ijazah', 'Bila diwakilkan, sertakan surat kuasa dan KTP penerima kuasa saat pengambilan.'),
        data('nama_sekolah', 'Nama sekolah asal dan tahun lulus', 'Sesuai yang tertulis pada ijazah.'),
        data('jumlah_lembar', 'Jumlah lembar legalisir', 'Paling banyak 10 lembar per permohonan.'),
      ],
      procedure: [
        { title: 'Ajukan permohonan', description: 'Isi data kelulusan, jumlah lembar dan cara pengambilan; unggah pindaian ijazah.' },
        { title: 'Pencocokan arsip', description: 'Petugas mencocokkan data dengan arsip kelulusan yang diserahkan sekolah kepada Dinas.' },
        { title: 'Pengesahan', description: 'Kepala Bidang Pembinaan SMA/SMK menandatangani fotokopi yang dilegalisir.' },
        { title: 'Pengambilan atau pengiriman', description: 'Ambil di loket dengan menunjukkan ijazah asli, atau terima melalui pos (ongkos kirim ditanggung pemohon).' },
      ],
      completionDays: 1,
      fee: { kind: 'free' },
      product: { name: 'Fotokopi ijazah yang dilegalisir', description: 'Dengan cap dinas, tanda tangan pejabat dan kode QR verifikasi.', validity: null },
      staffCompetence: 'Pengelola arsip kelulusan yang memahami format ijazah sejak 1970-an dan mampu mengenali ciri keamanan blanko ijazah.',
      staffCount: 3,
      serviceGuarantee: 'Legalisir selesai paling lama 1 hari kerja setelah arsip cocok; tidak dipungut biaya apa pun, termasuk “uang map”.',
    },
    [
      {
        key: 'kelulusan',
        title: 'Data kelulusan',
        titleEn: 'Graduation',
        fields: [
          F.name('Nama sesuai ijazah'),
          F.nik(),
          F.phone(),
          { key: 'nama_sekolah', type: 'text', label: 'Nama sekolah asal', required: true, rules: { maxLength: 150 } },
          { key: 'tahun_lulus', type: 'number', label: 'Tahun lulus', required: true, rules: { min: 1960, max: yearNow } },
          { key: 'jumlah_lembar', type: 'number', label: 'Jumlah lembar legalisir', required: true, rules: { min: 1, max: 10 } },
          {
            key: 'cara_pengambilan',
            type: 'choice',
            label: 'Cara pengambilan',
            required: true,
            options: [
              { value: 'loket', label: 'Ambil di loket' },
              { value: 'pos', label: 'Dikirim melalui pos' },
            ],
          },
          { key: 'alamat_kirim', type: 'address', label: 'Alamat pengiriman', addressLevel: 'village', prefill: 'address', visibleIf: { field: 'cara_pengambilan', equals: 'pos' }, required: true },
        ],
      },
    ],
  ),
  service(
    'dikbud',
    'surat-keterangan-pengganti-ijazah',
    ['uu-20-2003', 'uu-23-2014', 'uu-25-2009'],
    {
      name: 'Surat Keterangan Pengganti Ijazah SMA/SMK/SLB yang Hilang atau Rusak',
      nameEn: 'Replacement Certificate for a Lost or Damaged Diploma',
      summary: 'Ijazah tidak dapat diterbitkan ulang; bila hilang atau rusak, Dinas menerbitkan surat keterangan yang berlaku setara dengan ijazah.',
      summaryEn: 'Diplomas cannot be reissued; if yours is lost or damaged, the Office issues a certificate with the same legal force.',
      sectors: ['pendidikan'],
      keywords: ['ijazah hilang', 'ijazah rusak', 'pengganti ijazah', 'skpi', 'ijazah'],
      channels: ['online', 'counter'],
      requirements: [
        doc('surat_kehilangan', 'Surat keterangan kehilangan dari kepolisian', 'Wajib bila ijazah hilang.', { optional: true }),
        doc('ijazah_rusak', 'Foto ijazah yang rusak', 'Wajib bila ijazah rusak; ijazah rusak diserahkan saat pengambilan.', { optional: true, types: IMG, maxMb: 5 }),
        doc('ktp', 'KTP pemohon', 'KTP pemilik ijazah.'),
        doc('pernyataan', 'Surat pernyataan tanggung jawab mutlak bermeterai', 'Menyatakan kebenaran data kelulusan; format dapat diunduh di halaman ini.', { types: PDF }),
        doc('pas_foto', 'Pas foto 3×4 berlatar merah', 'Foto terbaru, berpakaian rapi.', { types: IMG, maxMb: 1 }),
      ],
      procedure: [
        { title: 'Ajukan permohonan', description: 'Isi data kelulusan dan penyebab, unggah dokumen.' },
        { title: 'Verifikasi arsip', description: 'Petugas mencocokkan data dengan buku induk sekolah atau arsip dinas; bila sekolah masih ada, kepala sekolah dimintai keterangan.' },
        { title: 'Penerbitan', description: 'Kepala Dinas menandatangani surat keterangan pengganti ijazah.' },
        { title: 'Pengambilan', description: 'Surat diambil langsung oleh pemilik ijazah dengan membawa KTP asli.' },
      ],
      completionDays: 10,
      fee: { kind: 'free' },
      product: { name: 'Surat Keterangan Pengganti Ijazah', description: 'Berlaku setara dengan ijazah untuk semua keperluan.', validity: null },
      staffCompetence: 'Verifikator data kelulusan yang memahami ketentuan penerbitan surat keterangan pengganti ijazah dan pengelolaan buku induk.',
      staffCount: 3,
      serviceGuarantee: 'Surat terbit paling lama 10 hari kerja sejak berkas lengkap; pemohon diberi tahu melalui SMS/e-mail pada setiap tahap.',
    },
    [
      {
        key: 'kelulusan',
        title: 'Data kelulusan',
        fields: [
          F.name('Nama sesuai ijazah'),
          F.nik(),
          F.phone(),
          { key: 'nama_sekolah', type: 'text', label: 'Nama sekolah', required: true, rules: { maxLength: 150 } },
          { key: 'tahun_lulus', type: 'number', label: 'Tahun lulus', required: true, rules: { min: 1960, max: yearNow } },
          {
            key: 'penyebab',
            type: 'choice',
            label: 'Ijazah',
            required: true,
            options: [
              { value: 'hilang', label: 'Hilang' },
              { value: 'rusak', label: 'Rusak (terbakar, terkena banjir, sobek)' },
            ],
          },
          F.file('surat_kehilangan', 'Surat keterangan kehilangan dari kepolisian', { visibleIf: { field: 'penyebab', equals: 'hilang' }, required: true }),
          F.file('ijazah_rusak', 'Foto ijazah yang rusak', { visibleIf: { field: 'penyebab', equals: 'rusak' }, required: true }),
        ],
      },
    ],
  ),
  service(
    'dikbud',
    'rekomendasi-mutasi-siswa-antarprovinsi',
    ['uu-20-2003', 'uu-23-2014', 'kepgub-contoh-2025-standar-pelayanan'],
    {
      name: 'Rekomendasi Mutasi (Pindah Sekolah) Siswa SMA/SMK Antarprovinsi',
      summary: 'Surat rekomendasi bagi siswa SMA/SMK yang pindah masuk ke atau keluar dari Provinsi Contoh, agar data siswa dapat dipindahkan di Dapodik.',
      sectors: ['pendidikan'],
      keywords: ['pindah sekolah', 'mutasi siswa', 'surat pindah', 'dapodik', 'sma', 'smk'],
      channels: ['online', 'counter'],
      requirements: [
        doc('surat_pindah', 'Surat keterangan pindah dari sekolah asal', 'Ditandatangani kepala sekolah asal.'),
        doc('surat_diterima', 'Surat keterangan diterima dari sekolah tujuan', 'Menyatakan daya tampung tersedia.'),
        doc('rapor', 'Rapor semester terakhir', 'Semua halaman nilai.', { types: PDF, maxMb: 5 }),
        doc('kk', 'Kartu Keluarga', 'Untuk mencocokkan data orang tua/wali.'),
        data('nisn', 'NISN siswa', '10 digit, tertera pada rapor dan kartu pelajar.'),
      ],
      procedure: [
        { title: 'Permohonan oleh orang tua/wali', description: 'Isi data siswa dan sekolah, unggah dokumen.' },
        { title: 'Verifikasi', description: 'Petugas memeriksa kesesuaian kurikulum, jurusan dan daya tampung sekolah tujuan.' },
        { title: 'Penerbitan rekomendasi', description: 'Rekomendasi ditandatangani elektronik dan dikirim ke pemohon serta sekolah tujuan.' },
      ],
      completionDays: 3,
      fee: { kind: 'free' },
      product: { name: 'Surat Rekomendasi Mutasi Siswa', validity: { years: 0, months: 3 } },
      staffCompetence: 'Pengelola data peserta didik yang memahami Dapodik dan ketentuan mutasi antarsatuan pendidikan.',
      staffCount: 2,
      serviceGuarantee: 'Rekomendasi terbit paling lama 3 hari kerja; bila ditolak, alasan penolakan disampaikan tertulis beserta saran sekolah alternatif.',
    },
    [
      {
        key: 'siswa',
        title: 'Siswa dan sekolah',
        titleEn: 'Student and schools',
        fields: [
          { key: 'nama_siswa', type: 'text', label: 'Nama siswa', required: true, rules: { maxLength: 100 } },
          { key: 'nisn', type: 'text', label: 'NISN', required: true, rules: { pattern: '^[0-9]{10}$' } },
          {
            key: 'arah_mutasi',
            type: 'choice',
            label: 'Arah mutasi',
            required: true,
            options: [
              { value: 'masuk', label: 'Masuk ke Provinsi Contoh' },
              { value: 'keluar', label: 'Keluar dari Provinsi Contoh' },
            ],
          },
          { key: 'sekolah_asal', type: 'text', label: 'Sekolah asal', required: true, rules: { maxLength: 150 } },
          { key: 'sekolah_tujuan', type: 'text', label: 'Sekolah tujuan', required: true, rules: { maxLength: 150 } },
        ],
      },
      { key: 'wali', title: 'Orang tua/wali', titleEn: 'Parent/guardian', fields: [F.name('Nama orang tua/wali'), F.nik(), F.phone()] },
    ],
  ),
  service(
    'dikbud',
    'beasiswa-contoh-cerdas',
    ['uu-20-2003', 'pergub-contoh-7-2023-beasiswa'],
    {
      name: 'Beasiswa Contoh Cerdas bagi Mahasiswa Berprestasi dan Kurang Mampu',
      nameEn: 'Contoh Cerdas Scholarship for High-Achieving and Low-Income Students',
      summary: 'Bantuan biaya pendidikan Rp6.000.000 per tahun bagi mahasiswa asal Provinsi Contoh yang berprestasi atau berasal dari keluarga kurang mampu. Pendaftaran dibuka setiap Maret–April.',
      summaryEn: 'Tuition support of Rp6,000,000 a year for university students from the province with outstanding results or from low-income families. Applications open March–April.',
      sectors: ['pendidikan', 'sosial'],
      keywords: ['beasiswa', 'kuliah', 'mahasiswa', 'bantuan pendidikan', 'kip'],
      channels: ['online'],
      requirements: [
        doc('surat_aktif_kuliah', 'Surat keterangan aktif kuliah', 'Diterbitkan perguruan tinggi pada semester berjalan.', { types: PDF }),
        doc('transkrip', 'Transkrip nilai terakhir', 'IPK paling rendah 3,00 (kategori prestasi) atau 2,75 (kategori kurang mampu).', { types: PDF }),
        doc('kk', 'Kartu Keluarga', 'Menunjukkan domisili Provinsi Contoh paling singkat 2 tahun.'),
        doc('sertifikat_prestasi', 'Sertifikat prestasi', 'Juara tingkat provinsi, nasional atau internasional dalam 2 tahun terakhir.', { optional: true, types: PDF, maxMb: 5 }),
        doc('bukti_kurang_mampu', 'Bukti keluarga kurang mampu', 'Terdaftar dalam DTSEN/DTKS atau surat keterangan dari kepala desa/lurah.', { optional: true }),
      ],
      procedure: [
        { title: 'Pendaftaran daring', description: 'Isi formulir dan unggah dokumen selama masa pendaftaran.' },
        { title: 'Seleksi administrasi', description: 'Tim seleksi memeriksa kelengkapan dan kriteria.' },
        { title: 'Verifikasi lapangan', description: 'Untuk kategori kurang mampu, petugas dapat mengunjungi rumah pemohon.' },
        { title: 'Penetapan penerima', description: 'Penerima ditetapkan dengan Keputusan Gubernur dan diumumkan di portal.' },
        { title: 'Penyaluran', description: 'Dana ditransfer ke rekening atas nama mahasiswa.' },
      ],
      completionDays: 45,
      fee: { kind: 'free' },
      product: { name: 'Keputusan Gubernur tentang penerima Beasiswa Contoh Cerdas dan dana beasiswa', description: 'Diberikan untuk satu tahun akademik dan dapat diajukan kembali.', validity: { years: 1 } },
      staffCompetence: 'Tim seleksi beasiswa yang memahami kriteria Pergub Contoh 7/2023, verifikasi data sosial ekonomi dan pengelolaan bantuan pendidikan.',
      staffCount: 8,
      serviceGuarantee: 'Pengumuman paling lambat 45 hari kerja setelah pendaftaran ditutup; seleksi tanpa pungutan dan tanpa tes berbayar.',
      performanceEvaluation: 'Survei Kepuasan Masyarakat kepada pendaftar setiap periode, evaluasi ketepatan sasaran penerima dan pelaporan prestasi akademik penerima setiap semester.',
    },
    [
      {
        key: 'mahasiswa',
        title: 'Data mahasiswa',
        titleEn: 'Student',
        fields: [
          F.name(),
          F.nik(),
          F.email(),
          { key: 'perguruan_tinggi', type: 'text', label: 'Perguruan tinggi', required: true, rules: { maxLength: 150 } },
          { key: 'semester', type: 'number', label: 'Semester saat ini', required: true, rules: { min: 1, max: 14 } },
          { key: 'ipk', type: 'number', label: 'IPK', required: true, help: 'Gunakan titik untuk desimal, contoh 3.25', rules: { min: 0, max: 4 } },
          {
            key: 'kategori',
            type: 'choice',
            label: 'Kategori beasiswa',
            required: true,
            options: [
              { value: 'prestasi', label: 'Berprestasi' },
              { value: 'kurang_mampu', label: 'Keluarga kurang mampu' },
            ],
          },
          F.file('sertifikat_prestasi', 'Sertifikat prestasi', { visibleIf: { field: 'kategori', equals: 'prestasi' }, required: true }),
          F.file('bukti_kurang_mampu', 'Bukti keluarga kurang mampu', { visibleIf: { field: 'kategori', equals: 'kurang_mampu' }, required: true }),
        ],
      },
    ],
  ),
  service(
    'dpmptsp',
    'izin-pendirian-sma-smk-swasta',
    ['uu-20-2003', 'uu-23-2014', 'pergub-contoh-12-2022-ptsp'],
    {
      name: 'Izin Pendirian SMA, SMK dan SLB yang Diselenggarakan Masyarakat',
      nameEn: 'Permit to Establish a Private Upper Secondary or Special-Needs School',
      summary: 'Yayasan atau badan hukum nirlaba yang akan mendirikan SMA, SMK atau SLB swasta di Provinsi Contoh mengajukan izin pendirian setelah penilaian kelayakan oleh Dinas Pendidikan dan Kebudayaan.',
      summaryEn: 'Foundations planning a private SMA, SMK or special-needs school apply for an establishment permit after a feasibility assessment by the Education Office.',
      sectors: ['pendidikan', 'penanaman-modal'],
      keywords: ['izin sekolah', 'pendirian sekolah', 'sekolah swasta', 'yayasan', 'smk', 'sma'],
      channels: ['online', 'counter'],
      requirements: [
        doc('akta_yayasan', 'Akta pendirian yayasan dan SK pengesahan Kemenkumham', 'Maksud dan tujuan yayasan mencakup bidang pendidikan.', { types: PDF, maxMb: 5 }),
        doc('studi_kelayakan', 'Studi kelayakan', 'Memuat analisis kebutuhan, calon peserta didik, pendidik dan pendanaan paling sedikit 3 tahun.', { types: PDF, maxMb: 10 }),
        doc('bukti_lahan', 'Bukti kepemilikan atau penguasaan lahan', 'Sertifikat, atau perjanjian pinjam pakai/sewa paling singkat 20 tahun.', { types: PDF, maxMb: 5 }),
        doc('rencana_sarpras', 'Rencana kurikulum, sarana dan prasarana', 'Denah ruang kelas, laboratorium/bengkel dan perpustakaan.', { types: PDF, maxMb: 10 }),
        data('jumlah_rombel', 'Rencana jumlah rombongan belajar', 'Untuk tahun pertama.'),
      ],
      procedure: [
        { title: 'Permohonan', description: 'Unggah dokumen dan isi data satuan pendidikan yang direncanakan.' },
        { title: 'Verifikasi dokumen', description: 'DPMPTSP memeriksa kelengkapan; berkas diteruskan kepada tim teknis Dinas Pendidikan dan Kebudayaan.' },
        { title: 'Visitasi', description: 'Tim teknis meninjau lahan, gedung dan kesiapan pendidik.' },
        { title: 'Rekomendasi teknis', description: 'Dinas Pendidikan dan Kebudayaan menerbitkan rekomendasi layak/tidak layak.' },
        { title: 'Penerbitan izin', description: 'Kepala DPMPTSP menerbitkan izin pendirian; NPSN diajukan ke Kementerian.' },
      ],
      completionDays: 20,
      fee: { kind: 'free' },
      product: {
        name: 'Keputusan Izin Pendirian Satuan Pendidikan',
        description: 'Berlaku selama satuan pendidikan menyelenggarakan pembelajaran sesuai izin.',
        validity: null,
        template: 'Pendirian satuan pendidikan {jenjang} oleh {nama_usaha}, berlokasi di {lokasi_sekolah}, di atas lahan seluas {luas_lahan} m² dengan rencana {jumlah_rombel} rombongan belajar.',
      },
      staffCompetence: 'Petugas front office perizinan bersertifikat dan tim teknis bidang pembinaan SMA/SMK/PK yang memahami standar nasional pendidikan dan standar sarana prasarana.',
      staffCount: 7,
      serviceGuarantee: 'Izin terbit paling lama 20 hari kerja sejak berkas lengkap, termasuk visitasi; setiap tahap dapat dipantau di portal.',
    },
    [
      {
        key: 'penyelenggara',
        title: 'Penyelenggara',
        titleEn: 'Foundation',
        fields: [F.business('Nama yayasan/badan hukum'), F.nib(false), F.npwp()],
      },
      {
        key: 'sekolah',
        title: 'Satuan pendidikan',
        titleEn: 'School',
        fields: [
          {
            key: 'jenjang',
            type: 'choice',
            label: 'Jenis satuan pendidikan',
            required: true,
            options: [
              { value: 'sma', label: 'SMA' },
              { value: 'smk', label: 'SMK' },
              { value: 'slb', label: 'SLB' },
            ],
          },
          { key: 'program_keahlian', type: 'text', label: 'Program/konsentrasi keahlian', visibleIf: { field: 'jenjang', equals: 'smk' }, required: true, rules: { maxLength: 200 } },
          { key: 'lokasi_sekolah', type: 'address', label: 'Lokasi sekolah', addressLevel: 'village', required: true },
          { key: 'luas_lahan', type: 'number', label: 'Luas lahan (m²)', required: true, rules: { min: 500, max: 1_000_000 } },
          { key: 'jumlah_rombel', type: 'number', label: 'Rencana jumlah rombongan belajar', required: true, rules: { min: 1, max: 72 } },
        ],
      },
    ],
  ),
];

// ---- Penanaman modal dan perizinan -----------------------------------------------------

const investment: DemoService[] = [
  service(
    'dpmptsp',
    'izin-usaha-mikro-kecil',
    ['uu-20-2008', 'pp-7-2021', 'pp-28-2025', 'uu-6-2023'],
    {
      name: 'Izin Usaha Mikro dan Kecil (NIB melalui OSS dengan Pendampingan)',
      nameEn: 'Micro and Small Business Licence (NIB via OSS, assisted)',
      summary: 'Pelaku usaha mikro dan kecil dibantu petugas DPMPTSP memperoleh Nomor Induk Berusaha (NIB) yang berlaku sebagai izin tunggal, gratis dan selesai dalam satu hari.',
      summaryEn: 'Micro and small businesses get help from DPMPTSP staff to obtain a Business Identification Number (NIB), which serves as their single licence — free and done in one day.',
      sectors: ['penanaman-modal', 'industri-perdagangan-ukm'],
      keywords: ['izin usaha', 'umkm', 'nib', 'oss', 'usaha mikro', 'izin dagang', 'iumk'],
      channels: ['online', 'counter'],
      requirements: [
        doc('ktp', 'KTP pemilik usaha', 'NIK harus terdaftar di Dukcapil.'),
        doc('foto_usaha', 'Foto tempat usaha atau produk', 'Untuk membantu petugas menentukan KBLI yang tepat.', { types: IMG, maxMb: 5 }),
        data('bidang_usaha', 'Bidang usaha', 'Uraian singkat kegiatan usaha, misalnya “warung makan”, “tenun ikat”.'),
        data('modal_usaha', 'Modal usaha di luar tanah dan bangunan', 'Usaha mikro paling banyak Rp1 miliar; usaha kecil lebih dari Rp1 miliar sampai Rp5 miliar.'),
        data('npwp', 'NPWP', 'Tidak wajib; bila belum ada, NIK digunakan.', true),
      ],
      procedure: [
        { title: 'Isi data usaha', description: 'Ceritakan usaha Anda; petugas membantu memilih KBLI dan tingkat risiko.' },
        { title: 'Pembuatan akun OSS', description: 'Petugas membantu membuat akun OSS dengan NIK dan e-mail pemohon.' },
        { title: 'Penerbitan NIB', description: 'NIB terbit di OSS; untuk usaha risiko rendah langsung berlaku sebagai izin tunggal, termasuk pernyataan jaminan halal bila relevan.' },
        { title: 'Unduh dan simpan', description: 'NIB dikirim ke e-mail dan dapat dicetak di loket.' },
      ],
      completionDays: 1,
      fee: { kind: 'free' },
      product: {
        name: 'Nomor Induk Berusaha (NIB) sebagai izin tunggal usaha mikro dan kecil',
        description: 'Berlaku selama pelaku usaha menjalankan kegiatan usahanya.',
        validity: null,
        template: 'Usaha {nama_usaha} dengan bidang usaha {bidang_usaha}, beralamat di {alamat_usaha}, dengan modal usaha di luar tanah dan bangunan Rp {modal_usaha}.',
      },
      staffCompetence: 'Petugas pendamping OSS yang memahami KBLI 2020, klasifikasi risiko PP 28/2025 dan kriteria usaha mikro dan kecil PP 7/2021.',
      staffCount: 6,
      serviceGuarantee: 'NIB terbit pada hari yang sama untuk usaha risiko rendah bila data benar; gratis tanpa biaya jasa apa pun.',
    },
    [
      {
        key: 'pemilik',
        title: 'Pemilik usaha',
        titleEn: 'Owner',
        fields: [F.name(), F.nik(), F.phone(), F.email()],
      },
      {
        key: 'usaha',
        title: 'Usaha',
        titleEn: 'Business',
        fields: [
          F.business('Nama usaha'),
          { key: 'bidang_usaha', type: 'textarea', label: 'Bidang usaha', labelEn: 'Line of business', required: true, rules: { maxLength: 500 } },
          { key: 'modal_usaha', type: 'number', label: 'Modal usaha di luar tanah dan bangunan (Rp)', labelEn: 'Business capital excluding land and buildings (Rp)', required: true, rules: { min: 0, max: 5_000_000_000 } },
          { key: 'alamat_usaha', type: 'address', label: 'Alamat usaha', labelEn: 'Business address', addressLevel: 'village', required: true },
          { key: 'punya_npwp', type: 'yesno', label: 'Sudah punya NPWP?', labelEn: 'Already have a tax number (NPWP)?' },
          { ...F.npwp(), visibleIf: { field: 'punya_npwp', equals: true } },
        ],
      },
    ],
  ),
  service(
    'dpmptsp',
    'pb-umku-kewenangan-provinsi',
    ['pp-28-2025', 'uu-6-2023', 'pergub-contoh-12-2022-ptsp', 'se-gubernur-contoh-2025-layanan-daring'],
    {
      name: 'Perizinan Berusaha untuk Menunjang Kegiatan Usaha (PB UMKU) Kewenangan Provinsi',
      nameEn: 'Supporting Business Permits (PB UMKU) under Provincial Authority',
      summary: 'Verifikasi dan persetujuan PB UMKU yang diajukan melalui OSS dan menjadi kewenangan Gubernur, dengan pertimbangan teknis dinas terkait.',
      summaryEn: 'Verification and approval of supporting business permits filed in OSS that fall under the Governor’s authority, with technical review by the sector office.',
      sectors: ['penanaman-modal'],
      keywords: ['pb umku', 'oss', 'perizinan berusaha', 'izin penunjang', 'rekomendasi teknis'],
      channels: ['online'],
      requirements: [
        doc('surat_permohonan', 'Surat permohonan dari OSS', 'Tanda terima permohonan PB UMKU dari Sistem OSS.', { types: PDF }),
        doc('dokumen_teknis', 'Dokumen teknis sesuai jenis PB UMKU', 'Sesuai daftar persyaratan jenis PB UMKU di OSS.', { types: PDF, maxMb: 20 }),
        doc('ktp_penanggung_jawab', 'KTP penanggung jawab usaha', 'Direktur atau kuasa yang ditunjuk.'),
        data('nomor_permohonan_oss', 'Nomor permohonan OSS', 'Tertera pada tanda terima OSS.'),
      ],
      procedure: [
        { title: 'Ajukan di OSS', description: 'Pelaku usaha mengajukan PB UMKU di OSS; permohonan kewenangan provinsi diteruskan ke portal ini.' },
        { title: 'Lengkapi dokumen', description: 'Unggah dokumen teknis yang belum tersedia di OSS.' },
        { title: 'Pertimbangan teknis', description: 'Dinas teknis memeriksa dan, bila perlu, meninjau lapangan.' },
        { title: 'Persetujuan', description: 'DPMPTSP menerbitkan PB UMKU di OSS dengan tanda tangan elektronik.' },
      ],
      completionDays: 5,
      fee: { kind: 'free' },
      product: { name: 'PB UMKU yang terbit di Sistem OSS', description: 'Masa berlaku mengikuti jenis PB UMKU.', validity: null },
      staffCompetence: 'Verifikator perizinan bersertifikat OSS dan tim teknis perangkat daerah sesuai sektor.',
      staffCount: 9,
      serviceGuarantee: 'Keputusan diterbitkan dalam SLA yang ditetapkan PP 28/2025; bila SLA terlewati, sistem OSS memproses sesuai ketentuan fiktif positif.',
    },
    [
      {
        key: 'usaha',
        title: 'Pelaku usaha dan permohonan',
        titleEn: 'Business and request',
        fields: [
          F.business(),
          F.nib(),
          F.npwp(),
          { key: 'nomor_permohonan_oss', type: 'text', label: 'Nomor permohonan OSS', required: true, rules: { maxLength: 40 } },
          {
            key: 'sektor_pb_umku',
            type: 'choice',
            label: 'Sektor PB UMKU',
            required: true,
            options: [
              { value: 'kesehatan', label: 'Kesehatan' },
              { value: 'perhubungan', label: 'Perhubungan' },
              { value: 'kelautan_perikanan', label: 'Kelautan dan perikanan' },
              { value: 'esdm', label: 'Energi dan sumber daya mineral' },
              { value: 'lingkungan_hidup', label: 'Lingkungan hidup dan kehutanan' },
              { value: 'lainnya', label: 'Lainnya' },
            ],
          },
        ],
      },
    ],
  ),
  service(
    'dpmptsp',
    'konsultasi-fasilitasi-investasi',
    ['uu-6-2023', 'pp-28-2025', 'pergub-contoh-12-2022-ptsp'],
    {
      name: 'Konsultasi Perizinan dan Fasilitasi Investasi (Investor Desk)',
      nameEn: 'Licensing Consultation and Investment Facilitation (Investor Desk)',
      summary: 'Calon investor PMDN dan PMA mendapat jadwal konsultasi tentang peluang investasi, perizinan yang dibutuhkan dan insentif daerah, baik tatap muka maupun daring.',
      summaryEn: 'Domestic and foreign investors book a consultation on investment opportunities, required permits and regional incentives, in person or online.',
      sectors: ['penanaman-modal'],
      keywords: ['investasi', 'investor', 'konsultasi izin', 'pma', 'pmdn', 'peluang usaha'],
      channels: ['online', 'counter'],
      requirements: [
        data('ringkasan_rencana', 'Ringkasan rencana investasi', 'Bidang usaha, lokasi yang diminati dan perkiraan tenaga kerja.'),
        data('nilai_investasi', 'Perkiraan nilai investasi', 'Dalam rupiah.'),
        doc('profil_perusahaan', 'Profil perusahaan', 'Bila sudah ada.', { optional: true, types: PDF, maxMb: 10 }),
      ],
      procedure: [
        { title: 'Pesan jadwal', description: 'Isi formulir dan pilih tanggal konsultasi.' },
        { title: 'Konfirmasi', description: 'Petugas mengonfirmasi jadwal dan menyiapkan data peluang investasi yang relevan.' },
        { title: 'Konsultasi', description: 'Pertemuan tatap muka di Mal Pelayanan Publik atau melalui konferensi video.' },
        { title: 'Tindak lanjut', description: 'Investor menerima daftar perizinan yang dibutuhkan dan kontak pendamping.' },
      ],
      completionDays: 3,
      fee: { kind: 'free' },
      product: { name: 'Catatan konsultasi dan daftar periksa perizinan', validity: null },
      staffCompetence: 'Petugas investor relation yang menguasai bahasa Inggris, peta peluang investasi provinsi, OSS dan ketentuan penanaman modal asing.',
      staffCount: 4,
      serviceGuarantee: 'Konsultasi dijadwalkan paling lama 3 hari kerja setelah permohonan; satu pendamping tetap ditunjuk hingga perizinan selesai.',
      performanceEvaluation: 'Survei kepuasan investor setelah setiap konsultasi dan laporan realisasi investasi hasil fasilitasi setiap triwulan kepada Gubernur.',
    },
    [
      {
        key: 'investor',
        title: 'Calon investor',
        titleEn: 'Investor',
        fields: [
          F.name('Nama narahubung'),
          F.email(),
          F.phone(),
          { ...F.business('Nama perusahaan'), required: false },
          {
            key: 'asal_modal',
            type: 'choice',
            label: 'Asal modal',
            labelEn: 'Source of capital',
            required: true,
            options: [
              { value: 'pmdn', label: 'Dalam negeri (PMDN)' },
              { value: 'pma', label: 'Asing (PMA)' },
            ],
          },
          { key: 'negara_asal', type: 'text', label: 'Negara asal investor', labelEn: 'Country of origin', visibleIf: { field: 'asal_modal', equals: 'pma' }, required: true, rules: { maxLength: 60 } },
        ],
      },
      {
        key: 'rencana',
        title: 'Rencana investasi',
        titleEn: 'Investment plan',
        fields: [
          { key: 'nilai_investasi', type: 'number', label: 'Perkiraan nilai investasi (Rp)', required: true, rules: { min: 0 } },
          { key: 'ringkasan_rencana', type: 'textarea', label: 'Ringkasan rencana', required: true, rules: { maxLength: 2000 } },
          { key: 'tanggal_konsultasi', type: 'date', label: 'Tanggal konsultasi yang diinginkan', required: true, rules: { minDate: '2026-01-01' } },
        ],
      },
    ],
  ),
  service(
    'dinas-esdm',
    'izin-pemanfaatan-air-tanah',
    ['uu-17-2019', 'pp-28-2025', 'uu-23-2014'],
    {
      name: 'Izin Pemanfaatan Air Tanah (Persetujuan Penggunaan Air Tanah) untuk Kegiatan Usaha',
      summary: 'Badan usaha yang akan mengebor atau menggunakan sumur air tanah untuk kegiatan usaha (hotel, industri, pertanian) memerlukan persetujuan penggunaan air tanah, termasuk kajian teknis oleh Dinas ESDM.',
      sectors: ['energi-sdm', 'penanaman-modal'],
      keywords: ['air tanah', 'sumur bor', 'sipa', 'izin air', 'pengeboran'],
      channels: ['online', 'counter'],
      requirements: [
        doc('peta_lokasi', 'Peta lokasi titik sumur', 'Dengan koordinat dan skala 1:10.000 atau lebih rinci.', { types: PDF, maxMb: 10 }),
        doc('desain_sumur', 'Desain konstruksi sumur', 'Kedalaman, diameter, posisi saringan dan rencana pompa.', { types: PDF, maxMb: 5 }),
        doc('uji_pemompaan', 'Laporan uji pemompaan', 'Untuk sumur yang sudah ada; untuk sumur baru diserahkan setelah pengeboran.', { optional: true, types: PDF, maxMb: 10 }),
        doc('persetujuan_lingkungan', 'Persetujuan lingkungan', 'PKPLH atau SPPL sesuai skala kegiatan.', { types: PDF, maxMb: 5 }),
        data('debit_rencana', 'Rencana debit pengambilan (m³/hari)', 'Sesuai kebutuhan kegiatan.'),
      ],
      procedure: [
        { title: 'Permohonan', description: 'Isi data lokasi, sumur dan kebutuhan air; unggah dokumen.' },
        { title: 'Kajian teknis', description: 'Tim Dinas ESDM menilai zona konservasi air tanah dan kapasitas cekungan.' },
        { title: 'Peninjauan lapangan', description: 'Peninjauan titik sumur dan berita acara bersama pemohon.' },
        { title: 'Penerbitan persetujuan', description: 'Persetujuan terbit elektronik dengan kewajiban meter air dan pelaporan bulanan.' },
      ],
      completionDays: 14,
      fee: { kind: 'free' },
      product: { name: 'Persetujuan Penggunaan Air Tanah', description: 'Memuat titik, kedalaman dan debit maksimum.', validity: { years: 3 } },
      staffCompetence: 'Ahli hidrogeologi dan petugas teknis air tanah yang memahami zona konservasi, uji pemompaan dan konstruksi sumur bor.',
      staffCount: 5,
      serviceGuarantee: 'Persetujuan terbit paling lama 14 hari kerja sejak berkas lengkap; hasil kajian teknis disampaikan tertulis kepada pemohon.',
    },
    [
      { key: 'usaha', title: 'Pemohon', fields: [F.business(), F.nib(), F.npwp()] },
      {
        key: 'sumur',
        title: 'Sumur dan pemanfaatan',
        titleEn: 'Well and use',
        fields: [
          { key: 'lokasi_sumur', type: 'address', label: 'Lokasi sumur', addressLevel: 'village', required: true },
          { key: 'kedalaman_sumur', type: 'number', label: 'Kedalaman sumur (m)', required: true, rules: { min: 1, max: 300 } },
          { key: 'debit_rencana', type: 'number', label: 'Rencana debit (m³/hari)', required: true, rules: { min: 1, max: 5_000 } },
          {
            key: 'peruntukan',
            type: 'choice',
            label: 'Peruntukan',
            required: true,
            options: [
              { value: 'industri', label: 'Industri' },
              { value: 'hotel_komersial', label: 'Hotel dan usaha komersial' },
              { value: 'pertanian', label: 'Pertanian/peternakan' },
              { value: 'air_minum', label: 'Usaha air minum' },
            ],
          },
        ],
      },
    ],
  ),
  service(
    'dlhk',
    'persetujuan-lingkungan-ukl-upl',
    ['uu-32-2009', 'pp-22-2021', 'uu-6-2023'],
    {
      name: 'Pemeriksaan UKL-UPL dan Penerbitan Persetujuan Lingkungan (PKPLH) Kewenangan Provinsi',
      nameEn: 'Environmental Approval (UKL-UPL review) under Provincial Authority',
      summary: 'Usaha yang wajib UKL-UPL dan berlokasi lintas kabupaten/kota atau di wilayah laut sampai 12 mil memperoleh Persetujuan Pernyataan Kesanggupan Pengelolaan Lingkungan Hidup (PKPLH).',
      summaryEn: 'Businesses needing a UKL-UPL whose site spans several regencies or lies within 12 nautical miles obtain their environmental approval (PKPLH) from the province.',
      sectors: ['lingkungan-hidup', 'penanaman-modal'],
      keywords: ['ukl-upl', 'amdal', 'persetujuan lingkungan', 'pkplh', 'izin lingkungan'],
      channels: ['online', 'counter'],
      requirements: [
        doc('formulir_ukl_upl', 'Formulir UKL-UPL terisi', 'Disusun melalui AMDALNET sesuai format PP 22/2021.', { types: PDF, maxMb: 20 }),
        doc('pkkpr', 'Konfirmasi/Persetujuan Kesesuaian Kegiatan Pemanfaatan Ruang (KKPR)', 'Dari OSS atau instansi berwenang.', { types: PDF, maxMb: 5 }),
        doc('peta_lokasi', 'Peta tapak kegiatan', 'Dengan batas lahan dan koordinat.', { types: PDF, maxMb: 10 }),
        data('luas_lahan', 'Luas lahan kegiatan (ha)', 'Luas keseluruhan tapak.'),
      ],
      procedure: [
        { title: 'Pengajuan', description: 'Unggah formulir UKL-UPL dan dokumen pendukung.' },
        { title: 'Pemeriksaan administrasi', description: 'Kelengkapan diperiksa paling lama 2 hari kerja.' },
        { title: 'Pemeriksaan substansi', description: 'Tim pemeriksa menilai dampak dan rencana pengelolaan; pemrakarsa dapat diminta memperbaiki.' },
        { title: 'Penerbitan PKPLH', description: 'Kepala DLHK atas nama Gubernur menerbitkan PKPLH yang terhubung ke OSS.' },
      ],
      completionDays: 10,
      fee: { kind: 'free' },
      product: { name: 'Persetujuan Pernyataan Kesanggupan Pengelolaan Lingkungan Hidup (PKPLH)', description: 'Berlaku selama usaha berjalan tanpa perubahan.', validity: null },
      staffCompetence: 'Pemeriksa dokumen lingkungan bersertifikat kompetensi, dengan latar belakang teknik lingkungan, biologi atau kehutanan.',
      staffCount: 6,
      serviceGuarantee: 'PKPLH terbit paling lama 10 hari kerja sejak formulir dinyatakan lengkap dan benar; setiap permintaan perbaikan disampaikan sekaligus, tidak bertahap.',
    },
    [
      {
        key: 'kegiatan',
        title: 'Pemrakarsa dan kegiatan',
        titleEn: 'Proponent and activity',
        fields: [
          F.business('Nama pemrakarsa'),
          F.nib(),
          F.npwp(),
          { key: 'nama_kegiatan', type: 'text', label: 'Nama usaha/kegiatan', required: true, rules: { maxLength: 200 } },
          { key: 'lokasi_kegiatan', type: 'address', label: 'Lokasi kegiatan', addressLevel: 'district', required: true },
          { key: 'lintas_kabupaten', type: 'yesno', label: 'Lokasi mencakup lebih dari satu kabupaten/kota?', required: true },
          { key: 'luas_lahan', type: 'number', label: 'Luas lahan (ha)', required: true, rules: { min: 0, max: 100_000 } },
        ],
      },
    ],
  ),
  service(
    'dkp',
    'izin-usaha-perikanan-tangkap',
    ['uu-31-2004', 'pp-27-2021', 'pp-28-2025'],
    {
      name: 'Perizinan Berusaha Penangkapan Ikan (SIUP dan SIPI) Kapal di atas 5 sampai 30 GT',
      nameEn: 'Fishing Business and Fishing Permits for Vessels of 5–30 GT',
      summary: 'Pemilik kapal penangkap ikan berukuran di atas 5 GT sampai 30 GT yang beroperasi di perairan sampai 12 mil laut mengurus izin usaha dan izin penangkapan ikan di provinsi.',
      summaryEn: 'Owners of fishing vessels above 5 and up to 30 GT operating within 12 nautical miles obtain their business and fishing permits from the province.',
      sectors: ['sumber-daya-alam', 'penanaman-modal'],
      keywords: ['izin kapal', 'nelayan', 'sipi', 'siup perikanan', 'kapal ikan', 'perikanan'],
      channels: ['online', 'counter'],
      requirements: [
        doc('pas_kapal', 'Grosse akta atau pas kecil/besar kapal', 'Bukti kebangsaan dan kepemilikan kapal.', { types: PDF_IMG }),
        doc('surat_ukur', 'Surat ukur kapal', 'Menunjukkan tonase kotor (GT).'),
        doc('foto_kapal', 'Foto kapal', 'Tampak samping dengan nama kapal terlihat, serta foto alat tangkap.', { types: IMG, maxMb: 5 }),
        doc('ktp', 'KTP pemilik kapal', 'Untuk koperasi/badan usaha: KTP pengurus dan NIB.'),
        data('ukuran_gt', 'Ukuran kapal (GT)', 'Di atas 5 sampai 30 GT.'),
      ],
      procedure: [
        { title: 'Permohonan', description: 'Isi data kapal dan alat tangkap; unggah dokumen.' },
        { title: 'Pemeriksaan fisik kapal', description: 'Petugas memeriksa fisik kapal dan alat tangkap di pelabuhan pangkalan.' },
        { title: 'Penerbitan izin', description: 'SIUP dan SIPI terbit elektronik; pemilik wajib memasang tanda selar dan mengisi log book.' },
      ],
      completionDays: 5,
      fee: { kind: 'free' },
      product: { name: 'Surat Izin Usaha Perikanan (SIUP) dan Surat Izin Penangkapan Ikan (SIPI)', description: 'SIPI diperpanjang setiap tahun; SIUP berlaku selama usaha berjalan.', validity: { years: 1 } },
      staffCompetence: 'Petugas perizinan perikanan dan pemeriksa fisik kapal bersertifikat yang memahami jenis alat tangkap yang diizinkan dan jalur penangkapan.',
      staffCount: 6,
      serviceGuarantee: 'Izin terbit paling lama 5 hari kerja setelah pemeriksaan fisik; pemeriksaan dijadwalkan di pelabuhan pangkalan sehingga nelayan tidak perlu ke ibu kota provinsi.',
    },
    [
      {
        key: 'pemilik',
        title: 'Pemilik kapal',
        titleEn: 'Owner',
        fields: [F.name('Nama pemilik kapal'), F.nik(), F.phone()],
      },
      {
        key: 'kapal',
        title: 'Kapal',
        titleEn: 'Vessel',
        fields: [
          { key: 'nama_kapal', type: 'text', label: 'Nama kapal', required: true, rules: { maxLength: 60 } },
          { key: 'ukuran_gt', type: 'number', label: 'Ukuran kapal (GT)', required: true, rules: { min: 5, max: 30 } },
          {
            key: 'alat_tangkap',
            type: 'choice',
            label: 'Alat penangkapan ikan',
            required: true,
            options: [
              { value: 'pancing_ulur', label: 'Pancing ulur' },
              { value: 'rawai', label: 'Rawai' },
              { value: 'pukat_cincin', label: 'Pukat cincin' },
              { value: 'jaring_insang', label: 'Jaring insang' },
              { value: 'bubu', label: 'Bubu' },
            ],
          },
        ],
      },
    ],
  ),
];

// ---- Industri, perdagangan, UKM dan koperasi ------------------------------------------------

const nikKoperasi: Field = { key: 'nomor_induk_koperasi', type: 'text', label: 'Nomor Induk Koperasi (NIK Koperasi)', required: true, rules: { pattern: '^[0-9]{16}$' } };

const industryTrade: DemoService[] = [
  service(
    'diskop-ukm',
    'izin-usaha-simpan-pinjam-koperasi',
    ['uu-25-1992', 'pp-7-2021', 'uu-23-2014', 'pp-28-2025'],
    {
      name: 'Izin Usaha Simpan Pinjam Koperasi dengan Keanggotaan Lintas Kabupaten/Kota',
      nameEn: 'Savings and Loan Licence for Cooperatives with Members in Several Regencies',
      summary: 'Koperasi yang anggotanya tersebar di lebih dari satu kabupaten/kota di Provinsi Contoh dan akan membuka usaha simpan pinjam memperoleh izin usaha dari Pemerintah Provinsi.',
      summaryEn: 'Cooperatives with members in more than one regency of the province obtain their savings-and-loan licence from the provincial government.',
      sectors: ['industri-perdagangan-ukm'],
      keywords: ['koperasi', 'simpan pinjam', 'ksp', 'izin koperasi', 'usp'],
      channels: ['online', 'counter'],
      requirements: [
        doc('akta_koperasi', 'Akta pendirian dan SK pengesahan badan hukum koperasi', 'Beserta perubahan anggaran dasar terakhir.', { types: PDF, maxMb: 5 }),
        doc('daftar_anggota', 'Daftar anggota dengan domisili', 'Menunjukkan keanggotaan di lebih dari satu kabupaten/kota.', { types: PDF, maxMb: 5 }),
        doc('rencana_kerja', 'Rencana kerja 3 tahun', 'Termasuk rencana permodalan dan penyaluran pinjaman.', { types: PDF, maxMb: 5 }),
        doc('bukti_modal', 'Bukti modal disetor', 'Rekening koran atau deposito atas nama koperasi.', { types: PDF }),
        doc('sertifikat_pengelola', 'Sertifikat kompetensi pengelola', 'Manajer atau pengurus yang menangani simpan pinjam.', { optional: true, types: PDF }),
        data('jumlah_anggota', 'Jumlah anggota', 'Anggota terdaftar per tanggal permohonan.'),
      ],
      procedure: [
        { title: 'Permohonan', description: 'Isi data koperasi dan unggah dokumen.' },
        { title: 'Penilaian kelayakan', description: 'Pengawas koperasi memeriksa dokumen, permodalan dan kesiapan pengelola.' },
        { title: 'Peninjauan kantor', description: 'Peninjauan sarana kantor, sistem pembukuan dan prosedur simpan pinjam.' },
        { title: 'Penerbitan izin', description: 'Izin usaha simpan pinjam terbit dan tercatat di sistem data koperasi.' },
      ],
      completionDays: 15,
      fee: { kind: 'free' },
      product: { name: 'Izin Usaha Simpan Pinjam Koperasi', description: 'Berlaku selama koperasi menjalankan usaha simpan pinjam dan dinilai kesehatannya setiap tahun.', validity: null },
      staffCompetence: 'Pengawas koperasi bersertifikat yang memahami akuntansi koperasi, manajemen risiko simpan pinjam dan ketentuan perkoperasian.',
      staffCount: 4,
      serviceGuarantee: 'Izin terbit paling lama 15 hari kerja sejak berkas lengkap; hasil penilaian disampaikan tertulis beserta rekomendasi perbaikan.',
    },
    [
      {
        key: 'koperasi',
        title: 'Koperasi',
        titleEn: 'Cooperative',
        fields: [
          F.business('Nama koperasi'),
          F.nib(),
          F.npwp(),
          nikKoperasi,
          { key: 'jumlah_anggota', type: 'number', label: 'Jumlah anggota', required: true, rules: { min: 20, max: 1_000_000 } },
          { key: 'modal_disetor', type: 'number', label: 'Modal disetor (Rp)', required: true, rules: { min: 0 } },
        ],
      },
    ],
  ),
  service(
    'diskop-ukm',
    'penilaian-kesehatan-koperasi',
    ['uu-25-1992', 'pp-7-2021', 'uu-23-2014'],
    {
      name: 'Penilaian Kesehatan Koperasi Simpan Pinjam dan Unit Simpan Pinjam',
      summary: 'Penilaian tahunan atas permodalan, kualitas aset, manajemen, efisiensi, likuiditas dan kemandirian KSP/USP koperasi berwilayah lintas kabupaten/kota.',
      sectors: ['industri-perdagangan-ukm'],
      keywords: ['kesehatan koperasi', 'ksp', 'usp', 'rat', 'penilaian koperasi'],
      channels: ['online'],
      requirements: [
        doc('laporan_keuangan', 'Laporan keuangan tahunan yang telah diaudit', 'Neraca, laporan hasil usaha, arus kas dan catatan.', { types: PDF, maxMb: 10 }),
        doc('laporan_rat', 'Laporan dan berita acara Rapat Anggota Tahunan', 'RAT tahun buku terakhir.', { types: PDF, maxMb: 10 }),
        data('tahun_buku', 'Tahun buku yang dinilai', 'Tahun buku terakhir yang sudah di-RAT-kan.'),
        data('total_aset', 'Total aset', 'Sesuai neraca.'),
      ],
      procedure: [
        { title: 'Unggah laporan', description: 'Unggah laporan keuangan dan laporan RAT.' },
        { title: 'Penilaian', description: 'Tim penilai menghitung rasio dan dapat melakukan uji petik di kantor koperasi.' },
        { title: 'Penetapan predikat', description: 'Predikat Sehat, Cukup Sehat, Dalam Pengawasan, atau Dalam Pengawasan Khusus ditetapkan.' },
      ],
      completionDays: 20,
      fee: { kind: 'free' },
      product: { name: 'Sertifikat hasil penilaian kesehatan koperasi', validity: { years: 1 } },
      staffCompetence: 'Penilai kesehatan koperasi bersertifikat dengan latar belakang akuntansi atau keuangan.',
      staffCount: 4,
      serviceGuarantee: 'Sertifikat terbit paling lama 20 hari kerja; koperasi dengan predikat di bawah Sehat mendapat pendampingan tanpa biaya.',
    },
    [
      {
        key: 'koperasi',
        title: 'Koperasi dan tahun buku',
        fields: [
          F.business('Nama koperasi'),
          F.nib(),
          nikKoperasi,
          {
            key: 'jenis_unit',
            type: 'choice',
            label: 'Jenis',
            required: true,
            options: [
              { value: 'ksp', label: 'Koperasi Simpan Pinjam (KSP)' },
              { value: 'usp', label: 'Unit Simpan Pinjam (USP) koperasi' },
              { value: 'kspps', label: 'Koperasi Simpan Pinjam dan Pembiayaan Syariah (KSPPS)' },
            ],
          },
          { key: 'tahun_buku', type: 'number', label: 'Tahun buku', required: true, rules: { min: 2015, max: yearNow } },
          { key: 'total_aset', type: 'number', label: 'Total aset (Rp)', required: true, rules: { min: 0 } },
        ],
      },
    ],
  ),
  service(
    'diskop-ukm',
    'pelatihan-pendampingan-ukm',
    ['uu-20-2008', 'pp-7-2021'],
    {
      name: 'Pendaftaran Pelatihan Kewirausahaan dan Pendampingan Usaha Kecil',
      nameEn: 'Entrepreneurship Training and Mentoring for Small Businesses',
      summary: 'Pelatihan gratis pemasaran digital, pembukuan, kemasan dan akses pembiayaan bagi pelaku usaha mikro dan kecil, dilanjutkan pendampingan tiga bulan di PLUT-KUMKM.',
      summaryEn: 'Free training in digital marketing, bookkeeping, packaging and access to finance for micro and small businesses, followed by three months of mentoring.',
      sectors: ['industri-perdagangan-ukm'],
      keywords: ['pelatihan umkm', 'ukm', 'pendampingan usaha', 'pemasaran online', 'pembukuan'],
      channels: ['online'],
      requirements: [
        doc('ktp', 'KTP pemilik usaha', 'Berdomisili di Provinsi Contoh.'),
        doc('foto_produk', 'Foto produk atau tempat usaha', 'Paling banyak 3 foto dalam satu berkas.', { optional: true, types: IMG, maxMb: 5 }),
        data('omzet_bulanan', 'Omzet rata-rata per bulan', 'Perkiraan tiga bulan terakhir.'),
      ],
      procedure: [
        { title: 'Pendaftaran', description: 'Pilih jenis pelatihan dan isi data usaha.' },
        { title: 'Seleksi', description: 'Peserta dipilih berdasarkan kesesuaian usaha dan kuota angkatan.' },
        { title: 'Pelatihan', description: 'Pelatihan 3–5 hari di PLUT-KUMKM atau daring.' },
        { title: 'Pendampingan', description: 'Konsultan mendampingi peserta selama 3 bulan.' },
      ],
      completionDays: 10,
      fee: { kind: 'free' },
      product: { name: 'Sertifikat pelatihan dan rencana pengembangan usaha', validity: null },
      staffCompetence: 'Konsultan PLUT-KUMKM dan pelatih bersertifikat kompetensi di bidang pemasaran, keuangan usaha dan produksi.',
      staffCount: 7,
      serviceGuarantee: 'Hasil seleksi diumumkan paling lama 10 hari kerja; peserta tidak dipungut biaya dan mendapat bahan pelatihan.',
    },
    [
      {
        key: 'peserta',
        title: 'Peserta dan usaha',
        titleEn: 'Participant and business',
        fields: [
          F.name(),
          F.nik(),
          F.phone(),
          F.email(false),
          F.business('Nama usaha'),
          { key: 'punya_nib', type: 'yesno', label: 'Usaha sudah memiliki NIB?' },
          { ...F.nib(), visibleIf: { field: 'punya_nib', equals: true } },
          {
            key: 'jenis_pelatihan',
            type: 'choice',
            label: 'Pelatihan yang diminati',
            required: true,
            options: [
              { value: 'pemasaran_digital', label: 'Pemasaran digital' },
              { value: 'pembukuan', label: 'Pembukuan sederhana' },
              { value: 'kemasan_merek', label: 'Kemasan dan merek' },
              { value: 'pembiayaan', label: 'Akses pembiayaan (KUR)' },
            ],
          },
          { key: 'omzet_bulanan', type: 'number', label: 'Omzet rata-rata per bulan (Rp)', required: true, rules: { min: 0, max: 1_250_000_000 } },
        ],
      },
    ],
  ),
  service(
    'disperindag',
    'fasilitasi-sertifikasi-halal',
    ['uu-33-2014', 'pp-7-2021', 'uu-20-2008'],
    {
      name: 'Fasilitasi Sertifikasi Halal Gratis bagi Usaha Mikro dan Kecil (Self Declare)',
      nameEn: 'Free Halal Certification Assistance for Micro and Small Businesses',
      summary: 'Pelaku usaha mikro dan kecil pangan olahan dibantu pendamping proses produk halal mengajukan sertifikat halal melalui jalur pernyataan pelaku usaha, dengan biaya ditanggung pemerintah.',
      summaryEn: 'Micro and small food businesses are assisted by halal process facilitators to obtain halal certification through self-declaration, paid by the government.',
      sectors: ['industri-perdagangan-ukm'],
      keywords: ['sertifikat halal', 'halal', 'umkm', 'sehati', 'label halal'],
      channels: ['online', 'counter'],
      requirements: [
        doc('ktp', 'KTP pemilik usaha', 'Pemilik usaha yang terdaftar di NIB.'),
        doc('daftar_bahan', 'Daftar bahan dan pemasok', 'Semua bahan baku dan tambahan beserta merek/pemasok.', { types: PDF_IMG }),
        doc('foto_produksi', 'Foto produk dan proses produksi', 'Dapur/tempat produksi dan produk dalam kemasan.', { types: IMG, maxMb: 10 }),
        data('nib', 'NIB', 'Wajib; bila belum ada, ajukan dahulu layanan Izin Usaha Mikro dan Kecil.'),
      ],
      procedure: [
        { title: 'Pendaftaran', description: 'Isi data usaha dan produk, unggah dokumen.' },
        { title: 'Pendampingan', description: 'Pendamping proses produk halal memverifikasi bahan dan proses di tempat produksi.' },
        { title: 'Pengajuan ke SIHALAL', description: 'Pendamping mengajukan permohonan ke BPJPH melalui SIHALAL.' },
        { title: 'Penetapan dan sertifikat', description: 'Komite Fatwa menetapkan kehalalan; sertifikat halal terbit dari BPJPH.' },
      ],
      completionDays: 21,
      fee: { kind: 'free' },
      product: { name: 'Sertifikat Halal dari BPJPH', description: 'Berlaku selama tidak ada perubahan komposisi bahan dan proses produksi.', validity: null },
      staffCompetence: 'Pendamping proses produk halal teregistrasi BPJPH dan petugas dinas yang memahami jaminan produk halal bagi UMK.',
      staffCount: 10,
      serviceGuarantee: 'Pendamping mengunjungi tempat produksi paling lama 5 hari kerja setelah pendaftaran; seluruh biaya sertifikasi ditanggung kuota fasilitasi pemerintah.',
    },
    [
      {
        key: 'usaha',
        title: 'Pelaku usaha',
        titleEn: 'Business',
        fields: [F.name(), F.nik(), F.phone(), F.business('Nama usaha'), F.nib()],
      },
      {
        key: 'produk',
        title: 'Produk',
        titleEn: 'Products',
        fields: [
          {
            key: 'jenis_produk',
            type: 'choice',
            label: 'Jenis produk',
            required: true,
            options: [
              { value: 'makanan', label: 'Makanan olahan' },
              { value: 'minuman', label: 'Minuman' },
              { value: 'bumbu', label: 'Bumbu dan rempah olahan' },
              { value: 'kue', label: 'Kue dan roti' },
            ],
          },
          { key: 'jumlah_produk', type: 'number', label: 'Jumlah varian produk', required: true, rules: { min: 1, max: 20 } },
        ],
      },
    ],
  ),
  service(
    'disperindag',
    'surat-keterangan-asal-ekspor',
    ['uu-7-2014', 'uu-6-2023', 'uu-25-2009'],
    {
      name: 'Penerbitan Surat Keterangan Asal (SKA) Barang Ekspor',
      nameEn: 'Certificate of Origin (SKA) for Exported Goods',
      summary: 'Eksportir memperoleh Surat Keterangan Asal (certificate of origin) agar barangnya mendapat tarif preferensi di negara tujuan, misalnya Form D (ASEAN) atau Form E (Tiongkok).',
      summaryEn: 'Exporters obtain a certificate of origin so their goods receive preferential tariffs abroad, e.g. Form D (ASEAN) or Form E (China).',
      sectors: ['industri-perdagangan-ukm'],
      keywords: ['ska', 'certificate of origin', 'ekspor', 'form d', 'coo'],
      channels: ['online', 'counter'],
      requirements: [
        doc('invoice', 'Commercial invoice', 'Atas nama eksportir.', { types: PDF }),
        doc('packing_list', 'Packing list', 'Sesuai invoice.', { types: PDF }),
        doc('bill_of_lading', 'Bill of lading atau airway bill', 'Dokumen pengangkutan.', { types: PDF }),
        doc('peb', 'Pemberitahuan Ekspor Barang (PEB)', 'Yang telah mendapat persetujuan ekspor dari Bea Cukai.', { types: PDF }),
        data('kode_hs', 'Kode HS barang', 'Paling sedikit 6 digit.'),
      ],
      procedure: [
        { title: 'Pengajuan', description: 'Isi data ekspor dan unggah dokumen.' },
        { title: 'Verifikasi', description: 'Petugas memeriksa kriteria asal barang dan kesesuaian dokumen.' },
        { title: 'Penerbitan', description: 'SKA ditandatangani pejabat penerbit SKA dan dapat dicetak atau dikirim elektronik ke negara tujuan.' },
      ],
      completionDays: 1,
      fee: { kind: 'free' },
      product: { name: 'Surat Keterangan Asal (SKA)', description: 'Berlaku untuk satu pengapalan.', validity: { years: 1 } },
      staffCompetence: 'Pejabat penerbit SKA yang spesimen tanda tangannya terdaftar, memahami ketentuan asal barang berbagai perjanjian perdagangan.',
      staffCount: 3,
      serviceGuarantee: 'SKA terbit paling lama 1 hari kerja sejak dokumen lengkap, sehingga tidak menghambat jadwal pengapalan.',
    },
    [
      {
        key: 'ekspor',
        title: 'Eksportir dan barang',
        titleEn: 'Exporter and goods',
        fields: [
          F.business('Nama eksportir'),
          F.nib(),
          F.npwp(),
          { key: 'negara_tujuan', type: 'text', label: 'Negara tujuan', labelEn: 'Destination country', required: true, rules: { maxLength: 60 } },
          {
            key: 'skema',
            type: 'choice',
            label: 'Jenis SKA',
            required: true,
            options: [
              { value: 'form_d', label: 'Form D (ATIGA)' },
              { value: 'form_e', label: 'Form E (ACFTA)' },
              { value: 'form_ijepa', label: 'Form IJEPA (Jepang)' },
              { value: 'form_aanz', label: 'Form AANZ (Australia–Selandia Baru)' },
              { value: 'non_preferensi', label: 'Non-preferensi (Form B)' },
            ],
          },
          { key: 'kode_hs', type: 'text', label: 'Kode HS', required: true, rules: { pattern: '^[0-9]{6,10}$' } },
        ],
      },
    ],
  ),
];

// ---- Ketenagakerjaan ----------------------------------------------------------------------------

const manpower: DemoService[] = [
  service(
    'disnakertrans',
    'pengesahan-peraturan-perusahaan',
    ['uu-13-2003', 'permenaker-28-2014', 'pp-35-2021', 'uu-6-2023'],
    {
      name: 'Pengesahan Peraturan Perusahaan untuk Perusahaan di Lebih dari Satu Kabupaten/Kota',
      nameEn: 'Approval of Company Regulations (companies in several regencies)',
      summary: 'Perusahaan dengan 10 pekerja atau lebih yang wilayah kerjanya di lebih dari satu kabupaten/kota di Provinsi Contoh mengesahkan peraturan perusahaannya di Disnakertrans Provinsi.',
      summaryEn: 'Companies with ten or more workers operating in more than one regency of the province have their company regulations approved by the provincial manpower office.',
      sectors: ['ketenagakerjaan'],
      keywords: ['peraturan perusahaan', 'pp perusahaan', 'pengesahan pp', 'hubungan industrial', 'pekerja'],
      channels: ['online', 'counter'],
      requirements: [
        doc('naskah_pp', 'Naskah peraturan perusahaan', 'Ditandatangani pimpinan perusahaan.', { types: PDF, maxMb: 5 }),
        doc('bukti_konsultasi', 'Bukti permintaan saran dan pertimbangan wakil pekerja/serikat pekerja', 'Berita acara atau surat tanggapan.', { types: PDF }),
        doc('wlkp', 'Bukti wajib lapor ketenagakerjaan (WLKP)', 'Yang masih berlaku.', { types: PDF_IMG }),
        data('jumlah_pekerja', 'Jumlah pekerja', 'Seluruh lokasi kerja.'),
        data('lokasi_kerja', 'Daftar kabupaten/kota lokasi kerja', 'Paling sedikit dua kabupaten/kota.'),
      ],
      procedure: [
        { title: 'Pengajuan', description: 'Unggah naskah dan bukti konsultasi.' },
        { title: 'Penelitian naskah', description: 'Mediator/pengantar kerja meneliti kesesuaian dengan peraturan perundang-undangan.' },
        { title: 'Perbaikan (bila perlu)', description: 'Catatan perbaikan disampaikan; perusahaan mengirim naskah perbaikan paling lama 14 hari kerja.' },
        { title: 'Pengesahan', description: 'Kepala Dinas menerbitkan surat keputusan pengesahan.' },
      ],
      completionDays: 7,
      fee: { kind: 'free' },
      product: { name: 'Surat Keputusan Pengesahan Peraturan Perusahaan', description: 'Peraturan perusahaan berlaku paling lama 2 tahun dan wajib diperbarui.', validity: { years: 2 } },
      staffCompetence: 'Mediator hubungan industrial dan pegawai fungsional yang memahami UU 13/2003 sebagaimana diubah UU 6/2023, PP 35/2021 dan Permenaker 28/2014.',
      staffCount: 4,
      serviceGuarantee: 'Pengesahan paling lama 7 hari kerja sejak naskah lengkap dan sesuai, sebagaimana Permenaker 28/2014.',
    },
    [
      {
        key: 'perusahaan',
        title: 'Perusahaan',
        titleEn: 'Company',
        fields: [
          F.business('Nama perusahaan'),
          F.nib(),
          F.npwp(),
          { key: 'jumlah_pekerja', type: 'number', label: 'Jumlah pekerja', required: true, rules: { min: 10, max: 100_000 } },
          { key: 'lokasi_kerja', type: 'textarea', label: 'Kabupaten/kota lokasi kerja', required: true, rules: { maxLength: 1000 } },
          { key: 'ada_serikat', type: 'yesno', label: 'Ada serikat pekerja di perusahaan?', required: true },
          { key: 'nama_serikat', type: 'text', label: 'Nama serikat pekerja', visibleIf: { field: 'ada_serikat', equals: true }, rules: { maxLength: 150 } },
        ],
      },
    ],
  ),
  service(
    'disnakertrans',
    'izin-lembaga-penempatan-tenaga-kerja-swasta',
    ['uu-13-2003', 'uu-6-2023', 'pp-28-2025'],
    {
      name: 'Izin Lembaga Penempatan Tenaga Kerja Swasta (LPTKS) Lintas Kabupaten/Kota',
      summary: 'Badan usaha yang menyalurkan pencari kerja ke perusahaan di lebih dari satu kabupaten/kota dalam Provinsi Contoh memerlukan izin LPTKS.',
      sectors: ['ketenagakerjaan', 'penanaman-modal'],
      keywords: ['lptks', 'penyalur tenaga kerja', 'agen tenaga kerja', 'outsourcing', 'penempatan kerja'],
      channels: ['online', 'counter'],
      requirements: [
        doc('akta_pendirian', 'Akta pendirian badan usaha', 'Dengan kegiatan usaha penempatan tenaga kerja.', { types: PDF, maxMb: 5 }),
        doc('wlkp', 'Bukti wajib lapor ketenagakerjaan', 'Yang masih berlaku.', { types: PDF_IMG }),
        doc('bukti_kantor', 'Bukti kantor dan struktur organisasi', 'Foto kantor, perjanjian sewa/sertifikat, serta struktur organisasi.', { types: PDF, maxMb: 5 }),
        data('jumlah_petugas', 'Jumlah petugas antarkerja', 'Petugas yang memiliki sertifikat pengantar kerja.'),
      ],
      procedure: [
        { title: 'Permohonan', description: 'Isi data dan unggah dokumen.' },
        { title: 'Verifikasi lapangan', description: 'Petugas memeriksa kantor dan sarana layanan pencari kerja.' },
        { title: 'Penerbitan izin', description: 'Izin terbit elektronik dan terhubung ke OSS.' },
      ],
      completionDays: 10,
      fee: { kind: 'free' },
      product: { name: 'Izin Lembaga Penempatan Tenaga Kerja Swasta', validity: { years: 5 } },
      staffCompetence: 'Pengantar kerja dan verifikator perizinan yang memahami ketentuan penempatan tenaga kerja dalam negeri.',
      staffCount: 3,
      serviceGuarantee: 'Izin terbit paling lama 10 hari kerja sejak berkas lengkap; pencari kerja tidak boleh dipungut biaya oleh LPTKS dan pelanggaran dapat diadukan.',
    },
    [
      {
        key: 'lembaga',
        title: 'Lembaga',
        titleEn: 'Agency',
        fields: [
          F.business('Nama LPTKS'),
          F.nib(),
          F.npwp(),
          { key: 'alamat_kantor', type: 'address', label: 'Alamat kantor', addressLevel: 'village', required: true },
          { key: 'jumlah_petugas', type: 'number', label: 'Jumlah petugas antarkerja', required: true, rules: { min: 1, max: 500 } },
        ],
      },
    ],
  ),
  service(
    'disnakertrans',
    'retribusi-perpanjangan-tenaga-kerja-asing',
    ['uu-13-2003', 'uu-1-2022', 'perda-contoh-3-2024-pdrd', 'uu-6-2023'],
    {
      name: 'Perpanjangan Penggunaan Tenaga Kerja Asing (Retribusi RPTKA) Lintas Kabupaten/Kota',
      nameEn: 'Extension Levy for Foreign Workers (multi-regency)',
      summary: 'Pemberi kerja yang memperpanjang penggunaan tenaga kerja asing dengan lokasi kerja di lebih dari satu kabupaten/kota membayar retribusi perpanjangan RPTKA ke Pemerintah Provinsi.',
      summaryEn: 'Employers extending the employment of foreign workers who work in more than one regency pay the extension levy to the provincial government.',
      sectors: ['ketenagakerjaan', 'pajak-pendapatan'],
      keywords: ['tka', 'tenaga kerja asing', 'rptka', 'dkptka', 'retribusi tka'],
      channels: ['online'],
      requirements: [
        doc('pengesahan_rptka', 'Pengesahan RPTKA perpanjangan dari Kementerian Ketenagakerjaan', 'Memuat nama TKA, jabatan dan lokasi kerja.', { types: PDF, maxMb: 5 }),
        doc('paspor', 'Paspor TKA', 'Halaman identitas; satu berkas untuk semua TKA.', { types: PDF, maxMb: 10 }),
        data('jumlah_orang_bulan', 'Jumlah orang-bulan', 'Jumlah TKA dikali jumlah bulan perpanjangan.'),
      ],
      procedure: [
        { title: 'Pengajuan', description: 'Unggah pengesahan RPTKA dan isi jumlah orang-bulan.' },
        { title: 'Penetapan retribusi', description: 'SKRD diterbitkan dengan kode bayar.' },
        { title: 'Pembayaran', description: 'Bayar ke Rekening Kas Umum Daerah melalui bank persepsi.' },
        { title: 'Notifikasi', description: 'Bukti lunas diteruskan ke Kementerian Ketenagakerjaan untuk penerbitan notifikasi.' },
      ],
      completionDays: 3,
      fee: {
        kind: 'tariff',
        regulation: 'Perda Provinsi Contoh 3/2024, retribusi perpanjangan RPTKA setara US$100 per orang per bulan (kurs ditetapkan setiap tahun)',
        lines: [{ label: 'Retribusi perpanjangan RPTKA', amount: 1_600_000, unit: 'per orang per bulan', quantityField: 'jumlah_orang_bulan' }],
      },
      product: { name: 'Surat Ketetapan Retribusi Daerah (SKRD) dan bukti lunas', validity: null },
      staffCompetence: 'Pengantar kerja dan bendahara penerimaan yang memahami ketentuan penggunaan TKA dan retribusi daerah.',
      staffCount: 2,
      serviceGuarantee: 'SKRD terbit paling lama 1 hari kerja; bukti lunas diteruskan ke Kementerian paling lama 2 hari kerja setelah pembayaran.',
    },
    [
      {
        key: 'pemberi_kerja',
        title: 'Pemberi kerja dan TKA',
        titleEn: 'Employer and foreign workers',
        fields: [
          F.business('Nama pemberi kerja'),
          F.nib(),
          F.npwp(),
          { key: 'jumlah_tka', type: 'number', label: 'Jumlah TKA', required: true, rules: { min: 1, max: 500 } },
          { key: 'jumlah_orang_bulan', type: 'number', label: 'Jumlah orang-bulan', help: 'Jumlah TKA × jumlah bulan perpanjangan.', required: true, rules: { min: 1, max: 6_000 } },
        ],
      },
    ],
  ),
  service(
    'disnakertrans',
    'mediasi-perselisihan-hubungan-industrial',
    ['uu-13-2003', 'uu-2-2004', 'uu-23-2014'],
    {
      name: 'Mediasi Perselisihan Hubungan Industrial Lintas Kabupaten/Kota',
      nameEn: 'Industrial Dispute Mediation (multi-regency)',
      summary: 'Bila perundingan bipartit gagal, pekerja, serikat pekerja atau pengusaha di perusahaan yang beroperasi lintas kabupaten/kota dapat meminta mediasi oleh mediator Disnakertrans Provinsi.',
      summaryEn: 'When bipartite negotiation fails, workers, unions or employers of companies operating in several regencies can request mediation by the provincial manpower office.',
      sectors: ['ketenagakerjaan'],
      keywords: ['phk', 'mediasi', 'perselisihan kerja', 'pesangon', 'serikat pekerja', 'tripartit'],
      channels: ['online', 'counter'],
      requirements: [
        doc('risalah_bipartit', 'Risalah perundingan bipartit', 'Menunjukkan perundingan sudah dilakukan dan gagal.', { types: PDF_IMG }),
        doc('bukti_hubungan_kerja', 'Bukti hubungan kerja', 'Perjanjian kerja, slip gaji atau kartu pegawai.'),
        doc('ktp', 'KTP pemohon', 'Untuk serikat pekerja: surat kuasa dan bukti pencatatan serikat.'),
        data('kronologi', 'Kronologi perselisihan', 'Uraian singkat pokok perselisihan.'),
      ],
      procedure: [
        { title: 'Pencatatan', description: 'Permohonan dicatat dan mediator ditunjuk paling lama 7 hari kerja.' },
        { title: 'Panggilan para pihak', description: 'Mediator memanggil pekerja dan pengusaha untuk sidang mediasi.' },
        { title: 'Sidang mediasi', description: 'Mediator mengupayakan kesepakatan.' },
        { title: 'Hasil', description: 'Perjanjian Bersama didaftarkan di Pengadilan Hubungan Industrial, atau mediator menerbitkan anjuran tertulis.' },
      ],
      completionDays: 30,
      fee: { kind: 'free' },
      product: { name: 'Perjanjian Bersama atau anjuran tertulis mediator', validity: null },
      staffCompetence: 'Mediator hubungan industrial bersertifikat yang diangkat Menteri Ketenagakerjaan.',
      staffCount: 5,
      serviceGuarantee: 'Mediasi diselesaikan paling lama 30 hari kerja sejak pelimpahan, sesuai UU 2/2004; mediator netral dan dilarang menerima pemberian dari para pihak.',
    },
    [
      {
        key: 'pemohon',
        title: 'Pemohon',
        fields: [
          F.name(),
          F.nik(),
          F.phone(),
          {
            key: 'pihak_pemohon',
            type: 'choice',
            label: 'Mengajukan sebagai',
            required: true,
            options: [
              { value: 'pekerja', label: 'Pekerja' },
              { value: 'serikat', label: 'Serikat pekerja' },
              { value: 'pengusaha', label: 'Pengusaha' },
            ],
          },
        ],
      },
      {
        key: 'perselisihan',
        title: 'Perselisihan',
        titleEn: 'Dispute',
        fields: [
          { key: 'nama_perusahaan', type: 'text', label: 'Nama perusahaan', required: true, rules: { maxLength: 150 } },
          {
            key: 'jenis_perselisihan',
            type: 'choice',
            label: 'Jenis perselisihan',
            required: true,
            options: [
              { value: 'hak', label: 'Perselisihan hak' },
              { value: 'kepentingan', label: 'Perselisihan kepentingan' },
              { value: 'phk', label: 'Pemutusan hubungan kerja' },
              { value: 'antar_serikat', label: 'Antarserikat pekerja' },
            ],
          },
          { key: 'kronologi', type: 'textarea', label: 'Kronologi', required: true, rules: { minLength: 50, maxLength: 4000 } },
        ],
      },
    ],
  ),
  service(
    'disnakertrans',
    'pelatihan-balai-latihan-kerja',
    ['uu-13-2003', 'pp-31-2006'],
    {
      name: 'Pendaftaran Pelatihan Berbasis Kompetensi di UPTD Balai Latihan Kerja',
      nameEn: 'Registration for Competency-Based Training at the Vocational Training Centre',
      summary: 'Pencari kerja usia 17 tahun ke atas dapat mendaftar pelatihan gratis di BLK Provinsi: las, otomotif, TIK, menjahit, tata boga dan instalasi listrik, diakhiri uji kompetensi.',
      summaryEn: 'Job seekers aged 17 and over can sign up for free training at the provincial vocational centre — welding, automotive, IT, tailoring, catering, electrical — ending with a competency test.',
      sectors: ['ketenagakerjaan'],
      keywords: ['blk', 'pelatihan kerja', 'kursus gratis', 'pencari kerja', 'kartu kuning'],
      channels: ['online'],
      requirements: [
        doc('ktp', 'KTP', 'Berdomisili di Provinsi Contoh.'),
        doc('ijazah', 'Ijazah terakhir', 'Paling rendah SMP atau sederajat, sesuai kejuruan.', { types: PDF_IMG }),
        doc('pas_foto', 'Pas foto 3×4', 'Foto terbaru.', { types: IMG, maxMb: 1 }),
        data('kejuruan', 'Kejuruan pilihan', 'Satu kejuruan per angkatan.'),
      ],
      procedure: [
        { title: 'Pendaftaran', description: 'Isi formulir dan pilih kejuruan.' },
        { title: 'Seleksi', description: 'Tes tertulis dan wawancara di BLK.' },
        { title: 'Pelatihan', description: 'Pelatihan 20–40 hari dengan uang transport dan makan siang.' },
        { title: 'Uji kompetensi', description: 'Peserta yang lulus pelatihan mengikuti uji kompetensi LSP.' },
      ],
      completionDays: 14,
      fee: { kind: 'free' },
      product: { name: 'Sertifikat pelatihan BLK dan kesempatan sertifikat kompetensi BNSP', validity: null },
      staffCompetence: 'Instruktur bersertifikat kompetensi dan metodologi pelatihan, serta petugas administrasi pelatihan.',
      staffCount: 24,
      serviceGuarantee: 'Hasil seleksi diumumkan paling lama 14 hari kerja setelah pendaftaran ditutup; pelatihan tanpa biaya.',
      facilities: 'UPTD Balai Latihan Kerja Provinsi dengan 8 bengkel kejuruan, asrama 60 tempat tidur, ruang teori, laboratorium komputer dan tempat uji kompetensi terverifikasi.',
    },
    [
      {
        key: 'peserta',
        title: 'Calon peserta',
        titleEn: 'Applicant',
        fields: [
          F.name(),
          F.nik(),
          F.phone(),
          F.email(false),
          {
            key: 'pendidikan',
            type: 'choice',
            label: 'Pendidikan terakhir',
            required: true,
            options: [
              { value: 'smp', label: 'SMP/sederajat' },
              { value: 'sma', label: 'SMA/SMK/sederajat' },
              { value: 'diploma', label: 'Diploma' },
              { value: 'sarjana', label: 'Sarjana' },
            ],
          },
          {
            key: 'kejuruan',
            type: 'choice',
            label: 'Kejuruan',
            required: true,
            options: [
              { value: 'las', label: 'Pengelasan' },
              { value: 'otomotif', label: 'Otomotif sepeda motor' },
              { value: 'tik', label: 'Teknologi informasi' },
              { value: 'menjahit', label: 'Menjahit' },
              { value: 'tata_boga', label: 'Tata boga' },
              { value: 'listrik', label: 'Instalasi listrik' },
            ],
          },
        ],
      },
    ],
  ),
];

// ---- Kesehatan ------------------------------------------------------------------------------

const health: DemoService[] = [
  service(
    'dinkes',
    'izin-operasional-rumah-sakit-kelas-b',
    ['uu-17-2023', 'pp-28-2024', 'pp-28-2025'],
    {
      name: 'Izin Operasional Rumah Sakit Kelas B',
      nameEn: 'Operating Licence for a Class B Hospital',
      summary: 'Rumah sakit umum atau khusus kelas B, milik pemerintah maupun swasta, memperoleh atau memperpanjang izin operasional dari Pemerintah Provinsi setelah visitasi tim penilai.',
      summaryEn: 'Class B general or specialist hospitals, public or private, obtain or renew their operating licence from the province after an on-site assessment.',
      sectors: ['kesehatan', 'penanaman-modal'],
      keywords: ['izin rumah sakit', 'rumah sakit', 'rs kelas b', 'izin operasional', 'perpanjangan izin rs'],
      channels: ['online', 'counter'],
      requirements: [
        doc('profil_rs', 'Profil rumah sakit dan hasil penilaian mandiri klasifikasi', 'Format penilaian mandiri Kementerian Kesehatan.', { types: PDF, maxMb: 10 }),
        doc('daftar_sdm', 'Daftar tenaga medis dan tenaga kesehatan', 'Dengan nomor STR dan SIP yang masih berlaku.', { types: PDF, maxMb: 10 }),
        doc('daftar_sarpras', 'Daftar sarana, prasarana dan alat kesehatan', 'Termasuk bukti kalibrasi alat dan izin BAPETEN untuk radiologi.', { types: PDF, maxMb: 20 }),
        doc('persetujuan_lingkungan', 'Persetujuan lingkungan dan izin pengelolaan limbah B3', 'Dokumen lingkungan yang masih berlaku.', { types: PDF, maxMb: 10 }),
        doc('izin_lama', 'Izin operasional sebelumnya', 'Hanya untuk perpanjangan.', { optional: true, types: PDF }),
        data('jumlah_tempat_tidur', 'Jumlah tempat tidur', 'Termasuk ICU, HCU dan perinatologi.'),
      ],
      procedure: [
        { title: 'Permohonan melalui OSS dan portal', description: 'Ajukan di OSS; lengkapi dokumen di portal.' },
        { title: 'Verifikasi dokumen', description: 'Tim memeriksa kelengkapan dan kebenaran data SDM dan alat.' },
        { title: 'Visitasi', description: 'Tim penilai meninjau bangunan, alat dan layanan; hasil dituangkan dalam berita acara.' },
        { title: 'Penerbitan izin', description: 'Izin operasional terbit elektronik melalui OSS.' },
      ],
      completionDays: 14,
      fee: { kind: 'free' },
      product: { name: 'Izin Operasional Rumah Sakit Kelas B', validity: { years: 5 } },
      staffCompetence: 'Tim penilai terdiri atas dokter, apoteker, sanitarian dan ahli teknik rumah sakit yang memahami standar klasifikasi dan perizinan rumah sakit dalam PP 28/2024.',
      staffCount: 9,
      serviceGuarantee: 'Izin terbit paling lama 14 hari kerja sejak dokumen lengkap, termasuk visitasi; hasil visitasi disampaikan tertulis.',
    },
    [
      {
        key: 'rumah_sakit',
        title: 'Rumah sakit',
        titleEn: 'Hospital',
        fields: [
          F.business('Nama rumah sakit'),
          F.nib(),
          F.npwp(),
          { key: 'alamat_rs', type: 'address', label: 'Alamat rumah sakit', addressLevel: 'village', required: true },
          { key: 'jumlah_tempat_tidur', type: 'number', label: 'Jumlah tempat tidur', required: true, rules: { min: 1, max: 2_000 } },
          {
            key: 'jenis_permohonan',
            type: 'choice',
            label: 'Jenis permohonan',
            required: true,
            options: [
              { value: 'baru', label: 'Izin baru' },
              { value: 'perpanjangan', label: 'Perpanjangan' },
            ],
          },
          F.file('izin_lama', 'Izin operasional sebelumnya', { visibleIf: { field: 'jenis_permohonan', equals: 'perpanjangan' }, required: true }),
        ],
      },
    ],
  ),
  service(
    'dinkes',
    'pengakuan-pedagang-besar-farmasi-cabang',
    ['uu-17-2023', 'pp-28-2024', 'pp-28-2025'],
    {
      name: 'Pengakuan Pedagang Besar Farmasi (PBF) Cabang',
      summary: 'PBF yang membuka cabang di Provinsi Contoh memperoleh pengakuan sebagai PBF Cabang setelah pemeriksaan gudang dan penerapan Cara Distribusi Obat yang Baik (CDOB).',
      sectors: ['kesehatan', 'penanaman-modal'],
      keywords: ['pbf', 'distributor obat', 'farmasi', 'cdob', 'apoteker'],
      channels: ['online', 'counter'],
      requirements: [
        doc('izin_pbf_pusat', 'Izin PBF pusat', 'Perizinan berusaha PBF kantor pusat yang berlaku.', { types: PDF }),
        doc('penunjukan_apoteker', 'Surat penunjukan apoteker penanggung jawab beserta STRA/SIPA', 'Apoteker bekerja penuh waktu di cabang.', { types: PDF }),
        doc('denah_gudang', 'Denah bangunan dan sarana penyimpanan', 'Termasuk ruang/lemari pendingin dan ruang karantina.', { types: PDF, maxMb: 10 }),
        doc('ktp_apoteker', 'KTP apoteker penanggung jawab', 'Identitas apoteker.'),
        doc('sertifikat_cdob', 'Sertifikat CDOB', 'Bila sudah dimiliki.', { optional: true, types: PDF }),
      ],
      procedure: [
        { title: 'Permohonan', description: 'Isi data cabang dan unggah dokumen.' },
        { title: 'Pemeriksaan setempat', description: 'Petugas bersama Balai POM memeriksa gudang dan penerapan CDOB.' },
        { title: 'Penerbitan', description: 'Pengakuan PBF Cabang diterbitkan dan dicatat dalam OSS.' },
      ],
      completionDays: 14,
      fee: { kind: 'free' },
      product: { name: 'Pengakuan sebagai PBF Cabang', description: 'Berlaku mengikuti masa berlaku izin PBF pusat.', validity: null },
      staffCompetence: 'Apoteker dan petugas pengawas sediaan farmasi yang memahami CDOB dan ketentuan distribusi obat.',
      staffCount: 4,
      serviceGuarantee: 'Pengakuan terbit paling lama 14 hari kerja sejak hasil pemeriksaan memenuhi syarat.',
    },
    [
      {
        key: 'cabang',
        title: 'PBF Cabang',
        titleEn: 'Branch',
        fields: [
          F.business('Nama PBF'),
          F.nib(),
          F.npwp(),
          { key: 'nama_apoteker', type: 'text', label: 'Nama apoteker penanggung jawab', required: true, rules: { maxLength: 100 } },
          { key: 'alamat_gudang', type: 'address', label: 'Alamat gudang cabang', addressLevel: 'village', required: true },
        ],
      },
    ],
  ),
  service(
    'rsud-provinsi',
    'pendaftaran-rawat-jalan-rsud',
    ['uu-17-2023', 'pergub-contoh-25-2024-tarif-retribusi', 'uu-25-2009'],
    {
      name: 'Pendaftaran Rawat Jalan Poliklinik Spesialis RSUD Provinsi',
      nameEn: 'Outpatient Registration at the Provincial Hospital’s Specialist Clinics',
      summary: 'Daftar dari rumah untuk berobat ke poliklinik spesialis RSUD Provinsi Contoh, pilih tanggal dan dapatkan nomor antrean; pasien JKN membawa surat rujukan.',
      summaryEn: 'Register from home for a specialist clinic visit at the provincial hospital, choose a date and get a queue number; national health insurance (JKN) patients need a referral.',
      sectors: ['kesehatan'],
      keywords: ['daftar berobat', 'antrean rumah sakit', 'poliklinik', 'bpjs', 'rsud', 'dokter spesialis'],
      channels: ['online', 'counter'],
      requirements: [
        doc('kartu_identitas', 'KTP atau Kartu Keluarga pasien', 'Untuk anak: Kartu Keluarga.'),
        doc('surat_rujukan', 'Surat rujukan FKTP', 'Wajib untuk pasien JKN (BPJS Kesehatan); rujukan berlaku 90 hari.', { optional: true }),
        data('nomor_jkn', 'Nomor kartu JKN', 'Untuk pasien JKN.', true),
      ],
      procedure: [
        { title: 'Daftar', description: 'Pilih poliklinik, tanggal kunjungan dan cara bayar, paling lambat H-1.' },
        { title: 'Terima nomor antrean', description: 'Nomor antrean dan perkiraan jam layanan dikirim melalui SMS/e-mail.' },
        { title: 'Datang dan konfirmasi', description: 'Konfirmasi di anjungan mandiri 30 menit sebelum jam layanan.' },
        { title: 'Pemeriksaan', description: 'Pemeriksaan oleh dokter spesialis; pasien umum membayar di kasir.' },
      ],
      completionDays: 0,
      fee: {
        kind: 'fixed',
        amount: 85_000,
        regulation: 'Pergub Contoh 25/2024: karcis dan konsultasi dokter spesialis bagi pasien umum; pasien JKN dengan rujukan tidak dipungut biaya',
      },
      product: { name: 'Nomor antrean dan jadwal pemeriksaan', validity: null },
      staffCompetence: 'Petugas pendaftaran terlatih sistem informasi manajemen rumah sakit dan verifikasi kepesertaan JKN; dokter spesialis dengan STR dan SIP berlaku.',
      staffCount: 16,
      serviceGuarantee: 'Waktu tunggu rawat jalan paling lama 60 menit sejak konfirmasi kehadiran, sesuai indikator mutu nasional.',
    },
    [
      {
        key: 'kunjungan',
        title: 'Pasien dan kunjungan',
        titleEn: 'Patient and visit',
        fields: [
          F.name('Nama pasien'),
          F.nik(),
          F.phone(),
          {
            key: 'poliklinik',
            type: 'choice',
            label: 'Poliklinik',
            required: true,
            options: [
              { value: 'penyakit_dalam', label: 'Penyakit dalam' },
              { value: 'anak', label: 'Anak' },
              { value: 'kandungan', label: 'Kebidanan dan kandungan' },
              { value: 'bedah', label: 'Bedah' },
              { value: 'saraf', label: 'Saraf' },
              { value: 'jantung', label: 'Jantung dan pembuluh darah' },
              { value: 'mata', label: 'Mata' },
              { value: 'tht', label: 'THT' },
            ],
          },
          { key: 'tanggal_kunjungan', type: 'date', label: 'Tanggal kunjungan', required: true, rules: { minDate: '2026-01-01' } },
          {
            key: 'cara_bayar',
            type: 'choice',
            label: 'Cara bayar',
            required: true,
            options: [
              { value: 'umum', label: 'Umum (bayar sendiri)' },
              { value: 'jkn', label: 'JKN (BPJS Kesehatan)' },
              { value: 'asuransi', label: 'Asuransi lain' },
            ],
          },
          { key: 'nomor_jkn', type: 'text', label: 'Nomor kartu JKN', visibleIf: { field: 'cara_bayar', equals: 'jkn' }, required: true, rules: { pattern: '^[0-9]{13}$' } },
          F.file('surat_rujukan', 'Surat rujukan FKTP', { visibleIf: { field: 'cara_bayar', equals: 'jkn' }, required: true }),
        ],
      },
    ],
  ),
  service(
    'rsjd',
    'surat-keterangan-sehat-jiwa',
    ['uu-17-2023', 'pp-28-2024', 'pergub-contoh-25-2024-tarif-retribusi'],
    {
      name: 'Surat Keterangan Sehat Jiwa dan Bebas Narkoba (Pemeriksaan MMPI)',
      nameEn: 'Mental Health and Drug-Free Certificate',
      summary: 'Pemeriksaan psikiatri dan tes MMPI, dengan atau tanpa tes urine narkoba, untuk keperluan seleksi CPNS/PPPK, melamar kerja atau pendidikan. Pemohon datang langsung.',
      summaryEn: 'Psychiatric examination and MMPI test, with or without a drug urine test, for civil service selection, job or school applications. Applicants must attend in person.',
      sectors: ['kesehatan'],
      keywords: ['surat sehat jiwa', 'bebas narkoba', 'mmpi', 'tes kejiwaan', 'cpns', 'surat keterangan sehat'],
      channels: ['counter'],
      requirements: [
        doc('ktp', 'KTP pemohon', 'KTP asli ditunjukkan saat pemeriksaan.'),
        doc('pas_foto', 'Pas foto 3×4', 'Dua lembar saat datang; unggah satu untuk pendaftaran.', { types: IMG, maxMb: 1 }),
        doc('surat_pengantar', 'Surat pengantar instansi', 'Bila diminta instansi tujuan.', { optional: true, types: PDF_IMG }),
        data('keperluan', 'Keperluan', 'Disebutkan dalam surat keterangan.'),
      ],
      procedure: [
        { title: 'Pendaftaran di loket', description: 'Petugas mendaftarkan pemohon; pemohon dapat mengisi formulir lebih dahulu di portal.' },
        { title: 'Pembayaran', description: 'Bayar di kasir RSJD.' },
        { title: 'Tes MMPI dan pemeriksaan psikiatri', description: 'Tes tertulis ±2 jam dan wawancara dengan dokter spesialis kedokteran jiwa.' },
        { title: 'Tes urine (bila dipilih)', description: 'Pengambilan sampel urine di laboratorium.' },
        { title: 'Pengambilan surat', description: 'Surat keterangan diambil langsung oleh pemohon.' },
      ],
      completionDays: 2,
      fee: {
        kind: 'tariff',
        regulation: 'Pergub Contoh 25/2024 (tarif layanan RSJD)',
        lines: [
          { label: 'Pemeriksaan psikiatri dan tes MMPI', amount: 350_000 },
          { label: 'Tes urine narkoba 6 parameter', amount: 200_000 },
        ],
      },
      product: { name: 'Surat Keterangan Sehat Jiwa dan/atau Bebas Narkoba', validity: { years: 0, months: 6 } },
      staffCompetence: 'Dokter spesialis kedokteran jiwa, psikolog klinis dan analis laboratorium dengan STR dan SIP yang berlaku.',
      staffCount: 8,
      serviceGuarantee: 'Surat keterangan selesai paling lama 2 hari kerja; hasil bersifat rahasia dan tidak dapat diwakilkan pengambilannya.',
    },
    [
      {
        key: 'pemohon',
        title: 'Pemohon',
        fields: [
          F.name(),
          F.nik(),
          F.phone(),
          {
            key: 'keperluan',
            type: 'choice',
            label: 'Keperluan',
            required: true,
            options: [
              { value: 'asn', label: 'Seleksi CPNS/PPPK' },
              { value: 'kerja', label: 'Melamar pekerjaan' },
              { value: 'pendidikan', label: 'Pendidikan/beasiswa' },
              { value: 'lainnya', label: 'Lainnya' },
            ],
          },
          { key: 'keperluan_lain', type: 'text', label: 'Sebutkan keperluan', visibleIf: { field: 'keperluan', equals: 'lainnya' }, required: true, rules: { maxLength: 150 } },
          { key: 'tes_narkoba', type: 'yesno', label: 'Sekalian tes urine narkoba?', required: true },
        ],
      },
    ],
  ),
];

// ---- Perhubungan -----------------------------------------------------------------------------

const transport: DemoService[] = [
  service(
    'dishub',
    'izin-trayek-akdp',
    ['uu-22-2009', 'permenhub-15-2019', 'pp-30-2021', 'pp-28-2025'],
    {
      name: 'Izin Penyelenggaraan Angkutan Orang dalam Trayek Antarkota Dalam Provinsi (AKDP)',
      nameEn: 'Intercity Bus Route Licence within the Province (AKDP)',
      summary: 'Perusahaan angkutan umum berbadan hukum yang melayani trayek antarkota dalam Provinsi Contoh memperoleh izin penyelenggaraan dan kartu pengawasan untuk setiap kendaraan.',
      summaryEn: 'Licensed transport companies operating intercity routes within the province obtain a route licence and a supervision card for each vehicle.',
      sectors: ['perhubungan'],
      keywords: ['izin trayek', 'akdp', 'angkutan umum', 'bus', 'kartu pengawasan'],
      channels: ['online', 'counter'],
      requirements: [
        doc('daftar_kendaraan', 'Daftar kendaraan dengan STNK dan bukti lulus uji berkala', 'Semua kendaraan atas nama perusahaan.', { types: PDF, maxMb: 10 }),
        doc('bukti_pool', 'Bukti pool dan fasilitas pemeliharaan kendaraan', 'Milik sendiri atau kerja sama dengan bengkel.', { types: PDF, maxMb: 5 }),
        doc('pernyataan_spm', 'Surat pernyataan kesanggupan memenuhi standar pelayanan minimal', 'Bermeterai.', { types: PDF }),
        doc('ktp_direktur', 'KTP direktur atau pengurus koperasi', 'Penanggung jawab badan hukum.'),
        data('trayek', 'Trayek yang dimohon', 'Asal–tujuan sesuai jaringan trayek AKDP yang ditetapkan Gubernur.'),
      ],
      procedure: [
        { title: 'Permohonan', description: 'Pilih trayek dari jaringan trayek yang masih tersedia kuotanya, unggah dokumen.' },
        { title: 'Pemeriksaan kendaraan dan pool', description: 'Petugas memeriksa fisik kendaraan dan pool.' },
        { title: 'Penerbitan izin', description: 'Keputusan izin dan kartu pengawasan per kendaraan terbit elektronik.' },
      ],
      completionDays: 14,
      fee: { kind: 'free' },
      product: { name: 'Keputusan Izin Penyelenggaraan Angkutan AKDP dan Kartu Pengawasan', validity: { years: 5 } },
      staffCompetence: 'Petugas angkutan jalan dan penguji kendaraan yang memahami jaringan trayek, standar pelayanan minimal angkutan orang dan PM 15/2019.',
      staffCount: 5,
      serviceGuarantee: 'Izin terbit paling lama 14 hari kerja sejak berkas lengkap; kuota trayek diumumkan terbuka di portal.',
    },
    [
      {
        key: 'perusahaan',
        title: 'Perusahaan dan trayek',
        titleEn: 'Company and route',
        fields: [
          F.business('Nama perusahaan angkutan'),
          F.nib(),
          F.npwp(),
          { key: 'trayek', type: 'text', label: 'Trayek (asal – tujuan)', required: true, rules: { maxLength: 150 } },
          {
            key: 'jenis_pelayanan',
            type: 'choice',
            label: 'Jenis pelayanan',
            required: true,
            options: [
              { value: 'ekonomi', label: 'Ekonomi' },
              { value: 'non_ekonomi', label: 'Non-ekonomi' },
            ],
          },
          { key: 'jumlah_kendaraan', type: 'number', label: 'Jumlah kendaraan', required: true, rules: { min: 1, max: 100 } },
          { key: 'alamat_pool', type: 'address', label: 'Alamat pool', addressLevel: 'district', required: true },
        ],
      },
    ],
  ),
  service(
    'dishub',
    'persetujuan-andalalin-jalan-provinsi',
    ['uu-22-2009', 'pp-30-2021', 'pp-28-2025'],
    {
      name: 'Persetujuan Hasil Analisis Dampak Lalu Lintas (Andalalin) pada Jalan Provinsi',
      summary: 'Pembangunan pusat kegiatan, permukiman atau infrastruktur yang aksesnya ke jalan provinsi wajib memperoleh persetujuan hasil analisis dampak lalu lintas.',
      sectors: ['perhubungan', 'penanaman-modal'],
      keywords: ['andalalin', 'dampak lalu lintas', 'jalan provinsi', 'izin bangunan', 'akses jalan'],
      channels: ['online', 'counter'],
      requirements: [
        doc('dokumen_andalalin', 'Dokumen hasil analisis dampak lalu lintas', 'Disusun tenaga ahli bersertifikat sesuai kategori bangkitan.', { types: PDF, maxMb: 20 }),
        doc('sertifikat_penyusun', 'Sertifikat kompetensi penyusun andalalin', 'Yang masih berlaku.', { types: PDF }),
        doc('site_plan', 'Rencana tapak (site plan)', 'Dengan akses masuk/keluar dan parkir.', { types: PDF, maxMb: 10 }),
        data('kategori_bangkitan', 'Kategori bangkitan lalu lintas', 'Rendah, sedang atau tinggi.'),
      ],
      procedure: [
        { title: 'Pengajuan', description: 'Unggah dokumen andalalin dan rencana tapak.' },
        { title: 'Sidang tim evaluasi', description: 'Tim evaluasi (Dinas Perhubungan, Dinas PUPR, kepolisian) menilai dokumen bersama pengembang.' },
        { title: 'Perbaikan', description: 'Pengembang memperbaiki dokumen sesuai catatan sidang.' },
        { title: 'Persetujuan', description: 'Surat persetujuan memuat kewajiban pengembang (rambu, marka, lajur perlambatan).' },
      ],
      completionDays: 10,
      fee: { kind: 'free' },
      product: { name: 'Surat Persetujuan Hasil Andalalin', validity: null },
      staffCompetence: 'Tim evaluasi andalalin berlatar belakang teknik sipil/transportasi dengan sertifikat kompetensi manajemen dan rekayasa lalu lintas.',
      staffCount: 6,
      serviceGuarantee: 'Sidang tim evaluasi dijadwalkan paling lama 5 hari kerja sejak berkas lengkap; persetujuan terbit paling lama 10 hari kerja.',
    },
    [
      {
        key: 'kegiatan',
        title: 'Pengembang dan kegiatan',
        titleEn: 'Developer and project',
        fields: [
          F.business('Nama pengembang/pemrakarsa'),
          F.nib(),
          { key: 'nama_kegiatan', type: 'text', label: 'Nama kegiatan/bangunan', required: true, rules: { maxLength: 200 } },
          { key: 'ruas_jalan', type: 'text', label: 'Ruas jalan provinsi', required: true, rules: { maxLength: 150 } },
          {
            key: 'kategori_bangkitan',
            type: 'choice',
            label: 'Kategori bangkitan',
            required: true,
            options: [
              { value: 'rendah', label: 'Rendah' },
              { value: 'sedang', label: 'Sedang' },
              { value: 'tinggi', label: 'Tinggi' },
            ],
          },
          { key: 'luas_bangunan', type: 'number', label: 'Luas lantai bangunan (m²)', required: true, rules: { min: 0, max: 1_000_000 } },
        ],
      },
    ],
  ),
];

// ---- Pariwisata dan kebudayaan -------------------------------------------------------------

const tourism: DemoService[] = [
  service(
    'dispar',
    'pendaftaran-event-pariwisata',
    ['uu-10-2009', 'uu-23-2014'],
    {
      name: 'Pendaftaran dan Rekomendasi Penyelenggaraan Event Pariwisata',
      nameEn: 'Tourism Event Registration and Endorsement',
      summary: 'Penyelenggara festival, lomba atau pertunjukan berskala provinsi mendaftarkan acaranya untuk memperoleh rekomendasi Dinas Pariwisata dan dimuat dalam Kalender Event Provinsi Contoh.',
      summaryEn: 'Organisers of festivals, competitions or shows of provincial scale register their event to receive an endorsement and a place in the provincial events calendar.',
      sectors: ['pariwisata'],
      keywords: ['event', 'festival', 'kalender event', 'rekomendasi acara', 'konser'],
      channels: ['online'],
      requirements: [
        doc('proposal', 'Proposal event', 'Konsep, jadwal, lokasi, anggaran dan rencana pengamanan.', { types: PDF, maxMb: 10 }),
        doc('susunan_panitia', 'Susunan panitia dan KTP ketua', 'Dalam satu berkas.', { types: PDF }),
        doc('izin_tempat', 'Persetujuan pemilik/pengelola tempat', 'Bila menggunakan lokasi milik pihak lain.', { optional: true, types: PDF_IMG }),
        data('perkiraan_pengunjung', 'Perkiraan jumlah pengunjung', 'Dasar penilaian skala event.'),
      ],
      procedure: [
        { title: 'Pendaftaran', description: 'Isi data event dan unggah proposal paling lambat 30 hari sebelum acara.' },
        { title: 'Kurasi', description: 'Tim kurasi menilai kesesuaian dengan tema dan daya tarik wisata.' },
        { title: 'Rekomendasi', description: 'Rekomendasi terbit dan event dimuat di kalender; rekomendasi dapat dipakai untuk izin keramaian di kepolisian.' },
      ],
      completionDays: 5,
      fee: { kind: 'free' },
      product: { name: 'Surat rekomendasi Dinas Pariwisata dan pencantuman di Kalender Event', validity: null },
      staffCompetence: 'Tim kurasi event dengan pengalaman manajemen event dan pemasaran pariwisata.',
      staffCount: 4,
      serviceGuarantee: 'Rekomendasi terbit paling lama 5 hari kerja; event yang direkomendasikan dipromosikan di kanal resmi Dinas Pariwisata tanpa biaya.',
    },
    [
      {
        key: 'penyelenggara',
        title: 'Penyelenggara',
        titleEn: 'Organiser',
        fields: [F.name('Nama penanggung jawab'), F.phone(), F.email(), { key: 'nama_penyelenggara', type: 'text', label: 'Nama organisasi/penyelenggara', required: true, rules: { maxLength: 150 } }],
      },
      {
        key: 'event',
        title: 'Event',
        fields: [
          { key: 'nama_event', type: 'text', label: 'Nama event', required: true, rules: { maxLength: 150 } },
          { key: 'tanggal_mulai', type: 'date', label: 'Tanggal mulai', required: true, rules: { minDate: '2026-01-01' } },
          { key: 'tanggal_selesai', type: 'date', label: 'Tanggal selesai', required: true, rules: { minDate: '2026-01-01' } },
          { key: 'perkiraan_pengunjung', type: 'number', label: 'Perkiraan jumlah pengunjung', required: true, rules: { min: 1, max: 1_000_000 } },
        ],
      },
    ],
  ),
  service(
    'dispar',
    'kartu-pramuwisata',
    ['uu-10-2009', 'uu-6-2023', 'uu-23-2014'],
    {
      name: 'Kartu Tanda Pengenal Pramuwisata (Pemandu Wisata)',
      nameEn: 'Tour Guide Licence Card',
      summary: 'Pemandu wisata yang telah lulus uji kompetensi memperoleh kartu pramuwisata untuk memandu di destinasi Provinsi Contoh, termasuk taman nasional dan kawasan cagar budaya.',
      summaryEn: 'Tour guides who have passed the competency test receive a licence card to guide at the province’s destinations, including national parks and heritage sites.',
      sectors: ['pariwisata'],
      keywords: ['pramuwisata', 'pemandu wisata', 'tour guide', 'kartu guide', 'lisensi pemandu'],
      channels: ['online', 'counter'],
      requirements: [
        doc('sertifikat_kompetensi', 'Sertifikat kompetensi pemandu wisata (BNSP)', 'Yang masih berlaku.', { types: PDF }),
        doc('ktp', 'KTP', 'Berdomisili di Provinsi Contoh.'),
        doc('pas_foto', 'Pas foto berlatar merah', 'Untuk dicetak pada kartu.', { types: IMG, maxMb: 1 }),
        doc('ijazah', 'Ijazah terakhir', 'Paling rendah SMA/SMK atau sederajat.', { types: PDF_IMG }),
        data('bahasa', 'Bahasa asing yang dikuasai', 'Sesuai sertifikat kompetensi.'),
      ],
      procedure: [
        { title: 'Permohonan', description: 'Isi data dan unggah dokumen.' },
        { title: 'Verifikasi dan pembekalan', description: 'Pembekalan satu hari tentang destinasi, kode etik dan keselamatan wisatawan.' },
        { title: 'Penerbitan kartu', description: 'Kartu dicetak dan dapat diambil di Tourist Information Center atau dikirim.' },
      ],
      completionDays: 5,
      fee: { kind: 'free' },
      product: { name: 'Kartu Tanda Pengenal Pramuwisata', validity: { years: 3 } },
      staffCompetence: 'Petugas pembinaan SDM pariwisata yang memahami standar kompetensi pemandu wisata dan kode etik pramuwisata.',
      staffCount: 3,
      serviceGuarantee: 'Kartu terbit paling lama 5 hari kerja setelah pembekalan; tidak dipungut biaya cetak.',
    },
    [
      {
        key: 'pemandu',
        title: 'Pemandu wisata',
        titleEn: 'Guide',
        fields: [
          F.name(),
          F.nik(),
          F.phone(),
          F.email(),
          {
            key: 'bahasa',
            type: 'choice',
            label: 'Bahasa asing yang dikuasai',
            multiple: true,
            required: true,
            options: [
              { value: 'en', label: 'Inggris' },
              { value: 'zh', label: 'Mandarin' },
              { value: 'ja', label: 'Jepang' },
              { value: 'nl', label: 'Belanda' },
              { value: 'de', label: 'Jerman' },
              { value: 'fr', label: 'Prancis' },
            ],
          },
          {
            key: 'jenis_pramuwisata',
            type: 'choice',
            label: 'Jenis pramuwisata',
            required: true,
            options: [
              { value: 'umum', label: 'Umum' },
              { value: 'khusus', label: 'Khusus (kawasan atau minat tertentu)' },
            ],
          },
          { key: 'wilayah_khusus', type: 'text', label: 'Kawasan atau minat khusus', visibleIf: { field: 'jenis_pramuwisata', equals: 'khusus' }, required: true, rules: { maxLength: 150 } },
        ],
      },
    ],
  ),
  service(
    'dikbud',
    'pemakaian-gedung-taman-budaya',
    ['uu-1-2022', 'perda-contoh-3-2024-pdrd', 'pergub-contoh-25-2024-tarif-retribusi'],
    {
      name: 'Pemakaian Gedung Pertunjukan Taman Budaya',
      summary: 'Sanggar, sekolah, komunitas dan penyelenggara acara dapat memakai gedung pertunjukan Taman Budaya; tarif kegiatan seni nonkomersial jauh lebih rendah.',
      sectors: ['pariwisata'],
      keywords: ['taman budaya', 'sewa gedung', 'gedung pertunjukan', 'pentas seni', 'sanggar'],
      channels: ['counter'],
      counterInfo: 'Kantor UPTD Taman Budaya, Jl. Flamboyan No. 25, Kota Contoh: Senin–Jumat 08.00–15.00 WITA. Pemohon datang untuk melihat gedung dan memilih tanggal bersama petugas; formulir dapat diisi lebih dahulu di portal.',
      requirements: [
        doc('surat_permohonan', 'Surat permohonan pemakaian', 'Menyebut nama kegiatan, tanggal dan perkiraan penonton.', { types: PDF }),
        doc('ktp', 'KTP penanggung jawab', 'Penanggung jawab kegiatan.'),
        doc('susunan_acara', 'Susunan acara', 'Termasuk jadwal gladi.', { types: PDF_IMG }),
      ],
      procedure: [
        { title: 'Datang ke UPTD Taman Budaya', description: 'Lihat gedung, pilih tanggal yang masih kosong bersama petugas dan serahkan formulir.' },
        { title: 'Persetujuan', description: 'UPTD Taman Budaya memeriksa jadwal dan kebutuhan teknis.' },
        { title: 'Pembayaran', description: 'Retribusi dibayar dengan kode bayar paling lambat 7 hari sebelum acara.' },
        { title: 'Serah terima gedung', description: 'Serah terima dan pengecekan fasilitas sebelum dan sesudah acara.' },
      ],
      completionDays: 3,
      fee: {
        kind: 'tariff',
        regulation: 'Perda Provinsi Contoh 3/2024 dan Pergub Contoh 25/2024 (retribusi pemakaian kekayaan daerah)',
        lines: [
          { label: 'Gedung pertunjukan — kegiatan komersial', amount: 3_500_000, unit: 'per hari', quantityField: 'hari_komersial' },
          { label: 'Gedung pertunjukan — kegiatan seni, pendidikan dan sosial nonkomersial', amount: 750_000, unit: 'per hari', quantityField: 'hari_nonkomersial' },
        ],
      },
      product: { name: 'Surat persetujuan pemakaian gedung', validity: null },
      staffCompetence: 'Pengelola gedung dan penata teknik panggung (tata suara dan tata cahaya) yang berpengalaman.',
      staffCount: 5,
      serviceGuarantee: 'Persetujuan paling lama 3 hari kerja; gedung diserahkan dalam keadaan bersih dengan tata suara dan tata cahaya dasar berfungsi.',
      facilities: 'Gedung pertunjukan 600 kursi dengan tata suara dan tata cahaya dasar, ruang rias, ruang gladi, parkir dan akses kursi roda.',
    },
    [
      {
        key: 'kegiatan',
        title: 'Kegiatan',
        titleEn: 'Event',
        fields: [
          F.name('Nama penanggung jawab'),
          F.nik(),
          F.phone(),
          { key: 'nama_kegiatan', type: 'text', label: 'Nama kegiatan', required: true, rules: { maxLength: 150 } },
          { key: 'tanggal_mulai', type: 'date', label: 'Tanggal mulai', required: true, rules: { minDate: '2026-01-01' } },
          {
            key: 'sifat_kegiatan',
            type: 'choice',
            label: 'Sifat kegiatan',
            required: true,
            options: [
              { value: 'komersial', label: 'Komersial (tiket berbayar/sponsor)' },
              { value: 'nonkomersial', label: 'Seni, pendidikan atau sosial nonkomersial' },
            ],
          },
          { key: 'hari_komersial', type: 'number', label: 'Jumlah hari pemakaian', visibleIf: { field: 'sifat_kegiatan', equals: 'komersial' }, required: true, rules: { min: 1, max: 7 } },
          { key: 'hari_nonkomersial', type: 'number', label: 'Jumlah hari pemakaian', visibleIf: { field: 'sifat_kegiatan', equals: 'nonkomersial' }, required: true, rules: { min: 1, max: 7 } },
        ],
      },
    ],
  ),
];

// ---- Lainnya: sosial, komunikasi, kesatuan bangsa --------------------------------------------

const others: DemoService[] = [
  service(
    'dinsos',
    'izin-pengumpulan-uang-barang',
    ['uu-9-1961', 'pp-29-1980', 'uu-23-2014'],
    {
      name: 'Izin Pengumpulan Uang atau Barang (PUB) Lingkup Provinsi',
      nameEn: 'Permit for Public Fundraising (province-wide)',
      summary: 'Organisasi yang menggalang donasi uang atau barang dari masyarakat di lebih dari satu kabupaten/kota di Provinsi Contoh, misalnya untuk korban bencana, wajib memiliki izin PUB.',
      summaryEn: 'Organisations collecting money or goods from the public across several regencies of the province, e.g. for disaster relief, need a fundraising permit.',
      sectors: ['sosial'],
      keywords: ['donasi', 'penggalangan dana', 'sumbangan', 'izin pub', 'bantuan bencana'],
      channels: ['online', 'counter'],
      requirements: [
        doc('akta_organisasi', 'Akta pendirian/anggaran dasar organisasi', 'Organisasi berbadan hukum atau terdaftar.', { types: PDF, maxMb: 5 }),
        doc('rencana_penggunaan', 'Rencana penggunaan hasil pengumpulan', 'Sasaran penerima, jenis bantuan dan biaya penyelenggaraan (paling banyak 10%).', { types: PDF }),
        doc('ktp_ketua', 'KTP ketua organisasi', 'Penanggung jawab pengumpulan.'),
        data('nomor_rekening', 'Nomor rekening khusus penampung', 'Rekening atas nama organisasi, khusus untuk pengumpulan ini.'),
      ],
      procedure: [
        { title: 'Permohonan', description: 'Isi tujuan, cara dan target pengumpulan; unggah dokumen.' },
        { title: 'Verifikasi', description: 'Dinas Sosial memeriksa legalitas organisasi dan rencana penggunaan.' },
        { title: 'Penerbitan izin', description: 'Izin terbit dengan nomor yang wajib dicantumkan pada setiap publikasi pengumpulan.' },
        { title: 'Laporan', description: 'Penyelenggara melaporkan hasil dan penggunaan paling lama 1 bulan setelah izin berakhir dan mengumumkannya kepada publik.' },
      ],
      completionDays: 7,
      fee: { kind: 'free' },
      product: { name: 'Keputusan Izin Pengumpulan Uang atau Barang', validity: { years: 0, months: 3 } },
      staffCompetence: 'Pekerja sosial dan analis kebijakan yang memahami UU 9/1961 dan PP 29/1980 serta verifikasi organisasi kemasyarakatan.',
      staffCount: 3,
      serviceGuarantee: 'Izin terbit paling lama 7 hari kerja; untuk bencana yang ditetapkan statusnya, paling lama 1 hari kerja.',
    },
    [
      {
        key: 'organisasi',
        title: 'Organisasi',
        titleEn: 'Organisation',
        fields: [F.business('Nama organisasi'), F.name('Nama ketua'), F.phone()],
      },
      {
        key: 'pengumpulan',
        title: 'Pengumpulan',
        titleEn: 'Collection',
        fields: [
          {
            key: 'tujuan',
            type: 'choice',
            label: 'Tujuan pengumpulan',
            required: true,
            options: [
              { value: 'bencana', label: 'Bantuan korban bencana' },
              { value: 'sosial', label: 'Kesejahteraan sosial' },
              { value: 'pendidikan', label: 'Pendidikan' },
              { value: 'kesehatan', label: 'Kesehatan' },
            ],
          },
          {
            key: 'cara_pengumpulan',
            type: 'choice',
            label: 'Cara pengumpulan',
            multiple: true,
            required: true,
            options: [
              { value: 'transfer', label: 'Transfer rekening' },
              { value: 'daring', label: 'Platform donasi daring' },
              { value: 'kotak', label: 'Kotak sumbangan' },
              { value: 'acara', label: 'Acara amal' },
            ],
          },
          { key: 'target_dana', type: 'number', label: 'Target pengumpulan (Rp)', required: true, rules: { min: 1 } },
          { key: 'nomor_rekening', type: 'text', label: 'Nomor rekening khusus', required: true, rules: { pattern: '^[0-9]{8,20}$' } },
        ],
      },
    ],
  ),
  service(
    'diskominfo',
    'permohonan-informasi-publik',
    ['uu-14-2008', 'uu-27-2022', 'uu-25-2009'],
    {
      name: 'Permohonan Informasi Publik (PPID Provinsi)',
      nameEn: 'Public Information Request (Provincial PPID)',
      summary: 'Setiap warga negara atau badan hukum Indonesia dapat meminta informasi publik yang dikuasai Pemerintah Provinsi Contoh; jawaban diberikan paling lama 10 hari kerja.',
      summaryEn: 'Any Indonesian citizen or legal entity may request public information held by the provincial government; an answer is given within 10 working days.',
      sectors: ['komunikasi'],
      keywords: ['ppid', 'informasi publik', 'keterbukaan informasi', 'minta data', 'dokumen publik'],
      channels: ['online', 'counter'],
      requirements: [
        doc('ktp', 'KTP pemohon', 'Untuk badan hukum: akta pendirian dan surat kuasa.'),
        data('rincian_informasi', 'Rincian informasi yang dibutuhkan', 'Sejelas mungkin: jenis dokumen, periode, perangkat daerah.'),
        data('tujuan_penggunaan', 'Tujuan penggunaan informasi', 'Diwajibkan UU 14/2008.'),
      ],
      procedure: [
        { title: 'Ajukan permohonan', description: 'Isi rincian informasi; nomor pendaftaran diberikan seketika.' },
        { title: 'Penelusuran', description: 'PPID meneruskan ke PPID Pelaksana di perangkat daerah yang menguasai informasi.' },
        { title: 'Pemberitahuan tertulis', description: 'Informasi diberikan, atau penolakan dengan alasan uji konsekuensi; dapat diperpanjang 7 hari kerja dengan pemberitahuan.' },
        { title: 'Keberatan (bila perlu)', description: 'Pemohon dapat mengajukan keberatan kepada atasan PPID, lalu sengketa ke Komisi Informasi Provinsi.' },
      ],
      completionDays: 10,
      fee: { kind: 'free' },
      product: { name: 'Informasi publik yang diminta atau surat pemberitahuan tertulis', validity: null },
      staffCompetence: 'Petugas layanan informasi yang memahami UU 14/2008, klasifikasi informasi dan uji konsekuensi, serta pelindungan data pribadi.',
      staffCount: 4,
      serviceGuarantee: 'Pemberitahuan tertulis paling lama 10 hari kerja (dapat diperpanjang 7 hari kerja); salinan elektronik tidak dipungut biaya.',
    },
    [
      {
        key: 'pemohon',
        title: 'Pemohon',
        fields: [F.name(), F.nik(), F.email(), F.phone(), F.address()],
      },
      {
        key: 'informasi',
        title: 'Informasi yang diminta',
        titleEn: 'Information requested',
        fields: [
          { key: 'rincian_informasi', type: 'textarea', label: 'Rincian informasi', required: true, rules: { minLength: 10, maxLength: 3000 } },
          { key: 'tujuan_penggunaan', type: 'textarea', label: 'Tujuan penggunaan', required: true, rules: { maxLength: 1000 } },
          {
            key: 'cara_memperoleh',
            type: 'choice',
            label: 'Cara memperoleh informasi',
            required: true,
            options: [
              { value: 'email', label: 'Salinan elektronik melalui e-mail' },
              { value: 'ambil', label: 'Mengambil salinan di meja layanan' },
              { value: 'lihat', label: 'Melihat/membaca di tempat' },
            ],
          },
        ],
      },
    ],
  ),
  service(
    'diskominfo',
    'permohonan-subdomain',
    ['perpres-95-2018', 'uu-27-2022', 'kepgub-contoh-2025-standar-pelayanan'],
    {
      name: 'Permohonan Subdomain contohprov.go.id dan Hosting Aplikasi',
      nameEn: 'Request for a contohprov.go.id Subdomain and Application Hosting',
      summary: 'Perangkat daerah, UPTD, sekolah negeri dan rumah sakit milik provinsi dapat meminta subdomain resmi contohprov.go.id beserta hosting di pusat data provinsi.',
      summaryEn: 'Provincial agencies, technical units, public schools and hospitals can request an official contohprov.go.id subdomain and hosting in the provincial data centre.',
      sectors: ['komunikasi'],
      keywords: ['subdomain', 'domain', 'hosting', 'website dinas', 'go.id', 'server'],
      channels: ['online'],
      requirements: [
        doc('surat_permohonan', 'Surat permohonan ditandatangani kepala perangkat daerah/unit', 'Menyebut nama subdomain, tujuan dan penanggung jawab teknis.', { types: PDF }),
        doc('deskripsi_aplikasi', 'Deskripsi aplikasi dan kebutuhan server', 'Wajib bila meminta hosting.', { optional: true, types: PDF, maxMb: 5 }),
        data('penanggung_jawab', 'Penanggung jawab teknis', 'ASN yang mengelola konten dan keamanan situs.'),
      ],
      procedure: [
        { title: 'Pengajuan', description: 'Isi nama subdomain yang diinginkan dan unggah surat permohonan.' },
        { title: 'Verifikasi', description: 'Tim memeriksa kesesuaian nama dan, untuk hosting, arsitektur aplikasi.' },
        { title: 'Aktivasi', description: 'Subdomain diaktifkan dengan sertifikat TLS; akun hosting diserahkan kepada penanggung jawab teknis.' },
      ],
      completionDays: 3,
      fee: { kind: 'free' },
      product: { name: 'Subdomain aktif (dan akun hosting bila diminta)', description: 'Dievaluasi setiap tahun; subdomain yang tidak aktif dinonaktifkan.', validity: { years: 1 } },
      staffCompetence: 'Pranata komputer dan administrator jaringan/server yang memahami DNS, TLS dan keamanan aplikasi web.',
      staffCount: 3,
      serviceGuarantee: 'Subdomain aktif paling lama 3 hari kerja; hosting disediakan dengan pencadangan harian dan pemantauan 24 jam.',
    },
    [
      {
        key: 'permohonan',
        title: 'Permohonan',
        titleEn: 'Request',
        fields: [
          F.name('Nama penanggung jawab teknis'),
          F.email(),
          F.phone(),
          { key: 'nama_instansi', type: 'text', label: 'Perangkat daerah/unit', required: true, rules: { maxLength: 150 } },
          { key: 'subdomain', type: 'text', label: 'Subdomain yang diminta', help: 'Huruf kecil, angka dan tanda hubung; contoh: uptd-blk', required: true, rules: { pattern: '^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$' } },
          { key: 'butuh_hosting', type: 'yesno', label: 'Membutuhkan hosting di pusat data provinsi?', required: true },
          F.file('deskripsi_aplikasi', 'Deskripsi aplikasi dan kebutuhan server', { visibleIf: { field: 'butuh_hosting', equals: true }, required: true }),
        ],
      },
    ],
  ),
  service(
    'kesbangpol',
    'surat-keterangan-penelitian',
    ['permendagri-3-2018', 'uu-25-2009', 'kepgub-contoh-2025-standar-pelayanan'],
    {
      name: 'Surat Keterangan Penelitian (SKP) Lingkup Provinsi',
      nameEn: 'Research Permit Letter (province-wide)',
      summary: 'Mahasiswa, dosen dan peneliti yang melakukan penelitian di lebih dari satu kabupaten/kota di Provinsi Contoh memperoleh surat keterangan penelitian untuk diserahkan ke instansi lokasi penelitian.',
      summaryEn: 'Students, lecturers and researchers working in more than one regency of the province obtain a research letter to present to the institutions they visit.',
      sectors: ['lainnya', 'pendidikan'],
      keywords: ['izin penelitian', 'surat penelitian', 'skripsi', 'tesis', 'riset'],
      channels: ['online', 'counter'],
      requirements: [
        doc('surat_pengantar', 'Surat pengantar perguruan tinggi atau lembaga', 'Ditujukan kepada Gubernur c.q. Kepala Badan Kesbangpol.', { types: PDF }),
        doc('proposal', 'Proposal penelitian', 'Memuat judul, tujuan, metode dan lokasi.', { types: PDF, maxMb: 10 }),
        doc('identitas', 'KTP atau kartu mahasiswa', 'Peneliti utama.'),
        data('lokasi_penelitian', 'Lokasi penelitian', 'Kabupaten/kota dan instansi yang dikunjungi.'),
      ],
      procedure: [
        { title: 'Pengajuan', description: 'Isi data penelitian dan unggah dokumen.' },
        { title: 'Verifikasi', description: 'Petugas memeriksa kelengkapan dan kesesuaian lokasi.' },
        { title: 'Penerbitan', description: 'SKP ditandatangani elektronik dan ditembuskan ke bupati/wali kota lokasi penelitian.' },
      ],
      completionDays: 3,
      fee: { kind: 'free' },
      product: { name: 'Surat Keterangan Penelitian', validity: { years: 0, months: 6 } },
      staffCompetence: 'Petugas layanan yang memahami ketentuan penerbitan surat keterangan penelitian.',
      staffCount: 2,
      serviceGuarantee: 'SKP terbit paling lama 3 hari kerja; penelitian tidak dipungut biaya.',
    },
    [
      {
        key: 'peneliti',
        title: 'Peneliti',
        titleEn: 'Researcher',
        fields: [F.name(), F.nik(), F.email(), F.phone()],
      },
      {
        key: 'penelitian',
        title: 'Penelitian',
        titleEn: 'Research',
        fields: [
          { key: 'judul_penelitian', type: 'text', label: 'Judul penelitian', required: true, rules: { maxLength: 300 } },
          { key: 'lokasi_penelitian', type: 'textarea', label: 'Lokasi penelitian', required: true, rules: { maxLength: 1000 } },
          { key: 'tanggal_mulai', type: 'date', label: 'Tanggal mulai', required: true },
          { key: 'tanggal_selesai', type: 'date', label: 'Tanggal selesai', required: true },
        ],
      },
    ],
  ),
];

/** The demo catalogue, in display order. */
export const demoServices: DemoService[] = [...vehicleTax, ...education, ...investment, ...industryTrade, ...manpower, ...health, ...transport, ...tourism, ...others];
