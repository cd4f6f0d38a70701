import { describe, expect, it } from 'vitest';
import { formDefinitionSchema } from '../catalog/catalog.schemas.ts';
import { isValidDate, toRenderValues, validateFormData } from './applications.validate.ts';

const form = formDefinitionSchema.parse({
  sections: [
    {
      key: 'pemohon',
      title: 'Pemohon',
      fields: [
        { key: 'nama', type: 'text', label: 'Nama', required: true, prefill: 'name', rules: { minLength: 3, maxLength: 20 } },
        { key: 'nik', type: 'nik', label: 'NIK', required: true },
        { key: 'hp', type: 'phone', label: 'HP' },
        { key: 'surel', type: 'email', label: 'E-mail' },
        { key: 'nib', type: 'nib', label: 'NIB' },
        { key: 'kode', type: 'text', label: 'Kode', rules: { pattern: '[A-Z]{3}' } },
      ],
    },
    {
      key: 'usaha',
      title: 'Usaha',
      fields: [
        { key: 'luas', type: 'number', label: 'Luas', required: true, rules: { min: 1, max: 1000 } },
        { key: 'mulai', type: 'date', label: 'Mulai', rules: { minDate: '2020-01-01', maxDate: '2030-12-31' } },
        { key: 'jenis', type: 'choice', label: 'Jenis', required: true, options: [{ value: 'mikro', label: 'Mikro' }, { value: 'kecil', label: 'Kecil' }] },
        { key: 'punya_cabang', type: 'yesno', label: 'Cabang?', required: true },
        { key: 'jumlah_cabang', type: 'number', label: 'Jumlah cabang', required: true, visibleIf: { field: 'punya_cabang', equals: true } },
        { key: 'alamat', type: 'address', label: 'Alamat', required: true, addressLevel: 'regency' },
        { key: 'sektor', type: 'choice', label: 'Sektor', multiple: true, options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }] },
        { key: 'ktp', type: 'file', label: 'KTP', required: true, requirementKey: 'ktp' },
      ],
    },
  ],
});

const good = {
  nama: 'Siti Aminah',
  nik: '5371011208850001',
  hp: '0812-3456-7890',
  surel: 'Siti@Contoh.ID',
  luas: '12,5',
  mulai: '2026-02-01',
  jenis: 'mikro',
  punya_cabang: 'false',
  'alamat.province': '53',
  'alamat.regency': '53.71',
  'alamat.street': 'Jl. El Tari 1',
  sektor: ['a', 'b'],
  tidak_dikenal: 'diabaikan',
};
const files = new Set(['ktp']);
const keys = (r: { errors: { field: string; key: string }[] }) => Object.fromEntries(r.errors.map((e) => [e.field, e.key]));

describe('[P-3] [S-5] application form data validation', () => {
  it('accepts a valid form and normalises the values; unknown fields are ignored', () => {
    const r = validateFormData(form, good, { attachedFiles: files });
    expect(r.errors).toEqual([]);
    expect(r.data).toEqual({
      nama: 'Siti Aminah',
      nik: '5371011208850001',
      hp: '+6281234567890',
      surel: 'siti@contoh.id',
      luas: 12.5,
      mulai: '2026-02-01',
      jenis: 'mikro',
      punya_cabang: false,
      alamat: { province: '53', regency: '53.71', street: 'Jl. El Tari 1' },
      sektor: ['a', 'b'],
    });
    expect(r.data).not.toHaveProperty('tidak_dikenal');
  });

  it('requires required fields and files, but only on submit', () => {
    const r = validateFormData(form, {}, { attachedFiles: new Set() });
    expect(keys(r)).toMatchObject({
      nama: 'applications.v.required',
      nik: 'applications.v.required',
      luas: 'applications.v.required',
      jenis: 'applications.v.required',
      punya_cabang: 'applications.v.required',
      'alamat.province': 'ui.address.v.level.province',
      'alamat.regency': 'ui.address.v.level.regency',
      ktp: 'applications.v.file_required',
    });
    expect(keys(r)).not.toHaveProperty('jumlah_cabang');
    expect(validateFormData(form, {}, { requireComplete: false }).errors).toEqual([]);
  });

  it('a conditional field is required only when its condition holds', () => {
    expect(keys(validateFormData(form, { ...good, punya_cabang: 'true' }, { attachedFiles: files }))).toEqual({ jumlah_cabang: 'applications.v.required' });
    const hidden = validateFormData(form, { ...good, punya_cabang: 'false', jumlah_cabang: 'abc' }, { attachedFiles: files });
    expect(hidden.errors).toEqual([]);
    expect(hidden.data).not.toHaveProperty('jumlah_cabang');
    expect(validateFormData(form, { ...good, punya_cabang: 'true', jumlah_cabang: '3' }, { attachedFiles: files }).data.jumlah_cabang).toBe(3);
  });

  it('checks types and ranges', () => {
    const r = validateFormData(
      form,
      { ...good, luas: 'dua belas', mulai: '2026-02-30', jenis: 'besar', punya_cabang: 'mungkin', sektor: ['a', 'z'] },
      { attachedFiles: files },
    );
    expect(keys(r)).toEqual({
      luas: 'applications.v.number',
      mulai: 'applications.v.date',
      jenis: 'applications.v.choice',
      punya_cabang: 'applications.v.yesno',
      sektor: 'applications.v.choice',
    });
    expect(keys(validateFormData(form, { ...good, luas: '0' }, { attachedFiles: files }))).toEqual({ luas: 'applications.v.min' });
    expect(keys(validateFormData(form, { ...good, luas: '1001' }, { attachedFiles: files }))).toEqual({ luas: 'applications.v.max' });
    expect(keys(validateFormData(form, { ...good, mulai: '2019-12-31' }, { attachedFiles: files }))).toEqual({ mulai: 'applications.v.min_date' });
    expect(keys(validateFormData(form, { ...good, mulai: '2031-01-01' }, { attachedFiles: files }))).toEqual({ mulai: 'applications.v.max_date' });
    expect(keys(validateFormData(form, { ...good, mulai: '31/01/2026' }, { attachedFiles: files }))).toEqual({ mulai: 'applications.v.date' });
  });

  it('checks text length and pattern', () => {
    expect(keys(validateFormData(form, { ...good, nama: 'Si' }, { attachedFiles: files }))).toEqual({ nama: 'applications.v.min_length' });
    expect(keys(validateFormData(form, { ...good, nama: 'x'.repeat(21) }, { attachedFiles: files }))).toEqual({ nama: 'applications.v.max_length' });
    expect(keys(validateFormData(form, { ...good, kode: 'abc' }, { attachedFiles: files }))).toEqual({ kode: 'applications.v.pattern' });
    expect(validateFormData(form, { ...good, kode: 'ABC' }, { attachedFiles: files }).data.kode).toBe('ABC');
    // The pattern is anchored: extra characters do not pass.
    expect(keys(validateFormData(form, { ...good, kode: 'ABCD' }, { attachedFiles: files }))).toEqual({ kode: 'applications.v.pattern' });
  });

  it('checks NIK, NIB, phone and e-mail with the identity rules', () => {
    const r = validateFormData(form, { ...good, nik: '123', nib: '12345', hp: '021-555-1234', surel: 'bukan-email' }, { attachedFiles: files });
    expect(keys(r)).toEqual({ nik: 'applications.v.nik', nib: 'applications.v.nib', hp: 'applications.v.phone', surel: 'applications.v.email' });
    expect(keys(validateFormData(form, { ...good, nik: '9971011208850001' }, { attachedFiles: files }))).toEqual({ nik: 'applications.v.nik_province' });
    expect(validateFormData(form, { ...good, nib: '1234 5678 90123' }, { attachedFiles: files }).data.nib).toBe('1234567890123');
  });

  it('[P-4] checks the address levels asked against the official region codes, each inside the one above', () => {
    const r = validateFormData(form, { ...good, 'alamat.province': 'xx', 'alamat.regency': '' }, { attachedFiles: files });
    expect(keys(r)).toEqual({ 'alamat.province': 'ui.address.v.unknown.province', 'alamat.regency': 'ui.address.v.level.regency' });
    // A free-text name is not a code; a real regency of another province is refused.
    expect(keys(validateFormData(form, { ...good, 'alamat.regency': 'Kota Kupang' }, { attachedFiles: files }))).toEqual({ 'alamat.regency': 'ui.address.v.unknown.regency' });
    expect(keys(validateFormData(form, { ...good, 'alamat.regency': '52.71' }, { attachedFiles: files }))).toEqual({ 'alamat.regency': 'ui.address.v.outside.regency' });
    // A draft may hold an address chosen part of the way down.
    expect(validateFormData(form, { 'alamat.province': '53' }, { requireComplete: false }).errors).toEqual([]);
  });

  it('dates are real calendar dates; stored data renders back as input values', () => {
    expect(isValidDate('2024-02-29')).toBe(true);
    expect(isValidDate('2025-02-29')).toBe(false);
    const { data } = validateFormData(form, good, { attachedFiles: files });
    expect(toRenderValues(data)).toMatchObject({ 'alamat.province': '53', luas: '12.5', punya_cabang: 'false', sektor: ['a', 'b'] });
  });
});
