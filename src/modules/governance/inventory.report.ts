// The inventory section of the ICT monitoring and evaluation report (E-4): applications by
// kind and status, hand-overs accepted/pending, ICT staff totals of the period's year and
// active assets by condition. Reads only the inventory tables (through the service).
import { formatInteger } from '../../platform/format.ts';
import { defineReportSection } from '../../platform/reports/sections.ts';
import type { Inventory } from './inventory.service.ts';
import { appKinds, appStatuses, assetConditions } from './inventory.schemas.ts';

export function defineInventoryReportSection(inventory: Pick<Inventory, 'figures'>): void {
  defineReportSection({
    key: 'governance.inventory',
    report: 'monev',
    order: 20,
    async build({ q, period, t }) {
      // The year the period ends in (its end is exclusive).
      const year = new Date(period.to.getTime() - 1).getUTCFullYear();
      const f = await inventory.figures(q, null, year);
      const row = (label: string, value: number) => [label, formatInteger(value)];
      const columns = [
        { header: t('gov.inv.report.figure'), width: 3 },
        { header: t('gov.inv.report.value'), width: 1, align: 'right' as const },
      ];
      return {
        heading: t('gov.inv.report.heading'),
        blocks: [
          { kind: 'heading', text: `${t('gov.inv.report.apps')} — ${t('gov.inv.report.by_kind')}` },
          { kind: 'table', columns, rows: appKinds.map((k) => row(t(`gov.inv.app.kind.${k}`), f.applicationsByKind[k] ?? 0)) },
          { kind: 'heading', text: `${t('gov.inv.report.apps')} — ${t('gov.inv.report.by_status')}` },
          { kind: 'table', columns, rows: appStatuses.map((s) => row(t(`gov.inv.app.status.${s}`), f.applicationsByStatus[s] ?? 0)) },
          { kind: 'keyValue', rows: [{ label: t('gov.inv.report.handover'), value: `${f.handoverAccepted} / ${f.handoverPending}` }] },
          { kind: 'heading', text: t('gov.inv.report.staff', { year, count: f.staffTotals.agenciesReported }) },
          {
            kind: 'table',
            columns,
            rows: [
              row(t('gov.inv.staff.civil_servants'), f.staffTotals.civilServants),
              row(t('gov.inv.staff.ict_able'), f.staffTotals.ictAble),
              row(t('gov.inv.staff.ability_good'), f.staffTotals.abilityGood),
              row(t('gov.inv.staff.ability_fair'), f.staffTotals.abilityFair),
              row(t('gov.inv.staff.ict_specialists'), f.staffTotals.ictSpecialists),
            ],
          },
          { kind: 'heading', text: t('gov.inv.report.assets') },
          { kind: 'table', columns, rows: assetConditions.map((c) => row(t(`gov.inv.asset.condition.${c}`), f.assetsByCondition[c] ?? 0)) },
        ],
      };
    },
  });
}
