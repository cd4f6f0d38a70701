// E-mail through an outbox: `send` records the message and enqueues its delivery in the
// caller's transaction; the 'mail.deliver' job hands it to the transport and records the
// outcome. Transports: SMTP (nodemailer) when SMTP_HOST is set; otherwise the development
// transport, which keeps the message in the database only (shown at
// /kelola/sistem/kotak-keluar).
//
// Delivery is at least once: a node that dies between the SMTP server's "250 OK" and the
// outbox update sends the message again when the job is retried. Permanent refusals (5xx)
// are not retried. Errors are stored and logged without addresses.
import nodemailer from 'nodemailer';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Database, Executor } from '../db/database.ts';
import { defineJob, PermanentJobError, type JobQueue } from '../jobs/queue.ts';
import { scrubText, type Logger } from '../log.ts';
import { MAIL_GIVE_UP_AFTER_MS, MAIL_MAX_ATTEMPTS, mailRetryDelaySeconds } from './retry.ts';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /**
   * Secret values in the body (confirmation and reset codes, links carrying them). They are
   * sent as they are, but once a real transport has delivered the message the stored copy has
   * them replaced by REDACTED, so the outbox does not keep working codes. A message given up
   * (dead) is redacted too, and so is one still undelivered when its secrets expire.
   */
  secrets?: string[];
  /** When the secrets stop working (a code's validity): an undelivered copy is redacted then and not sent. */
  secretsExpireAt?: Date;
}

/** What a secret reads as in a delivered message's stored copy. */
export const REDACTED = '••••••';

/** [start, end) ranges of every occurrence of the secrets in `body`, merged, in order. */
export function secretRanges(body: string, secrets: readonly string[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (const secret of secrets) {
    if (!secret) continue;
    for (let i = body.indexOf(secret); i !== -1; i = body.indexOf(secret, i + secret.length)) ranges.push([i, i + secret.length]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** `body` with the given ranges replaced by REDACTED. */
export function redactRanges(body: string, ranges: readonly (readonly [number, number])[]): string {
  let out = '';
  let at = 0;
  for (const [start, end] of ranges) {
    if (start < at || end > body.length || start >= end) continue;
    out += body.slice(at, start) + REDACTED;
    at = end;
  }
  return out + body.slice(at);
}

export interface MailTransport {
  readonly name: string;
  deliver(from: string, msg: MailMessage): Promise<{ providerId: string | null }>;
}

/** Delivery of one outbound e-mail row. */
// `redact`: where the secrets are in the stored bodies (positions only: the job row must not
// hold the secrets themselves).
const ranges = z.array(z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()])).max(100);
export const MAIL_DELIVER_JOB = defineJob(
  'mail.deliver',
  z.object({ messageId: z.guid(), redact: z.object({ text: ranges, html: ranges }).optional(), secretsExpireAt: z.iso.datetime().optional() }),
  { retryDelaySeconds: (attempt) => mailRetryDelaySeconds(attempt) },
);

/** What a listener learns when an e-mail is given up (never the address or the body). */
export interface DeadMail {
  messageId: string;
  /** `permanent`: the server refused it (5xx); `expired`: still failing after 48 hours of tries. */
  reason: 'permanent' | 'expired';
  error: string;
  createdAt: Date;
}

/** Called in the transaction that marks the message dead (e.g. to alert the administrators). */
export type DeadMailListener = (trx: Executor, dead: DeadMail) => Promise<void>;

/** Limits so that a silent SMTP server cannot hold a worker (and its job lease) for minutes. */
export const smtpTimeouts = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

export function smtpTransport(smtp: NonNullable<Config['smtp']>): MailTransport {
  const transporter = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ignoreTLS: smtp.ignoreTls,
    auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? '' } : undefined,
    ...smtpTimeouts,
  });
  return {
    name: 'smtp',
    async deliver(from, msg) {
      const info = await transporter.sendMail({
        from,
        to: msg.to,
        subject: msg.subject,
        text: msg.text,
        html: msg.html,
        // Automatic mail: no out-of-office replies back to the no-reply address.
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
      return { providerId: info.messageId ?? null };
    },
  };
}

export const databaseTransport: MailTransport = {
  name: 'database',
  async deliver() {
    return { providerId: null };
  },
};

export interface Mailer {
  readonly transport: MailTransport;
  /** Records the message and enqueues its delivery, inside `db` (pass the open transaction). */
  send(db: Executor, msg: MailMessage): Promise<string>;
  registerJobs(jobs: JobQueue): void;
  /** Adds a listener told (in the same transaction) when a message is given up. */
  onMessageDead(listener: DeadMailListener): void;
}

/** An SMTP reply that retrying cannot change (5xx: no such mailbox, refused, …). */
function isPermanent(err: unknown): boolean {
  const code = (err as { responseCode?: unknown })?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

export function createMailer(config: Config, database: Database, jobs: JobQueue, log: Logger, transport?: MailTransport): Mailer {
  const chosen = transport ?? (config.smtp ? smtpTransport(config.smtp) : databaseTransport);
  const deadListeners: DeadMailListener[] = [];
  return {
    transport: chosen,
    onMessageDead(listener) {
      deadListeners.push(listener);
    },
    async send(db, msg) {
      const row = await db
        .insertInto('outbound_messages')
        .values({ channel: 'email', recipient: msg.to, subject: msg.subject, body_text: msg.text, body_html: msg.html ?? null })
        .returning('id')
        .executeTakeFirstOrThrow();
      const secrets = msg.secrets?.filter(Boolean) ?? [];
      const redact = secrets.length ? { text: secretRanges(msg.text, secrets), html: msg.html ? secretRanges(msg.html, secrets) : [] } : undefined;
      const expiry = redact && msg.secretsExpireAt ? { secretsExpireAt: msg.secretsExpireAt.toISOString() } : {};
      await jobs.enqueue(db, MAIL_DELIVER_JOB, { messageId: row.id, ...(redact ? { redact } : {}), ...expiry }, { maxAttempts: MAIL_MAX_ATTEMPTS });
      return row.id;
    },
    registerJobs(queue) {
      queue.register(MAIL_DELIVER_JOB, async (payload, ctx) => {
        const id = payload.messageId;
        const msg = await database.db.selectFrom('outbound_messages').selectAll().where('id', '=', id).executeTakeFirst();
        if (!msg || msg.status === 'sent') return; // idempotent
        const redacted = payload.redact
          ? { body_text: redactRanges(msg.body_text, payload.redact.text), body_html: msg.body_html === null ? null : redactRanges(msg.body_html, payload.redact.html) }
          : {};
        /** Marks the message given up (its secrets redacted) and tells the listeners, in one transaction. */
        const giveUp = async (reason: DeadMail['reason'], error: string) => {
          await database.db.transaction().execute(async (trx) => {
            await trx.updateTable('outbound_messages').set({ status: 'failed', transport: chosen.name, error, updated_at: new Date(), ...redacted }).where('id', '=', id).execute();
            for (const listener of deadListeners) await listener(trx, { messageId: id, reason, error, createdAt: msg.created_at });
          });
        };
        // Its code no longer works: a late copy would only confuse, and the outbox must not keep it.
        if (payload.secretsExpireAt && Date.now() >= Date.parse(payload.secretsExpireAt)) {
          const error = 'secrets expired before delivery';
          await giveUp('expired', error);
          log.warn({ messageId: id, transport: chosen.name, attempt: ctx.attempt }, 'mail given up: its code expired before delivery');
          throw new PermanentJobError(error);
        }
        try {
          const { providerId } = await chosen.deliver(config.mailFrom, {
            to: msg.recipient,
            subject: msg.subject ?? '',
            text: msg.body_text,
            html: msg.body_html ?? undefined,
          });
          await database.db
            .updateTable('outbound_messages')
            .set({
              status: 'sent',
              transport: chosen.name,
              provider_id: providerId,
              sent_at: new Date(),
              error: null,
              updated_at: new Date(),
              // Delivered by a real transport: keep no working code. (The development
              // transport's outbox is the only place its messages can be read.)
              ...(chosen !== databaseTransport ? redacted : {}),
            })
            .where('id', '=', id)
            .execute();
        } catch (err) {
          const e = err as Error & { code?: string; responseCode?: number };
          const error = scrubText(e?.message ?? String(err)).slice(0, 1000);
          const permanent = isPermanent(err);
          // Transient failures are tried again until the message is 48 hours old (or the
          // queue's attempts, sized to outlast that, run out); then it is dead.
          const expired = Date.now() - msg.created_at.getTime() >= MAIL_GIVE_UP_AFTER_MS || ctx.attempt >= MAIL_MAX_ATTEMPTS;
          const dead = permanent || expired;
          // A dead message keeps no working code either.
          if (dead) await giveUp(permanent ? 'permanent' : 'expired', error);
          else await database.db.updateTable('outbound_messages').set({ status: 'failed', transport: chosen.name, error, updated_at: new Date() }).where('id', '=', id).execute();
          log.warn({ messageId: id, transport: chosen.name, errorCode: e?.code, responseCode: e?.responseCode, permanent, dead, attempt: ctx.attempt }, 'mail delivery failed');
          if (dead) throw new PermanentJobError(error);
          throw new Error(error);
        }
      });
    },
  };
}
