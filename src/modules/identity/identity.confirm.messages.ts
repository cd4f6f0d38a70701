// Messages of re-confirming the signed-in person before a weighty act (signing a permit).
import { defineMessages } from '../../platform/views/i18n.ts';

export const identityConfirmMessages = defineMessages({
  id: {
    'auth.confirm.wrong': 'Kata sandi atau kode verifikasi salah. Tidak ada yang ditandatangani.',
    'auth.confirm.required': 'Isi kata sandi Anda atau kode dari aplikasi autentikator untuk menandatangani.',
  },
  en: {
    'auth.confirm.wrong': 'Wrong password or verification code. Nothing was signed.',
    'auth.confirm.required': 'Enter your password or the code from your authenticator app to sign.',
  },
});
