// Expiry reminders and expiry of issued documents (issue 5 item 6; P-8, with P-12).
//
// The durable recurring job `documents.reminders` (every DOCUMENT_REMINDER_EVERY_SECONDS)
// works on the region's calendar date of an injected clock:
// - Expiry: a valid document whose last day of validity is before today becomes 'expired'
//   (with `expired_at`, audited) and its holder is told once (kind 'expired').
// - Reminders: for a valid document within one of DOCUMENT_REMINDER_DAYS (e.g. 60, 30, 7
//   days) of its last day, the reminder of the nearest opened window is sent by e-mail and
//   SMS through notifications, with the number, title, date and the renewal link. After missed
//   days only that nearest reminder is sent (see `dueOffset`).
// - Once each, on any number of nodes and across restarts: documents are read `FOR UPDATE SKIP
//   LOCKED` and each reminder is claimed by INSERT … ON CONFLICT DO NOTHING on the key of
//   `document_reminders` in the transaction that enqueues the notification; a claim that
//   finds the row already there sends nothing.
// Revoked documents get no reminder and never expire (revocation wins).
import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Database, Executor } from '../../platform/db/database.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { defineJob, type JobQueue } from '../../platform/jobs/queue.ts';
import type { Logger } from '../../platform/log.ts';
import { formatDate } from '../../platform/views/i18n.ts';
import type { EventPayload, EventRecorder } from '../../platform/events/events.ts';
import type { DocumentEvents } from './documents.events.ts';
import { dateIn } from './documents.signing.ts';
import { addDays, daysBetween, dueOffset } from './reminders.logic.ts';
import { restrictedAmong } from '../../platform/privacy/restriction.ts';

export const REMINDERS_JOB = 'documents.reminders';
const remindersJob = defineJob(REMINDERS_JOB, z.object({}));
const BATCH = 200;
const FIRST_ID = '00000000-0000-0000-0000-000000000000';

export interface SentReminder {
  kind: 'reminder' | 'expired';
  offsetDays: number;
  dueOn: string;
  sentAt: Date;
}

export interface RunResult {
  today: string;
  reminded: number;
  expired: number;
}

export type Reminders = ReturnType<typeof createReminders>;

/** The holder's page of a document: where reminders point to and renewal starts. */
export const documentPagePath = (id: string) => `/dokumen/${id}`;

export function createReminders(deps: {
  config: Pick<Config, 'baseUrl' | 'documentReminderDays' | 'documentReminderEverySeconds'>;
  database: Database;
  region: () => Promise<{ timeZone: string }>;
  /** Records document.expiring / document.expired in the transaction that claimed the reminder. */
  events: EventRecorder<DocumentEvents>;
  log?: Logger;
  /** The clock of the job (tests inject one). */
  clock?: () => Date;
}) {
  const db = deps.database.db;
  const baseUrl = deps.config.baseUrl.replace(/\/$/, '');
  const offsets = deps.config.documentReminderDays;

  const dateText = (d: string) => formatDate('id', new Date(`${d}T12:00:00Z`), 'UTC');

  function params(doc: { id: string; application_id: string; number: string; title: string; valid_until: string }, today: string): EventPayload<DocumentEvents, 'document.expiring'> {
    return {
      applicationId: doc.application_id,
      documentId: doc.id,
      document_number: doc.number,
      document_title: doc.title,
      valid_until: dateText(doc.valid_until),
      days_left: String(Math.max(0, daysBetween(today, doc.valid_until))),
      renewal_url: `${baseUrl}${documentPagePath(doc.id)}`,
    };
  }

  /** Marks documents past their last day expired and tells each holder once. */
  async function expireDue(now: Date, today: string): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await db.transaction().execute(async (trx) => {
        const rows = await trx
          .selectFrom('issued_documents')
          .select(['id', 'application_id', 'agency_id', 'number', 'title', 'valid_until'])
          .where('status', '=', 'valid')
          // Permits issued nationally (no application here) are reminded by their own system.
          .where('application_id', 'is not', null)
          .where('valid_until', 'is not', null)
          .where('valid_until', '<', today)
          .orderBy('id')
          .limit(BATCH)
          .forUpdate()
          .skipLocked()
          .execute();
        let done = 0;
        for (const r of rows) {
          const upd = await trx
            .updateTable('issued_documents')
            .set({ status: 'expired', expired_at: now, updated_at: now })
            .where('id', '=', r.id)
            .where('status', '=', 'valid')
            .returning('id')
            .executeTakeFirst();
          if (!upd) continue;
          done++;
          await recordAudit(trx, { actor: null, label: 'sistem' }, {
            action: 'document.expire',
            entityType: 'issued_document',
            entityId: r.id,
            agencyId: r.agency_id,
            before: { status: 'valid' },
            after: { status: 'expired', valid_until: r.valid_until },
          });
          const claimed = await trx
            .insertInto('document_reminders')
            .values({ document_id: r.id, kind: 'expired', offset_days: 0, due_on: today, sent_at: now })
            .onConflict((oc) => oc.columns(['document_id', 'kind', 'offset_days']).doNothing())
            .returning('document_id')
            .executeTakeFirst();
          if (claimed) await deps.events.record(trx, 'document.expired', params({ ...r, application_id: r.application_id!, valid_until: r.valid_until! }, today));
        }
        return { seen: rows.length, done };
      });
      total += n.done;
      if (n.seen < BATCH) return total;
    }
  }

  /** Sends the reminder due today for each valid document within a window, once each. */
  async function remindDue(now: Date, today: string): Promise<number> {
    if (!offsets.length) return 0;
    const horizon = addDays(today, offsets[0]!);
    let cursor = FIRST_ID;
    let total = 0;
    for (;;) {
      const page = await db.transaction().execute(async (trx) => {
        const rows = await trx
          .selectFrom('issued_documents')
          .select(['id', 'application_id', 'holder_id', 'number', 'title', 'valid_until'])
          .where('status', '=', 'valid')
          // Permits issued nationally (no application here) are reminded by their own system.
          .where('application_id', 'is not', null)
          .where('valid_until', 'is not', null)
          .where('valid_until', '>=', today)
          .where('valid_until', '<=', horizon)
          .where('id', '>', cursor)
          .orderBy('id')
          .limit(BATCH)
          .forUpdate()
          .skipLocked()
          .execute();
        let sent = 0;
        // Holders who restricted the processing of their data (UU PDP Pasal 11) get no reminder.
        const restricted = await restrictedAmong(trx, rows.map((r) => r.holder_id));
        for (const r of rows) {
          if (restricted.has(r.holder_id)) continue;
          const offset = dueOffset(today, r.valid_until!, offsets);
          if (offset === null) continue;
          const claimed = await trx
            .insertInto('document_reminders')
            .values({ document_id: r.id, kind: 'reminder', offset_days: offset, due_on: today, sent_at: now })
            .onConflict((oc) => oc.columns(['document_id', 'kind', 'offset_days']).doNothing())
            .returning('document_id')
            .executeTakeFirst();
          if (!claimed) continue;
          await deps.events.record(trx, 'document.expiring', params({ ...r, application_id: r.application_id!, valid_until: r.valid_until! }, today));
          sent++;
        }
        return { last: rows.at(-1)?.id, seen: rows.length, sent };
      });
      total += page.sent;
      if (page.seen < BATCH || !page.last) return total;
      cursor = page.last;
    }
  }

  const api = {
    /** One pass of the job at `now`: expiry first, then the reminders due on the region's date. */
    async run(now: Date = deps.clock?.() ?? new Date()): Promise<RunResult> {
      const { timeZone } = await deps.region();
      const today = dateIn(timeZone, now);
      const expired = await expireDue(now, today);
      const reminded = await remindDue(now, today);
      if (expired || reminded) deps.log?.info({ expired, reminded }, 'document reminders sent');
      return { today, reminded, expired };
    },

    /** Reminders and expiry notices sent, per document (oldest first). */
    async sentFor(q: Executor, documentIds: string[]): Promise<Map<string, SentReminder[]>> {
      const out = new Map<string, SentReminder[]>();
      if (!documentIds.length) return out;
      const rows = await q.selectFrom('document_reminders').selectAll().where('document_id', 'in', documentIds).orderBy('sent_at').orderBy('offset_days', 'desc').execute();
      for (const r of rows) {
        const list = out.get(r.document_id) ?? [];
        list.push({ kind: r.kind, offsetDays: r.offset_days, dueOn: r.due_on, sentAt: r.sent_at });
        out.set(r.document_id, list);
      }
      return out;
    },

    registerJobs(jobs: JobQueue): void {
      jobs.register(remindersJob, async () => {
        await api.run();
      });
      jobs.schedule(remindersJob, deps.config.documentReminderEverySeconds);
    },
  };
  return api;
}
