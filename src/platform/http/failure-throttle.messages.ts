import { defineMessages } from '../views/i18n.ts';

// Messages of the progressive delays after failed attempts (failure-throttle.ts).
export const failureThrottleMessages = defineMessages({
  id: {
    'error.throttled_seconds': 'Terlalu banyak percobaan yang gagal. Demi keamanan, tunggu {seconds} detik lalu coba lagi.',
    'error.throttled_minutes': 'Terlalu banyak percobaan yang gagal. Demi keamanan, tunggu {minutes} menit lalu coba lagi.',
  },
  en: {
    'error.throttled_seconds': 'Too many failed attempts. For your security, wait {seconds} seconds and try again.',
    'error.throttled_minutes': 'Too many failed attempts. For your security, wait {minutes} minutes and try again.',
  },
});
