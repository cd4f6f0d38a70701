// Demo data of the governance console's inventories (issue 6): eight applications across
// demo agencies (the national mandatory SIPD, SRIKANDI, e-Kinerja and OSS-RBA among them, one
// hand-over accepted and one under way), ICT staff figures of this year for several agencies, named ICT staff and some
// assets. Written through the inventory service inside the demo seed's one transaction.
import type { GovernanceDeps as Deps } from './governance.deps.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Trx } from '../../platform/db/database.ts';
import { handoverItems } from './inventory.schemas.ts';

export interface GovernanceDemoInput {
  trx: Trx;
  /** A super admin (the demo's Diskominfo admin). */
  admin: Actor;
  agencyIds: Map<string, string>;
  domain: string;
  year?: number;
}

/**
 * Loads the demo inventories. The demo's agency admins (e.g. admin.dpmptsp@…) manage their
 * agency's records and the Diskominfo super admin acts as the Dinas (accepts hand-overs).
 */
export async function seedDemoGovernance(deps: Pick<Deps, 'inventory'>, input: GovernanceDemoInput): Promise<void> {
  const { trx, admin, agencyIds, domain } = input;
  const inv = deps.inventory;
  const who = { actor: admin };
  const year = input.year ?? new Date().getUTCFullYear();
  const id = (slug: string) => {
    const v = agencyIds.get(slug);
    if (!v) throw new Error(`Demo agency missing: ${slug}`);
    return v;
  };

  const base = { relatedIds: [] as string[], securityNote: '', documentation: '', usersNote: '' };
  const apps: Record<string, string> = {};
  const add = async (key: string, body: Record<string, unknown>) => {
    apps[key] = (await inv.createApplication(trx, who, { ...base, ...body })).id;
  };
  await add('sipd', {
    agencyId: id('bapperida'),
    name: 'SIPD (Sistem Informasi Pemerintahan Daerah)',
    kind: 'national',
    developerKind: 'ministry',
    developerName: 'Kementerian Dalam Negeri',
    purpose: 'Perencanaan, penganggaran dan penatausahaan keuangan daerah.',
    userGroups: ['internal', 'other_agencies'],
    url: 'https://sipd.kemendagri.go.id',
    hosting: 'ministry',
    security: ['ssl', 'access_control'],
    status: 'live',
    liveOn: '2021-01-04',
  });
  await add('srikandi', {
    agencyId: id('biro-umum'),
    name: 'SRIKANDI (Sistem Informasi Kearsipan Dinamis Terintegrasi)',
    kind: 'national',
    developerKind: 'ministry',
    developerName: 'Arsip Nasional Republik Indonesia',
    purpose: 'Naskah dinas elektronik dan kearsipan dinamis.',
    userGroups: ['internal', 'other_agencies'],
    url: 'https://srikandi.arsip.go.id',
    hosting: 'ministry',
    security: ['ssl', 'access_control', 'logging'],
    status: 'live',
    liveOn: '2022-08-01',
  });
  await add('ekinerja', {
    agencyId: id('bkd'),
    name: 'e-Kinerja BKN',
    kind: 'national',
    developerKind: 'ministry',
    developerName: 'Badan Kepegawaian Negara',
    purpose: 'Penilaian kinerja ASN.',
    userGroups: ['internal', 'other_agencies'],
    url: 'https://kinerja.bkn.go.id',
    hosting: 'ministry',
    security: ['ssl'],
    status: 'live',
    liveOn: '2023-01-02',
  });
  await add('oss', {
    agencyId: id('dpmptsp'),
    name: 'OSS-RBA',
    kind: 'national',
    developerKind: 'ministry',
    developerName: 'Kementerian Investasi/BKPM',
    purpose: 'Perizinan berusaha berbasis risiko.',
    userGroups: ['internal', 'public'],
    url: 'https://oss.go.id',
    hosting: 'ministry',
    security: ['ssl', 'waf'],
    status: 'live',
    liveOn: '2021-08-09',
  });
  await add('simpul', {
    agencyId: id('diskominfo'),
    name: 'Simpul — Portal Layanan Publik',
    kind: 'core',
    developerKind: 'in_house',
    purpose: 'Portal layanan publik terpadu, pelacakan permohonan dan dokumen elektronik.',
    userGroups: ['internal', 'other_agencies', 'public'],
    url: `layanan.${domain}`,
    hosting: 'regional_dc',
    security: ['ssl', 'waf', 'pentest', 'backup', 'access_control', 'logging'],
    documentation: 'Manual pengguna, manual operasi, dokumentasi API (OpenAPI).',
    sourceLocation: `https://git.${domain}/diskominfo/simpul`,
    status: 'live',
    plannedOn: '2025-06-02',
    liveOn: '2026-01-05',
    relatedIds: [apps.oss!],
  });
  await add('simrs', {
    agencyId: id('rsud-provinsi'),
    name: 'SIMRS RSUD Provinsi',
    kind: 'core',
    developerKind: 'vendor',
    developerName: 'PT Medika Data Nusantara',
    purpose: 'Rekam medis elektronik, pendaftaran, farmasi dan tagihan pasien.',
    userGroups: ['internal', 'public'],
    url: `simrs.rsud.${domain}`,
    hosting: 'vendor_cloud',
    security: ['ssl', 'backup'],
    sourceLocation: `https://git.${domain}/rsud/simrs`,
    status: 'development',
    plannedOn: '2025-09-01',
  });
  await add('sikda', {
    agencyId: id('dinkes'),
    name: 'SIKDA (Sistem Informasi Kesehatan Daerah)',
    kind: 'core',
    developerKind: 'vendor',
    developerName: 'CV Sehat Digital',
    purpose: 'Pelaporan data kesehatan puskesmas ke Dinas Kesehatan.',
    userGroups: ['internal', 'other_agencies'],
    hosting: 'regional_dc',
    status: 'planned',
    plannedOn: `${year + 1}-02-01`,
    relatedIds: [apps.simrs!],
  });
  await add('pustaka', {
    agencyId: id('dispusip'),
    name: 'e-Pustaka Daerah',
    kind: 'general',
    developerKind: 'in_house',
    purpose: 'Katalog dan peminjaman buku perpustakaan daerah.',
    userGroups: ['public'],
    url: `pustaka.${domain}`,
    hosting: 'regional_dc',
    security: ['ssl'],
    status: 'retired',
    liveOn: '2018-03-01',
    retiredOn: '2025-12-31',
  });

  // Hand-over: Simpul complete and accepted; SIMRS under way.
  for (const item of handoverItems) {
    await inv.provideHandoverItem(who, apps.simpul!, item, { link: `https://git.${domain}/diskominfo/simpul/-/wikis/serah-terima/${item}` }, trx);
  }
  await inv.acceptHandover(trx, who, apps.simpul!);
  for (const item of ['business_process', 'application_architecture', 'operating_manual'] as const) {
    await inv.provideHandoverItem(who, apps.simrs!, item, { link: `https://dok.rsud.${domain}/serah-terima/${item}.pdf` }, trx);
  }

  // ICT staff figures (Tabel 2) for several agencies; the rest have not reported yet.
  const figures: [string, number, number, number, number, number][] = [
    ['diskominfo', 86, 80, 62, 18, 14],
    ['dinkes', 412, 301, 160, 120, 3],
    ['dpmptsp', 74, 70, 51, 19, 2],
    ['bapperida', 95, 90, 70, 20, 2],
    ['bkd', 88, 84, 60, 22, 1],
    ['rsud-provinsi', 960, 610, 300, 250, 6],
  ];
  for (const [slug, civilServants, ictAble, abilityGood, abilityFair, ictSpecialists] of figures) {
    await inv.saveStaffFigures(trx, who, id(slug), year, { civilServants, ictAble, abilityGood, abilityFair, ictSpecialists });
  }
  const members = [
    { agencyId: id('diskominfo'), name: 'Agustinus Nahak, S.Kom.', nip: '198508172010011002', position: 'Pranata Komputer Ahli Muda', education: 'S1 Teknik Informatika', competencies: 'Keamanan informasi, administrasi server', certifications: [{ name: 'CompTIA Security+', year: 2024, expiresOn: '2027-04-30' }] },
    { agencyId: id('diskominfo'), name: 'Fransiska Bria, M.T.', position: 'Kepala Bidang Aplikasi Informatika', education: 'S2 Teknik Elektro', competencies: 'Arsitektur SPBE, manajemen proyek', certifications: [{ name: 'COBIT 2019 Foundation', year: 2023, expiresOn: null }] },
    { agencyId: id('dinkes'), name: 'Ronaldo Seran, A.Md.', position: 'Pengelola Sistem Informasi', education: 'D3 Manajemen Informatika', competencies: 'Jaringan, dukungan pengguna', certifications: [] },
  ];
  for (const m of members) await inv.saveStaffMember(trx, who, null, m);

  const assets = [
    { agencyId: id('diskominfo'), code: 'SRV-DC-01', name: 'Server rak pusat data daerah', category: 'hardware', location: 'Pusat Data Daerah, Lt. 2', acquiredOn: '2024-05-20', acquisitionMethod: 'purchase', value: 385000000, fundingSource: 'apbd', condition: 'good', status: 'in_use' },
    { agencyId: id('diskominfo'), code: 'NET-FO-01', name: 'Jaringan serat optik antarkantor (intra pemerintah)', category: 'network', location: 'Kompleks kantor gubernur', acquiredOn: '2023-10-02', acquisitionMethod: 'purchase', value: 1250000000, fundingSource: 'apbd', condition: 'good', status: 'in_use' },
    { agencyId: id('diskominfo'), code: 'LIS-WAF-01', name: 'Lisensi WAF tahunan', category: 'software', location: 'Pusat Data Daerah', acquiredOn: `${year}-01-15`, acquisitionMethod: 'purchase', value: 96000000, fundingSource: 'apbd', condition: 'good', status: 'in_use', licenceExpiresOn: `${year}-12-31` },
    { agencyId: id('dinkes'), code: 'PC-DK-014', name: 'Komputer meja bidang P2P', category: 'hardware', location: 'Bidang P2P', acquiredOn: '2019-03-11', acquisitionMethod: 'purchase', value: 9800000, fundingSource: 'apbd', condition: 'light_damage', status: 'in_use' },
    { agencyId: id('dinkes'), code: 'PRN-DK-003', name: 'Printer laser sekretariat', category: 'hardware', location: 'Sekretariat', acquiredOn: '2016-06-01', acquisitionMethod: 'grant', value: 0, fundingSource: 'apbn', condition: 'heavy_damage', status: 'disposed', disposedOn: `${year}-03-31`, disposalReason: 'Rusak berat, tidak ekonomis diperbaiki' },
    { agencyId: id('dpmptsp'), code: 'KIOS-01', name: 'Anjungan layanan mandiri MPP', category: 'hardware', location: 'Mal Pelayanan Publik', acquiredOn: '2025-02-10', acquisitionMethod: 'purchase', value: 47500000, fundingSource: 'apbd', condition: 'good', status: 'in_use' },
  ];
  for (const a of assets) await inv.createAsset(trx, who, a);

}
