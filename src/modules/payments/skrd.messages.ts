// Messages of the SKRD (Surat Ketetapan Retribusi Daerah) and of amounts in words. Indonesian
// first; official documents are issued in Indonesian.
import { defineMessages } from '../../platform/views/i18n.ts';

export const skrdMessages = defineMessages({
  id: {
    'payments.in_words': 'Terbilang',
    'payments.skrd.title': 'Surat Ketetapan Retribusi Daerah',
    'payments.skrd.short': 'SKRD',
    'payments.skrd.number': 'Nomor: {number}',
    'payments.skrd.page': 'Halaman {page} dari {pages}',
    'payments.skrd.agency': 'Perangkat daerah',
    'payments.skrd.payer': 'Wajib retribusi',
    'payments.skrd.for': 'Untuk',
    'payments.skrd.issued_at': 'Tanggal penetapan',
    'payments.skrd.due_at': 'Jatuh tempo',
    'payments.skrd.status': 'Status',
    'payments.skrd.accounts': 'Rekening penerimaan',
    'payments.skrd.accounts_none': 'Belum ada rekening penerimaan; hubungi perangkat daerah.',
    'payments.skrd.how_to_pay': 'Bayarkan jumlah di atas ke salah satu rekening penerimaan dengan mencantumkan kode pembayaran. Pembayaran setelah jatuh tempo tidak dapat diterima; terbitkan ulang tagihan.',
    'payments.skrd.note': 'Dokumen ini diterbitkan secara elektronik oleh Simpul dan sah tanpa tanda tangan basah. Keaslian dapat diperiksa dengan kode pembayaran di situs ini.',
    'payments.skrd.download': 'Unduh SKRD (PDF)',
  },
  en: {
    'payments.in_words': 'In words',
    'payments.skrd.title': 'Regional Levy Assessment (SKRD)',
    'payments.skrd.short': 'SKRD',
    'payments.skrd.number': 'Number: {number}',
    'payments.skrd.page': 'Page {page} of {pages}',
    'payments.skrd.agency': 'Agency',
    'payments.skrd.payer': 'Levy payer',
    'payments.skrd.for': 'For',
    'payments.skrd.issued_at': 'Assessed on',
    'payments.skrd.due_at': 'Due date',
    'payments.skrd.status': 'Status',
    'payments.skrd.accounts': 'Receiving accounts',
    'payments.skrd.accounts_none': 'No receiving account yet; contact the agency.',
    'payments.skrd.how_to_pay': 'Pay the amount above to one of the receiving accounts, quoting the payment code. Payments after the due date cannot be accepted; reissue the bill.',
    'payments.skrd.note': 'This document was issued electronically by Simpul and is valid without a wet signature. Its authenticity can be checked with the payment code on this site.',
    'payments.skrd.download': 'Download SKRD (PDF)',
  },
});
