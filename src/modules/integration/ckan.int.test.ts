import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { ckanPublisher, createSatuDataOutbox, satuDataPublishJob, type OpenDataSet } from './ckan.ts';
import { startFakeCkan, type FakeCkan } from './ckan.test-support.ts';
import { makeAgency, makeRegion, makeStaff, signInAs } from '../../../test/factories.ts';
import { connectorSendJob, createConnectorOutbox, fakeRemote, jsonConnector, sipdRoadmap, sipdRoadmapFrom } from './national-connectors.ts';

let t: TestApp;
let ckan: FakeCkan;

const dataSet: OpenDataSet = {
  name: 'kinerja-layanan-2026',
  title: 'Kinerja layanan perizinan 2026',
  notes: 'Jumlah permohonan dan waktu penyelesaian per layanan.',
  organisation: 'dpmptsp',
  producer: 'Dinas Penanaman Modal dan PTSP',
  kodeWilayah: '53.71',
  period: '2026',
  frequency: 'bulanan',
  unit: 'permohonan',
  tags: ['perizinan'],
  resources: [{ name: 'Data bulanan', url: 'https://simpul.example.go.id/data/kinerja-2026.csv', format: 'CSV' }],
};

beforeAll(async () => {
  ckan = await startFakeCkan();
  // The app publishes /kinerja to this fake portal (its Satu Data jobs are registered by app.ts).
  t = await createTestApp({ requireAdminMfa: false, satuData: { ckanUrl: ckan.url, token: ckan.token, organisation: 'pemda-uji' } });
});
afterAll(async () => {
  await ckan?.close();
  await t?.close();
});

it('[I-4] the Satu Data connector publishes with BPS-style metadata and kode wilayah in the pinned CKAN shape, then updates', async () => {
  const publisher = ckanPublisher({ baseUrl: ckan.url, apiToken: ckan.token });
  const first = await publisher.publish(dataSet);
  expect(first.created).toBe(true);
  const stored = ckan.packages.get('kinerja-layanan-2026')!;
  expect(stored.extras).toEqual(
    expect.arrayContaining([
      { key: 'kode_wilayah', value: '53.71' },
      { key: 'produsen_data', value: 'Dinas Penanaman Modal dan PTSP' },
      { key: 'frekuensi', value: 'bulanan' },
    ]),
  );
  const again = await publisher.publish({ ...dataSet, title: 'Kinerja layanan perizinan 2026 (revisi)' });
  expect(again).toMatchObject({ created: false, id: first.id });
  expect(ckan.calls.map((c) => c.action)).toEqual(['package_show', 'package_create', 'package_show', 'package_update']);
  // A wrong token is a refusal, not an outage.
  await expect(ckanPublisher({ baseUrl: ckan.url, apiToken: 'salah' }).publish(dataSet)).rejects.toThrow(/refused|unexpected/);
});

it('[I-4] a portal that is down is retried through the job queue and the data set is not lost', async () => {
  const outbox = createSatuDataOutbox(ckanPublisher({ baseUrl: ckan.url, apiToken: ckan.token })); // jobs run by the app's handler
  ckan.down = true;
  await t.database.db.transaction().execute((trx) => outbox.publish(trx, t.deps.jobs, { ...dataSet, name: 'indeks-spbe-2026' }));
  await t.runJobs();
  const job = await t.database.db.selectFrom('jobs').select(['status', 'attempts', 'last_error']).where('name', '=', satuDataPublishJob.name).executeTakeFirstOrThrow();
  expect(job.status).toBe('failed'); // for now: due again after the back-off
  expect(job.attempts).toBe(1);
  expect(ckan.packages.has('indeks-spbe-2026')).toBe(false);
  ckan.down = false;
  await sql`UPDATE jobs SET run_at = now() WHERE name = ${satuDataPublishJob.name}`.execute(t.database.db);
  await t.runJobs();
  expect((await t.database.db.selectFrom('jobs').select('status').where('name', '=', satuDataPublishJob.name).executeTakeFirstOrThrow()).status).toBe('done');
  expect(ckan.packages.get('indeks-spbe-2026')?.extras).toContainEqual({ key: 'kode_wilayah', value: '53.71' });
});

it('[I-4] a national connector whose remote is down retries through the job queue and delivers the message once it recovers', async () => {
  const remote = fakeRemote(sipdRoadmap, () => ({ status: 'diterima', id_dokumen: 'SIPD-9' }), { token: 'tok' });
  const outbox = createConnectorOutbox([jsonConnector(sipdRoadmap, { baseUrl: 'https://sipd.example', token: 'tok', fetch: remote.fetch })]);
  outbox.registerJobs(t.deps.jobs);
  const body = sipdRoadmapFrom('5371', { plan: { title: 'Peta rencana', startYear: 2026, endYear: 2030, status: 'approved' }, initiatives: [] });
  remote.failTimes = 2;
  await t.database.db.transaction().execute((trx) => outbox.send(trx, t.deps.jobs, 'sipd', body));
  const job = () => t.database.db.selectFrom('jobs').select(['status', 'attempts']).where('name', '=', connectorSendJob.name).executeTakeFirstOrThrow();
  for (let i = 1; i <= 2; i++) {
    await sql`UPDATE jobs SET run_at = now() WHERE name = ${connectorSendJob.name}`.execute(t.database.db);
    await t.runJobs();
    expect(await job()).toMatchObject({ status: 'failed', attempts: i });
    expect(remote.received).toHaveLength(0);
  }
  await sql`UPDATE jobs SET run_at = now() WHERE name = ${connectorSendJob.name}`.execute(t.database.db);
  await t.runJobs();
  expect(await job()).toMatchObject({ status: 'done', attempts: 3 });
  expect(remote.received).toEqual([body]);
  // A message outside the pinned shape is refused before it is queued.
  await expect(t.database.db.transaction().execute((trx) => outbox.send(trx, t.deps.jobs, 'sipd', { ...body, kodepemda: '53' }))).rejects.toThrow();
});

it('[I-4] Satu Data: the Dinas publishes the /kinerja open data set on demand (scheduled daily too) with BPS-style metadata and kode wilayah', async () => {
  expect(t.deps.jobs.handlerNames()).toContain('integration.satudata.kinerja');
  const kominfo = await signInAs(t, (await makeStaff(t, 'ict_coordinator', null)).userId);
  const operator = await signInAs(t, (await makeStaff(t, 'agency_admin', await makeAgency(t))).userId);
  // Without a kode wilayah nothing can go out: a clear refusal, not a 500.
  const region = await t.deps.agencies.getRegion();
  if (!region) {
    const noCode = await kominfo.submit('/kelola/integrasi/satu-data', {}, '/kelola/integrasi');
    expect(noCode.statusCode).toBe(409);
    expect(noCode.body).toContain('Kode wilayah');
  }
  await makeRegion(t);
  const page = await kominfo.get('/kelola/integrasi');
  expect(page.body).toContain('Terbitkan data kinerja sekarang');
  expect((await operator.submit('/kelola/integrasi/satu-data', {}, '/kelola/integrasi')).statusCode).toBe(403);
  const res = await kominfo.submit('/kelola/integrasi/satu-data', {}, '/kelola/integrasi');
  expect(res.statusCode).toBe(200);
  expect(res.body).toContain('antrean penerbitan');
  await sql`UPDATE jobs SET run_at = now() WHERE status IN ('queued', 'failed')`.execute(t.database.db);
  await t.runJobs();
  const year = new Date().getUTCFullYear();
  const ds = ckan.packages.get(`kinerja-layanan-53-${year}`);
  expect(ds?.owner_org).toBe('pemda-uji');
  expect(ds?.extras).toEqual(expect.arrayContaining([{ key: 'kode_wilayah', value: '53' }, { key: 'periode', value: String(year) }, { key: 'frekuensi', value: 'harian' }]));
  expect(ds?.resources.map((r) => r.url)).toContainEqual(expect.stringContaining(`/kinerja/data.csv?tahun=${year}`));
});
