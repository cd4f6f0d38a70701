// Message templates (pure): the placeholders a template may use, the parser that checks a
// template before it is saved, the renderer, and the default texts that ship with the code
// (every event × channel × locale; Indonesian and English).
import { type Locale, type MessageKey } from '../../platform/views/i18n.ts';

export const notificationEvents = [
  'submitted', 'claimed', 'sent_back', 'resubmitted', 'approved', 'rejected', 'overdue',
  // Issued documents (P-8): expiry reminders and the expiry notice.
  'document_expiring', 'document_expired',
  // Payments (P-7): a bill issued, a payment received.
  'billed', 'payment_received',
] as const;
export type NotificationEvent = (typeof notificationEvents)[number];
export const templateChannels = ['email', 'sms', 'whatsapp', 'in_app'] as const;
export type TemplateChannel = (typeof templateChannels)[number];
export const templateLocales = ['id', 'en'] as const satisfies readonly Locale[];

/** Every placeholder a template may use, `{{name}}`. */
export const placeholders = [
  'name', 'tracking_number', 'service', 'agency', 'status', 'url', 'reason', 'fields', 'step', 'due',
  // Issued documents (P-8): reminders and the expiry notice.
  'document_number', 'document_title', 'valid_until', 'days_left', 'renewal_url',
  // Payments (P-7).
  'payment_code', 'amount', 'accounts', 'receipt_number',
] as const;
export type Placeholder = (typeof placeholders)[number];

/** Channels whose template has a subject (e-mail subject, in-app title). */
export const channelHasSubject = (c: TemplateChannel): boolean => c === 'email' || c === 'in_app';

export const SUBJECT_MAX = 200;
export const BODY_MAX: Record<TemplateChannel, number> = { email: 4000, in_app: 1000, sms: 640, whatsapp: 1000 };
/** One SMS segment (GSM-7); longer texts are sent as several. */
export const SMS_SEGMENT = 160;

export type TemplateIssue = { kind: 'unknown'; name: string } | { kind: 'unbalanced'; at: number };

export interface ParsedTemplate {
  /** Placeholders used, in order of first use. */
  names: Placeholder[];
  issues: TemplateIssue[];
}

const isPlaceholder = (v: string): v is Placeholder => (placeholders as readonly string[]).includes(v);

/**
 * Checks a template: every `{{…}}` must name a known placeholder, and no brace may stand
 * alone (`{`, `}`, `{{` without `}}`). Returns the placeholders used and the issues found.
 */
export function parseTemplate(text: string): ParsedTemplate {
  const names: Placeholder[] = [];
  const issues: TemplateIssue[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '{' && text[i + 1] === '{') {
      const end = text.indexOf('}}', i + 2);
      const open = text.indexOf('{', i + 2);
      if (end < 0 || (open >= 0 && open < end)) {
        issues.push({ kind: 'unbalanced', at: i });
        i += 2;
        continue;
      }
      const name = text.slice(i + 2, end).trim();
      if (!/^[A-Za-z0-9_.-]+$/.test(name)) issues.push({ kind: 'unbalanced', at: i });
      else if (!isPlaceholder(name)) {
        if (!issues.some((x) => x.kind === 'unknown' && x.name === name)) issues.push({ kind: 'unknown', name });
      } else if (!names.includes(name)) names.push(name);
      i = end + 2;
      continue;
    }
    if (ch === '{' || ch === '}') issues.push({ kind: 'unbalanced', at: i });
    i++;
  }
  return { names, issues };
}

export type TemplateValues = Partial<Record<Placeholder, string>>;

/** Fills `{{name}}` placeholders; a value not given shows as `-`. Text is not escaped (plain text only). */
export function renderTemplate(text: string, values: TemplateValues): string {
  return text.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (m, name: string) => {
    if (!isPlaceholder(name)) return m;
    const v = values[name];
    return v === undefined || v === '' ? '-' : v;
  });
}

export interface TemplateText {
  subject: string;
  body: string;
}

interface EventTexts {
  subject: string;
  email: string;
  sms: string;
  inApp: string;
}

const footer: Record<Locale, string> = {
  id: '\n\nPesan ini dikirim otomatis oleh Simpul; mohon tidak dibalas.',
  en: '\n\nThis message was sent automatically by Simpul; please do not reply.',
};

const texts: Record<NotificationEvent, Record<Locale, EventTexts>> = {
  submitted: {
    id: {
      subject: 'Permohonan {{tracking_number}} diterima',
      email: 'Yth. {{name}},\n\nPermohonan {{service}} Anda telah diterima dengan nomor {{tracking_number}} dan akan diproses oleh {{agency}}.\n\nLihat status permohonan: {{url}}',
      sms: 'Permohonan {{tracking_number}} diterima & akan diproses {{agency}}. Cek status: SMS CEK {{tracking_number}}',
      inApp: 'Permohonan {{service}} Anda diterima dengan nomor {{tracking_number}}.',
    },
    en: {
      subject: 'Application {{tracking_number}} received',
      email: 'Dear {{name}},\n\nYour application for {{service}} has been received with number {{tracking_number}} and will be processed by {{agency}}.\n\nSee its status: {{url}}',
      sms: 'Application {{tracking_number}} received, to be processed by {{agency}}. Status: SMS CEK {{tracking_number}}',
      inApp: 'Your application for {{service}} was received with number {{tracking_number}}.',
    },
  },
  claimed: {
    id: {
      subject: 'Permohonan {{tracking_number}} sedang diproses',
      email: 'Yth. {{name}},\n\nPermohonan {{service}} Anda (nomor {{tracking_number}}) sedang diproses oleh petugas {{agency}}.\n\nLihat status permohonan: {{url}}',
      sms: 'Permohonan {{tracking_number}} sedang diproses petugas {{agency}}.',
      inApp: 'Permohonan {{tracking_number}} sedang diproses oleh petugas {{agency}}.',
    },
    en: {
      subject: 'Application {{tracking_number}} is being processed',
      email: 'Dear {{name}},\n\nYour application for {{service}} (number {{tracking_number}}) is being processed by an officer of {{agency}}.\n\nSee its status: {{url}}',
      sms: 'Application {{tracking_number}} is being processed by {{agency}}.',
      inApp: 'Application {{tracking_number}} is being processed by an officer of {{agency}}.',
    },
  },
  sent_back: {
    id: {
      subject: 'Permohonan {{tracking_number}} perlu dilengkapi',
      email: 'Yth. {{name}},\n\nPermohonan {{service}} Anda (nomor {{tracking_number}}) dikembalikan untuk dilengkapi.\n\nBagian yang perlu diperbaiki: {{fields}}\nCatatan petugas: {{reason}}\n\nPerbaiki dan ajukan kembali di: {{url}}',
      sms: 'Permohonan {{tracking_number}} perlu dilengkapi: {{fields}}. Perbaiki di {{url}}',
      inApp: 'Permohonan {{tracking_number}} dikembalikan untuk dilengkapi: {{fields}}. Catatan petugas: {{reason}}',
    },
    en: {
      subject: 'Application {{tracking_number}} needs completing',
      email: 'Dear {{name}},\n\nYour application for {{service}} (number {{tracking_number}}) was sent back for completion.\n\nTo correct: {{fields}}\nOfficer\'s note: {{reason}}\n\nCorrect it and resubmit at: {{url}}',
      sms: 'Application {{tracking_number}} needs completing: {{fields}}. Correct it at {{url}}',
      inApp: 'Application {{tracking_number}} was sent back for completion: {{fields}}. Officer\'s note: {{reason}}',
    },
  },
  resubmitted: {
    id: {
      subject: 'Perbaikan permohonan {{tracking_number}} diterima',
      email: 'Yth. {{name}},\n\nPerbaikan permohonan {{service}} Anda (nomor {{tracking_number}}) telah diterima dan diproses kembali oleh {{agency}}.\n\nLihat status permohonan: {{url}}',
      sms: 'Perbaikan permohonan {{tracking_number}} diterima dan diproses kembali oleh {{agency}}.',
      inApp: 'Perbaikan permohonan {{tracking_number}} diterima dan diproses kembali.',
    },
    en: {
      subject: 'Corrected application {{tracking_number}} received',
      email: 'Dear {{name}},\n\nThe corrected application for {{service}} (number {{tracking_number}}) has been received and is processed again by {{agency}}.\n\nSee its status: {{url}}',
      sms: 'Corrected application {{tracking_number}} received; {{agency}} processes it again.',
      inApp: 'The corrected application {{tracking_number}} was received and is processed again.',
    },
  },
  approved: {
    id: {
      subject: 'Permohonan {{tracking_number}} disetujui',
      email: 'Yth. {{name}},\n\nPermohonan {{service}} Anda (nomor {{tracking_number}}) telah disetujui oleh {{agency}}.\n\nLihat hasilnya: {{url}}',
      sms: 'Permohonan {{tracking_number}} DISETUJUI oleh {{agency}}. Lihat hasil: {{url}}',
      inApp: 'Permohonan {{service}} Anda (nomor {{tracking_number}}) disetujui.',
    },
    en: {
      subject: 'Application {{tracking_number}} approved',
      email: 'Dear {{name}},\n\nYour application for {{service}} (number {{tracking_number}}) has been approved by {{agency}}.\n\nSee the result: {{url}}',
      sms: 'Application {{tracking_number}} APPROVED by {{agency}}. Result: {{url}}',
      inApp: 'Your application for {{service}} (number {{tracking_number}}) was approved.',
    },
  },
  rejected: {
    id: {
      subject: 'Permohonan {{tracking_number}} ditolak',
      email: 'Yth. {{name}},\n\nPermohonan {{service}} Anda (nomor {{tracking_number}}) ditolak oleh {{agency}}.\n\nAlasan: {{reason}}\n\nRincian: {{url}}',
      sms: 'Permohonan {{tracking_number}} ditolak. Alasan: {{reason}}. Rincian: {{url}}',
      inApp: 'Permohonan {{tracking_number}} ditolak. Alasan: {{reason}}',
    },
    en: {
      subject: 'Application {{tracking_number}} rejected',
      email: 'Dear {{name}},\n\nYour application for {{service}} (number {{tracking_number}}) was rejected by {{agency}}.\n\nReason: {{reason}}\n\nDetails: {{url}}',
      sms: 'Application {{tracking_number}} rejected. Reason: {{reason}}. Details: {{url}}',
      inApp: 'Application {{tracking_number}} was rejected. Reason: {{reason}}',
    },
  },
  overdue: {
    id: {
      subject: 'Tenggat terlewati: permohonan {{tracking_number}}',
      email: 'Yth. {{name}},\n\nLangkah "{{step}}" permohonan {{tracking_number}} ({{service}}, {{agency}}) melewati tenggat {{due}}.\n\nBuka permohonan: {{url}}',
      sms: 'Langkah {{step}} permohonan {{tracking_number}} melewati tenggat {{due}}.',
      inApp: 'Langkah "{{step}}" permohonan {{tracking_number}} melewati tenggat {{due}}.',
    },
    en: {
      subject: 'Deadline passed: application {{tracking_number}}',
      email: 'Dear {{name}},\n\nStep "{{step}}" of application {{tracking_number}} ({{service}}, {{agency}}) passed its deadline of {{due}}.\n\nOpen the application: {{url}}',
      sms: 'Step {{step}} of application {{tracking_number}} passed its deadline of {{due}}.',
      inApp: 'Step "{{step}}" of application {{tracking_number}} passed its deadline of {{due}}.',
    },
  },
  // Issued documents (P-8): sent by the documents.reminders job.
  document_expiring: {
    id: {
      subject: 'Dokumen {{document_number}} berakhir {{valid_until}}',
      email: 'Yth. {{name}},\n\n{{document_title}} nomor {{document_number}} dari {{agency}} berlaku sampai {{valid_until}} ({{days_left}} hari lagi).\n\nAjukan perpanjangan: {{renewal_url}}',
      sms: '{{document_title}} {{document_number}} berakhir {{valid_until}}. Perpanjang: {{renewal_url}}',
      inApp: '{{document_title}} nomor {{document_number}} berlaku sampai {{valid_until}} ({{days_left}} hari lagi). Ajukan perpanjangan sebelum berakhir.',
    },
    en: {
      subject: 'Document {{document_number}} expires on {{valid_until}}',
      email: 'Dear {{name}},\n\n{{document_title}} number {{document_number}} from {{agency}} is valid until {{valid_until}} ({{days_left}} days left).\n\nApply for renewal: {{renewal_url}}',
      sms: '{{document_title}} {{document_number}} expires {{valid_until}}. Renew: {{renewal_url}}',
      inApp: '{{document_title}} number {{document_number}} is valid until {{valid_until}} ({{days_left}} days left). Apply for renewal before it expires.',
    },
  },
  document_expired: {
    id: {
      subject: 'Dokumen {{document_number}} telah kedaluwarsa',
      email: 'Yth. {{name}},\n\n{{document_title}} nomor {{document_number}} dari {{agency}} telah kedaluwarsa; masa berlakunya berakhir {{valid_until}}.\n\nAjukan perpanjangan: {{renewal_url}}',
      sms: '{{document_title}} {{document_number}} kedaluwarsa sejak {{valid_until}}. Perpanjang: {{renewal_url}}',
      inApp: '{{document_title}} nomor {{document_number}} telah kedaluwarsa (berlaku sampai {{valid_until}}).',
    },
    en: {
      subject: 'Document {{document_number}} has expired',
      email: 'Dear {{name}},\n\n{{document_title}} number {{document_number}} from {{agency}} has expired; it was valid until {{valid_until}}.\n\nApply for renewal: {{renewal_url}}',
      sms: '{{document_title}} {{document_number}} expired after {{valid_until}}. Renew: {{renewal_url}}',
      inApp: '{{document_title}} number {{document_number}} has expired (valid until {{valid_until}}).',
    },
  },
  // Payments (P-7)
  billed: {
    id: {
      subject: 'Tagihan retribusi permohonan {{tracking_number}}',
      email: 'Yth. {{name}},\n\nPermohonan {{service}} Anda (nomor {{tracking_number}}) menunggu pembayaran retribusi sebesar {{amount}}.\n\nKode bayar: {{payment_code}}\nTransfer ke: {{accounts}}\nBatas pembayaran: {{due}}\n\nCantumkan kode bayar pada berita transfer. Rincian tagihan: {{url}}',
      sms: 'Tagihan {{tracking_number}}: {{amount}}, kode bayar {{payment_code}}, ke {{accounts}}, paling lambat {{due}}. Tulis kode bayar di berita transfer.',
      inApp: 'Permohonan {{tracking_number}} menunggu pembayaran {{amount}} (kode bayar {{payment_code}}) paling lambat {{due}}.',
    },
    en: {
      subject: 'Fee bill for application {{tracking_number}}',
      email: 'Dear {{name}},\n\nYour application for {{service}} (number {{tracking_number}}) awaits payment of the fee of {{amount}}.\n\nPayment code: {{payment_code}}\nTransfer to: {{accounts}}\nPay by: {{due}}\n\nPut the payment code in the transfer description. Bill details: {{url}}',
      sms: 'Bill {{tracking_number}}: {{amount}}, payment code {{payment_code}}, to {{accounts}}, by {{due}}. Put the code in the transfer description.',
      inApp: 'Application {{tracking_number}} awaits payment of {{amount}} (payment code {{payment_code}}) by {{due}}.',
    },
  },
  payment_received: {
    id: {
      subject: 'Pembayaran permohonan {{tracking_number}} diterima',
      email: 'Yth. {{name}},\n\nPembayaran retribusi permohonan {{service}} Anda (nomor {{tracking_number}}) sebesar {{amount}} dengan kode bayar {{payment_code}} telah diterima dan disetujui. Kuitansi nomor {{receipt_number}}.\n\nPermohonan Anda diproses kembali oleh {{agency}}. Unduh kuitansi: {{url}}',
      sms: 'Pembayaran {{amount}} (kode bayar {{payment_code}}) untuk permohonan {{tracking_number}} DITERIMA. Kuitansi {{receipt_number}}. Permohonan diproses kembali.',
      inApp: 'Pembayaran {{amount}} untuk permohonan {{tracking_number}} diterima. Kuitansi {{receipt_number}}.',
    },
    en: {
      subject: 'Payment for application {{tracking_number}} received',
      email: 'Dear {{name}},\n\nThe fee payment of {{amount}} for your application for {{service}} (number {{tracking_number}}, payment code {{payment_code}}) has been received and approved. Receipt number {{receipt_number}}.\n\n{{agency}} processes your application again. Download the receipt: {{url}}',
      sms: 'Payment of {{amount}} (code {{payment_code}}) for application {{tracking_number}} RECEIVED. Receipt {{receipt_number}}. Processing resumes.',
      inApp: 'Payment of {{amount}} for application {{tracking_number}} received. Receipt {{receipt_number}}.',
    },
  },
};

/** The text that ships with the code for one (event, channel, locale). */
export function defaultTemplate(event: NotificationEvent, channel: TemplateChannel, locale: Locale): TemplateText {
  const x = texts[event][locale];
  switch (channel) {
    case 'email':
      return { subject: x.subject, body: x.email + footer[locale] };
    case 'sms':
      return { subject: '', body: x.sms };
    case 'whatsapp':
      return { subject: '', body: `${x.inApp}\n\n{{url}}` };
    case 'in_app':
      return { subject: x.subject, body: x.inApp };
  }
}

export interface TemplateKey {
  event: NotificationEvent;
  channel: TemplateChannel;
  locale: Locale;
}

export function allTemplateKeys(): TemplateKey[] {
  const keys: TemplateKey[] = [];
  for (const event of notificationEvents) for (const channel of templateChannels) for (const locale of templateLocales) keys.push({ event, channel, locale });
  return keys;
}

export function isNotificationEvent(v: unknown): v is NotificationEvent {
  return typeof v === 'string' && (notificationEvents as readonly string[]).includes(v);
}
export function isTemplateChannel(v: unknown): v is TemplateChannel {
  return typeof v === 'string' && (templateChannels as readonly string[]).includes(v);
}

export interface TemplateFieldError {
  field: 'subject' | 'body';
  key: MessageKey;
  params?: Record<string, string | number>;
}

/** Checks a template before it is saved; message keys are in notifications.messages.ts. */
export function checkTemplate(channel: TemplateChannel, subject: string, body: string): TemplateFieldError[] {
  const errs: TemplateFieldError[] = [];
  const check = (field: 'subject' | 'body', text: string, max: number, required: boolean) => {
    if (!text.trim()) {
      if (required) errs.push({ field, key: 'notifications.template.required' });
      return;
    }
    if (text.length > max) {
      errs.push({ field, key: 'notifications.template.too_long', params: { max } });
      return;
    }
    const { issues } = parseTemplate(text);
    const unknown = issues.filter((i): i is { kind: 'unknown'; name: string } => i.kind === 'unknown').map((i) => `{{${i.name}}}`);
    if (unknown.length) errs.push({ field, key: 'notifications.template.unknown', params: { names: unknown.join(', ') } });
    else if (issues.length) errs.push({ field, key: 'notifications.template.unbalanced', params: { at: (issues[0] as { at: number }).at + 1 } });
  };
  if (channelHasSubject(channel)) check('subject', subject, SUBJECT_MAX, true);
  check('body', body, BODY_MAX[channel], true);
  return errs;
}
