import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { demoAgencies } from '../agencies/demo-region.ts';
import { formDefinitionSchema, sectors, serviceContentSchema } from './catalog.schemas.ts';
import { formProblems, missingForPublication, unboundDocumentRequirements } from './catalog.rules.ts';
import { demoDataFiles, demoServices, loadDemoServices } from './demo-catalog.ts';
import { demoLegalDocuments, legalCitation } from './demo-legal.ts';

const parsed = demoServices.map((s) => ({
  slug: s.slug,
  agencySlug: s.agencySlug,
  legalKeys: s.legalKeys,
  content: serviceContentSchema.parse(s.content),
  form: formDefinitionSchema.parse(s.form),
}));
const kebab = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const fieldsOf = (form: (typeof parsed)[number]['form']) => form.sections.flatMap((sec) => sec.fields);

describe('demo legal library', () => {
  it('[P-2] has about 25+ documents with unique kebab-case keys and complete metadata', () => {
    expect(demoLegalDocuments.length).toBeGreaterThanOrEqual(25);
    const keys = demoLegalDocuments.map((d) => d.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const d of demoLegalDocuments) {
      expect(d.key).toMatch(kebab);
      expect(d.number.trim()).not.toBe('');
      expect(d.title.trim()).not.toBe('');
      expect(d.summary.trim()).not.toBe('');
      expect(d.year).toBeGreaterThanOrEqual(1945);
      expect(d.year).toBeLessThanOrEqual(2026);
    }
  });

  it('[P-2] contains the core national regulations and fictional regional ones marked as such', () => {
    const cite = (key: string) => legalCitation(demoLegalDocuments.find((d) => d.key === key)!);
    expect(cite('uu-25-2009')).toBe('Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik');
    expect(cite('permenpan-rb-15-2014')).toContain('Nomor 15 Tahun 2014 tentang Pedoman Standar Pelayanan');
    expect(cite('perda-contoh-3-2024-pdrd')).toBe('Peraturan Daerah Provinsi Contoh Nomor 3 Tahun 2024 tentang Pajak Daerah dan Retribusi Daerah');
    for (const d of demoLegalDocuments.filter((d) => ['peraturan-daerah', 'peraturan-gubernur', 'keputusan-gubernur', 'surat-edaran'].includes(d.type))) {
      expect(d.summary).toMatch(/fiktif/i);
    }
    expect(demoLegalDocuments.some((d) => d.status === 'dicabut')).toBe(true);
    expect(demoLegalDocuments.some((d) => d.status === 'diubah')).toBe(true);
  });
});

describe('demo catalogue', () => {
  it('[P-5] has at least 32 services with unique kebab-case slugs', () => {
    expect(demoServices.length).toBeGreaterThanOrEqual(32);
    const slugs = demoServices.map((s) => s.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const slug of slugs) expect(slug).toMatch(kebab);
  });

  it('[P-1] every service and form parses with the catalogue schemas', () => {
    for (const s of demoServices) {
      expect(serviceContentSchema.safeParse(s.content).success, s.slug).toBe(true);
      expect(formDefinitionSchema.safeParse(s.form).success, s.slug).toBe(true);
    }
  });

  it('[P-1] every service belongs to an agency of the demo region', () => {
    const agencies = new Set(demoAgencies.map((a) => a.slug));
    for (const s of demoServices) expect(agencies.has(s.agencySlug), `${s.slug} → ${s.agencySlug}`).toBe(true);
  });

  it('[P-2] legal keys exist in the legal library and match the legal basis citations', () => {
    const docs = new Map(demoLegalDocuments.map((d) => [d.key, d]));
    for (const s of parsed) {
      expect(s.legalKeys.length, s.slug).toBeGreaterThanOrEqual(2);
      expect(s.legalKeys.length, s.slug).toBeLessThanOrEqual(4);
      expect(new Set(s.legalKeys).size, s.slug).toBe(s.legalKeys.length);
      expect(s.content.legalBasis.length, s.slug).toBe(s.legalKeys.length);
      s.legalKeys.forEach((key, i) => {
        const doc = docs.get(key);
        expect(doc, `${s.slug}: ${key}`).toBeDefined();
        expect(s.content.legalBasis[i]!.citation).toBe(legalCitation(doc!));
      });
    }
  });

  it('[P-1] every service has all 14 components of the Standar Pelayanan filled', () => {
    for (const { slug, content: c } of parsed) {
      // Delivery
      expect(c.requirements.length, `${slug} requirements`).toBeGreaterThan(0);
      expect(c.procedure.length, `${slug} procedure`).toBeGreaterThan(0);
      expect(c.completionDays, `${slug} completionDays`).not.toBeNull();
      expect(c.fee, `${slug} fee`).not.toBeNull();
      expect(c.product, `${slug} product`).not.toBeNull();
      expect(c.complaintHandling.trim(), `${slug} complaintHandling`).not.toBe('');
      // Organisation
      expect(c.legalBasis.length, `${slug} legalBasis`).toBeGreaterThan(0);
      expect(c.facilities.trim(), `${slug} facilities`).not.toBe('');
      expect(c.staffCompetence.trim(), `${slug} staffCompetence`).not.toBe('');
      expect(c.internalSupervision.trim(), `${slug} internalSupervision`).not.toBe('');
      expect(c.staffCount, `${slug} staffCount`).not.toBeNull();
      expect(c.serviceGuarantee.trim(), `${slug} serviceGuarantee`).not.toBe('');
      expect(c.securityGuarantee.trim(), `${slug} securityGuarantee`).not.toBe('');
      expect(c.performanceEvaluation.trim(), `${slug} performanceEvaluation`).not.toBe('');
      // And what the portal needs; the publication rule agrees.
      expect(c.summary.trim(), `${slug} summary`).not.toBe('');
      expect(c.sectors.length, `${slug} sectors`).toBeGreaterThan(0);
      expect(c.channels.length, `${slug} channels`).toBeGreaterThan(0);
      if (c.channels.includes('counter')) expect(c.counterInfo.trim(), `${slug} counterInfo`).not.toBe('');
      expect(missingForPublication(c), slug).toEqual([]);
    }
  });

  it('[P-1] components are specific: sizes within the brief and no text shared by every service', () => {
    for (const { slug, content: c } of parsed) {
      expect(c.requirements.length, slug).toBeGreaterThanOrEqual(2);
      expect(c.requirements.length, slug).toBeLessThanOrEqual(7);
      expect(c.procedure.length, slug).toBeGreaterThanOrEqual(3);
      expect(c.procedure.length, slug).toBeLessThanOrEqual(7);
      expect(c.keywords.length, slug).toBeGreaterThanOrEqual(3);
      expect(c.keywords.length, slug).toBeLessThanOrEqual(8);
      for (const r of c.requirements.filter((r) => r.kind === 'document')) expect(r.fileTypes.length, `${slug}.${r.key}`).toBeGreaterThan(0);
    }
    for (const component of ['complaintHandling', 'facilities', 'staffCompetence', 'internalSupervision', 'serviceGuarantee', 'securityGuarantee', 'performanceEvaluation'] as const) {
      const distinct = new Set(parsed.map((s) => s.content[component]));
      expect(distinct.size, component).toBeGreaterThan(10);
    }
  });

  it('[P-5] covers the five priority sectors of seed 001 plus health, transport and tourism', () => {
    const covered = new Set(parsed.flatMap((s) => s.content.sectors));
    for (const s of sectors.filter((s) => s.priority)) expect(covered.has(s.code), s.code).toBe(true);
    for (const code of ['kesehatan', 'perhubungan', 'pariwisata'] as const) expect(covered.has(code), code).toBe(true);
    for (const s of sectors.filter((s) => s.priority)) {
      expect(parsed.filter((p) => p.content.sectors.includes(s.code)).length, s.code).toBeGreaterThanOrEqual(4);
    }
  });

  it('[P-1] fees mix free, fixed-by-regulation and tariff tables with quantities', () => {
    const kinds = new Set(parsed.map((s) => s.content.fee!.kind));
    expect(kinds.has('free')).toBe(true);
    expect(kinds.has('fixed')).toBe(true);
    expect(kinds.has('tariff')).toBe(true);
    const quantityLines = parsed.flatMap((s) => (s.content.fee?.kind === 'tariff' ? s.content.fee.lines.filter((l) => l.quantityField) : []));
    expect(quantityLines.length).toBeGreaterThan(0);
  });

  it('[P-1] channels: most services both online and at the counter, some counter-only, some online-only', () => {
    const both = parsed.filter((s) => s.content.channels.includes('online') && s.content.channels.includes('counter'));
    const counterOnly = parsed.filter((s) => s.content.channels.length === 1 && s.content.channels[0] === 'counter');
    const onlineOnly = parsed.filter((s) => s.content.channels.length === 1 && s.content.channels[0] === 'online');
    expect(both.length).toBeGreaterThan(parsed.length / 2);
    expect(counterOnly.length).toBeGreaterThanOrEqual(1);
    expect(onlineOnly.length).toBeGreaterThanOrEqual(3);
  });

  it('[P-1] every document requirement has exactly one file field, and every file field references a document requirement', () => {
    for (const { slug, content, form } of parsed) {
      const fields = fieldsOf(form);
      const files = fields.filter((f) => f.type === 'file');
      for (const r of content.requirements.filter((r) => r.kind === 'document')) {
        expect(files.filter((f) => f.requirementKey === r.key).length, `${slug}: ${r.key}`).toBe(1);
      }
      const documents = new Set(content.requirements.filter((r) => r.kind === 'document').map((r) => r.key));
      for (const f of files) expect(documents.has(f.requirementKey ?? ''), `${slug}: ${f.key}`).toBe(true);
      for (const f of fields.filter((f) => f.type !== 'file')) expect(f.requirementKey, `${slug}: ${f.key}`).toBeUndefined();
      expect(unboundDocumentRequirements(form, content), slug).toEqual([]);
    }
  });

  it('[P-1] field keys are unique per form and visibleIf references an earlier field', () => {
    for (const { slug, form } of parsed) {
      const seen = new Map<string, (typeof form.sections)[number]['fields'][number]>();
      for (const f of fieldsOf(form)) {
        expect(seen.has(f.key), `${slug}: duplicate ${f.key}`).toBe(false);
        if (f.visibleIf) {
          const target = seen.get(f.visibleIf.field);
          expect(target, `${slug}: ${f.key} depends on ${f.visibleIf.field}`).toBeDefined();
          expect(['yesno', 'choice'], `${slug}: ${f.key}`).toContain(target!.type);
          if (target!.type === 'choice') expect(target!.options.map((o) => o.value), `${slug}: ${f.key}`).toContain(f.visibleIf.equals);
          if (target!.type === 'yesno') expect(typeof f.visibleIf.equals, `${slug}: ${f.key}`).toBe('boolean');
        }
        seen.set(f.key, f);
      }
    }
    expect(parsed.filter((s) => fieldsOf(s.form).some((f) => f.visibleIf)).length).toBeGreaterThanOrEqual(5);
  });

  it('[P-1][P-4] forms are renderable: 1–3 sections, 4–12 fields, prefilled identity, and no problems reported by the rules', () => {
    for (const { slug, content, form } of parsed) {
      expect(form.sections.length, slug).toBeGreaterThanOrEqual(1);
      expect(form.sections.length, slug).toBeLessThanOrEqual(3);
      const fields = fieldsOf(form);
      expect(fields.length, slug).toBeGreaterThanOrEqual(4);
      expect(fields.length, slug).toBeLessThanOrEqual(12);
      for (const f of fields) {
        if (f.type === 'choice') expect(f.options.length, `${slug}: ${f.key}`).toBeGreaterThanOrEqual(2);
        if (f.type === 'address') expect(f.addressLevel, `${slug}: ${f.key}`).toBeDefined();
        // [P-4] identity fields are never typed twice
        if (['nik', 'nib', 'email', 'phone'].includes(f.type) || ['nama', 'nama_usaha', 'npwp', 'alamat'].includes(f.key)) {
          expect(f.prefill, `${slug}: ${f.key}`).toBeDefined();
        }
      }
      expect(fields.some((f) => f.prefill), slug).toBe(true);
      expect(formProblems(form, content), slug).toEqual([]);
    }
  });

  it('[P-11] offers English names and summaries for at least 10 services', () => {
    expect(parsed.filter((s) => s.content.nameEn && s.content.summaryEn).length).toBeGreaterThanOrEqual(10);
  });

  it('[P-1] exactly one service is named "Izin Usaha Mikro …", owned by DPMPTSP', () => {
    const micro = parsed.filter((s) => s.content.name.includes('Izin Usaha Mikro'));
    expect(micro).toHaveLength(1);
    expect(micro[0]!.agencySlug).toBe('dpmptsp');
    expect(micro[0]!.content.keywords).toContain('izin usaha');
  });
});

describe('demo catalogue data files', () => {
  it('are all listed, and each one holds services', () => {
    const dir = fs.readdirSync(new URL('./demo-data/', import.meta.url)).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
    expect([...demoDataFiles].sort()).toEqual(dir.sort());
    for (const name of demoDataFiles) expect(loadDemoServices(name).length).toBeGreaterThan(0);
  });

  it('a service that breaks the catalogue schema is refused, naming the file and the service', () => {
    const [first] = loadDemoServices('transport');
    const broken = JSON.stringify([{ ...first, content: { ...first!.content, name: 42 } }]);
    expect(() => loadDemoServices('transport', broken)).toThrow(new RegExp(`demo-data/transport\\.json: service 1 \\(${first!.slug}\\): content\\.name`));
    expect(() => loadDemoServices('transport', '{}')).toThrow(/a list of services expected/);
  });
});
