// The audit-findings section of the M&E report to the Governor (E-4): open findings by
// severity, findings past their due date, and the agencies (and the region) whose
// infrastructure audit is overdue (older than two years or missing), as of the period's end.
import { formatInteger } from '../../platform/format.ts';
import { defineReportSection } from '../../platform/reports/sections.ts';
import { regionTimeZone } from '../agencies/index.ts';
import { calendarDay } from './coordination.rules.ts';
import { createAuditService, severities } from './audits.service.ts';

export function defineAuditReportSection(): void {
  const audits = createAuditService();
  defineReportSection({
    key: 'governance.audits',
    report: 'monev',
    order: 40,
    async build({ q, period, t }) {
      const tz = await regionTimeZone(q);
      // The period's last day: `to` is exclusive.
      const asOf = calendarDay(new Date(period.to.getTime() - 1), tz);
      const bySeverity = await audits.openFindingsBySeverity(q);
      const lateFindings = await q.selectFrom('gov_audit_findings').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'open').where('due_date', '<', asOf).executeTakeFirst();
      const inPeriod = await q.selectFrom('gov_audits').select((eb) => eb.fn.countAll<number>().as('n')).where('end_date', '>=', calendarDay(period.from, tz)).where('end_date', '<=', asOf).executeTakeFirst();
      const infra = (await audits.infrastructureStatus(q, null, asOf)).filter((s) => s.overdue);
      return {
        heading: t('gov.reg.report.heading'),
        blocks: [
          {
            kind: 'keyValue',
            rows: [
              { label: t('gov.reg.report.audits_in_period'), value: formatInteger(Number(inPeriod?.n ?? 0)) },
              ...severities.map((s) => ({ label: t('gov.reg.report.open', { severity: t(`gov.reg.opt.${s}`) }), value: formatInteger(bySeverity[s]), strong: s === 'critical' || s === 'high' })),
              { label: t('gov.reg.report.late_findings'), value: formatInteger(Number(lateFindings?.n ?? 0)) },
            ],
          },
          { kind: 'heading', text: t('gov.reg.audit.infra_heading') },
          {
            kind: 'table',
            columns: [{ header: t('gov.reg.agency'), width: 3 }, { header: t('gov.reg.audit.last_infra'), width: 1 }],
            rows: infra.map((s) => [s.agencyId ? s.name : t('gov.reg.audit.region_wide', { name: s.name }), s.lastAuditOn ?? t('gov.reg.audit.never')]),
            emptyText: t('gov.reg.audit.infra_none_late'),
          },
        ],
      };
    },
  });
}
