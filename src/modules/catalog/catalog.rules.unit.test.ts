import { describe, expect, it } from 'vitest';
import { formDefinitionSchema, serviceContentSchema } from './catalog.schemas.ts';
import { formProblems, missingForPublication, unboundDocumentRequirements } from './catalog.rules.ts';

const complete = serviceContentSchema.parse({
  name: 'Izin Usaha Mikro',
  summary: 'Izin bagi usaha mikro.',
  sectors: ['penanaman-modal'],
  channels: ['online'],
  requirements: [
    { key: 'ktp', name: 'KTP', kind: 'document', mandatory: true, fileTypes: ['application/pdf'] },
    { key: 'luas', name: 'Luas tempat usaha', kind: 'data', mandatory: true },
  ],
  procedure: [{ title: 'Isi formulir' }],
  completionDays: 3,
  fee: { kind: 'tariff', regulation: 'Perda 3/2024', lines: [{ label: 'Retribusi', amount: 1000, unit: 'per m²', quantityField: 'luas' }] },
  product: { name: 'Izin' },
  complaintHandling: 'Portal pengaduan',
  legalBasis: [{ citation: 'UU 25/2009' }],
  facilities: 'Ruang tunggu',
  staffCompetence: 'S1',
  internalSupervision: 'Kepala bidang',
  staffCount: 3,
  serviceGuarantee: 'Tepat waktu',
  securityGuarantee: 'Data dilindungi',
  performanceEvaluation: 'Tiap tahun',
});

const goodForm = formDefinitionSchema.parse({
  sections: [
    {
      key: 'usaha',
      title: 'Data usaha',
      fields: [
        { key: 'luas', type: 'number', label: 'Luas (m²)', required: true, rules: { min: 1, max: 10000 } },
        { key: 'punya_npwp', type: 'yesno', label: 'Punya NPWP?' },
        { key: 'npwp', type: 'text', label: 'NPWP', visibleIf: { field: 'punya_npwp', equals: true } },
        { key: 'ktp', type: 'file', label: 'KTP', requirementKey: 'ktp' },
      ],
    },
  ],
});

describe('publication rules', () => {
  it('[P-2] a complete service standard has nothing missing', () => {
    expect(missingForPublication(complete)).toEqual([]);
  });

  it('[S-5] names each empty mandatory component', () => {
    const draft = serviceContentSchema.parse({ name: 'Layanan baru', channels: ['counter'] });
    const missing = missingForPublication(draft);
    for (const c of ['requirements', 'procedure', 'completionDays', 'fee', 'product', 'complaintHandling', 'legalBasis', 'facilities', 'staffCompetence', 'internalSupervision', 'staffCount', 'serviceGuarantee', 'securityGuarantee', 'performanceEvaluation', 'summary', 'sectors', 'counterInfo']) {
      expect(missing).toContain(c);
    }
    expect(missingForPublication({ ...complete, facilities: '   ' })).toEqual(['facilities']);
  });
});

describe('form definitions', () => {
  it('accepts a renderable form', () => {
    expect(formProblems(goodForm, complete)).toEqual([]);
    expect(unboundDocumentRequirements(goodForm, complete)).toEqual([]);
  });

  it('[S-5] rejects duplicate keys, conditions on missing or later fields, and file fields without a requirement', () => {
    const bad = formDefinitionSchema.parse({
      sections: [
        {
          key: 's',
          title: 'S',
          fields: [
            { key: 'a', type: 'text', label: 'A', visibleIf: { field: 'b', equals: 'x' } },
            { key: 'b', type: 'text', label: 'B' },
            { key: 'b', type: 'text', label: 'B again' },
            { key: 'f', type: 'file', label: 'File' },
            { key: 'g', type: 'file', label: 'File', requirementKey: 'luas' },
            { key: 'c', type: 'choice', label: 'C', options: [{ value: 'x', label: 'X' }] },
            { key: 'p', type: 'text', label: 'P', rules: { pattern: '([' } },
            { key: 'n', type: 'number', label: 'N', rules: { min: 5, max: 1 } },
          ],
        },
      ],
    });
    const keys = formProblems(bad, complete).map((p) => p.key);
    expect(keys).toEqual(
      expect.arrayContaining([
        'catalog.form.condition_missing',
        'catalog.form.duplicate_key',
        'catalog.form.file_without_requirement',
        'catalog.form.file_not_document',
        'catalog.form.choice_needs_options',
        'catalog.form.bad_pattern',
        'catalog.form.bad_range',
        'catalog.form.quantity_not_number',
      ]),
    );
    expect(unboundDocumentRequirements(bad, complete)).toEqual(['ktp']);
  });
});
