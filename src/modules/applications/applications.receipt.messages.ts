import { defineMessages } from '../../platform/views/i18n.ts';

export const applicationsReceiptMessages = defineMessages({
  id: {
    'applications.receipt.pdf.download': 'Unduh PDF',
    'applications.receipt.pdf.heading': 'TANDA TERIMA PERMOHONAN',
    'applications.receipt.pdf.number': 'Nomor {number}',
    'applications.receipt.pdf.doc_title': 'Tanda terima permohonan {number}',
    'applications.receipt.pdf.phone': 'Telp. {phone}',
    'applications.receipt.pdf.nik': 'NIK pemohon',
    'applications.receipt.pdf.documents': 'Dokumen persyaratan yang diterima',
    'applications.receipt.pdf.no': 'No.',
    'applications.receipt.pdf.received': 'Berkas diterima',
    'applications.receipt.pdf.optional': 'tidak wajib',
    'applications.receipt.pdf.no_documents': 'Layanan ini tidak meminta dokumen persyaratan.',
    'applications.receipt.pdf.track_heading': 'Lacak permohonan',
    'applications.receipt.pdf.track_text':
      'Pantau status permohonan tanpa masuk akun di {url} dengan nomor permohonan {number} dan 4 angka terakhir nomor ponsel atau NIK pemohon.',
    'applications.receipt.pdf.qr_caption': 'Pindai kode QR ini untuk membuka halaman pelacakan permohonan {number}:\n{url}',
    'applications.receipt.pdf.note':
      'Tanda terima ini membuktikan bahwa permohonan dan dokumen di atas telah diterima; tanda terima ini bukan keputusan atas permohonan. Simpan nomor permohonan untuk melacak dan menanyakan permohonan Anda.',
    'applications.receipt.pdf.page': 'Halaman {page} dari {total}',
    'applications.receipt.reprint.title': 'Cetak ulang tanda terima',
    'applications.receipt.reprint.hint': 'Nomor permohonan yang diajukan ke perangkat daerah Anda, misalnya 2026-DPMPTSP-000123. Tanda terima dibuka sebagai PDF.',
  },
  en: {
    'applications.receipt.pdf.download': 'Download PDF',
    'applications.receipt.pdf.heading': 'APPLICATION RECEIPT',
    'applications.receipt.pdf.number': 'Number {number}',
    'applications.receipt.pdf.doc_title': 'Application receipt {number}',
    'applications.receipt.pdf.phone': 'Tel. {phone}',
    'applications.receipt.pdf.nik': "Applicant's NIK",
    'applications.receipt.pdf.documents': 'Required documents received',
    'applications.receipt.pdf.no': 'No.',
    'applications.receipt.pdf.received': 'File received',
    'applications.receipt.pdf.optional': 'optional',
    'applications.receipt.pdf.no_documents': 'This service asks for no documents.',
    'applications.receipt.pdf.track_heading': 'Track the application',
    'applications.receipt.pdf.track_text':
      "Follow the application without signing in at {url} with application number {number} and the last 4 digits of the applicant's mobile number or NIK.",
    'applications.receipt.pdf.qr_caption': 'Scan this QR code to open the tracking page of application {number}:\n{url}',
    'applications.receipt.pdf.note':
      'This receipt proves that the application and the documents above were received; it is not a decision on the application. Keep the application number to track the application and to ask about it.',
    'applications.receipt.pdf.page': 'Page {page} of {total}',
    'applications.receipt.reprint.title': 'Reprint a receipt',
    'applications.receipt.reprint.hint': 'The number of an application filed with your agency, for example 2026-DPMPTSP-000123. The receipt opens as a PDF.',
  },
});
