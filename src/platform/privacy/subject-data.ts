// Everything Simpul holds about one person (UU PDP Pasal 7 and 13: access, copy, portability)
// and erasure where the law allows it (Pasal 8, 15–16). `subjectTables` names every table that
// refers to a person and how: how his rows are found, which columns are never copied out
// (secrets), and what erasure does with them (delete, blank the personal columns, or keep
// because a regulation requires the record, with the reason he is told).
//
// Like the backup, this is platform code that reads tables of several modules: it is the one
// place where "everything about a person" is defined, and `subject-data.int.test.ts` compares
// it with the live schema (information_schema), so a new table with a personal-data column
// fails the tests until it is listed here or in `notSubjectTables` with a reason.
import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../db/database.ts';
import { fieldCrypto, sealedPrefix } from './field-crypto.ts';

/** Column names that hold a person's data or point at a person. */
export const personalColumnPattern = /^(user_id|subject_user_id|applicant_id|account_id|payer_id|holder_id|submitted_by|nik|holder_nik_masked|holder_name|phone|email|address|recipient|recipients|from_number|reporter_id|reporter_name|reporter_email|reporter_phone|respondent_id)$/;

export type Disposition =
  /** Rows are deleted on erasure. */
  | { erase: 'delete' }
  /** The listed columns are blanked (set to the given values) on erasure; the row stays. */
  | { erase: 'blank'; set: Record<string, string | null> }
  /** Kept: a regulation requires the record. `reason` is a message key shown to the person. */
  | { erase: 'keep'; reason: KeepReason };

export type KeepReason = 'archive' | 'finance' | 'business' | 'accountability' | 'staff';

export interface SubjectTable {
  table: string;
  /** How the person's rows are found; `id` is his users.id, `who` what his account holds (opened). */
  rows: (id: string, who: SubjectKeys) => RawBuilder<boolean>;
  /** Columns never exported (secrets, or copies of other people's data). */
  omit?: readonly string[];
  disposition: Disposition;
}

/** What other tables know the person by, read from his users row and opened (NIK and phone are sealed at rest). */
export interface SubjectKeys {
  phone: string | null;
}

async function subjectKeys(db: Executor, userId: string): Promise<SubjectKeys> {
  const r = await sql<{ phone: string | null }>`SELECT phone FROM users WHERE id = ${userId}`.execute(db);
  return { phone: fieldCrypto().open(r.rows[0]?.phone ?? null) };
}

const col = (c: string) => (id: string) => sql<boolean>`${sql.ref(c)} = ${id}`;
const ofApplications = (id: string) => sql<boolean>`application_id IN (SELECT a.id FROM applications a WHERE a.applicant_id = ${id})`;

/**
 * Every table that refers to a person, in erasure order (the users row last: other tables
 * are found through its phone number).
 */
export const subjectTables: readonly SubjectTable[] = [
  { table: 'sessions', rows: col('user_id'), omit: ['token_hash'], disposition: { erase: 'delete' } },
  { table: 'api_tokens', rows: col('user_id'), omit: ['token_hash'], disposition: { erase: 'delete' } },
  { table: 'verification_codes', rows: col('user_id'), omit: ['code_hash', 'new_value'], disposition: { erase: 'delete' } },
  { table: 'totp_recovery_codes', rows: col('user_id'), omit: ['code_hash'], disposition: { erase: 'delete' } },
  { table: 'notifications', rows: col('user_id'), disposition: { erase: 'delete' } },
  { table: 'outbound_messages', rows: col('user_id'), omit: ['body_text', 'body_html'], disposition: { erase: 'blank', set: { recipient: '[dihapus]', body_text: '', body_html: null, subject: null } } },
  {
    table: 'inbound_messages',
    rows: (_id, who) => (who.phone ? sql<boolean>`from_number = ${who.phone}` : sql<boolean>`false`),
    disposition: { erase: 'blank', set: { from_number: '[dihapus]', text: '' } },
  },
  { table: 'applications', rows: col('applicant_id'), disposition: { erase: 'keep', reason: 'archive' } },
  { table: 'application_attachments', rows: ofApplications, omit: ['storage_key'], disposition: { erase: 'keep', reason: 'archive' } },
  { table: 'application_events', rows: ofApplications, omit: ['actor_id'], disposition: { erase: 'keep', reason: 'archive' } },
  { table: 'issued_documents', rows: col('holder_id'), omit: ['storage_key', 'signature', 'issued_by', 'revoked_by'], disposition: { erase: 'keep', reason: 'archive' } },
  { table: 'bills', rows: col('payer_id'), omit: ['cancelled_by'], disposition: { erase: 'keep', reason: 'finance' } },
  { table: 'payment_confirmations', rows: col('submitted_by'), omit: ['slip_storage_key'], disposition: { erase: 'keep', reason: 'finance' } },
  // A complaint is a record of public service (SP4N-LAPOR!): kept; its tracking secret never leaves.
  { table: 'complaints', rows: col('reporter_id'), omit: ['tracking_hash', 'contact_code_ref', 'open311_client_id', 'reporter_phone_bidx'], disposition: { erase: 'keep', reason: 'archive' } },
  { table: 'businesses', rows: col('account_id'), disposition: { erase: 'keep', reason: 'business' } },
  { table: 'business_representatives', rows: col('user_id'), disposition: { erase: 'keep', reason: 'business' } },
  { table: 'role_grants', rows: col('user_id'), omit: ['granted_by', 'revoked_by'], disposition: { erase: 'keep', reason: 'staff' } },
  { table: 'personal_data_access', rows: col('subject_user_id'), omit: ['actor_id', 'request_id'], disposition: { erase: 'keep', reason: 'accountability' } },
  { table: 'data_subject_requests', rows: col('user_id'), omit: ['answered_by'], disposition: { erase: 'keep', reason: 'accountability' } },
  { table: 'processing_restrictions', rows: col('user_id'), omit: ['restricted_by', 'lifted_by'], disposition: { erase: 'keep', reason: 'accountability' } },
  { table: 'breach_affected', rows: col('user_id'), disposition: { erase: 'keep', reason: 'accountability' } },
  { table: 'audit_events', rows: col('actor_id'), omit: ['before', 'after', 'ip', 'request_id', 'actor_label'], disposition: { erase: 'keep', reason: 'accountability' } },
  {
    table: 'users',
    rows: col('id'),
    omit: ['password_hash', 'totp_secret', 'totp_last_step', 'failed_logins', 'locked_until', 'nik_bidx', 'phone_bidx', 'email_bidx'],
    disposition: {
      erase: 'blank',
      set: { email: null, email_bidx: null, phone: null, phone_bidx: null, address: null, password_hash: null, totp_secret: null, totp_enabled_at: null, email_verified_at: null, status: 'disabled' },
    },
  },
];

/** Tables with a column that looks personal but holds no data about a person, and why. */
export const notSubjectTables: Readonly<Record<string, string>> = {
  integration_national_permits:
    'permits issued nationally (OSS, SiCantik) for a NIK with no account yet, the NIK sealed with its blind index; once the person registers the permit is in issued_documents, which the export covers',
  exec_monthly_reports: 'recipients is the number of executives the monthly report was sent to, not who',
  agencies: "the agency's office address, phone and e-mail",
  message_templates: "'subject' is an e-mail subject line",
  payment_daily_summaries: "'recipients' is the staff mailing list of the daily summary (configuration)",
  wbs_reports: "whistleblowing reports are linked to no account: a name the reporter chose to give is reached only with his secret code (and by the WBS investigator)",
  sops: "'submitted_by' is the officer who submitted an SOP for approval (acting in office)",
};

export interface SubjectExport {
  format: 'simpul-subject-export-v1';
  generatedAt: string;
  subjectId: string;
  /** table name → the person's rows (secrets left out). */
  tables: Record<string, Record<string, unknown>[]>;
}

function plain(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  // Sealed personal data (NIK, phone) is given back to its owner in clear.
  if (typeof v === 'string' && v.startsWith(sealedPrefix)) return fieldCrypto().open(v);
  return v;
}

/** All rows of every subject table that belong to `userId`, as plain JSON values. */
export async function exportSubjectData(db: Executor, userId: string, now = new Date()): Promise<SubjectExport> {
  const tables: SubjectExport['tables'] = {};
  const who = await subjectKeys(db, userId);
  for (const t of subjectTables) {
    const res = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(t.table)} WHERE ${t.rows(userId, who)}`.execute(db);
    const omit = new Set(t.omit ?? []);
    tables[t.table] = res.rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !omit.has(k)).map(([k, v]) => [k, plain(v)])));
  }
  return { format: 'simpul-subject-export-v1', generatedAt: now.toISOString(), subjectId: userId, tables };
}

export interface ErasureResult {
  deleted: Record<string, number>;
  blanked: Record<string, number>;
  /** Reasons (message keys' suffixes) for what was kept, with the tables kept for each. */
  kept: Partial<Record<KeepReason, string[]>>;
}

/**
 * Erases what the law allows, in the caller's transaction. Records a regulation requires
 * are kept and reported with their reason; when none exist the account's name and NIK go too.
 */
export async function eraseSubjectData(trx: Executor, userId: string): Promise<ErasureResult> {
  const result: ErasureResult = { deleted: {}, blanked: {}, kept: {} };
  const who = await subjectKeys(trx, userId);
  for (const t of subjectTables) {
    const d = t.disposition;
    if (d.erase === 'keep') {
      const n = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(t.table)} WHERE ${t.rows(userId, who)}`.execute(trx);
      if (Number(n.rows[0]?.n ?? 0) > 0) (result.kept[d.reason] ??= []).push(t.table);
      continue;
    }
    if (d.erase === 'delete') {
      const r = await sql`DELETE FROM ${sql.table(t.table)} WHERE ${t.rows(userId, who)}`.execute(trx);
      result.deleted[t.table] = Number(r.numAffectedRows ?? 0);
      continue;
    }
    const set = { ...d.set };
    if (t.table === 'users' && !result.kept.archive && !result.kept.finance && !result.kept.business) {
      // Nothing a regulation keeps refers to him: his name and NIK go as well.
      set.name = '[dihapus]';
      set.nik = null;
      set.nik_bidx = null;
    }
    const assignments = sql.join(Object.entries(set).map(([k, v]) => sql`${sql.ref(k)} = ${v}`));
    const r = await sql`UPDATE ${sql.table(t.table)} SET ${assignments} WHERE ${t.rows(userId, who)}`.execute(trx);
    result.blanked[t.table] = Number(r.numAffectedRows ?? 0);
  }
  return result;
}
