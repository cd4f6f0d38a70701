// Structured logs never carry personal data or secrets (S-3): NIK, phone numbers, e-mail
// addresses, passwords, session tokens, query strings. Checked by writing through the real
// logger into a memory stream and scanning every line.
import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { createLogger, scrubText, type Logger } from './log.ts';

const NIK = '5371011208850001';
const PHONE = '+6281234567890';
const PHONE_LOCAL = '0812-3456-7890';
const EMAIL = 'maria.ndolu@contoh.id';
const PASSWORD = 'Kupang-Sejahtera-2026';
const TOKEN = 'sess_9f8e7d6c5b4a39281706f5e4d3c2b1a0';

const secrets = [NIK, PHONE, '81234567890', '3456-7890', EMAIL, 'maria.ndolu', PASSWORD, TOKEN];

function capture(level: 'info' | 'debug' = 'info'): { log: Logger; lines: string[]; text: () => string } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      cb();
    },
  });
  const log = createLogger({ logLevel: level }, stream);
  return { log, lines, text: () => lines.join('\n') };
}

function expectClean(text: string) {
  for (const s of secrets) expect(text, `log contains ${s}`).not.toContain(s);
}

/** pino writes synchronously to a plain stream, but let the stream's callbacks run. */
const flush = () => new Promise((r) => setImmediate(r));

describe('structured logs without personal data', () => {
  it('[S-3] redacts personal fields by name at any depth', async () => {
    const { log, text, lines } = capture();
    log.info({ nik: NIK, phone: PHONE, email: EMAIL, password: PASSWORD, token: TOKEN }, 'top level');
    log.info({ body: { nik: NIK, passwordConfirm: PASSWORD, user: { email: EMAIL, mobile: PHONE } } }, 'nested');
    log.info({ input: { sessionToken: TOKEN, newPassword: PASSWORD, currentPassword: PASSWORD, authorization: `Bearer ${TOKEN}` } }, 'more names');
    log.info({ users: [{ nik: NIK }, { email: EMAIL }] }, 'in arrays');
    await flush();
    expect(lines).toHaveLength(4);
    expectClean(text());
    expect(text()).toContain('[redacted]');
    // What is not personal stays readable.
    log.info({ jobId: 42, errorCode: 'validation_failed', status: 422 }, 'kept');
    await flush();
    expect(JSON.parse(lines[4]!)).toMatchObject({ jobId: 42, errorCode: 'validation_failed', status: 422, msg: 'kept' });
  });

  it('[S-3] scrubs NIK, phone numbers and e-mail addresses inside free text and messages', async () => {
    const { log, text } = capture();
    log.warn({ error: `550 mailbox ${EMAIL} unavailable` }, 'job failed');
    log.info(`registration refused for NIK ${NIK} and phone ${PHONE_LOCAL}`);
    log.info({ note: `call ${PHONE} or +62 812 3456 7890` }, 'message for %s', EMAIL);
    await flush();
    expectClean(text());
    expect(text()).toContain('550 mailbox [email] unavailable');
  });

  it('[S-3] keeps ids, dates and UUIDs intact when scrubbing', () => {
    expect(scrubText('job 123 for message 3f2a9c1e-5b7d-4e2f-9a1b-426614174000 at 2026-05-01T12:00:00.000Z')).toBe(
      'job 123 for message 3f2a9c1e-5b7d-4e2f-9a1b-426614174000 at 2026-05-01T12:00:00.000Z',
    );
    expect(scrubText(`NIK ${NIK}.`)).toBe('NIK [number].');
    expect(scrubText(`nomor 0812 3456 7890`)).toBe('nomor [number]');
  });

  it('[S-3] database errors are logged without their parameters and key details', async () => {
    const { log, text } = capture();
    // The shapes PGlite and node-postgres give a unique violation: `detail` repeats the value,
    // PGlite adds the statement's parameters.
    const err = Object.assign(new Error('duplicate key value violates unique constraint "users_nik_key"'), {
      code: '23505',
      detail: `Key (nik)=(${NIK}) already exists.`,
      query: 'insert into users (nik, email) values ($1, $2)',
      params: [NIK, EMAIL],
      constraint: 'users_nik_key',
    });
    log.error({ err }, 'request failed');
    log.error(err);
    const wrapped = new Error(`could not send to ${EMAIL}`, { cause: err });
    log.error({ err: wrapped }, 'wrapped');
    await flush();
    expectClean(text());
    const first = JSON.parse(text().split('\n')[0]!);
    expect(first.err).toMatchObject({ type: 'Error', code: '23505', message: expect.stringContaining('users_nik_key') });
    expect(first.err.stack).toContain('log.unit.test.ts');
  });

  it('[S-3] request logs carry method, path and status, never the query string, cookies or authorization', async () => {
    const { log, text } = capture();
    const app = Fastify({ loggerInstance: log });
    app.post('/masuk', async () => ({ ok: true }));
    app.get('/cari/:q', async () => ({ ok: true }));
    await app.ready();
    await app.inject({
      method: 'POST',
      url: `/masuk?email=${encodeURIComponent(EMAIL)}&token=${TOKEN}`,
      headers: { cookie: `simpul_sid=${TOKEN}`, authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ nik: NIK, password: PASSWORD }),
    });
    await app.inject({ method: 'GET', url: `/cari/${encodeURIComponent(EMAIL)}` });
    await app.close();
    await flush();
    expectClean(text());
    const lines = text().split('\n').map((l) => JSON.parse(l));
    const incoming = lines.find((l) => l.msg === 'incoming request');
    expect(incoming.req).toMatchObject({ method: 'POST', url: '/masuk' });
    const completed = lines.find((l) => l.msg === 'request completed');
    expect(completed.res).toEqual({ statusCode: 200 });
    expect(lines.some((l) => l.req?.url === '/cari/[email]')).toBe(true);
  });
});
