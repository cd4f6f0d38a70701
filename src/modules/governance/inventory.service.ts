// ICT inventories of the governance console (issue 6 items 1–2): the application inventory
// with system operators and related applications (G-4, G-12), the hand-over checklist (G-9),
// ICT staff figures and named ICT staff (G-5), ICT assets with CSV import (G-6). Only this
// service writes the `ict_*` tables; every change is audited in the same transaction.
// Agency staff see and change their own agency's records; a record of another agency is
// "not there" for them (null / 404), the Dinas (ict_coordinator) sees all.
import { sql } from 'kysely';
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import { agenciesFor, authorize, can } from '../../platform/auth/policy.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Database, Executor, Trx } from '../../platform/db/database.ts';
import { parseJson } from '../../platform/db/values.ts';
import { AppError, errors, type FieldError } from '../../platform/http/errors.ts';
import { parseOrThrow, validate } from '../../platform/http/validation.ts';
import { isCompletePdfUpload, type UploadedFile } from '../../platform/storage/upload-file.ts';
import { newFileKey, type Storage } from '../../platform/storage/storage.ts';
import type { Certification, HandoverItem } from './inventory.tables.ts';
import {
  applicationInput,
  assetInput,
  handoverItems,
  staffFiguresInput,
  staffMemberInput,
  type ApplicationInput,
  type AssetInput,
  type StaffFiguresInput,
  type StaffMemberInput,
} from './inventory.schemas.ts';
import { parseAssetCsv } from './inventory.csv.ts';
import { type MessageKey } from '../../platform/views/i18n.ts';

export interface Who {
  actor: Actor;
  meta?: RequestMeta | null;
}

const READ = 'governance.inventory.read';
const MANAGE = 'governance.inventory.manage';
const ACCEPT = 'governance.inventory.accept_handover';

export interface ApplicationView {
  id: string;
  agencyId: string;
  agencyName: string;
  agencyShortName: string;
  name: string;
  kind: ApplicationInput['kind'];
  developerKind: ApplicationInput['developerKind'];
  developerName: string;
  purpose: string;
  userGroups: string[];
  usersNote: string;
  url: string;
  hosting: ApplicationInput['hosting'];
  security: string[];
  securityNote: string;
  documentation: string;
  sourceLocation: string;
  status: ApplicationInput['status'];
  plannedOn: string | null;
  liveOn: string | null;
  retiredOn: string | null;
  handoverAcceptedAt: Date | null;
  handoverAcceptedByName: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface HandoverItemView {
  item: HandoverItem;
  provided: boolean;
  fileName: string | null;
  hasFile: boolean;
  linkUrl: string | null;
  providedByName: string | null;
  providedAt: Date | null;
}

export interface ApplicationDetail extends ApplicationView {
  related: { id: string; name: string; agencyShortName: string; visible: boolean }[];
  handover: HandoverItemView[];
  missingItems: HandoverItem[];
}

export interface ApplicationFilters {
  agencyId?: string;
  kind?: string;
  status?: string;
  hosting?: string;
  q?: string;
}

export interface StaffFiguresView extends StaffFiguresInput {
  agencyId: string;
  year: number;
  updatedAt: Date;
}

export interface StaffMemberView {
  id: string;
  agencyId: string;
  agencyName: string;
  name: string;
  nip: string | null;
  position: string;
  education: string;
  competencies: string;
  certifications: Certification[];
}

export interface AssetView {
  id: string;
  agencyId: string;
  agencyName: string;
  code: string;
  name: string;
  category: AssetInput['category'];
  location: string;
  acquiredOn: string | null;
  acquisitionMethod: AssetInput['acquisitionMethod'];
  value: number;
  fundingSource: AssetInput['fundingSource'];
  condition: AssetInput['condition'];
  status: AssetInput['status'];
  disposedOn: string | null;
  disposalReason: string | null;
  licenceExpiresOn: string | null;
  version: number;
}

export interface AssetFilters {
  agencyId?: string;
  category?: string;
  condition?: string;
  status?: string;
}

export interface ImportLineError {
  line: number;
  field?: string;
  key: MessageKey;
  params?: Record<string, string | number>;
}

export type ImportResult = { ok: true; created: number; updated: number } | { ok: false; errors: ImportLineError[] };

export interface InventoryFigures {
  applicationsByStatus: Record<string, number>;
  applicationsByKind: Record<string, number>;
  handoverAccepted: number;
  handoverPending: number;
  staffYear: number;
  staffTotals: { civilServants: number; ictAble: number; abilityGood: number; abilityFair: number; ictSpecialists: number; agenciesReported: number };
  agenciesWithoutStaffFigures: number;
  assetsByCondition: Record<string, number>;
  assetsTotal: number;
}

const json = (v: unknown) => JSON.stringify(v);
const asArray = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : typeof v === 'string' ? parseJson<T[]>(v) : []);

/** Agencies whose records `actor` may see for `action`; 'all' for the Dinas. */
function scopeOf(actor: Actor | null, action: string): 'all' | string[] {
  return agenciesFor(actor, action);
}

function conflict(): AppError {
  return new AppError('conflict', 409, 'gov.inv.conflict');
}

export function createInventory(deps: { database: Database; storage: Storage }) {
  const db = deps.database.db;
  const storage = deps.storage;

  // -------------------------------------------------------------------------------------
  // Applications (G-4, G-12)

  function appQuery(q: Executor) {
    return q
      .selectFrom('ict_applications as a')
      .innerJoin('agencies as g', 'g.id', 'a.agency_id')
      .leftJoin('users as u', 'u.id', 'a.handover_accepted_by')
      .selectAll('a')
      .select(['g.name as agency_name', 'g.short_name as agency_short_name', 'u.name as accepted_by_name']);
  }

  type AppRow = Awaited<ReturnType<ReturnType<typeof appQuery>['executeTakeFirstOrThrow']>>;

  const appView = (r: AppRow): ApplicationView => ({
    id: r.id,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    agencyShortName: r.agency_short_name,
    name: r.name,
    kind: r.kind,
    developerKind: r.developer_kind,
    developerName: r.developer_name,
    purpose: r.purpose,
    userGroups: asArray<string>(r.user_groups),
    usersNote: r.users_note,
    url: r.url,
    hosting: r.hosting,
    security: asArray<string>(r.security),
    securityNote: r.security_note,
    documentation: r.documentation,
    sourceLocation: r.source_location,
    status: r.status,
    plannedOn: r.planned_on,
    liveOn: r.live_on,
    retiredOn: r.retired_on,
    handoverAcceptedAt: r.handover_accepted_at,
    handoverAcceptedByName: r.accepted_by_name,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  });

  async function listApplications(q: Executor, actor: Actor | null, f: ApplicationFilters = {}): Promise<ApplicationView[]> {
    const scope = scopeOf(actor, READ);
    if (scope !== 'all' && scope.length === 0) return [];
    let query = appQuery(q);
    if (scope !== 'all') query = query.where('a.agency_id', 'in', scope);
    if (f.agencyId) query = query.where('a.agency_id', '=', f.agencyId);
    if (f.kind) query = query.where('a.kind', '=', f.kind as never);
    if (f.status) query = query.where('a.status', '=', f.status as never);
    if (f.hosting) query = query.where('a.hosting', '=', f.hosting as never);
    if (f.q) query = query.where(sql<boolean>`a.name ILIKE ${'%' + f.q.replace(/[%_\\]/g, (c) => '\\' + c) + '%'}`);
    const rows = await query.orderBy('g.name').orderBy('a.name').limit(2000).execute();
    return rows.map(appView);
  }

  /** Every application's name, for the "related applications" picker. */
  async function applicationChoices(q: Executor): Promise<{ id: string; name: string; agencyShortName: string }[]> {
    const rows = await q
      .selectFrom('ict_applications as a')
      .innerJoin('agencies as g', 'g.id', 'a.agency_id')
      .select(['a.id', 'a.name', 'g.short_name'])
      .orderBy('a.name')
      .limit(2000)
      .execute();
    return rows.map((r) => ({ id: r.id, name: r.name, agencyShortName: r.short_name }));
  }

  async function handoverOf(q: Executor, applicationId: string): Promise<HandoverItemView[]> {
    const rows = await q.selectFrom('ict_handover_items').selectAll().where('application_id', '=', applicationId).execute();
    const by = new Map(rows.map((r) => [r.item, r]));
    return handoverItems.map((item) => {
      const r = by.get(item);
      return {
        item,
        provided: !!r,
        fileName: r?.file_name ?? null,
        hasFile: !!r?.storage_key,
        linkUrl: r?.link_url ?? null,
        providedByName: r?.provided_by_name ?? null,
        providedAt: r?.provided_at ?? null,
      };
    });
  }

  /** The application when `actor` may read it; null otherwise (another agency's: not there). */
  async function getApplication(q: Executor, actor: Actor | null, id: string): Promise<ApplicationDetail | null> {
    const r = await appQuery(q).where('a.id', '=', id).executeTakeFirst();
    if (!r || !can(actor, READ, { agencyId: r.agency_id })) return null;
    const view = appView(r);
    const related = await q
      .selectFrom('ict_application_links as l')
      .innerJoin('ict_applications as a', 'a.id', 'l.related_id')
      .innerJoin('agencies as g', 'g.id', 'a.agency_id')
      .select(['a.id', 'a.name', 'a.agency_id', 'g.short_name'])
      .where('l.application_id', '=', id)
      .orderBy('a.name')
      .execute();
    const handover = await handoverOf(q, id);
    return {
      ...view,
      related: related.map((x) => ({ id: x.id, name: x.name, agencyShortName: x.short_name, visible: can(actor, READ, { agencyId: x.agency_id }) })),
      handover,
      missingItems: handover.filter((h) => !h.provided).map((h) => h.item),
    };
  }

  function appColumns(v: ApplicationInput) {
    return {
      agency_id: v.agencyId,
      name: v.name,
      kind: v.kind,
      developer_kind: v.developerKind,
      developer_name: v.developerKind === 'in_house' ? (v.developerName ?? '') : v.developerName!,
      purpose: v.purpose ?? '',
      user_groups: json([...new Set(v.userGroups)]),
      users_note: v.usersNote ?? '',
      url: v.url ?? '',
      hosting: v.hosting,
      security: json([...new Set(v.security)]),
      security_note: v.securityNote ?? '',
      documentation: v.documentation ?? '',
      source_location: v.sourceLocation ?? '',
      status: v.status,
      planned_on: v.plannedOn ?? null,
      live_on: v.liveOn ?? null,
      retired_on: v.retiredOn ?? null,
    };
  }

  async function checkNameFree(trx: Executor, agencyId: string, name: string, exceptId?: string) {
    let query = trx.selectFrom('ict_applications').select('id').where('agency_id', '=', agencyId).where(sql<boolean>`lower(name) = lower(${name})`);
    if (exceptId) query = query.where('id', '<>', exceptId);
    if (await query.executeTakeFirst()) throw errors.validation([{ field: 'name', key: 'gov.inv.app.name_taken' }]);
  }

  async function setRelated(trx: Trx, id: string, relatedIds: string[]) {
    const ids = [...new Set(relatedIds)].filter((x) => x !== id);
    if (ids.length) {
      const found = await trx.selectFrom('ict_applications').select('id').where('id', 'in', ids).execute();
      if (found.length !== ids.length) throw errors.validation([{ field: 'relatedIds', key: 'gov.inv.app.related_unknown' }]);
    }
    await trx.deleteFrom('ict_application_links').where('application_id', '=', id).execute();
    if (ids.length) await trx.insertInto('ict_application_links').values(ids.map((r) => ({ application_id: id, related_id: r }))).execute();
    return ids;
  }

  async function agencyExists(q: Executor, agencyId: string): Promise<boolean> {
    return !!(await q.selectFrom('agencies').select('id').where('id', '=', agencyId).executeTakeFirst());
  }

  async function createApplication(trx: Trx, who: Who, raw: unknown): Promise<ApplicationDetail> {
    const v = parseOrThrow(applicationInput, raw);
    authorize(who.actor, MANAGE, { agencyId: v.agencyId });
    if (!(await agencyExists(trx, v.agencyId))) throw errors.validation([{ field: 'agencyId', key: 'gov.inv.agency_unknown' }]);
    await checkNameFree(trx, v.agencyId, v.name);
    const row = await trx
      .insertInto('ict_applications')
      .values({ ...appColumns(v), created_by: who.actor.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    const related = await setRelated(trx, row.id, v.relatedIds);
    await recordAudit(trx, who, { action: 'governance.application.create', entityType: 'ict_application', entityId: row.id, agencyId: v.agencyId, after: { ...appColumns(v), related } });
    return (await getApplication(trx, who.actor, row.id))!;
  }

  async function updateApplication(trx: Trx, who: Who, id: string, version: number, raw: unknown): Promise<ApplicationDetail> {
    const before = await trx.selectFrom('ict_applications').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before || !can(who.actor, READ, { agencyId: before.agency_id })) throw errors.notFound();
    authorize(who.actor, MANAGE, { agencyId: before.agency_id });
    const v = parseOrThrow(applicationInput, raw);
    // Moving an application to another agency needs rights there too.
    if (v.agencyId !== before.agency_id) {
      authorize(who.actor, MANAGE, { agencyId: v.agencyId });
      if (!(await agencyExists(trx, v.agencyId))) throw errors.validation([{ field: 'agencyId', key: 'gov.inv.agency_unknown' }]);
    }
    await checkNameFree(trx, v.agencyId, v.name, id);
    const res = await trx
      .updateTable('ict_applications')
      .set({ ...appColumns(v), version: sql<number>`version + 1`, updated_at: new Date() })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw conflict();
    const related = await setRelated(trx, id, v.relatedIds);
    await recordAudit(trx, who, { action: 'governance.application.update', entityType: 'ict_application', entityId: id, agencyId: v.agencyId, before, after: { ...appColumns(v), related } });
    return (await getApplication(trx, who.actor, id))!;
  }

  // -------------------------------------------------------------------------------------
  // Hand-over (G-9)

  /** Stores a document (complete PDF, by its bytes) or a link for one checklist item. */
  async function provideHandoverItem(
    who: Who,
    applicationId: string,
    item: string,
    input: { file?: UploadedFile | null; link?: string | null },
    /** An open transaction to write in (the demo seed); otherwise one of its own. */
    inTrx?: Trx,
  ): Promise<ApplicationDetail> {
    if (!(handoverItems as readonly string[]).includes(item)) throw errors.notFound();
    const q: Executor = inTrx ?? db;
    const app = await q.selectFrom('ict_applications').select(['id', 'agency_id']).where('id', '=', applicationId).executeTakeFirst();
    if (!app || !can(who.actor, READ, { agencyId: app.agency_id })) throw errors.notFound();
    authorize(who.actor, MANAGE, { agencyId: app.agency_id });
    const link = input.link?.trim() || null;
    const fileFields: FieldError[] = [];
    if (!input.file && !link) fileFields.push({ field: 'file', key: 'gov.inv.handover.file_or_link' });
    if (link && (!/^https?:\/\/\S+$/i.test(link) || link.length > 500)) fileFields.push({ field: 'link', key: 'gov.inv.url_invalid' });
    if (input.file && !isCompletePdfUpload(input.file)) fileFields.push({ field: 'file', key: 'gov.inv.handover.pdf_only' });
    if (fileFields.length) throw errors.validation(fileFields);
    let stored: { key: string; sha256: string; name: string } | null = null;
    if (input.file) {
      const key = newFileKey('governance', 'pdf');
      const s = await storage.put(key, input.file.open(), 'application/pdf');
      stored = { key, sha256: s.sha256, name: input.file.filename || `${item}.pdf` };
    }
    const write = async (trx: Trx) => {
      const before = await trx.selectFrom('ict_handover_items').selectAll().where('application_id', '=', applicationId).where('item', '=', item as HandoverItem).executeTakeFirst();
      const values = {
        storage_key: stored?.key ?? null,
        file_name: stored?.name ?? null,
        file_sha256: stored?.sha256 ?? null,
        link_url: link,
        provided_by: who.actor.userId,
        provided_by_name: who.actor.name,
        provided_at: new Date(),
      };
      if (before) await trx.updateTable('ict_handover_items').set(values).where('application_id', '=', applicationId).where('item', '=', item as HandoverItem).execute();
      else await trx.insertInto('ict_handover_items').values({ application_id: applicationId, item: item as HandoverItem, ...values }).execute();
      await recordAudit(trx, who, {
        action: 'governance.handover.provide',
        entityType: 'ict_application',
        entityId: applicationId,
        agencyId: app.agency_id,
        before: before ? { item, file_sha256: before.file_sha256, link_url: before.link_url } : null,
        after: { item, file_name: values.file_name, file_sha256: values.file_sha256, link_url: link },
      });
    };
    try {
      if (inTrx) await write(inTrx);
      else await db.transaction().execute(write);
    } catch (err) {
      // The row that would refer to the file was not written: do not leave the file behind.
      if (stored) await storage.delete(stored.key).catch(() => {});
      throw err;
    }
    return (await getApplication(q, who.actor, applicationId))!;
  }

  /** The stored document of an item, when the actor may read the application. */
  async function handoverFile(actor: Actor | null, applicationId: string, item: string): Promise<{ bytes: Buffer; fileName: string } | null> {
    const r = await db
      .selectFrom('ict_handover_items as h')
      .innerJoin('ict_applications as a', 'a.id', 'h.application_id')
      .select(['h.storage_key', 'h.file_name', 'a.agency_id'])
      .where('h.application_id', '=', applicationId)
      .where('h.item', '=', item as HandoverItem)
      .executeTakeFirst();
    if (!r?.storage_key || !can(actor, READ, { agencyId: r.agency_id })) return null;
    const bytes = await storage.get(r.storage_key);
    return bytes ? { bytes, fileName: r.file_name ?? `${item}.pdf` } : null;
  }

  /** "Terima serah terima": refused (422, naming every missing item) while any is missing. */
  async function acceptHandover(trx: Trx, who: Who, applicationId: string, now = new Date()): Promise<ApplicationDetail> {
    const app = await trx.selectFrom('ict_applications').select(['id', 'agency_id', 'handover_accepted_at']).where('id', '=', applicationId).executeTakeFirst();
    if (!app || !can(who.actor, READ, { agencyId: app.agency_id })) throw errors.notFound();
    authorize(who.actor, ACCEPT);
    if (app.handover_accepted_at) throw new AppError('conflict', 409, 'gov.inv.handover.already_accepted');
    const provided = new Set((await trx.selectFrom('ict_handover_items').select('item').where('application_id', '=', applicationId).execute()).map((r) => r.item));
    const missing = handoverItems.filter((i) => !provided.has(i));
    if (missing.length) {
      throw new AppError(
        'handover_incomplete',
        422,
        'gov.inv.handover.missing',
        { count: missing.length },
        missing.map((m) => ({ field: `item.${m}`, key: `gov.inv.handover.item.${m}` })),
      );
    }
    await trx.updateTable('ict_applications').set({ handover_accepted_at: now, handover_accepted_by: who.actor.userId, version: sql<number>`version + 1`, updated_at: now }).where('id', '=', applicationId).execute();
    await recordAudit(trx, who, { action: 'governance.handover.accept', entityType: 'ict_application', entityId: applicationId, agencyId: app.agency_id, after: { handover_accepted_at: now } });
    return (await getApplication(trx, who.actor, applicationId))!;
  }

  // -------------------------------------------------------------------------------------
  // ICT staff (G-5)

  const figuresView = (r: { agency_id: string; year: number; civil_servants: number; ict_able: number; ability_good: number; ability_fair: number; ict_specialists: number; updated_at: Date }): StaffFiguresView => ({
    agencyId: r.agency_id,
    year: r.year,
    civilServants: r.civil_servants,
    ictAble: r.ict_able,
    abilityGood: r.ability_good,
    abilityFair: r.ability_fair,
    ictSpecialists: r.ict_specialists,
    updatedAt: r.updated_at,
  });

  async function staffFigures(q: Executor, actor: Actor | null, agencyId: string, year: number): Promise<StaffFiguresView | null> {
    if (!can(actor, READ, { agencyId })) return null;
    const r = await q.selectFrom('ict_staff_figures').selectAll().where('agency_id', '=', agencyId).where('year', '=', year).executeTakeFirst();
    return r ? figuresView(r) : null;
  }

  async function saveStaffFigures(trx: Trx, who: Who, agencyId: string, year: number, raw: unknown): Promise<StaffFiguresView> {
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw errors.validation([{ field: 'year', key: 'validation.invalid' }]);
    authorize(who.actor, MANAGE, { agencyId });
    if (!(await agencyExists(trx, agencyId))) throw errors.notFound();
    const v = parseOrThrow(staffFiguresInput, raw);
    const cols = { civil_servants: v.civilServants, ict_able: v.ictAble, ability_good: v.abilityGood, ability_fair: v.abilityFair, ict_specialists: v.ictSpecialists };
    const before = await trx.selectFrom('ict_staff_figures').selectAll().where('agency_id', '=', agencyId).where('year', '=', year).executeTakeFirst();
    if (before) await trx.updateTable('ict_staff_figures').set({ ...cols, updated_by: who.actor.userId, updated_at: new Date() }).where('id', '=', before.id).execute();
    else await trx.insertInto('ict_staff_figures').values({ agency_id: agencyId, year, ...cols, updated_by: who.actor.userId }).execute();
    await recordAudit(trx, who, { action: 'governance.staff_figures.save', entityType: 'ict_staff_figures', entityId: before?.id ?? null, agencyId, before: before ?? null, after: { year, ...cols } });
    return (await staffFigures(trx, who.actor, agencyId, year))!;
  }

  /** Every agency the actor may read with its figures of `year` (null when not filled). */
  async function regionStaffFigures(q: Executor, actor: Actor | null, year: number): Promise<{ agencyId: string; agencyName: string; figures: StaffFiguresView | null }[]> {
    const scope = scopeOf(actor, READ);
    if (scope !== 'all' && scope.length === 0) return [];
    let agencies = q.selectFrom('agencies').select(['id', 'name']).where('active', '=', true);
    if (scope !== 'all') agencies = agencies.where('id', 'in', scope);
    const list = await agencies.orderBy('name').execute();
    const figs = await q.selectFrom('ict_staff_figures').selectAll().where('year', '=', year).execute();
    const by = new Map(figs.map((f) => [f.agency_id, figuresView(f)]));
    return list.map((a) => ({ agencyId: a.id, agencyName: a.name, figures: by.get(a.id) ?? null }));
  }

  const memberView = (r: { id: string; agency_id: string; agency_name: string; name: string; nip: string | null; position: string; education: string; competencies: string; certifications: unknown }): StaffMemberView => ({
    id: r.id,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    name: r.name,
    nip: r.nip,
    position: r.position,
    education: r.education,
    competencies: r.competencies,
    certifications: asArray<Certification>(r.certifications),
  });

  function memberQuery(q: Executor) {
    return q.selectFrom('ict_staff as s').innerJoin('agencies as g', 'g.id', 's.agency_id').selectAll('s').select('g.name as agency_name');
  }

  async function listStaffMembers(q: Executor, actor: Actor | null, agencyId?: string): Promise<StaffMemberView[]> {
    const scope = scopeOf(actor, READ);
    if (scope !== 'all' && scope.length === 0) return [];
    let query = memberQuery(q);
    if (scope !== 'all') query = query.where('s.agency_id', 'in', scope);
    if (agencyId) query = query.where('s.agency_id', '=', agencyId);
    return (await query.orderBy('g.name').orderBy('s.name').limit(5000).execute()).map(memberView);
  }

  async function getStaffMember(q: Executor, actor: Actor | null, id: string): Promise<StaffMemberView | null> {
    const r = await memberQuery(q).where('s.id', '=', id).executeTakeFirst();
    if (!r || !can(actor, READ, { agencyId: r.agency_id })) return null;
    return memberView(r);
  }

  function memberColumns(v: StaffMemberInput) {
    return {
      agency_id: v.agencyId,
      name: v.name,
      nip: v.nip ?? null,
      position: v.position ?? '',
      education: v.education ?? '',
      competencies: v.competencies ?? '',
      certifications: json(v.certifications),
    };
  }

  async function saveStaffMember(trx: Trx, who: Who, id: string | null, raw: unknown): Promise<StaffMemberView> {
    const v = parseOrThrow(staffMemberInput, raw);
    let before = null;
    if (id) {
      before = await trx.selectFrom('ict_staff').selectAll().where('id', '=', id).executeTakeFirst();
      if (!before || !can(who.actor, READ, { agencyId: before.agency_id })) throw errors.notFound();
      authorize(who.actor, MANAGE, { agencyId: before.agency_id });
    }
    authorize(who.actor, MANAGE, { agencyId: v.agencyId });
    if (!(await agencyExists(trx, v.agencyId))) throw errors.validation([{ field: 'agencyId', key: 'gov.inv.agency_unknown' }]);
    const cols = memberColumns(v);
    let rowId = id;
    if (id) await trx.updateTable('ict_staff').set({ ...cols, updated_at: new Date() }).where('id', '=', id).execute();
    else rowId = (await trx.insertInto('ict_staff').values(cols).returning('id').executeTakeFirstOrThrow()).id;
    await recordAudit(trx, who, { action: id ? 'governance.ict_staff.update' : 'governance.ict_staff.create', entityType: 'ict_staff', entityId: rowId, agencyId: v.agencyId, before: before ?? null, after: cols });
    return (await getStaffMember(trx, who.actor, rowId!))!;
  }

  // -------------------------------------------------------------------------------------
  // Assets (G-6)

  function assetQuery(q: Executor) {
    return q.selectFrom('ict_assets as x').innerJoin('agencies as g', 'g.id', 'x.agency_id').selectAll('x').select('g.name as agency_name');
  }
  type AssetRow = Awaited<ReturnType<ReturnType<typeof assetQuery>['executeTakeFirstOrThrow']>>;
  const assetView = (r: AssetRow): AssetView => ({
    id: r.id,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    code: r.code,
    name: r.name,
    category: r.category,
    location: r.location,
    acquiredOn: r.acquired_on,
    acquisitionMethod: r.acquisition_method,
    value: Number(r.value),
    fundingSource: r.funding_source,
    condition: r.condition,
    status: r.status,
    disposedOn: r.disposed_on,
    disposalReason: r.disposal_reason,
    licenceExpiresOn: r.licence_expires_on,
    version: r.version,
  });

  async function listAssets(q: Executor, actor: Actor | null, f: AssetFilters = {}): Promise<AssetView[]> {
    const scope = scopeOf(actor, READ);
    if (scope !== 'all' && scope.length === 0) return [];
    let query = assetQuery(q);
    if (scope !== 'all') query = query.where('x.agency_id', 'in', scope);
    if (f.agencyId) query = query.where('x.agency_id', '=', f.agencyId);
    if (f.category) query = query.where('x.category', '=', f.category as never);
    if (f.condition) query = query.where('x.condition', '=', f.condition as never);
    if (f.status) query = query.where('x.status', '=', f.status as never);
    return (await query.orderBy('g.name').orderBy('x.code').limit(10000).execute()).map(assetView);
  }

  async function getAsset(q: Executor, actor: Actor | null, id: string): Promise<AssetView | null> {
    const r = await assetQuery(q).where('x.id', '=', id).executeTakeFirst();
    if (!r || !can(actor, READ, { agencyId: r.agency_id })) return null;
    return assetView(r);
  }

  function assetColumns(v: AssetInput) {
    return {
      agency_id: v.agencyId,
      code: v.code,
      name: v.name,
      category: v.category,
      location: v.location ?? '',
      acquired_on: v.acquiredOn ?? null,
      acquisition_method: v.acquisitionMethod,
      value: v.value,
      funding_source: v.fundingSource,
      condition: v.condition,
      status: v.status,
      disposed_on: v.status === 'disposed' ? (v.disposedOn ?? null) : null,
      disposal_reason: v.status === 'disposed' ? (v.disposalReason ?? null) : null,
      licence_expires_on: v.licenceExpiresOn ?? null,
    };
  }

  async function codeFree(q: Executor, agencyId: string, code: string, exceptId?: string) {
    let query = q.selectFrom('ict_assets').select('id').where('agency_id', '=', agencyId).where('code', '=', code);
    if (exceptId) query = query.where('id', '<>', exceptId);
    return !(await query.executeTakeFirst());
  }

  async function createAsset(trx: Trx, who: Who, raw: unknown): Promise<AssetView> {
    const v = parseOrThrow(assetInput, raw);
    authorize(who.actor, MANAGE, { agencyId: v.agencyId });
    if (!(await agencyExists(trx, v.agencyId))) throw errors.validation([{ field: 'agencyId', key: 'gov.inv.agency_unknown' }]);
    if (!(await codeFree(trx, v.agencyId, v.code))) throw errors.validation([{ field: 'code', key: 'gov.inv.asset.code_taken' }]);
    const cols = assetColumns(v);
    const row = await trx.insertInto('ict_assets').values(cols).returning('id').executeTakeFirstOrThrow();
    await recordAudit(trx, who, { action: 'governance.asset.create', entityType: 'ict_asset', entityId: row.id, agencyId: v.agencyId, after: cols });
    return (await getAsset(trx, who.actor, row.id))!;
  }

  async function updateAsset(trx: Trx, who: Who, id: string, version: number, raw: unknown): Promise<AssetView> {
    const before = await trx.selectFrom('ict_assets').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before || !can(who.actor, READ, { agencyId: before.agency_id })) throw errors.notFound();
    authorize(who.actor, MANAGE, { agencyId: before.agency_id });
    const v = parseOrThrow(assetInput, raw);
    if (v.agencyId !== before.agency_id) authorize(who.actor, MANAGE, { agencyId: v.agencyId });
    if (!(await codeFree(trx, v.agencyId, v.code, id))) throw errors.validation([{ field: 'code', key: 'gov.inv.asset.code_taken' }]);
    const cols = assetColumns(v);
    const res = await trx
      .updateTable('ict_assets')
      .set({ ...cols, version: sql<number>`version + 1`, updated_at: new Date() })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw conflict();
    await recordAudit(trx, who, { action: 'governance.asset.update', entityType: 'ict_asset', entityId: id, agencyId: v.agencyId, before, after: cols });
    return (await getAsset(trx, who.actor, id))!;
  }

  /**
   * CSV import into one agency: every line is validated first; any bad line → nothing is
   * imported and every bad line is reported with its number and reason. A code already in
   * the agency updates that asset (importing the same file twice makes no duplicates).
   */
  async function importAssets(trx: Trx, who: Who, agencyId: string, text: string): Promise<ImportResult> {
    authorize(who.actor, MANAGE, { agencyId });
    if (!(await agencyExists(trx, agencyId))) throw errors.validation([{ field: 'agencyId', key: 'gov.inv.agency_unknown' }]);
    const parsed = parseAssetCsv(text);
    if (!parsed.ok) return { ok: false, errors: parsed.errors };
    const lineErrors: ImportLineError[] = [];
    const good: { line: number; v: AssetInput }[] = [];
    const seen = new Map<string, number>();
    for (const rec of parsed.rows) {
      const r = validate(assetInput, { ...rec.values, agencyId });
      if (!r.ok) {
        for (const fe of r.fields) lineErrors.push({ line: rec.line, field: fe.field, key: fe.key, params: fe.params });
        continue;
      }
      const prev = seen.get(r.data.code);
      if (prev !== undefined) {
        lineErrors.push({ line: rec.line, field: 'code', key: 'gov.inv.import.duplicate_in_file', params: { line: prev } });
        continue;
      }
      seen.set(r.data.code, rec.line);
      good.push({ line: rec.line, v: r.data });
    }
    if (lineErrors.length) return { ok: false, errors: lineErrors };
    if (!good.length) return { ok: false, errors: [{ line: 1, key: 'gov.inv.import.empty' }] };
    const existing = new Map(
      (await trx.selectFrom('ict_assets').select(['id', 'code']).where('agency_id', '=', agencyId).execute()).map((r) => [r.code, r.id]),
    );
    let created = 0;
    let updated = 0;
    for (const { v } of good) {
      const cols = assetColumns(v);
      const id = existing.get(v.code);
      if (id) {
        await trx.updateTable('ict_assets').set({ ...cols, version: sql<number>`version + 1`, updated_at: new Date() }).where('id', '=', id).execute();
        updated++;
      } else {
        await trx.insertInto('ict_assets').values(cols).execute();
        created++;
      }
    }
    await recordAudit(trx, who, { action: 'governance.asset.import', entityType: 'ict_asset', agencyId, after: { created, updated, lines: good.length } });
    return { ok: true, created, updated };
  }

  // -------------------------------------------------------------------------------------
  // Figures (landing page, M&E report)

  /** Inventory figures over the agencies `actor` may read (everything when actor is null: the report). */
  async function figures(q: Executor, actor: Actor | null, year: number): Promise<InventoryFigures> {
    const scope: 'all' | string[] = actor ? scopeOf(actor, READ) : 'all';
    const inScope = <T extends { agency_id: string }>(rows: T[]) => (scope === 'all' ? rows : rows.filter((r) => scope.includes(r.agency_id)));
    const apps = inScope(await q.selectFrom('ict_applications').select(['agency_id', 'status', 'kind', 'handover_accepted_at']).execute());
    const byStatus: Record<string, number> = { planned: 0, development: 0, live: 0, retired: 0 };
    const byKind: Record<string, number> = { core: 0, general: 0, national: 0 };
    let accepted = 0;
    for (const a of apps) {
      byStatus[a.status] = (byStatus[a.status] ?? 0) + 1;
      byKind[a.kind] = (byKind[a.kind] ?? 0) + 1;
      if (a.handover_accepted_at) accepted++;
    }
    const figs = inScope(await q.selectFrom('ict_staff_figures').selectAll().where('year', '=', year).execute());
    const totals = { civilServants: 0, ictAble: 0, abilityGood: 0, abilityFair: 0, ictSpecialists: 0, agenciesReported: figs.length };
    for (const f of figs) {
      totals.civilServants += f.civil_servants;
      totals.ictAble += f.ict_able;
      totals.abilityGood += f.ability_good;
      totals.abilityFair += f.ability_fair;
      totals.ictSpecialists += f.ict_specialists;
    }
    const agencies = (await q.selectFrom('agencies').select('id').where('active', '=', true).execute()).map((a) => ({ agency_id: a.id }));
    const reported = new Set(figs.map((f) => f.agency_id));
    const without = inScope(agencies).filter((a) => !reported.has(a.agency_id)).length;
    const assets = inScope(await q.selectFrom('ict_assets').select(['agency_id', 'condition', 'status']).where('status', '<>', 'disposed').execute());
    const byCondition: Record<string, number> = { good: 0, light_damage: 0, heavy_damage: 0 };
    for (const a of assets) byCondition[a.condition] = (byCondition[a.condition] ?? 0) + 1;
    return {
      applicationsByStatus: byStatus,
      applicationsByKind: byKind,
      handoverAccepted: accepted,
      handoverPending: apps.length - accepted,
      staffYear: year,
      staffTotals: totals,
      agenciesWithoutStaffFigures: without,
      assetsByCondition: byCondition,
      assetsTotal: assets.length,
    };
  }

  return {
    listApplications,
    applicationChoices,
    getApplication,
    createApplication,
    updateApplication,
    provideHandoverItem,
    handoverFile,
    acceptHandover,
    staffFigures,
    saveStaffFigures,
    regionStaffFigures,
    listStaffMembers,
    getStaffMember,
    saveStaffMember,
    listAssets,
    getAsset,
    createAsset,
    updateAsset,
    importAssets,
    figures,
  };
}

export type Inventory = ReturnType<typeof createInventory>;
