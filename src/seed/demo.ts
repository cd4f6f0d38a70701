// The demo region "Provinsi Contoh" (issue 2 §7): the region (WITA), its 44 agencies, a super
// admin at Diskominfo, one staff account per agency role in DPMPTSP and Dinas Kesehatan, a
// region-wide executive and auditor, two citizens, and the demo service catalogue. Loaded
// through the agencies, identity and catalogue services in ONE transaction: either all of it
// is there, or nothing. Refused when a region already exists, and never in production (the
// callers in main.ts check NODE_ENV).
import { sql } from 'kysely';
import type { Deps } from '../app.ts';
import type { Actor } from '../platform/auth/actor.ts';
import type { Database, Trx } from '../platform/db/database.ts';
import type { StaffRole } from '../platform/db/schema.ts';
import { demoAgencies, demoRegion } from '../modules/agencies/demo-region.ts';
import { timeZoneLabel } from '../platform/calendar/time-zones.ts';
import { hashPassword } from '../modules/identity/passwords.ts';
import { seedDemoCatalog } from '../modules/catalog/demo-load.ts';
import { seedDemoSops } from '../modules/workflow/demo-sops.ts';
import { seedDemoPayments } from '../modules/payments/demo-payments.ts';
import { seedDemoContent } from '../modules/content/index.ts';
import { seedHolidays } from '../platform/calendar/calendar.service.ts';
import { seedPlanningDemo } from '../modules/governance/planning.demo.ts';
import { insertDemoCitizenAccount, type DemoCitizen } from './demo-citizens.ts';
import { seedDemoGovernance } from '../modules/governance/demo-governance.ts';
import { seedDemoReconciliation } from '../modules/payments/reconciliation.demo.ts';
import { seedDemoGovernanceRegisters } from '../modules/governance/registers.demo.ts';
import { seedDemoActivity, type DemoActivityResult, type DemoOfficers } from '../modules/applications/index.ts';

export interface DemoSeedResult {
  regionName: string;
  adminEmail: string;
  password: string;
  otherEmails: string[];
  /** What the demo activity loaded (absent when it was not asked for). */
  activity?: DemoActivityResult;
  /** With `activity: 'later'`: loads the demo applications. */
  loadActivity?: () => Promise<DemoActivityResult>;
}

/** One password for every demo account (printed by `simpul start` / `simpul seed --demo`). */
export const DEMO_PASSWORD = 'Simpul#Demo2026';
export const DEMO_ADMIN_EMAIL = `admin@${demoRegion.domain}`;

export class DemoAlreadyLoadedError extends Error {
  constructor() {
    super('A region already exists: demo data is loaded only into an empty database.');
  }
}

/** The staff accounts of the demo, besides the super admin. */
export const demoStaff: { email: string; name: string; role: StaffRole; agency: string | null }[] = [
  ...(
    [
      ['dpmptsp', 'DPMPTSP'],
      ['dinkes', 'Dinas Kesehatan'],
    ] as const
  ).flatMap(([slug, label]) =>
    (
      [
        ['agency_admin', 'admin', 'Admin'],
        ['operator', 'operator', 'Operator'],
        ['verifier', 'verifikator', 'Verifikator'],
        ['signing_official', 'pejabat', 'Pejabat Penandatangan'],
        ['counter_officer', 'loket', 'Petugas Loket'],
        ['finance_officer', 'bendahara', 'Bendahara Penerimaan'],
        ['ict_officer', 'tik', 'Pengelola TIK'],
        ['auditor', 'auditor', 'Auditor'],
      ] as const
    ).map(([role, local, title]) => ({
      email: `${local}.${slug}@${demoRegion.domain}`,
      name: `${title} ${label} (demo)`,
      role: role as StaffRole,
      agency: slug,
    })),
  ),
  { email: `pimpinan@${demoRegion.domain}`, name: 'Pimpinan Daerah (demo)', role: 'executive', agency: null },
  { email: `auditor@${demoRegion.domain}`, name: 'Auditor Wilayah (demo)', role: 'auditor', agency: null },
  { email: `bendahara@${demoRegion.domain}`, name: 'Bendahara Kas Daerah (demo)', role: 'finance_officer', agency: null },
  { email: `spbe@${demoRegion.domain}`, name: 'Tim Koordinasi SPBE Dinas Kominfo (demo)', role: 'ict_coordinator', agency: null },
  { email: `pdp@${demoRegion.domain}`, name: 'Pejabat Pelindungan Data Pribadi (demo)', role: 'data_protection_officer', agency: null },
  { email: `pengaduan@${demoRegion.domain}`, name: 'Admin Pengaduan Daerah (demo)', role: 'complaint_coordinator', agency: null },
  { email: `wbs@${demoRegion.domain}`, name: 'Pemeriksa WBS Inspektorat (demo)', role: 'wbs_investigator', agency: null },
];

/** Two citizens with valid NIKs of province 53 (Kota Kupang; Kabupaten Kupang). */
export const demoCitizens: DemoCitizen[] = [
  { name: 'Maria Goreti Ndun', nik: '5371014506900001', email: `maria.ndun@warga.${demoRegion.domain}`, phone: '0812 3456 7801' },
  { name: 'Yohanes Bosco Tefa', nik: '5301021203850002', email: `yohanes.tefa@warga.${demoRegion.domain}`, phone: '0813 3456 7802' },
];

/** Residents who filed the demo's applications (they can sign in too, but are not listed). */
export const demoApplicants: DemoCitizen[] = [
  { name: 'Agustinus Lede', nik: '5371011203880003', email: `agustinus.lede@warga.${demoRegion.domain}`, phone: '0812 3456 7803' },
  { name: 'Fransiska Nenobais', nik: '5371024507910004', email: `fransiska.nenobais@warga.${demoRegion.domain}`, phone: '0812 3456 7804' },
  { name: 'Yakobus Mau', nik: '5371030101790005', email: `yakobus.mau@warga.${demoRegion.domain}`, phone: '0812 3456 7805' },
  { name: 'Elisabeth Bunga', nik: '5371045808930006', email: `elisabeth.bunga@warga.${demoRegion.domain}`, phone: '0812 3456 7806' },
  { name: 'Petrus Kase', nik: '5301012510840007', email: `petrus.kase@warga.${demoRegion.domain}`, phone: '0812 3456 7807' },
  { name: 'Margaretha Sabu', nik: '5301026603870008', email: `margaretha.sabu@warga.${demoRegion.domain}`, phone: '0812 3456 7808' },
  { name: 'Dominikus Ratu', nik: '5371051409900009', email: `dominikus.ratu@warga.${demoRegion.domain}`, phone: '0812 3456 7809' },
  { name: 'Theresia Lomi', nik: '5371014911950010', email: `theresia.lomi@warga.${demoRegion.domain}`, phone: '0812 3456 7810' },
];

/** True when no region exists yet (first start). */
export async function databaseIsEmpty(database: Database): Promise<boolean> {
  const row = await database.db.selectFrom('regions').select('id').limit(1).executeTakeFirst();
  return !row;
}

/** Loads the demo region "Provinsi Contoh". Implemented with the agencies and identity services. */
/**
 * `activity`: load the demo applications now (default), not at all (false), or 'later': the
 * result then carries `loadActivity`, which `simpul start` runs once the server listens.
 */
export async function seedDemo(deps: Deps, opts: { files?: boolean; activity?: boolean | 'later'; now?: Date } = {}): Promise<DemoSeedResult> {
  if (!(await databaseIsEmpty(deps.database))) throw new DemoAlreadyLoadedError();
  const demo = { actor: null, label: 'demo', trusted: true };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const staffIds = new Map<string, string>();
  let activity: DemoActivityResult | undefined;
  const applicantIds: string[] = [];
  let agencyIdsBySlug = new Map<string, string>();
  try {
    await deps.database.db.transaction().execute(async (trx: Trx) => {
      await deps.agencies.createRegion(
        demo,
        { name: demoRegion.name, level: demoRegion.level, kodeWilayah: demoRegion.kodeWilayah, timeZone: timeZoneLabel(demoRegion.timezone), domain: demoRegion.domain },
        { trx },
      );
      const agencyIds = new Map<string, string>();
      for (const a of demoAgencies) {
        const created = await deps.agencies.createAgencyIn(trx, demo, {
          slug: a.slug,
          name: a.name,
          shortName: a.shortName,
          type: a.type,
          headName: a.headName,
          headTitle: a.headTitle,
          address: a.address,
          phone: a.phone,
          email: a.email,
          subdomain: a.subdomain,
        });
        agencyIds.set(a.slug, created.id);
      }

      const { userId: adminId } = await deps.agencies.createStaff(
        demo,
        { name: 'Admin Diskominfo (demo)', email: DEMO_ADMIN_EMAIL, role: 'super_admin', agency: null },
        deps.identity,
        { password: DEMO_PASSWORD, trx },
      );
      for (const s of demoStaff) {
        const { userId } = await deps.agencies.createStaff(demo, { name: s.name, email: s.email, role: s.role, agency: s.agency }, deps.identity, { password: DEMO_PASSWORD, trx });
        staffIds.set(s.email, userId);
      }
      for (const c of demoCitizens) applicantIds.push((await insertDemoCitizenAccount(trx, c, passwordHash)).userId);
      for (const c of demoApplicants) applicantIds.push((await insertDemoCitizenAccount(trx, c, passwordHash)).userId);
      agencyIdsBySlug = agencyIds;

      // The demo service catalogue, published by the demo super admin.
      const admin: Actor = {
        userId: adminId,
        kind: 'staff',
        name: 'Admin Diskominfo (demo)',
        locale: 'id',
        grants: [{ role: 'super_admin', agencyId: null }],
        mfaPassed: true,
        mfaEnrolled: false,
        sessionId: null,
        via: 'token',
      };
      // Information layer and legal library first: services cite the legal documents.
      const legalIds = await seedDemoContent(deps, { adminUserId: adminId, trx, files: opts.files });
      await seedDemoCatalog(trx, deps.catalog, { actor: admin, agencyIds, legalIds });
      // Every demo service runs on an approved SOP, so demo applications can be processed.
      const services = await trx.selectFrom('services').select(['id', sql<number | null>`(draft_content->>'completionDays')::int`.as('days')]).execute();
      await seedDemoSops(trx, deps.workflow, services.map((r) => ({ id: r.id, completionDays: r.days })));
      // The region's receiving account for fees (payments, P-7).
      await seedDemoPayments(trx);
      // National holidays and cuti bersama (SKB) for the working-day calendar.
      await seedHolidays(trx);
      // ICT governance planning: SPBE self-assessment, PeGI, maturity, master plan and roadmap.
      await seedPlanningDemo(trx, deps.planning, { actor: admin, agencyIds });
      // ICT-governance inventories (issue 6): applications, hand-over, ICT staff and assets.
      await seedDemoGovernance(deps, { trx, admin, agencyIds, domain: demoRegion.domain });
      // Payments: the treasury account and a saved statement format.
      await seedDemoReconciliation(trx);
      // ICT governance registers: a coordination request, an audit, officials, a domain (GOV-REG).
      await seedDemoGovernanceRegisters(trx, { actor: admin, agencyIds, regionDomain: demoRegion.domain, timeZone: demoRegion.timezone, progressPeriodMonths: deps.config.govProgressReportMonths });
    });
  } catch (err) {
    // Another process loaded the demo at the same moment (the one-region index refused ours).
    if (!(await databaseIsEmpty(deps.database))) throw new DemoAlreadyLoadedError();
    throw err;
  }
  // A few weeks of applications through the real services (after the region exists: each
  // call opens its own transaction). The two citizens who sign in get the fewest, so their
  // own lists stay easy to read.
  let loadActivity: (() => Promise<DemoActivityResult>) | undefined;
  if (opts.activity !== false) {
    const officer = (email: string, role: StaffRole, agencyId: string): Actor => ({
      userId: staffIds.get(email)!,
      kind: 'staff',
      name: demoStaff.find((s) => s.email === email)!.name,
      locale: 'id',
      grants: [{ role, agencyId }],
      mfaPassed: true,
      mfaEnrolled: false,
      sessionId: null,
      via: 'token',
    });
    const officers: Record<string, DemoOfficers> = {};
    for (const slug of ['dpmptsp', 'dinkes']) {
      const agencyId = agencyIdsBySlug.get(slug);
      if (!agencyId) continue;
      officers[slug] = {
        verifier: officer(`verifikator.${slug}@${demoRegion.domain}`, 'verifier', agencyId),
        operator: officer(`operator.${slug}@${demoRegion.domain}`, 'operator', agencyId),
        official: officer(`pejabat.${slug}@${demoRegion.domain}`, 'signing_official', agencyId),
      };
    }
    loadActivity = () => seedDemoActivity(deps, { applicants: applicantIds.slice(demoCitizens.length), featured: applicantIds.slice(0, demoCitizens.length), officers, now: opts.now ?? new Date() });
    if (opts.activity !== 'later') {
      activity = await loadActivity();
      loadActivity = undefined;
    }
  }
  return {
    regionName: demoRegion.name,
    adminEmail: DEMO_ADMIN_EMAIL,
    password: DEMO_PASSWORD,
    otherEmails: [...demoStaff.map((s) => s.email), ...demoCitizens.map((c) => c.email)],
    activity,
    loadActivity,
  };
}
