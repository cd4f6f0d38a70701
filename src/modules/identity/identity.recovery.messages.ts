// Messages of TOTP recovery codes (shown once at enrolment and on regeneration, usable once
// at the second sign-in step) and their e-mails.
import { defineMessages } from '../../platform/views/i18n.ts';

export const identityRecoveryMessages = defineMessages({
  id: {
    'recovery.format': 'Masukkan 6 angka dari aplikasi autentikator atau satu kode pemulihan (10 huruf dan angka).',
    'recovery.wrong': 'Kode pemulihan salah atau sudah dipakai.',
    'recovery.signin_hint': 'Ponsel hilang? Masukkan salah satu kode pemulihan Anda (misalnya abcde-fgh23). Setiap kode hanya berlaku sekali.',
    'recovery.field_hint': '6 angka dari aplikasi, atau kode pemulihan.',
    'recovery.title': 'Kode pemulihan',
    'recovery.shown_once': 'Simpan kode-kode ini sekarang: kode ini hanya ditampilkan sekali. Jika ponsel dengan aplikasi autentikator hilang, masuklah dengan salah satu kode ini. Setiap kode hanya berlaku sekali.',
    'recovery.codes_label': 'Kode pemulihan Anda',
    'recovery.download': 'Unduh sebagai teks',
    'recovery.print_hint': 'Atau cetak halaman ini (tekan {key}) dan simpan kertasnya di tempat aman.',
    'recovery.done': 'Saya sudah menyimpan kode ini',
    'recovery.file_title': 'Kode pemulihan Simpul — {name}',
    'recovery.file_line1': 'Setiap kode hanya berlaku sekali, di langkah verifikasi dua langkah.',
    'recovery.file_line2': 'Dibuat {date}. Kode lama tidak berlaku lagi.',
    'recovery.left': 'Kode pemulihan yang tersisa: {count} dari 10.',
    'recovery.none_left': 'Anda tidak memiliki kode pemulihan yang tersisa. Buat kode baru sekarang.',
    'recovery.low': 'Kode pemulihan Anda hampir habis. Buat kode baru.',
    'recovery.regenerate.title': 'Buat kode pemulihan baru',
    'recovery.regenerate.hint': 'Kode lama langsung tidak berlaku. Masukkan kata sandi dan kode dari aplikasi autentikator.',
    'recovery.regenerate.submit': 'Buat kode baru',
    'recovery.regenerated': 'Kode pemulihan baru sudah dibuat; kode lama tidak berlaku lagi.',
    'mail.recovery_used.subject': 'Kode pemulihan dipakai untuk masuk ke akun Simpul Anda',
    'mail.recovery_used.body':
      'Halo {name},\n\nBaru saja ada yang masuk ke akun Simpul Anda dengan salah satu kode pemulihan. Sisa kode pemulihan: {remaining}.\nJika bukan Anda, segera ganti kata sandi dan buat kode pemulihan baru di {url}, lalu hubungi pengelola layanan.',
    'mail.recovery_regenerated.subject': 'Kode pemulihan akun Simpul Anda dibuat ulang',
    'mail.recovery_regenerated.body':
      'Halo {name},\n\nKode pemulihan baru untuk verifikasi dua langkah akun Simpul Anda baru saja dibuat; kode lama tidak berlaku lagi.\nJika bukan Anda, segera ganti kata sandi di {url} dan hubungi pengelola layanan.',
  },
  en: {
    'recovery.format': 'Enter the 6 digits from your authenticator app or one recovery code (10 letters and digits).',
    'recovery.wrong': 'Wrong or already used recovery code.',
    'recovery.signin_hint': 'Lost your phone? Enter one of your recovery codes (for example abcde-fgh23). Each code works once.',
    'recovery.field_hint': 'The 6 digits from your app, or a recovery code.',
    'recovery.title': 'Recovery codes',
    'recovery.shown_once': 'Keep these codes now: they are shown only this once. If you lose the phone with your authenticator app, sign in with one of them. Each code works once.',
    'recovery.codes_label': 'Your recovery codes',
    'recovery.download': 'Download as text',
    'recovery.print_hint': 'Or print this page (press {key}) and keep the paper somewhere safe.',
    'recovery.done': 'I have kept these codes',
    'recovery.file_title': 'Simpul recovery codes — {name}',
    'recovery.file_line1': 'Each code works once, at the two-step verification step.',
    'recovery.file_line2': 'Made {date}. Older codes no longer work.',
    'recovery.left': 'Recovery codes left: {count} of 10.',
    'recovery.none_left': 'You have no recovery codes left. Make new ones now.',
    'recovery.low': 'You are running out of recovery codes. Make new ones.',
    'recovery.regenerate.title': 'Make new recovery codes',
    'recovery.regenerate.hint': 'The old codes stop working at once. Enter your password and the code from your authenticator app.',
    'recovery.regenerate.submit': 'Make new codes',
    'recovery.regenerated': 'New recovery codes have been made; the old ones no longer work.',
    'mail.recovery_used.subject': 'A recovery code was used to sign in to your Simpul account',
    'mail.recovery_used.body':
      'Hello {name},\n\nSomeone has just signed in to your Simpul account with one of your recovery codes. Recovery codes left: {remaining}.\nIf this was not you, change your password and make new recovery codes at {url} at once, then contact the service administrator.',
    'mail.recovery_regenerated.subject': 'The recovery codes of your Simpul account were made again',
    'mail.recovery_regenerated.body':
      'Hello {name},\n\nNew recovery codes for the two-step verification of your Simpul account have just been made; the old ones no longer work.\nIf this was not you, change your password at {url} at once and contact the service administrator.',
  },
});
