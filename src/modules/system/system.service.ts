// What super admins see of the platform's machinery: the job queue and the message outbox.
// Lists use keyset pagination (newest first) so they stay fast on large tables. Rows are
// presented, never returned raw: job errors and payloads are scrubbed of personal data,
// recipients are masked in lists, and a message's text is shown only when it never left
// the system (development transport).
import { sql } from 'kysely';
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Executor } from '../../platform/db/database.ts';
import { parseJson } from '../../platform/db/values.ts';
import { jobStatuses, type JobQueue, type JobStatusName } from '../../platform/jobs/queue.ts';
import { scrubText } from '../../platform/log.ts';

export const PAGE_SIZE = 50;
export const messageStatuses = ['queued', 'sent', 'delivered', 'failed'] as const;
export type MessageStatus = (typeof messageStatuses)[number];

export interface JobView {
  id: number;
  name: string;
  status: JobStatusName;
  attempts: number;
  maxAttempts: number;
  runAt: Date;
  createdAt: Date;
  finishedAt: Date | null;
  lastError: string | null;
  /** The job's data as JSON, scrubbed (payloads carry ids, never message bodies). */
  payload: string;
  /** The same data as scrubbed key/value pairs, for a readable list. */
  data: Record<string, unknown>;
  /** The outbox message a mail job delivers. */
  messageId: string | null;
  retryable: boolean;
}

export interface Page<T> {
  items: T[];
  /** Cursor of the next (older) page, or null on the last page. */
  next: string | null;
}

const uuidRe = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(v: unknown): v is string {
  return typeof v === 'string' && uuidRe.test(v);
}

/** `budi@contoh.go.id` → `bu***@contoh.go.id`; `+6281234567890` → `+62812****7890`. */
export function maskRecipient(channel: string, recipient: string): string {
  if (channel === 'email') {
    const at = recipient.lastIndexOf('@');
    if (at < 1) return '***';
    const local = recipient.slice(0, at);
    return `${local.slice(0, local.length > 2 ? 2 : 1)}***${recipient.slice(at)}`;
  }
  if (recipient.length <= 8) return '***';
  return `${recipient.slice(0, 6)}${'*'.repeat(Math.max(3, recipient.length - 10))}${recipient.slice(-4)}`;
}

function parsePayload(p: unknown): Record<string, unknown> {
  try {
    const v = parseJson(p);
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export async function jobCounts(db: Executor): Promise<Record<JobStatusName, number>> {
  const rows = await db
    .selectFrom('jobs')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  const counts = Object.fromEntries(jobStatuses.map((s) => [s, 0])) as Record<JobStatusName, number>;
  for (const r of rows) counts[r.status as JobStatusName] = Number(r.n);
  return counts;
}

export async function jobNames(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom('jobs').select('name').groupBy('name').orderBy('name').limit(200).execute();
  return rows.map((r) => r.name);
}

export async function listJobs(db: Executor, q: { status?: JobStatusName; name?: string; before?: number; limit?: number }): Promise<Page<JobView>> {
  const limit = q.limit ?? PAGE_SIZE;
  let query = db.selectFrom('jobs').selectAll().orderBy('id', 'desc').limit(limit + 1);
  if (q.status) query = query.where('status', '=', q.status);
  if (q.name) query = query.where('name', '=', q.name);
  if (q.before) query = query.where('id', '<', q.before);
  const rows = await query.execute();
  const items = rows.slice(0, limit).map((r): JobView => {
    const payload = parsePayload(r.payload);
    return {
      id: r.id,
      name: r.name,
      status: r.status as JobStatusName,
      attempts: r.attempts,
      maxAttempts: r.max_attempts,
      runAt: r.run_at,
      createdAt: r.created_at,
      finishedAt: r.finished_at,
      lastError: r.last_error ? scrubText(r.last_error).slice(0, 300) : null,
      payload: scrubText(JSON.stringify(payload)).slice(0, 300),
      data: Object.fromEntries(
        Object.entries(payload)
          .slice(0, 12)
          .map(([k, v]) => [k, typeof v === 'string' ? scrubText(v).slice(0, 120) : typeof v === 'object' && v !== null ? scrubText(JSON.stringify(v)).slice(0, 120) : v]),
      ),
      messageId: r.name === 'mail.deliver' && isUuid(payload.messageId) ? payload.messageId : null,
      retryable: r.status === 'dead' || r.status === 'failed',
    };
  });
  return { items, next: rows.length > limit ? String(items[items.length - 1]!.id) : null };
}

/** Runs a failed or dead job again now, recorded in the audit trail. Pass the transaction. */
export async function retryJob(
  trx: Executor,
  jobs: JobQueue,
  who: { actor: Actor; meta: RequestMeta },
  id: number,
): Promise<boolean> {
  const before = await trx
    .selectFrom('jobs')
    .select(['id', 'name', 'status', 'attempts', 'last_error'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!before) return false;
  if (!(await jobs.retry(trx, id))) return false;
  await recordAudit(trx, who, {
    action: 'job.retry',
    entityType: 'job',
    entityId: String(id),
    before: { name: before.name, status: before.status, attempts: before.attempts, last_error: before.last_error ? scrubText(before.last_error).slice(0, 300) : null },
    after: { name: before.name, status: 'queued', attempts: 0 },
  });
  return true;
}

export interface MessageListItem {
  id: string;
  channel: string;
  recipientMasked: string;
  subject: string | null;
  status: MessageStatus;
  transport: string | null;
  error: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

export async function listMessages(
  db: Executor,
  q: { status?: MessageStatus; recipient?: string; after?: string; limit?: number },
): Promise<Page<MessageListItem>> {
  const limit = q.limit ?? PAGE_SIZE;
  let query = db
    .selectFrom('outbound_messages')
    .select(['id', 'channel', 'recipient', 'subject', 'status', 'transport', 'error', 'created_at', 'sent_at'])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1);
  if (q.status) query = query.where('status', '=', q.status);
  if (q.recipient) query = query.where('recipient', '=', q.recipient.trim().toLowerCase());
  // Keyset on (created_at, id): the cursor is the last id shown; its timestamp is read with
  // full precision from the row itself.
  if (q.after && isUuid(q.after)) {
    query = query.where(
      sql<boolean>`(created_at, id) < (select m.created_at, m.id from outbound_messages m where m.id = ${q.after})`,
    );
  }
  const rows = await query.execute();
  const items = rows.slice(0, limit).map(
    (r): MessageListItem => ({
      id: r.id,
      channel: r.channel,
      recipientMasked: maskRecipient(r.channel, r.recipient),
      subject: r.subject,
      status: r.status as MessageStatus,
      transport: r.transport,
      error: r.error ? scrubText(r.error).slice(0, 300) : null,
      createdAt: r.created_at,
      sentAt: r.sent_at,
    }),
  );
  return { items, next: rows.length > limit ? items[items.length - 1]!.id : null };
}

export interface MessageDetail {
  id: string;
  channel: string;
  recipient: string;
  subject: string | null;
  status: MessageStatus;
  transport: string | null;
  providerId: string | null;
  error: string | null;
  createdAt: Date;
  sentAt: Date | null;
  /** Only for messages the development transport kept (or will keep): they never left. */
  bodyText: string | null;
}

/** One message in full; opening it is recorded in the audit trail (personal data). */
export async function readMessage(
  db: Executor,
  who: { actor: Actor; meta: RequestMeta },
  id: string,
  activeTransport: string,
): Promise<MessageDetail | null> {
  if (!isUuid(id)) return null;
  const r = await db.selectFrom('outbound_messages').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) return null;
  // 'dev': SMS/WhatsApp kept by the notifications module's development adapter.
  const kept = r.transport === 'database' || r.transport === 'dev' || (r.transport === null && activeTransport === 'database');
  await recordAudit(db, who, { action: 'outbox.message.read', entityType: 'outbound_message', entityId: r.id });
  return {
    id: r.id,
    channel: r.channel,
    recipient: r.recipient,
    subject: r.subject,
    status: r.status as MessageStatus,
    transport: r.transport,
    providerId: r.provider_id,
    error: r.error,
    createdAt: r.created_at,
    sentAt: r.sent_at,
    bodyText: kept ? r.body_text : null,
  };
}
