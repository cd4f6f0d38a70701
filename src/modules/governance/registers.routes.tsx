// Back-office pages of coordination requests (G-1), audits (G-7) and the simple registers
// (G-10 … G-14) under /kelola/tata-kelola, and their JSON API (registers.api.ts). Handlers are
// thin: read what the page needs, authorise, call the service in a transaction, render.
// Every list takes ?format=csv for its CSV export.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { GovernanceDeps as Deps } from './governance.deps.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Trx } from '../../platform/db/database.ts';
import { agenciesFor, authorize, can } from '../../platform/auth/policy.ts';
import { sendCsv, toCsv, type CsvColumn } from '../../platform/export/csv.ts';
import { AppError, errors } from '../../platform/http/errors.ts';
import { formStateFrom, emptyForm, type FormState } from '../../platform/views/context.ts';
import { t as translate, type Locale, type MessageKey, messageKeyOr } from '../../platform/views/i18n.ts';
import { AUDIT_FOLLOW_UP, AUDIT_MANAGE, AUDIT_READ, createAuditService, type AuditService } from './audits.service.ts';
import { AuditDetailPage, AuditFormPage, AuditListPage, AUDIT_PATH, FindingsListPage, FINDINGS_PATH } from './audits.views.tsx';
import { calendarDay, coordinationStates, editableStates } from './coordination.rules.ts';
import { COORD_READ, COORD_REVIEW, COORD_SUBMIT } from './coordination.service.ts';
import { CoordinationDetailPage, CoordinationFormPage, CoordinationListPage, COORD_PATH } from './coordination.views.tsx';
import { registers, type RegisterDefinition } from './registers.framework.ts';
import { READ_ACTION, type RegisterService } from './registers.service.ts';
import { govRegServicesFor, type GovernanceRegisterServices } from './registers.services.ts';
import { displayValue, registerPath, RegisterDetailPage, RegisterFormPage, RegisterListPage, type AgencyOption } from './registers.views.tsx';
import { registerGovernanceRegisterApi } from './registers.api.ts';
import { defineGovernanceSection } from './sections.ts';
import { defineAuditReportSection } from './audits.report.ts';
import './registers.definitions.ts';
import './registers.policy.ts';

defineGovernanceSection({ href: COORD_PATH, labelKey: 'gov.reg.coord.title', descriptionKey: 'gov.reg.coord.lead', action: COORD_READ, order: 40 });
defineGovernanceSection({ href: AUDIT_PATH, labelKey: 'gov.reg.audit.title', descriptionKey: 'gov.reg.audit.lead', action: AUDIT_READ, order: 50 });
for (const def of registers()) {
  defineGovernanceSection({ href: registerPath(def), labelKey: messageKeyOr(`gov.reg.${def.key}.title`, 'value.unknown'), descriptionKey: messageKeyOr(`gov.reg.${def.key}.description`, 'value.unknown'), action: READ_ACTION, order: 60 + def.order / 10 });
}
defineAuditReportSection();

export type { GovernanceRegisterServices };

export function createGovernanceRegisterServices(deps: Pick<Deps, 'config'>): GovernanceRegisterServices {
  return govRegServicesFor(deps.config.govProgressReportMonths);
}

const str = (v: unknown, max = 200) => (typeof v === 'string' ? v.trim().slice(0, max) : '');
const pageOf = (v: unknown) => {
  const n = Number(str(v, 6));
  return Number.isInteger(n) && n > 0 ? n : 1;
};
const versionOf = (v: unknown) => {
  const n = Number(str(v, 10));
  return Number.isInteger(n) && n > 0 ? n : 0;
};
const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
const csvName = (base: string, now: Date) => `${base}-${now.toISOString().slice(0, 10)}.csv`;
type Query = Record<string, unknown>;
type Body = Record<string, unknown>;

export function registerGovernanceRegisterRoutes(app: FastifyInstance, deps: Deps, services: GovernanceRegisterServices = createGovernanceRegisterServices(deps)): void {
  const db = deps.database.db;
  const { registers: regs, coordination, audits } = services;

  async function clock() {
    const tz = (await deps.region()).timeZone;
    const now = new Date();
    return { now, tz, today: calendarDay(now, tz) };
  }

  /** Agencies the actor may choose for `action` (all of them for region-wide grants). */
  async function agencyOptions(actor: Actor, action: string): Promise<AgencyOption[]> {
    const scope = agenciesFor(actor, action);
    const all = (await deps.agencies.listAgencyRefs()).map((a) => ({ id: a.id, name: a.name }));
    return scope === 'all' ? all : all.filter((a) => scope.includes(a.id));
  }

  const who = (request: FastifyRequest) => ({ actor: request.actor!, meta: request.meta });
  const tx = <T,>(fn: (trx: Trx) => Promise<T>) => db.transaction().execute(fn);

  /** A refused form comes back with what was typed; anything else propagates. */
  function refused(e: unknown, body: unknown): { form: FormState; status: number } {
    if (!(e instanceof AppError) || (e.status !== 422 && e.status !== 409)) throw e;
    return { form: formStateFrom(body, e.fields ?? [{ field: '_form', key: e.messageKey, params: e.params }]), status: e.status };
  }

  const tr = (request: FastifyRequest) => (key: MessageKey, params?: Record<string, string | number>) => translate(request.locale as Locale, key, params);

  // ---------- simple registers (G-10 … G-14) ----------
  for (const def of registers()) {
    const path = registerPath(def);

    app.get<{ Querystring: Query }>(path, async (request, reply) => {
      authorize(request.actor, READ_ACTION);
      const actor = request.actor;
      const { now, today } = await clock();
      const filter = { instansi: str(request.query.instansi, 40), q: str(request.query.q, 100) };
      const csv = request.query.format === 'csv';
      const agencyId = isUuid(filter.instansi) ? filter.instansi : undefined;
      const result = await regs.list(db, actor, def, { agencyId, search: filter.q || undefined, page: csv ? 1 : pageOfQ(request.query), pageSize: csv ? 5000 : 50 }, today);
      if (csv) return sendCsv(reply, csvName(def.slug, now), registerCsv(request, def, result.items));
      const ctx = await app.viewContext(request, reply);
      const notice = request.query.tersimpan ? ctx.t('gov.reg.saved') : undefined;
      return reply.page(
        RegisterListPage({ ctx, def, ...result, agencies: await agencyOptions(actor, READ_ACTION), filter, canCreate: can(actor, def.manageAction), notice }),
      );
    });

    const formPage = async (request: FastifyRequest, reply: FastifyReply, form: FormState, status: number, entryId?: string) => {
      const actor = request.actor!;
      const { today } = await clock();
      const entry = entryId ? await regs.get(db, actor, def, entryId, today) : undefined;
      if (entryId && !entry) throw errors.notFound();
      const ctx = await app.viewContext(request, reply);
      return reply.page(RegisterFormPage({ ctx, def, agencies: await agencyOptions(actor, def.manageAction), form, entry: entry ?? undefined }), status);
    };

    app.get(`${path}/baru`, async (request, reply) => {
      authorize(request.actor, def.manageAction);
      return formPage(request, reply, emptyForm, 200);
    });

    app.post<{ Body: Body }>(`${path}/baru`, async (request, reply) => {
      authorize(request.actor, def.manageAction);
      const { today } = await clock();
      try {
        const e = await tx((trx) => regs.create(trx, who(request), def, request.body ?? {}, today));
        return reply.redirect(`${path}/${e.id}?tersimpan=1`, 303);
      } catch (e) {
        const r = refused(e, request.body);
        return formPage(request, reply, r.form, r.status);
      }
    });

    app.get<{ Params: { id: string }; Querystring: Query }>(`${path}/:id`, async (request, reply) => {
      authorize(request.actor, READ_ACTION);
      const { today } = await clock();
      const entry = await regs.get(db, request.actor, def, request.params.id, today);
      if (!entry) throw errors.notFound();
      const ctx = await app.viewContext(request, reply);
      return reply.page(RegisterDetailPage({ ctx, def, entry, canEdit: can(request.actor, def.manageAction, { agencyId: entry.agencyId }), notice: request.query.tersimpan ? ctx.t('gov.reg.saved') : undefined }));
    });

    app.get<{ Params: { id: string } }>(`${path}/:id/ubah`, async (request, reply) => {
      authorize(request.actor, def.manageAction);
      const { today } = await clock();
      const entry = await regs.get(db, request.actor, def, request.params.id, today);
      if (!entry) throw errors.notFound();
      if (!can(request.actor, def.manageAction, { agencyId: entry.agencyId })) throw errors.forbidden();
      const values: Record<string, string> = { agencyId: entry.agencyId ?? '', version: String(entry.version) };
      for (const [k, v] of Object.entries(entry.data)) values[k] = String(v);
      return formPage(request, reply, { values, errors: [] }, 200, entry.id);
    });

    app.post<{ Params: { id: string }; Body: Body }>(`${path}/:id/ubah`, async (request, reply) => {
      authorize(request.actor, def.manageAction);
      const { today } = await clock();
      try {
        const e = await tx((trx) => regs.update(trx, who(request), def, request.params.id, versionOf(request.body?.version), request.body ?? {}, today));
        return reply.redirect(`${path}/${e.id}?tersimpan=1`, 303);
      } catch (e) {
        const r = refused(e, request.body);
        return formPage(request, reply, r.form, r.status, request.params.id);
      }
    });
  }

  function pageOfQ(q: Query) {
    return pageOf(q.halaman);
  }

  function registerCsv(request: FastifyRequest, def: RegisterDefinition, items: Awaited<ReturnType<RegisterService['list']>>['items']) {
    const t = tr(request);
    const ctxLike = { t, locale: request.locale as Locale } as Parameters<typeof displayValue>[0];
    const columns: CsvColumn<(typeof items)[number]>[] = [
      { header: 'id', value: (e) => e.id },
      { header: t('gov.reg.agency'), value: (e) => e.agencyName ?? t('gov.reg.region_level') },
      ...def.fields.map((f) => ({
        header: t(messageKeyOr(`gov.reg.${def.key}.f.${f.key}`, 'value.unknown')),
        value: (e: (typeof items)[number]) => {
          const v = e.data[f.key];
          if (v === undefined || v === null) return '';
          return f.kind === 'select' ? displayValue(ctxLike, f, v) : (v as string | number);
        },
      })),
      { header: t('gov.reg.flags'), value: (e) => e.flags.map((k) => t(k)).join('; ') },
      { header: t('gov.reg.updated_at'), value: (e) => e.updatedAt },
    ];
    return toCsv(columns, items);
  }

  // ---------- coordination requests (G-1) ----------
  app.get<{ Querystring: Query }>(COORD_PATH, async (request, reply) => {
    authorize(request.actor, COORD_READ);
    const actor = request.actor;
    const { now, tz } = await clock();
    const filter = { instansi: str(request.query.instansi, 40), status: str(request.query.status, 30), laporan: str(request.query.laporan, 20) };
    const csv = request.query.format === 'csv';
    const state = (coordinationStates as readonly string[]).includes(filter.status) ? (filter.status as (typeof coordinationStates)[number]) : undefined;
    const result = await coordination.list(
      db,
      actor,
      { agencyId: isUuid(filter.instansi) ? filter.instansi : undefined, state, overdueOnly: filter.laporan === 'terlambat', page: csv ? 1 : pageOfQ(request.query), pageSize: csv ? 5000 : 50 },
      now,
      tz,
    );
    if (csv) {
      const t = tr(request);
      return sendCsv(
        reply,
        csvName('koordinasi', now),
        toCsv(
          [
            { header: 'id', value: (r) => r.id },
            { header: t('gov.reg.agency'), value: (r) => r.agencyName },
            { header: t('gov.reg.coord.f.title'), value: (r) => r.title },
            { header: t('gov.reg.coord.f.kind'), value: (r) => t(`gov.reg.opt.${r.kind}`) },
            { header: t('gov.reg.coord.f.plannedYear'), value: (r) => r.plannedYear },
            { header: t('gov.reg.coord.f.estimatedBudget'), value: (r) => r.estimatedBudget },
            { header: t('gov.reg.coord.state'), value: (r) => t(`gov.reg.coord.state.${r.state}`) },
            { header: t('gov.reg.coord.f.budgetGuidance'), value: (r) => r.budgetGuidance },
            { header: t('gov.reg.coord.f.percent'), value: (r) => r.lastProgress?.percent ?? null },
            { header: t('gov.reg.coord.next_report'), value: (r) => r.progressDueOn },
            { header: t('gov.reg.coord.progress_overdue'), value: (r) => r.progressOverdue },
          ],
          result.items,
        ),
      );
    }
    const ctx = await app.viewContext(request, reply);
    return reply.page(CoordinationListPage({ ctx, ...result, agencies: await agencyOptions(actor, COORD_READ), filter, canCreate: can(actor, COORD_SUBMIT) }));
  });

  const coordForm = async (request: FastifyRequest, reply: FastifyReply, form: FormState, status: number, id?: string) => {
    const actor = request.actor!;
    const { now, tz } = await clock();
    const r = id ? await coordination.get(db, actor, id, now, tz) : undefined;
    if (id && !r) throw errors.notFound();
    const ctx = await app.viewContext(request, reply);
    return reply.page(CoordinationFormPage({ ctx, agencies: await agencyOptions(actor, COORD_SUBMIT), form, request: r ?? undefined }), status);
  };

  app.get(`${COORD_PATH}/baru`, async (request, reply) => {
    authorize(request.actor, COORD_SUBMIT);
    const { today } = await clock();
    return coordForm(request, reply, { values: { plannedYear: String(Number(today.slice(0, 4)) + 1) }, errors: [] }, 200);
  });

  app.post<{ Body: Body }>(`${COORD_PATH}/baru`, async (request, reply) => {
    authorize(request.actor, COORD_SUBMIT);
    const { now, tz } = await clock();
    try {
      const r = await tx((trx) => coordination.create(trx, who(request), request.body ?? {}, now, tz));
      return reply.redirect(`${COORD_PATH}/${r.id}?tersimpan=1`, 303);
    } catch (e) {
      const x = refused(e, request.body);
      return coordForm(request, reply, x.form, x.status);
    }
  });

  const coordPage = async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, form: FormState, status: number, notice?: MessageKey) => {
    const actor = request.actor!;
    const { now, tz } = await clock();
    const r = await coordination.get(db, actor, request.params.id, now, tz);
    if (!r) throw errors.notFound();
    const agencySide = can(actor, COORD_SUBMIT, { agencyId: r.agencyId });
    const ctx = await app.viewContext(request, reply);
    return reply.page(
      CoordinationDetailPage({
        ctx,
        r,
        side: { agency: agencySide, dinas: can(actor, COORD_REVIEW) },
        canEdit: agencySide && editableStates.includes(r.state),
        form,
        notice: notice ? ctx.t(notice) : undefined,
      }),
      status,
    );
  };

  app.get<{ Params: { id: string }; Querystring: Query }>(`${COORD_PATH}/:id`, async (request, reply) => {
    authorize(request.actor, COORD_READ);
    return coordPage(request, reply, emptyForm, 200, request.query.tersimpan ? 'gov.reg.saved' : undefined);
  });

  app.get<{ Params: { id: string } }>(`${COORD_PATH}/:id/ubah`, async (request, reply) => {
    authorize(request.actor, COORD_SUBMIT);
    const { now, tz } = await clock();
    const r = await coordination.get(db, request.actor, request.params.id, now, tz);
    if (!r) throw errors.notFound();
    if (!can(request.actor, COORD_SUBMIT, { agencyId: r.agencyId })) throw errors.forbidden();
    const values = {
      agencyId: r.agencyId,
      title: r.title,
      kind: r.kind,
      description: r.description,
      estimatedBudget: String(r.estimatedBudget),
      plannedYear: String(r.plannedYear),
      attachmentUrl: r.attachmentUrl ?? '',
      version: String(r.version),
    };
    return coordForm(request, reply, { values, errors: [] }, 200, r.id);
  });

  app.post<{ Params: { id: string }; Body: Body }>(`${COORD_PATH}/:id/ubah`, async (request, reply) => {
    authorize(request.actor, COORD_SUBMIT);
    const { now, tz } = await clock();
    try {
      await tx((trx) => coordination.update(trx, who(request), request.params.id, versionOf(request.body?.version), request.body ?? {}, now, tz));
      return reply.redirect(`${COORD_PATH}/${request.params.id}?tersimpan=1`, 303);
    } catch (e) {
      const x = refused(e, request.body);
      return coordForm(request, reply, x.form, x.status, request.params.id);
    }
  });

  app.post<{ Params: { id: string }; Body: Body }>(`${COORD_PATH}/:id/tindakan`, async (request, reply) => {
    authorize(request.actor, COORD_READ);
    const { now, tz } = await clock();
    const body = request.body ?? {};
    try {
      await tx((trx) => coordination.act(trx, who(request), request.params.id, body, now, tz, versionOf(body.version) || undefined));
      return reply.redirect(`${COORD_PATH}/${request.params.id}?tersimpan=1`, 303);
    } catch (e) {
      const x = refused(e, body);
      return coordPage(request, reply, x.form, x.status);
    }
  });

  app.post<{ Params: { id: string }; Body: Body }>(`${COORD_PATH}/:id/kemajuan`, async (request, reply) => {
    authorize(request.actor, COORD_SUBMIT);
    const { now, tz } = await clock();
    const body = request.body ?? {};
    try {
      await tx((trx) => coordination.addProgress(trx, who(request), request.params.id, body, now, tz));
      return reply.redirect(`${COORD_PATH}/${request.params.id}?tersimpan=1`, 303);
    } catch (e) {
      const x = refused(e, body);
      x.form.values.action = 'progress';
      return coordPage(request, reply, x.form, x.status);
    }
  });

  // ---------- audits (G-7) ----------
  app.get<{ Querystring: Query }>(AUDIT_PATH, async (request, reply) => {
    authorize(request.actor, AUDIT_READ);
    const actor = request.actor;
    const { now, today } = await clock();
    const filter = { instansi: str(request.query.instansi, 40), jenis: str(request.query.jenis, 20) };
    const kind = ['infrastructure', 'application', 'security'].includes(filter.jenis) ? (filter.jenis as 'infrastructure') : undefined;
    const csv = request.query.format === 'csv';
    const result = await audits.list(db, actor, { agencyId: isUuid(filter.instansi) ? filter.instansi : undefined, kind, page: csv ? 1 : pageOfQ(request.query), pageSize: csv ? 5000 : 50 });
    if (csv) {
      const t = tr(request);
      return sendCsv(
        reply,
        csvName('audit-tik', now),
        toCsv(
          [
            { header: 'id', value: (a) => a.id },
            { header: t('gov.reg.audit.f.agency'), value: (a) => a.agencyName ?? t('gov.reg.region_level') },
            { header: t('gov.reg.audit.f.kind'), value: (a) => t(`gov.reg.opt.${a.kind}`) },
            { header: t('gov.reg.audit.f.scope'), value: (a) => a.scope },
            { header: t('gov.reg.audit.f.auditorType'), value: (a) => t(`gov.reg.opt.${a.auditorType}`) },
            { header: t('gov.reg.audit.f.auditorName'), value: (a) => a.auditorName },
            { header: t('gov.reg.audit.f.startDate'), value: (a) => a.startDate },
            { header: t('gov.reg.audit.f.endDate'), value: (a) => a.endDate },
            { header: t('gov.reg.audit.open_findings'), value: (a) => a.openFindings },
          ],
          result.items,
        ),
      );
    }
    const ctx = await app.viewContext(request, reply);
    const regionWide = agenciesFor(actor, AUDIT_READ) === 'all';
    return reply.page(
      AuditListPage({
        ctx,
        ...result,
        agencies: await agencyOptions(actor, AUDIT_READ),
        filter,
        canCreate: can(actor, AUDIT_MANAGE),
        infrastructure: await audits.infrastructureStatus(db, actor, today),
        openBySeverity: regionWide ? await audits.openFindingsBySeverity(db) : null,
      }),
    );
  });

  app.get<{ Querystring: Query }>(FINDINGS_PATH, async (request, reply) => {
    authorize(request.actor, AUDIT_READ);
    const actor = request.actor;
    const { now, today } = await clock();
    const filter = { instansi: str(request.query.instansi, 40), status: str(request.query.status, 10), tingkat: str(request.query.tingkat, 10) };
    const csv = request.query.format === 'csv';
    const status = filter.status === 'open' || filter.status === 'closed' ? filter.status : undefined;
    const severity = (['low', 'medium', 'high', 'critical'] as const).find((s) => s === filter.tingkat);
    const result = await audits.listFindings(db, actor, { agencyId: isUuid(filter.instansi) ? filter.instansi : undefined, status, severity, page: csv ? 1 : pageOfQ(request.query), pageSize: csv ? 5000 : 50 }, today);
    if (csv) {
      const t = tr(request);
      return sendCsv(
        reply,
        csvName('temuan-audit', now),
        toCsv(
          [
            { header: 'id', value: (f) => f.id },
            { header: t('gov.reg.audit.f.finding'), value: (f) => f.title },
            { header: t('gov.reg.audit.f.kind'), value: (f) => t(`gov.reg.opt.${f.auditKind}`) },
            { header: t('gov.reg.audit.f.severity'), value: (f) => t(`gov.reg.opt.${f.severity}`) },
            { header: t('gov.reg.audit.f.owner'), value: (f) => f.ownerAgencyName ?? t('gov.reg.region_level') },
            { header: t('gov.reg.audit.f.dueDate'), value: (f) => f.dueDate },
            { header: t('gov.reg.audit.f.status'), value: (f) => t(`gov.reg.audit.status.${f.status}`) },
            { header: t('gov.reg.audit.finding_late'), value: (f) => f.late },
          ],
          result.items,
        ),
      );
    }
    const ctx = await app.viewContext(request, reply);
    return reply.page(FindingsListPage({ ctx, ...result, agencies: await agencyOptions(actor, AUDIT_READ), filter }));
  });

  const auditForm = async (request: FastifyRequest, reply: FastifyReply, form: FormState, status: number, id?: string) => {
    const actor = request.actor!;
    const { today } = await clock();
    const audit = id ? await audits.get(db, actor, id, today) : undefined;
    if (id && !audit) throw errors.notFound();
    const ctx = await app.viewContext(request, reply);
    return reply.page(AuditFormPage({ ctx, agencies: await agencyOptions(actor, AUDIT_READ), form, audit: audit ?? undefined }), status);
  };

  app.get(`${AUDIT_PATH}/baru`, async (request, reply) => {
    authorize(request.actor, AUDIT_MANAGE);
    return auditForm(request, reply, emptyForm, 200);
  });

  app.post<{ Body: Body }>(`${AUDIT_PATH}/baru`, async (request, reply) => {
    authorize(request.actor, AUDIT_MANAGE);
    const { today } = await clock();
    try {
      const a = await tx((trx) => audits.create(trx, who(request), request.body ?? {}, today));
      return reply.redirect(`${AUDIT_PATH}/${a.id}?tersimpan=1`, 303);
    } catch (e) {
      const x = refused(e, request.body);
      return auditForm(request, reply, x.form, x.status);
    }
  });

  const auditPage = async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, id: string, form: FormState & { target?: string }, status: number, notice?: MessageKey) => {
    const actor = request.actor!;
    const { today } = await clock();
    const audit = await audits.get(db, actor, id, today);
    if (!audit) throw errors.notFound();
    const ctx = await app.viewContext(request, reply);
    const manage = can(actor, AUDIT_MANAGE);
    return reply.page(
      AuditDetailPage({
        ctx,
        audit,
        agencies: manage ? await agencyOptions(actor, AUDIT_READ) : [],
        canManage: manage,
        canFollowUp: (owner) => manage || (owner !== null && can(actor, AUDIT_FOLLOW_UP, { agencyId: owner })),
        form,
        notice: notice ? ctx.t(notice) : undefined,
      }),
      status,
    );
  };

  app.get<{ Params: { id: string }; Querystring: Query }>(`${AUDIT_PATH}/:id`, async (request, reply) => {
    authorize(request.actor, AUDIT_READ);
    return auditPage(request, reply, request.params.id, emptyForm, 200, request.query.tersimpan ? 'gov.reg.saved' : undefined);
  });

  app.get<{ Params: { id: string } }>(`${AUDIT_PATH}/:id/ubah`, async (request, reply) => {
    authorize(request.actor, AUDIT_MANAGE);
    const { today } = await clock();
    const a = await audits.get(db, request.actor, request.params.id, today);
    if (!a) throw errors.notFound();
    const values = { agencyId: a.agencyId ?? '', kind: a.kind, scope: a.scope, auditorType: a.auditorType, auditorName: a.auditorName, startDate: a.startDate, endDate: a.endDate, version: String(a.version) };
    return auditForm(request, reply, { values, errors: [] }, 200, a.id);
  });

  app.post<{ Params: { id: string }; Body: Body }>(`${AUDIT_PATH}/:id/ubah`, async (request, reply) => {
    authorize(request.actor, AUDIT_MANAGE);
    const { today } = await clock();
    try {
      await tx((trx) => audits.update(trx, who(request), request.params.id, versionOf(request.body?.version), request.body ?? {}, today));
      return reply.redirect(`${AUDIT_PATH}/${request.params.id}?tersimpan=1`, 303);
    } catch (e) {
      const x = refused(e, request.body);
      return auditForm(request, reply, x.form, x.status, request.params.id);
    }
  });

  app.post<{ Params: { id: string }; Body: Body }>(`${AUDIT_PATH}/:id/temuan`, async (request, reply) => {
    authorize(request.actor, AUDIT_MANAGE);
    const { today } = await clock();
    try {
      await tx((trx) => audits.addFinding(trx, who(request), request.params.id, request.body ?? {}, today));
      return reply.redirect(`${AUDIT_PATH}/${request.params.id}?tersimpan=1`, 303);
    } catch (e) {
      const x = refused(e, request.body);
      return auditPage(request, reply, request.params.id, { ...x.form, target: 'finding' }, x.status);
    }
  });

  app.post<{ Params: { id: string }; Body: Body }>(`${AUDIT_PATH}/temuan/:id/tindak-lanjut`, async (request, reply) => {
    authorize(request.actor, AUDIT_READ);
    const { today } = await clock();
    const findingId = request.params.id;
    try {
      const a = await tx((trx) => audits.followUp(trx, who(request), findingId, request.body ?? {}, today));
      return reply.redirect(`${AUDIT_PATH}/${a.id}?tersimpan=1`, 303);
    } catch (e) {
      const x = refused(e, request.body);
      const auditId = isUuid(findingId) ? await audits.auditOfFinding(db, findingId) : null;
      if (!auditId) throw errors.notFound();
      return auditPage(request, reply, auditId, { ...x.form, target: findingId }, x.status);
    }
  });

  registerGovernanceRegisterApi(app, deps, services);
}
