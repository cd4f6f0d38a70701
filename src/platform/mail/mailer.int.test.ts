// E-mail through the outbox and a real SMTP conversation (an in-process SMTP server on
// 127.0.0.1), on both engines: delivered exactly when the transaction commits, kept and retried
// when the server is down, refused addresses not retried, the development transport keeps
// messages in the database (S-2).
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { engine, openPlatformDatabase } from '../../../test/database.ts';
import { startSmtpServer, type SmtpTestServer } from '../../../test/smtp.ts';
import { loadConfig, type Config } from '../../config.ts';
import type { Database } from '../db/database.ts';
import { JobQueue } from '../jobs/queue.ts';
import { createLogger } from '../log.ts';
import { createMailer, MAIL_DELIVER_JOB, type DeadMail } from './mailer.ts';
import { MAIL_MAX_ATTEMPTS, MAIL_RETRY_CAP_SECONDS } from './retry.ts';
import { alertDeadMail } from '../../modules/notifications/admin-alerts.ts';

let database: Database;
let smtp: SmtpTestServer;
const logLines: string[] = [];
const log = createLogger(
  { logLevel: 'info' },
  new Writable({
    write(chunk, _e, cb) {
      logLines.push(String(chunk));
      cb();
    },
  }),
);

function configFor(port: number | null): Config {
  return loadConfig(
    { NODE_ENV: 'test', MAIL_FROM: 'Simpul Uji <no-reply@uji.go.id>' },
    { smtp: port === null ? undefined : { host: '127.0.0.1', port, secure: false, ignoreTls: true } },
  );
}

function setup(port: number | null) {
  const config = configFor(port);
  const jobs = new JobQueue(database, log);
  const mailer = createMailer(config, database, jobs, log);
  mailer.registerJobs(jobs);
  return { jobs, mailer };
}

const message = (to: string) => ({
  to,
  subject: 'Kode konfirmasi akun Simpul — Provinsi Uji',
  text: 'Yth. Maria Ndolu,\n\nKode konfirmasi Anda: 482913\nKode berlaku 15 menit.\n',
  html: '<p>Kode konfirmasi Anda: <strong>482913</strong></p>',
});

async function outbox(id: string) {
  return database.db.selectFrom('outbound_messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}
async function deliveryJob(id: string) {
  const jobs = await database.db.selectFrom('jobs').selectAll().where('name', '=', 'mail.deliver').execute();
  return jobs.find((j) => (j.payload as { messageId: string }).messageId === id)!;
}

beforeAll(async () => {
  database = await openPlatformDatabase();
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp?.close();
  await database?.close();
});
beforeEach(() => {
  logLines.length = 0;
});

describe(`mail outbox over SMTP (${engine})`, () => {
  it('[S-2] a message sent in a committed transaction reaches the SMTP server and is marked sent', async () => {
    const { jobs, mailer } = setup(smtp.port);
    expect(mailer.transport.name).toBe('smtp');
    const id = await database.db.transaction().execute((trx) => mailer.send(trx, message('maria@contoh.id')));
    expect(await outbox(id)).toMatchObject({ status: 'queued', transport: null });
    expect(smtp.messages.filter((m) => m.to.includes('maria@contoh.id'))).toHaveLength(0); // only the job sends

    expect(await jobs.runDue()).toBe(1);
    const got = await smtp.waitFor((m) => m.to.includes('maria@contoh.id'));
    expect(got.from).toBe('no-reply@uji.go.id');
    expect(got.subject).toBe('Kode konfirmasi akun Simpul — Provinsi Uji');
    expect(got.text).toContain('Kode konfirmasi Anda: 482913');
    expect(got.text).toContain('Yth. Maria Ndolu,');
    expect(got.html).toContain('<strong>482913</strong>');
    expect(got.headers['auto-submitted']).toBe('auto-generated');
    const row = await outbox(id);
    expect(row).toMatchObject({ status: 'sent', transport: 'smtp', error: null });
    expect(row.sent_at).toBeInstanceOf(Date);
    expect(row.provider_id).toMatch(/@/);
    expect(await deliveryJob(id)).toMatchObject({ status: 'done' });

    // Delivering again (a retried job) does not send twice.
    await jobs.enqueue(database.db, MAIL_DELIVER_JOB, { messageId: id });
    expect(await jobs.runDue()).toBe(1);
    expect(smtp.messages.filter((m) => m.to.includes('maria@contoh.id'))).toHaveLength(1);
  });

  it('[S-2] nothing is sent when the transaction that wrote the message rolls back', async () => {
    const { jobs, mailer } = setup(smtp.port);
    await expect(
      database.db.transaction().execute(async (trx) => {
        await mailer.send(trx, message('batal@contoh.id'));
        throw new Error('registration failed');
      }),
    ).rejects.toThrow();
    expect(await jobs.runDue()).toBe(0);
    const rows = await database.db.selectFrom('outbound_messages').select('id').where('recipient', '=', 'batal@contoh.id').execute();
    expect(rows).toHaveLength(0);
    expect(smtp.messages.some((m) => m.to.includes('batal@contoh.id'))).toBe(false);
  });

  it('[S-2] when the SMTP server is down the message is kept, marked failed and delivered by a later retry', async () => {
    const down = await startSmtpServer();
    const port = down.port;
    await down.close(); // nothing listens on this port now
    const { jobs, mailer } = setup(port);
    const id = await database.db.transaction().execute((trx) => mailer.send(trx, message('tertunda@contoh.id')));
    expect(await jobs.runDue()).toBe(1);
    const failed = await outbox(id);
    expect(failed).toMatchObject({ status: 'failed', transport: 'smtp' });
    expect(failed.error).toMatch(/ECONNREFUSED|connect/i);
    const job = await deliveryJob(id);
    expect(job).toMatchObject({ status: 'failed', attempts: 1 });
    expect(job.run_at.getTime()).toBeGreaterThan(Date.now());
    expect(await jobs.runDue()).toBe(0); // waits for its back-off

    const back = await startSmtpServer({ port }); // the server comes back
    try {
      await database.db.updateTable('jobs').set({ run_at: new Date(Date.now() - 1000) }).where('id', '=', job.id).execute();
      expect(await jobs.runDue()).toBe(1);
      const got = await back.waitFor((m) => m.to.includes('tertunda@contoh.id'));
      expect(got.text).toContain('482913');
      expect(await outbox(id)).toMatchObject({ status: 'sent', error: null });
      expect(await deliveryJob(id)).toMatchObject({ status: 'done', attempts: 2 });
    } finally {
      await back.close();
    }
    expect(logLines.join('')).toContain('mail delivery failed');
    expect(logLines.join('')).not.toContain('tertunda@contoh.id');
  });

  it('[S-2] an outage: retries come soon and never more than 10 minutes apart; a message is given up only at 48 hours, and administrators are alerted', async () => {
    const down = await startSmtpServer();
    const port = down.port;
    await down.close();
    const { jobs, mailer } = setup(port);
    const deaths: DeadMail[] = [];
    mailer.onMessageDead(async (trx, dead) => {
      deaths.push(dead);
      await alertDeadMail(trx, dead);
    });
    const admin = await database.db.insertInto('users').values({ kind: 'staff', name: 'Admin Sistem', status: 'active', email: `admin.${Date.now()}@uji.go.id` }).returning('id').executeTakeFirstOrThrow();
    await database.db.insertInto('role_grants').values({ user_id: admin.id, role: 'super_admin', agency_id: null }).execute();
    const id = await database.db.transaction().execute((trx) => mailer.send(trx, message('outage@contoh.id')));
    const first = await deliveryJob(id);
    expect(first.max_attempts).toBe(MAIL_MAX_ATTEMPTS);
    // Ten failed tries in a row (each made due at once): the message stays queued for retry and
    // each wait is at most 10 minutes; the first ones are seconds, not minutes.
    const waits: number[] = [];
    for (let i = 0; i < 10; i++) {
      const before = Date.now();
      expect(await jobs.runDue()).toBe(1);
      const job = await deliveryJob(id);
      expect(job.status).toBe('failed');
      waits.push((job.run_at.getTime() - before) / 1000);
      await database.db.updateTable('jobs').set({ run_at: new Date(Date.now() - 1000) }).where('id', '=', job.id).execute();
    }
    expect(waits[0]).toBeLessThanOrEqual(11);
    expect(Math.max(...waits)).toBeLessThanOrEqual(MAIL_RETRY_CAP_SECONDS + 1);
    expect(deaths).toEqual([]);
    // The message is 48 hours old: the next failure gives it up and tells the administrators once.
    await sql`update outbound_messages set created_at = now() - interval '49 hours' where id = ${id}`.execute(database.db);
    expect(await jobs.runDue()).toBe(1);
    expect(await deliveryJob(id)).toMatchObject({ status: 'dead', attempts: 11 });
    expect(await outbox(id)).toMatchObject({ status: 'failed' });
    expect(deaths.map((d) => [d.messageId, d.reason])).toEqual([[id, 'expired']]);
    const notices = await database.db.selectFrom('notifications').selectAll().where('user_id', '=', admin.id).execute();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ event: 'system.mail_dead', title: 'E-mail gagal terkirim dan dihentikan', link: '/kelola/sistem/kotak-keluar' });
    expect(notices[0]!.body).toContain('48 jam');
    expect(notices[0]!.body).not.toContain('outage@contoh.id');
  });

  it('[S-2] an address the server refuses (5xx) is not retried, and the error keeps no address', async () => {
    const { jobs, mailer } = setup(smtp.port);
    smtp.rejectRecipients.add('tidak-ada@contoh.id');
    const id = await database.db.transaction().execute((trx) => mailer.send(trx, message('tidak-ada@contoh.id')));
    expect(await jobs.runDue()).toBe(1);
    const row = await outbox(id);
    expect(row.status).toBe('failed');
    expect(row.error).toContain('550');
    expect(row.error).not.toContain('tidak-ada@contoh.id');
    const job = await deliveryJob(id);
    expect(job).toMatchObject({ status: 'dead', attempts: 1 });
    expect(job.last_error).not.toContain('tidak-ada@contoh.id');
    expect(logLines.join('')).not.toContain('tidak-ada@contoh.id');
  });

  it('[S-2] without SMTP_HOST the development transport keeps the message in the database and marks it sent', async () => {
    const before = smtp.messages.length;
    const { jobs, mailer } = setup(null);
    expect(mailer.transport.name).toBe('database');
    const id = await database.db.transaction().execute((trx) => mailer.send(trx, message('lokal@contoh.id')));
    expect(await jobs.runDue()).toBe(1);
    const row = await outbox(id);
    expect(row).toMatchObject({ status: 'sent', transport: 'database', provider_id: null, recipient: 'lokal@contoh.id' });
    expect(row.body_text).toContain('482913');
    expect(smtp.messages.length).toBe(before);
  });
});
