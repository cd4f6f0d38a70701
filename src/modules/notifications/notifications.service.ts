// Notifications (issue 4 item 7, P-3) and transactions by SMS (item 8, P-9).
//
// - `notify(trx, …)` only enqueues the job 'notify.application' in the caller's transaction.
//   The job loads the application and its recipients, renders the current templates in each
//   recipient's language and sends e-mail (the platform mailer), SMS, WhatsApp (only when a
//   gateway is configured) and the in-app notification, all in one transaction. Every
//   message carries a dedupe key (notification key, user, channel), so a job that runs twice
//   sends once.
// - SMS and WhatsApp are delivered by the job 'message.deliver' through a MessageChannel
//   (HTTP gateway or the development adapter), retried with back-off; a 4xx from the gateway
//   fails the message at once with its reason. Delivery reports mark a message delivered
//   or failed.
// - Inbound SMS: a small command table (CEK now; BAYAR later) answers through the same outbox.
//   Phone numbers and message texts are never logged.
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Database, Executor } from '../../platform/db/database.ts';
import { isUniqueViolation } from '../../platform/db/values.ts';
import { errors } from '../../platform/http/errors.ts';
import { defineJob, PermanentJobError, type JobPayload, type JobQueue } from '../../platform/jobs/queue.ts';
import { scrubText, type Logger } from '../../platform/log.ts';
import { redactRanges, secretRanges, type Mailer } from '../../platform/mail/mailer.ts';
import { t, type Locale } from '../../platform/views/i18n.ts';
import { normalizeMobilePhone, openPerson } from '../identity/index.ts';
import { devChannel, GatewayError, httpGatewayChannel, type MessageChannel } from './channels.ts';
import {
  allTemplateKeys,
  checkTemplate,
  defaultTemplate,
  isNotificationEvent,
  notificationEvents,
  placeholders,
  renderTemplate,
  templateChannels,
  type NotificationEvent,
  type TemplateChannel,
  type TemplateKey,
  type TemplateValues,
} from './notifications.templates.ts';

export type { NotificationEvent } from './notifications.templates.ts';
export type { MessageChannel } from './channels.ts';

export interface NotifyInput {
  event: NotificationEvent;
  applicationId: string;
  /** Staff recipients (used for 'overdue'); default: the application's applicant. */
  recipientUserIds?: string[];
  /** Extra placeholder values, e.g. { reason, fields, step, due }. */
  params?: Record<string, string>;
}

export interface TemplateView {
  id: string;
  event: NotificationEvent;
  channel: TemplateChannel;
  locale: Locale;
  version: number;
  subject: string;
  body: string;
  current: boolean;
  createdBy: string | null;
  createdAt: Date;
}

export interface NotificationItem {
  id: string;
  event: string;
  title: string;
  body: string;
  /** Local path of the application page (applicant's or back office's). */
  link: string | null;
  applicationId: string | null;
  read: boolean;
  createdAt: Date;
}

export interface ShortMessageInput {
  channel: 'sms' | 'whatsapp';
  /** E.164 phone number. */
  to: string;
  text: string;
  userId?: string | null;
  event?: string | null;
  applicationId?: string | null;
  dedupeKey?: string | null;
  /** Codes in the text: sent as they are, but the stored copy reads REDACTED once sent by a real gateway, given up, or expired. */
  secrets?: string[];
  /** When the secrets stop working: an undelivered copy is redacted then and not sent. */
  secretsExpireAt?: Date;
}

export interface DeliveryReport {
  /** Simpul's message id, or the gateway's id returned when the message was sent. */
  messageId?: string;
  providerId?: string;
  status: 'delivered' | 'failed';
  reason?: string;
}

/** What an inbound SMS command sees. `fromE164` is null when the sender is not an Indonesian mobile number. */
export interface SmsCommandContext {
  trx: Executor;
  from: string;
  fromE164: string | null;
  /** The text after the command word, spaces collapsed. */
  args: string;
}

export interface SmsCommand {
  /** The command word, upper case (e.g. 'CEK'). */
  name: string;
  /** One help line in Indonesian, e.g. 'CEK <nomor permohonan>: status permohonan Anda'. */
  help: string;
  /** Returns the reply text. */
  handle(ctx: SmsCommandContext): Promise<string>;
}

export interface Notifications {
  /** Enqueues the notification job inside the caller's open transaction (no I/O beyond that). */
  notify(trx: Executor, input: NotifyInput): Promise<void>;
  registerJobs(jobs: JobQueue): void;
  /** The SMS transport and the WhatsApp transport (null: WhatsApp off). */
  readonly channels: { sms: MessageChannel; whatsapp: MessageChannel | null };
  /** Records an SMS/WhatsApp message and enqueues its delivery in `trx`; returns its id. */
  sendShortMessage(trx: Executor, msg: ShortMessageInput): Promise<string>;
  /** Marks a message delivered or failed from a gateway's report; false when no message matches. */
  applyDeliveryReport(db: Executor, report: DeliveryReport): Promise<boolean>;
  /** Handles an inbound SMS (already authenticated): records it and queues the reply. */
  handleInboundSms(trx: Executor, input: { from: string; text: string }): Promise<{ command: string | null; replyMessageId: string }>;
  /** Adds an inbound SMS command (e.g. 'BAYAR'). */
  registerSmsCommand(command: SmsCommand): void;
  // Templates
  ensureDefaultTemplates(db: Executor): Promise<void>;
  currentTemplates(db: Executor): Promise<TemplateView[]>;
  templateHistory(db: Executor, key: TemplateKey): Promise<TemplateView[]>;
  /** Saves a new version (422 naming unknown placeholders; 409 when `baseVersion` is no longer current). */
  saveTemplate(trx: Executor, who: { actor: Actor; meta?: RequestMeta | null }, key: TemplateKey, input: { subject: string; body: string; baseVersion?: number }): Promise<TemplateView>;
  // In-app list
  listForUser(db: Executor, userId: string, opts?: { before?: string; limit?: number }): Promise<{ items: NotificationItem[]; next: string | null; unread: number }>;
  /** Marks the user's notifications read (all, or the given ids); returns how many changed. */
  markRead(db: Executor, userId: string, ids?: string[]): Promise<number>;
}

export interface NotificationsDeps {
  config: Config;
  database: Database;
  mailer: Mailer;
  jobs: JobQueue;
  log: Logger;
  /** Transports (tests); default from the configuration. */
  channels?: { sms?: MessageChannel; whatsapp?: MessageChannel | null };
}

const uuidRe = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (v: unknown): v is string => typeof v === 'string' && uuidRe.test(v);

/** One notification to render and send: `key` makes a second run send nothing more. */
export const NOTIFY_JOB = defineJob(
  'notify.application',
  z.object({
    key: z.string().min(1).max(200),
    event: z.custom<NotificationEvent>((v) => isNotificationEvent(v), 'unknown notification event'),
    applicationId: z.guid(),
    recipientUserIds: z.array(z.guid()).nullish(),
    params: z.record(z.string(), z.string()).default({}),
  }),
);
// `redact`: positions of the secrets in the stored text (never the secrets themselves).
export const DELIVER_JOB = defineJob(
  'message.deliver',
  z.object({
    messageId: z.guid(),
    redact: z.array(z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()])).max(100).optional(),
    secretsExpireAt: z.iso.datetime().optional(),
  }),
);
export const DELIVER_MAX_ATTEMPTS = 6;

type NotifyPayload = JobPayload<typeof NOTIFY_JOB>;

const eventOrder = new Map(notificationEvents.map((e, i) => [e, i]));
const channelOrder = new Map(templateChannels.map((c, i) => [c, i]));

function toView(r: { id: string; event: string; channel: string; locale: string; version: number; subject: string; body: string; current: boolean; created_at: Date; creator?: string | null }): TemplateView {
  return {
    id: r.id,
    event: r.event as NotificationEvent,
    channel: r.channel as TemplateChannel,
    locale: r.locale as Locale,
    version: r.version,
    subject: r.subject,
    body: r.body,
    current: r.current,
    createdBy: r.creator ?? null,
    createdAt: r.created_at,
  };
}

export function createNotifications(deps: NotificationsDeps): Notifications {
  const { config, database, mailer, log } = deps;
  const sms: MessageChannel = deps.channels?.sms ?? (config.smsGateway ? httpGatewayChannel('sms-gateway', config.smsGateway) : devChannel);
  const whatsapp: MessageChannel | null =
    deps.channels?.whatsapp !== undefined ? deps.channels.whatsapp : config.whatsappGateway ? httpGatewayChannel('whatsapp-gateway', config.whatsappGateway) : null;
  const commands = new Map<string, SmsCommand>();
  let defaultsEnsured = false;

  async function ensureDefaultTemplates(db: Executor): Promise<void> {
    if (defaultsEnsured) return;
    const existing = await db.selectFrom('message_templates').select(['event', 'channel', 'locale']).distinct().execute();
    const have = new Set(existing.map((r) => `${r.event}/${r.channel}/${r.locale}`));
    const missing = allTemplateKeys().filter((k) => !have.has(`${k.event}/${k.channel}/${k.locale}`));
    if (missing.length) {
      await db
        .insertInto('message_templates')
        .values(missing.map((k) => ({ ...k, version: 1, ...defaultTemplate(k.event, k.channel, k.locale), current: true, created_by: null })))
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    defaultsEnsured = true;
  }

  async function currentTemplate(db: Executor, channel: TemplateChannel, event: NotificationEvent, locale: Locale) {
    const row = await db
      .selectFrom('message_templates')
      .select(['subject', 'body'])
      .where('event', '=', event)
      .where('channel', '=', channel)
      .where('locale', '=', locale)
      .where('current', '=', true)
      .executeTakeFirst();
    return row ?? defaultTemplate(event, channel, locale);
  }

  async function sendShortMessage(trx: Executor, msg: ShortMessageInput): Promise<string> {
    const row = await trx
      .insertInto('outbound_messages')
      .values({
        channel: msg.channel,
        recipient: msg.to,
        subject: null,
        body_text: msg.text,
        body_html: null,
        user_id: msg.userId ?? null,
        event: msg.event ?? null,
        application_id: msg.applicationId ?? null,
        dedupe_key: msg.dedupeKey ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const secrets = msg.secrets?.filter(Boolean) ?? [];
    const redact = secrets.length ? { redact: secretRanges(msg.text, secrets), ...(msg.secretsExpireAt ? { secretsExpireAt: msg.secretsExpireAt.toISOString() } : {}) } : {};
    await deps.jobs.enqueue(trx, DELIVER_JOB, { messageId: row.id, ...redact }, { maxAttempts: DELIVER_MAX_ATTEMPTS });
    return row.id;
  }

  async function alreadySent(trx: Executor, key: string): Promise<boolean> {
    const r = await trx.selectFrom('outbound_messages').select('id').where('dedupe_key', '=', key).executeTakeFirst();
    return !!r;
  }

  async function runNotify(trx: Executor, payload: NotifyPayload): Promise<void> {
    const { event, applicationId, key, params } = payload;
    await ensureDefaultTemplates(trx);
    const app = await trx
      .selectFrom('applications as a')
      .innerJoin('agencies as g', 'g.id', 'a.agency_id')
      .leftJoin('service_versions as v', (j) => j.onRef('v.service_id', '=', 'a.service_id').onRef('v.version', '=', 'a.service_version'))
      .select(['a.id', 'a.tracking_number', 'a.status', 'a.applicant_id', 'g.name as agency_name', sql<string | null>`v.content->>'name'`.as('service_name')])
      .where('a.id', '=', applicationId)
      .executeTakeFirst();
    if (!app) return; // gone: nothing to tell
    const ids = payload.recipientUserIds?.length ? payload.recipientUserIds : [app.applicant_id];
    if (!ids.length) return;
    const users = await trx
      .selectFrom('users')
      .select(['id', 'name', 'email', 'phone', 'locale', 'kind', 'status'])
      .where('id', 'in', ids)
      .orderBy('id')
      .execute()
      .then((rows) => rows.map((r) => openPerson(r)));
    const tracking = app.tracking_number ?? '';
    for (const u of users) {
      if (u.status === 'disabled') continue;
      const locale: Locale = u.locale === 'en' ? 'en' : 'id';
      const staff = u.kind === 'staff';
      const link = tracking ? (staff ? `/kelola/permohonan/${encodeURIComponent(tracking)}` : `/permohonan/${encodeURIComponent(tracking)}`) : null;
      const values: TemplateValues = {
        name: u.name,
        tracking_number: tracking,
        service: app.service_name ?? '',
        agency: app.agency_name,
        status: t(locale, `applications.status.${app.status}`),
        url: link ? `${config.baseUrl}${link}` : config.baseUrl,
      };
      for (const p of placeholders) {
        const v = params[p];
        if (typeof v === 'string' && !(p in values && values[p])) values[p] = v.slice(0, 1000);
      }
      const render = async (channel: TemplateChannel) => {
        const tpl = await currentTemplate(trx, channel, event, locale);
        return { subject: renderTemplate(tpl.subject, values), body: renderTemplate(tpl.body, values) };
      };
      const dk = (channel: string) => `notify:${key}:${u.id}:${channel}`;
      if (u.email && !(await alreadySent(trx, dk('email')))) {
        const m = await render('email');
        const id = await mailer.send(trx, { to: u.email, subject: m.subject.replace(/[\r\n]+/g, ' '), text: m.body });
        await trx.updateTable('outbound_messages').set({ user_id: u.id, event, application_id: app.id, dedupe_key: dk('email') }).where('id', '=', id).execute();
      }
      if (!staff && u.phone) {
        if (!(await alreadySent(trx, dk('sms')))) {
          const m = await render('sms');
          await sendShortMessage(trx, { channel: 'sms', to: u.phone, text: m.body, userId: u.id, event, applicationId: app.id, dedupeKey: dk('sms') });
        }
        if (whatsapp && !(await alreadySent(trx, dk('whatsapp')))) {
          const m = await render('whatsapp');
          await sendShortMessage(trx, { channel: 'whatsapp', to: u.phone, text: m.body, userId: u.id, event, applicationId: app.id, dedupeKey: dk('whatsapp') });
        }
      }
      const m = await render('in_app');
      await trx
        .insertInto('notifications')
        .values({ user_id: u.id, application_id: app.id, event, title: m.subject.slice(0, 300), body: m.body, link, dedupe_key: dk('in_app') })
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .execute();
    }
  }

  async function deliver(payload: JobPayload<typeof DELIVER_JOB>, attempt: number): Promise<void> {
    const id = payload.messageId;
    const db = database.db;
    const msg = await db.selectFrom('outbound_messages').selectAll().where('id', '=', id).executeTakeFirst();
    if (!msg || msg.status === 'sent' || msg.status === 'delivered' || msg.channel === 'email') return; // idempotent
    const channel = msg.channel === 'whatsapp' ? whatsapp : sms;
    const now = () => new Date();
    // A code is kept only until a real gateway has the message (the development channel's
    // outbox is the only place its messages can be read); a message given up keeps none.
    const redacted = payload.redact ? { body_text: redactRanges(msg.body_text, payload.redact) } : {};
    if (!channel) {
      const reason = 'WhatsApp gateway not configured';
      await db.updateTable('outbound_messages').set({ status: 'failed', error: reason, updated_at: now(), ...redacted }).where('id', '=', id).execute();
      throw new PermanentJobError(reason);
    }
    if (payload.secretsExpireAt && Date.now() >= Date.parse(payload.secretsExpireAt)) {
      const reason = 'secrets expired before delivery';
      await db.updateTable('outbound_messages').set({ status: 'failed', transport: channel.name, error: reason, updated_at: now(), ...redacted }).where('id', '=', id).execute();
      throw new PermanentJobError(reason);
    }
    try {
      const { providerId } = await channel.send({ to: msg.recipient, text: msg.body_text });
      await db
        .updateTable('outbound_messages')
        .set({ status: 'sent', transport: channel.name, provider_id: providerId, sent_at: now(), error: null, attempts: sql<number>`attempts + 1`, updated_at: now(), ...(channel !== devChannel ? redacted : {}) })
        .where('id', '=', id)
        .execute();
    } catch (err) {
      const ge = err instanceof GatewayError ? err : new GatewayError(scrubText((err as Error)?.message ?? String(err)), false);
      const reason = ge.message.slice(0, 1000);
      const final = ge.permanent || attempt >= DELIVER_MAX_ATTEMPTS;
      await db
        .updateTable('outbound_messages')
        .set({ status: final ? 'failed' : 'queued', transport: channel.name, error: reason, attempts: sql<number>`attempts + 1`, updated_at: now(), ...(final ? redacted : {}) })
        .where('id', '=', id)
        .execute();
      log.warn({ messageId: id, channel: msg.channel, transport: channel.name, httpStatus: ge.status, permanent: ge.permanent, attempt }, 'message delivery failed');
      if (ge.permanent) throw new PermanentJobError(reason);
      throw new Error(reason);
    }
  }

  // ---- inbound SMS -------------------------------------------------------------------
  const registerSmsCommand = (c: SmsCommand) => {
    const name = c.name.toUpperCase();
    if (commands.has(name)) throw new Error(`SMS command ${name} registered twice`);
    commands.set(name, { ...c, name });
  };

  const helpText = () =>
    [t('id', 'notifications.sms.help.title'), ...[...commands.values()].map((c) => `- ${c.help}`)].join('\n');

  registerSmsCommand({
    name: 'CEK',
    help: t('id', 'notifications.sms.cek.help'),
    async handle({ trx, fromE164, args }) {
      const tracking = args.toUpperCase().replace(/\s+/g, '').slice(0, 40);
      if (!tracking) return t('id', 'notifications.sms.cek.usage');
      const notFound = t('id', 'notifications.sms.cek.not_found', { tracking });
      if (!fromE164) return notFound;
      const row = await trx
        .selectFrom('applications as a')
        .innerJoin('users as u', 'u.id', 'a.applicant_id')
        .leftJoin('service_versions as v', (j) => j.onRef('v.service_id', '=', 'a.service_id').onRef('v.version', '=', 'a.service_version'))
        .select(['a.tracking_number', 'a.status', 'u.phone', 'u.locale', sql<string | null>`v.content->>'name'`.as('service_name')])
        .where('a.tracking_number', '=', tracking)
        .executeTakeFirst()
        .then((r) => r && openPerson(r));
      // Someone else's application answers exactly like an unknown number: nothing to probe.
      if (!row || row.phone !== fromE164) return notFound;
      const locale: Locale = row.locale === 'en' ? 'en' : 'id';
      return t(locale, 'notifications.sms.cek.status', {
        tracking,
        service: row.service_name ?? '-',
        status: t(locale, `applications.status.${row.status}`),
        url: `${config.baseUrl}/permohonan/${encodeURIComponent(tracking)}`,
      });
    },
  });

  return {
    channels: { sms, whatsapp },

    async notify(trx, input) {
      if (!isNotificationEvent(input.event)) throw new Error(`Unknown notification event: ${String(input.event)}`);
      if (!isUuid(input.applicationId)) throw new Error('notify: applicationId must be a uuid');
      const params: Record<string, string> = {};
      for (const [k, v] of Object.entries(input.params ?? {})) if (typeof v === 'string') params[k] = v;
      await deps.jobs.enqueue(
        trx,
        NOTIFY_JOB,
        { key: crypto.randomUUID(), event: input.event, applicationId: input.applicationId, recipientUserIds: input.recipientUserIds ?? null, params },
        { maxAttempts: 5 },
      );
    },

    registerJobs(queue) {
      queue.register(NOTIFY_JOB, async (payload, ctx) => {
        await ctx.db.transaction().execute((trx) => runNotify(trx, payload));
      });
      queue.register(DELIVER_JOB, (payload, ctx) => deliver(payload, ctx.attempt));
    },

    sendShortMessage,

    async applyDeliveryReport(db, report) {
      let q = db.selectFrom('outbound_messages').select(['id', 'status']);
      if (report.messageId && isUuid(report.messageId)) q = q.where('id', '=', report.messageId);
      else if (report.providerId) q = q.where('provider_id', '=', report.providerId).where('channel', 'in', ['sms', 'whatsapp']);
      else return false;
      const msg = await q.orderBy('created_at', 'desc').executeTakeFirst();
      if (!msg) return false;
      if (msg.status === 'delivered') return true; // reports repeat: keep the first delivery
      const now = new Date();
      if (report.status === 'delivered') {
        await db.updateTable('outbound_messages').set({ status: 'delivered', delivered_at: now, error: null, updated_at: now }).where('id', '=', msg.id).execute();
      } else {
        const reason = scrubText((report.reason ?? '').trim() || 'reported failed by the gateway').slice(0, 500);
        await db.updateTable('outbound_messages').set({ status: 'failed', error: reason, updated_at: now }).where('id', '=', msg.id).execute();
      }
      return true;
    },

    async handleInboundSms(trx, input) {
      const text = input.text.replace(/\s+/g, ' ').trim().slice(0, 1000);
      const from = input.from.trim().slice(0, 32);
      const m = /^(\S+)(?:\s+(.*))?$/.exec(text);
      const word = (m?.[1] ?? '').toUpperCase();
      const command = commands.get(word) ?? null;
      const phone = normalizeMobilePhone(from);
      const fromE164 = phone.ok ? phone.e164 : null;
      const reply = command ? await command.handle({ trx, from, fromE164, args: m?.[2] ?? '' }) : helpText();
      const replyMessageId = await sendShortMessage(trx, { channel: 'sms', to: fromE164 ?? from, text: reply, event: command ? `sms.${command.name.toLowerCase()}` : 'sms.help' });
      await trx.insertInto('inbound_messages').values({ from_number: from, text: input.text.slice(0, 1000), command: command?.name ?? null, reply_message_id: replyMessageId }).execute();
      log.info({ command: command?.name ?? null, replyMessageId }, 'inbound SMS handled');
      return { command: command?.name ?? null, replyMessageId };
    },

    registerSmsCommand,

    ensureDefaultTemplates,

    async currentTemplates(db) {
      await ensureDefaultTemplates(db);
      const rows = await db
        .selectFrom('message_templates as m')
        .leftJoin('users as u', 'u.id', 'm.created_by')
        .select(['m.id', 'm.event', 'm.channel', 'm.locale', 'm.version', 'm.subject', 'm.body', 'm.current', 'm.created_at', 'u.name as creator'])
        .where('m.current', '=', true)
        .execute();
      return rows
        .map(toView)
        .sort((a, b) => eventOrder.get(a.event)! - eventOrder.get(b.event)! || channelOrder.get(a.channel)! - channelOrder.get(b.channel)! || (a.locale === b.locale ? 0 : a.locale === 'id' ? -1 : 1));
    },

    async templateHistory(db, key) {
      await ensureDefaultTemplates(db);
      const rows = await db
        .selectFrom('message_templates as m')
        .leftJoin('users as u', 'u.id', 'm.created_by')
        .select(['m.id', 'm.event', 'm.channel', 'm.locale', 'm.version', 'm.subject', 'm.body', 'm.current', 'm.created_at', 'u.name as creator'])
        .where('m.event', '=', key.event)
        .where('m.channel', '=', key.channel)
        .where('m.locale', '=', key.locale)
        .orderBy('m.version', 'desc')
        .execute();
      return rows.map(toView);
    },

    async saveTemplate(trx, who, key, input) {
      const subject = input.subject.replace(/[\r\n]+/g, ' ').trim();
      const body = input.body.replace(/\r\n/g, '\n');
      const fieldErrors = checkTemplate(key.channel, subject, body);
      if (fieldErrors.length) throw errors.validation(fieldErrors);
      await ensureDefaultTemplates(trx);
      const current = await trx
        .selectFrom('message_templates')
        .selectAll()
        .where('event', '=', key.event)
        .where('channel', '=', key.channel)
        .where('locale', '=', key.locale)
        .where('current', '=', true)
        .forUpdate()
        .executeTakeFirst();
      if (input.baseVersion !== undefined && current && current.version !== input.baseVersion) throw errors.conflict('notifications.template.conflict', 'body');
      const top = await trx
        .selectFrom('message_templates')
        .select((eb) => eb.fn.max('version').as('v'))
        .where('event', '=', key.event)
        .where('channel', '=', key.channel)
        .where('locale', '=', key.locale)
        .executeTakeFirst();
      const version = Number(top?.v ?? 0) + 1;
      if (current) await trx.updateTable('message_templates').set({ current: false }).where('id', '=', current.id).execute();
      let row;
      try {
        row = await trx
          .insertInto('message_templates')
          .values({ ...key, version, subject: key.channel === 'email' || key.channel === 'in_app' ? subject : '', body, current: true, created_by: who.actor.userId })
          .returningAll()
          .executeTakeFirstOrThrow();
      } catch (err) {
        if (isUniqueViolation(err)) throw errors.conflict('notifications.template.conflict', 'body');
        throw err;
      }
      await recordAudit(trx, who, {
        action: 'message_template.save',
        entityType: 'message_template',
        entityId: row.id,
        before: current ? { version: current.version, subject: current.subject, body: current.body } : null,
        after: { event: key.event, channel: key.channel, locale: key.locale, version, subject: row.subject, body: row.body },
      });
      return toView({ ...row, creator: who.actor.name });
    },

    async listForUser(db, userId, opts = {}) {
      const limit = Math.min(Math.max(opts.limit ?? 50, 1), 100);
      let q = db
        .selectFrom('notifications')
        .select(['id', 'event', 'title', 'body', 'link', 'application_id', 'read_at', 'created_at'])
        .where('user_id', '=', userId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit + 1);
      if (opts.before && isUuid(opts.before)) {
        q = q.where(sql<boolean>`(created_at, id) < (select n.created_at, n.id from notifications n where n.id = ${opts.before} and n.user_id = ${userId})`);
      }
      const [rows, unread] = await Promise.all([
        q.execute(),
        db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst(),
      ]);
      const items = rows.slice(0, limit).map(
        (r): NotificationItem => ({ id: r.id, event: r.event, title: r.title, body: r.body, link: r.link, applicationId: r.application_id, read: r.read_at !== null, createdAt: r.created_at }),
      );
      return { items, next: rows.length > limit ? items[items.length - 1]!.id : null, unread: Number(unread?.n ?? 0) };
    },

    async markRead(db, userId, ids) {
      let q = db.updateTable('notifications').set({ read_at: new Date() }).where('user_id', '=', userId).where('read_at', 'is', null);
      if (ids) {
        const valid = ids.filter(isUuid);
        if (!valid.length) return 0;
        q = q.where('id', 'in', valid);
      }
      const res = await q.executeTakeFirst();
      return Number(res.numUpdatedRows);
    },
  };
}
