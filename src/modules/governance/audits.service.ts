// ICT audits (G-7; seed 002 Pasal 13, seed 003 II.1.5): audits of infrastructure, applications
// and security with findings (severity, owner agency, due date) followed up until closed
// (closing needs a follow-up note); the infrastructure audit is due at least every two years
// for each agency and the region, overdue ones flagged "terlambat". Only this module writes
// gov_audit*. Every change is audited.
import { sql } from 'kysely';
import { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.ts';
import { agenciesFor, authorize, can } from '../../platform/auth/policy.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Executor } from '../../platform/db/database.ts';
import { activeAgencies, agencyNames, regionBasics } from '../agencies/index.ts';
import { AppError, errors } from '../../platform/http/errors.ts';
import { formText, parseOrThrow } from '../../platform/http/validation.ts';
import type { AuditKind, Severity } from './registers.tables.ts';
import { closingProblem, infrastructureAuditStatus, type InfrastructureAuditStatus } from './audits.rules.ts';
import { agencyExists, type GovWho } from './registers.service.ts';
import { optText, validDate } from './registers.framework.ts';
import './registers.policy.ts';

export const AUDIT_READ = 'governance.registers.audits.read';
export const AUDIT_MANAGE = 'governance.registers.audits.manage';
export const AUDIT_FOLLOW_UP = 'governance.registers.audits.follow_up';

export const severities: readonly Severity[] = ['low', 'medium', 'high', 'critical'];
export const auditKinds: readonly AuditKind[] = ['infrastructure', 'application', 'security'];

const isoDate = z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string().refine(validDate, 'gov.reg.invalid_date'));
const optionalAgency = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().max(40).optional());

export const auditInputSchema = z
  .object({
    agencyId: optionalAgency,
    kind: z.enum(['infrastructure', 'application', 'security']),
    scope: formText(4000),
    auditorType: z.enum(['internal', 'external']),
    auditorName: formText(200),
    startDate: isoDate,
    endDate: isoDate,
  })
  .superRefine((v, ctx) => {
    if (v.endDate < v.startDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'gov.reg.to_before_from' });
  });

export const findingInputSchema = z.object({
  title: formText(300),
  description: optText(4000),
  severity: z.enum(['low', 'medium', 'high', 'critical']),
  ownerAgencyId: optionalAgency,
  dueDate: isoDate,
});

export const followUpInputSchema = z.object({
  note: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v ?? ''), z.string().max(4000)),
  close: z.preprocess((v) => v === true || v === 'true' || v === 'on' || v === '1', z.boolean()).optional(),
});

export interface FindingView {
  id: string;
  auditId: string;
  title: string;
  description: string;
  severity: Severity;
  ownerAgencyId: string | null;
  ownerAgencyName: string | null;
  dueDate: string;
  status: 'open' | 'closed';
  closedAt: Date | null;
  /** Open and past its due date. */
  late: boolean;
  followUps: { id: string; note: string; closes: boolean; actorLabel: string; createdAt: Date }[];
}

export interface AuditView {
  id: string;
  agencyId: string | null;
  agencyName: string | null;
  kind: AuditKind;
  scope: string;
  auditorType: 'internal' | 'external';
  auditorName: string;
  startDate: string;
  endDate: string;
  version: number;
  openFindings: number;
  createdAt: Date;
}

export interface AuditDetail extends AuditView {
  findings: FindingView[];
}

const day = (v: unknown) => String(v).slice(0, 10);

export function createAuditService() {
  function base(q: Executor) {
    return q
      .selectFrom('gov_audits as u')
      .select(['u.id', 'u.agency_id', 'u.kind', 'u.scope', 'u.auditor_type', 'u.auditor_name', 'u.start_date', 'u.end_date', 'u.version', 'u.created_at'])
      .select((eb) => eb.selectFrom('gov_audit_findings as f').whereRef('f.audit_id', '=', 'u.id').where('f.status', '=', 'open').select(sql<number>`count(*)`.as('n')).as('open_findings'));
  }
  type Row = NonNullable<Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirst']>>> & { agency_name: string | null };
  /** The rows with their agency's name (the agencies module's face, in the same executor). */
  async function named<R extends { agency_id: string | null }>(q: Executor, rows: R[]): Promise<(R & { agency_name: string | null })[]> {
    const names = await agencyNames(q, rows.map((r) => r.agency_id));
    return rows.map((r) => ({ ...r, agency_name: r.agency_id ? (names.get(r.agency_id) ?? null) : null }));
  }
  async function ownerNames<R extends { owner_agency_id: string | null }>(q: Executor, rows: R[]): Promise<(R & { owner_name: string | null })[]> {
    const names = await agencyNames(q, rows.map((r) => r.owner_agency_id));
    return rows.map((r) => ({ ...r, owner_name: r.owner_agency_id ? (names.get(r.owner_agency_id) ?? null) : null }));
  }
  const view = (r: Row): AuditView => ({
    id: r.id,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    kind: r.kind,
    scope: r.scope,
    auditorType: r.auditor_type,
    auditorName: r.auditor_name,
    startDate: day(r.start_date),
    endDate: day(r.end_date),
    version: r.version,
    openFindings: Number(r.open_findings ?? 0),
    createdAt: r.created_at,
  });

  /** An audit is visible to readers of its agency, region-wide ones to every reader; findings owned by an agency make it visible to that agency too. */
  function visible(actor: Actor, agencyId: string | null, findingOwners: (string | null)[] = []): boolean {
    if (agencyId === null) return can(actor, AUDIT_READ);
    return can(actor, AUDIT_READ, { agencyId }) || findingOwners.some((o) => o !== null && can(actor, AUDIT_READ, { agencyId: o }));
  }

  async function list(q: Executor, actor: Actor, filter: { agencyId?: string; kind?: AuditKind; page?: number; pageSize?: number }) {
    authorize(actor, AUDIT_READ);
    const scope = agenciesFor(actor, AUDIT_READ);
    let query = base(q);
    if (scope !== 'all') {
      query = query.where((eb) =>
        eb.or([
          eb('u.agency_id', 'is', null),
          ...(scope.length ? [eb('u.agency_id', 'in', scope), eb.exists(eb.selectFrom('gov_audit_findings as f2').whereRef('f2.audit_id', '=', 'u.id').where('f2.owner_agency_id', 'in', scope).select('f2.id'))] : []),
        ]),
      );
    }
    if (filter.agencyId) query = query.where('u.agency_id', '=', filter.agencyId);
    if (filter.kind) query = query.where('u.kind', '=', filter.kind);
    const pageSize = Math.min(Math.max(filter.pageSize ?? 50, 1), 5000);
    const page = Math.max(filter.page ?? 1, 1);
    const total = Number((await query.clearSelect().select(sql<number>`count(*)`.as('n')).executeTakeFirst())?.n ?? 0);
    const rows = await query.orderBy('u.end_date', 'desc').orderBy('u.id').limit(pageSize).offset((page - 1) * pageSize).execute();
    return { items: (await named(q, rows)).map(view), total, page, pageSize };
  }

  async function get(q: Executor, actor: Actor, id: string, today: string): Promise<AuditDetail | null> {
    authorize(actor, AUDIT_READ);
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const found = await base(q).where('u.id', '=', id).executeTakeFirst();
    if (!found) return null;
    const r = (await named(q, [found]))[0]!;
    let findings = await ownerNames(
      q,
      await q
        .selectFrom('gov_audit_findings as f')
        .select(['f.id', 'f.audit_id', 'f.title', 'f.description', 'f.severity', 'f.owner_agency_id', 'f.due_date', 'f.status', 'f.closed_at'])
        .where('f.audit_id', '=', id)
        .orderBy('f.created_at')
        .orderBy('f.id')
        .execute(),
    );
    if (!visible(actor, r.agency_id, findings.map((f) => f.owner_agency_id))) return null;
    // An agency reader of someone else's (or a region-wide) audit sees only the findings it
    // owns and the region-level ones; the auditee agency and the Dinas see all.
    const seesAll = r.agency_id === null ? agenciesFor(actor, AUDIT_READ) === 'all' : can(actor, AUDIT_READ, { agencyId: r.agency_id });
    if (!seesAll) findings = findings.filter((f) => f.owner_agency_id === null || can(actor, AUDIT_READ, { agencyId: f.owner_agency_id }));
    const ids = findings.map((f) => f.id);
    const follow = ids.length ? await q.selectFrom('gov_audit_followups').selectAll().where('finding_id', 'in', ids).orderBy('created_at').orderBy('id').execute() : [];
    return {
      ...view(r),
      findings: findings.map((f) => ({
        id: f.id,
        auditId: f.audit_id,
        title: f.title,
        description: f.description,
        severity: f.severity,
        ownerAgencyId: f.owner_agency_id,
        ownerAgencyName: f.owner_name,
        dueDate: day(f.due_date),
        status: f.status,
        closedAt: f.closed_at,
        late: f.status === 'open' && day(f.due_date) < today,
        followUps: follow.filter((x) => x.finding_id === f.id).map((x) => ({ id: x.id, note: x.note, closes: x.closes, actorLabel: x.actor_label, createdAt: x.created_at })),
      })),
    };
  }

  async function create(trx: Executor, who: GovWho, raw: unknown, today: string): Promise<AuditDetail> {
    authorize(who.actor, AUDIT_MANAGE);
    const input = parseOrThrow(auditInputSchema, raw);
    if (input.agencyId && !(await agencyExists(trx, input.agencyId))) throw errors.validation([{ field: 'agencyId', key: 'validation.choice' }]);
    const row = await trx
      .insertInto('gov_audits')
      .values({
        agency_id: input.agencyId ?? null,
        kind: input.kind,
        scope: input.scope,
        auditor_type: input.auditorType,
        auditor_name: input.auditorName,
        start_date: input.startDate,
        end_date: input.endDate,
        created_by: who.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, who, { action: 'governance.registers.audits.create', entityType: 'gov_audit', entityId: row.id, agencyId: input.agencyId ?? null, after: { ...input } });
    return (await get(trx, who.actor, row.id, today))!;
  }

  async function update(trx: Executor, who: GovWho, id: string, version: number, raw: unknown, today: string): Promise<AuditDetail> {
    authorize(who.actor, AUDIT_MANAGE);
    const current = await get(trx, who.actor, id, today);
    if (!current) throw errors.notFound();
    const input = parseOrThrow(auditInputSchema, raw);
    if (input.agencyId && !(await agencyExists(trx, input.agencyId))) throw errors.validation([{ field: 'agencyId', key: 'validation.choice' }]);
    const done = await trx
      .updateTable('gov_audits')
      .set({
        agency_id: input.agencyId ?? null,
        kind: input.kind,
        scope: input.scope,
        auditor_type: input.auditorType,
        auditor_name: input.auditorName,
        start_date: input.startDate,
        end_date: input.endDate,
        version: sql`version + 1`,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) throw new AppError('conflict', 409, 'gov.reg.stale');
    const { findings: _f, ...before } = current;
    await recordAudit(trx, who, { action: 'governance.registers.audits.update', entityType: 'gov_audit', entityId: id, agencyId: input.agencyId ?? null, before: { ...before }, after: { ...input } });
    return (await get(trx, who.actor, id, today))!;
  }

  async function addFinding(trx: Executor, who: GovWho, auditId: string, raw: unknown, today: string): Promise<AuditDetail> {
    authorize(who.actor, AUDIT_MANAGE);
    const audit = await get(trx, who.actor, auditId, today);
    if (!audit) throw errors.notFound();
    const input = parseOrThrow(findingInputSchema, raw);
    const owner = input.ownerAgencyId ?? audit.agencyId;
    if (input.ownerAgencyId && !(await agencyExists(trx, input.ownerAgencyId))) throw errors.validation([{ field: 'ownerAgencyId', key: 'validation.choice' }]);
    const row = await trx
      .insertInto('gov_audit_findings')
      .values({ audit_id: auditId, title: input.title, description: input.description ?? '', severity: input.severity, owner_agency_id: owner, due_date: input.dueDate })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, who, { action: 'governance.registers.audits.finding', entityType: 'gov_audit_finding', entityId: row.id, agencyId: owner, after: { audit_id: auditId, ...input } });
    return (await get(trx, who.actor, auditId, today))!;
  }

  /**
   * A follow-up entry on a finding, by the owner agency or the Dinas; with `close`, the finding
   * is closed — only with a note, and not twice.
   */
  async function followUp(trx: Executor, who: GovWho, findingId: string, raw: unknown, today: string): Promise<AuditDetail> {
    if (!/^[0-9a-f-]{36}$/i.test(findingId)) throw errors.notFound();
    const f = await trx.selectFrom('gov_audit_findings').selectAll().where('id', '=', findingId).forUpdate().executeTakeFirst();
    if (!f) throw errors.notFound();
    const audit = await get(trx, who.actor, f.audit_id, today);
    if (!audit) throw errors.notFound();
    const allowed = can(who.actor, AUDIT_MANAGE) || (f.owner_agency_id !== null && can(who.actor, AUDIT_FOLLOW_UP, { agencyId: f.owner_agency_id }));
    if (!allowed) throw errors.forbidden();
    const input = parseOrThrow(followUpInputSchema, raw);
    if (input.close) {
      const problem = closingProblem(f, input.note);
      if (problem === 'gov.reg.audit.finding_closed') throw new AppError('conflict', 409, problem);
      if (problem) throw errors.validation([{ field: 'note', key: problem }]);
    } else {
      if (f.status === 'closed') throw new AppError('conflict', 409, 'gov.reg.audit.finding_closed');
      if (!input.note) throw errors.validation([{ field: 'note', key: 'validation.required' }]);
    }
    await trx.insertInto('gov_audit_followups').values({ finding_id: findingId, note: input.note, closes: !!input.close, actor_id: who.actor.userId, actor_label: who.actor.name }).execute();
    if (input.close) await trx.updateTable('gov_audit_findings').set({ status: 'closed', closed_at: new Date() }).where('id', '=', findingId).execute();
    await recordAudit(trx, who, {
      action: input.close ? 'governance.registers.audits.close_finding' : 'governance.registers.audits.follow_up',
      entityType: 'gov_audit_finding',
      entityId: findingId,
      agencyId: f.owner_agency_id,
      before: { status: f.status },
      after: { status: input.close ? 'closed' : f.status, note: input.note },
    });
    return (await get(trx, who.actor, f.audit_id, today))!;
  }

  /** Last infrastructure audit of the region and of each active agency the actor may read; overdue ones flagged. */
  async function infrastructureStatus(q: Executor, actor: Actor | null, today: string): Promise<InfrastructureAuditStatus[]> {
    const scope = actor ? agenciesFor(actor, AUDIT_READ) : 'all';
    let agencies = await activeAgencies(q);
    if (scope !== 'all') agencies = agencies.filter((a) => scope.includes(a.id));
    const region = await regionBasics(q);
    const audits = await q.selectFrom('gov_audits').select(['agency_id', 'end_date']).where('kind', '=', 'infrastructure').execute();
    const subjects = [...(scope === 'all' ? [{ agencyId: null, name: region?.name ?? '' }] : []), ...agencies.map((a) => ({ agencyId: a.id as string | null, name: a.name }))];
    return infrastructureAuditStatus(subjects, audits.map((a) => ({ agencyId: a.agency_id, endDate: day(a.end_date) })), today);
  }

  /** Open findings by severity (for the M&E report and the list page), within the actor's scope. */
  async function openFindingsBySeverity(q: Executor): Promise<Record<Severity, number>> {
    const rows = await q.selectFrom('gov_audit_findings').select(['severity', sql<number>`count(*)`.as('n')]).where('status', '=', 'open').groupBy('severity').execute();
    const out: Record<Severity, number> = { low: 0, medium: 0, high: 0, critical: 0 };
    for (const r of rows) out[r.severity] = Number(r.n);
    return out;
  }

  /** Findings across audits: by the owner agency for agency readers, all for the Dinas. */
  async function listFindings(q: Executor, actor: Actor, filter: { agencyId?: string; status?: 'open' | 'closed'; severity?: Severity; page?: number; pageSize?: number }, today: string) {
    authorize(actor, AUDIT_READ);
    const scope = agenciesFor(actor, AUDIT_READ);
    let query = q
      .selectFrom('gov_audit_findings as f')
      .innerJoin('gov_audits as u', 'u.id', 'f.audit_id')
      .select(['f.id', 'f.audit_id', 'f.title', 'f.severity', 'f.owner_agency_id', 'f.due_date', 'f.status', 'f.closed_at', 'u.kind', 'u.end_date']);
    if (scope !== 'all') query = scope.length ? query.where('f.owner_agency_id', 'in', scope) : query.where(sql<boolean>`false`);
    if (filter.agencyId) query = query.where('f.owner_agency_id', '=', filter.agencyId);
    if (filter.status) query = query.where('f.status', '=', filter.status);
    if (filter.severity) query = query.where('f.severity', '=', filter.severity);
    const pageSize = Math.min(Math.max(filter.pageSize ?? 50, 1), 5000);
    const page = Math.max(filter.page ?? 1, 1);
    const total = Number((await query.clearSelect().select(sql<number>`count(*)`.as('n')).executeTakeFirst())?.n ?? 0);
    const rows = await ownerNames(q, await query.orderBy('f.due_date').orderBy('f.id').limit(pageSize).offset((page - 1) * pageSize).execute());
    return {
      items: rows.map((f) => ({
        id: f.id,
        auditId: f.audit_id,
        auditKind: f.kind,
        auditEndDate: day(f.end_date),
        title: f.title,
        severity: f.severity,
        ownerAgencyId: f.owner_agency_id,
        ownerAgencyName: f.owner_name,
        dueDate: day(f.due_date),
        status: f.status,
        closedAt: f.closed_at,
        late: f.status === 'open' && day(f.due_date) < today,
      })),
      total,
      page,
      pageSize,
    };
  }

  /** The audit a finding belongs to (to show its page again after a refused follow-up). */
  async function auditOfFinding(q: Executor, findingId: string): Promise<string | null> {
    const r = await q.selectFrom('gov_audit_findings').select('audit_id').where('id', '=', findingId).executeTakeFirst();
    return r?.audit_id ?? null;
  }

  return { list, listFindings, get, auditOfFinding, create, update, addFinding, followUp, infrastructureStatus, openFindingsBySeverity };
}

export type AuditService = ReturnType<typeof createAuditService>;
