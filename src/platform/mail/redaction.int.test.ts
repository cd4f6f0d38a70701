// Codes in e-mails are delivered but not kept: once a real transport (SMTP, an in-process
// server here) has the message, the stored copy reads REDACTED where the secrets were; the
// delivery job never holds them. The development transport keeps them (its outbox is the
// only place such mail can be read).
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, openPlatformDatabase } from '../../../test/database.ts';
import { startSmtpServer, type SmtpTestServer } from '../../../test/smtp.ts';
import { loadConfig } from '../../config.ts';
import type { Database } from '../db/database.ts';
import { JobQueue } from '../jobs/queue.ts';
import { createLogger } from '../log.ts';
import { createMailer, redactRanges, REDACTED, secretRanges, type MailTransport } from './mailer.ts';

let database: Database;
let smtp: SmtpTestServer;
const log = createLogger({ logLevel: 'silent' }, new Writable({ write: (_c, _e, cb) => cb() }));

function setup(port: number | null, transport?: MailTransport) {
  const config = loadConfig(
    { NODE_ENV: 'test', MAIL_FROM: 'Simpul Uji <no-reply@uji.go.id>' },
    { smtp: port === null ? undefined : { host: '127.0.0.1', port, secure: false, ignoreTls: true } },
  );
  const jobs = new JobQueue(database, log);
  const mailer = createMailer(config, database, jobs, log, transport);
  mailer.registerJobs(jobs);
  return { jobs, mailer };
}

const CODE = '731946';
const message = (to: string) => ({
  to,
  subject: 'Atur ulang kata sandi',
  text: `Kode Anda: ${CODE}\nAtau buka https://uji.go.id/atur-sandi?ref=abc&kode=${CODE}\nNomor layanan 7319460 tetap.\n`,
  html: `<p>Kode Anda: <strong>${CODE}</strong></p>`,
  secrets: [CODE],
});

beforeAll(async () => {
  database = await openPlatformDatabase();
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp?.close();
  await database?.close();
});

describe(`secrets in delivered mail (${engine})`, () => {
  it('[S-2] after delivery over SMTP the outbox row no longer holds the code, while the delivered e-mail did', async () => {
    const { jobs, mailer } = setup(smtp.port);
    const to = 'rahasia@contoh.id';
    const id = await database.db.transaction().execute((trx) => mailer.send(trx, message(to)));
    const job = await database.db.selectFrom('jobs').select('payload').where('name', '=', 'mail.deliver').execute();
    expect(JSON.stringify(job)).not.toContain(CODE);

    expect(await jobs.runDue()).toBe(1);
    const got = await smtp.waitFor((m) => m.to.includes(to));
    expect(got.text).toContain(`Kode Anda: ${CODE}`);
    expect(got.text).toContain(`kode=${CODE}`);
    expect(got.html).toContain(`<strong>${CODE}</strong>`);

    const row = await database.db.selectFrom('outbound_messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.status).toBe('sent');
    expect(row.body_text).not.toContain(CODE);
    expect(row.body_html).not.toContain(CODE);
    expect(row.body_text).toBe(`Kode Anda: ${REDACTED}\nAtau buka https://uji.go.id/atur-sandi?ref=abc&kode=${REDACTED}\nNomor layanan ${REDACTED}0 tetap.\n`);
    expect(row.body_html).toBe(`<p>Kode Anda: <strong>${REDACTED}</strong></p>`);
  });

  it('[S-2] mail without secrets is stored as sent; the development transport keeps the code readable', async () => {
    const { jobs, mailer } = setup(smtp.port);
    const plain = { ...message('biasa@contoh.id'), secrets: undefined };
    const id = await database.db.transaction().execute((trx) => mailer.send(trx, plain));
    await jobs.runDue();
    expect((await database.db.selectFrom('outbound_messages').select('body_text').where('id', '=', id).executeTakeFirstOrThrow()).body_text).toContain(CODE);

    const dev = setup(null);
    const devId = await database.db.transaction().execute((trx) => dev.mailer.send(trx, message('dev@contoh.id')));
    await dev.jobs.runDue();
    const row = await database.db.selectFrom('outbound_messages').select(['status', 'transport', 'body_text']).where('id', '=', devId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'sent', transport: 'database' });
    expect(row.body_text).toContain(CODE);
  });

  it('[S-2] a message given up (the server refuses it for good) keeps no readable code', async () => {
    const refusing: MailTransport = {
      name: 'smtp',
      deliver: async () => {
        throw Object.assign(new Error('550 mailbox unavailable'), { responseCode: 550 });
      },
    };
    const { jobs, mailer } = setup(null, refusing);
    const id = await database.db.transaction().execute((trx) => mailer.send(trx, message('tidak-ada@contoh.id')));
    await jobs.runDue();
    const row = await database.db.selectFrom('outbound_messages').select(['status', 'body_text', 'body_html']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.status).toBe('failed');
    expect(row.body_text).not.toContain(CODE);
    expect(row.body_html).not.toContain(CODE);
    expect(row.body_text).toContain(`Kode Anda: ${REDACTED}`);
    expect((await database.db.selectFrom('jobs').select('status').where('name', '=', 'mail.deliver').where(sql<boolean>`payload->>'messageId' = ${id}`).executeTakeFirstOrThrow()).status).toBe('dead');
  });

  it('[S-2] a message still undelivered when its code expires is redacted and not sent', async () => {
    const { jobs, mailer } = setup(smtp.port);
    const to = 'terlambat@contoh.id';
    const id = await database.db.transaction().execute((trx) => mailer.send(trx, { ...message(to), secretsExpireAt: new Date(Date.now() - 1000) }));
    await jobs.runDue();
    const row = await database.db.selectFrom('outbound_messages').select(['status', 'body_text', 'body_html']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.status).toBe('failed');
    expect(row.body_text).not.toContain(CODE);
    expect(row.body_html).toBe(`<p>Kode Anda: <strong>${REDACTED}</strong></p>`);
    expect(smtp.messages.some((m) => m.to.includes(to))).toBe(false);
  });

  it('ranges cover every occurrence and merge overlaps', () => {
    expect(secretRanges('a12b1212', ['12'])).toEqual([[1, 3], [4, 8]]);
    expect(redactRanges('a12b1212', secretRanges('a12b1212', ['12']))).toBe(`a${REDACTED}b${REDACTED}`);
    expect(secretRanges('abc', ['', 'x'])).toEqual([]);
  });
});
