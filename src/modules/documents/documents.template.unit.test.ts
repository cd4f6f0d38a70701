import { describe, expect, it } from 'vitest';
import { formDefinitionSchema } from '../catalog/catalog.schemas.ts';
import { defaultDocumentTemplate, fillDocumentTemplate } from './documents.template.ts';
import { permittedText } from './documents.service.ts';

const form = formDefinitionSchema.parse({
  sections: [
    {
      key: 'pemilik',
      title: 'Pemilik',
      fields: [
        { key: 'nama', type: 'text', label: 'Nama', prefill: 'name' },
        { key: 'nik', type: 'nik', label: 'NIK', prefill: 'nik' },
      ],
    },
    {
      key: 'usaha',
      title: 'Usaha',
      fields: [
        { key: 'nama_usaha', type: 'text', label: 'Nama usaha' },
        { key: 'kbli', type: 'choice', label: 'KBLI', options: [{ value: '56103', label: '56103 Kedai makanan' }] },
        { key: 'modal_usaha', type: 'number', label: 'Modal usaha (Rp)' },
        { key: 'alamat_usaha', type: 'address', label: 'Alamat usaha', addressLevel: 'village' },
        { key: 'mulai', type: 'date', label: 'Mulai beroperasi' },
        { key: 'punya_npwp', type: 'yesno', label: 'Sudah punya NPWP?' },
        { key: 'ktp', type: 'file', label: 'KTP' },
      ],
    },
  ],
});

const data = {
  nama: 'Maria Goreti',
  nik: '5371011208850001',
  nama_usaha: 'Warung Se’i Bu Maria',
  kbli: '56103',
  modal_usaha: 25_000_000,
  alamat_usaha: { province: '53', regency: 'Kota Kupang', district: 'Oebobo', village: 'Oetete', street: 'Jl. Sudirman No. 5' },
  mulai: '2026-12-15',
  punya_npwp: false,
};

describe('[P-8] [P-12] document template: "Yang diizinkan" comes from the application data', () => {
  it('fills placeholders of form field names with values as people read them', () => {
    const text = fillDocumentTemplate('Usaha {nama_usaha} (KBLI {kbli}) di {alamat_usaha}, modal Rp {modal_usaha}, mulai {mulai}; NPWP: {punya_npwp}; {tidak_ada}; {kosong}', form, { ...data, kosong: '' });
    expect(text).toBe(
      'Usaha Warung Se’i Bu Maria (KBLI 56103 Kedai makanan) di Jl. Sudirman No. 5, Oetete, Oebobo, Kota Kupang, Nusa Tenggara Timur, modal Rp 25.000.000, mulai 15 Desember 2026; NPWP: Tidak; {tidak_ada}; -',
    );
  });

  it('the default template lists the fields that describe the permit, not the uploads nor the holder identity', () => {
    const t = defaultDocumentTemplate(form);
    expect(t.split('\n')).toEqual(['Nama usaha: {nama_usaha}', 'KBLI: {kbli}', 'Modal usaha (Rp): {modal_usaha}', 'Alamat usaha: {alamat_usaha}', 'Mulai beroperasi: {mulai}', 'Sudah punya NPWP: {punya_npwp}']);
    const text = permittedText({ summary: 'Ringkasan layanan', product: { description: 'Deskripsi produk' } }, form, data);
    expect(text).toContain('Nama usaha: Warung Se’i Bu Maria');
    expect(text).not.toContain('Ringkasan layanan');
    expect(text).not.toContain(data.nik);
  });

  it('the service version\'s template wins; with nothing to say, the product description', () => {
    expect(permittedText({ product: { template: 'Izin untuk {nama_usaha}' } }, form, data)).toBe('Izin untuk Warung Se’i Bu Maria');
    const bare = formDefinitionSchema.parse({ sections: [{ key: 's', title: 'S', fields: [{ key: 'ktp', type: 'file', label: 'KTP' }] }] });
    expect(permittedText({ summary: 'Ringkasan', product: { description: 'Deskripsi produk' } }, bare, {})).toBe('Deskripsi produk');
  });
});

describe('[P-12] demo services: document templates name only fields of their own form', () => {
  it('every placeholder of a demo template is a field of that service', async () => {
    const { demoServices } = await import('../catalog/demo-catalog.ts');
    const withTemplate = demoServices.filter((s) => s.content.product?.template);
    expect(withTemplate.length).toBeGreaterThanOrEqual(2);
    for (const s of withTemplate) {
      const keys = new Set(formDefinitionSchema.parse(s.form).sections.flatMap((x) => x.fields.map((f) => f.key)));
      const used = [...s.content.product!.template!.matchAll(/\{([a-z][a-z0-9_]*)\}/g)].map((m) => m[1]!);
      expect(used.filter((k) => !keys.has(k)), s.slug).toEqual([]);
    }
  });
});
