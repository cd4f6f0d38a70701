// Registration does not tell who has an account: a NIK or e-mail address already registered
// gets the same answer as a new registration (same redirect, same confirmation page), nothing
// is created, and the owner is told by e-mail. Registration is limited per client address.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engine, type TestApp } from '../../../test/harness.ts';
import { TestClient, textOf } from '../../../test/http.ts';
import { citizen, count, lastMail, mailedCode, registerAndConfirm } from './test-support.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ registerRatePerIp: 1000, trustProxy: true });
});
afterAll(async () => t?.close());

/** The page a registrant sees after /daftar, with the typed address's local part blanked. */
async function answerTo(data: ReturnType<typeof citizen>) {
  const c = new TestClient(t.app);
  const res = await c.submit('/daftar', data);
  const page = await c.get(String(res.headers.location));
  const normalise = (html: string) => textOf(html).replace(/\S{1,2}\*\*\*@contoh\.id/g, 'MASKED');
  const confirm = await c.post('/daftar/konfirmasi', { _csrf: c.csrfToken(), code: '000000' });
  return { status: res.statusCode, location: res.headers.location, page: normalise(page.body), confirmStatus: confirm.statusCode, confirmText: normalise(confirm.body) };
}

describe(`registration without account enumeration (${engine})`, () => {
  it('[S-2] a taken NIK, a taken e-mail and a new registration get the same answer; only the new one creates an account', async () => {
    const { data: owner } = await registerAndConfirm(t);
    const users = await count(t, 'users');
    const fresh = await answerTo(citizen());
    expect(await count(t, 'users')).toBe(users + 1);
    const takenNik = await answerTo(citizen({ nik: owner.nik }));
    const takenEmail = await answerTo(citizen({ email: owner.email }));
    expect(await count(t, 'users')).toBe(users + 1);
    for (const other of [takenNik, takenEmail]) {
      expect(other.status).toBe(303);
      expect(other.location).toBe(fresh.location);
      expect(other.page).toBe(fresh.page);
      expect(other.confirmStatus).toBe(fresh.confirmStatus);
      expect(other.confirmText).toBe(fresh.confirmText);
    }
    expect(fresh.page).toContain('MASKED');
    expect(fresh.confirmStatus).toBe(422);
    expect(takenNik.page).not.toContain('NIK ini sudah terdaftar');
    expect(takenEmail.page).not.toContain('sudah dipakai');
  });

  it('[S-2] the owner of the NIK is told by e-mail (through the outbox) that someone tried to register with it', async () => {
    const { data: owner } = await registerAndConfirm(t);
    const before = await t.database.db.selectFrom('outbound_messages').select('id').where('recipient', '=', owner.email).execute();
    const intruder = citizen({ nik: owner.nik });
    await new TestClient(t.app).submit('/daftar', intruder);
    const mail = await lastMail(t, owner.email);
    expect(mail.id).not.toBe(before[0]?.id);
    expect(mail.subject).toBe('Ada yang mencoba mendaftar dengan NIK Anda di Simpul');
    expect(mail.body_text).toContain('Halo Maria Ndolu');
    expect(mail.body_text).toContain('/lupa-sandi');
    expect(mail.body_text).not.toContain(intruder.email);
    expect(mail.body_text).not.toContain(owner.nik);
    // The typed address gets nothing: it may not be the intruder's to read either.
    await expect(lastMail(t, intruder.email)).rejects.toThrow(/no e-mail/);
    const audit = await t.database.db.selectFrom('audit_events').select(['action', 'after']).where('action', '=', 'user.register_refused').execute();
    expect(audit.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit)).not.toContain(owner.nik);
  });

  it('[S-2] a new registration still works end to end after all this', async () => {
    const data = citizen();
    const c = new TestClient(t.app);
    await c.submit('/daftar', data);
    const ok = await c.submit('/daftar/konfirmasi', { code: await mailedCode(t, data.email) });
    expect(ok.headers.location).toBe('/akun');
  });

  it('[S-2] registration is limited per client address (429), other addresses are not', async () => {
    const small = await createTestApp({ registerRatePerIp: 2, trustProxy: true });
    try {
      const at = (ip: string) => {
        const c = new TestClient(small.app);
        c.headers['x-forwarded-for'] = ip;
        return c;
      };
      expect((await at('203.0.113.50').submit('/daftar', citizen())).statusCode).toBe(303);
      expect((await at('203.0.113.50').submit('/daftar', citizen())).statusCode).toBe(303);
      const refused = await at('203.0.113.50').submit('/daftar', citizen());
      expect(refused.statusCode).toBe(429);
      expect(textOf(refused.body)).toMatch(/Terlalu banyak percobaan. Coba lagi dalam \d+ menit/);
      expect((await at('203.0.113.51').submit('/daftar', citizen())).statusCode).toBe(303);
      const api = await small.app.inject({
        method: 'POST',
        url: '/api/v1/auth/register',
        headers: { 'x-forwarded-for': '203.0.113.50', 'content-type': 'application/json', accept: 'application/json' },
        payload: JSON.stringify({ nik: '5371011208859999', name: 'Maria Ndolu', email: 'api@contoh.id', phone: '081234567890', password: 'Kupang-Sejahtera-2026' }),
      });
      expect(api.statusCode).toBe(429);
    } finally {
      await small.close();
    }
  });
});
