// Confirmation and reset codes reach the person by e-mail but do not stay readable in the
// outbox once delivered (real SMTP: the in-process server of test/smtp.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engine, type TestApp } from '../../../test/harness.ts';
import { TestClient } from '../../../test/http.ts';
import { startSmtpServer, type SmtpTestServer } from '../../../test/smtp.ts';
import { citizen } from './test-support.ts';

let t: TestApp;
let smtp: SmtpTestServer;
beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await createTestApp({ smtp: { host: '127.0.0.1', port: smtp.port, secure: false, ignoreTls: true } });
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

const codeIn = (text: string) => /:\s*(\d{6})\b/.exec(text)?.[1];

async function rowsTo(email: string) {
  return t.database.db.selectFrom('outbound_messages').select(['status', 'subject', 'body_text', 'body_html']).where('recipient', '=', email.toLowerCase()).execute();
}

describe(`codes in delivered e-mail (${engine})`, () => {
  it('[S-2] the confirmation code is delivered, then gone from the outbox; it still works', async () => {
    const data = citizen();
    const c = new TestClient(t.app);
    await c.submit('/daftar', data);
    await t.runJobs();
    const got = await smtp.waitFor((m) => m.to.includes(data.email.toLowerCase()));
    const code = codeIn(got.text);
    expect(code).toMatch(/^\d{6}$/);
    const rows = await rowsTo(data.email);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.status).toBe('sent');
    expect(rows[0]!.body_text).not.toContain(code);
    expect(rows[0]!.body_text).toContain('••••••');
    const ok = await c.submit('/daftar/konfirmasi', { code: code! });
    expect(ok.headers.location).toBe('/akun');
  });

  it('[S-2] the password-reset code and link are delivered, then gone from the outbox', async () => {
    const data = citizen();
    const c = new TestClient(t.app);
    await c.submit('/daftar', data);
    await t.runJobs();
    const first = await smtp.waitFor((m) => m.to.includes(data.email.toLowerCase()));
    await c.submit('/daftar/konfirmasi', { code: codeIn(first.text)! });

    await new TestClient(t.app).submit('/lupa-sandi', { email: data.email });
    await t.runJobs();
    const reset = await smtp.waitFor((m) => m.to.includes(data.email.toLowerCase()) && m !== first && /\bkode=\d{6}/.test(m.text));
    const code = /\bkode=(\d{6})/.exec(reset.text)![1]!;
    const row = (await rowsTo(data.email)).find((r) => r.subject === reset.subject)!;
    expect(row.status).toBe('sent');
    expect(row.body_text).not.toContain(code);
    expect(row.body_text).toContain('kode=••••••');
  });
});
