import { render } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { makeViewContext, type ViewContext } from '../context.ts';
import { AddressField, isAddressStep } from './index.ts';

const ctx = (locale: 'id' | 'en' = 'id'): ViewContext =>
  makeViewContext({ locale, user: null, csrfToken: 'tok', path: '/daftar', regionName: 'Provinsi Contoh', regionCode: '53', timeZone: 'Asia/Makassar' });

describe('[P-4] the address field', () => {
  it('preselects the region\'s province on a new form, lists its regencies and waits for the levels below', () => {
    const html = render(<AddressField ctx={ctx()} name="alamat" legend="Alamat" values={{}} defaultProvince="53" />);
    expect(html).toContain('<option value="53" selected>Nusa Tenggara Timur</option>');
    expect(html).toContain('<option value="53.71">Kota Kupang</option>');
    expect(html).toMatch(/<select id="f-alamat.district" name="alamat.district" data-address-level="district" disabled/);
    expect(html).toContain('— pilih tingkat di atasnya dulu —');
    // One "Pilih" per level but the last, named so a POST can tell the step from a submission.
    expect(html.match(/name="_pilih"/g)).toHaveLength(3);
    expect(html).toContain('aria-label="Pilih provinsi lalu muat pilihan berikutnya"');
    expect(html).toContain('src="/assets/address.js"');
    expect(isAddressStep({ _pilih: 'alamat.province' })).toBe(true);
    expect(isAddressStep({ name: 'x' })).toBe(false);
  });

  it('keeps the chosen codes, drops a code outside the level above, asks only down to the deepest level, and shows messages in words', () => {
    const html = render(
      <AddressField
        ctx={ctx('en')}
        name="lokasi"
        legend="Location"
        deepest="district"
        values={{ 'lokasi.province': '53', 'lokasi.regency': '52.71', 'lokasi.district': '53.71.04' }}
        errors={[{ field: 'lokasi.regency', key: 'ui.address.v.outside.regency' }]}
      />,
    );
    expect(html).not.toContain('name="lokasi.village"');
    expect(html).not.toMatch(/value="52.71"[^>]*selected/);
    expect(html).toContain('The regency or city chosen is not in that province. Choose again.');
    expect(html).toContain('aria-invalid="true"');
    expect(html).not.toMatch(/\((province|regency|district|village)\)/);
  });
});
