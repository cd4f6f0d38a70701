// Pure rules of GOV-REG: coordination transitions and progress due dates (G-1), the
// infrastructure-audit cycle and the closing rule (G-7), the domain rule (G-11), date flags.
import { describe, expect, it } from 'vitest';
import { actionsFor, addMonths, nextState, progressDue } from './coordination.rules.ts';
import { closingProblem, infrastructureAuditStatus } from './audits.rules.ts';
import { dateFlag, domainProblem, entrySchema } from './registers.framework.ts';
import { domains } from './registers.definitions.ts';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { allMessageKeys } from '../../platform/views/i18n.ts';
import { coordinationActions, coordinationStates } from './coordination.rules.ts';
import { registers } from './registers.framework.ts';

describe('coordination rules', () => {
  it('[G-1] follows draft → submitted → in_review → changes_requested → submitted → in_review → approved', () => {
    expect(nextState('draft', 'submit')).toBe('submitted');
    expect(nextState('submitted', 'start_review')).toBe('in_review');
    expect(nextState('in_review', 'recommend')).toBe('in_review');
    expect(nextState('in_review', 'request_changes')).toBe('changes_requested');
    expect(nextState('changes_requested', 'submit')).toBe('submitted');
    expect(nextState('in_review', 'approve')).toBe('approved');
    expect(nextState('submitted', 'decline')).toBe('declined');
  });

  it('[G-1] refuses illegal moves', () => {
    expect(nextState('draft', 'approve')).toBeNull();
    expect(nextState('approved', 'submit')).toBeNull();
    expect(nextState('declined', 'start_review')).toBeNull();
    expect(nextState('submitted', 'approve')).toBeNull();
    expect(actionsFor('in_review', 'agency')).toEqual([]);
    expect(actionsFor('in_review', 'dinas').sort()).toEqual(['approve', 'decline', 'recommend', 'request_changes']);
  });

  it('[G-1] a progress report is due every period after approval or the last report', () => {
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    const base = { state: 'approved' as const, approvedOn: '2026-01-10', lastReportOn: null, periodMonths: 3 };
    expect(progressDue({ ...base, today: '2026-04-10' })).toEqual({ dueOn: '2026-04-10', overdue: false });
    expect(progressDue({ ...base, today: '2026-04-11' }).overdue).toBe(true);
    expect(progressDue({ ...base, lastReportOn: '2026-04-01', today: '2026-06-30' }).overdue).toBe(false);
    expect(progressDue({ ...base, state: 'in_review', today: '2030-01-01' }).overdue).toBe(false);
  });
});

describe('audit rules', () => {
  it('[G-7] infrastructure audit older than two years or missing is overdue', () => {
    const s = infrastructureAuditStatus(
      [
        { agencyId: null, name: 'Region' },
        { agencyId: 'a', name: 'A' },
        { agencyId: 'b', name: 'B' },
      ],
      [
        { agencyId: 'a', endDate: '2024-06-30' },
        { agencyId: 'a', endDate: '2023-01-01' },
        { agencyId: null, endDate: '2025-01-15' },
      ],
      '2026-07-01',
    );
    expect(s.map((x) => [x.name, x.lastAuditOn, x.overdue])).toEqual([
      ['Region', '2025-01-15', false],
      ['A', '2024-06-30', true],
      ['B', null, true],
    ]);
  });

  it('[G-7] closing a finding needs a note, and only once', () => {
    expect(closingProblem({ status: 'open' }, '  ')).toBe('gov.reg.audit.close_needs_note');
    expect(closingProblem({ status: 'closed' }, 'done')).toBe('gov.reg.audit.finding_closed');
    expect(closingProblem({ status: 'open' }, 'Patched and re-tested')).toBeNull();
  });
});

describe('register framework', () => {
  it("[G-11] a domain must be under the region's domain", () => {
    expect(domainProblem('sipd.kupangkota.go.id', 'kupangkota.go.id')).toBeNull();
    expect(domainProblem('kupangkota.go.id', 'kupangkota.go.id')).toBeNull();
    expect(domainProblem('evilkupangkota.go.id', 'kupangkota.go.id')).toBe('gov.reg.domain.outside');
    expect(domainProblem('app.example.com', 'kupangkota.go.id')).toBe('gov.reg.domain.outside');
    expect(domainProblem('https://app.kupangkota.go.id/x', 'kupangkota.go.id')).toBe('gov.reg.domain.invalid');
  });

  it('[G-11] flags expiry within 30 days and expired', () => {
    expect(dateFlag('2026-12-20', '2026-11-23', 30, 'gov.reg.flag.expired', 'gov.reg.flag.expiring')).toEqual(['gov.reg.flag.expiring']);
    expect(dateFlag('2026-11-22', '2026-11-23', 30, 'gov.reg.flag.expired', 'gov.reg.flag.expiring')).toEqual(['gov.reg.flag.expired']);
    expect(dateFlag('2027-02-01', '2026-11-23', 30, 'gov.reg.flag.expired', 'gov.reg.flag.expiring')).toEqual([]);
  });

  it('validates fields from the definition', () => {
    const ok = entrySchema(domains).safeParse({ name: 'a.b.go.id', purpose: 'application', expiresOn: '2026-02-30' });
    expect(ok.success).toBe(false);
    expect(entrySchema(domains).safeParse({ name: 'a.b.go.id', purpose: 'application', expiresOn: '' }).success).toBe(true);
  });

  it('has Indonesian and English messages for every key', () => {
    const idKeys = allMessageKeys('id').filter((k) => k.startsWith('gov.reg.'));
    const enKeys = new Set(allMessageKeys('en').filter((k) => k.startsWith('gov.reg.')));
    expect(idKeys.length).toBeGreaterThan(100);
    expect(idKeys.filter((k) => !enKeys.has(k))).toEqual([]);
  });

  it('every key GOV-REG uses exists in Indonesian and English', () => {
    const dir = path.dirname(fileURLToPath(import.meta.url));
    const used = new Set<string>();
    const mine = /^(registers|coordination|audits)\.(?!.*test).*\.tsx?$/;
    for (const f of readdirSync(dir).filter((f) => mine.test(f))) {
      for (const m of readFileSync(path.join(dir, f), 'utf8').matchAll(/'(gov\.reg\.[a-zA-Z0-9_.]+[a-zA-Z0-9_])'/g)) used.add(m[1]!);
    }
    for (const s of coordinationStates) used.add(`gov.reg.coord.state.${s}`);
    for (const a of coordinationActions) {
      used.add(`gov.reg.coord.action.${a}`);
      used.add(`gov.reg.coord.event.${a}`);
    }
    for (const k of ['create', 'progress']) used.add(`gov.reg.coord.event.${k}`);
    for (const k of ['new_application', 'procurement', 'network', 'other', 'infrastructure', 'application', 'security', 'internal', 'external', 'low', 'medium', 'high', 'critical']) used.add(`gov.reg.opt.${k}`);
    for (const def of registers()) {
      used.add(`gov.reg.${def.key}.title`);
      used.add(`gov.reg.${def.key}.description`);
      for (const f of def.fields) {
        used.add(`gov.reg.${def.key}.f.${f.key}`);
        for (const o of f.options ?? []) used.add(`gov.reg.opt.${o}`);
      }
    }
    const id = new Set(allMessageKeys('id'));
    const en = new Set(allMessageKeys('en'));
    expect([...used].filter((k) => !id.has(k) || !en.has(k))).toEqual([]);
    expect(used.size).toBeGreaterThan(150);
  });
});
