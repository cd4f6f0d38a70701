// E-mails of identity, in the recipient's language (Bahasa Indonesia unless they chose
// English). Plain text: every mail client shows it, and nothing in it runs.
import { t, type Locale } from '../../platform/views/i18n.ts';
import type { MailMessage } from '../../platform/mail/mailer.ts';
import './identity.messages.ts';

type Params = Record<string, string | number>;

function mail(locale: Locale, to: string, key: string, params: Params): MailMessage {
  return {
    to,
    subject: t(locale, `mail.${key}.subject`, params),
    text: `${t(locale, `mail.${key}.body`, params)}\n\n${t(locale, 'mail.footer', params)}\n`,
  };
}

export const identityMail = {
  confirmEmail: (locale: Locale, to: string, p: { name: string; code: string; minutes: number; url: string }) =>
    mail(locale, to, 'confirm', p),
  passwordReset: (locale: Locale, to: string, p: { name: string; code: string; minutes: number; link: string; url: string }) =>
    mail(locale, to, 'reset', p),
  invitation: (locale: Locale, to: string, p: { name: string; code: string; hours: number; link: string; url: string }) =>
    mail(locale, to, 'invite', p),
  passwordChanged: (locale: Locale, to: string, p: { name: string; url: string }) => mail(locale, to, 'password_changed', p),
  representativeAdded: (locale: Locale, to: string, p: { name: string; business: string; position: string; url: string }) =>
    mail(locale, to, 'representative', p),
};
