// The complaints module's domain events on both engines: recorded in the transaction of each
// change with payloads free of personal data; agencies' webhooks hear only of complaints routed
// to them; the figure summary kept by those events equals a live computation, after changes and
// after a rebuild (also the lazy first build of an installation that had complaints before).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCalendar, seedHolidays } from '../../platform/calendar/calendar.service.ts';
import { instantOfLocal, type RegionTimeZone } from '../../platform/calendar/working-time.ts';
import type { AgencyView } from '../agencies/agencies.service.ts';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { makeAgency, makeCitizen, makeServiceWithSop, makeStaff, type TestUser } from '../../../test/factories.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { consumers } from '../../app.events.ts';
import { complaintFigures, complaintFiguresLive } from './complaints.figures.ts';

const TZ: RegionTimeZone = 'Asia/Makassar';
let t: TestApp;
let agencyA: AgencyView;
let agencyB: AgencyView;
let service: { slug: string; id: string };
let citizen: TestUser;
let reporter: Actor;
let coord: { actor: Actor; meta: null };
let officerA: { actor: Actor; meta: null };
let officerB: { actor: Actor; meta: null };

const actorOf = (u: TestUser, role: Actor['grants'][number]['role'], agencyId: string | null, kind: Actor['kind'] = 'staff'): Actor => ({
  userId: u.userId,
  kind,
  name: u.name,
  locale: 'id',
  grants: kind === 'staff' ? [{ role, agencyId }] : [],
  mfaPassed: true,
  mfaEnrolled: false,
  sessionId: null,
  via: 'session',
});
const at = (local: string) => instantOfLocal(TZ, local.slice(0, 10), local.slice(11, 16) || '09:00')!;

async function file(category: string, when: string) {
  const filed = await t.deps.complaints.file(
    { actor: reporter, meta: null, locale: 'id' },
    { kind: 'pengaduan', category, subjectType: 'service', service: service.slug, application: '', agency: '', address: '', latitude: '', longitude: '', title: 'Loket tutup', body: 'Loket tutup pada jam layanan tanpa pemberitahuan apa pun.', showIdentity: true, allowPublish: false, name: '', contact: '' },
    at(when),
  );
  const number = (filed as { number: string }).number;
  const row = (await t.deps.complaints.listForStaff(coord.actor)).find((x) => x.number === number)!;
  return { id: row.id, number };
}

async function eventsOf(complaintId: string) {
  const rows = await sql<{ name: string; payload: string | Record<string, unknown> }>`select name, payload from domain_events where name like 'complaint.%' order by id`.execute(t.database.db);
  return rows.rows.map((r) => ({ name: r.name, payload: (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as Record<string, unknown> })).filter((e) => e.payload.complaintId === complaintId);
}

beforeAll(async () => {
  t = await createTestApp({});
  await seedHolidays(t.database.db);
  await t.database.db.updateTable('regions').set({ timezone: TZ }).execute();
  agencyA = await makeAgency(t);
  agencyB = await makeAgency(t);
  service = await makeServiceWithSop(t, agencyA);
  citizen = await makeCitizen(t);
  reporter = actorOf(citizen, 'operator', null, 'citizen');
  coord = { actor: actorOf(await makeStaff(t, 'complaint_coordinator', null), 'complaint_coordinator', null), meta: null };
  officerA = { actor: actorOf(await makeStaff(t, 'operator', agencyA), 'operator', agencyA.id), meta: null };
  officerB = { actor: actorOf(await makeStaff(t, 'operator', agencyB), 'operator', agencyB.id), meta: null };
});
afterAll(async () => {
  await t?.close();
});

describe('complaint domain events', () => {
  it('[C-1] each change records its event in its transaction: received, verified, first response, responded, re-routed, resolved, reopened, duplicate; no personal data', async () => {
    expect(consumers['complaint.received']).toEqual({ complaints: 'in_transaction' });
    expect(consumers['complaint.status_changed']).toEqual({ complaints: 'in_transaction', webhooks: 'in_transaction' });
    const c = await file('pelayanan', '2031-03-03 09:00');
    await t.deps.complaints.act(coord, c.id, 'verify', { agencyId: agencyA.id }, at('2031-03-03 10:00'));
    await t.deps.complaints.act(officerA, c.id, 'respond', { note: 'Kami periksa.' }, at('2031-03-04 09:00'));
    await t.deps.complaints.act(officerA, c.id, 'respond', { note: 'Masih kami periksa.' }, at('2031-03-05 09:00'));
    await t.deps.complaints.act(coord, c.id, 'reroute', { agencyId: agencyB.id, note: 'Bukan urusan A.' }, at('2031-03-05 10:00'));
    await t.deps.complaints.act(officerB, c.id, 'resolve', { note: 'Selesai.' }, at('2031-03-06 09:00'));
    await t.deps.complaints.reopen({ actor: reporter, number: c.number }, 'Belum selesai.', at('2031-03-07 09:00'));
    const other = await file('pelayanan', '2031-03-03 11:00');
    await t.deps.complaints.markDuplicate(coord, other.id, c.number, at('2031-03-04 10:00'));

    const events = await eventsOf(c.id);
    expect(events.map((e) => (e.name === 'complaint.received' ? 'received' : e.payload.change))).toEqual(['received', 'verified', 'first_response', 'responded', 'rerouted', 'resolved', 'reopened']);
    expect(events[0]!.payload).toEqual({ complaintId: c.id, number: c.number, agencyId: null, status: 'diterima', kind: 'pengaduan', category: 'pelayanan', channel: 'web', at: at('2031-03-03 09:00').toISOString() });
    expect(events[4]!.payload).toMatchObject({ agencyId: agencyB.id, previousAgencyId: agencyA.id, status: 'didisposisi', previousStatus: 'ditindaklanjuti' });
    expect(events[6]!.payload).toMatchObject({ status: 'ditindaklanjuti', previousStatus: 'selesai', agencyId: agencyB.id });
    const dup = await eventsOf(other.id);
    expect(dup.at(-1)!.payload).toMatchObject({ change: 'duplicate', status: 'diarsipkan', previousStatus: 'diterima' });
    // The reporter chose to show his identity to the officers; the events still carry none of it.
    const text = JSON.stringify([...events, ...dup]);
    for (const secret of [citizen.email, citizen.name, citizen.userId, 'Loket tutup']) expect(text).not.toContain(secret);
  });

  it('[C-1] a change that fails records no event (same transaction)', async () => {
    const c = await file('pelayanan', '2031-03-10 09:00');
    const before = (await eventsOf(c.id)).length;
    // An officer of an agency it is not routed to does not even see it: refused before anything is written.
    await expect(t.deps.complaints.act(officerA, c.id, 'respond', { note: 'x' }, at('2031-03-10 10:00'))).rejects.toMatchObject({ status: 404 });
    // A rolled-back transaction takes its events with it.
    await t.database.db
      .transaction()
      .execute(async (trx) => {
        await t.deps.events.record(trx, 'complaint.status_changed', { complaintId: c.id, number: c.number, agencyId: null, status: 'diterima', kind: 'pengaduan', category: 'pelayanan', channel: 'web', at: new Date().toISOString(), change: 'held', previousStatus: 'diterima', previousAgencyId: null });
        throw new Error('rollback');
      })
      .catch(() => undefined);
    expect((await eventsOf(c.id)).length).toBe(before);
  });
});

describe('complaint webhooks', () => {
  it('[I-4] [C-1] an agency hears of complaints routed to it only (received on routing, updated after), without the reporter', async () => {
    const adminA = { actor: actorOf(await makeStaff(t, 'agency_admin', agencyA), 'agency_admin', agencyA.id), meta: null };
    const adminB = { actor: actorOf(await makeStaff(t, 'agency_admin', agencyB), 'agency_admin', agencyB.id), meta: null };
    const hookA = (await t.deps.webhooks.create(adminA, { agencyId: agencyA.id, url: 'http://127.0.0.1:9/a', events: ['complaint.received', 'complaint.updated'] })).webhook.id;
    const hookB = (await t.deps.webhooks.create(adminB, { agencyId: agencyB.id, url: 'http://127.0.0.1:9/b', events: ['complaint.updated'] })).webhook.id;
    const c = await file('perizinan', '2031-04-01 09:00');
    const deliveries = async (hook: string) =>
      (await sql<{ event_type: string; payload: string }>`select event_type, payload from integration_webhook_deliveries where webhook_id = ${hook}::uuid order by created_at, id`.execute(t.database.db)).rows.map((r) => ({
        type: r.event_type,
        data: (JSON.parse(r.payload) as { data: Record<string, unknown> }).data,
      }));
    // Received but not routed: nobody hears of it.
    expect(await deliveries(hookA)).toEqual([]);
    await t.deps.complaints.act(coord, c.id, 'verify', { agencyId: agencyA.id }, at('2031-04-01 10:00'));
    await t.deps.complaints.act(officerA, c.id, 'respond', { note: 'Kami periksa.' }, at('2031-04-02 09:00'));
    await t.deps.complaints.act(coord, c.id, 'reroute', { agencyId: agencyB.id, note: 'Wewenang B.' }, at('2031-04-02 10:00'));
    await t.deps.complaints.act(officerB, c.id, 'resolve', { note: 'Selesai.' }, at('2031-04-03 09:00'));
    const a = (await deliveries(hookA)).filter((d) => d.data.complaintId === c.id);
    expect(a.map((d) => [d.type, d.data.change])).toEqual([
      ['complaint.received', 'verified'],
      ['complaint.updated', 'first_response'],
    ]);
    expect(a[0]!.data).toEqual({ complaintId: c.id, number: c.number, agencyId: agencyA.id, status: 'didisposisi', change: 'verified', kind: 'pengaduan', category: 'perizinan', channel: 'web', at: at('2031-04-01 10:00').toISOString() });
    // B subscribed to updates only: the routing to B is a 'received' it did not ask for; the resolution reaches it.
    const b = (await deliveries(hookB)).filter((d) => d.data.complaintId === c.id);
    expect(b.map((d) => [d.type, d.data.change, d.data.agencyId])).toEqual([['complaint.updated', 'resolved', agencyB.id]]);
    const text = JSON.stringify([a, b]);
    for (const secret of [citizen.email, citizen.name, citizen.userId, 'Loket tutup']) expect(text).not.toContain(secret);
  });
});

describe('complaint figures from the summary', () => {
  const period = (from: string, to: string) => ({ from: instantOfLocal(TZ, from)!, to: instantOfLocal(TZ, to)! });
  const plain = (r: Awaited<ReturnType<typeof complaintFigures>>) => ({ total: r.total, byAgency: Object.fromEntries([...r.byAgency].sort(([x], [y]) => x.localeCompare(y))) });
  const both = async (from: string, to: string, agencies: 'all' | string[] = 'all') => {
    const cal = await loadCalendar(t.database.db, TZ);
    const input = { ...period(from, to), agencies };
    return { summary: plain(await complaintFigures(t.database.db, cal, input)), live: plain(await complaintFiguresLive(t.database.db, cal, input)) };
  };

  it('[C-4] [E-1] equal a live computation after events (routing, answers, resolution, reopening, re-routing, archive) and after a rebuild', async () => {
    // May 2031: Thu 1 May and Thu 29 May are holidays in the seeded calendar or not: the live and the summary path share them.
    const c1 = await file('pelayanan', '2031-05-05 09:00');
    await t.deps.complaints.act(coord, c1.id, 'verify', { agencyId: agencyA.id }, at('2031-05-05 10:00'));
    await t.deps.complaints.act(officerA, c1.id, 'respond', { note: 'Kami periksa.' }, at('2031-05-06 09:00'));
    await t.deps.complaints.act(officerA, c1.id, 'resolve', { note: 'Selesai.' }, at('2031-05-07 09:00'));
    await t.deps.complaints.reopen({ actor: reporter, number: c1.number }, 'Belum.', at('2031-05-08 09:00'));
    const c2 = await file('perizinan', '2031-05-06 23:30');
    await t.deps.complaints.act(coord, c2.id, 'verify', { agencyId: agencyA.id }, at('2031-05-07 10:00'));
    await t.deps.complaints.act(officerA, c2.id, 'respond', { note: 'Kami periksa.' }, at('2031-05-20 09:00'));
    await t.deps.complaints.act(coord, c2.id, 'reroute', { agencyId: agencyB.id, note: 'Wewenang B.' }, at('2031-05-21 09:00'));
    await t.deps.complaints.act(officerB, c2.id, 'resolve', { note: 'Selesai.' }, at('2031-06-30 09:00'));
    const c3 = await file('pelayanan', '2031-05-12 09:00');
    await t.deps.complaints.act(coord, c3.id, 'archive', { note: 'Tidak jelas.' }, at('2031-05-12 10:00'));
    await file('pelayanan', '2031-05-31 23:59');
    await file('pelayanan', '2031-06-01 00:00');

    const may = await both('2031-05-01', '2031-06-01');
    expect(may.summary).toEqual(may.live);
    expect(may.summary.total).toMatchObject({ received: 4, byStatus: { ditindaklanjuti: 1, selesai: 1, diarsipkan: 1, diterima: 1 }, responseDue: 2, respondedInTime: 1, resolved: 1, everResolved: 2, reopened: 1 });
    expect(may.summary.byAgency[agencyB.id]).toMatchObject({ received: 1, resolved: 1 });
    const onlyA = await both('2031-05-01', '2031-06-01', [agencyA.id]);
    expect(onlyA.summary).toEqual(onlyA.live);
    expect(onlyA.summary.total.received).toBe(1);
    const week = await both('2031-05-05', '2031-05-07');
    expect(week.summary).toEqual(week.live);
    expect(week.summary.total.received).toBe(2);

    // A rebuild gives the same figures; so does the first read of an installation whose summary was never built.
    const r = await t.deps.complaints.rebuildFigures();
    expect(r.complaints).toBeGreaterThanOrEqual(5);
    expect((await both('2031-05-01', '2031-06-01')).summary).toEqual(may.live);
    await sql`delete from complaint_figures_daily`.execute(t.database.db);
    await sql`update complaint_figures_state set built = false`.execute(t.database.db);
    expect((await both('2031-05-01', '2031-06-01')).summary).toEqual(may.live);
    const state = await sql<{ built: boolean }>`select built from complaint_figures_state`.execute(t.database.db);
    expect(state.rows[0]!.built).toBe(true);
    // The summary holds day rows, not complaints: the period reads them.
    const rows = await sql<{ n: string }>`select count(*) as n from complaint_figures_daily where day >= '2031-05-01' and day < '2031-06-01'`.execute(t.database.db);
    expect(Number(rows.rows[0]!.n)).toBeLessThanOrEqual(4);
  });

  it('[C-4] a complaint changed without its event is not in the summary until a rebuild (the summary follows the events)', async () => {
    const c = await file('pelayanan', '2031-07-02 09:00');
    await sql`update complaints set status = 'ditunda' where id = ${c.id}::uuid`.execute(t.database.db);
    const july = await both('2031-07-01', '2031-08-01');
    expect(july.summary.total.byStatus).toEqual({ diterima: 1 });
    expect(july.live.total.byStatus).toEqual({ ditunda: 1 });
    await t.deps.complaints.rebuildFigures();
    const again = await both('2031-07-01', '2031-08-01');
    expect(again.summary).toEqual(again.live);
  });
});
