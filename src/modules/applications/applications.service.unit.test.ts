import { describe, expect, it } from 'vitest';
import { formDefinitionSchema } from '../catalog/catalog.schemas.ts';
import { formatTrackingNumber, prefillValues } from './applications.service.ts';
import { toRawValues } from './applications.api.ts';

describe('[P-3] tracking numbers', () => {
  it('are year, agency short name and a zero-padded serial', () => {
    expect(formatTrackingNumber(2026, 'DPMPTSP', 123)).toBe('2026-DPMPTSP-000123');
    expect(formatTrackingNumber(2026, 'dinas kesehatan', 1)).toBe('2026-DINAS-KESEHATAN-000001');
    expect(formatTrackingNumber(2027, 'BAPENDA', 1_234_567)).toBe('2027-BAPENDA-1234567');
  });
});

describe('[P-4] prefill', () => {
  const form = formDefinitionSchema.parse({
    sections: [
      {
        key: 'a',
        title: 'A',
        fields: [
          { key: 'nama', type: 'text', label: 'Nama', prefill: 'name' },
          { key: 'nib_usaha', type: 'nib', label: 'NIB', prefill: 'nib' },
          { key: 'luas', type: 'number', label: 'Luas' },
        ],
      },
    ],
  });
  it('maps account data to the form keys that ask for it, and nothing else', () => {
    expect(prefillValues(form, { name: 'Siti', nib: '8120001234567', email: 'siti@contoh.id' })).toEqual({ nama: 'Siti', nib_usaha: '8120001234567' });
    expect(prefillValues(form, {})).toEqual({});
  });
});

describe('[I-2] JSON values as form values', () => {
  it('turns numbers and booleans into strings and an address object into its parts', () => {
    expect(toRawValues({ luas: 12.5, cabang: true, sektor: ['a'], alamat: { province: '53', regency: 'Kupang' } })).toEqual({
      luas: '12.5',
      cabang: 'true',
      sektor: ['a'],
      'alamat.province': '53',
      'alamat.regency': 'Kupang',
    });
  });
});
