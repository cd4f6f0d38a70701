// Demo data of the governance registers (GOV-REG) for the demo region: an approved
// coordination request with a progress report (G-1), an infrastructure audit with an open
// finding (G-7), the CIO, a domain and a data-sharing agreement (G-10 … G-12). Called by
// src/seed/demo.ts inside its transaction, acting as the demo super admin.
import type { Actor } from '../../platform/auth/actor.ts';
import type { Trx } from '../../platform/db/database.ts';
import { calendarDay } from './coordination.rules.ts';
import { dataSharing, domains, people } from './registers.definitions.ts';
import { govRegServicesFor } from './registers.services.ts';

export async function seedDemoGovernanceRegisters(
  trx: Trx,
  opts: { actor: Actor; agencyIds: Map<string, string>; regionDomain: string; timeZone: string; now?: Date; progressPeriodMonths?: number },
): Promise<void> {
  const s = govRegServicesFor(opts.progressPeriodMonths ?? 3);
  const who = { actor: opts.actor };
  const now = opts.now ?? new Date();
  const today = calendarDay(now, opts.timeZone);
  const year = Number(today.slice(0, 4));
  const ids = [...opts.agencyIds.values()];
  const agency = opts.agencyIds.get('dinkes') ?? ids[0];
  if (!agency) return;

  const c = await s.coordination.create(trx, who, { agencyId: agency, title: 'Sistem informasi puskesmas terpadu', kind: 'new_application', description: 'Aplikasi rekam kunjungan puskesmas yang terhubung dengan SATUSEHAT.', estimatedBudget: '450000000', plannedYear: String(year) }, now, opts.timeZone);
  for (const action of ['submit', 'start_review'] as const) await s.coordination.act(trx, who, c.id, { action }, now, opts.timeZone);
  await s.coordination.act(trx, who, c.id, { action: 'recommend', recommendation: 'Gunakan pusat data daerah dan integrasi SATUSEHAT; hindari lisensi per pengguna.', budgetGuidance: '400000000', priceGuidance: 'Standar biaya masukan daerah tahun berjalan.' }, now, opts.timeZone);
  await s.coordination.act(trx, who, c.id, { action: 'approve' }, now, opts.timeZone);
  await s.coordination.addProgress(trx, who, c.id, { reportDate: today, percent: '10', note: 'Kerangka acuan kerja disusun.' }, now, opts.timeZone);

  const audit = await s.audits.create(trx, who, { agencyId: agency, kind: 'infrastructure', scope: 'Ruang server dan jaringan lokal', auditorType: 'internal', auditorName: 'Inspektorat Daerah', startDate: `${year - 1}-03-01`, endDate: `${year - 1}-03-10` }, today);
  await s.audits.addFinding(trx, who, audit.id, { title: 'Cadangan data belum diuji pemulihannya', severity: 'high', dueDate: `${year}-12-31` }, today);

  await s.registers.create(trx, who, people, { role: 'cio', name: 'Sekretaris Daerah (demo)', position: 'Sekretaris Daerah', activeFrom: `${year}-01-02` }, today);
  await s.registers.create(trx, who, domains, { agencyId: agency, name: `puskesmas.${opts.regionDomain}`, application: 'Sistem informasi puskesmas terpadu', purpose: 'application', expiresOn: `${year + 1}-12-31` }, today);
  await s.registers.create(
    trx,
    who,
    dataSharing,
    { agencyId: agency, title: 'Data kependudukan untuk layanan kesehatan', parties: 'Disdukcapil; Dinas Kesehatan', dataSets: 'NIK, nama, tanggal lahir', basis: 'agreement', legalBasis: 'Perpres 39/2019 tentang Satu Data Indonesia', purpose: 'Verifikasi pasien', validFrom: `${year}-01-01`, validTo: `${year + 2}-12-31`, confidentialityDuty: 'Data hanya untuk verifikasi pasien.', dataQualityDuty: 'Pemutakhiran bulanan.' },
    today,
  );
}
