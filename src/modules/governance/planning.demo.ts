// Demo data of governance planning (issue 6) for "Provinsi Contoh": a draft SPBE 2018
// self-assessment with levels, a PeGI rating, the maturity stages reached, and a master plan
// 2025–2029 with a small roadmap. Loaded through the planning service in the demo transaction.
import type { Actor } from '../../platform/auth/actor.ts';
import type { Executor } from '../../platform/db/database.ts';
import type { Planning } from './planning.service.ts';

export async function seedPlanningDemo(trx: Executor, planning: Planning, opts: { actor: Actor; agencyIds: Map<string, string> }): Promise<void> {
  const who = { actor: opts.actor, meta: null };
  const fw = await planning.ensureBuiltIn(trx);
  const a = await planning.openAssessment(trx, who, fw, 2025);
  // Policies mostly defined (3), governance managed (2), services interactive (2), a few transactional.
  const level = (n: number) => (n <= 10 ? 3 : n <= 31 ? 2 : n >= 42 && n <= 44 ? 3 : 2);
  const kominfo = opts.agencyIds.get('diskominfo') ?? null;
  await planning.saveScores(
    trx,
    who,
    a.id,
    Array.from({ length: 47 }, (_, i) => ({ number: i + 1, level: level(i + 1), justification: '', evidence: '', responsibleAgencyId: i + 1 >= 15 && i + 1 <= 18 ? kominfo : null })),
  );
  await planning.savePegi(trx, who, { year: 2024, values: { policy: '2.80', institution: '2.60', infrastructure: '2.40', application: '2.70', planning: '2.50' }, note: 'Penilaian mandiri (demo)' });
  await planning.saveMaturity(trx, who, 1, { achieved: true, evidence: 'Situs informasi setiap perangkat daerah; SDM TIK disiapkan.' });
  await planning.saveMaturity(trx, who, 2, { achieved: true, evidence: 'Portal layanan interaktif dan antarmuka dengan instansi pusat.' });
  const plan = await planning.savePlan(trx, who, null, {
    title: 'Rencana Induk SPBE Provinsi Contoh 2025–2029',
    startYear: 2025,
    vision: 'Terwujudnya pemerintahan digital yang terpadu, aman dan melayani.',
    mission: '1. Memperkuat tata kelola SPBE.\n2. Membangun infrastruktur bersama.\n3. Meningkatkan layanan publik berbasis elektronik.',
    goals: 'Indeks SPBE minimal 3,00 pada 2029.',
    notes: { technology: 'Pusat data daerah dan jaringan intra pemerintah daerah dipakai bersama seluruh perangkat daerah.' },
  });
  const initiatives = [
    { component: 'infrastructure', name: 'Pusat Data Daerah tier II', agency: 'diskominfo', source: 'apbd', years: [[2025, 1_200_000_000], [2026, 800_000_000]] },
    { component: 'applications', name: 'Integrasi layanan perizinan daring', agency: 'dpmptsp', source: 'apbd', years: [[2026, 450_000_000]] },
    { component: 'hr', name: 'Sertifikasi keamanan informasi SDM TIK', agency: 'bkd', source: 'apbn', years: [[2025, 150_000_000], [2027, 150_000_000]] },
    { component: 'security', name: 'Pembentukan CSIRT daerah', agency: 'diskominfo', source: 'other', years: [[2026, 300_000_000]] },
  ] as const;
  for (const i of initiatives) {
    const saved = await planning.saveInitiative(trx, who, plan.id, null, {
      component: i.component,
      name: i.name,
      agencyId: opts.agencyIds.get(i.agency) ?? null,
      fundingSource: i.source,
      years: i.years.map(([year, cost]) => ({ year, cost })),
    });
    await planning.saveProgress(trx, who, saved.id, { year: 2025, percent: i.years[0]![0] === 2025 ? 60 : 0, note: '' });
  }
}
