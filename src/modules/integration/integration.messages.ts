// Messages of the integration hub. Indonesian first.
import { defineMessages } from '../../platform/views/i18n.ts';

export const integrationMessages = defineMessages({
  id: {
    'hub.error.no_grant': 'Klien API ini belum diberi izin untuk operasi ini oleh pemilik data.',
    'hub.error.log_lagging': 'Log pertukaran data sedang tertinggal penyegelannya; demi keamanan permintaan ditolak sementara. Coba lagi sebentar lagi.',
    'hub.error.idempotency_mismatch': 'Idempotency-Key ini sudah dipakai untuk permintaan dengan isi yang berbeda.',
    'hub.error.idempotency_in_progress': 'Permintaan dengan Idempotency-Key ini masih diproses.',
    'hub.error.idempotency_key': 'Idempotency-Key tidak sah (1–255 karakter ASCII yang terlihat).',
    'hub.error.rate_limited': 'Terlalu banyak permintaan dari klien ini. Coba lagi dalam {seconds} detik.',
    'hub.error.not_pending': 'Klien ini tidak sedang menunggu persetujuan.',
    'hub.error.no_region_code': 'Kode wilayah daerah belum diisi (Identitas daerah); data tidak dapat diterbitkan ke Satu Data tanpanya.',
    'hub.error.revoked': 'Klien ini sudah dicabut.',
    'hub.error.expiry_past': 'Tanggal berakhir harus di masa depan.',
    'hub.error.agreement_required': 'Izin yang membagikan data pribadi harus menyebut perjanjian berbagi data yang berlaku dari register tata kelola.',
    'hub.error.agreement_expired': 'Perjanjian berbagi data tersebut sudah berakhir.',
    'hub.error.url': 'Alamat webhook harus berupa URL https yang sah.',
    'hub.error.webhook_not_granted': 'Perangkat daerah ini tidak berhak menerima peristiwa berikut: {events}. Peristiwa perangkat daerah lain memerlukan izin dari pemilik datanya kepada klien API Anda, dan peristiwa yang memuat data pribadi memerlukan izin yang didasari perjanjian berbagi data.',
  },
  en: {
    'hub.error.no_grant': 'This API client has not been granted this operation by the data owner.',
    'hub.error.log_lagging': 'Sealing of the exchange log is lagging; for safety requests are refused for now. Try again shortly.',
    'hub.error.idempotency_mismatch': 'This Idempotency-Key was already used for a request with a different body.',
    'hub.error.idempotency_in_progress': 'A request with this Idempotency-Key is still being processed.',
    'hub.error.idempotency_key': 'Invalid Idempotency-Key (1–255 visible ASCII characters).',
    'hub.error.rate_limited': 'Too many requests from this client. Try again in {seconds} seconds.',
    'hub.error.not_pending': 'This client is not awaiting approval.',
    'hub.error.no_region_code': 'The region’s kode wilayah is not set (Region identity); the data cannot be published to Satu Data without it.',
    'hub.error.revoked': 'This client has been revoked.',
    'hub.error.expiry_past': 'The end date must be in the future.',
    'hub.error.agreement_required': 'A grant that shares personal data must name a valid data-sharing agreement from the governance register.',
    'hub.error.agreement_expired': 'That data-sharing agreement has ended.',
    'hub.error.url': 'The webhook address must be a valid https URL.',
    'hub.error.webhook_not_granted': 'This agency may not receive these events: {events}. Another agency’s events need a grant from the data owner to one of your API clients, and events that carry personal data need a grant backed by a data-sharing agreement.',
  },
});
