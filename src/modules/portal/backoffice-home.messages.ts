import { defineMessages } from '../../platform/views/i18n.ts';

export const backofficeHomeMessages = defineMessages({
  id: {
    'backoffice.home.heading': 'Pekerjaan saya',
    'backoffice.home.work': 'Menunggu tindakan',
    'backoffice.home.areas': 'Bidang kerja',
    'backoffice.home.count.waiting': 'permohonan menunggu saya',
    'backoffice.home.count.assigned': 'sedang saya tangani',
    'backoffice.home.count.nearing': 'mendekati batas waktu',
    'backoffice.home.count.overdue': 'lewat batas waktu',
    'backoffice.home.count.to_match': 'pembayaran perlu dicocokkan',
    'backoffice.home.count.reviews': 'usulan koordinasi perlu direviu',
  },
  en: {
    'backoffice.home.heading': 'My work',
    'backoffice.home.work': 'Waiting for action',
    'backoffice.home.areas': 'Areas',
    'backoffice.home.count.waiting': 'applications waiting for me',
    'backoffice.home.count.assigned': 'being handled by me',
    'backoffice.home.count.nearing': 'nearing the deadline',
    'backoffice.home.count.overdue': 'past the deadline',
    'backoffice.home.count.to_match': 'payments to match',
    'backoffice.home.count.reviews': 'coordination requests to review',
  },
});
