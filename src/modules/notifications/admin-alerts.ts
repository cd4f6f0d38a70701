// Notices to the system administrators (super admins) in their in-app notifications
// (/notifikasi), in each one's language. Used for operational failures they must act on,
// such as an e-mail given up after 48 hours of tries (issue 12, item 8). Alerts of one kind
// are grouped per hour (dedupe key), so an outage gives each administrator one notice an
// hour, not one per message. Not by e-mail: the mail server may be what is failing.
import type { Executor } from '../../platform/db/database.ts';
import type { DeadMail } from '../../platform/mail/mailer.ts';
import { defineMessages, t, type Locale, type MessageKey } from '../../platform/views/i18n.ts';

export const adminAlertsMessages = defineMessages({
  id: {
    'notifications.alert.mail_dead.title': 'E-mail gagal terkirim dan dihentikan',
    'notifications.alert.mail_dead.expired': 'Sebuah e-mail tetap gagal terkirim setelah dicoba ulang selama 48 jam dan tidak akan dicoba lagi. Kesalahan terakhir: {error}. Periksa server SMTP, lalu kirim ulang pesan yang gagal dari kotak keluar.',
    'notifications.alert.mail_dead.permanent': 'Server SMTP menolak sebuah e-mail secara permanen; pesan tidak akan dicoba lagi. Kesalahan: {error}. Periksa alamat penerima di kotak keluar.',
  },
  en: {
    'notifications.alert.mail_dead.title': 'An e-mail could not be sent and was given up',
    'notifications.alert.mail_dead.expired': 'An e-mail still failed after 48 hours of retries and will not be tried again. Last error: {error}. Check the SMTP server, then send the failed messages again from the outbox.',
    'notifications.alert.mail_dead.permanent': 'The SMTP server refused an e-mail permanently; it will not be tried again. Error: {error}. Check the recipient address in the outbox.',
  },
});

export interface AdminAlert {
  /** Event name stored on the notification, e.g. `system.mail_dead`. */
  event: string;
  titleKey: MessageKey;
  bodyKey: MessageKey;
  params?: Record<string, string | number>;
  link: string | null;
  /** One notice per administrator and key. */
  dedupeKey: string;
}

/** Writes the notice for every active super admin, inside `trx`; returns how many were new. */
export async function alertAdministrators(trx: Executor, alert: AdminAlert): Promise<number> {
  const admins = await trx
    .selectFrom('users as u')
    .innerJoin('role_grants as g', 'g.user_id', 'u.id')
    .select(['u.id', 'u.locale'])
    .distinct()
    .where('g.role', '=', 'super_admin')
    .where('g.revoked_at', 'is', null)
    .where('u.status', '=', 'active')
    .execute();
  let created = 0;
  for (const a of admins) {
    const locale = a.locale as Locale;
    const res = await trx
      .insertInto('notifications')
      .values({
        user_id: a.id,
        application_id: null,
        event: alert.event,
        title: t(locale, alert.titleKey, alert.params).slice(0, 300),
        body: t(locale, alert.bodyKey, alert.params),
        link: alert.link,
        dedupe_key: `${alert.dedupeKey}:${a.id}`,
      })
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .executeTakeFirst();
    created += Number(res.numInsertedOrUpdatedRows ?? 0);
  }
  return created;
}

/** The mailer's dead-message listener: one notice per administrator and hour. */
export function alertDeadMail(trx: Executor, dead: DeadMail, now: Date = new Date()): Promise<number> {
  return alertAdministrators(trx, {
    event: 'system.mail_dead',
    titleKey: 'notifications.alert.mail_dead.title',
    bodyKey: `notifications.alert.mail_dead.${dead.reason}`,
    params: { error: dead.error.slice(0, 300) },
    link: '/kelola/sistem/kotak-keluar',
    dedupeKey: `mail-dead:${dead.reason}:${now.toISOString().slice(0, 13)}`,
  });
}
