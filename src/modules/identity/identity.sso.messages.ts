import { defineMessages } from '../../platform/views/i18n.ts';

export const identitySsoMessages = defineMessages({
  id: {
    'sso.link': 'Masuk sebagai petugas melalui SSO',
    'sso.failed': 'Masuk melalui SSO gagal atau kedaluwarsa. Silakan coba lagi.',
    'sso.no_role': 'Akun SSO Anda tidak memiliki peran di Simpul. Hubungi administrator.',
    'sso.only': 'Petugas masuk melalui SSO pemerintah daerah, bukan dengan kata sandi.',
  },
  en: {
    'sso.link': 'Staff sign-in through SSO',
    'sso.failed': 'Signing in through SSO failed or expired. Please try again.',
    'sso.no_role': 'Your SSO account has no role in Simpul. Contact the administrator.',
    'sso.only': "Staff sign in through the region's SSO, not with a password.",
  },
});
