// A guest reporter's contact sealed at rest on both engines (UU PDP): envelopes in the complaints
// table, clear to the officers he chose to show them to and in his own data export, the SMS
// per-number limit through the blind index, rows written before sealed by `simpul keys rotate`,
// and rotation to a new data key.
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { makeAgency, makeCitizen, makeServiceWithSop, makeStaff, type TestUser } from '../../../test/factories.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { devFieldKeys, FieldCrypto, fieldCrypto } from '../../platform/privacy/field-crypto.ts';
import { exportSubjectData } from '../../platform/privacy/subject-data.ts';
import { runKeysCommand } from '../../cli/keys.ts';
import { resealComplaintContacts } from './complaints.sealing.ts';

let t: TestApp;
let service: { slug: string; id: string };
let coord: Actor;

const staffOf = (u: TestUser, role: Actor['grants'][number]['role'], agencyId: string | null): Actor => ({ userId: u.userId, kind: 'staff', name: u.name, locale: 'id', grants: [{ role, agencyId }], mfaPassed: true, mfaEnrolled: false, sessionId: null, via: 'session' });
const row = async (id: string) =>
  (await sql<{ reporter_name: string | null; reporter_email: string | null; reporter_phone: string | null; reporter_phone_bidx: string | null }>`select reporter_name, reporter_email, reporter_phone, reporter_phone_bidx from complaints where id = ${id}::uuid`.execute(t.database.db)).rows[0]!;
const form = { kind: 'pengaduan', category: 'pelayanan', subjectType: 'service', application: '', agency: '', address: '', latitude: '', longitude: '', title: 'Loket tutup', body: 'Loket tutup pada jam layanan tanpa pemberitahuan apa pun.', allowPublish: false, attachment: undefined };

beforeAll(async () => {
  t = await createTestApp({});
  const agency = await makeAgency(t);
  service = await makeServiceWithSop(t, agency);
  coord = staffOf(await makeStaff(t, 'complaint_coordinator', null), 'complaint_coordinator', null);
});
afterAll(async () => {
  await t?.close();
});

describe('complaint contacts encrypted at rest', () => {
  it('[S-1] [C-1] a guest’s name and e-mail are envelopes in the table; the code reaches him and officers he allowed read them in clear', async () => {
    const email = `tamu.${crypto.randomUUID().slice(0, 8)}@contoh.id`;
    const filed = await t.deps.complaints.file({ actor: null, meta: null, locale: 'id' }, { ...form, service: service.slug, showIdentity: true, name: 'Siti Rahasia', contact: email });
    expect(filed.kind).toBe('confirm');
    const id = (filed as { id: string }).id;
    const stored = await row(id);
    expect(stored.reporter_name).toMatch(/^enc1:dev:/);
    expect(stored.reporter_email).toMatch(/^enc1:dev:/);
    expect(JSON.stringify(stored)).not.toContain('Siti');
    expect(JSON.stringify(stored)).not.toContain(email);
    expect((await t.deps.complaints.pending(id))!.contactMasked).not.toContain('enc1');
    const msg = await sql<{ body_text: string }>`select body_text from outbound_messages where recipient = ${email} order by created_at desc limit 1`.execute(t.database.db);
    const code = /\b(\d{6})\b/.exec(msg.rows[0]!.body_text)![1]!;
    expect(await t.deps.complaints.confirm(id, code)).toMatchObject({ ok: true });
    const staff = await t.deps.complaints.getForStaff(coord, id);
    expect(staff.reporter).toEqual({ name: 'Siti Rahasia', email, phone: null });
  });

  it('[S-1] [C-1] SMS complaints: the number is sealed, and the limit per number and day still counts it (blind index)', async () => {
    const from = `+62812${String(Date.now()).slice(-7)}`;
    const trx = t.database.db;
    for (let i = 0; i < 5; i++) expect(await t.deps.complaints.fileBySms(trx, from, `ADUAN lampu jalan padam di jalan nomor ${i} sejak seminggu`)).toMatch(/ADU-/);
    expect(await t.deps.complaints.fileBySms(trx, from, 'ADUAN lampu jalan padam lagi di jalan lain sejak kemarin')).not.toMatch(/ADU-/);
    const rows = await sql<{ reporter_phone: string; reporter_phone_bidx: string }>`select reporter_phone, reporter_phone_bidx from complaints where reporter_phone_bidx = ${fieldCrypto().blindIndex('phone', from)}`.execute(t.database.db);
    expect(rows.rows).toHaveLength(5);
    expect(rows.rows.every((r) => r.reporter_phone.startsWith('enc1:') && fieldCrypto().open(r.reporter_phone) === from)).toBe(true);
  });

  it('[S-1] rows written in clear are sealed by `simpul keys rotate`; rotation to a new key re-seals them; the owner’s export gives clear values', async () => {
    const citizen = await makeCitizen(t);
    const reporter: Actor = { ...staffOf(citizen, 'operator', null), kind: 'citizen', grants: [] };
    const filed = (await t.deps.complaints.file({ actor: reporter, meta: null, locale: 'id' }, { ...form, service: service.slug, showIdentity: false, name: '', contact: '' })) as { number: string };
    const id = (await t.deps.complaints.listForStaff(coord)).find((c) => c.number === filed.number)!.id;
    // As an older version wrote it: clear values, no blind index.
    await sql`update complaints set reporter_name = 'Budi Lama', reporter_email = 'budi.lama@contoh.id', reporter_phone = '+6281299990000', reporter_phone_bidx = null where id = ${id}::uuid`.execute(t.database.db);
    const lines: string[] = [];
    expect(await runKeysCommand(t.database.db, ['status'], (l) => lines.push(l))).toBe(1);
    expect(lines.join('\n')).toMatch(/clear values left: [1-9]/);
    expect(await runKeysCommand(t.database.db, ['rotate'], (l) => lines.push(l))).toBe(0);
    const sealed = await row(id);
    expect(sealed.reporter_name).toMatch(/^enc1:dev:/);
    expect(sealed.reporter_phone_bidx).toBe(fieldCrypto().blindIndex('phone', '+6281299990000'));
    const exported = await exportSubjectData(t.database.db, citizen.userId);
    const mine = exported.tables.complaints!.find((c) => c.id === id)!;
    expect(mine).toMatchObject({ reporter_name: 'Budi Lama', reporter_email: 'budi.lama@contoh.id', reporter_phone: '+6281299990000' });
    expect(mine).not.toHaveProperty('reporter_phone_bidx');

    // A new active key: every contact moves to it; the old key still opens meanwhile.
    const dev = devFieldKeys();
    const next = new FieldCrypto({ dataKeys: [{ id: 'k2026', key: crypto.randomBytes(32) }, ...dev.dataKeys], indexKey: dev.indexKey });
    const report = await resealComplaintContacts(t.database.db, { fc: next, batch: 3 });
    expect(report.resealed).toBeGreaterThanOrEqual(1);
    expect(Object.keys(report.byKey)).toEqual(['k2026']);
    expect(report.clear).toBe(0);
    const moved = await row(id);
    expect(moved.reporter_email).toMatch(/^enc1:k2026:/);
    expect(next.open(moved.reporter_email)).toBe('budi.lama@contoh.id');
    expect(moved.reporter_phone_bidx).toBe(sealed.reporter_phone_bidx);
  });
});
