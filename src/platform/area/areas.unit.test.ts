import { describe, expect, it } from 'vitest';
import { addressFromCode, addressLine, areaByCode, areaChildren, deepestCode, provinceOfKode, readAddress } from './areas.ts';

const keys = (r: { errors: { field: string; key: string }[] }) => Object.fromEntries(r.errors.map((e) => [e.field, e.key]));

describe('[P-4] official region codes for addresses', () => {
  it('knows the provinces and the areas below a code, with readable names', () => {
    expect(areaChildren(null).length).toBeGreaterThanOrEqual(38);
    expect(areaByCode('53')).toMatchObject({ name: 'Nusa Tenggara Timur', level: 'province', parent: null });
    expect(areaByCode('53.71')).toMatchObject({ name: 'Kota Kupang', level: 'regency', parent: '53' });
    expect(areaChildren('53.71').map((a) => a.name)).toContain('Oebobo');
    expect(areaChildren('53.71.04').find((a) => a.code === '53.71.04.1009')?.name).toBe('Oebufu');
    expect(areaByCode('Kota Kupang')).toBeUndefined();
  });

  it('reads a complete, consistent address and names it on one line', () => {
    const values = { 'a.province': '53', 'a.regency': '53.71', 'a.district': '53.71.04', 'a.village': '53.71.04.1009', 'a.street': '  Jl. El Tari   5 ' };
    const r = readAddress(values, 'a', { required: true });
    expect(r.errors).toEqual([]);
    expect(r.value).toEqual({ province: '53', regency: '53.71', district: '53.71.04', village: '53.71.04.1009', street: 'Jl. El Tari 5' });
    expect(addressLine(r.value)).toBe('Jl. El Tari 5, Oebufu, Oebobo, Kota Kupang, Nusa Tenggara Timur');
    expect(deepestCode(r.value)).toBe('53.71.04.1009');
    expect(addressFromCode('53.71.04.1009', 'Jl. El Tari 5')).toEqual(r.value);
  });

  it('refuses unknown codes and a child outside its parent; requires every level once one is given', () => {
    expect(keys(readAddress({ 'a.province': '99' }, 'a'))).toMatchObject({ 'a.province': 'ui.address.v.unknown.province', 'a.regency': 'ui.address.v.level.regency' });
    const wrong = readAddress({ 'a.province': '53', 'a.regency': '53.71', 'a.district': '52.71.01', 'a.village': '53.71.04.1009' }, 'a');
    expect(keys(wrong)).toEqual({ 'a.district': 'ui.address.v.outside.district', 'a.village': 'ui.address.v.outside.village' });
    expect(keys(readAddress({ 'a.province': '53' }, 'a', { deepest: 'regency' }))).toEqual({ 'a.regency': 'ui.address.v.level.regency' });
    expect(readAddress({ 'a.province': '53' }, 'a', { partial: true }).errors).toEqual([]);
    expect(readAddress({}, 'a')).toEqual({ value: undefined, errors: [] });
    expect(keys(readAddress({}, 'a', { required: true, deepest: 'province' }))).toEqual({ 'a.province': 'ui.address.v.level.province' });
    expect(keys(readAddress({ 'a.street': 'x'.repeat(301) }, 'a', { deepest: 'province' }))).toMatchObject({ 'a.street': 'ui.address.v.street' });
  });

  it('shows an address typed as free text before the codes as it was', () => {
    expect(addressLine({ province: '53', regency: 'Kota Kupang', district: 'Oebobo', street: 'Jl. Sudirman 5' })).toBe('Jl. Sudirman 5, Oebobo, Kota Kupang, Nusa Tenggara Timur');
  });

  it('finds the province of a region by its kode wilayah', () => {
    expect(provinceOfKode('53')).toBe('53');
    expect(provinceOfKode('5371')).toBe('53');
    expect(provinceOfKode('99')).toBeUndefined();
    expect(provinceOfKode(undefined)).toBeUndefined();
  });
});
