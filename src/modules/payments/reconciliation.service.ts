// Reconciliation (issue 5 item 3, P-7): bank statements and virtual-account callbacks become
// bank credits, matched to open bills by the pure core in matching.ts; what cannot be matched
// waits in the manual queue with its reason and candidate bills.
//
// - A statement is parsed whole before anything is stored: a file with any error imports
//   nothing. The same bytes twice (sha256) are one import; credits are unique by fingerprint
//   (ON CONFLICT DO NOTHING), so overlapping statements count each credit once.
// - The file is processed by the durable job `payments.import-statement` in chunks, each in
//   its own transaction that locks the import row and moves `processed_lines` on with the
//   credits it stored; a crash resumes at the next chunk, and two runners never do a chunk
//   twice. Small files are processed at once after upload (the job then finds nothing to do).
// - Paying a bill: the bill rows a chunk would pay are locked (FOR UPDATE, in id order) and
//   re-read before anything is written; a bill already paid by a concurrent import makes the
//   credit a manual `duplicate_payment`, never a second payment. Credits are inserted in
//   fingerprint order so concurrent overlapping imports cannot deadlock on the unique index.
// - When a bill becomes fully paid it records the event `bill.paid` in the same transaction;
//   its subscriber (BILLING: kuitansi, notices, workflow) runs inside that transaction.
// - Manual queue scope: a region-wide grant sees every credit; an agency's finance officer
//   sees the credits whose candidate, suggested or assigned bill belongs to his agency, and
//   assigns only to his agency's bills.
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Database, Executor } from '../../platform/db/database.ts';
import { isUniqueViolation, parseJson } from '../../platform/db/values.ts';
import type { EventRecorder } from '../../platform/events/events.ts';
import type { PaymentEvents } from './payments.events.ts';
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { agenciesFor, can } from '../../platform/auth/policy.ts';
import { AppError, errors, type FieldError } from '../../platform/http/errors.ts';
import { defineJob, type JobQueue } from '../../platform/jobs/queue.ts';
import type { Logger } from '../../platform/log.ts';
import { newFileKey, sha256Of, type Storage } from '../../platform/storage/storage.ts';
import { regionTimeZone } from '../agencies/index.ts';
import { localDateOf, type RegionTimeZone } from '../../platform/calendar/working-time.ts';
import { addDays, matchCredits, normaliseCode, type ManualReason, type OpenBill } from './matching.ts';
import { columnMappingSchema, isImportable, parseStatement, type ColumnMapping, type StatementIssue, type StatementParseResult } from './statement.ts';
import { presetMapping, statementPresetIds, statementPresets, type StatementPresetId } from './statement-presets.ts';
import './reconciliation.policy.ts';

export const IMPORT_JOB = 'payments.import-statement';
const importJob = defineJob(IMPORT_JOB, z.object({ importId: z.guid() }));
/** Statements of a month are a few hundred kilobytes; a year of a busy account a few MB. */
export const STATEMENT_MAX_BYTES = 10 * 1024 * 1024;
/** Bills expired or paid this long ago still take part in matching ('late', 'duplicate_payment'). */
const LOOKBACK_DAYS = 120;

export interface ReconciliationDeps {
  database: Database;
  jobs: JobQueue;
  storage: Storage;
  log: Logger;
  /** Records `bill.paid` when a bill just became fully paid (same transaction). */
  events: EventRecorder<PaymentEvents>;
  /** Days after the due date a payment is still matched automatically (default 0). */
  graceDays?: number;
  /** Credit lines per chunk/transaction (default 500). */
  chunkLines?: number;
  now?: () => Date;
}

export interface Who {
  actor: Actor | null;
  meta?: RequestMeta | null;
  label?: string;
}

export interface BankAccountView {
  id: string;
  agencyId: string | null;
  bankCode: string;
  bankName: string;
  accountNumber: string;
  accountName: string;
}

export interface MappingChoice {
  /** `preset:bca` or `saved:<name>` */
  ref: string;
  label: string;
  bankCode: string;
}

export interface SavedMapping {
  id: string;
  name: string;
  bankCode: string;
  mapping: ColumnMapping;
  updatedAt: Date;
}

export interface ImportView {
  id: string;
  bankAccountId: string | null;
  fileName: string;
  mappingName: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  totalLines: number;
  creditLines: number;
  processedLines: number;
  matched: number;
  manual: number;
  duplicates: number;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export type StartImportResult =
  | { kind: 'invalid'; issues: StatementIssue[] }
  | { kind: 'already'; id: string }
  | { kind: 'queued'; id: string };

export interface IncomingCredit {
  fingerprint: string;
  date: string;
  amount: number;
  description: string;
  reference: string | null;
  lineNumber: number | null;
}

export interface IngestResult {
  matched: number;
  manual: number;
  duplicates: number;
  outcome: Map<string, 'matched' | 'manual' | 'duplicate'>;
}

export interface CandidateBill {
  id: string;
  paymentCode: string;
  amount: number;
  paidAmount: number;
  status: string;
  agencyId: string;
  agencyName: string;
  payerName: string;
  trackingNumber: string | null;
  dueAt: Date;
  confirmations: { proofNumber: string; amount: number; transferredAt: Date; bank: string; channel: string; status: string }[];
}

export interface CreditView {
  id: string;
  source: 'statement' | 'callback';
  importId: string | null;
  lineNumber: number | null;
  bookedOn: string;
  amount: number;
  description: string;
  reference: string | null;
  status: 'matched' | 'manual' | 'ignored';
  reason: ManualReason | null;
  suggestedBillId: string | null;
  billId: string | null;
  resolutionNote: string | null;
  createdAt: Date;
  candidates: CandidateBill[];
}

export interface CallbackInput {
  paymentCode: string;
  amount: number;
  paidAt: string;
  reference: string;
  bankCode: string;
  accountNumber: string;
}

const OPEN = new Set(['unpaid', 'partially_paid']);

/** A callback counts once per bank and reference. */
export function callbackFingerprint(bankCode: string, reference: string): string {
  return crypto.createHash('sha256').update(`callback|${normaliseCode(bankCode)}|${reference.trim()}`).digest('hex');
}

export function createReconciliation(deps: ReconciliationDeps) {
  const db = deps.database.db;
  const chunkLines = deps.chunkLines ?? 500;
  const graceDays = deps.graceDays ?? 0;
  const now = deps.now ?? (() => new Date());

  // ------------------------------------------------------------------ accounts and mappings

  async function bankAccounts(q: Executor, actor: Actor | null): Promise<BankAccountView[]> {
    const scope = agenciesFor(actor, 'payments.reconcile');
    if (scope !== 'all' && scope.length === 0) return [];
    let query = q.selectFrom('bank_accounts').selectAll().where('active', '=', true);
    if (scope !== 'all') query = query.where('agency_id', 'in', scope);
    const rows = await query.orderBy('bank_name').orderBy('account_number').execute();
    return rows.map((r) => ({ id: r.id, agencyId: r.agency_id, bankCode: r.bank_code, bankName: r.bank_name, accountNumber: r.account_number, accountName: r.account_name }));
  }

  async function listMappings(q: Executor): Promise<SavedMapping[]> {
    const rows = await q.selectFrom('statement_mappings').selectAll().orderBy('name').execute();
    return rows.map((r) => ({ id: r.id, name: r.name, bankCode: r.bank_code, mapping: parseJson<ColumnMapping>(r.mapping), updatedAt: r.updated_at }));
  }

  async function mappingChoices(q: Executor, locale: 'id' | 'en'): Promise<MappingChoice[]> {
    const presets = statementPresetIds.map((id) => ({ ref: `preset:${id}`, label: `${statementPresets[id].bank} — ${statementPresets[id].describes[locale]}`, bankCode: statementPresets[id].bank }));
    const saved = (await listMappings(q)).map((m) => ({ ref: `saved:${m.name}`, label: m.name, bankCode: m.bankCode }));
    return [...presets, ...saved];
  }

  /** A preset (`preset:bca`, or just `bca`) or a saved mapping (`saved:<name>`, or its name). */
  async function resolveMapping(q: Executor, ref: string): Promise<{ name: string; mapping: ColumnMapping } | null> {
    const presetId = ref.startsWith('preset:') ? ref.slice(7) : ref;
    if ((statementPresetIds as string[]).includes(presetId)) return { name: presetId, mapping: presetMapping(presetId as StatementPresetId) };
    const name = ref.startsWith('saved:') ? ref.slice(6) : ref;
    const saved = (await listMappings(q)).find((m) => m.name === name);
    return saved ? { name: saved.name, mapping: saved.mapping } : null;
  }

  async function saveMapping(trx: Executor, who: Who, input: { name: string; bankCode: string; mapping: unknown }): Promise<SavedMapping> {
    const fields: FieldError[] = [];
    const name = input.name.trim();
    const bankCode = input.bankCode.trim().toUpperCase();
    if (!name || name.length > 80) fields.push({ field: 'name', key: 'validation.required' });
    if (!/^[A-Z0-9]{2,10}$/.test(bankCode)) fields.push({ field: 'bankCode', key: 'payments.recon.bank_code_invalid' });
    const parsed = columnMappingSchema.safeParse(input.mapping);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      fields.push({ field: 'mapping', key: 'payments.recon.mapping_invalid', params: { detail: first ? `${first.path.join('.') || '—'}: ${first.message}` : '' } });
    }
    if (fields.length || !parsed.success) throw errors.validation(fields);
    const before = await trx.selectFrom('statement_mappings').selectAll().where('name', '=', name).forUpdate().executeTakeFirst();
    const json = JSON.stringify(parsed.data);
    const row = before
      ? await trx.updateTable('statement_mappings').set({ bank_code: bankCode, mapping: json, updated_by: who.actor?.userId ?? null, updated_at: new Date() }).where('id', '=', before.id).returningAll().executeTakeFirstOrThrow()
      : await trx.insertInto('statement_mappings').values({ name, bank_code: bankCode, mapping: json, updated_by: who.actor?.userId ?? null }).returningAll().executeTakeFirstOrThrow();
    await recordAudit(trx, who, { action: before ? 'payments.mapping.update' : 'payments.mapping.create', entityType: 'statement_mapping', entityId: row.id, before: before ?? null, after: { ...row, mapping: json } });
    return { id: row.id, name: row.name, bankCode: row.bank_code, mapping: parsed.data, updatedAt: row.updated_at };
  }

  // ------------------------------------------------------------------ statement import

  /**
   * Parses the file; with any error nothing is stored and the issues come back. Otherwise the
   * file is stored, the import recorded and its job enqueued; a small file is processed at once.
   */
  async function startImport(who: Who, input: { bytes: Buffer; fileName: string; bankAccountId: string; mappingRef: string }): Promise<StartImportResult & { parsed?: StatementParseResult }> {
    const account = await db.selectFrom('bank_accounts').selectAll().where('id', '=', input.bankAccountId).executeTakeFirst();
    if (!account || !account.active) throw errors.validation([{ field: 'account', key: 'payments.recon.account_unknown' }]);
    if (!can(who.actor, 'payments.reconcile', { agencyId: account.agency_id })) throw errors.forbidden();
    const mapping = await resolveMapping(db, input.mappingRef);
    if (!mapping) throw errors.validation([{ field: 'mapping', key: 'payments.recon.mapping_unknown' }]);
    const sha256 = sha256Of(input.bytes);
    const existing = await db.selectFrom('statement_imports').select('id').where('sha256', '=', sha256).executeTakeFirst();
    if (existing) return { kind: 'already', id: existing.id };
    const parsed = parseStatement(input.bytes, mapping.mapping, { fingerprintScope: account.id });
    if (!isImportable(parsed)) return { kind: 'invalid', issues: parsed.errors, parsed };
    const stored = await deps.storage.put(newFileKey('statements', 'csv'), input.bytes, 'text/csv');
    let id: string;
    try {
      id = await db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('statement_imports')
          .values({
            bank_account_id: account.id,
            file_name: input.fileName.slice(0, 200) || 'mutasi.csv',
            sha256,
            mapping_name: mapping.name,
            mapping: JSON.stringify(mapping.mapping),
            total_lines: parsed.lines.length + parsed.skipped.total,
            credit_lines: parsed.lines.length,
            storage_key: stored.key,
            imported_by: who.actor?.userId ?? null,
          })
          .returning(['id'])
          .executeTakeFirstOrThrow();
        await deps.jobs.enqueue(trx, importJob, { importId: row.id }, { dedupeKey: `${IMPORT_JOB}:${row.id}` });
        await recordAudit(trx, who, { action: 'payments.statement.import', entityType: 'statement_import', entityId: row.id, agencyId: account.agency_id, after: { file_name: input.fileName, sha256, mapping_name: mapping.name, bank_account_id: account.id, credit_lines: parsed.lines.length } });
        return row.id;
      });
    } catch (e) {
      await deps.storage.delete(stored.key);
      if (isUniqueViolation(e)) {
        const again = await db.selectFrom('statement_imports').select('id').where('sha256', '=', sha256).executeTakeFirst();
        if (again) return { kind: 'already', id: again.id };
      }
      throw e;
    }
    if (parsed.lines.length <= chunkLines) await processImport(id);
    return { kind: 'queued', id, parsed };
  }

  async function failImport(id: string, message: string) {
    await db.updateTable('statement_imports').set({ status: 'failed', error: message, finished_at: new Date() }).where('id', '=', id).where('status', 'in', ['queued', 'running']).execute();
  }

  /** Processes the remaining chunks of an import; idempotent and safe to run concurrently. */
  async function processImport(id: string): Promise<void> {
    const row = await db.selectFrom('statement_imports').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || row.status === 'done' || row.status === 'failed') return;
    const bytes = row.storage_key ? await deps.storage.get(row.storage_key) : null;
    if (!bytes) return failImport(id, 'file missing');
    const mapping = columnMappingSchema.safeParse(parseJson(row.mapping));
    if (!mapping.success) return failImport(id, 'mapping invalid');
    const parsed = parseStatement(bytes, mapping.data, { fingerprintScope: row.bank_account_id ?? 'region' });
    if (!isImportable(parsed)) return failImport(id, 'file not importable');
    const lines = parsed.lines;
    const tz = await regionTimeZone(db);
    for (;;) {
      const finished = await db.transaction().execute(async (trx) => {
        const cur = await trx.selectFrom('statement_imports').select(['status', 'processed_lines']).where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
        if (cur.status === 'done' || cur.status === 'failed') return true;
        const start = cur.processed_lines;
        if (start >= lines.length) {
          await trx.updateTable('statement_imports').set({ status: 'done', finished_at: new Date() }).where('id', '=', id).execute();
          return true;
        }
        const chunk = lines.slice(start, start + chunkLines);
        const r = await ingest(
          trx,
          chunk.map((l) => ({ fingerprint: l.fingerprint, date: l.date, amount: l.amount, description: l.description, reference: l.reference, lineNumber: l.line })),
          { source: 'statement', importId: id, bankAccountId: row.bank_account_id },
          tz,
        );
        const processed = start + chunk.length;
        await trx
          .updateTable('statement_imports')
          .set((eb) => ({
            status: processed >= lines.length ? 'done' : 'running',
            finished_at: processed >= lines.length ? new Date() : null,
            processed_lines: processed,
            matched: eb('matched', '+', r.matched),
            manual: eb('manual', '+', r.manual),
            duplicates: eb('duplicates', '+', r.duplicates),
          }))
          .where('id', '=', id)
          .execute();
        return processed >= lines.length;
      });
      if (finished) return;
    }
  }

  async function getImport(q: Executor, id: string): Promise<ImportView | null> {
    const r = await q.selectFrom('statement_imports').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) return null;
    return {
      id: r.id,
      bankAccountId: r.bank_account_id,
      fileName: r.file_name,
      mappingName: r.mapping_name,
      status: r.status,
      totalLines: r.total_lines,
      creditLines: r.credit_lines,
      processedLines: r.processed_lines,
      matched: r.matched,
      manual: r.manual,
      duplicates: r.duplicates,
      error: r.error,
      createdAt: r.created_at,
      finishedAt: r.finished_at,
    };
  }

  /** Whether the actor may see an import (its receiving account's agency). */
  async function canSeeImport(q: Executor, actor: Actor | null, imp: ImportView): Promise<boolean> {
    if (!imp.bankAccountId) return can(actor, 'payments.reconcile.read', { agencyId: null });
    const acc = await q.selectFrom('bank_accounts').select('agency_id').where('id', '=', imp.bankAccountId).executeTakeFirst();
    return can(actor, 'payments.reconcile.read', { agencyId: acc?.agency_id ?? null });
  }

  async function recentImports(q: Executor, actor: Actor | null, limit = 20): Promise<ImportView[]> {
    const scope = agenciesFor(actor, 'payments.reconcile.read');
    if (scope !== 'all' && scope.length === 0) return [];
    let query = q.selectFrom('statement_imports as i').leftJoin('bank_accounts as a', 'a.id', 'i.bank_account_id').select('i.id');
    if (scope !== 'all') query = query.where('a.agency_id', 'in', scope);
    const ids = await query.orderBy('i.created_at', 'desc').orderBy('i.id', 'desc').limit(limit).execute();
    const out: ImportView[] = [];
    for (const { id } of ids) out.push((await getImport(q, id))!);
    return out;
  }

  // ------------------------------------------------------------------ matching

  async function loadBills(trx: Executor, tz: RegionTimeZone): Promise<{ bills: OpenBill[]; status: Map<string, string> }> {
    const since = new Date(now().getTime() - LOOKBACK_DAYS * 86_400_000);
    const rows = await trx
      .selectFrom('bills')
      .select(['id', 'payment_code', 'amount', 'paid_amount', 'status', 'issued_at', 'due_at'])
      .where((eb) =>
        eb.or([
          eb('status', 'in', ['unpaid', 'partially_paid']),
          eb.and([eb('status', '=', 'expired'), eb('due_at', '>', since)]),
          eb.and([eb('status', '=', 'paid'), eb('paid_at', '>', since)]),
        ]),
      )
      .orderBy('issued_at')
      .orderBy('id')
      .execute();
    const status = new Map<string, string>();
    const bills = rows.map((r) => {
      status.set(r.id, r.status);
      return { id: r.id, paymentCode: r.payment_code, amountDue: Number(r.amount), amountPaid: Math.min(Number(r.paid_amount), Number(r.amount)), issuedOn: localDateOf(tz, r.issued_at), dueOn: localDateOf(tz, r.due_at) };
    });
    return { bills, status };
  }

  /**
   * Stores new credits and applies them: matched ones pay their bill, the others wait in the
   * manual queue. Known fingerprints are duplicates and change nothing.
   */
  async function ingest(trx: Executor, credits: IncomingCredit[], origin: { source: 'statement' | 'callback'; importId: string | null; bankAccountId: string | null }, tz: RegionTimeZone): Promise<IngestResult> {
    const outcome = new Map<string, 'matched' | 'manual' | 'duplicate'>();
    const res: IngestResult = { matched: 0, manual: 0, duplicates: 0, outcome };
    if (credits.length === 0) return res;
    const fps = [...new Set(credits.map((c) => c.fingerprint))];
    const known = new Set((await trx.selectFrom('bank_credits').select('fingerprint').where('fingerprint', 'in', fps).execute()).map((r) => r.fingerprint));
    const { bills, status } = await loadBills(trx, tz);
    const openIds = bills.filter((b) => OPEN.has(status.get(b.id)!)).map((b) => b.id);
    const confirmations = openIds.length
      ? (await trx.selectFrom('payment_confirmations').select(['bill_id', 'proof_number', 'transferred_at', 'amount', 'bank']).where('status', '=', 'pending').where('bill_id', 'in', openIds).execute()).map((c) => ({
          billId: c.bill_id,
          proofNumber: c.proof_number,
          date: localDateOf(tz, c.transferred_at),
          amount: Number(c.amount),
          bank: c.bank,
        }))
      : [];
    const result = matchCredits({ credits, bills, confirmations, knownFingerprints: known, graceDays });
    const byFp = new Map(credits.map((c) => [c.fingerprint, c]));

    // Lock the bills to be paid, in id order, and decide on their current state.
    const toPay = [...new Set(result.matched.map((m) => m.billId))].sort();
    const fresh = new Map(
      (toPay.length ? await trx.selectFrom('bills').select(['id', 'amount', 'paid_amount', 'status']).where('id', 'in', toPay).orderBy('id').forUpdate().execute() : []).map((b) => [b.id, b]),
    );
    type Row = { c: IncomingCredit; status: 'matched' | 'manual'; reason: ManualReason | null; candidates: string[]; suggested: string | null; billId: string | null };
    const rows: Row[] = [];
    const used = new Set<string>();
    for (const m of result.matched) {
      const c = byFp.get(m.fingerprint)!;
      const b = fresh.get(m.billId);
      const outstanding = b ? Number(b.amount) - Number(b.paid_amount) : 0;
      if (b && OPEN.has(b.status) && outstanding === m.amount && !used.has(b.id)) {
        used.add(b.id);
        rows.push({ c, status: 'matched', reason: null, candidates: [b.id], suggested: null, billId: b.id });
      } else {
        const reason: ManualReason = !b ? 'unmatched' : b.status === 'paid' || used.has(b.id) ? 'duplicate_payment' : b.status === 'expired' ? 'late' : m.amount < outstanding ? 'partial' : 'over';
        rows.push({ c, status: 'manual', reason, candidates: [m.billId], suggested: null, billId: null });
      }
    }
    for (const item of result.manual) {
      let reason = item.reason;
      // A bill paid before (outstanding 0) that is paid again.
      if (item.candidates.length === 1 && status.get(item.candidates[0]!) === 'paid' && (reason === 'over' || reason === 'late')) reason = 'duplicate_payment';
      rows.push({ c: byFp.get(item.fingerprint)!, status: 'manual', reason, candidates: item.candidates, suggested: item.suggestedBillId, billId: null });
    }
    for (const fp of result.duplicates) {
      outcome.set(fp, 'duplicate');
      res.duplicates++;
    }
    // The same money seen twice: a virtual-account payment pushed by the bank's callback comes
    // again in the next statement (or the other way round). A second payment of a paid bill by
    // the same amount, within a day of a credit from the other source that paid it, is that
    // credit again: kept as 'ignored' with the reason, not put in the manual queue.
    const twinOf = new Map<string, string>();
    const twins = rows.filter((r) => r.status === 'manual' && r.reason === 'duplicate_payment' && r.candidates.length === 1);
    if (twins.length) {
      const paidBy = await trx
        .selectFrom('bank_credits')
        .select(['bill_id', 'amount', 'booked_on', 'reference', 'source'])
        .where('status', '=', 'matched')
        .where('source', '!=', origin.source)
        .where('bill_id', 'in', [...new Set(twins.map((r) => r.candidates[0]!))])
        .execute();
      for (const r of twins) {
        const twin = paidBy.find((p) => p.bill_id === r.candidates[0] && Number(p.amount) === r.c.amount && p.booked_on >= addDays(r.c.date, -1) && p.booked_on <= addDays(r.c.date, 1));
        if (twin) twinOf.set(r.c.fingerprint, `${twin.source === 'callback' ? 'notifikasi bank' : 'mutasi rekening'} ${twin.booked_on}${twin.reference ? ` (${twin.reference})` : ''}`);
      }
    }
    if (rows.length === 0) return res;
    rows.sort((a, b) => (a.c.fingerprint < b.c.fingerprint ? -1 : a.c.fingerprint > b.c.fingerprint ? 1 : 0));
    const at = new Date();
    const inserted = await trx
      .insertInto('bank_credits')
      .values(
        rows.map((r) => ({
          fingerprint: r.c.fingerprint,
          source: origin.source,
          import_id: origin.importId,
          bank_account_id: origin.bankAccountId,
          line_number: r.c.lineNumber,
          booked_on: r.c.date,
          amount: r.c.amount,
          description: r.c.description.slice(0, 1000),
          reference: r.c.reference?.slice(0, 200) ?? null,
          status: twinOf.has(r.c.fingerprint) ? ('ignored' as const) : r.status,
          manual_reason: twinOf.has(r.c.fingerprint) ? null : r.reason,
          resolution_note: twinOf.has(r.c.fingerprint) ? `Sudah tercatat dari ${twinOf.get(r.c.fingerprint)}` : null,
          candidates: JSON.stringify(r.candidates),
          suggested_bill_id: r.suggested,
          bill_id: r.billId,
          matched_at: r.status === 'matched' ? at : null,
        })),
      )
      .onConflict((oc) => oc.column('fingerprint').doNothing())
      .returning(['fingerprint'])
      .execute();
    const stored = new Set(inserted.map((r) => r.fingerprint));
    for (const r of rows) {
      if (!stored.has(r.c.fingerprint) || twinOf.has(r.c.fingerprint)) {
        outcome.set(r.c.fingerprint, 'duplicate');
        res.duplicates++;
        continue;
      }
      outcome.set(r.c.fingerprint, r.status);
      if (r.status === 'manual') {
        res.manual++;
        continue;
      }
      res.matched++;
      const b = fresh.get(r.billId!)!;
      const becamePaid = await applyPayment(trx, { id: b.id, amount: Number(b.amount), paid_amount: Number(b.paid_amount), status: b.status }, r.c.amount, at);
      if (becamePaid) await deps.events.record(trx, 'bill.paid', { billId: b.id });
    }
    return res;
  }

  /** Adds a payment to a locked bill row; true when it became fully paid now. */
  async function applyPayment(trx: Executor, bill: { id: string; amount: number; paid_amount: number; status: string }, amount: number, at: Date): Promise<boolean> {
    const paid = bill.paid_amount + amount;
    const full = paid >= bill.amount;
    await trx
      .updateTable('bills')
      .set({ paid_amount: paid, status: full ? 'paid' : 'partially_paid', paid_at: full ? at : null, updated_at: at })
      .where('id', '=', bill.id)
      .execute();
    if (!full) await deps.events.record(trx, 'bill.partially_paid', { billId: bill.id });
    return full && bill.status !== 'paid';
  }

  // ------------------------------------------------------------------ bank callback

  async function receiveCallback(input: CallbackInput): Promise<{ creditId: string; status: 'matched' | 'manual' | 'ignored'; billId: string | null; duplicate: boolean }> {
    const paidAt = new Date(input.paidAt);
    if (Number.isNaN(paidAt.getTime())) throw errors.validation([{ field: 'paidAt', key: 'validation.invalid' }]);
    const tz = await regionTimeZone(db);
    const fingerprint = callbackFingerprint(input.bankCode, input.reference);
    return db.transaction().execute(async (trx) => {
      const account = await trx.selectFrom('bank_accounts').select('id').where('bank_code', '=', input.bankCode.trim().toUpperCase()).where('account_number', '=', input.accountNumber.trim()).executeTakeFirst();
      const r = await ingest(
        trx,
        [{ fingerprint, date: localDateOf(tz, paidAt), amount: input.amount, description: `VA ${input.paymentCode}`, reference: input.reference, lineNumber: null }],
        { source: 'callback', importId: null, bankAccountId: account?.id ?? null },
        tz,
      );
      const credit = await trx.selectFrom('bank_credits').select(['id', 'status', 'bill_id']).where('fingerprint', '=', fingerprint).executeTakeFirstOrThrow();
      if (r.outcome.get(fingerprint) !== 'duplicate') {
        await recordAudit(trx, { actor: null, label: `bank ${input.bankCode}` }, { action: 'payments.callback.receive', entityType: 'bank_credit', entityId: credit.id, after: { ...input, status: credit.status, bill_id: credit.bill_id } });
      }
      return { creditId: credit.id, status: credit.status, billId: credit.bill_id, duplicate: r.outcome.get(fingerprint) === 'duplicate' };
    });
  }

  // ------------------------------------------------------------------ manual queue

  /** Credits of a status in the actor's scope (null: none): region-wide all, else those touching his agencies' bills. */
  function creditsQuery(q: Executor, actor: Actor | null, status: 'manual' | 'matched' | 'ignored') {
    const scope = agenciesFor(actor, 'payments.reconcile.read');
    if (scope !== 'all' && scope.length === 0) return null;
    let query = q.selectFrom('bank_credits as c').where('c.status', '=', status);
    if (scope !== 'all') {
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('bills as b')
            .select('b.id')
            .where('b.agency_id', 'in', scope)
            .where((e2) => e2.or([sql<boolean>`c.candidates @> jsonb_build_array(b.id::text)`, e2('b.id', '=', e2.ref('c.suggested_bill_id')), e2('b.id', '=', e2.ref('c.bill_id'))])),
        ),
      );
    }
    return query;
  }

  /** How many credits wait for a person to match them (the back office's "payments to match"). */
  async function countOpenCredits(q: Executor, actor: Actor | null): Promise<number> {
    const query = creditsQuery(q, actor, 'manual');
    if (!query) return 0;
    const row = await query.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async function listCredits(q: Executor, actor: Actor | null, opts: { status?: 'manual' | 'matched' | 'ignored'; after?: string; limit?: number } = {}): Promise<{ items: CreditView[]; next: string | null }> {
    const limit = Math.min(Math.max(opts.limit ?? 50, 1), 200);
    const base = creditsQuery(q, actor, opts.status ?? 'manual');
    if (!base) return { items: [], next: null };
    let query = base.selectAll('c');
    // The cursor row is compared in SQL: timestamptz has microseconds, a JS Date only milliseconds.
    if (opts.after) query = query.where(sql<boolean>`(c.created_at, c.id) > (SELECT k.created_at, k.id FROM bank_credits k WHERE k.id = ${opts.after}::uuid)`);
    const rows = await query.orderBy('c.created_at').orderBy('c.id').limit(limit + 1).execute();
    const page = rows.slice(0, limit);
    const items = await present(q, page);
    return { items, next: rows.length > limit ? page[page.length - 1]!.id : null };
  }

  type CreditRow = Awaited<ReturnType<typeof creditRow>>;
  function creditRow(q: Executor, id: string) {
    return q.selectFrom('bank_credits').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async function present(q: Executor, rows: NonNullable<CreditRow>[]): Promise<CreditView[]> {
    const candidatesOf = (r: NonNullable<CreditRow>) => {
      const list = parseJson<string[]>(r.candidates);
      const all = [...list];
      for (const extra of [r.suggested_bill_id, r.bill_id]) if (extra && !all.includes(extra)) all.push(extra);
      return all;
    };
    const ids = [...new Set(rows.flatMap(candidatesOf))];
    const bills = ids.length
      ? await q
          .selectFrom('bills as b')
          .innerJoin('agencies as a', 'a.id', 'b.agency_id')
          .innerJoin('users as u', 'u.id', 'b.payer_id')
          .innerJoin('applications as ap', 'ap.id', 'b.application_id')
          .select(['b.id', 'b.payment_code', 'b.amount', 'b.paid_amount', 'b.status', 'b.agency_id', 'a.name as agency_name', 'u.name as payer_name', 'ap.tracking_number', 'b.due_at'])
          .where('b.id', 'in', ids)
          .execute()
      : [];
    const confirmations = ids.length
      ? await q.selectFrom('payment_confirmations').select(['bill_id', 'proof_number', 'amount', 'transferred_at', 'bank', 'channel', 'status']).where('bill_id', 'in', ids).orderBy('created_at').execute()
      : [];
    const byId = new Map<string, CandidateBill>(
      bills.map((b) => [
        b.id,
        {
          id: b.id,
          paymentCode: b.payment_code,
          amount: Number(b.amount),
          paidAmount: Number(b.paid_amount),
          status: b.status,
          agencyId: b.agency_id,
          agencyName: b.agency_name,
          payerName: b.payer_name,
          trackingNumber: b.tracking_number,
          dueAt: b.due_at,
          confirmations: confirmations
            .filter((c) => c.bill_id === b.id)
            .map((c) => ({ proofNumber: c.proof_number, amount: Number(c.amount), transferredAt: c.transferred_at, bank: c.bank, channel: c.channel, status: c.status })),
        },
      ]),
    );
    return rows.map((r) => ({
      id: r.id,
      source: r.source,
      importId: r.import_id,
      lineNumber: r.line_number,
      bookedOn: r.booked_on,
      amount: Number(r.amount),
      description: r.description,
      reference: r.reference,
      status: r.status,
      reason: r.manual_reason as ManualReason | null,
      suggestedBillId: r.suggested_bill_id,
      billId: r.bill_id,
      resolutionNote: r.resolution_note,
      createdAt: r.created_at,
      candidates: candidatesOf(r)
        .map((id) => byId.get(id))
        .filter((b): b is CandidateBill => !!b),
    }));
  }

  async function getCredit(q: Executor, actor: Actor | null, id: string): Promise<CreditView | null> {
    const row = await creditRow(q, id);
    if (!row) return null;
    const [view] = await present(q, [row]);
    if (!creditVisible(actor, view!)) return null;
    return view!;
  }

  function creditVisible(actor: Actor | null, c: CreditView): boolean {
    const scope = agenciesFor(actor, 'payments.reconcile.read');
    if (scope === 'all') return true;
    return c.candidates.some((b) => scope.includes(b.agencyId));
  }

  /** Assigns a queued credit to a bill (partial and over-payments allowed), with a note. */
  /** Assigns a queued credit to a bill named by id or by payment code (spaces and dashes ignored). */
  async function assign(trx: Executor, who: Who, creditId: string, input: { billId?: string; paymentCode?: string; note: string }): Promise<{ billStatus: string; overpaid: number; becamePaid: boolean; paymentCode: string }> {
    const note = input.note.trim();
    if (!note) throw errors.validation([{ field: 'note', key: 'payments.recon.note_required' }]);
    if (note.length > 1000) throw errors.validation([{ field: 'note', key: 'validation.too_long', params: { max: 1000 } }]);
    const credit = await trx.selectFrom('bank_credits').selectAll().where('id', '=', creditId).forUpdate().executeTakeFirst();
    if (!credit) throw errors.notFound();
    const code = input.paymentCode ? normaliseCode(input.paymentCode) : '';
    const billQuery = trx.selectFrom('bills').select(['id', 'amount', 'paid_amount', 'status', 'agency_id', 'payment_code']);
    const bill = code
      ? await billQuery.where('payment_code', '=', code).forUpdate().executeTakeFirst()
      : input.billId && /^[0-9a-f-]{36}$/i.test(input.billId)
        ? await billQuery.where('id', '=', input.billId).forUpdate().executeTakeFirst()
        : undefined;
    if (!bill) throw errors.validation([{ field: 'billId', key: 'payments.recon.bill_unknown' }]);
    if (!can(who.actor, 'payments.reconcile', { agencyId: bill.agency_id })) throw errors.forbidden();
    if (credit.status !== 'manual') throw errors.conflict('payments.recon.not_open');
    if (bill.status === 'cancelled' || bill.status === 'paid') throw errors.conflict('payments.recon.bill_closed', 'billId');
    const at = new Date();
    const amount = Number(credit.amount);
    const becamePaid = await applyPayment(trx, { id: bill.id, amount: Number(bill.amount), paid_amount: Number(bill.paid_amount), status: bill.status }, amount, at);
    const after = await trx
      .updateTable('bank_credits')
      .set({ status: 'matched', bill_id: bill.id, matched_at: at, matched_by: who.actor?.userId ?? null, resolution_note: note })
      .where('id', '=', credit.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const paidNow = Number(bill.paid_amount) + amount;
    const overpaid = Math.max(0, paidNow - Number(bill.amount));
    await recordAudit(trx, who, {
      action: 'payments.credit.assign',
      entityType: 'bank_credit',
      entityId: credit.id,
      agencyId: bill.agency_id,
      before: credit,
      after: { ...after, bill_payment_code: bill.payment_code, bill_paid_amount: paidNow, overpaid },
    });
    if (becamePaid) await deps.events.record(trx, 'bill.paid', { billId: bill.id });
    return { billStatus: paidNow >= Number(bill.amount) ? 'paid' : 'partially_paid', overpaid, becamePaid, paymentCode: bill.payment_code };
  }

  /** Marks a queued credit ignored with a reason (e.g. refunded outside Simpul). */
  async function ignore(trx: Executor, who: Who, creditId: string, reason: string): Promise<void> {
    const text = reason.trim();
    if (!text) throw errors.validation([{ field: 'reason', key: 'payments.recon.reason_required' }]);
    if (text.length > 1000) throw errors.validation([{ field: 'reason', key: 'validation.too_long', params: { max: 1000 } }]);
    const credit = await trx.selectFrom('bank_credits').selectAll().where('id', '=', creditId).forUpdate().executeTakeFirst();
    if (!credit) throw errors.notFound();
    const [view] = await present(trx, [credit]);
    if (!can(who.actor, 'payments.reconcile')) throw errors.forbidden();
    const scope = agenciesFor(who.actor, 'payments.reconcile');
    if (scope !== 'all' && !view!.candidates.some((b) => scope.includes(b.agencyId))) throw errors.notFound();
    if (credit.status !== 'manual') throw errors.conflict('payments.recon.not_open');
    const after = await trx
      .updateTable('bank_credits')
      .set({ status: 'ignored', matched_by: who.actor?.userId ?? null, resolution_note: text })
      .where('id', '=', credit.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, who, { action: 'payments.credit.ignore', entityType: 'bank_credit', entityId: credit.id, agencyId: view!.candidates[0]?.agencyId ?? null, before: credit, after });
  }

  return {
    bankAccounts,
    listMappings,
    mappingChoices,
    resolveMapping,
    saveMapping,
    startImport,
    processImport,
    getImport,
    canSeeImport,
    recentImports,
    ingest,
    receiveCallback,
    listCredits,
    countOpenCredits,
    getCredit,
    assign,
    ignore,
    registerJobs(jobs: JobQueue): void {
      jobs.register(importJob, async (payload) => {
        const { importId } = payload;
        try {
          await processImport(importId);
        } catch (e) {
          if (e instanceof AppError) {
            deps.log.warn({ importId, code: e.code }, 'statement import refused');
            await failImport(importId, e.code);
            return;
          }
          throw e;
        }
      });
    },
  };
}

export type Reconciliation = ReturnType<typeof createReconciliation>;
