import { defineMessages } from '../../platform/views/i18n.ts';

defineMessages({
  id: {
    'account.email_taken': 'Alamat e-mail ini sudah terdaftar.',
  },
  en: {
    'account.email_taken': 'This e-mail address is already registered.',
  },
});
