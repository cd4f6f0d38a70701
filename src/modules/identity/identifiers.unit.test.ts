import { describe, it, expect } from 'vitest';
import {
  formatKodeWilayah,
  knownProvinceCodes,
  maskEmail,
  maskNik,
  maskPhone,
  normalizeMobilePhone,
  normalizeNpwp,
  validateNib,
  validateNik,
} from './identifiers.ts';

// A fixed "now" keeps the century rule and the future-date check reproducible.
const now = new Date('2026-11-23T03:00:00Z'); // 23 Nov 2026, 12:00 WIT
const nik = (value: string) => validateNik(value, { now });

describe('validateNik (STANDARDS §6)', () => {
  it('accepts a valid male NIK and decodes region, birth date and sex', () => {
    expect(nik('3201011208850001')).toEqual({
      ok: true,
      nik: '3201011208850001',
      provinceCode: '32',
      regencyCode: '3201',
      districtCode: '320101',
      birthDate: '1985-08-12',
      sex: 'L',
    });
  });

  it('accepts a valid female NIK (day + 40)', () => {
    const result = nik('5371055203900002');
    expect(result).toMatchObject({ ok: true, birthDate: '1990-03-12', sex: 'P', provinceCode: '53' });
  });

  it('reads female day 71 as the 31st', () => {
    expect(nik('5371057101000003')).toMatchObject({ ok: true, birthDate: '2000-01-31', sex: 'P' });
  });

  it('[S-5] strips spaces and dots before validating', () => {
    expect(nik(' 3201.0112.0885.0001 ')).toMatchObject({ ok: true, nik: '3201011208850001' });
    expect(nik('3201 0112 0885 0001')).toMatchObject({ ok: true, nik: '3201011208850001' });
  });

  it('uses 20YY when YY is not greater than the current two-digit year, else 19YY', () => {
    expect(nik('3201011501260001')).toMatchObject({ ok: true, birthDate: '2026-01-15' });
    expect(nik('3201011501270001')).toMatchObject({ ok: true, birthDate: '1927-01-15' });
    expect(nik('3201011501050001')).toMatchObject({ ok: true, birthDate: '2005-01-15' });
  });

  it('[S-5] rejects a NIK with an impossible birth date (31 February)', () => {
    expect(nik('3201013102900001')).toEqual({ ok: false, code: 'nik.birthdate' });
    expect(nik('3201017102900001')).toEqual({ ok: false, code: 'nik.birthdate' }); // female 31 Feb
  });

  it('[S-5] accepts 29 February on a leap year and rejects it on a non-leap year', () => {
    expect(nik('3201012902000001')).toMatchObject({ ok: true, birthDate: '2000-02-29' }); // 2000: leap
    expect(nik('3201016902960001')).toMatchObject({ ok: true, birthDate: '1996-02-29', sex: 'P' });
    expect(nik('3201012902010001')).toEqual({ ok: false, code: 'nik.birthdate' });
    expect(nik('3201012902990001')).toEqual({ ok: false, code: 'nik.birthdate' }); // 1999
  });

  it('[S-5] rejects impossible days and months', () => {
    for (const ddmm of ['0001', '3201', '4001', '4101' /* ok */, '7201', '1200', '1213', '3104']) {
      const result = nik(`320101${ddmm}900001`);
      if (ddmm === '4101') expect(result).toMatchObject({ ok: true, birthDate: '1990-01-01', sex: 'P' });
      else expect(result, ddmm).toEqual({ ok: false, code: 'nik.birthdate' });
    }
  });

  it('[S-5] rejects a birth date in the future', () => {
    expect(nik('3201013112260001')).toEqual({ ok: false, code: 'nik.birthdate' }); // 31 Dec 2026
    expect(nik('3201012411260001')).toEqual({ ok: false, code: 'nik.birthdate' }); // tomorrow
    expect(nik('3201012311260001')).toMatchObject({ ok: true, birthDate: '2026-11-23' }); // today
  });

  it('takes "today" in WIT, so a baby born today in Papua is accepted before UTC midnight', () => {
    // 23 Nov 2026 16:30 UTC = 24 Nov 2026 01:30 WIT
    const late = validateNik('9471012411260001', { now: new Date('2026-11-23T16:30:00Z') });
    expect(late).toMatchObject({ ok: true, birthDate: '2026-11-24' });
  });

  it('defaults "now" to the current date', () => {
    expect(validateNik('3201011208850001')).toMatchObject({ ok: true });
  });

  it('[S-5] rejects an unknown province code', () => {
    expect(nik('9901011208850001')).toEqual({ ok: false, code: 'nik.province' });
    expect(nik('1001011208850001')).toEqual({ ok: false, code: 'nik.province' });
  });

  it('knows the current provinces from idn-area-data', () => {
    const codes = knownProvinceCodes();
    expect(codes.size).toBe(38);
    for (const code of ['11', '31', '32', '36', '53', '96']) expect(codes.has(code)).toBe(true);
    expect(codes.has('99')).toBe(false);
  });

  it('[S-5] rejects a wrong length', () => {
    expect(nik('320101120885000')).toEqual({ ok: false, code: 'nik.format' });
    expect(nik('32010112088500011')).toEqual({ ok: false, code: 'nik.format' });
    expect(nik('')).toEqual({ ok: false, code: 'nik.format' });
  });

  it('[S-5] rejects letters and other characters', () => {
    expect(nik('32010112088S0001')).toEqual({ ok: false, code: 'nik.format' });
    expect(nik('3201-0112-0885-0001')).toEqual({ ok: false, code: 'nik.format' });
    expect(nik('３２０１０１１２０８８５０００１')).toEqual({ ok: false, code: 'nik.format' }); // full-width
  });

  it('[S-5] rejects regency "00", district "00" and serial "0000"', () => {
    expect(nik('3200011208850001')).toEqual({ ok: false, code: 'nik.format' });
    expect(nik('3201001208850001')).toEqual({ ok: false, code: 'nik.format' });
    expect(nik('3201011208850000')).toEqual({ ok: false, code: 'nik.format' });
  });
});

describe('normalizeNpwp (STANDARDS §6)', () => {
  it('accepts the 16-digit form as is', () => {
    expect(normalizeNpwp('3201011208850001')).toEqual({ ok: true, npwp: '3201011208850001', legacy: false });
    expect(normalizeNpwp(' 0012 3456 7890 1234 ')).toEqual({ ok: true, npwp: '0012345678901234', legacy: false });
  });

  it('normalises the dotted 15-digit form to 0 + 15 digits', () => {
    expect(normalizeNpwp('01.234.567.8-901.234')).toEqual({ ok: true, npwp: '0012345678901234', legacy: true });
  });

  it('normalises the bare 15-digit form to 0 + 15 digits', () => {
    expect(normalizeNpwp('012345678901234')).toEqual({ ok: true, npwp: '0012345678901234', legacy: true });
  });

  it('[S-5] rejects wrong lengths, misplaced punctuation and letters', () => {
    for (const bad of [
      '',
      '01234567890123',
      '01234567890123456',
      '01.234.567.8-901.23',
      '01.234.567.8-901.2345',
      '012.34.567.8-901.234',
      '01.234.567.8.901.234',
      '01-234-567-8-901-234',
      '0123456789O1234',
      'NPWP012345678901234',
    ]) {
      expect(normalizeNpwp(bad), bad).toEqual({ ok: false, code: 'npwp.format' });
    }
  });
});

describe('validateNib (STANDARDS §6)', () => {
  it('accepts 13 digits, spaces stripped', () => {
    expect(validateNib('9120001234567')).toEqual({ ok: true, nib: '9120001234567' });
    expect(validateNib(' 912 0001 234 567 ')).toEqual({ ok: true, nib: '9120001234567' });
  });

  it('[S-5] rejects other lengths and non-digits', () => {
    for (const bad of ['', '912000123456', '91200012345678', '912000123456A', '9120-001234567']) {
      expect(validateNib(bad), bad).toEqual({ ok: false, code: 'nib.format' });
    }
  });
});

describe('normalizeMobilePhone (STANDARDS §6)', () => {
  it('[S-5] normalises every accepted shape to the same E.164 number', () => {
    for (const shape of [
      '081234567890',
      '0812-3456-7890',
      '0812.3456.7890',
      '0812 3456 7890',
      '6281234567890',
      '62 812 3456 7890',
      '+6281234567890',
      '+62 812-3456-7890',
      '+62 812.3456.7890',
      '  +62 812 3456 7890  ',
    ]) {
      expect(normalizeMobilePhone(shape), shape).toEqual({ ok: true, e164: '+6281234567890' });
    }
  });

  it('accepts the shortest and longest mobile numbers (8[1-35-9] + 7..10 digits)', () => {
    expect(normalizeMobilePhone('0812345678')).toEqual({ ok: true, e164: '+62812345678' });
    expect(normalizeMobilePhone('0895123456789')).toEqual({ ok: true, e164: '+62895123456789' });
    expect(normalizeMobilePhone('085212345678')).toEqual({ ok: true, e164: '+6285212345678' });
  });

  it('[S-5] rejects landlines', () => {
    for (const landline of ['0211234567', '021-1234-5678', '+62 21 1234 5678', '(0380) 821234']) {
      expect(normalizeMobilePhone(landline), landline).toEqual({ ok: false, code: 'phone.format' });
    }
  });

  it('[S-5] rejects numbers that are too short or too long', () => {
    expect(normalizeMobilePhone('081234567')).toEqual({ ok: false, code: 'phone.format' });
    expect(normalizeMobilePhone('08123456789012')).toEqual({ ok: false, code: 'phone.format' });
    expect(normalizeMobilePhone('+62812345')).toEqual({ ok: false, code: 'phone.format' });
  });

  it('[S-5] rejects unassigned mobile prefixes, other countries and other shapes', () => {
    for (const bad of [
      '0841234567890', // 84 is not a mobile prefix
      '0801234567890',
      '+6581234567', // Singapore
      '+1 812 345 6789',
      '812 3456 7890', // no prefix
      '0062 812 3456 7890',
      '+62 0812 3456 7890',
      '0812/3456/7890',
      '0812345678a',
      '',
    ]) {
      expect(normalizeMobilePhone(bad), bad).toEqual({ ok: false, code: 'phone.format' });
    }
  });
});

describe('masks (UU PDP; S-3)', () => {
  it('masks a NIK keeping the first and last 4 digits', () => {
    expect(maskNik('3201011208850001')).toBe('3201********0001');
  });

  it('masks a phone keeping the first 6 characters and the last 4', () => {
    expect(maskPhone('+6281234567890')).toBe('+62812****7890');
    expect(maskPhone('+62812345678')).toBe('+62812**5678');
  });

  it('masks an e-mail keeping the first 2 characters of the local part', () => {
    expect(maskEmail('budi.santoso@contoh.go.id')).toBe('bu***@contoh.go.id');
    expect(maskEmail('bu@contoh.go.id')).toBe('b***@contoh.go.id');
    expect(maskEmail('not-an-email')).toBe('***');
  });

  it('masks short values entirely', () => {
    expect(maskNik('1234')).toBe('****');
    expect(maskPhone('+62812')).toBe('******');
  });
});

describe('formatKodeWilayah (STANDARDS §6)', () => {
  it('dots 2-, 4-, 6- and 10-digit codes', () => {
    expect(formatKodeWilayah('11')).toBe('11');
    expect(formatKodeWilayah('1101')).toBe('11.01');
    expect(formatKodeWilayah('110101')).toBe('11.01.01');
    expect(formatKodeWilayah('1101012001')).toBe('11.01.01.2001');
  });

  it('is idempotent on already dotted codes', () => {
    expect(formatKodeWilayah('11.01.01.2001')).toBe('11.01.01.2001');
  });

  it('returns other input unchanged', () => {
    expect(formatKodeWilayah('110')).toBe('110');
    expect(formatKodeWilayah('11a1')).toBe('11a1');
    expect(formatKodeWilayah('')).toBe('');
  });
});
