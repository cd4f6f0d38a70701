import { describe, expect, it } from 'vitest';
import { validate } from '../../platform/http/validation.ts';
import { auditDiff, dayStart, likePattern } from '../audit/audit.service.ts';
import { auditFilterSchema } from '../audit/audit.schemas.ts';
import { agencyInputSchema, agencyPatchSchema, checkKodeWilayah, regionInputSchema, staffInputSchema } from './agencies.schemas.ts';

const agency = { slug: 'dinkes', name: 'Dinas Kesehatan', shortName: 'DINKES', type: 'dinas' };
const fieldsOf = (r: ReturnType<typeof validate>) => (r.ok ? [] : r.fields.map((f) => `${f.field}:${f.key}`));

describe('kode wilayah (STANDARDS §6)', () => {
  it('accepts a province code, a regency (01–69) and a city (71–99), dotted or not', () => {
    expect(checkKodeWilayah('53', 'province')).toEqual({ ok: true, code: '53' });
    expect(checkKodeWilayah('53.01', 'regency')).toEqual({ ok: true, code: '5301' });
    expect(checkKodeWilayah('5371', 'city')).toEqual({ ok: true, code: '5371' });
    expect(checkKodeWilayah(' 31.71 ', 'city')).toEqual({ ok: true, code: '3171' });
  });

  it('[S-5] refuses codes of the wrong length, unknown provinces, and a regency/city mismatch', () => {
    expect(checkKodeWilayah('5371', 'province')).toEqual({ ok: false, key: 'region.kode_length_province' });
    expect(checkKodeWilayah('53', 'city')).toEqual({ ok: false, key: 'region.kode_length_city' });
    expect(checkKodeWilayah('99', 'province')).toEqual({ ok: false, key: 'region.kode_province_unknown' });
    expect(checkKodeWilayah('5371', 'regency')).toEqual({ ok: false, key: 'region.kode_regency' });
    expect(checkKodeWilayah('5301', 'city')).toEqual({ ok: false, key: 'region.kode_city' });
    expect(checkKodeWilayah('53a', 'province')).toEqual({ ok: false, key: 'region.kode_digits' });
    expect(checkKodeWilayah('5300', 'regency')).toEqual({ ok: false, key: 'region.kode_regency' });
  });

  it('validates the whole region form, time zone as WIB/WITA/WIT and a real domain', () => {
    const ok = validate(regionInputSchema, { name: 'Kota Kupang', level: 'city', kodeWilayah: '53.71', timeZone: 'WITA', domain: 'KupangKota.go.id' });
    expect(ok).toEqual({ ok: true, data: { name: 'Kota Kupang', level: 'city', kodeWilayah: '5371', timeZone: 'WITA', domain: 'kupangkota.go.id' } });
    const bad = validate(regionInputSchema, { name: 'Kota Kupang', level: 'city', kodeWilayah: '53', timeZone: 'CET', domain: 'localhost' });
    expect(fieldsOf(bad)).toEqual(expect.arrayContaining(['timeZone:region.timezone_required', 'domain:region.domain_format']));
  });
});

describe('agency schema', () => {
  it('accepts a minimal agency and turns empty optional fields into null', () => {
    const r = validate(agencyInputSchema, { ...agency, email: '', phone: ' ', website: '', subdomain: '' });
    expect(r.ok && r.data).toMatchObject({ slug: 'dinkes', email: null, phone: null, website: null, subdomain: null });
  });

  it('[G-11] refuses a bad slug, subdomain, e-mail, phone and website with their own messages', () => {
    const r = validate(agencyInputSchema, {
      ...agency,
      slug: 'Dinas Kesehatan!',
      subdomain: '-dinkes',
      email: 'dinkes@',
      phone: 'call me',
      website: 'ftp://dinkes.go.id',
    });
    expect(fieldsOf(r).sort()).toEqual(
      ['email:agency.email_format', 'phone:agency.phone_format', 'slug:agency.slug_format', 'subdomain:agency.subdomain_format', 'website:agency.website_format'].sort(),
    );
  });

  it('refuses the reserved slug "baru", a missing type and a missing name', () => {
    const r = validate(agencyInputSchema, { slug: 'baru', shortName: 'X1', type: '', name: '' });
    expect(fieldsOf(r)).toEqual(expect.arrayContaining(['slug:agency.slug_reserved', 'type:agency.type_required', 'name:validation.required']));
  });

  it('accepts office numbers as written and an https website', () => {
    const r = validate(agencyInputSchema, { ...agency, phone: '(0380) 821012', website: 'https://dinkes.nttprov.go.id', subdomain: 'dinkes' });
    expect(r.ok).toBe(true);
  });

  it('a patch leaves absent fields out and clears emptied ones', () => {
    const r = validate(agencyPatchSchema, { headName: '', name: 'Dinas Kesehatan Baru' });
    expect(r.ok && r.data).toEqual({ headName: null, name: 'Dinas Kesehatan Baru' });
  });
});

describe('staff schema', () => {
  it('normalises e-mail and mobile number; agency empty means region-wide', () => {
    const r = validate(staffInputSchema, { name: ' Yosef  Laka ', email: ' Yosef@NTTPROV.go.id ', phone: '0812 3456 7890', agency: '', role: 'operator' });
    expect(r.ok && r.data).toEqual({ name: 'Yosef Laka', email: 'yosef@nttprov.go.id', phone: '+6281234567890', agency: null, role: 'operator' });
  });

  it('refuses an unknown role, a bad e-mail and a landline as mobile', () => {
    const r = validate(staffInputSchema, { name: 'Yosef', email: 'yosef', phone: '0380 821012', role: 'raja' });
    expect(fieldsOf(r)).toEqual(expect.arrayContaining(['email:staff.email_format', 'phone:staff.phone_format', 'role:grant.role_required']));
    expect(fieldsOf(validate(staffInputSchema, { name: 'Yosef', email: '', role: 'operator' }))).toEqual(['email:validation.required']);
  });
});

describe('audit trail helpers', () => {
  it('a day starts at local midnight of the region (WITA = UTC+8)', () => {
    expect(dayStart('2026-11-23', 'Asia/Makassar').toISOString()).toBe('2026-11-22T16:00:00.000Z');
    expect(dayStart('2026-11-23', 'Asia/Jakarta').toISOString()).toBe('2026-11-22T17:00:00.000Z');
  });

  it('refuses impossible dates and a range that ends before it starts', () => {
    expect(fieldsOf(validate(auditFilterSchema, { from: '2026-02-30' }))).toEqual(['from:audit.date_format']);
    expect(fieldsOf(validate(auditFilterSchema, { from: '2026-03-02', to: '2026-03-01' }))).toEqual(['to:audit.range_order']);
    expect(validate(auditFilterSchema, { from: '', to: '', before: '' }).ok).toBe(true);
  });

  it('escapes LIKE wildcards in searches', () => {
    expect(likePattern('50%_a\\')).toBe('%50\\%\\_a\\\\%');
  });

  it('shows before/after as a field-by-field diff, changes first', () => {
    const rows = auditDiff({ name: 'Dinas A', phone: null, active: true }, { name: 'Dinas B', phone: '0380 1', active: true, website: 'https://a.go.id' });
    expect(rows).toEqual([
      { field: 'name', before: 'Dinas A', after: 'Dinas B', change: 'changed' },
      { field: 'phone', before: '∅', after: '0380 1', change: 'changed' },
      { field: 'website', before: null, after: 'https://a.go.id', change: 'added' },
      { field: 'active', before: 'true', after: 'true', change: 'same' },
    ]);
    expect(auditDiff(null, { role: 'operator' })).toEqual([{ field: 'role', before: null, after: 'operator', change: 'added' }]);
    expect(auditDiff({ role: 'operator' }, null)).toEqual([{ field: 'role', before: 'operator', after: null, change: 'removed' }]);
  });
});
