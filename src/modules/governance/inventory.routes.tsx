// Back-office pages of the ICT inventories (G-4, G-5, G-6, G-9, G-12):
// - /kelola/tata-kelola/aplikasi (list, filters, ?format=csv), /baru, /:id, /:id/ubah,
//   POST /:id/serah-terima/:item (multipart: PDF or link), GET …/berkas, POST /:id/terima
// - /kelola/tata-kelola/sdm-tik (region table, ?format=csv), /angka/:agencyId/:year,
//   /pegawai/baru, /pegawai/:id/ubah
// - /kelola/tata-kelola/aset (list, filters, ?format=csv), /baru, /:id/ubah, /impor
//   (multipart CSV), /templat.csv
// Handlers: validate → authorise (policy) → service in a transaction → page.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { GovernanceDeps as Deps } from './governance.deps.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { authorize, can } from '../../platform/auth/policy.ts';
import type { Trx } from '../../platform/db/database.ts';
import { AppError, errors, type FieldError } from '../../platform/http/errors.ts';
import { sendCsv, toCsv } from '../../platform/export/csv.ts';
import { registerUploads, uploadedFile } from '../../platform/storage/uploads.ts';
import { formStateFrom, type FormState } from '../../platform/views/context.ts';
import { assetCsvTemplate, assetsCsv } from './inventory.csv.ts';
import type { ApplicationDetail, ApplicationView, AssetView, StaffMemberView } from './inventory.service.ts';
import { handoverItems } from './inventory.schemas.ts';
import { APPS_PATH, ApplicationDetailPage, ApplicationFormPage, ApplicationsPage, ASSETS_PATH, STAFF_PATH, type AgencyOption } from './inventory.views.tsx';
import { StaffFiguresFormPage, StaffMemberFormPage, StaffPage } from './inventory-staff.views.tsx';
import { AssetFormPage, AssetImportPage, AssetsPage } from './inventory-assets.views.tsx';
import { registerInventoryApi } from './inventory.api.ts';
import { type MessageKey, messageKeyOr } from '../../platform/views/i18n.ts';

const READ = 'governance.inventory.read';
const MANAGE = 'governance.inventory.manage';
const ACCEPT = 'governance.inventory.accept_handover';
const HANDOVER_MAX_BYTES = 20 * 1024 * 1024;
const CSV_MAX_BYTES = 2 * 1024 * 1024;

type Body = Record<string, unknown>;
const str = (v: unknown, max = 200) => (typeof v === 'string' ? v.trim().slice(0, max) : '');
const today = () => new Date().toISOString().slice(0, 10);

/** Form values to show again: lists (checkboxes, multi-select) joined with commas. */
function valuesOf(body: unknown): FormState['values'] {
  const base = formStateFrom(body, []).values;
  if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body as Body)) if (Array.isArray(v)) base[k] = v.filter((x) => typeof x === 'string').join(',');
  }
  return base;
}

/** A 422/409 from the service as a form state; anything else is rethrown. */
function failedForm(e: unknown, body: unknown): { form: FormState; status: number } {
  if (!(e instanceof AppError) || (e.status !== 422 && e.status !== 409)) throw e;
  // `relatedIds.2` → `relatedIds`: list fields are one control on the form.
  const fields: FieldError[] = e.fields?.length ? e.fields.map((f) => ({ ...f, field: f.field.replace(/\.\d+$/, '') })) : [{ field: 'version', key: e.messageKey, params: e.params }];
  return { form: { values: valuesOf(body), errors: fields }, status: e.status };
}

/** Certifications typed one per line: "name; year; valid until". */
export function parseCertifications(text: string): { ok: true; items: { name: string; year: number; expiresOn: string | null }[] } | { ok: false; line: number } {
  const items: { name: string; year: number; expiresOn: string | null }[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!.trim();
    if (!l) continue;
    const [name, year, expires] = l.split(';').map((p) => p.trim());
    if (!name || !year || !/^\d{4}$/.test(year) || (expires && !/^\d{4}-\d{2}-\d{2}$/.test(expires))) return { ok: false, line: i + 1 };
    items.push({ name, year: Number(year), expiresOn: expires || null });
  }
  return { ok: true, items };
}

const certificationsText = (m: StaffMemberView) => m.certifications.map((c) => [c.name, String(c.year), c.expiresOn ?? ''].join('; ').replace(/; $/, '')).join('\n');

export function registerInventoryRoutes(app: FastifyInstance, deps: Deps): void {
  const db = deps.database.db;
  const inv = deps.inventory;
  const tx = <T,>(fn: (trx: Trx) => Promise<T>) => db.transaction().execute(fn);
  const who = (request: FastifyRequest) => ({ actor: request.actor!, meta: request.meta });

  /** Agencies the actor may act on for `action`, by name. */
  async function agencyOptions(actor: Actor | null, action: string): Promise<AgencyOption[]> {
    const refs = await deps.agencies.listAgencyRefs();
    return refs.filter((a) => a.active && can(actor, action, { agencyId: a.id })).map((a) => ({ id: a.id, name: a.name }));
  }
  const canManageFn = (actor: Actor | null) => (agencyId: string) => can(actor, MANAGE, { agencyId });
  const q = (v: unknown, max = 100) => (typeof v === 'string' && v ? v.slice(0, max) : undefined);
  const uuidOrUndef = (v: unknown) => (typeof v === 'string' && /^[0-9a-f-]{36}$/i.test(v) ? v : undefined);

  // ------------------------------------------------------------------------------ applications
  const appCsvColumns = (t: (k: MessageKey) => string) => [
    { header: 'nama', value: (a: ApplicationView) => a.name },
    { header: 'instansi', value: (a: ApplicationView) => a.agencyName },
    { header: 'jenis', value: (a: ApplicationView) => t(`gov.inv.app.kind.${a.kind}`) },
    { header: 'pengembang', value: (a: ApplicationView) => t(`gov.inv.app.developer.${a.developerKind}`) },
    { header: 'nama_pengembang', value: (a: ApplicationView) => a.developerName },
    { header: 'tujuan', value: (a: ApplicationView) => a.purpose },
    { header: 'pengguna', value: (a: ApplicationView) => [...a.userGroups.map((u) => t(messageKeyOr(`gov.inv.app.users.${u}`, 'value.unknown'))), a.usersNote].filter(Boolean).join('; ') },
    { header: 'url', value: (a: ApplicationView) => a.url },
    { header: 'hosting', value: (a: ApplicationView) => t(`gov.inv.app.hosting.${a.hosting}`) },
    { header: 'keamanan', value: (a: ApplicationView) => [...a.security.map((s) => t(messageKeyOr(`gov.inv.app.security.${s}`, 'value.unknown'))), a.securityNote].filter(Boolean).join('; ') },
    { header: 'dokumentasi', value: (a: ApplicationView) => a.documentation },
    { header: 'kode_sumber', value: (a: ApplicationView) => a.sourceLocation },
    { header: 'status', value: (a: ApplicationView) => t(`gov.inv.app.status.${a.status}`) },
    { header: 'tanggal_rencana', value: (a: ApplicationView) => a.plannedOn },
    { header: 'tanggal_operasi', value: (a: ApplicationView) => a.liveOn },
    { header: 'tanggal_dihentikan', value: (a: ApplicationView) => a.retiredOn },
    { header: 'serah_terima_diterima', value: (a: ApplicationView) => a.handoverAcceptedAt },
  ];

  app.get<{ Querystring: Record<string, unknown> }>(APPS_PATH, async (request, reply) => {
    authorize(request.actor, READ);
    const actor = request.actor;
    const filters = { instansi: uuidOrUndef(request.query.instansi), jenis: q(request.query.jenis), status: q(request.query.status), hosting: q(request.query.hosting), cari: q(request.query.cari) };
    const items = await inv.listApplications(db, actor, { agencyId: filters.instansi, kind: filters.jenis, status: filters.status, hosting: filters.hosting, q: filters.cari });
    const ctx = await app.viewContext(request, reply);
    if (request.query.format === 'csv') return sendCsv(reply, `aplikasi-${today()}.csv`, toCsv(appCsvColumns(ctx.t), items));
    const notice = request.query.ok === 'baru' ? ctx.t('gov.inv.created') : undefined;
    return reply.page(ApplicationsPage({ ctx, items, agencies: await agencyOptions(actor, READ), filters, canCreate: can(actor, MANAGE), notice }));
  });

  async function appForm(request: FastifyRequest, reply: FastifyReply, form: FormState, editing?: { id: string; name: string; version: number }, status = 200) {
    const ctx = await app.viewContext(request, reply);
    const [agencies, choices] = await Promise.all([agencyOptions(request.actor, MANAGE), inv.applicationChoices(db)]);
    return reply.page(ApplicationFormPage({ ctx, form, agencies, choices, editing }), status);
  }

  app.get(`${APPS_PATH}/baru`, async (request, reply) => {
    authorize(request.actor, MANAGE);
    const agencies = await agencyOptions(request.actor, MANAGE);
    return appForm(request, reply, { values: { agencyId: agencies.length === 1 ? agencies[0]!.id : '', status: 'planned' }, errors: [] });
  });

  app.post<{ Body: Body }>(APPS_PATH, async (request, reply) => {
    authorize(request.actor, MANAGE);
    try {
      const created = await tx((trx) => inv.createApplication(trx, who(request), request.body));
      return reply.redirect(`${APPS_PATH}/${created.id}?ok=baru`, 303);
    } catch (e) {
      const f = failedForm(e, request.body);
      return appForm(request, reply, f.form, undefined, f.status);
    }
  });

  async function loadApp(request: FastifyRequest<{ Params: { id: string } }>): Promise<ApplicationDetail> {
    authorize(request.actor, READ);
    const id = uuidOrUndef(request.params.id);
    const a = id ? await inv.getApplication(db, request.actor, id) : null;
    if (!a) throw errors.notFound();
    return a;
  }

  async function detailPage(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, extra: { notice?: string; failed?: { item: string; errors: FieldError[]; link: string }; acceptErrors?: FieldError[] } = {}, status = 200) {
    const a = await loadApp(request);
    const ctx = await app.viewContext(request, reply);
    return reply.page(
      ApplicationDetailPage({ ctx, app: a, canManage: can(request.actor, MANAGE, { agencyId: a.agencyId }), canAccept: can(request.actor, ACCEPT), ...extra }),
      status,
    );
  }

  app.get<{ Params: { id: string }; Querystring: { ok?: string } }>(`${APPS_PATH}/:id`, async (request, reply) => {
    const ok = request.query.ok;
    const ctx = await app.viewContext(request, reply);
    const notice = ok === 'baru' ? ctx.t('gov.inv.created') : ok === 'simpan' ? ctx.t('gov.inv.saved') : ok === 'terima' ? ctx.t('gov.inv.handover.accepted_notice') : undefined;
    return detailPage(request, reply, { notice });
  });

  const appValues = (a: ApplicationDetail): FormState['values'] => ({
    agencyId: a.agencyId,
    name: a.name,
    kind: a.kind,
    developerKind: a.developerKind,
    developerName: a.developerName,
    relatedIds: a.related.map((r) => r.id).join(','),
    purpose: a.purpose,
    userGroups: a.userGroups.join(','),
    usersNote: a.usersNote,
    url: a.url,
    hosting: a.hosting,
    security: a.security.join(','),
    securityNote: a.securityNote,
    documentation: a.documentation,
    sourceLocation: a.sourceLocation,
    status: a.status,
    plannedOn: a.plannedOn ?? '',
    liveOn: a.liveOn ?? '',
    retiredOn: a.retiredOn ?? '',
    version: String(a.version),
  });

  app.get<{ Params: { id: string } }>(`${APPS_PATH}/:id/ubah`, async (request, reply) => {
    const a = await loadApp(request);
    authorize(request.actor, MANAGE, { agencyId: a.agencyId });
    return appForm(request, reply, { values: appValues(a), errors: [] }, { id: a.id, name: a.name, version: a.version });
  });

  app.post<{ Params: { id: string }; Body: Body }>(`${APPS_PATH}/:id/ubah`, async (request, reply) => {
    const a = await loadApp(request);
    authorize(request.actor, MANAGE, { agencyId: a.agencyId });
    const version = Number(str(request.body?.version, 10));
    try {
      await tx((trx) => inv.updateApplication(trx, who(request), a.id, Number.isInteger(version) ? version : -1, request.body));
      return reply.redirect(`${APPS_PATH}/${a.id}?ok=simpan`, 303);
    } catch (e) {
      const f = failedForm(e, request.body);
      // After a conflict the form keeps what was typed; the next save is against the current version.
      if (f.status === 409) f.form.values.version = String(a.version);
      return appForm(request, reply, f.form, { id: a.id, name: a.name, version: a.version }, f.status);
    }
  });

  app.get<{ Params: { id: string; item: string } }>(`${APPS_PATH}/:id/serah-terima/:item/berkas`, async (request, reply) => {
    authorize(request.actor, READ);
    const id = uuidOrUndef(request.params.id);
    const file = id ? await inv.handoverFile(request.actor, id, request.params.item) : null;
    if (!file) throw errors.notFound();
    const name = file.fileName.replace(/[^A-Za-z0-9._-]+/g, '_') || 'dokumen.pdf';
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="${name}"`).header('cache-control', 'private, no-store').send(file.bytes);
  });

  app.register(async (scope) => {
    await registerUploads(scope, { maxBytes: HANDOVER_MAX_BYTES });
    scope.post<{ Params: { id: string; item: string }; Body: Body }>(`${APPS_PATH}/:id/serah-terima/:item`, async (request, reply) => {
      const a = await loadApp(request);
      authorize(request.actor, MANAGE, { agencyId: a.agencyId });
      const item = request.params.item;
      if (!(handoverItems as readonly string[]).includes(item)) throw errors.notFound();
      const file = uploadedFile(request.body, 'file');
      const link = str(request.body?.link, 600);
      if (file?.tooLarge) return detailPage(request, reply, { failed: { item, link, errors: [{ field: 'file', key: 'gov.inv.handover.too_large' }] } }, 413);
      try {
        await inv.provideHandoverItem(who(request), a.id, item, { file: file ?? null, link });
        return reply.redirect(`${APPS_PATH}/${a.id}?ok=simpan#h-handover`, 303);
      } catch (e) {
        if (!(e instanceof AppError) || e.status !== 422) throw e;
        return detailPage(request, reply, { failed: { item, link, errors: e.fields ?? [] } }, 422);
      }
    });
  });

  app.post<{ Params: { id: string } }>(`${APPS_PATH}/:id/terima`, async (request, reply) => {
    const a = await loadApp(request);
    authorize(request.actor, ACCEPT);
    try {
      await tx((trx) => inv.acceptHandover(trx, who(request), a.id));
      return reply.redirect(`${APPS_PATH}/${a.id}?ok=terima`, 303);
    } catch (e) {
      if (!(e instanceof AppError) || (e.status !== 422 && e.status !== 409)) throw e;
      return detailPage(request, reply, { acceptErrors: e.fields?.length ? e.fields : [{ field: 'accept', key: e.messageKey }] }, e.status);
    }
  });

  // ------------------------------------------------------------------------------ ICT staff
  const yearOf = (v: unknown) => {
    const n = typeof v === 'string' && /^\d{4}$/.test(v) ? Number(v) : NaN;
    return n >= 2000 && n <= 2100 ? n : new Date().getUTCFullYear();
  };

  app.get<{ Querystring: Record<string, unknown> }>(STAFF_PATH, async (request, reply) => {
    authorize(request.actor, READ);
    const actor = request.actor;
    const year = yearOf(request.query.tahun);
    const agencyFilter = uuidOrUndef(request.query.instansi);
    const rows = (await inv.regionStaffFigures(db, actor, year)).filter((r) => !agencyFilter || r.agencyId === agencyFilter);
    const ctx = await app.viewContext(request, reply);
    if (request.query.format === 'csv') {
      const cols = [
        { header: 'instansi', value: (r: (typeof rows)[number]) => r.agencyName },
        { header: 'tahun', value: () => year },
        { header: 'jumlah_asn', value: (r: (typeof rows)[number]) => r.figures?.civilServants },
        { header: 'mampu_tik', value: (r: (typeof rows)[number]) => r.figures?.ictAble },
        { header: 'kemampuan_baik', value: (r: (typeof rows)[number]) => r.figures?.abilityGood },
        { header: 'kemampuan_cukup', value: (r: (typeof rows)[number]) => r.figures?.abilityFair },
        { header: 'tenaga_ahli_tik', value: (r: (typeof rows)[number]) => r.figures?.ictSpecialists },
      ];
      // A last line with the totals over the agencies listed.
      const sum = (k: 'civilServants' | 'ictAble' | 'abilityGood' | 'abilityFair' | 'ictSpecialists') => rows.reduce((n, r) => n + (r.figures ? r.figures[k] : 0), 0);
      const total = {
        agencyId: '',
        agencyName: ctx.t('gov.inv.staff.total'),
        figures: { agencyId: '', year, updatedAt: new Date(0), civilServants: sum('civilServants'), ictAble: sum('ictAble'), abilityGood: sum('abilityGood'), abilityFair: sum('abilityFair'), ictSpecialists: sum('ictSpecialists') },
      };
      return sendCsv(reply, `sdm-tik-${year}.csv`, toCsv(cols, [...rows, total]));
    }
    const members = await inv.listStaffMembers(db, actor, agencyFilter);
    const notice = request.query.ok ? ctx.t('gov.inv.saved') : undefined;
    return reply.page(StaffPage({ ctx, year, rows, members, agencies: await agencyOptions(actor, READ), agencyFilter, canManageAgency: canManageFn(actor), notice }));
  });

  async function figuresTarget(request: FastifyRequest<{ Params: { agencyId: string; year: string } }>) {
    const agencyId = uuidOrUndef(request.params.agencyId);
    const year = /^\d{4}$/.test(request.params.year) ? Number(request.params.year) : NaN;
    if (!agencyId || !(year >= 2000 && year <= 2100)) throw errors.notFound();
    authorize(request.actor, READ);
    if (!can(request.actor, READ, { agencyId })) throw errors.notFound();
    authorize(request.actor, MANAGE, { agencyId });
    const agency = (await deps.agencies.listAgencyRefs()).find((a) => a.id === agencyId);
    if (!agency) throw errors.notFound();
    return { agency: { id: agency.id, name: agency.name }, year };
  }

  app.get<{ Params: { agencyId: string; year: string } }>(`${STAFF_PATH}/angka/:agencyId/:year`, async (request, reply) => {
    const { agency, year } = await figuresTarget(request);
    const f = await inv.staffFigures(db, request.actor, agency.id, year);
    const values: FormState['values'] = f
      ? { civilServants: String(f.civilServants), ictAble: String(f.ictAble), abilityGood: String(f.abilityGood), abilityFair: String(f.abilityFair), ictSpecialists: String(f.ictSpecialists) }
      : {};
    return reply.page(StaffFiguresFormPage({ ctx: await app.viewContext(request, reply), form: { values, errors: [] }, agency, year }));
  });

  app.post<{ Params: { agencyId: string; year: string }; Body: Body }>(`${STAFF_PATH}/angka/:agencyId/:year`, async (request, reply) => {
    const { agency, year } = await figuresTarget(request);
    try {
      await tx((trx) => inv.saveStaffFigures(trx, who(request), agency.id, year, request.body));
      return reply.redirect(`${STAFF_PATH}?tahun=${year}&ok=1`, 303);
    } catch (e) {
      const f = failedForm(e, request.body);
      return reply.page(StaffFiguresFormPage({ ctx: await app.viewContext(request, reply), form: f.form, agency, year }), f.status);
    }
  });

  async function memberForm(request: FastifyRequest, reply: FastifyReply, form: FormState, editing?: { id: string; name: string }, status = 200) {
    const ctx = await app.viewContext(request, reply);
    return reply.page(StaffMemberFormPage({ ctx, form, agencies: await agencyOptions(request.actor, MANAGE), editing }), status);
  }

  /** The form body as the service's input: certifications typed one per line. */
  function memberInput(body: Body): { input: Body } | { error: FieldError } {
    const parsed = parseCertifications(str(body.certifications, 10000));
    if (!parsed.ok) return { error: { field: 'certifications', key: 'gov.inv.staff.certifications_invalid', params: { line: parsed.line } } };
    return { input: { ...body, certifications: parsed.items } };
  }

  async function saveMember(request: FastifyRequest<{ Body: Body }>, reply: FastifyReply, editing?: { id: string; name: string }) {
    const body = request.body ?? {};
    const m = memberInput(body);
    if ('error' in m) return memberForm(request, reply, { values: valuesOf(body), errors: [m.error] }, editing, 422);
    try {
      await tx((trx) => inv.saveStaffMember(trx, who(request), editing?.id ?? null, m.input));
      return reply.redirect(`${STAFF_PATH}?ok=1`, 303);
    } catch (e) {
      const f = failedForm(e, body);
      return memberForm(request, reply, f.form, editing, f.status);
    }
  }

  app.get(`${STAFF_PATH}/pegawai/baru`, async (request, reply) => {
    authorize(request.actor, MANAGE);
    const agencies = await agencyOptions(request.actor, MANAGE);
    return memberForm(request, reply, { values: { agencyId: agencies.length === 1 ? agencies[0]!.id : '' }, errors: [] });
  });

  app.post<{ Body: Body }>(`${STAFF_PATH}/pegawai`, async (request, reply) => {
    authorize(request.actor, MANAGE);
    return saveMember(request, reply);
  });

  async function loadMember(request: FastifyRequest<{ Params: { id: string } }>) {
    authorize(request.actor, READ);
    const id = uuidOrUndef(request.params.id);
    const m = id ? await inv.getStaffMember(db, request.actor, id) : null;
    if (!m) throw errors.notFound();
    authorize(request.actor, MANAGE, { agencyId: m.agencyId });
    return m;
  }

  app.get<{ Params: { id: string } }>(`${STAFF_PATH}/pegawai/:id/ubah`, async (request, reply) => {
    const m = await loadMember(request);
    const values = { agencyId: m.agencyId, name: m.name, nip: m.nip ?? '', position: m.position, education: m.education, competencies: m.competencies, certifications: certificationsText(m) };
    return memberForm(request, reply, { values, errors: [] }, { id: m.id, name: m.name });
  });

  app.post<{ Params: { id: string }; Body: Body }>(`${STAFF_PATH}/pegawai/:id/ubah`, async (request, reply) => {
    const m = await loadMember(request);
    return saveMember(request, reply, { id: m.id, name: m.name });
  });

  // ------------------------------------------------------------------------------ assets
  app.get<{ Querystring: Record<string, unknown> }>(ASSETS_PATH, async (request, reply) => {
    authorize(request.actor, READ);
    const actor = request.actor;
    const filters = { instansi: uuidOrUndef(request.query.instansi), kategori: q(request.query.kategori), kondisi: q(request.query.kondisi), status: q(request.query.status) };
    const items = await inv.listAssets(db, actor, { agencyId: filters.instansi, category: filters.kategori, condition: filters.kondisi, status: filters.status });
    if (request.query.format === 'csv') return sendCsv(reply, `aset-tik-${today()}.csv`, assetsCsv(items));
    const ctx = await app.viewContext(request, reply);
    const ok = request.query.ok;
    const notice =
      ok === 'impor'
        ? ctx.t('gov.inv.asset.import_done', { created: Number(request.query.baru) || 0, updated: Number(request.query.ubah) || 0 })
        : ok
          ? ctx.t('gov.inv.saved')
          : undefined;
    return reply.page(AssetsPage({ ctx, items, agencies: await agencyOptions(actor, READ), filters, canCreate: can(actor, MANAGE), canManageAgency: canManageFn(actor), notice }));
  });

  app.get(`${ASSETS_PATH}/templat.csv`, async (request, reply) => {
    authorize(request.actor, READ);
    return sendCsv(reply, 'templat-aset-tik.csv', assetCsvTemplate);
  });

  async function assetForm(request: FastifyRequest, reply: FastifyReply, form: FormState, editing?: { id: string; code: string; version: number }, status = 200) {
    const ctx = await app.viewContext(request, reply);
    return reply.page(AssetFormPage({ ctx, form, agencies: await agencyOptions(request.actor, MANAGE), editing }), status);
  }

  app.get(`${ASSETS_PATH}/baru`, async (request, reply) => {
    authorize(request.actor, MANAGE);
    const agencies = await agencyOptions(request.actor, MANAGE);
    return assetForm(request, reply, { values: { agencyId: agencies.length === 1 ? agencies[0]!.id : '', status: 'in_use', condition: 'good', value: '0' }, errors: [] });
  });

  app.post<{ Body: Body }>(ASSETS_PATH, async (request, reply) => {
    authorize(request.actor, MANAGE);
    try {
      await tx((trx) => inv.createAsset(trx, who(request), request.body));
      return reply.redirect(`${ASSETS_PATH}?ok=1`, 303);
    } catch (e) {
      const f = failedForm(e, request.body);
      return assetForm(request, reply, f.form, undefined, f.status);
    }
  });

  async function loadAsset(request: FastifyRequest<{ Params: { id: string } }>): Promise<AssetView> {
    authorize(request.actor, READ);
    const id = uuidOrUndef(request.params.id);
    const a = id ? await inv.getAsset(db, request.actor, id) : null;
    if (!a) throw errors.notFound();
    authorize(request.actor, MANAGE, { agencyId: a.agencyId });
    return a;
  }

  app.get<{ Params: { id: string } }>(`${ASSETS_PATH}/:id/ubah`, async (request, reply) => {
    const a = await loadAsset(request);
    const values: FormState['values'] = {
      agencyId: a.agencyId,
      code: a.code,
      name: a.name,
      category: a.category,
      location: a.location,
      acquiredOn: a.acquiredOn ?? '',
      acquisitionMethod: a.acquisitionMethod,
      value: String(a.value),
      fundingSource: a.fundingSource,
      condition: a.condition,
      status: a.status,
      disposedOn: a.disposedOn ?? '',
      disposalReason: a.disposalReason ?? '',
      licenceExpiresOn: a.licenceExpiresOn ?? '',
      version: String(a.version),
    };
    return assetForm(request, reply, { values, errors: [] }, { id: a.id, code: a.code, version: a.version });
  });

  app.post<{ Params: { id: string }; Body: Body }>(`${ASSETS_PATH}/:id/ubah`, async (request, reply) => {
    const a = await loadAsset(request);
    const version = Number(str(request.body?.version, 10));
    try {
      await tx((trx) => inv.updateAsset(trx, who(request), a.id, Number.isInteger(version) ? version : -1, request.body));
      return reply.redirect(`${ASSETS_PATH}?ok=1`, 303);
    } catch (e) {
      const f = failedForm(e, request.body);
      if (f.status === 409) f.form.values.version = String(a.version);
      return assetForm(request, reply, f.form, { id: a.id, code: a.code, version: a.version }, f.status);
    }
  });

  app.get(`${ASSETS_PATH}/impor`, async (request, reply) => {
    authorize(request.actor, MANAGE);
    const agencies = await agencyOptions(request.actor, MANAGE);
    return reply.page(AssetImportPage({ ctx: await app.viewContext(request, reply), agencies, agencyId: agencies.length === 1 ? agencies[0]!.id : undefined }));
  });

  app.register(async (scope) => {
    await registerUploads(scope, { maxBytes: CSV_MAX_BYTES });
    scope.post<{ Body: Body }>(`${ASSETS_PATH}/impor`, async (request, reply) => {
      authorize(request.actor, MANAGE);
      const agencies = await agencyOptions(request.actor, MANAGE);
      const agencyId = uuidOrUndef(request.body?.agencyId);
      const file = uploadedFile(request.body, 'file');
      const ctx = await app.viewContext(request, reply);
      const refuse = (errs: FieldError[], status: number) => reply.page(AssetImportPage({ ctx, agencies, agencyId, formErrors: errs }), status);
      const formErrors: FieldError[] = [];
      if (!agencyId || !agencies.some((a) => a.id === agencyId)) formErrors.push({ field: 'agencyId', key: 'validation.required' });
      if (!file) formErrors.push({ field: 'file', key: 'gov.inv.asset.file_required' });
      else if (file.tooLarge) return refuse([{ field: 'file', key: 'gov.inv.asset.file_too_large' }], 413);
      if (formErrors.length) return refuse(formErrors, 422);
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(await file!.read());
      } catch {
        return refuse([{ field: 'file', key: 'gov.inv.import.not_utf8' }], 422);
      }
      const result = await tx((trx) => inv.importAssets(trx, who(request), agencyId!, text));
      if (!result.ok) return reply.page(AssetImportPage({ ctx, agencies, agencyId, lineErrors: result.errors }), 422);
      return reply.redirect(`${ASSETS_PATH}?ok=impor&baru=${result.created}&ubah=${result.updated}&instansi=${agencyId}`, 303);
    });
  });

  registerInventoryApi(app, deps);
}
