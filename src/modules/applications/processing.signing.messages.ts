// Messages of signing (approving) an application: the preview of the exact document and the
// confirmation with a password or TOTP code.
import { defineMessages } from '../../platform/views/i18n.ts';

export const processingSigningMessages = defineMessages({
  id: {
    'applications.sign.preview': 'Pratinjau dokumen yang akan ditandatangani (PDF)',
    'applications.sign.preview_hint': 'Periksa isi dokumen sebelum menyetujui; nomor dan kode verifikasi diberikan saat ditandatangani.',
    'applications.sign.confirm': 'Kata sandi atau kode autentikator',
    'applications.sign.confirm_hint': 'Menyetujui berarti menandatangani dokumen secara elektronik atas nama Anda.',
    'applications.sign.submit': 'Setujui dan tandatangani',
    'applications.sign.watermark': 'PRATINJAU',
    'applications.sign.preview_number': '(nomor diberikan saat ditandatangani)',
    'applications.sign.preview_code': 'PRATINJAU',
    'applications.sign.not_signing_step': 'Pratinjau hanya tersedia pada langkah penandatanganan.',
  },
  en: {
    'applications.sign.preview': 'Preview the document to be signed (PDF)',
    'applications.sign.preview_hint': 'Check the document before approving; its number and verification code are given when it is signed.',
    'applications.sign.confirm': 'Password or authenticator code',
    'applications.sign.confirm_hint': 'Approving means signing the document electronically in your name.',
    'applications.sign.submit': 'Approve and sign',
    'applications.sign.watermark': 'PREVIEW',
    'applications.sign.preview_number': '(number given when signed)',
    'applications.sign.preview_code': 'PREVIEW',
    'applications.sign.not_signing_step': 'The preview is available only at the signing step.',
  },
});
