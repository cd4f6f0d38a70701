import { describe, it, expect } from 'vitest';
import { agencyTypes, demoAgencies, demoRegion } from './demo-region.ts';

const unique = (values: string[]) => new Set(values).size === values.length;

describe('demo region', () => {
  it('is a WITA province with a real province code', () => {
    expect(demoRegion).toMatchObject({ name: 'Provinsi Contoh', level: 'province', kodeWilayah: '53', timezone: 'Asia/Makassar' });
  });

  it('has 35–45 agencies', () => {
    expect(demoAgencies.length).toBeGreaterThanOrEqual(35);
    expect(demoAgencies.length).toBeLessThanOrEqual(45);
  });

  it('has unique slugs, short names and subdomains', () => {
    expect(unique(demoAgencies.map((a) => a.slug))).toBe(true);
    expect(unique(demoAgencies.map((a) => a.shortName))).toBe(true);
    expect(unique(demoAgencies.map((a) => a.subdomain))).toBe(true);
  });

  it('uses only known agency types', () => {
    for (const agency of demoAgencies) expect(agencyTypes, agency.slug).toContain(agency.type);
  });

  it('[G-11] uses kebab-case ASCII slugs, slug subdomains and slug e-mail addresses on the region domain', () => {
    for (const agency of demoAgencies) {
      expect(agency.slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(agency.subdomain).toBe(agency.slug);
      expect(agency.email).toBe(`${agency.slug}@${demoRegion.domain}`);
    }
  });

  it('includes the platform operator (Diskominfo) and the one-stop licensing office (DPMPTSP)', () => {
    const slugs = demoAgencies.map((a) => a.slug);
    expect(slugs).toContain('diskominfo');
    expect(slugs).toContain('dpmptsp');
    expect(demoAgencies.find((a) => a.slug === 'dpmptsp')?.shortName).toBe('DPMPTSP');
  });
});
