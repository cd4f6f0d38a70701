// Governance planning on both engines: SPBE index of a stored assessment against a hand-computed
// example, a second framework version from JSON, refused levels and weights, the final year is
// read-only, year-on-year deltas, agency isolation of evidence proposals (G-8); PeGI; master
// plan validity and review reminder with an injected clock (G-3); roadmap budgets (G-15, G-2);
// the master-plan PDF with the roadmap matrix and the M&E PDF with the index (E-4); pages and API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engine, type TestApp } from '../../../test/harness.ts';
import { apiAs, makeAgency, makeStaff, signInAs } from '../../../test/factories.ts';
import { textOf } from '../../../test/http.ts';
import type { AgencyView } from '../agencies/agencies.service.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { StaffRole } from '../../platform/db/schema.ts';
import type { Executor } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/errors.ts';
import { pdfText } from '../../platform/pdf/pdf-text.ts';
import { masterPlanPdf, monevPdf } from './planning.pdf.ts';
import { reviewDue } from './planning.service.ts';

let t: TestApp;
let agency: AgencyView;
let other: AgencyView;
let coordinator: Actor;
let coordinatorId: string;
let superAdmin: Actor;
let officer: Actor;
let officerOther: Actor;
let fwId: string;

const actorOf = (u: { userId: string; name: string }, role: StaffRole, a: AgencyView | null): Actor => ({
  userId: u.userId,
  kind: 'staff',
  name: u.name,
  locale: 'id',
  grants: [{ role, agencyId: a?.id ?? null }],
  mfaPassed: true,
  mfaEnrolled: false,
  sessionId: null,
  via: 'session',
});

const tx = <T>(fn: (trx: Executor) => Promise<T>) => t.database.db.transaction().execute((trx) => fn(trx));
const P = () => t.deps.planning;
const who = (actor: Actor) => ({ actor });

async function refused(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

/** All 47 indicators of SPBE 2018 at `level`, indicator 1 at `first`. */
const allLevels = (level: number, first = level) => Array.from({ length: 47 }, (_, i) => ({ number: i + 1, level: i === 0 ? first : level }));

beforeAll(async () => {
  t = await createTestApp({ requireAdminMfa: false });
  agency = await makeAgency(t);
  other = await makeAgency(t);
  const c = await makeStaff(t, 'ict_coordinator', null);
  coordinatorId = c.userId;
  coordinator = actorOf(c, 'ict_coordinator', null);
  superAdmin = actorOf(await makeStaff(t, 'super_admin', null), 'super_admin', null);
  officer = actorOf(await makeStaff(t, 'ict_officer', agency), 'ict_officer', agency);
  officerOther = actorOf(await makeStaff(t, 'ict_officer', other), 'ict_officer', other);
  fwId = await P().ensureBuiltIn(t.database.db);
});
afterAll(async () => t?.close());

describe(`governance planning (${engine})`, () => {
  it('[G-8] the index of a stored assessment matches a hand-computed example', async () => {
    const a = await tx((trx) => P().openAssessment(trx, who(coordinator), fwId, 2026));
    // All indicators at level 3, indicator 1 (weight 1.30) at 5:
    // overall = (3 × 100 + 2 × 1.30) / 100 = 3.026 → 3.03 "Baik";
    // Kebijakan Internal (10 × 1.30 = 13.00) = (3 × 13 + 2 × 1.30) / 13 = 3.20.
    const saved = await tx((trx) => P().saveScores(trx, who(coordinator), a.id, allLevels(3, 5)));
    expect(saved.index.index.exact).toEqual({ num: 30260, den: 10000 });
    expect(saved.index.index.text).toBe('3.03');
    expect(saved.index.predicate).toBe('Baik');
    const kebijakan = saved.index.domains.find((d) => d.key === 'kebijakan')!;
    expect(kebijakan.index.text).toBe('3.20');
    expect(saved.index.domains.find((d) => d.key === 'layanan')!.index.text).toBe('3.00');
    expect(saved.index.missing).toEqual([]);
    // read back from the database, the same
    const again = (await P().assessment(t.database.db, a.id))!;
    expect(again.index.index.text).toBe('3.03');
    expect(again.scores.get(1)!.level).toBe(5);
  });

  it('[G-8] a level outside the framework is refused with the reason and nothing is saved', async () => {
    const a = await tx((trx) => P().openAssessment(trx, who(coordinator), fwId, 2024));
    const e = await refused(tx((trx) => P().saveScores(trx, who(coordinator), a.id, [{ number: 2, level: 3 }, { number: 1, level: 6 }])));
    expect(e.status).toBe(422);
    expect(e.fields).toEqual([expect.objectContaining({ field: 'levels.1', key: 'governance.spbe.level.out_of_scale' })]);
    const e2 = await refused(tx((trx) => P().saveScores(trx, who(coordinator), a.id, [{ number: 48, level: 1 }])));
    expect(e2.fields?.[0]?.key).toBe('governance.spbe.level.unknown_indicator');
    const back = (await P().assessment(t.database.db, a.id))!;
    expect(back.scores.size).toBe(0);
  });

  it('[G-8] year-on-year deltas against the previous year', async () => {
    const prev = await tx((trx) => P().openAssessment(trx, who(coordinator), fwId, 2025));
    await tx((trx) => P().saveScores(trx, who(coordinator), prev.id, allLevels(2)));
    const curr = (await P().listAssessments(t.database.db)).find((x) => x.year === 2026)!;
    const cmp = await P().comparePrevious(t.database.db, (await P().assessment(t.database.db, curr.id))!);
    expect(cmp!.previous.year).toBe(2025);
    expect(cmp!.comparison.sameFramework).toBe(true);
    expect(cmp!.comparison.overall.prev!.text).toBe('2.00');
    expect(cmp!.comparison.overall.delta!.text).toBe('1.03'); // 3.026 − 2 = 1.026
    expect(cmp!.comparison.domains.find((d) => d.key === 'kebijakan')!.delta!.text).toBe('1.20');
  });

  it('[G-8] a finalised year is read-only, and only the ict_coordinator finalises', async () => {
    const a = await tx((trx) => P().openAssessment(trx, who(coordinator), fwId, 2023));
    await tx((trx) => P().saveScores(trx, who(coordinator), a.id, [{ number: 1, level: 2 }]));
    const forbidden = await refused(tx((trx) => P().finalise(trx, who(superAdmin), a.id)));
    expect(forbidden.status).toBe(403);
    const done = await tx((trx) => P().finalise(trx, who(coordinator), a.id));
    expect(done.status).toBe('final');
    const e = await refused(tx((trx) => P().saveScores(trx, who(coordinator), a.id, [{ number: 1, level: 4 }])));
    expect(e.status).toBe(409);
    expect(e.messageKey).toBe('gov.plan.spbe.locked');
    expect((await P().assessment(t.database.db, a.id))!.scores.get(1)!.level).toBe(2);
  });

  it('[G-8] a second framework version loaded from JSON is used without code changes; bad weights are refused', async () => {
    const json = {
      id: 'ipd-uji',
      name: 'Indeks Pemerintah Digital (uji)',
      version: '2025',
      scale: { min: 0, max: 5 },
      levelNames: { process: [{ level: 1, name: 'Rintisan' }], service: [{ level: 1, name: 'Informasi' }] },
      predicates: [
        { min: 0, label: 'Kurang' },
        { min: 3, label: 'Baik' },
      ],
      domains: [
        { key: 'tk', name: 'Tata Kelola', weight: 60 },
        { key: 'ly', name: 'Layanan', weight: '40' },
      ],
      aspects: [
        { key: 'a1', name: 'Kebijakan', domain: 'tk' },
        { key: 'a2', name: 'Layanan Publik', domain: 'ly' },
      ],
      indicators: [
        { number: 1, name: 'Kebijakan internal', domain: 'tk', aspect: 'a1', weight: 35.5, kind: 'process', levels: { '1': 'Ada konsep' } },
        { number: 2, name: 'Tim koordinasi', domain: 'tk', aspect: 'a1', weight: '24.50', kind: 'process' },
        { number: 3, name: 'Layanan daring', domain: 'ly', aspect: 'a2', weight: 40, kind: 'service' },
      ],
    };
    const bad = await refused(tx((trx) => P().loadFramework(trx, who(coordinator), { format: 'json', text: JSON.stringify({ ...json, version: 'rusak', indicators: json.indicators.map((i) => (i.number === 3 ? { ...i, weight: 39 } : i)) }) })));
    expect(bad.status).toBe(422);
    expect(bad.fields!.map((f) => f.key)).toContain('governance.spbe.framework.weights_sum');
    const denied = await refused(tx((trx) => P().loadFramework(trx, who(officer), { format: 'json', text: JSON.stringify(json) })));
    expect(denied.status).toBe(403);

    const fw = await tx((trx) => P().loadFramework(trx, who(coordinator), { format: 'json', text: JSON.stringify(json) }));
    expect(fw.framework.indicators).toHaveLength(3);
    const a = await tx((trx) => P().openAssessment(trx, who(coordinator), fw.id, 2026)); // same year as SPBE 2018: both kept
    // (35.5 × 4 + 24.5 × 2 + 40 × 3) / 100 = (142 + 49 + 120) / 100 = 3.11 → "Baik"
    const s = await tx((trx) => P().saveScores(trx, who(coordinator), a.id, [
      { number: 1, level: 4 },
      { number: 2, level: 2 },
      { number: 3, level: 3 },
    ]));
    expect(s.index.index.text).toBe('3.11');
    expect(s.index.predicate).toBe('Baik');
    expect(s.index.domains.map((d) => [d.key, d.index.text])).toEqual([
      ['tk', '3.18'], // (142 + 49) / 60 = 3.1833…
      ['ly', '3.00'],
    ]);
    const dup = await refused(tx((trx) => P().loadFramework(trx, who(coordinator), { format: 'json', text: JSON.stringify(json) })));
    expect(dup.status).toBe(409);
  });

  it('[G-8] a framework version from TSV is refused when the weights do not sum to 100', async () => {
    const tsv = 'no\tname\tbobot\n' + Array.from({ length: 47 }, (_, i) => `${i + 1}\tIndikator ${i + 1}\t2.00`).join('\n');
    const e = await refused(tx((trx) => P().loadFramework(trx, who(coordinator), { format: 'tsv', text: tsv, version: '2018-uji' })));
    expect(e.status).toBe(422);
    expect(e.fields!.map((f) => f.key)).toContain('governance.spbe.framework.weights_sum');
  });

  it('[G-8] an agency ICT officer proposes evidence only for indicators his agency answers for', async () => {
    const a = (await P().listAssessments(t.database.db)).find((x) => x.year === 2026 && x.frameworkId === fwId)!;
    await tx((trx) => P().saveScores(trx, who(coordinator), a.id, [{ number: 5, level: 3, responsibleAgencyId: agency.id }]));
    await tx((trx) => P().proposeEvidence(trx, who(officer), a.id, 5, 'SK Kepala Dinas tentang pusat data, https://jdih.ujiprov.go.id/sk-12'));
    const e = await refused(tx((trx) => P().proposeEvidence(trx, who(officerOther), a.id, 5, 'bukan urusan kami')));
    expect(e.status).toBe(403);
    const e2 = await refused(tx((trx) => P().proposeEvidence(trx, who(officer), a.id, 6, 'indikator tanpa penanggung jawab')));
    expect(e2.status).toBe(403);
    const back = (await P().assessment(t.database.db, a.id))!;
    expect(back.proposals.map((p) => [p.number, p.agencyId])).toEqual([[5, agency.id]]);
    // an agency officer cannot score
    expect((await refused(tx((trx) => P().saveScores(trx, who(officer), a.id, [{ number: 5, level: 5 }])))).status).toBe(403);
  });

  it('[G-8] PeGI: five dimensions per year, exact average and category', async () => {
    const p = await tx((trx) => P().savePegi(trx, who(coordinator), { year: 2015, values: { policy: '3.50', institution: '3.40', infrastructure: '3.12', application: '3.57', planning: '3.11' } }));
    expect(p.average.text).toBe('3.34'); // 16.70 / 5
    expect(p.category).toBe('gov.plan.pegi.cat.good');
    const e = await refused(tx((trx) => P().savePegi(trx, who(coordinator), { year: 2016, values: { policy: '4.10', institution: '3', infrastructure: '3', application: '3', planning: 'x' } })));
    expect(e.fields!.map((f) => f.field).sort()).toEqual(['planning', 'policy']);
  });

  it('[G-3] [G-15] an initiative year outside the plan validity is refused; budget totals per year and source', async () => {
    const plan = await tx((trx) => P().savePlan(trx, who(coordinator), null, { title: 'Rencana Induk SPBE 2025–2029', startYear: 2025, vision: 'Pemerintahan digital yang melayani' }));
    expect(plan.endYear).toBe(2029);
    const e = await refused(
      tx((trx) =>
        P().saveInitiative(trx, who(coordinator), plan.id, null, { component: 'infrastructure', name: 'Pusat data', fundingSource: 'apbd', years: [{ year: 2029, cost: 1 }, { year: 2030, cost: 5 }] }),
      ),
    );
    expect(e.status).toBe(422);
    expect(e.fields).toEqual([expect.objectContaining({ field: 'year.2030', key: 'gov.plan.roadmap.year_outside' })]);
    expect(await P().initiatives(t.database.db, plan.id)).toEqual([]);

    await tx((trx) =>
      P().saveInitiative(trx, who(coordinator), plan.id, null, {
        component: 'infrastructure',
        name: 'Pembangunan Pusat Data Daerah',
        outputs: 'Pusat data tier II',
        agencyId: agency.id,
        fundingSource: 'apbd',
        years: [
          { year: 2025, cost: '1.500.000.000' },
          { year: 2026, cost: 750000000 },
        ],
      }),
    );
    const i2 = await tx((trx) =>
      P().saveInitiative(trx, who(coordinator), plan.id, null, { component: 'hr', name: 'Sertifikasi SDM TIK', fundingSource: 'apbn', years: [{ year: 2026, cost: '250000000' }] }),
    );
    await tx((trx) => P().saveProgress(trx, who(coordinator), i2.id, { year: 2026, percent: '40', note: 'Dua angkatan' }));
    expect((await refused(tx((trx) => P().saveProgress(trx, who(coordinator), i2.id, { year: 2026, percent: '140' })))).status).toBe(422);
    const items = await P().initiatives(t.database.db, plan.id);
    const b = P().budgetTotals(plan, items);
    expect(b.perYear).toEqual({ 2025: 1_500_000_000, 2026: 1_000_000_000, 2027: 0, 2028: 0, 2029: 0 });
    expect(b.bySource.apbd[2026]).toBe(750_000_000);
    expect(b.bySource.apbn[2026]).toBe(250_000_000);
    expect(b.total).toBe(2_500_000_000);
    // moving the validity would strand 2025
    const moved = await refused(tx((trx) => P().savePlan(trx, who(coordinator), plan.id, { title: plan.title, startYear: 2026 })));
    expect(moved.fields?.[0]?.key).toBe('gov.plan.plan.years_stranded');
  });

  it('[G-3] the review reminder uses an injected clock', async () => {
    const plan = await tx((trx) => P().savePlan(trx, who(coordinator), null, { title: 'Rencana uji reviu', startYear: 2024 }));
    await tx((trx) => P().addReview(trx, who(coordinator), plan.id, { reviewedOn: '2024-03-01', note: 'Reviu pertama' }, new Date('2024-03-02T00:00:00Z')));
    const p = (await P().plan(t.database.db, plan.id))!;
    expect(reviewDue(p, new Date('2026-03-01T10:00:00Z'), 'Asia/Makassar')).toEqual({ due: false, since: '2024-03-01' });
    expect(reviewDue(p, new Date('2026-03-01T16:30:00Z'), 'Asia/Makassar').due).toBe(true); // 2 March 00:30 WITA
    const future = await refused(tx((trx) => P().addReview(trx, who(coordinator), plan.id, { reviewedOn: '2030-01-01' }, new Date('2026-01-01T00:00:00Z'))));
    expect(future.fields?.[0]?.key).toBe('gov.plan.date.future');
  });

  it('[G-3] [G-2] the master-plan PDF has the regulation structure and the roadmap matrix rows', async () => {
    await tx((trx) => P().saveMaturity(trx, who(coordinator), 1, { achieved: true, evidence: 'Situs informasi setiap perangkat daerah' }));
    await tx((trx) => P().saveMaturity(trx, who(coordinator), 3, { achieved: true, evidence: 'Transaksi layanan daring' }));
    expect((await P().maturity(t.database.db)).current).toBe(1); // stage II missing
    const plan = (await P().listPlans(t.database.db)).find((p) => p.startYear === 2025)!;
    const pdf = await masterPlanPdf(P(), { q: t.database.db, locale: 'id', regionName: 'Provinsi Uji', now: new Date('2026-11-23T03:00:00Z') }, plan.id);
    const text = pdfText(pdf!);
    for (const s of ['BAB I PENDAHULUAN', 'BAB III VISI, MISI', 'BAB IV ARSITEKTUR', 'BAB V PETA RENCANA', 'Pemerintahan digital yang melayani', 'Tingkat I: Persiapan']) expect(text).toContain(s);
    // roadmap matrix: initiative × years with costs
    // cells wrap, so compare with whitespace folded; costs in millions of Rupiah:
    // component | initiative | 2025 | 2026 | 2027 | 2028 | 2029 | total
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Infrastruktur Pembangunan Pusat Data Daerah 1.500 750 - - - 2.250 ');
    expect(flat).toContain('Sumber daya manusia Sertifikasi SDM TIK - 250 - - - 250 ');
    expect(flat).toContain('Jumlah 1.500 1.000 0 0 0 2.500'); // budget totals per year
  });

  it('[E-4] the M&E report PDF carries the cover letter, the index and the roadmap progress', async () => {
    const pdf = await monevPdf({ q: t.database.db, locale: 'id', regionName: 'Provinsi Uji', now: new Date('2026-11-23T03:00:00Z') }, { kind: 'quarter', year: 2026, quarter: 3 });
    const text = pdfText(pdf);
    expect(text).toContain('Gubernur Provinsi Uji');
    expect(text).toContain('melalui Sekretaris Daerah Provinsi Uji');
    expect(text).toContain('Triwulan III Tahun 2026');
    expect(text).toContain('Indeks SPBE');
    // One decimal separator in documents: the comma.
    expect(text).toContain('3,03 (Baik)');
    expect(text).toContain('2,00 menjadi 3,03 (perubahan 1,03)');
    expect(text).toContain('Permohonan masuk');
    expect(text).toContain('Sertifikasi SDM TIK');
    expect(text).toContain('40');
  });

  it('[G-8] [E-4] pages: the Dinas scores an aspect by form (a bad level keeps the input), agencies only read; PDFs by URL', async () => {
    const dinas = await signInAs(t, coordinatorId);
    const home = await dinas.get('/kelola/tata-kelola/evaluasi-spbe');
    expect(home.statusCode).toBe(200);
    const a = (await P().listAssessments(t.database.db)).find((x) => x.year === 2024)!;
    const url = `/kelola/tata-kelola/evaluasi-spbe/${a.id}/aspek/penyelenggara`;
    const bad = await dinas.submit(url, { level_19: '7', level_20: '2', justification_20: 'Tim SPBE sudah ditetapkan', evidence_20: 'bukan tautan' });
    expect(bad.statusCode).toBe(422);
    expect(textOf(bad.body)).toContain('Indikator 19: tingkat 7 di luar skala 0–5.');
    expect(bad.body).toContain('Tim SPBE sudah ditetapkan');
    const ok = await dinas.submit(url, { level_19: '4', level_20: '2', evidence_20: '/kelola/tata-kelola/aplikasi\nhttps://jdih.ujiprov.go.id/sk' });
    expect(ok.statusCode).toBe(303);
    const csv = await dinas.get(`/kelola/tata-kelola/evaluasi-spbe/${a.id}?format=csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Tim Koordinasi SPBE Pemerintah Daerah');

    const agencyClient = await signInAs(t, (await makeStaff(t, 'ict_officer', agency)).userId);
    expect((await agencyClient.get(url)).statusCode).toBe(200);
    const post = await agencyClient.submit(url, { level_19: '5' });
    expect(post.statusCode).toBe(403);

    const plan = (await P().listPlans(t.database.db)).find((p) => p.startYear === 2025)!;
    const pdf = await dinas.get(`/kelola/tata-kelola/rencana-induk/${plan.id}/pdf`);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    const monev = await dinas.get('/kelola/tata-kelola/laporan-monev/pdf?jenis=year&tahun=2026');
    expect(monev.statusCode).toBe(200);
    expect(pdfText(monev.rawPayload)).toContain('Tahun 2026');
    const badPeriod = await dinas.get('/kelola/tata-kelola/laporan-monev/pdf?jenis=quarter&tahun=2026&triwulan=5');
    expect(badPeriod.statusCode).toBe(422);
    expect((await agencyClient.get('/kelola/tata-kelola/laporan-monev')).statusCode).toBe(403);
  });

  it('[G-8] [G-3] auditors and executives read but do not change; changes are audited', async () => {
    const auditor = await signInAs(t, (await makeStaff(t, 'auditor', null)).userId);
    const plan = (await P().listPlans(t.database.db)).find((p) => p.startYear === 2025)!;
    expect((await auditor.get(`/kelola/tata-kelola/rencana-induk/${plan.id}`)).statusCode).toBe(200);
    expect((await auditor.get('/kelola/tata-kelola/pegi')).statusCode).toBe(200);
    const post = await auditor.submit('/kelola/tata-kelola/pegi', { year: '2020', policy: '3', institution: '3', infrastructure: '3', application: '3', planning: '3' });
    expect(post.statusCode).toBe(403);
    const exec = await signInAs(t, (await makeStaff(t, 'executive', null)).userId);
    expect((await exec.get('/kelola/tata-kelola/laporan-monev')).statusCode).toBe(200);
    const api = await apiAs(exec, 'POST', '/api/v1/governance/master-plans', { title: 'X', startYear: 2027 });
    expect(api.statusCode).toBe(403);
    const events = await t.database.db.selectFrom('audit_events').select(['action', 'entity_id']).where('action', 'like', 'governance.%').execute();
    const actions = new Set(events.map((e) => e.action));
    for (const a of ['governance.spbe.scores_saved', 'governance.spbe.finalised', 'governance.spbe.framework_loaded', 'governance.roadmap.created', 'governance.plan.reviewed', 'governance.pegi.saved']) {
      expect(actions).toContain(a);
    }
  });

  it('[G-8] [G-15] API: scores with a refused level, roadmap year outside validity, OpenAPI operations', async () => {
    const dinas = await signInAs(t, coordinatorId);
    const a = (await P().listAssessments(t.database.db)).find((x) => x.year === 2024)!;
    const bad = await apiAs(dinas, 'POST', `/api/v1/governance/spbe/assessments/${a.id}/scores`, { scores: [{ number: 1, level: 9 }] });
    expect(bad.statusCode).toBe(422);
    const got = await apiAs(dinas, 'GET', `/api/v1/governance/spbe/assessments/${a.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.json().scores.find((s: { number: number }) => s.number === 19).level).toBe(4);
    const plan = (await P().listPlans(t.database.db)).find((p) => p.startYear === 2025)!;
    const outside = await apiAs(dinas, 'POST', '/api/v1/governance/roadmap', { planId: plan.id, component: 'security', name: 'CSIRT', fundingSource: 'csr', years: [{ year: 2031, costRupiah: 1000 }] });
    expect(outside.statusCode).toBe(422);
    const road = await apiAs(dinas, 'GET', `/api/v1/governance/master-plans/${plan.id}/roadmap`);
    expect(road.json().budget.total).toBe(2_500_000_000);
    const doc = await dinas.api('GET', '/api/openapi.json');
    const paths = Object.keys(doc.json().paths ?? {});
    expect(paths).toContain('/api/v1/governance/spbe/assessments/{id}/scores');
    expect(paths).toContain('/api/v1/governance/pegi');
  });
});
