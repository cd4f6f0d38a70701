// Executive information (E-1, E-2, E-3): the figures of a small hand-computed scenario (with an
// injected clock and a long weekend of holidays), incremental and idempotent summaries, the
// agency head's scope, drill-down lists matching their figures, the wall and the public page.
import crypto from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engine, type TestApp } from '../../../test/harness.ts';
import { makeAgency, makeCitizen, makeServiceWithSop, makeStaff, signInAs } from '../../../test/factories.ts';
import { upsertHoliday } from '../../platform/calendar/calendar.service.ts';
import { instantOfLocal, type RegionTimeZone } from '../../platform/calendar/working-time.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { AgencyView } from '../agencies/agencies.service.ts';
import { periodOf } from './executive.periods.ts';
import { createMonthlyReport } from './executive.report.ts';
import { insertBill, insertCredit } from '../payments/reports.test-support.ts';
import type { CaseSourceFact } from './executive.rollup.ts';
import { openPerson } from '../identity/index.ts';

let t: TestApp;
let tz: RegionTimeZone;
let a: AgencyView;
let b: AgencyView;
let sa: { id: string; slug: string };
let sb: { id: string; slug: string };
let headA: string;
let governor: string;

const at = (local: string) => instantOfLocal(tz, local.slice(0, 10), local.slice(11, 16))!;
const NOW = () => at('2030-01-21 10:00'); // Monday
const JAN = () => periodOf('bulan', '2030-01-15');

function fact(p: Partial<CaseSourceFact> & { agencyId: string; serviceId: string; submitted: string; decided?: string; due?: string; activity?: string }): CaseSourceFact {
  const decidedAt = p.decided ? at(p.decided) : null;
  return {
    id: p.id ?? crypto.randomUUID(),
    trackingNumber: p.trackingNumber ?? `2030-UJI-${crypto.randomInt(100000, 999999)}`,
    agencyId: p.agencyId,
    serviceId: p.serviceId,
    channel: p.channel ?? 'online',
    status: p.status ?? (decidedAt ? 'approved' : 'submitted'),
    assigned: p.assigned ?? false,
    submittedAt: at(p.submitted),
    decidedAt,
    dueAt: p.due ? at(p.due) : null,
    lastActivityAt: at(p.activity ?? p.decided ?? p.submitted),
    district: p.district ?? null,
    sentBack: p.sentBack ?? false,
    steps: p.steps ?? [],
  };
}

let scenario: CaseSourceFact[];
let a4: CaseSourceFact;

beforeAll(async () => {
  t = await createTestApp({ requireAdminMfa: false });
  a = await makeAgency(t);
  b = await makeAgency(t);
  sa = await makeServiceWithSop(t, a);
  sb = await makeServiceWithSop(t, b);
  tz = await t.deps.executive.timeZone();
  // A long weekend: Monday 7 January 2030 (holiday) and Tuesday 8 (cuti bersama).
  await upsertHoliday(t.database.db, { date: '2030-01-07', kind: 'libur_nasional', name: 'Libur uji' });
  await upsertHoliday(t.database.db, { date: '2030-01-08', kind: 'cuti_bersama', name: 'Cuti bersama uji' });
  // Friday 1 February 2030 (holiday): the monthly report's first working day is Monday the 4th.
  await upsertHoliday(t.database.db, { date: '2030-02-01', kind: 'libur_nasional', name: 'Libur uji Februari' });
  headA = (await makeStaff(t, 'executive', a)).userId;
  governor = (await makeStaff(t, 'executive', null)).userId;
  const A = { agencyId: a.id, serviceId: sa.id };
  a4 = fact({ ...A, submitted: '2030-01-14 09:00', due: '2030-01-16 16:00', activity: '2030-01-14 10:00', status: 'in_process', assigned: true });
  scenario = [
    // 3 working days (Wed 7 h, Thu 8 h, Fri 2 h), on time.
    fact({ ...A, submitted: '2030-01-02 09:00', decided: '2030-01-04 10:00', due: '2030-01-04 16:00', district: '53.71.01', steps: [{ name: 'Verifikasi', finishedAt: at('2030-01-03 10:00'), usedMs: 9 * 3_600_000, met: false }] }),
    // Across the long weekend: Thu 7 h, Fri 8 h, Wed 2 h = 3 working days (5 without the holidays); on time; sent back once.
    fact({ ...A, channel: 'counter', submitted: '2030-01-03 09:00', decided: '2030-01-09 10:00', due: '2030-01-09 16:00', sentBack: true, steps: [{ name: 'Tanda tangan', finishedAt: at('2030-01-09 10:00'), usedMs: 2 * 3_600_000, met: true }] }),
    // Late: decided the day after its deadline; 5 working days; rejected.
    fact({ ...A, submitted: '2030-01-02 09:00', decided: '2030-01-10 10:00', due: '2030-01-09 16:00', status: 'rejected' }),
    a4,
    // Nobody responded since the 3rd; due on the 4th.
    fact({ ...A, submitted: '2030-01-03 09:00', due: '2030-01-04 16:00' }),
    // Agency B: 2 working days (Wed 7 h, Thu 2 h), on time, at the counter.
    fact({ agencyId: b.id, serviceId: sb.id, channel: 'counter', submitted: '2030-01-02 09:00', decided: '2030-01-03 10:00', due: '2030-01-05 16:00' }),
    // Same month last year, agency A.
    fact({ ...A, submitted: '2029-01-10 09:00', decided: '2029-01-11 10:00', due: '2029-01-12 16:00' }),
  ];
  await t.database.db.transaction().execute((trx) => t.deps.executive.applyFacts(trx, { applications: scenario }));
});
afterAll(async () => t?.close());

describe(`executive figures (${engine})`, () => {
  it('[E-1] [E-3] figures equal the hand-computed scenario, working days skip the holidays', async () => {
    const d = await t.deps.executive.dashboard({ agencies: 'all' }, JAN(), NOW());
    expect(d.flow.current).toMatchObject({ received: 6, completed: 4, completedInSla: 3, sentBack: 1, receivedOnline: 4, receivedDone: 4 });
    expect(d.flow.previous).toMatchObject({ received: 0, completed: 0 });
    expect(d.flow.lastYear).toMatchObject({ received: 1, completed: 1, completedInSla: 1 });
    // Working days taken: 3, 3, 5, 2 → median (nearest rank) 3, 90th percentile 5.
    expect(d.durations).toMatchObject({ median: 3, p90: 5 });
    expect(d.open).toEqual({ unclaimed: 1, in_process: 1, with_applicant: 0 });
    // Today Monday 21 January: due the 16th is 3 working days late (1–5), due the 4th is 9 (6–10).
    expect(d.overdue).toBe(2);
    expect(d.buckets.map((x) => x.n)).toEqual([1, 1, 0, 0]);
    // Untouched since the 14th and the 3rd: more than 3 working days.
    expect(d.escalated).toBe(2);
    expect(d.slowSteps[0]).toMatchObject({ name: 'Verifikasi', n: 1, late: 1, avgHours: 9 });
    expect(d.breakdownBy).toBe('agency');
    expect(d.breakdown.find((r) => r.id === a.id)).toMatchObject({ received: 5, completed: 3, completedInSla: 2, open: 2 });
    // Cuts: district and channel.
    const district = await t.deps.executive.dashboard({ agencies: 'all', district: '53.71.01' }, JAN(), NOW());
    expect(district.flow.current).toMatchObject({ received: 1, completed: 1 });
    const counter = await t.deps.executive.dashboard({ agencies: 'all', channel: 'counter' }, JAN(), NOW());
    expect(counter.flow.current).toMatchObject({ received: 2, completed: 2, completedInSla: 2 });
  });

  it('[E-3] summaries are incremental and idempotent: a fact delivered twice counts once', async () => {
    await t.database.db.transaction().execute((trx) => t.deps.executive.applyFacts(trx, { applications: scenario }));
    const same = await t.deps.executive.dashboard({ agencies: 'all' }, JAN(), NOW());
    expect(same.flow.current).toMatchObject({ received: 6, completed: 4, completedInSla: 3 });
    expect(same.open).toEqual({ unclaimed: 1, in_process: 1, with_applicant: 0 });
    // A4 is decided on the 17th, a day after its deadline: twice delivered, once counted.
    const decided = { ...a4, status: 'approved' as const, assigned: false, decidedAt: at('2030-01-17 10:00'), lastActivityAt: at('2030-01-17 10:00') };
    for (let i = 0; i < 2; i++) await t.database.db.transaction().execute((trx) => t.deps.executive.applyFacts(trx, { applications: [decided] }));
    const d = await t.deps.executive.dashboard({ agencies: 'all' }, JAN(), NOW());
    expect(d.flow.current).toMatchObject({ received: 6, completed: 5, completedInSla: 3 });
    expect(d.open).toEqual({ unclaimed: 1, in_process: 0, with_applicant: 0 });
    expect(d.overdue).toBe(1);
    expect(d.escalated).toBe(1);
  });

  it('[E-1] every drill-down list has exactly the cases behind its figure', async () => {
    const filters = { agencies: 'all' as const };
    const d = await t.deps.executive.dashboard(filters, JAN(), NOW());
    const count = async (m: Parameters<typeof t.deps.executive.cases>[1]) => (await t.deps.executive.cases(filters, m, JAN(), { now: NOW() })).total;
    expect(await count('received')).toBe(d.flow.current.received);
    expect(await count('completed')).toBe(d.flow.current.completed);
    expect(await count('in_sla')).toBe(d.flow.current.completedInSla);
    expect(await count('late')).toBe(d.flow.current.completed - d.flow.current.completedInSla);
    expect(await count('sent_back')).toBe(d.flow.current.sentBack);
    expect(await count('open')).toBe(d.open.unclaimed + d.open.in_process + d.open.with_applicant);
    expect(await count('overdue')).toBe(d.overdue);
    expect(await count('escalated')).toBe(d.escalated);
    for (const bk of d.buckets) expect(await count(bk.key)).toBe(bk.n);
    const late = await t.deps.executive.cases(filters, 'late', JAN(), { now: NOW() });
    expect(late.rows.every((r) => r.slaMet === false)).toBe(true);
  });

  it('[E-3] the set-based rebuild from the facts gives the figures of the incremental path (month, year, week, district, channel); moving the backlog floor changes no figure', async () => {
    const ex = t.deps.executive;
    const views = [
      () => ex.dashboard({ agencies: 'all' }, JAN(), NOW()),
      () => ex.dashboard({ agencies: 'all' }, periodOf('tahun', '2030-01-15'), NOW()),
      () => ex.dashboard({ agencies: 'all' }, periodOf('minggu', '2030-01-09'), NOW()),
      () => ex.dashboard({ agencies: [a.id] }, JAN(), NOW()),
      () => ex.dashboard({ agencies: 'all', district: '53.71.01' }, JAN(), NOW()),
      () => ex.dashboard({ agencies: 'all', channel: 'counter' }, JAN(), NOW()),
      () => ex.publicKpis({ from: '2030-01-01', to: '2030-01-21' }),
    ];
    const before = [];
    for (const v of views) before.push(await v());
    // The week of 7–11 January (durations and steps from the facts): two decided, 3 and 5 working days.
    const week = before[2] as Awaited<ReturnType<typeof ex.dashboard>>;
    expect(week.flow.current).toMatchObject({ completed: 2, completedInSla: 1 });
    expect(week.durations).toMatchObject({ median: 3, p90: 5 });
    expect(week.slowSteps.map((x) => x.name)).toEqual(['Tanda tangan']);
    await ex.rebuildSummaries(NOW());
    for (let i = 0; i < views.length; i++) expect(await views[i]!(), `view ${i}`).toEqual(before[i]);
    // Months later the floor of the open backlog moves past every date of the scenario: the
    // figures of that day are the same before and after.
    const june = at('2030-06-03 10:00');
    const beforeMove = await ex.dashboard({ agencies: 'all' }, JAN(), june);
    await ex.refresh(june);
    expect((await t.database.db.selectFrom('exec_open_floor').select(sql<string>`floor::text`.as('f')).executeTakeFirstOrThrow()).f).toBe('2030-03-05');
    expect(await ex.dashboard({ agencies: 'all' }, JAN(), june)).toEqual(beforeMove);
    // In June every overdue case of January is more than 20 working days late.
    expect(beforeMove.overdue).toBeGreaterThan(0);
    expect(beforeMove.buckets.map((x) => x.n)).toEqual([0, 0, 0, beforeMove.overdue]);
    // Back to the scenario's today (the floor is set from it) for the tests after this one.
    await ex.rebuildSummaries(NOW());
    expect(await views[0]!()).toEqual(before[0]);
  });

  it('[E-2] an agency head sees his agency only; another agency is 403; the governor sees all', async () => {
    const head = await signInAs(t, headA);
    const page = await head.get('/eksekutif?periode=bulan&tanggal=2030-01-15');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(a.name);
    expect(page.body).not.toContain(b.name);
    expect((await head.get(`/eksekutif?instansi=${b.id}&periode=bulan&tanggal=2030-01-15`)).statusCode).toBe(403);
    expect((await head.get(`/eksekutif/kasus?instansi=${b.id}&ukuran=received&periode=bulan&tanggal=2030-01-15`)).statusCode).toBe(403);
    const api = await head.get('/api/v1/executive/dashboard?periode=bulan&tanggal=2030-01-15', { accept: 'application/json' });
    expect(api.statusCode).toBe(200);
    const body = api.json() as { flow: { current: { received: number } }; breakdownBy: string };
    expect(body.flow.current.received).toBe(5);
    expect(body.breakdownBy).toBe('service');
    // The drill-down page lists as many cases as the figure says.
    const list = await head.get('/eksekutif/kasus?ukuran=received&periode=bulan&tanggal=2030-01-15');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('data-count="5"');
    expect((list.body.match(/>2030-UJI-/g) ?? []).length).toBe(5);
    const csv = await head.get('/eksekutif?periode=bulan&tanggal=2030-01-15&kartu=permohonan&format=csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Diterima,5,0,1');
    const gov = await signInAs(t, governor);
    const all = await gov.get('/eksekutif?periode=bulan&tanggal=2030-01-15');
    expect(all.body).toContain(a.name);
    expect(all.body).toContain(b.name);
    // A yearly revenue target, set on the page (CSRF, audited), is what the revenue card compares with.
    const form = await gov.get('/eksekutif?periode=tahun&tanggal=2030-06-30');
    const saved = await gov.submit('/eksekutif/target', { agency: a.id, year: '2030', amount: '1.500.000.000' }, '/eksekutif?periode=tahun&tanggal=2030-06-30');
    expect(form.statusCode).toBe(200);
    expect(saved.statusCode).toBe(303);
    expect((await t.deps.executive.targets(2030)).get(a.id)).toBe(1_500_000_000);
    const audit = await t.database.db.selectFrom('audit_events').select(['action', 'after']).where('action', '=', 'executive.target.set').execute();
    expect(audit).toHaveLength(1);
    expect((await head.submit('/eksekutif/target', { agency: a.id, year: '2030', amount: '1' }, '/eksekutif?periode=bulan&tanggal=2030-01-15')).statusCode).toBe(403);
    expect((await gov.submit('/eksekutif/target', { agency: a.id, year: '2030', amount: 'banyak' }, '/eksekutif?periode=tahun&tanggal=2030-06-30')).statusCode).toBe(422);
    // Other staff and citizens get nothing.
    const operator = await signInAs(t, (await makeStaff(t, 'agency_admin', a)).userId);
    expect((await operator.get('/eksekutif')).statusCode).toBe(403);
    expect((await gov.get('/eksekutif?periode=abad')).statusCode).toBe(400);
  });

  it('[E-3] the command-centre wall: red with escalated cases, green with nothing open; it refreshes itself', async () => {
    const wall = await t.deps.executive.wall({ agencies: [a.id, b.id] }, NOW());
    expect(wall.tiles.find((x) => x.agencyId === a.id)).toMatchObject({ tone: 'red', unclaimed: 1, escalated: 1 });
    expect(wall.tiles.find((x) => x.agencyId === b.id)).toMatchObject({ tone: 'green', unclaimed: 0, inProcess: 0 });
    const gov = await signInAs(t, governor);
    const page = await gov.get('/eksekutif/layar');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('http-equiv="refresh"');
  });

  it('[E-2] the public performance page publishes rates only from the minimum volume', async () => {
    const B = { agencyId: b.id, serviceId: sb.id };
    const feb = Array.from({ length: 10 }, (_, i) => fact({ ...B, submitted: '2030-02-04 09:00', decided: '2030-02-05 10:00', due: i === 0 ? '2030-02-04 16:00' : '2030-02-06 16:00' }));
    await t.database.db.transaction().execute((trx) => t.deps.executive.applyFacts(trx, { applications: feb }));
    const kpis = await t.deps.executive.publicKpis({ from: '2030-02-01', to: '2030-02-28' });
    expect(kpis.find((k) => k.agencyId === b.id)).toMatchObject({ received: 10, completed: 10, slaPercent: 90, completionPercent: 100, digitalPercent: 100 });
    expect(kpis.find((k) => k.agencyId === a.id)).toMatchObject({ received: 0, slaPercent: null, completionPercent: null });
    const page = await t.app.inject({ method: 'GET', url: '/kinerja', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(b.name);
    const csv = await t.app.inject({ method: 'GET', url: '/kinerja/data.csv' });
    expect(csv.headers['content-type']).toContain('text/csv');
    const meta = await t.app.inject({ method: 'GET', url: '/kinerja/metadata.json' });
    expect(meta.json()).toMatchObject({ licence: expect.any(String), unit: expect.any(String) });
  });

  it('[E-3] real applications reach the summaries through the domain events (submitted, claimed, released, withdrawn); a rebuild gives the same figures', async () => {
    const c = await makeCitizen(t);
    const applicant: Actor = { userId: c.userId, kind: 'citizen', name: c.name, locale: 'id', grants: [], mfaPassed: true, mfaEnrolled: false, sessionId: null, via: 'session' };
    const service = (await t.deps.catalog.getPublished(sa.slug))!;
    const when = at('2030-03-04 09:00');
    const file = async () => {
      await t.deps.applications.save({ service, applicantId: c.userId, values: { nama_usaha: 'Warung Sejahtera', luas: '24' }, files: {}, submit: true, who: { actor: applicant }, now: when });
      const row = await t.database.db.selectFrom('applications').select(['id', 'tracking_number']).where('applicant_id', '=', c.userId).orderBy('created_at', 'desc').orderBy('id', 'desc').executeTakeFirstOrThrow();
      return { id: row.id, tracking: row.tracking_number! };
    };
    const marks = async () => (await t.database.db.selectFrom('exec_dirty').select(['kind', 'id']).execute()).map((m) => `${m.kind}:${m.id}`);
    const first = await file();
    // The application.submitted event marked it in the transaction of the filing.
    expect(await marks()).toEqual([`application:${first.id}`]);
    const march = periodOf('bulan', '2030-03-04');
    const before = await t.deps.executive.dashboard({ agencies: [a.id] }, march, NOW());
    expect(before.flow.current.received).toBe(0);
    expect(await t.deps.executive.refresh()).toBe(1);
    const after = await t.deps.executive.dashboard({ agencies: [a.id] }, march, NOW());
    expect(after.flow.current.received).toBe(1);
    expect(after.open.unclaimed).toBe(before.open.unclaimed + 1);
    // Nothing marked: a second refresh changes nothing.
    expect(await t.deps.executive.refresh()).toBe(0);
    expect((await t.deps.executive.dashboard({ agencies: [a.id] }, march, NOW())).flow.current.received).toBe(1);
    // A change without a domain event (a plain update of the owner's row) marks nothing: no triggers.
    await t.database.db.updateTable('applications').set({ updated_at: when }).where('agency_id', '=', a.id).execute();
    expect(await marks()).toEqual([]);
    // Claimed → in process; released → unclaimed again.
    const u = await makeStaff(t, 'verifier', a);
    const verifier: Actor = { userId: u.userId, kind: 'staff', name: u.name, locale: 'id', grants: [{ role: 'verifier', agencyId: a.id }], mfaPassed: true, mfaEnrolled: false, sessionId: null, via: 'session' };
    await t.deps.processing.claim({ actor: verifier }, first.tracking, 1, at('2030-03-04 10:00'));
    expect(await marks()).toEqual([`application:${first.id}`]);
    await t.deps.executive.refresh();
    const claimed = await t.deps.executive.dashboard({ agencies: [a.id] }, march, NOW());
    expect(claimed.open).toMatchObject({ unclaimed: before.open.unclaimed, in_process: before.open.in_process + 1 });
    // Handed back to the queue: marked again; still in process (someone responded already).
    await t.deps.processing.release({ actor: verifier }, first.tracking, 1);
    expect(await marks()).toEqual([`application:${first.id}`]);
    expect(await t.deps.executive.refresh()).toBe(1);
    expect((await t.deps.executive.dashboard({ agencies: [a.id] }, march, NOW())).open).toEqual(claimed.open);
    // A second application, withdrawn by its applicant: received twice, withdrawn once, one open.
    const second = await file();
    await t.deps.applications.withdraw({ actor: applicant }, second.tracking);
    expect(await marks()).toEqual([`application:${second.id}`]);
    await t.deps.executive.refresh();
    const withdrawn = await t.deps.executive.dashboard({ agencies: [a.id] }, march, NOW());
    expect(withdrawn.flow.current).toMatchObject({ received: 2, withdrawn: 1 });
    expect(withdrawn.open).toEqual(claimed.open);
    const rebuilt = await t.deps.executive.rebuild();
    expect(rebuilt.applications).toBeGreaterThanOrEqual(2);
    const again = await t.deps.executive.dashboard({ agencies: [a.id] }, march, NOW());
    expect(again.flow.current).toEqual(withdrawn.flow.current);
    // The rebuild reads the applications themselves: the facts injected above (no application
    // behind them) are gone, the real one is open and in process.
    expect(again.open).toEqual({ unclaimed: 0, in_process: 1, with_applicant: 0 });
  });
});

describe(`executive cards from other modules (${engine})`, () => {
  const staff = (userId: string, role: Actor['grants'][number]['role'], agencyId: string | null): Actor => ({
    userId,
    kind: 'staff',
    name: 'Uji',
    locale: 'id',
    grants: [{ role, agencyId }],
    mfaPassed: true,
    mfaEnrolled: false,
    sessionId: null,
    via: 'session',
  });

  it('[E-1] [C-4] complaint cards: by state and category, first response within 5 working days across the holidays, resolved within tier, reopen rate', async () => {
    const citizen = await makeCitizen(t);
    const reporter: Actor = { ...staff(citizen.userId, 'operator', null), kind: 'citizen', grants: [] };
    const coord = { actor: staff((await makeStaff(t, 'complaint_coordinator', null)).userId, 'complaint_coordinator', null), meta: null };
    const officerA = { actor: staff((await makeStaff(t, 'operator', a)).userId, 'operator', a.id), meta: null };
    const cs = t.deps.complaints;
    const file = async (category: string, when: string) => {
      const filed = await cs.file({ actor: reporter, meta: null, locale: 'id' }, { kind: 'pengaduan', category, subjectType: 'service', service: sa.slug, application: '', agency: '', address: '', latitude: '', longitude: '', title: 'Loket tutup', body: 'Loket tutup pada jam layanan tanpa pemberitahuan apa pun.', showIdentity: false, allowPublish: false, name: '', contact: '' }, at(when));
      const number = (filed as { number: string }).number;
      const row = (await cs.listForStaff(coord.actor)).find((x) => x.number === number)!;
      return { id: row.id, number };
    };
    // C1 (Thu 3 Jan, routed at 10.00): 5 working days skip the long weekend, so the answer on Mon
    // 14 is in time; resolved on the 15th, then reopened by the reporter on the 16th.
    const c1 = await file('pelayanan', '2030-01-03 09:00');
    await cs.act(coord, c1.id, 'verify', { agencyId: a.id }, at('2030-01-03 10:00'));
    await cs.act(officerA, c1.id, 'respond', { note: 'Sedang kami periksa.' }, at('2030-01-14 09:00'));
    await cs.act(officerA, c1.id, 'resolve', { note: 'Selesai.' }, at('2030-01-15 09:00'));
    await cs.reopen({ actor: reporter, number: c1.number }, 'Loket masih tutup.', at('2030-01-16 09:00'));
    // C2 (Wed 2 Jan): due Fri 11; answered on the 15th (late); resolved Fri 25, after its 14
    // working days (due Thu 24).
    const c2 = await file('perizinan', '2030-01-02 09:00');
    await cs.act(coord, c2.id, 'verify', { agencyId: a.id }, at('2030-01-02 10:00'));
    await cs.act(officerA, c2.id, 'respond', { note: 'Sedang kami periksa.' }, at('2030-01-15 09:00'));
    await cs.act(officerA, c2.id, 'resolve', { note: 'Selesai.' }, at('2030-01-25 09:00'));
    // C3 routed to agency B and not answered; C4 not yet verified; C5 in December (outside).
    const c3 = await file('pelayanan', '2030-01-10 09:00');
    await cs.act(coord, c3.id, 'verify', { agencyId: b.id }, at('2030-01-10 10:00'));
    await file('pelayanan', '2030-01-10 11:00');
    await file('pelayanan', '2029-12-20 09:00');

    const cards = await t.deps.executive.cards({ agencies: 'all' }, JAN(), NOW());
    expect(cards.complaints).toMatchObject({
      received: 4,
      byStatus: { ditindaklanjuti: 1, selesai: 1, didisposisi: 1, diterima: 1 },
      byCategory: { pelayanan: 3, perizinan: 1 },
      responseDue: 3,
      respondedInTime: 1,
      resolved: 1,
      resolvedInTier: 0,
      everResolved: 2,
      reopened: 1,
    });
    const onlyA = await t.deps.executive.cards({ agencies: [a.id] }, JAN(), NOW());
    expect(onlyA.complaints).toMatchObject({ received: 2, responseDue: 2, respondedInTime: 1, reopened: 1 });
    // Per agency for the public page; shares are published only from MIN_COMPLAINTS (see KpiPage).
    const pub = await t.deps.executive.publicComplaints({ from: '2030-01-01', to: '2030-01-31' });
    expect(pub.get(a.id)).toMatchObject({ received: 2 });
    expect(pub.get(b.id)).toMatchObject({ received: 1, responseDue: 1, respondedInTime: 0 });

    const gov = await signInAs(t, governor);
    const page = await gov.get('/eksekutif?periode=bulan&tanggal=2030-01-15');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('id="pengaduan"');
    expect(page.body).toContain('Ditindaklanjuti');
    expect(page.body).toContain('Perizinan');
    // Executives are not complaint handlers: no link to a list they cannot open.
    expect(page.body).not.toContain('href="/kelola/pengaduan');
    // The same figures in the API, cut to the agency head's agency.
    const head = await signInAs(t, headA);
    const api = await head.get('/api/v1/executive/dashboard?periode=bulan&tanggal=2030-01-15', { accept: 'application/json' });
    expect((api.json() as { cards: { complaints: unknown } }).cards.complaints).toMatchObject({ received: 2, responseDue: 2, respondedInTime: 1 });
  });

  it('[E-1] SPBE card (empty region: no assessment, no findings) and reconciled revenue (matched credits booked in the period, by agency) are on the dashboard', async () => {
    const cards0 = await t.deps.executive.cards({ agencies: 'all' }, JAN(), NOW());
    expect(cards0.spbe).toEqual({ index: null, roadmap: { initiatives: 0, meanPercent: null, year: 2030 }, findings: { open: 0, overdue: 0 } });
    expect(cards0.reconciled).toBe(0);
    const payer = (await makeCitizen(t)).userId;
    const db = t.database.db;
    const billA = await insertBill(db, { agencyId: a.id, serviceId: sa.id, payerId: payer, amount: 250_000, status: 'paid', issuedAt: at('2030-01-10 09:00'), paidAt: at('2030-01-11 09:00') });
    const billB = await insertBill(db, { agencyId: b.id, serviceId: sb.id, payerId: payer, amount: 100_000, status: 'paid', issuedAt: at('2030-01-10 09:00'), paidAt: at('2030-01-15 09:00') });
    await insertCredit(db, { bookedOn: '2030-01-11', amount: 250_000, status: 'matched', billId: billA, matchedAt: at('2030-01-11 10:00') });
    await insertCredit(db, { bookedOn: '2030-01-15', amount: 100_000, status: 'matched', billId: billB, matchedAt: at('2030-01-15 10:00') });
    await insertCredit(db, { bookedOn: '2030-02-01', amount: 70_000, status: 'matched', billId: billA, matchedAt: at('2030-02-01 10:00') }); // next month
    await insertCredit(db, { bookedOn: '2030-01-12', amount: 40_000, status: 'manual' }); // not matched
    // Not read from the payments tables per request: the figure moves when the bills' change
    // (a matched credit pays or part-pays a bill: bill.paid / bill.partially_paid) is applied.
    expect((await t.deps.executive.cards({ agencies: 'all' }, JAN(), NOW())).reconciled).toBe(0);
    for (const id of [billA, billB]) await t.deps.executive.markChanged(db, 'bill', id);
    await t.deps.executive.refresh(NOW());
    expect((await t.deps.executive.cards({ agencies: 'all' }, JAN(), NOW())).reconciled).toBe(350_000);
    expect((await t.deps.executive.cards({ agencies: [a.id] }, JAN(), NOW())).reconciled).toBe(250_000);
    expect((await t.deps.executive.dashboard({ agencies: 'all' }, JAN(), NOW())).revenue.reconciled).toBe(350_000);
    expect((await t.deps.executive.cards({ agencies: 'all' }, periodOf('bulan', '2030-02-10'), NOW())).reconciled).toBe(70_000);
    // Another credit matched later (a new event), then a rebuild from scratch: the same figures.
    await insertCredit(db, { bookedOn: '2030-01-20', amount: 5_000, status: 'matched', billId: billB, matchedAt: at('2030-01-20 10:00') });
    await t.deps.executive.markChanged(db, 'bill', billB);
    await t.deps.executive.refresh(NOW());
    expect((await t.deps.executive.cards({ agencies: 'all' }, JAN(), NOW())).reconciled).toBe(355_000);
    await t.deps.executive.rebuildSummaries(NOW());
    expect((await t.deps.executive.cards({ agencies: 'all' }, JAN(), NOW())).reconciled).toBe(355_000);
    expect((await t.deps.executive.cards({ agencies: [b.id] }, JAN(), NOW())).reconciled).toBe(105_000);
    const gov = await signInAs(t, governor);
    const page = await gov.get('/eksekutif?periode=bulan&tanggal=2030-01-15');
    expect(page.body).toContain('id="spbe"');
    expect(page.body).toContain('Belum ada penilaian SPBE');
    expect(page.body).toContain('Terekonsiliasi');
    expect(page.body).toContain('Rp 355.000');
  });

  it('[E-1] every card downloads: CSV of the complaint, SPBE and revenue (with reconciled) cards and the whole view as XLSX hold the figures of the page', async () => {
    const gov = await signInAs(t, governor);
    const q = 'periode=bulan&tanggal=2030-01-15';
    const cards = await t.deps.executive.cards({ agencies: 'all' }, JAN(), NOW());
    const d = await t.deps.executive.dashboard({ agencies: 'all' }, JAN(), NOW());
    const page = await gov.get(`/eksekutif?${q}`);
    expect(page.body).toContain('kartu=pengaduan&amp;format=csv');
    expect(page.body).toContain('kartu=spbe&amp;format=csv');
    expect(page.body).toContain(`/eksekutif/laporan.xlsx?${q.replace('&', '&amp;')}`);
    const csv = async (card: string) => {
      const res = await gov.get(`/eksekutif?${q}&kartu=${card}&format=csv`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/csv');
      return res.body.replace('\uFEFF', '').trim().split('\r\n');
    };
    const complaints = await csv('pengaduan');
    expect(complaints).toContain(`pengaduan masuk,${cards.complaints!.received}`);
    expect(cards.complaints!.received).toBeGreaterThan(0);
    expect(complaints.some((l) => l.startsWith('Kategori: '))).toBe(true);
    const spbe = await csv('spbe');
    expect(spbe).toContain(`temuan audit terbuka,${cards.spbe!.findings.open}`);
    const revenue = await csv('pendapatan');
    expect(revenue.find((l) => l.startsWith('Terekonsiliasi,'))).toBe('Terekonsiliasi,355000,,');
    expect(revenue.find((l) => l.startsWith('Terekonsiliasi,'))).toBe(`Terekonsiliasi,${d.revenue.reconciled},,`);
    // The whole view: one sheet per card, the same numbers.
    const xlsx = await gov.get(`/eksekutif/laporan.xlsx?${q}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const files = unzipSync(new Uint8Array(xlsx.rawPayload));
    const book = strFromU8(files['xl/workbook.xml']!);
    for (const name of ['permohonan', 'sla', 'tunggakan', 'pendapatan', 'pengaduan', 'spbe']) expect(book).toContain(`name="${name}"`);
    const strings = strFromU8(files['xl/sharedStrings.xml']!);
    expect(strings).toContain('Terekonsiliasi');
    expect(strings).toContain('pengaduan masuk');
    const sheets = Object.keys(files).filter((f) => f.startsWith('xl/worksheets/sheet')).map((f) => strFromU8(files[f]!)).join('');
    expect(sheets).toContain('<v>355000</v>');
    expect(sheets).toContain(`<v>${d.flow.current.received}</v>`);
    // An agency head gets the view of his agency only; a citizen gets nothing.
    const head = await signInAs(t, headA);
    expect((await head.get(`/eksekutif/laporan.xlsx?${q}&instansi=${b.id}`)).statusCode).toBe(403);
    expect((await head.get(`/eksekutif/laporan.xlsx?${q}`)).statusCode).toBe(200);
  });

  it('[E-1] the monthly report is made on the first working day after a holiday, once, and e-mailed to region-wide executives only; the view is a PDF on demand', async () => {
    const report = createMonthlyReport({ database: t.database, executive: t.deps.executive, mailer: t.deps.mailer, region: async () => ({ name: 'Provinsi Uji', timeZone: tz }), baseUrl: 'https://simpul.example' });
    expect(await report.runOnce(at('2030-02-01 08:00'))).toEqual({ month: null, sent: false, recipients: 0 }); // holiday
    const first = await report.runOnce(at('2030-02-04 08:00'));
    expect(first).toMatchObject({ month: '2030-01-01', sent: true });
    expect(first.recipients).toBeGreaterThanOrEqual(1);
    expect(await report.runOnce(at('2030-02-04 15:00'))).toMatchObject({ month: '2030-01-01', sent: false });
    expect(await report.runOnce(at('2030-02-05 08:00'))).toEqual({ month: null, sent: false, recipients: 0 });
    const emailOf = async (id: string) => openPerson(await t.database.db.selectFrom('users').select('email').where('id', '=', id).executeTakeFirstOrThrow()).email!;
    const mails = async (to: string) => t.database.db.selectFrom('outbound_messages').select(['subject', 'body_text']).where('recipient', '=', to).where('subject', 'like', '%Laporan bulanan%').execute();
    const toGovernor = await mails(await emailOf(governor));
    expect(toGovernor).toHaveLength(1);
    expect(toGovernor[0]!.subject).toContain('Januari 2030');
    expect(toGovernor[0]!.body_text).toContain('https://simpul.example/eksekutif/laporan-bulanan/2030-01');
    expect(await mails(await emailOf(headA))).toHaveLength(0);

    const gov = await signInAs(t, governor);
    const stored = await gov.get('/eksekutif/laporan-bulanan/2030-01');
    expect(stored.statusCode).toBe(200);
    expect(stored.headers['content-type']).toContain('application/pdf');
    expect(stored.body.startsWith('%PDF')).toBe(true);
    expect((await gov.get('/eksekutif/laporan-bulanan/2030-02')).statusCode).toBe(404);
    expect((await gov.get('/eksekutif/laporan-bulanan/2030-13')).statusCode).toBe(400);
    const head = await signInAs(t, headA);
    expect((await head.get('/eksekutif/laporan-bulanan/2030-01')).statusCode).toBe(403);
    // On demand: the view the reader has (the agency head's own agency).
    const page = await head.get('/eksekutif?periode=bulan&tanggal=2030-01-15');
    expect(page.body).toContain('/eksekutif/laporan.pdf?periode=bulan&amp;tanggal=2030-01-15');
    const pdf = await head.get('/eksekutif/laporan.pdf?periode=bulan&tanggal=2030-01-15');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect(pdf.body.startsWith('%PDF')).toBe(true);
    expect((await head.get(`/eksekutif/laporan.pdf?instansi=${b.id}&periode=bulan&tanggal=2030-01-15`)).statusCode).toBe(403);
  });
});
