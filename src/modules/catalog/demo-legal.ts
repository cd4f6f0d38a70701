/**
 * Demo legal library: national regulations commonly cited as the legal basis (dasar hukum) of
 * provincial services, plus regional regulations of the fictional "Provinsi Contoh". Data only,
 * no I/O; loaded with the demo region and referenced by key from the demo catalogue.
 *
 * The national documents are real (number, year and title as promulgated). The regional ones
 * (Peraturan Daerah / Peraturan Gubernur / Keputusan Gubernur / Surat Edaran "Provinsi Contoh")
 * are fictional and say so in their summary.
 */

export type LegalDocumentType =
  | 'undang-undang'
  | 'peraturan-pemerintah'
  | 'peraturan-presiden'
  | 'peraturan-menteri'
  | 'peraturan-daerah'
  | 'peraturan-gubernur'
  | 'keputusan-gubernur'
  | 'surat-edaran'
  | 'lainnya';

export type LegalDocumentStatus = 'berlaku' | 'dicabut' | 'diubah';

export interface DemoLegalDocument {
  /** kebab-case, unique; referenced by DemoService.legalKeys */
  key: string;
  type: LegalDocumentType;
  number: string;
  year: number;
  title: string;
  status: LegalDocumentStatus;
  summary: string;
}

const FICTIONAL = 'Dokumen fiktif untuk data demo Provinsi Contoh.';

export const demoLegalDocuments: DemoLegalDocument[] = [
  // ---- Pelayanan publik, pemerintahan daerah, SPBE ----------------------------------------
  {
    key: 'uu-25-2009',
    type: 'undang-undang',
    number: '25',
    year: 2009,
    title: 'Pelayanan Publik',
    status: 'berlaku',
    summary: 'Asas, standar pelayanan, maklumat pelayanan, pengelolaan pengaduan dan hak serta kewajiban penyelenggara dan masyarakat dalam pelayanan publik.',
  },
  {
    key: 'uu-23-2014',
    type: 'undang-undang',
    number: '23',
    year: 2014,
    title: 'Pemerintahan Daerah',
    status: 'diubah',
    summary: 'Pembagian urusan pemerintahan antara Pemerintah Pusat, daerah provinsi dan daerah kabupaten/kota (lampiran matriks urusan). Diubah antara lain dengan UU 2/2015, UU 9/2015 dan UU 6/2023.',
  },
  {
    key: 'permenpan-rb-15-2014',
    type: 'peraturan-menteri',
    number: '15',
    year: 2014,
    title: 'Pedoman Standar Pelayanan',
    status: 'berlaku',
    summary: 'Peraturan Menteri PANRB tentang 14 komponen standar pelayanan (persyaratan, prosedur, waktu, biaya, produk, pengaduan, dasar hukum, sarana, kompetensi, pengawasan, jumlah pelaksana, jaminan, keamanan, evaluasi).',
  },
  {
    key: 'permenpan-rb-14-2017',
    type: 'peraturan-menteri',
    number: '14',
    year: 2017,
    title: 'Pedoman Penyusunan Survei Kepuasan Masyarakat Unit Penyelenggara Pelayanan Publik',
    status: 'berlaku',
    summary: 'Peraturan Menteri PANRB tentang sembilan unsur Survei Kepuasan Masyarakat (SKM) dan perhitungan Indeks Kepuasan Masyarakat.',
  },
  {
    key: 'perpres-95-2018',
    type: 'peraturan-presiden',
    number: '95',
    year: 2018,
    title: 'Sistem Pemerintahan Berbasis Elektronik',
    status: 'berlaku',
    summary: 'Tata kelola, manajemen dan layanan SPBE, termasuk layanan publik berbasis elektronik dan penggunaan domain instansi pemerintah.',
  },
  {
    key: 'uu-14-2008',
    type: 'undang-undang',
    number: '14',
    year: 2008,
    title: 'Keterbukaan Informasi Publik',
    status: 'berlaku',
    summary: 'Hak memperoleh informasi publik, kewajiban badan publik dan PPID, jangka waktu jawaban 10 hari kerja dan penyelesaian sengketa informasi.',
  },
  {
    key: 'uu-27-2022',
    type: 'undang-undang',
    number: '27',
    year: 2022,
    title: 'Pelindungan Data Pribadi',
    status: 'berlaku',
    summary: 'Dasar pemrosesan, hak subjek data dan kewajiban pengendali data pribadi, termasuk instansi pemerintah yang memproses data pemohon layanan.',
  },
  // ---- Keuangan daerah, pajak dan retribusi -----------------------------------------------
  {
    key: 'uu-1-2022',
    type: 'undang-undang',
    number: '1',
    year: 2022,
    title: 'Hubungan Keuangan antara Pemerintah Pusat dan Pemerintahan Daerah',
    status: 'berlaku',
    summary: 'Jenis pajak provinsi (PKB, BBNKB, PAB, PBBKB, PAP, Pajak Rokok, opsen MBLB) dan retribusi daerah; BBNKB hanya atas penyerahan pertama kendaraan bermotor.',
  },
  {
    key: 'pp-35-2023',
    type: 'peraturan-pemerintah',
    number: '35',
    year: 2023,
    title: 'Ketentuan Umum Pajak Daerah dan Retribusi Daerah',
    status: 'berlaku',
    summary: 'Tata cara pendaftaran, penetapan, pembayaran, keberatan, pengurangan dan pemberian insentif pajak daerah serta penyusunan tarif retribusi.',
  },
  {
    key: 'perpres-5-2015',
    type: 'peraturan-presiden',
    number: '5',
    year: 2015,
    title: 'Penyelenggaraan Sistem Administrasi Manunggal Satu Atap Kendaraan Bermotor',
    status: 'berlaku',
    summary: 'Samsat sebagai pelayanan terpadu registrasi dan identifikasi kendaraan bermotor, pembayaran PKB/BBNKB dan SWDKLLJ.',
  },
  {
    key: 'pp-76-2020',
    type: 'peraturan-pemerintah',
    number: '76',
    year: 2020,
    title: 'Jenis dan Tarif atas Jenis Penerimaan Negara Bukan Pajak yang Berlaku pada Kepolisian Negara Republik Indonesia',
    status: 'berlaku',
    summary: 'Tarif PNBP penerbitan STNK, TNKB, BPKB dan pengesahan STNK yang dipungut di Samsat bersama pajak daerah.',
  },
  // ---- Perizinan berusaha ------------------------------------------------------------------
  {
    key: 'uu-6-2023',
    type: 'undang-undang',
    number: '6',
    year: 2023,
    title: 'Penetapan Peraturan Pemerintah Pengganti Undang-Undang Nomor 2 Tahun 2022 tentang Cipta Kerja menjadi Undang-Undang',
    status: 'berlaku',
    summary: 'Perizinan berusaha berbasis risiko dan perubahan berbagai undang-undang sektoral (ketenagakerjaan, UMKM, lingkungan hidup, transportasi, pariwisata).',
  },
  {
    key: 'pp-5-2021',
    type: 'peraturan-pemerintah',
    number: '5',
    year: 2021,
    title: 'Penyelenggaraan Perizinan Berusaha Berbasis Risiko',
    status: 'dicabut',
    summary: 'Perizinan berusaha berbasis risiko melalui OSS; dicabut dan diganti dengan PP 28/2025.',
  },
  {
    key: 'pp-28-2025',
    type: 'peraturan-pemerintah',
    number: '28',
    year: 2025,
    title: 'Penyelenggaraan Perizinan Berusaha Berbasis Risiko',
    status: 'berlaku',
    summary: 'NIB, sertifikat standar, izin dan PB UMKU melalui Sistem OSS, kewenangan daerah provinsi dan service level agreement perizinan.',
  },
  // ---- Sektor ------------------------------------------------------------------------------
  {
    key: 'uu-20-2003',
    type: 'undang-undang',
    number: '20',
    year: 2003,
    title: 'Sistem Pendidikan Nasional',
    status: 'berlaku',
    summary: 'Jalur, jenjang dan jenis pendidikan, pendirian satuan pendidikan oleh masyarakat, ijazah dan pendanaan termasuk beasiswa.',
  },
  {
    key: 'uu-17-2023',
    type: 'undang-undang',
    number: '17',
    year: 2023,
    title: 'Kesehatan',
    status: 'berlaku',
    summary: 'Undang-undang omnibus kesehatan: fasilitas pelayanan kesehatan termasuk rumah sakit, kefarmasian dan perizinan; mencabut antara lain UU 44/2009 tentang Rumah Sakit.',
  },
  {
    key: 'uu-44-2009',
    type: 'undang-undang',
    number: '44',
    year: 2009,
    title: 'Rumah Sakit',
    status: 'dicabut',
    summary: 'Penyelenggaraan dan perizinan rumah sakit; dicabut oleh UU 17/2023 tentang Kesehatan.',
  },
  {
    key: 'pp-28-2024',
    type: 'peraturan-pemerintah',
    number: '28',
    year: 2024,
    title: 'Peraturan Pelaksanaan Undang-Undang Nomor 17 Tahun 2023 tentang Kesehatan',
    status: 'berlaku',
    summary: 'Pelaksanaan UU Kesehatan: klasifikasi dan perizinan rumah sakit, pedagang besar farmasi, layanan kesehatan jiwa.',
  },
  {
    key: 'uu-22-2009',
    type: 'undang-undang',
    number: '22',
    year: 2009,
    title: 'Lalu Lintas dan Angkutan Jalan',
    status: 'diubah',
    summary: 'Angkutan orang dalam trayek, analisis dampak lalu lintas dan kewenangan provinsi atas jaringan trayek antarkota dalam provinsi. Diubah dengan UU 6/2023.',
  },
  {
    key: 'pp-30-2021',
    type: 'peraturan-pemerintah',
    number: '30',
    year: 2021,
    title: 'Penyelenggaraan Bidang Lalu Lintas dan Angkutan Jalan',
    status: 'berlaku',
    summary: 'Analisis dampak lalu lintas (andalalin), persetujuan hasil andalalin dan penyelenggaraan angkutan jalan.',
  },
  {
    key: 'permenhub-15-2019',
    type: 'peraturan-menteri',
    number: 'PM 15',
    year: 2019,
    title: 'Penyelenggaraan Angkutan Orang dengan Kendaraan Bermotor Umum dalam Trayek',
    status: 'berlaku',
    summary: 'Peraturan Menteri Perhubungan: izin penyelenggaraan angkutan antarkota dalam provinsi oleh gubernur, kartu pengawasan dan standar pelayanan minimal.',
  },
  {
    key: 'uu-10-2009',
    type: 'undang-undang',
    number: '10',
    year: 2009,
    title: 'Kepariwisataan',
    status: 'diubah',
    summary: 'Usaha pariwisata, pramuwisata, penyelenggaraan kegiatan dan promosi pariwisata oleh pemerintah provinsi. Diubah antara lain dengan UU 6/2023.',
  },
  {
    key: 'uu-13-2003',
    type: 'undang-undang',
    number: '13',
    year: 2003,
    title: 'Ketenagakerjaan',
    status: 'diubah',
    summary: 'Peraturan perusahaan, perjanjian kerja bersama, pelatihan dan penempatan tenaga kerja, tenaga kerja asing. Diubah dengan UU 6/2023.',
  },
  {
    key: 'pp-35-2021',
    type: 'peraturan-pemerintah',
    number: '35',
    year: 2021,
    title: 'Perjanjian Kerja Waktu Tertentu, Alih Daya, Waktu Kerja dan Waktu Istirahat, dan Pemutusan Hubungan Kerja',
    status: 'berlaku',
    summary: 'Ketentuan waktu kerja, istirahat dan pemutusan hubungan kerja yang wajib dimuat dalam peraturan perusahaan.',
  },
  {
    key: 'permenaker-28-2014',
    type: 'peraturan-menteri',
    number: '28',
    year: 2014,
    title: 'Tata Cara Pembuatan dan Pengesahan Peraturan Perusahaan serta Pembuatan dan Pendaftaran Perjanjian Kerja Bersama',
    status: 'berlaku',
    summary: 'Peraturan Menteri Ketenagakerjaan: pengesahan peraturan perusahaan oleh dinas provinsi untuk perusahaan di lebih dari satu kabupaten/kota, paling lama 7 hari kerja.',
  },
  {
    key: 'uu-2-2004',
    type: 'undang-undang',
    number: '2',
    year: 2004,
    title: 'Penyelesaian Perselisihan Hubungan Industrial',
    status: 'berlaku',
    summary: 'Perundingan bipartit, mediasi, konsiliasi, arbitrase dan Pengadilan Hubungan Industrial; mediasi diselesaikan paling lama 30 hari kerja.',
  },
  {
    key: 'pp-31-2006',
    type: 'peraturan-pemerintah',
    number: '31',
    year: 2006,
    title: 'Sistem Pelatihan Kerja Nasional',
    status: 'berlaku',
    summary: 'Penyelenggaraan pelatihan kerja oleh lembaga pelatihan kerja pemerintah (BLK) dan swasta.',
  },
  {
    key: 'uu-20-2008',
    type: 'undang-undang',
    number: '20',
    year: 2008,
    title: 'Usaha Mikro, Kecil, dan Menengah',
    status: 'diubah',
    summary: 'Kriteria, penumbuhan iklim usaha, pengembangan dan perizinan usaha mikro, kecil dan menengah. Diubah dengan UU 6/2023.',
  },
  {
    key: 'uu-25-1992',
    type: 'undang-undang',
    number: '25',
    year: 1992,
    title: 'Perkoperasian',
    status: 'diubah',
    summary: 'Pendirian, keanggotaan, pengelolaan dan usaha simpan pinjam koperasi. Diubah antara lain dengan UU 6/2023.',
  },
  {
    key: 'pp-7-2021',
    type: 'peraturan-pemerintah',
    number: '7',
    year: 2021,
    title: 'Kemudahan, Pelindungan, dan Pemberdayaan Koperasi dan Usaha Mikro, Kecil, dan Menengah',
    status: 'berlaku',
    summary: 'Kriteria UMKM berdasarkan modal dan hasil penjualan, perizinan tunggal bagi usaha mikro dan kecil, fasilitasi sertifikasi halal dan pendampingan.',
  },
  {
    key: 'uu-33-2014',
    type: 'undang-undang',
    number: '33',
    year: 2014,
    title: 'Jaminan Produk Halal',
    status: 'diubah',
    summary: 'Kewajiban sertifikasi halal, pernyataan pelaku usaha (self declare) bagi usaha mikro dan kecil dan fasilitasi biaya oleh pemerintah daerah. Diubah dengan UU 6/2023.',
  },
  {
    key: 'uu-7-2014',
    type: 'undang-undang',
    number: '7',
    year: 2014,
    title: 'Perdagangan',
    status: 'diubah',
    summary: 'Perdagangan dalam dan luar negeri, ketentuan asal barang dan promosi dagang. Diubah dengan UU 6/2023.',
  },
  {
    key: 'uu-31-2004',
    type: 'undang-undang',
    number: '31',
    year: 2004,
    title: 'Perikanan',
    status: 'diubah',
    summary: 'Usaha perikanan tangkap, surat izin usaha perikanan dan surat izin penangkapan ikan. Diubah dengan UU 45/2009 dan UU 6/2023.',
  },
  {
    key: 'pp-27-2021',
    type: 'peraturan-pemerintah',
    number: '27',
    year: 2021,
    title: 'Penyelenggaraan Bidang Kelautan dan Perikanan',
    status: 'berlaku',
    summary: 'Kewenangan gubernur atas perizinan berusaha kapal perikanan berukuran di atas 5 GT sampai dengan 30 GT di wilayah sampai 12 mil laut.',
  },
  {
    key: 'uu-17-2019',
    type: 'undang-undang',
    number: '17',
    year: 2019,
    title: 'Sumber Daya Air',
    status: 'diubah',
    summary: 'Penggunaan sumber daya air termasuk air tanah untuk kebutuhan usaha, persetujuan penggunaan dan pengawasannya. Diubah dengan UU 6/2023.',
  },
  {
    key: 'uu-32-2009',
    type: 'undang-undang',
    number: '32',
    year: 2009,
    title: 'Perlindungan dan Pengelolaan Lingkungan Hidup',
    status: 'diubah',
    summary: 'Amdal, UKL-UPL dan persetujuan lingkungan sebagai prasyarat perizinan berusaha. Diubah dengan UU 6/2023.',
  },
  {
    key: 'pp-22-2021',
    type: 'peraturan-pemerintah',
    number: '22',
    year: 2021,
    title: 'Penyelenggaraan Perlindungan dan Pengelolaan Lingkungan Hidup',
    status: 'berlaku',
    summary: 'Tata cara penyusunan dan pemeriksaan formulir UKL-UPL serta penerbitan Persetujuan Pernyataan Kesanggupan Pengelolaan Lingkungan Hidup (PKPLH).',
  },
  {
    key: 'uu-9-1961',
    type: 'undang-undang',
    number: '9',
    year: 1961,
    title: 'Pengumpulan Uang atau Barang',
    status: 'berlaku',
    summary: 'Pengumpulan uang atau barang dari masyarakat (donasi, penggalangan dana) wajib mendapat izin pejabat yang berwenang.',
  },
  {
    key: 'pp-29-1980',
    type: 'peraturan-pemerintah',
    number: '29',
    year: 1980,
    title: 'Pelaksanaan Pengumpulan Sumbangan',
    status: 'berlaku',
    summary: 'Tata cara permohonan, jangka waktu izin paling lama tiga bulan, pelaporan dan pengawasan pengumpulan sumbangan.',
  },
  {
    key: 'permendagri-3-2018',
    type: 'peraturan-menteri',
    number: '3',
    year: 2018,
    title: 'Penerbitan Surat Keterangan Penelitian',
    status: 'berlaku',
    summary: 'Peraturan Menteri Dalam Negeri: penerbitan surat keterangan penelitian oleh pemerintah daerah melalui unit kesatuan bangsa dan politik.',
  },
  // ---- Regional (fiktif) -------------------------------------------------------------------
  {
    key: 'perda-contoh-3-2024-pdrd',
    type: 'peraturan-daerah',
    number: '3',
    year: 2024,
    title: 'Pajak Daerah dan Retribusi Daerah',
    status: 'berlaku',
    summary: `Tarif PKB, BBNKB, PAB, PAP dan retribusi pemakaian kekayaan daerah Provinsi Contoh sesuai UU 1/2022. ${FICTIONAL}`,
  },
  {
    key: 'perda-contoh-8-2011-retribusi',
    type: 'peraturan-daerah',
    number: '8',
    year: 2011,
    title: 'Retribusi Jasa Usaha',
    status: 'dicabut',
    summary: `Retribusi jasa usaha lama; dicabut dengan Perda Provinsi Contoh Nomor 3 Tahun 2024. ${FICTIONAL}`,
  },
  {
    key: 'pergub-contoh-12-2022-ptsp',
    type: 'peraturan-gubernur',
    number: '12',
    year: 2022,
    title: 'Penyelenggaraan Pelayanan Terpadu Satu Pintu',
    status: 'berlaku',
    summary: `Pendelegasian kewenangan perizinan dan nonperizinan provinsi kepada Kepala DPMPTSP, tim teknis perangkat daerah dan layanan daring. ${FICTIONAL}`,
  },
  {
    key: 'pergub-contoh-25-2024-tarif-retribusi',
    type: 'peraturan-gubernur',
    number: '25',
    year: 2024,
    title: 'Penyesuaian Tarif Retribusi Pemakaian Kekayaan Daerah dan Retribusi Pelayanan Kesehatan',
    status: 'berlaku',
    summary: `Tabel tarif sewa tanah, gedung, aula dan Taman Budaya serta tarif layanan RSUD dan RSJD Provinsi Contoh. ${FICTIONAL}`,
  },
  {
    key: 'pergub-contoh-7-2023-beasiswa',
    type: 'peraturan-gubernur',
    number: '7',
    year: 2023,
    title: 'Pemberian Beasiswa Contoh Cerdas',
    status: 'berlaku',
    summary: `Kriteria penerima, besaran dan tata cara seleksi beasiswa daerah bagi mahasiswa berprestasi dan kurang mampu asal Provinsi Contoh. ${FICTIONAL}`,
  },
  {
    key: 'kepgub-contoh-2025-standar-pelayanan',
    type: 'keputusan-gubernur',
    number: '100.3.3.2/KEP/45/2025',
    year: 2025,
    title: 'Penetapan Standar Pelayanan Publik di Lingkungan Pemerintah Provinsi Contoh',
    status: 'berlaku',
    summary: `Penetapan standar pelayanan seluruh perangkat daerah Provinsi Contoh sesuai Permenpan RB 15/2014. ${FICTIONAL}`,
  },
  {
    key: 'se-gubernur-contoh-2025-layanan-daring',
    type: 'surat-edaran',
    number: '500.16/1270/DPMPTSP/2025',
    year: 2025,
    title: 'Pelayanan Perizinan dan Nonperizinan secara Daring',
    status: 'berlaku',
    summary: `Permohonan layanan perangkat daerah diajukan melalui portal layanan provinsi; berkas fisik tidak lagi diminta untuk dokumen yang telah diunggah. ${FICTIONAL}`,
  },
];

const typeLabels: Record<LegalDocumentType, string> = {
  'undang-undang': 'Undang-Undang',
  'peraturan-pemerintah': 'Peraturan Pemerintah',
  'peraturan-presiden': 'Peraturan Presiden',
  'peraturan-menteri': 'Peraturan Menteri',
  // Regional documents are those of the demo province.
  'peraturan-daerah': 'Peraturan Daerah Provinsi Contoh',
  'peraturan-gubernur': 'Peraturan Gubernur Contoh',
  'keputusan-gubernur': 'Keputusan Gubernur Contoh',
  'surat-edaran': 'Surat Edaran Gubernur Contoh',
  lainnya: 'Peraturan',
};

/** Ministerial regulations are cited with the issuing minister. */
const issuers: Record<string, string> = {
  'permenpan-rb-15-2014': 'Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi',
  'permenpan-rb-14-2017': 'Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi',
  'permenaker-28-2014': 'Peraturan Menteri Ketenagakerjaan',
  'permenhub-15-2019': 'Peraturan Menteri Perhubungan',
  'permendagri-3-2018': 'Peraturan Menteri Dalam Negeri',
};

/**
 * The citation of a document as written in a service standard, e.g. "Undang-Undang Nomor 25
 * Tahun 2009 tentang Pelayanan Publik". Numbers that carry their own year (decrees and
 * circulars, "…/2025") are cited without "Tahun".
 */
export function legalCitation(doc: DemoLegalDocument): string {
  const label = issuers[doc.key] ?? typeLabels[doc.type];
  const year = doc.number.includes('/') ? '' : ` Tahun ${doc.year}`;
  return `${label} Nomor ${doc.number}${year} tentang ${doc.title}`;
}

/** The document with this key; throws on an unknown key (demo data must be consistent). */
export function demoLegalDocument(key: string): DemoLegalDocument {
  const doc = demoLegalDocuments.find((d) => d.key === key);
  if (!doc) throw new Error(`unknown demo legal document: ${key}`);
  return doc;
}
