// SOP execution (P-6) and working-day SLAs (STANDARDS §8) at the service layer, with an
// injected clock: pinning the SOP version, step deadlines across weekends, holidays and cuti
// bersama, claiming under concurrency, the four actions, correction and resubmission,
// escalation of overdue steps, and the SLA figures kept per step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engine, type TestApp } from '../../../test/harness.ts';
import { makeAgency, makeCitizen, makeServiceWithSop, makeStaff } from '../../../test/factories.ts';
import type { AgencyView } from '../agencies/agencies.service.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { StaffRole } from '../../platform/db/schema.ts';
import { upsertHoliday } from '../../platform/calendar/calendar.service.ts';
import { AppError } from '../../platform/http/errors.ts';

let t: TestApp;
let agency: AgencyView;
let other: AgencyView;
let slug: string;
let serviceId: string;

/** 'YYYY-MM-DD HH:MM' in WITA (UTC+8) as an instant. */
const wita = (s: string) => new Date(`${s.replace(' ', 'T')}:00+08:00`);

async function staff(role: StaffRole, a: AgencyView | null = agency): Promise<Actor> {
  const u = await makeStaff(t, role, a);
  return { userId: u.userId, kind: 'staff', name: u.name, locale: 'id', grants: [{ role, agencyId: a?.id ?? null }], mfaPassed: true, mfaEnrolled: false, sessionId: null, via: 'session' };
}

async function submit(now: Date, opts: { slug?: string } = {}): Promise<{ tracking: string; id: string; applicant: Actor }> {
  const c = await makeCitizen(t);
  const applicant: Actor = { userId: c.userId, kind: 'citizen', name: c.name, locale: 'id', grants: [], mfaPassed: true, mfaEnrolled: false, sessionId: null, via: 'session' };
  const service = (await t.deps.catalog.getPublished(opts.slug ?? slug))!;
  const res = await t.deps.applications.save({ service, applicantId: c.userId, values: { nama_usaha: 'Warung Sejahtera', luas: '24' }, files: {}, submit: true, who: { actor: applicant }, now });
  return { tracking: res.trackingNumber!, id: res.id, applicant };
}

const appRow = (id: string) => t.database.db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const stepRows = (id: string) => t.database.db.selectFrom('application_steps').selectAll().where('application_id', '=', id).orderBy('seq').execute();

async function rejects(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected the call to be refused');
}

beforeAll(async () => {
  t = await createTestApp({ requireAdminMfa: false });
  agency = await makeAgency(t);
  other = await makeAgency(t);
  ({ slug, id: serviceId } = await makeServiceWithSop(t, agency));
  // A long weekend in 2030: Friday 4 January, then Monday 7 (holiday) and Tuesday 8 (cuti bersama).
  await upsertHoliday(t.database.db, { date: '2030-01-07', kind: 'libur_nasional', name: 'Libur uji' });
  await upsertHoliday(t.database.db, { date: '2030-01-08', kind: 'cuti_bersama', name: 'Cuti bersama uji' });
});
afterAll(async () => t?.close());

describe(`SOP execution (${engine})`, () => {
  it('[P-6] a submitted application is pinned to the approved SOP and waits, unclaimed, at its first step', async () => {
    const { id } = await submit(wita('2030-01-02 09:00'));
    const a = await appRow(id);
    const sop = await t.deps.workflow.currentSop(t.database.db, serviceId);
    expect(a.sop_id).toBe(sop!.id);
    expect(a).toMatchObject({ status: 'submitted', current_step: 'verifikasi', step_role: 'verifier', assignee_id: null, step_seq: 1 });
    const steps = await stepRows(id);
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({ step_key: 'verifikasi', role: 'verifier', finished_at: null, agency_id: agency.id });
    // 1 working day from Wednesday 09:00: the whole day Thursday, closing 16:00.
    expect(steps[0]!.due_at.toISOString()).toBe(wita('2030-01-03 16:00').toISOString());
    // The overall deadline: the service's 5 working days (Thu 3, Fri 4, then past the long
    // weekend Wed 9, Thu 10, Fri 11).
    expect(a.due_at!.toISOString()).toBe(wita('2030-01-11 16:00').toISOString());
  });

  it('[P-6] [STANDARDS-8] a step started on Friday afternoon before a long weekend with cuti bersama is due on Wednesday', async () => {
    const { id } = await submit(wita('2030-01-04 15:00'));
    const [step] = await stepRows(id);
    // Saturday, Sunday, Monday (holiday) and Tuesday (cuti bersama) are not working days.
    expect(step!.due_at.toISOString()).toBe(wita('2030-01-09 16:00').toISOString());
    // The working time allowed is what lies between the start and the deadline: the last
    // hour of Friday plus the whole of Wednesday.
    expect(Number(step!.allowed_ms)).toBe(9 * 3_600_000);
  });

  it('[P-6] [STANDARDS-8] an 8-working-hour step started at 14:00 on Friday runs on after the long weekend', async () => {
    const verifier = await staff('verifier');
    const { tracking, id } = await submit(wita('2030-01-04 09:00'));
    await t.deps.processing.claim({ actor: verifier }, tracking, 1, wita('2030-01-04 10:00'));
    await t.deps.processing.act({ actor: verifier }, tracking, { action: 'forward', seq: 1, option: 1 }, wita('2030-01-04 14:00'));
    const steps = await stepRows(id);
    expect(steps[1]).toMatchObject({ step_key: 'ttd', seq: 2 });
    // 2 hours on Friday (14–16), then 6 hours on Wednesday 9 January (08–14).
    expect(steps[1]!.due_at.toISOString()).toBe(wita('2030-01-09 14:00').toISOString());
    // The first visit keeps its SLA figures: 5 working hours used of 8, met.
    expect(steps[0]).toMatchObject({ outcome: 'forward', branch_label: 'Tidak perlu survei', met: true });
    expect(Number(steps[0]!.used_ms)).toBe(5 * 3_600_000);
  });

  it('[P-6] an application finishes on the SOP version it started with', async () => {
    const { slug: s2, id: sid } = await makeServiceWithSop(t, agency);
    const verifier = await staff('verifier');
    const { tracking, id } = await submit(wita('2030-02-04 09:00'), { slug: s2 });
    // A new SOP version is approved meanwhile: a single signing step.
    await t.database.db.transaction().execute((trx) =>
      t.deps.workflow.installApproved(trx, { actor: null, label: 'test', trusted: true }, sid, {
        steps: [{ key: 'ttd', name: 'Tanda tangan baru', role: 'signing_official', timeAllowed: { amount: 1, unit: 'days' }, actions: ['approve', 'reject'] }],
      }),
    );
    await t.deps.processing.act({ actor: verifier }, tracking, { action: 'forward', seq: 1, option: 0 }, wita('2030-02-04 10:00'));
    const steps = await stepRows(id);
    expect(steps.map((s) => s.step_key)).toEqual(['verifikasi', 'survei']);
    const later = await submit(wita('2030-02-04 11:00'), { slug: s2 });
    expect((await appRow(later.id)).current_step).toBe('ttd');
  });

  it('[P-6] of two verifiers claiming at once exactly one wins; the other is told who has it', async () => {
    const [v1, v2] = [await staff('verifier'), await staff('verifier')];
    const { tracking, id } = await submit(wita('2030-03-04 09:00'));
    const results = await Promise.allSettled([t.deps.processing.claim({ actor: v1 }, tracking, 1), t.deps.processing.claim({ actor: v2 }, tracking, 1)]);
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.reason).toBeInstanceOf(AppError);
    expect((refused[0]!.reason as AppError).status).toBe(409);
    const a = await appRow(id);
    expect([v1.userId, v2.userId]).toContain(a.assignee_id);
    expect(a.status).toBe('in_process');
    // The loser cannot act either, and the winner's queue holds it while the loser's does not.
    const loser = a.assignee_id === v1.userId ? v2 : v1;
    const winner = a.assignee_id === v1.userId ? v1 : v2;
    expect((await rejects(t.deps.processing.act({ actor: loser }, tracking, { action: 'reject', seq: 1, note: 'x' }))).status).toBe(409);
    expect((await t.deps.processing.queue(winner, { scope: 'mine' })).items.map((i) => i.trackingNumber)).toContain(tracking);
    expect((await t.deps.processing.queue(loser, { scope: 'mine' })).items.map((i) => i.trackingNumber)).not.toContain(tracking);
  });

  it('[P-6] only the role of the current step in the owning agency may act; actions outside the step are refused', async () => {
    const { tracking } = await submit(wita('2030-03-05 09:00'));
    const operator = await staff('operator');
    const foreign = await staff('verifier', other);
    const verifier = await staff('verifier');
    expect((await rejects(t.deps.processing.claim({ actor: operator }, tracking, 1))).status).toBe(403);
    expect((await rejects(t.deps.processing.claim({ actor: foreign }, tracking, 1))).status).toBe(403);
    expect((await rejects(t.deps.processing.state(foreign, tracking))).status).toBe(403);
    // 'approve' is not an action of the verification step.
    expect((await rejects(t.deps.processing.act({ actor: verifier }, tracking, { action: 'approve', seq: 1 }))).status).toBe(409);
    // A branching step needs a choice; a reject needs a reason; a stale visit number is refused.
    expect((await rejects(t.deps.processing.act({ actor: verifier }, tracking, { action: 'forward', seq: 1 }))).status).toBe(422);
    expect((await rejects(t.deps.processing.act({ actor: verifier }, tracking, { action: 'reject', seq: 1, note: '  ' }))).status).toBe(422);
    expect((await rejects(t.deps.processing.act({ actor: verifier }, tracking, { action: 'reject', seq: 2, note: 'Tidak lengkap' }))).status).toBe(409);
    const res = await t.deps.processing.act({ actor: verifier }, tracking, { action: 'reject', seq: 1, note: 'Lokasi usaha di luar wilayah' });
    expect(res.status).toBe('rejected');
    const row = await t.deps.applications.getByTracking(tracking);
    expect(row).toMatchObject({ status: 'rejected', decisionNote: 'Lokasi usaha di luar wilayah' });
  });

  it('[P-6] [P-3] send back names the fields; the applicant corrects only those and the application returns to the same officer', async () => {
    const verifier = await staff('verifier');
    const signer = await staff('signing_official');
    const { tracking, id, applicant } = await submit(wita('2030-04-01 09:00'));
    await t.deps.processing.claim({ actor: verifier }, tracking, 1, wita('2030-04-01 10:00'));
    expect((await rejects(t.deps.processing.act({ actor: verifier }, tracking, { action: 'send_back', seq: 1, note: 'Luas tidak sesuai' }))).status).toBe(422);
    await t.deps.processing.act({ actor: verifier }, tracking, { action: 'send_back', seq: 1, note: 'Luas tidak sesuai denah', fields: ['luas', 'nama'] }, wita('2030-04-01 11:00'));
    let row = (await t.deps.applications.getByTracking(tracking))!;
    expect(row.status).toBe('sent_back');
    // Prefilled identity fields can never be sent back for typing (P-4).
    expect(row.correction?.fields).toEqual(['luas']);
    // Withdrawal is over once processing started; the queue no longer shows it.
    expect((await t.deps.processing.queue(verifier, { scope: 'mine' })).items.map((i) => i.trackingNumber)).not.toContain(tracking);

    // Bad correction: 422, nothing changed.
    expect((await rejects(t.deps.applications.resubmit({ actor: applicant }, tracking, { values: { luas: '0' }, files: {} }))).status).toBe(422);
    expect((await appRow(id)).status).toBe('sent_back');
    // A tampered field that was not named is ignored.
    await t.deps.applications.resubmit({ actor: applicant }, tracking, { values: { luas: '36', nama_usaha: 'Nama Lain' }, files: {} }, wita('2030-04-03 09:00'));
    row = (await t.deps.applications.getByTracking(tracking))!;
    expect(row.status).toBe('in_process');
    expect(row.formData).toMatchObject({ luas: 36, nama_usaha: 'Warung Sejahtera' });
    expect(row.assigneeId).toBe(verifier.userId);
    // The overall deadline (5 working days from Monday 1 April: Monday 8 April 16:00) moved by
    // the time spent with the applicant: 45 working hours were left when it was sent back on
    // Monday 11:00, counted again from Wednesday 09:00 they end on Wednesday 10 April 14:00.
    expect(row.dueAt!.toISOString()).toBe(wita('2030-04-10 14:00').toISOString());
    const steps = await stepRows(id);
    expect(steps.map((s) => [s.seq, s.step_key, s.outcome])).toEqual([
      [1, 'verifikasi', 'send_back'],
      [2, 'verifikasi', null],
    ]);
    expect(steps[1]!.assignee_id).toBe(verifier.userId);
    // A second resubmission is refused.
    expect((await rejects(t.deps.applications.resubmit({ actor: applicant }, tracking, { values: { luas: '40' }, files: {} }))).status).toBe(409);

    await t.deps.processing.act({ actor: verifier }, tracking, { action: 'forward', seq: 2, option: 1 }, wita('2030-04-03 10:00'));
    await t.deps.processing.claim({ actor: signer }, tracking, 3, wita('2030-04-03 11:00'));
    await t.deps.processing.act({ actor: signer }, tracking, { action: 'approve', seq: 3, note: 'Sesuai' }, wita('2030-04-03 12:00'));
    row = (await t.deps.applications.getByTracking(tracking))!;
    expect(row.status).toBe('approved');
    const events = (await t.deps.applications.events(id)).map((e) => e.kind);
    expect(events).toEqual(['created', 'submitted', 'claimed', 'sent_back', 'resubmitted', 'forwarded', 'claimed', 'approved']);
    const visits = await t.deps.processing.steps(id);
    expect(visits.every((v) => v.finishedAt && v.met === true)).toBe(true);
  });

  it('[P-3] the applicant may withdraw only before an officer takes the application; its step is closed', async () => {
    const verifier = await staff('verifier');
    const a = await submit(wita('2030-05-06 09:00'));
    await t.deps.applications.withdraw({ actor: a.applicant }, a.tracking);
    const steps = await stepRows(a.id);
    expect(steps[0]).toMatchObject({ outcome: 'withdrawn' });
    expect(steps[0]!.finished_at).not.toBeNull();
    const b = await submit(wita('2030-05-06 09:00'));
    await t.deps.processing.claim({ actor: verifier }, b.tracking, 1);
    expect((await rejects(t.deps.applications.withdraw({ actor: b.applicant }, b.tracking))).status).toBe(409);
  });

  it('[P-6] a supervisor assigns the step to an officer holding its role, not to anyone else', async () => {
    const admin = await staff('agency_admin');
    const verifier = await staff('verifier');
    const operator = await staff('operator');
    const { tracking, id } = await submit(wita('2030-05-07 09:00'));
    expect((await rejects(t.deps.processing.assign({ actor: verifier }, tracking, 1, verifier.userId))).status).toBe(403);
    expect((await rejects(t.deps.processing.assign({ actor: admin }, tracking, 1, operator.userId))).status).toBe(422);
    await t.deps.processing.assign({ actor: admin }, tracking, 1, verifier.userId);
    expect((await appRow(id)).assignee_id).toBe(verifier.userId);
    const state = await t.deps.processing.state(verifier, tracking);
    expect(state.can.act).toEqual(['forward', 'send_back', 'reject']);
    const all = await t.deps.processing.queue(admin, { scope: 'all' });
    expect(all.items.map((i) => i.trackingNumber)).toContain(tracking);
  });

  it('[P-6] [STANDARDS-8] overdue steps are escalated once, with the figures kept for the dashboards', async () => {
    const { tracking, id } = await submit(wita('2030-06-03 09:00'));
    const dueAt = (await stepRows(id))[0]!.due_at;
    const before = await t.deps.processing.escalateOverdue(new Date(dueAt.getTime() - 1000));
    expect((await stepRows(id))[0]!.escalated_at).toBeNull();
    const n = await t.deps.processing.escalateOverdue(new Date(dueAt.getTime() + 60_000));
    expect(n).toBeGreaterThanOrEqual(1);
    expect(before).toBeGreaterThanOrEqual(0);
    expect((await stepRows(id))[0]!.escalated_at).not.toBeNull();
    await t.deps.processing.escalateOverdue(new Date(dueAt.getTime() + 120_000));
    const escalations = (await t.deps.applications.events(id, { internal: true })).filter((e) => e.kind === 'escalated');
    expect(escalations).toHaveLength(1);
    // The office's escalation is not part of the applicant's timeline.
    expect((await t.deps.applications.events(id)).map((e) => e.kind)).not.toContain('escalated');
    const state = await t.deps.processing.state(await staff('verifier'), tracking, new Date(dueAt.getTime() + 60_000));
    expect(state.sla).toBe('overdue');
    const queue = await t.deps.processing.queue(await staff('verifier'), { sla: 'overdue' }, new Date(dueAt.getTime() + 60_000));
    expect(queue.items.map((i) => i.trackingNumber)).toContain(tracking);
    expect(queue.counts.overdue).toBeGreaterThanOrEqual(1);
  });

  it('[P-6] the work queue filters, counts and pages by keyset without repeating a row', async () => {
    const { slug: s3 } = await makeServiceWithSop(t, agency);
    const verifier = await staff('verifier');
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push((await submit(wita(`2030-07-0${i + 1} 09:00`), { slug: s3 })).tracking);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 5; page++) {
      const res = await t.deps.processing.queue(verifier, { service: s3, limit: 2, cursor }, wita('2030-07-01 08:00'));
      expect(res.counts.total).toBe(5);
      seen.push(...res.items.map((i) => i.trackingNumber));
      if (!res.nextCursor) break;
      cursor = res.nextCursor;
    }
    expect(seen).toEqual(made);
    const tampered = await t.deps.processing.queue(verifier, { service: s3, cursor: 'not-a-cursor' });
    expect(tampered.items).toHaveLength(5);
  });
});

