// E-mails of identity, in the recipient's language (Bahasa Indonesia unless they chose
// English). Plain text: every mail client shows it, and nothing in it runs.
import { t, type Locale, type MessageKey } from '../../platform/views/i18n.ts';
import type { MailMessage } from '../../platform/mail/mailer.ts';

type Params = Record<string, string | number>;

type MailKind = MessageKey extends infer K ? (K extends `mail.${infer M}.subject` ? M : never) : never;

function mail(locale: Locale, to: string, key: MailKind, params: Params): MailMessage {
  return {
    to,
    subject: t(locale, `mail.${key}.subject`, params),
    text: `${t(locale, `mail.${key}.body`, params)}\n\n${t(locale, 'mail.footer', params)}\n`,
  };
}

/** When a code valid for `minutes` from now stops working (an undelivered copy is then redacted). */
const validFor = (minutes: number) => new Date(Date.now() + minutes * 60_000);

export const identityMail = {
  // The code (and the links carrying it) is marked secret: the outbox keeps it only until
  // the message is delivered.
  confirmEmail: (locale: Locale, to: string, p: { name: string; code: string; minutes: number; url: string }) =>
    ({ ...mail(locale, to, 'confirm', p), secrets: [p.code], secretsExpireAt: validFor(p.minutes) }),
  passwordReset: (locale: Locale, to: string, p: { name: string; code: string; minutes: number; link: string; url: string }) =>
    ({ ...mail(locale, to, 'reset', p), secrets: [p.code], secretsExpireAt: validFor(p.minutes) }),
  invitation: (locale: Locale, to: string, p: { name: string; code: string; hours: number; link: string; url: string }) =>
    ({ ...mail(locale, to, 'invite', p), secrets: [p.code], secretsExpireAt: validFor(p.hours * 60) }),
  /** Someone tried to register with this person's NIK or e-mail address. */
  registrationAttempt: (locale: Locale, to: string, p: { name: string; what: 'nik' | 'email'; signin: string; forgot: string; url: string }) =>
    mail(locale, to, `register_attempt_${p.what}`, { name: p.name, signin: p.signin, forgot: p.forgot, url: p.url }),
  passwordChanged: (locale: Locale, to: string, p: { name: string; url: string }) => mail(locale, to, 'password_changed', p),
  /** A recovery code was used to sign in; how many are left. */
  recoveryCodeUsed: (locale: Locale, to: string, p: { name: string; remaining: number; url: string }) => mail(locale, to, 'recovery_used', p),
  recoveryCodesRegenerated: (locale: Locale, to: string, p: { name: string; url: string }) => mail(locale, to, 'recovery_regenerated', p),
  representativeAdded: (locale: Locale, to: string, p: { name: string; business: string; position: string; url: string }) =>
    mail(locale, to, 'representative', p),
};
