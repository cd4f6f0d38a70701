// Operational endpoints and the super admins' views of the platform machinery, through HTTP
// on both engines: /health, /metrics (and who may read it), /api/v1/ping, the job queue page
// with its "run again" action, the outbox with masked recipients, and mail over SMTP when
// the app is configured for it.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { openDatabase } from '../../platform/db/database.ts';
import { createLogger } from '../../platform/log.ts';
import { createTestApp, engine, testConfig, type TestApp } from '../../../test/harness.ts';
import { TestClient, textOf } from '../../../test/http.ts';
import { startSmtpServer } from '../../../test/smtp.ts';
import type { StaffRole } from '../../platform/db/schema.ts';
import { z } from 'zod';
import { defineJob } from '../../platform/jobs/queue.ts';
import { MAIL_DELIVER_JOB } from '../../platform/mail/mailer.ts';

/** Job kinds no node runs here: what the queue page shows does not depend on a handler. */
const slaCheckJob = defineJob('sla.check', z.object({ agencyId: z.string() }));
const bulkJob = defineJob('bulk', z.object({ n: z.number() }));

let t: TestApp;
let admin: TestClient;
let adminId: string;
let agencyId: string;

async function staff(role: StaffRole, agency: string | null): Promise<{ c: TestClient; id: string }> {
  const db = t.database.db;
  const u = await db.insertInto('users').values({ kind: 'staff', name: `${role} uji` }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('role_grants').values({ user_id: u.id, role, agency_id: agency }).execute();
  const session = await t.deps.identity.createSession(db, u.id, { ip: null, userAgent: null }, true);
  const c = new TestClient(t.app);
  c.cookies.set('simpul_sid', session.token);
  return { c, id: u.id };
}

async function sendMail(to: string, text = 'Kode konfirmasi Anda: 482913') {
  return t.database.db.transaction().execute((trx) => t.deps.mailer.send(trx, { to, subject: 'Kode konfirmasi akun Simpul', text }));
}

beforeAll(async () => {
  t = await createTestApp({ requireAdminMfa: false });
  const db = t.database.db;
  const region = await db.insertInto('regions').values({ name: 'Provinsi Uji', level: 'province', kode_wilayah: '53', timezone: 'Asia/Makassar', domain: 'uji.go.id' }).returning('id').executeTakeFirstOrThrow();
  agencyId = (await db.insertInto('agencies').values({ region_id: region.id, slug: 'diskominfo-uji', name: 'Dinas Kominfo Uji', short_name: 'DISKOMINFO', type: 'dinas' }).returning('id').executeTakeFirstOrThrow()).id;
  ({ c: admin, id: adminId } = await staff('super_admin', null));
});
afterAll(async () => t?.close());

describe(`health and metrics (${engine})`, () => {
  it('[S-4] /health reports liveness without the database; /ready lists the database, queue and storage checks', async () => {
    const res = await t.app.inject('/health');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json()).toMatchObject({ status: 'ok', uptimeSeconds: expect.any(Number), database: { engine } });
    const ready = await t.app.inject('/ready');
    expect(ready.statusCode).toBe(200);
    expect(ready.headers['cache-control']).toBe('no-store');
    expect(ready.json()).toMatchObject({
      status: 'ok',
      checks: {
        database: { ok: true, engine, latencyMs: expect.any(Number) },
        jobs: { ok: true, oldestDueSeconds: expect.any(Number), maxLagSeconds: 900 },
        storage: { ok: true, latencyMs: expect.any(Number) },
      },
    });
    // The probe object does not stay behind.
    const left: string[] = [];
    for await (const key of t.deps.storage.list('health/')) left.push(key);
    expect(left).toEqual([]);
  });

  it('[S-4] /ready fails when the oldest due job waited longer than READY_MAX_JOB_LAG_SECONDS', async () => {
    // The shared app with a lower threshold for this test (building another app is slow).
    const config = t.deps.config as { readyMaxJobLagSeconds: number };
    const saved = config.readyMaxJobLagSeconds;
    config.readyMaxJobLagSeconds = 60;
    const id = await t.deps.jobs.enqueue(t.database.db, bulkJob, { n: 1 }, { runAt: new Date(Date.now() - 120_000) });
    try {
      await new Promise((r) => setTimeout(r, 1100)); // past the second for which /ready reuses its answer
      const res = await t.app.inject('/ready');
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ status: 'unavailable', checks: { database: { ok: true }, jobs: { ok: false, maxLagSeconds: 60 }, storage: { ok: true } } });
      expect(res.json().checks.jobs.oldestDueSeconds).toBeGreaterThanOrEqual(119);
    } finally {
      config.readyMaxJobLagSeconds = saved;
      await t.database.db.deleteFrom('jobs').where('id', '=', id!).execute();
    }
  });

  it('[S-4] without the database /health stays up, /ready and pages answer 503 (never 500), /metrics still answers', async () => {
    // PGlite: the instance is closed; PostgreSQL: the server does not answer.
    const database =
      engine === 'postgres' ? await openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:1/simpul', poolSize: 1 }) : await openDatabase({ pgliteDir: 'memory://' });
    if (engine === 'pglite') {
      await database.db.selectNoFrom((eb) => eb.val(1).as('one')).execute();
      await database.close();
    }
    const other = await buildApp(testConfig(), database, { logger: createLogger({ logLevel: 'silent' }) });
    try {
      expect((await other.app.inject('/health')).statusCode).toBe(200);
      const res = await other.app.inject('/ready');
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ status: 'unavailable', checks: { database: { engine, ok: false }, jobs: { ok: false }, storage: { ok: true } } });
      const page = await other.app.inject({ url: '/', headers: { accept: 'text/html' } });
      expect(page.statusCode, page.body.slice(0, 300)).toBe(503);
      expect(page.headers['retry-after']).toBe('5');
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.body).toContain('Layanan sedang tidak tersedia');
      expect(page.body).toContain('Service temporarily unavailable');
      const api = await other.app.inject({ url: '/api/v1/services', headers: { accept: 'application/json' } });
      expect(api.statusCode).toBe(503);
      expect(api.headers['retry-after']).toBe('5');
      expect(api.json()).toMatchObject({ error: { code: 'database_unavailable', message: expect.stringContaining('coba lagi') } });
      const metrics = await other.app.inject('/metrics');
      expect(metrics.statusCode).toBe(200); // the process metrics still come out
      expect(metrics.body).toContain('simpul_database_up 0');
    } finally {
      await other.close();
      if (engine === 'postgres') await database.close();
    }
  });

  it('[S-2] /metrics is Prometheus text with request durations and the queue by name and status', async () => {
    await t.app.inject('/');
    await sendMail('metrik@contoh.id');
    const res = await t.app.inject('/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toContain('# TYPE simpul_http_request_duration_seconds histogram');
    expect(res.body).toMatch(/simpul_http_request_duration_seconds_count\{method="GET",route="\/",status="200"\} [1-9]/);
    expect(res.body).toContain('# TYPE simpul_jobs gauge');
    expect(res.body).toMatch(/simpul_jobs\{name="mail.deliver",status="queued"\} [1-9]/);
    expect(res.body).toContain('simpul_jobs{name="mail.deliver",status="dead"} 0');
    expect(res.body).toMatch(/simpul_jobs_oldest_due_seconds \d/);
    expect(res.body).toContain('simpul_database_up 1');
    expect(res.body).toContain('simpul_process_cpu_seconds_total');
    expect(res.body).toContain('simpul_database_pool_errors_total 0');
    expect(res.body).toMatch(/simpul_event_deliveries\{status="dead"\} 0/);
    if (engine === 'postgres') {
      expect(res.body).toMatch(/simpul_database_pool_connections [1-9]/);
      expect(res.body).toMatch(/simpul_database_pool_idle \d/);
      expect(res.body).toContain('simpul_database_pool_waiting 0');
    }
    await t.runJobs();
    const after = await t.app.inject('/metrics');
    expect(after.body).toMatch(/simpul_jobs_processed_total\{name="mail.deliver",outcome="done"\} [1-9]/);
    // Unknown paths share one label instead of growing the series without bound.
    await t.app.inject('/tidak-ada/123');
    expect((await t.app.inject('/metrics')).body).toContain('route="unmatched"');
    expect((await t.app.inject('/metrics')).body).not.toContain('/tidak-ada/123');
  });

  it('[S-2] without a token /metrics answers direct local requests only, never through a proxy or from elsewhere', async () => {
    expect((await t.app.inject({ url: '/metrics', headers: { 'x-forwarded-for': '203.0.113.9' } })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/metrics', headers: { forwarded: 'for=203.0.113.9' } })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/metrics', remoteAddress: '203.0.113.9' })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/metrics', remoteAddress: '::1' })).statusCode).toBe(200);
  });

  it('[S-2] with METRICS_TOKEN /metrics needs it as the Basic password; in production without one it does not exist', async () => {
    const token = 'metrics-token-0123456789-abcdefghijkl';
    const withToken = await createTestApp({ metricsToken: token });
    try {
      const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
      const none = await withToken.app.inject({ url: '/metrics' });
      expect(none.statusCode).toBe(401);
      expect(none.headers['www-authenticate']).toContain('Basic');
      expect((await withToken.app.inject({ url: '/metrics', headers: { authorization: basic('prometheus', 'salah') } })).statusCode).toBe(401);
      const ok = await withToken.app.inject({ url: '/metrics', remoteAddress: '203.0.113.9', headers: { authorization: basic('prometheus', token) } });
      expect(ok.statusCode).toBe(200);
      expect(ok.body).toContain('simpul_http_request_duration_seconds');
    } finally {
      await withToken.close();
    }
    const prod = await createTestApp({ isProduction: true, metricsToken: undefined });
    try {
      expect((await prod.app.inject('/metrics')).statusCode).toBe(404);
    } finally {
      await prod.close();
    }
  }, 180_000); // builds two more apps: slow on a loaded machine

  it('[I-2] /api/v1/ping answers JSON without sign-in and is documented', async () => {
    const res = await t.app.inject({ url: '/api/v1/ping', headers: { accept: 'application/json' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    const doc = (await t.app.inject('/api/openapi.json')).json();
    expect(doc.paths['/api/v1/ping'].get.operationId).toBe('ping');
  });
});

describe(`job queue page (${engine})`, () => {
  beforeEach(async () => {
    await t.database.db.deleteFrom('jobs').execute();
  });

  it('[S-1] only super admins see the queue and the outbox', async () => {
    const anonymous = await new TestClient(t.app).get('/kelola/sistem/antrian');
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toContain('/masuk');
    for (const role of ['operator', 'agency_admin', 'auditor'] as const) {
      const { c } = await staff(role, role === 'auditor' ? null : agencyId);
      expect((await c.get('/kelola/sistem/antrian')).statusCode, role).toBe(403);
      expect((await c.get('/kelola/sistem/kotak-keluar')).statusCode, role).toBe(403);
      expect((await c.get('/kelola')).body).not.toContain('/kelola/sistem/antrian');
    }
    const home = await admin.get('/kelola');
    expect(home.body).toContain('href="/kelola/sistem/antrian"');
    expect(home.body).toContain('href="/kelola/sistem/kotak-keluar"');
  });

  it('[S-2] shows counts per status and each job, with ids but never a message body', async () => {
    const messageId = await sendMail('antrian@contoh.id', 'Isi rahasia: RAHASIA-482913');
    const dead = (await t.deps.jobs.enqueue(t.database.db, slaCheckJob, { agencyId }))!;
    await t.database.db.updateTable('jobs').set({ status: 'dead', attempts: 5, last_error: 'SMTP 550 for budi@contoh.id', finished_at: new Date() }).where('id', '=', dead).execute();

    const res = await admin.get('/kelola/sistem/antrian');
    expect(res.statusCode).toBe(200);
    const text = textOf(res.body);
    expect(text).toContain('Antrian tugas');
    expect(text).toContain('Menunggu: 1');
    expect(text).toContain('Berhenti: 1');
    expect(text).toContain('mail.deliver');
    expect(text).toContain('5 dari 5');
    expect(text).toContain('SMTP 550 for [email]');
    expect(res.body).toContain(messageId); // the payload's id, linked to the message
    expect(res.body).toContain(`href="/kelola/sistem/kotak-keluar/${messageId}"`);
    expect(res.body).not.toContain('RAHASIA-482913');
    expect(res.body).not.toContain('budi@contoh.id');
    expect(res.body).not.toContain('antrian@contoh.id');
    // Only the dead job offers "run again".
    expect(res.body.match(/\/ulang"/g)).toHaveLength(1);

    const onlyDead = textOf((await admin.get('/kelola/sistem/antrian?status=dead')).body);
    expect(onlyDead).toContain('sla.check');
    expect(onlyDead).not.toContain('mail.deliver"');
    const byName = await admin.get('/kelola/sistem/antrian?nama=mail.deliver');
    expect(textOf(byName.body)).not.toContain('SMTP 550');
    const english = await admin.get('/kelola/sistem/antrian', { cookie: `simpul_sid=${admin.cookies.get('simpul_sid')}; simpul_lang=en` });
    expect(textOf(english.body)).toContain('Job queue');
    expect(textOf(english.body)).toContain('Stopped: 1');
  });

  it('[S-2] pages through many jobs newest first without gaps or repeats', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 60; i++) ids.push((await t.deps.jobs.enqueue(t.database.db, bulkJob, { n: i }))!);
    const first = await admin.get('/kelola/sistem/antrian?nama=bulk');
    const shown1 = [...first.body.matchAll(/id="job-(\d+)"/g)].map((m) => Number(m[1]));
    expect(shown1).toEqual(ids.slice(10).reverse());
    const next = /href="([^"]*sebelum=\d+[^"]*)"/.exec(first.body)?.[1]?.replace(/&amp;/g, '&');
    expect(next).toBeDefined();
    const second = await admin.get(next!);
    const shown2 = [...second.body.matchAll(/id="job-(\d+)"/g)].map((m) => Number(m[1]));
    expect(shown2).toEqual(ids.slice(0, 10).reverse());
    expect(second.body).not.toContain('sebelum=');
    expect(textOf(second.body)).toContain('Ke yang terbaru');
  });

  it('[S-2] "run again" puts a dead job back in the queue, with CSRF and an audit record', async () => {
    const id = (await t.deps.jobs.enqueue(t.database.db, MAIL_DELIVER_JOB, { messageId: '00000000-0000-4000-8000-000000000000' }))!;
    await t.database.db.updateTable('jobs').set({ status: 'dead', attempts: 8, last_error: 'connect ECONNREFUSED' }).where('id', '=', id).execute();

    const noToken = await admin.post(`/kelola/sistem/antrian/${id}/ulang`, {});
    expect(noToken.statusCode).toBe(403);
    const { c: op } = await staff('operator', agencyId);
    await op.get('/kelola');
    expect((await op.post(`/kelola/sistem/antrian/${id}/ulang`, { _csrf: op.csrfToken() })).statusCode).toBe(403);
    expect((await t.database.db.selectFrom('jobs').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('dead');

    const res = await admin.submit(`/kelola/sistem/antrian/${id}/ulang`, { kembali: '/kelola/sistem/antrian?status=dead' }, '/kelola/sistem/antrian?status=dead');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/kelola/sistem/antrian?status=dead&pesan=diulang&tugas=${id}`);
    const row = await t.database.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'queued', attempts: 0 });
    const audit = await t.database.db.selectFrom('audit_events').selectAll().where('action', '=', 'job.retry').where('entity_id', '=', String(id)).executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(adminId);
    const before = typeof audit.before === 'string' ? JSON.parse(audit.before) : audit.before;
    expect(before).toMatchObject({ status: 'dead', attempts: 8 });
    const shown = await admin.get(res.headers.location as string);
    expect(textOf(shown.body)).toContain(`Tugas nomor ${id} dimasukkan kembali ke antrian`);

    // A job that is not failed or dead is left alone; an outside return address is ignored.
    const again = await admin.submit(`/kelola/sistem/antrian/${id}/ulang`, { kembali: 'https://jahat.example/' }, '/kelola/sistem/antrian');
    expect(again.headers.location).toBe(`/kelola/sistem/antrian?pesan=tidak-diulang&tugas=${id}`);
    expect((await admin.submit('/kelola/sistem/antrian/abc/ulang', {}, '/kelola/sistem/antrian')).statusCode).toBe(404);
  });
});

describe(`outbox page (${engine})`, () => {
  beforeEach(async () => {
    await t.database.db.deleteFrom('jobs').execute();
    await t.database.db.deleteFrom('outbound_messages').execute();
  });

  it('[S-3] lists messages with masked recipients; the message page shows it in full and is audited', async () => {
    const id = await sendMail('maria.ndolu@contoh.id', 'Yth. Maria,\nKode konfirmasi Anda: 482913');
    await t.runJobs();
    const list = await admin.get('/kelola/sistem/kotak-keluar');
    expect(list.statusCode).toBe(200);
    const text = textOf(list.body);
    expect(text).toContain('ma***@contoh.id');
    expect(text).toContain('Terkirim');
    expect(text).toContain('basis data (pengembangan');
    expect(list.body).not.toContain('maria.ndolu@contoh.id');
    expect(list.body).not.toContain('482913');

    const page = await admin.get(`/kelola/sistem/kotak-keluar/${id}`);
    expect(page.statusCode).toBe(200);
    const full = textOf(page.body);
    expect(full).toContain('maria.ndolu@contoh.id');
    expect(full).toContain('Kode konfirmasi akun Simpul');
    expect(full).toContain('Kode konfirmasi Anda: 482913');
    const audit = await t.database.db.selectFrom('audit_events').selectAll().where('action', '=', 'outbox.message.read').where('entity_id', '=', id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_id).toBe(adminId);

    // The exact address finds it; the filter keeps the address only in the query string.
    const found = await admin.get(`/kelola/sistem/kotak-keluar?penerima=${encodeURIComponent('Maria.Ndolu@contoh.id')}`);
    expect(textOf(found.body)).toContain('ma***@contoh.id');
    const other = await admin.get('/kelola/sistem/kotak-keluar?penerima=orang.lain%40contoh.id');
    expect(textOf(other.body)).toContain('Tidak ada pesan');
    expect((await admin.get('/kelola/sistem/kotak-keluar?status=failed')).body).not.toContain(`/kotak-keluar/${id}"`);
  });

  it('[S-3] the text of a message that left through SMTP is not shown', async () => {
    const id = await sendMail('budi@contoh.id', 'Tautan pemulihan: https://portal/lupa-sandi/abc');
    await t.database.db.updateTable('outbound_messages').set({ status: 'sent', transport: 'smtp', sent_at: new Date(), provider_id: '<x@uji>' }).where('id', '=', id).execute();
    const page = await admin.get(`/kelola/sistem/kotak-keluar/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('lupa-sandi/abc');
    expect(textOf(page.body)).toContain('Isi pesan yang dikirim ke luar tidak ditampilkan');
    expect((await admin.get('/kelola/sistem/kotak-keluar/bukan-uuid')).statusCode).toBe(404);
    expect((await admin.get('/kelola/sistem/kotak-keluar/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('[S-2] pages through messages created in the same instant without gaps or repeats', async () => {
    const at = new Date();
    await t.database.db
      .insertInto('outbound_messages')
      .values(Array.from({ length: 57 }, (_, i) => ({ channel: 'email' as const, recipient: `w${i}@contoh.id`, subject: `S${i}`, body_text: 'x', created_at: at })))
      .execute();
    const seen: string[] = [];
    let url: string | undefined = '/kelola/sistem/kotak-keluar';
    for (let i = 0; url && i < 5; i++) {
      const res = await admin.get(url);
      seen.push(...[...res.body.matchAll(/href="\/kelola\/sistem\/kotak-keluar\/([0-9a-f-]{36})"/g)].map((m) => m[1]!));
      url = /href="([^"]*setelah=[^"]*)"/.exec(res.body)?.[1]?.replace(/&amp;/g, '&');
    }
    expect(seen).toHaveLength(57);
    expect(new Set(seen).size).toBe(57);
  });
});

describe(`mail over SMTP when configured (${engine})`, () => {
  it('[S-2] the app delivers through SMTP_HOST and marks the outbox row sent', async () => {
    const smtp = await startSmtpServer();
    const app = await createTestApp({ smtp: { host: '127.0.0.1', port: smtp.port, secure: false, ignoreTls: true } });
    try {
      expect(app.deps.mailer.transport.name).toBe('smtp');
      const id = await app.database.db.transaction().execute((trx) => app.deps.mailer.send(trx, { to: 'warga@contoh.id', subject: 'Uji SMTP', text: 'Halo dari Simpul.' }));
      await app.runJobs();
      const got = await smtp.waitFor((m) => m.to.includes('warga@contoh.id'));
      expect(got).toMatchObject({ subject: 'Uji SMTP', text: 'Halo dari Simpul.' });
      expect(await app.database.db.selectFrom('outbound_messages').select(['status', 'transport']).where('id', '=', id).executeTakeFirstOrThrow()).toEqual({ status: 'sent', transport: 'smtp' });
    } finally {
      await app.close();
      await smtp.close();
    }
  }, 180_000);
});
