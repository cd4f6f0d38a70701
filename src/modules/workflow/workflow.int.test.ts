import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { apiAs, makeAgency, makeStaff, signInAs, testSop } from '../../../test/factories.ts';
import type { TestClient } from '../../../test/http.ts';
import type { AgencyView } from '../agencies/agencies.service.ts';
import { addMonths, createWorkflow, localDate } from './workflow.service.ts';

let t: TestApp;
let agency: AgencyView;
let other: AgencyView;
let operator: TestClient;
let operatorB: TestClient;
let head: TestClient;
let headUserId: string;
let outsider: TestClient;

// testSop, with the signing step billing the fee (the flag must survive the round trip).
const definition = { steps: [...testSop.steps.slice(0, -1), { ...testSop.steps.at(-1)!, billing: true }] };

let serial = 0;
async function makeService(agencyId: string): Promise<string> {
  const slug = `layanan-sop-${serial++}-${Date.now().toString(36)}`;
  await t.database.db
    .insertInto('services')
    .values({ agency_id: agencyId, slug, draft_content: JSON.stringify({ name: `Izin Uji ${slug}`, summary: 'Uji' }), draft_form: JSON.stringify({ sections: [] }) })
    .execute();
  return slug;
}

async function regionToday(): Promise<string> {
  const r = await t.database.db.selectFrom('regions').select('timezone').executeTakeFirstOrThrow();
  return localDate(new Date(), r.timezone);
}

beforeAll(async () => {
  t = await createTestApp({ requireAdminMfa: false });
  agency = await makeAgency(t);
  other = await makeAgency(t);
  operator = await signInAs(t, (await makeStaff(t, 'operator', agency)).userId);
  operatorB = await signInAs(t, (await makeStaff(t, 'operator', agency)).userId);
  const h = await makeStaff(t, 'agency_admin', agency);
  headUserId = h.userId;
  head = await signInAs(t, h.userId);
  outsider = await signInAs(t, (await makeStaff(t, 'operator', other)).userId);
});

afterAll(async () => {
  await t?.close();
});

describe('SOP lifecycle over the API', () => {
  it('[P-6] an operator drafts and submits; he cannot approve; the agency head approves with a review date one year on', async () => {
    const slug = await makeService(agency.id);
    let res = await apiAs(operator, 'POST', `/api/v1/services/${slug}/sop/draft`);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ version: 1, status: 'draft', definition: { steps: [] }, reviewMonths: 12 });

    res = await apiAs(operator, 'PUT', `/api/v1/services/${slug}/sop/draft`, { definition });
    expect(res.statusCode).toBe(200);
    res = await apiAs(operator, 'POST', `/api/v1/services/${slug}/sop/submit`);
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('awaiting_approval');

    // A second draft cannot start while one is awaiting approval; the draft cannot change.
    expect((await apiAs(operator, 'POST', `/api/v1/services/${slug}/sop/draft`)).statusCode).toBe(409);
    expect((await apiAs(operator, 'PUT', `/api/v1/services/${slug}/sop/draft`, { definition })).statusCode).toBe(409);

    // Operators may not approve at all; an agency head may not approve what he submitted (below).
    expect((await apiAs(operator, 'POST', `/api/v1/services/${slug}/sop/approve`)).statusCode).toBe(403);

    res = await apiAs(head, 'POST', `/api/v1/services/${slug}/sop/approve`);
    expect(res.statusCode).toBe(200);
    const today = await regionToday();
    expect(res.json()).toMatchObject({ version: 1, status: 'approved', nextReviewAt: addMonths(today, 12), reviewOverdue: false });

    res = await apiAs(operatorB, 'GET', `/api/v1/services/${slug}/sop`);
    expect(res.statusCode).toBe(200);
    expect(res.json().current.definition.steps.map((s: { key: string }) => s.key)).toEqual(['verifikasi', 'survei', 'ttd']);
    expect(res.json().working).toBeNull();

    const audit = await t.database.db.selectFrom('audit_events').select('action').where('entity_type', '=', 'sop').execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['sop.create_draft', 'sop.update_draft', 'sop.submit', 'sop.approve']));
  });

  it('[P-6] four-eyes: the agency head cannot approve an SOP he submitted himself', async () => {
    const slug = await makeService(agency.id);
    await apiAs(head, 'POST', `/api/v1/services/${slug}/sop/draft`);
    await apiAs(head, 'PUT', `/api/v1/services/${slug}/sop/draft`, { definition });
    expect((await apiAs(head, 'POST', `/api/v1/services/${slug}/sop/submit`)).statusCode).toBe(200);
    const res = await apiAs(head, 'POST', `/api/v1/services/${slug}/sop/approve`);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('four_eyes');
    const row = await t.database.db.selectFrom('sops').select('sops.status').innerJoin('services', 'services.id', 'sops.service_id').where('services.slug', '=', slug).executeTakeFirstOrThrow();
    expect(row.status).toBe('awaiting_approval');
  });

  it('[P-6] a new approved version retires the old one; a new draft starts from the current one', async () => {
    const slug = await makeService(agency.id);
    await apiAs(operator, 'POST', `/api/v1/services/${slug}/sop/draft`);
    await apiAs(operator, 'PUT', `/api/v1/services/${slug}/sop/draft`, { definition });
    await apiAs(operator, 'POST', `/api/v1/services/${slug}/sop/submit`);
    expect((await apiAs(head, 'POST', `/api/v1/services/${slug}/sop/approve`)).statusCode).toBe(200);

    let res = await apiAs(operatorB, 'POST', `/api/v1/services/${slug}/sop/draft`);
    expect(res.json()).toMatchObject({ version: 2, status: 'draft' });
    expect(res.json().definition).toEqual(definition);
    const shorter = { steps: [{ key: 'ttd', name: 'Tanda tangan', role: 'signing_official', timeAllowed: { amount: 1, unit: 'days' }, actions: ['approve', 'reject'] }] };
    expect((await apiAs(operatorB, 'PUT', `/api/v1/services/${slug}/sop/draft`, { definition: shorter, reviewMonths: 6 })).statusCode).toBe(200);
    await apiAs(operatorB, 'POST', `/api/v1/services/${slug}/sop/submit`);
    res = await apiAs(head, 'POST', `/api/v1/services/${slug}/sop/approve`);
    expect(res.json()).toMatchObject({ version: 2, status: 'approved', nextReviewAt: addMonths(await regionToday(), 6) });

    const rows = await t.database.db
      .selectFrom('sops')
      .innerJoin('services', 'services.id', 'sops.service_id')
      .select(['sops.version', 'sops.status'])
      .where('services.slug', '=', slug)
      .orderBy('sops.version')
      .execute();
    expect(rows).toEqual([
      { version: 1, status: 'retired' },
      { version: 2, status: 'approved' },
    ]);
    res = await apiAs(operator, 'GET', `/api/v1/services/${slug}/sop`);
    expect(res.json().current.version).toBe(2);
  });

  it('[P-6][S-5] invalid definitions are refused with reasons', async () => {
    const slug = await makeService(agency.id);
    await apiAs(operator, 'POST', `/api/v1/services/${slug}/sop/draft`);
    // Structure: unknown role, zero time.
    let res = await apiAs(operator, 'PUT', `/api/v1/services/${slug}/sop/draft`, {
      definition: { steps: [{ key: 'a', name: 'A', role: 'citizen', timeAllowed: { amount: 0, unit: 'days' }, actions: ['approve'] }] },
    });
    expect(res.statusCode).toBe(422);
    const fields = res.json().error.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['steps.0.role', 'steps.0.timeAllowed.amount']));
    // Graph: unknown target, unreachable step, nothing approves — saved as a draft, refused at submission.
    const broken = {
      steps: [
        { key: 'a', name: 'Langkah A', role: 'verifier', timeAllowed: { amount: 1, unit: 'days' }, actions: ['forward'], next: 'zzz' },
        { key: 'b', name: 'Langkah B', role: 'operator', timeAllowed: { amount: 1, unit: 'days' }, actions: ['reject'] },
      ],
    };
    expect((await apiAs(operator, 'PUT', `/api/v1/services/${slug}/sop/draft`, { definition: broken })).statusCode).toBe(200);
    res = await apiAs(operator, 'POST', `/api/v1/services/${slug}/sop/submit`);
    expect(res.statusCode).toBe(422);
    const messages = res.json().error.fields.map((f: { message: string }) => f.message).join(' | ');
    expect(messages).toContain('"zzz"');
    expect(messages).toContain('tidak dapat dicapai');
    expect(messages).toContain('Tidak ada langkah yang dapat menyetujui');
    // Review period above a year is refused.
    expect((await apiAs(operator, 'PUT', `/api/v1/services/${slug}/sop/draft`, { reviewMonths: 13 })).statusCode).toBe(422);
  });

  it('[S-1] an operator of another agency gets 403 on every SOP call', async () => {
    const slug = await makeService(agency.id);
    expect((await apiAs(outsider, 'GET', `/api/v1/services/${slug}/sop`)).statusCode).toBe(403);
    expect((await apiAs(outsider, 'POST', `/api/v1/services/${slug}/sop/draft`)).statusCode).toBe(403);
    await apiAs(operator, 'POST', `/api/v1/services/${slug}/sop/draft`);
    expect((await apiAs(outsider, 'PUT', `/api/v1/services/${slug}/sop/draft`, { definition })).statusCode).toBe(403);
    expect((await apiAs(outsider, 'POST', `/api/v1/services/${slug}/sop/submit`)).statusCode).toBe(403);
    expect((await apiAs(outsider, 'POST', `/api/v1/services/${slug}/sop/approve`)).statusCode).toBe(403);
    // Signed out: 401.
    const anon = await t.app.inject({ method: 'GET', url: `/api/v1/services/${slug}/sop`, headers: { accept: 'application/json' } });
    expect(anon.statusCode).toBe(401);
  });

  it('[P-6] an overdue review is flagged', async () => {
    const slug = await makeService(agency.id);
    await apiAs(operator, 'POST', `/api/v1/services/${slug}/sop/draft`);
    await apiAs(operator, 'PUT', `/api/v1/services/${slug}/sop/draft`, { definition });
    await apiAs(operator, 'POST', `/api/v1/services/${slug}/sop/submit`);
    await apiAs(head, 'POST', `/api/v1/services/${slug}/sop/approve`);
    const svc = await t.database.db.selectFrom('services').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
    await t.database.db.updateTable('sops').set({ next_review_at: '2025-01-31' }).where('service_id', '=', svc.id).where('status', '=', 'approved').execute();
    const res = await apiAs(operator, 'GET', `/api/v1/services/${slug}/sop`);
    expect(res.json().current).toMatchObject({ nextReviewAt: '2025-01-31', reviewOverdue: true });
    const wf = createWorkflow(t.database);
    const mine = await wf.overdueReviews(t.database.db, [agency.id]);
    expect(mine.map((o) => o.slug)).toContain(slug);
    expect(await wf.overdueReviews(t.database.db, [other.id])).toEqual([]);
    void headUserId;
  });
});
