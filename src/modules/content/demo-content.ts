// Demo information layer for the demo region: pages and guides, announcements, FAQ and the
// legal library of src/modules/catalog/demo-legal.ts, written through the content service
// (so they are audited and indexed for search like any other). Each demo legal document gets
// a one-page generated PDF that says it is a demo sheet, not the official text
// (`files: false` skips them, e.g. in tests).
import type { ContentDeps as Deps } from './content.deps.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Executor } from '../../platform/db/database.ts';
import { regionBasics } from '../agencies/index.ts';
import { demoLegalDocuments } from '../catalog/index.ts';
import { legalCitation, type Who } from './content.service.ts';
import { simplePdf } from './simple-pdf.ts';
import { fileFromBytes } from '../../platform/storage/upload-file.ts';

interface DemoItem {
  kind: 'page' | 'guide' | 'announcement' | 'faq';
  slug: string;
  title: string;
  summary?: string;
  body: string;
  serviceSlug?: string;
}

function demoItems(region: string): DemoItem[] {
  return [
    {
      kind: 'page',
      slug: 'tentang-portal',
      title: 'Tentang portal layanan',
      summary: `Portal layanan publik satu pintu ${region}.`,
      body: [
        `Portal ini adalah pintu tunggal layanan publik perangkat daerah ${region}. Di sini Anda dapat mencari layanan, membaca persyaratan dan biayanya, mengajukan permohonan secara daring, membayar, mengikuti status permohonan dan menyampaikan pengaduan.`,
        '## Apa yang dapat dilakukan',
        '- Mencari layanan menurut sektor atau perangkat daerah\n- Membaca standar pelayanan: persyaratan, prosedur, waktu, biaya dan dasar hukum\n- Mengajukan permohonan dan mengikuti statusnya\n- Membaca pengumuman dan peraturan di [pustaka hukum](/hukum)',
        '## Layanan loket',
        'Permohonan yang diajukan di loket tercatat di sistem yang sama dengan permohonan daring, sehingga statusnya dapat diikuti dari portal.',
      ].join('\n\n'),
    },
    {
      kind: 'guide',
      slug: 'panduan-pendaftaran-akun',
      title: 'Panduan pendaftaran akun',
      summary: 'Langkah membuat akun warga atau akun pelaku usaha sebelum mengajukan permohonan.',
      body: [
        'Akun diperlukan untuk mengajukan permohonan dan mengikuti statusnya. Membaca informasi layanan tidak memerlukan akun.',
        '## Akun warga',
        '1. Buka halaman [Daftar](/daftar).\n2. Isi nama sesuai KTP, NIK, alamat e-mail dan nomor ponsel.\n3. Buat kata sandi minimal 10 karakter.\n4. Buka e-mail konfirmasi dan masukkan kodenya.',
        '## Akun pelaku usaha',
        'Pelaku usaha mendaftar melalui [Daftar sebagai badan usaha](/daftar/usaha) dengan NIB dan NPWP. Penanggung jawab usaha harus memiliki akun warga.',
        '**Penting:** jangan berikan kata sandi atau kode verifikasi kepada siapa pun, termasuk petugas.',
      ].join('\n\n'),
    },
    {
      kind: 'guide',
      slug: 'panduan-mengajukan-permohonan',
      title: 'Panduan mengajukan permohonan',
      summary: 'Dari memilih layanan sampai menerima hasilnya.',
      body: [
        '1. Cari layanan di halaman [Layanan](/layanan) atau kotak pencarian.\n2. Baca persyaratan dan siapkan dokumennya dalam format PDF atau gambar.\n3. Masuk ke akun Anda dan pilih **Ajukan permohonan**.\n4. Isi formulir, unggah dokumen, lalu kirim. Simpan nomor permohonan yang muncul.\n5. Bila layanan berbayar, bayar tagihan melalui bank dan konfirmasikan pembayarannya.\n6. Ikuti status permohonan di akun Anda; pemberitahuan dikirim lewat e-mail atau SMS.',
        '## Bila ada kekurangan',
        'Petugas verifikasi dapat meminta perbaikan. Anda akan menerima pemberitahuan berisi hal yang perlu diperbaiki; perbaiki dan kirim ulang dari halaman permohonan.',
      ].join('\n\n'),
    },
    {
      kind: 'announcement',
      slug: 'peluncuran-portal-layanan',
      title: 'Peluncuran portal layanan publik satu pintu',
      summary: 'Mulai hari ini permohonan layanan perangkat daerah dapat diajukan secara daring.',
      body: `Pemerintah ${region} meluncurkan portal layanan publik satu pintu. Warga dan pelaku usaha dapat mengajukan permohonan secara daring tanpa datang ke kantor.\n\nLayanan loket tetap dibuka pada jam kerja.`,
    },
    {
      kind: 'announcement',
      slug: 'jam-layanan-loket-ramadan',
      title: 'Penyesuaian jam layanan loket selama bulan Ramadan',
      summary: 'Loket buka Senin–Kamis 08.00–14.00 dan Jumat 08.00–11.00.',
      body: 'Selama bulan Ramadan, jam layanan loket disesuaikan:\n\n- Senin–Kamis: 08.00–14.00\n- Jumat: 08.00–11.00\n\nPermohonan daring tetap dapat diajukan setiap saat.',
    },
    {
      kind: 'announcement',
      slug: 'pemeliharaan-sistem',
      title: 'Pemeliharaan sistem pada Sabtu malam',
      summary: 'Portal tidak dapat diakses Sabtu pukul 22.00–24.00.',
      body: 'Untuk pemeliharaan rutin, portal tidak dapat diakses pada Sabtu pukul 22.00–24.00. Permohonan yang sudah dikirim tidak terpengaruh.',
    },
    {
      kind: 'faq',
      slug: 'apakah-perlu-akun',
      title: 'Apakah saya perlu akun untuk melihat informasi layanan?',
      body: 'Tidak. Informasi layanan, persyaratan, biaya dan pustaka hukum dapat dibaca tanpa akun. Akun diperlukan untuk mengajukan permohonan.',
    },
    {
      kind: 'faq',
      slug: 'lupa-kata-sandi',
      title: 'Bagaimana jika saya lupa kata sandi?',
      body: 'Pilih "Lupa kata sandi" di halaman [Masuk](/masuk), lalu ikuti kode yang dikirim ke e-mail Anda.',
    },
    {
      kind: 'faq',
      slug: 'format-dokumen',
      title: 'Format dokumen apa yang diterima?',
      body: 'Umumnya PDF, JPEG atau PNG. Format dan ukuran maksimal tiap dokumen tertulis pada persyaratan layanan.',
    },
    {
      kind: 'faq',
      slug: 'mengikuti-status',
      title: 'Bagaimana mengikuti status permohonan?',
      body: 'Masuk ke akun Anda dan buka daftar permohonan. Anda juga menerima pemberitahuan setiap kali status berubah.',
    },
    {
      kind: 'faq',
      slug: 'cara-membayar',
      title: 'Bagaimana cara membayar retribusi?',
      body: 'Tagihan memuat kode bayar. Bayar melalui transfer bank, ATM, mobile banking atau internet banking, lalu konfirmasikan pembayaran dengan nomor bukti transfer, tanggal dan jamnya.',
    },
    {
      kind: 'faq',
      slug: 'keaslian-dokumen',
      title: 'Bagaimana memastikan keaslian izin yang diterbitkan?',
      body: 'Setiap dokumen hasil layanan memiliki kode QR. Pindai kodenya atau buka alamat verifikasi yang tertulis pada dokumen untuk memastikan keasliannya.',
    },
    {
      kind: 'faq',
      slug: 'pengaduan',
      title: 'Ke mana menyampaikan pengaduan?',
      body: 'Pengaduan dapat disampaikan melalui portal, loket atau saluran pengaduan yang tertulis pada setiap layanan. Setiap pengaduan mendapat nomor dan diikuti sampai selesai.',
    },
    {
      kind: 'faq',
      slug: 'layanan-loket',
      title: 'Apakah saya tetap bisa datang ke loket?',
      body: 'Ya. Petugas loket dapat mengajukan permohonan atas nama Anda; permohonan tercatat di sistem yang sama dan statusnya dapat Anda ikuti di portal.',
    },
  ];
}

export async function seedDemoContent(
  deps: Pick<Deps, 'database' | 'content'>,
  opts: { adminUserId: string; trx?: Executor; files?: boolean },
): Promise<Map<string, string>> {
  const actor: Actor = {
    userId: opts.adminUserId,
    kind: 'staff',
    name: 'demo',
    locale: 'id',
    grants: [{ role: 'super_admin', agencyId: null }],
    mfaPassed: true,
    mfaEnrolled: true,
    sessionId: null,
    via: 'session',
  };
  const who: Who = { actor, label: 'demo' };
  const run = async (trx: Executor) => {
    const region = await regionBasics(trx);
    for (const item of demoItems(region?.name ?? 'Provinsi Contoh')) {
      await deps.content.createItem(trx, who, { ...item, agencyId: null }, { publish: true });
    }
    const ids = new Map<string, string>();
    for (const d of demoLegalDocuments) {
      const citation = `${legalCitation('id', d)} tentang ${d.title}`;
      const file =
        opts.files === false
          ? undefined
          : fileFromBytes(simplePdf(citation, ['DOKUMEN CONTOH untuk data demo Simpul - bukan naskah resmi peraturan.', d.summary, `Status: ${d.status}.`]), { filename: `${d.key}.pdf` });
      const { id } = await deps.content.addLegalDocument(trx, who, { type: d.type, number: d.number, year: d.year, title: d.title, status: d.status, summary: d.summary, agencyId: null }, file);
      ids.set(d.key, id);
    }
    return ids;
  };
  return opts.trx ? run(opts.trx) : deps.database.db.transaction().execute(run);
}
