import { defineMessages } from '../views/i18n.ts';

export const availabilityMessages = defineMessages({
  id: {
    'error.unavailable.title': 'Layanan sedang tidak tersedia',
    'error.unavailable.reload': 'Muat ulang halaman',
    'error.unavailable':
      'Basis data sedang tidak dapat dihubungi, misalnya karena pemeliharaan. Data Anda tidak berubah. Silakan coba lagi dalam beberapa saat.',
  },
  en: {
    'error.unavailable.title': 'Service temporarily unavailable',
    'error.unavailable.reload': 'Reload the page',
    'error.unavailable': 'The database cannot be reached right now, for example during maintenance. Nothing was changed. Please try again in a few moments.',
  },
});
