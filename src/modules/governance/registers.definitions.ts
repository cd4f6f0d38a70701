// The simple governance registers as definitions of the register framework.
import { dateFlag, defineRegister, domainProblem } from './registers.framework.ts';

/** G-10 (seed 004 Pasal 13 (5)–(9)): data sharing between system operators by agreement. */
export const dataSharing = defineRegister({
  key: 'data-sharing-agreements',
  slug: 'berbagi-data',
  requirement: 'G-10',
  agencyRequired: true,
  manageAction: 'governance.registers.manage',
  order: 10,
  titleField: 'title',
  listColumns: ['title', 'parties', 'validTo'],
  fields: [
    { key: 'title', kind: 'text', required: true },
    { key: 'parties', kind: 'textarea', required: true, max: 1000 },
    { key: 'dataSets', kind: 'textarea', required: true },
    { key: 'basis', kind: 'select', required: true, options: ['agreement', 'sop', 'head_order'] },
    { key: 'legalBasis', kind: 'text', required: true, max: 500 },
    { key: 'purpose', kind: 'textarea', required: true },
    { key: 'validFrom', kind: 'date', required: true },
    { key: 'validTo', kind: 'date' },
    { key: 'confidentialityDuty', kind: 'textarea', required: true },
    { key: 'dataQualityDuty', kind: 'textarea', required: true },
    { key: 'documentUrl', kind: 'url' },
  ],
  check: (d) => (typeof d.validTo === 'string' && typeof d.validFrom === 'string' && d.validTo < d.validFrom ? [{ field: 'validTo', key: 'gov.reg.to_before_from' }] : []),
  flags: (d, today) => dateFlag(d.validTo, today, 0, 'gov.reg.flag.expired', 'gov.reg.flag.expiring'),
});

/** G-11 (seed 004 Pasal 15): domains and subdomains under the region's domain. */
export const domains = defineRegister({
  key: 'domains',
  slug: 'domain',
  requirement: 'G-11',
  agencyRequired: true,
  manageAction: 'governance.registers.manage',
  order: 20,
  titleField: 'name',
  listColumns: ['name', 'application', 'expiresOn', 'sslExpiresOn'],
  fields: [
    { key: 'name', kind: 'text', required: true, max: 253 },
    { key: 'application', kind: 'text' },
    { key: 'purpose', kind: 'select', required: true, options: ['agency_site', 'application', 'service', 'other'] },
    { key: 'expiresOn', kind: 'date' },
    { key: 'sslExpiresOn', kind: 'date' },
  ],
  check: (d, ctx) => {
    const problem = typeof d.name === 'string' ? domainProblem(d.name, ctx.regionDomain) : null;
    return problem ? [{ field: 'name', key: problem, params: { domain: ctx.regionDomain } }] : [];
  },
  flags: (d, today) => [
    ...dateFlag(d.expiresOn, today, 30, 'gov.reg.flag.domain_expired', 'gov.reg.flag.domain_expiring'),
    ...dateFlag(d.sslExpiresOn, today, 30, 'gov.reg.flag.ssl_expired', 'gov.reg.flag.ssl_expiring'),
  ],
});

/** G-12 (seed 004 Pasal 9–12): CIO, deputy, steering team, each agency's system operator contact. */
export const people = defineRegister({
  key: 'governance-people',
  slug: 'pengelola',
  requirement: 'G-12',
  agencyRequired: false,
  manageAction: 'governance.registers.manage_region',
  order: 30,
  titleField: 'name',
  listColumns: ['role', 'name', 'position', 'activeTo'],
  fields: [
    { key: 'role', kind: 'select', required: true, options: ['cio', 'deputy_cio', 'steering_member', 'pse_contact'] },
    { key: 'name', kind: 'text', required: true },
    { key: 'position', kind: 'text', required: true },
    { key: 'decreeNumber', kind: 'text' },
    { key: 'decreeDate', kind: 'date' },
    { key: 'activeFrom', kind: 'date', required: true },
    { key: 'activeTo', kind: 'date' },
    { key: 'contact', kind: 'text' },
  ],
  check: (d) => (typeof d.activeTo === 'string' && typeof d.activeFrom === 'string' && d.activeTo < d.activeFrom ? [{ field: 'activeTo', key: 'gov.reg.to_before_from' }] : []),
  flags: (d, today) => dateFlag(d.activeTo, today, 0, 'gov.reg.flag.inactive', 'gov.reg.flag.inactive'),
});

/** G-14 (seed 003 IV.3.1): risk register. */
export const risks = defineRegister({
  key: 'risks',
  slug: 'risiko',
  requirement: 'G-14',
  agencyRequired: true,
  manageAction: 'governance.registers.manage',
  order: 40,
  titleField: 'title',
  listColumns: ['title', 'likelihood', 'impact', 'status', 'reviewOn'],
  fields: [
    { key: 'title', kind: 'text', required: true },
    { key: 'description', kind: 'textarea', required: true },
    { key: 'category', kind: 'select', required: true, options: ['infrastructure', 'application', 'security', 'data', 'hr', 'other'] },
    { key: 'likelihood', kind: 'select', required: true, options: ['low', 'medium', 'high'] },
    { key: 'impact', kind: 'select', required: true, options: ['low', 'medium', 'high', 'critical'] },
    { key: 'owner', kind: 'text', required: true },
    { key: 'mitigation', kind: 'textarea' },
    { key: 'status', kind: 'select', required: true, options: ['open', 'mitigating', 'closed'] },
    { key: 'reviewOn', kind: 'date' },
  ],
  flags: (d, today) => (d.status !== 'closed' ? dateFlag(d.reviewOn, today, 0, 'gov.reg.flag.review_overdue', 'gov.reg.flag.review_overdue') : []),
});

/** G-14: information-security incidents. */
export const incidents = defineRegister({
  key: 'security-incidents',
  slug: 'insiden',
  requirement: 'G-14',
  agencyRequired: true,
  manageAction: 'governance.registers.manage',
  order: 50,
  titleField: 'title',
  listColumns: ['title', 'occurredOn', 'severity', 'status'],
  fields: [
    { key: 'title', kind: 'text', required: true },
    { key: 'occurredOn', kind: 'date', required: true },
    { key: 'system', kind: 'text' },
    { key: 'severity', kind: 'select', required: true, options: ['low', 'medium', 'high', 'critical'] },
    { key: 'description', kind: 'textarea', required: true },
    { key: 'owner', kind: 'text', required: true },
    { key: 'status', kind: 'select', required: true, options: ['open', 'contained', 'resolved'] },
    { key: 'resolvedOn', kind: 'date' },
    { key: 'actions', kind: 'textarea' },
  ],
  check: (d) => (d.status === 'resolved' && !d.resolvedOn ? [{ field: 'resolvedOn', key: 'gov.reg.resolved_needs_date' }] : []),
});

/** G-14: change requests. */
export const changes = defineRegister({
  key: 'change-requests',
  slug: 'perubahan',
  requirement: 'G-14',
  agencyRequired: true,
  manageAction: 'governance.registers.manage',
  order: 60,
  titleField: 'title',
  listColumns: ['title', 'system', 'impact', 'status', 'requestedOn'],
  fields: [
    { key: 'title', kind: 'text', required: true },
    { key: 'system', kind: 'text', required: true },
    { key: 'description', kind: 'textarea', required: true },
    { key: 'impact', kind: 'select', required: true, options: ['low', 'medium', 'high'] },
    { key: 'owner', kind: 'text', required: true },
    { key: 'status', kind: 'select', required: true, options: ['proposed', 'approved', 'rejected', 'implemented'] },
    { key: 'requestedOn', kind: 'date', required: true },
    { key: 'plannedOn', kind: 'date' },
    { key: 'implementedOn', kind: 'date' },
  ],
});

/** G-13 (seed 004 Pasal 20): administrative sanctions — oral or written warning. */
export const sanctions = defineRegister({
  key: 'sanctions',
  slug: 'sanksi',
  requirement: 'G-13',
  agencyRequired: true,
  manageAction: 'governance.registers.manage_region',
  order: 70,
  titleField: 'breach',
  listColumns: ['kind', 'breach', 'issuedOn', 'issuedBy'],
  fields: [
    { key: 'breach', kind: 'textarea', required: true, max: 2000 },
    { key: 'kind', kind: 'select', required: true, options: ['oral_warning', 'written_warning'] },
    { key: 'basis', kind: 'text', required: true, max: 500 },
    { key: 'issuedOn', kind: 'date', required: true },
    { key: 'issuedBy', kind: 'text', required: true },
    { key: 'letterNumber', kind: 'text' },
  ],
});
