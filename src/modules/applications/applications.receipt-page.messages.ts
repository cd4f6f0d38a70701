// Messages of the receipt page (/permohonan/<no>/tanda-terima): what happens next and when.
import { defineMessages } from '../../platform/views/i18n.ts';

export const applicationsReceiptPageMessages = defineMessages({
  id: {
    'applications.receipt.received': 'Permohonan Anda telah kami terima dengan nomor {number}. Simpan nomor ini.',
    'applications.receipt.expected': 'Perkiraan selesai',
    'applications.receipt.expected_hint': '({days} hari kerja sejak diajukan, di luar hari libur dan cuti bersama; waktu menunggu perbaikan atau pembayaran dari Anda tidak dihitung)',
    'applications.receipt.expected_none': 'Mengikuti standar pelayanan; petugas akan memberi kabar.',
    'applications.receipt.next': 'Yang terjadi selanjutnya',
    'applications.receipt.next.verify': 'Petugas memeriksa kelengkapan data dan dokumen persyaratan Anda.',
    'applications.receipt.next.procedure': 'Permohonan diproses menurut prosedur layanan:',
    'applications.receipt.next.pay': 'Bila retribusi terutang, Anda menerima tagihan (SKRD) berisi kode pembayaran; proses dilanjutkan setelah pembayaran diterima.',
    'applications.receipt.next.correction': 'Bila ada yang perlu diperbaiki, Anda diberi tahu lewat e-mail, SMS dan halaman permohonan.',
    'applications.receipt.next.result': 'Setelah disetujui dan ditandatangani, dokumen izin dapat diunduh di halaman Dokumen saya.',
    'applications.receipt.track_before': 'Pantau status permohonan kapan saja di',
    'applications.receipt.track_after': 'dengan nomor {number} dan 4 angka terakhir nomor ponsel atau NIK Anda.',
    'applications.receipt.back': 'Kembali ke permohonan',
  },
  en: {
    'applications.receipt.received': 'We have received your application with number {number}. Keep this number.',
    'applications.receipt.expected': 'Expected completion',
    'applications.receipt.expected_hint': '({days} working days from submission, excluding holidays and collective leave; time waiting for your corrections or payment is not counted)',
    'applications.receipt.expected_none': 'According to the service standard; an officer will let you know.',
    'applications.receipt.next': 'What happens next',
    'applications.receipt.next.verify': 'An officer checks your data and required documents.',
    'applications.receipt.next.procedure': 'The application is processed following the service procedure:',
    'applications.receipt.next.pay': 'When a levy is due, you receive a bill (SKRD) with a payment code; processing continues once the payment is received.',
    'applications.receipt.next.correction': 'If something needs correcting, you are told by e-mail, SMS and on the application page.',
    'applications.receipt.next.result': 'Once approved and signed, the permit can be downloaded from My documents.',
    'applications.receipt.track_before': 'Follow the application at any time at',
    'applications.receipt.track_after': 'with number {number} and the last 4 digits of your mobile number or NIK.',
    'applications.receipt.back': 'Back to the application',
  },
});
