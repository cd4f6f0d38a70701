// Pure rules of ICT audits (G-7; seed 002 Pasal 13): the infrastructure audit is due at least
// every two years, per agency and for the region; a finding closes only with a follow-up note.
import { addMonths } from './coordination.rules.ts';
import { type MessageKey } from '../../platform/views/i18n.ts';

export const INFRASTRUCTURE_AUDIT_MONTHS = 24;

export interface AuditSubject {
  /** null: the region as a whole. */
  agencyId: string | null;
  name: string;
}

export interface InfrastructureAuditStatus extends AuditSubject {
  /** End date of the last infrastructure audit, or null when none. */
  lastAuditOn: string | null;
  dueOn: string | null;
  /** "terlambat": never audited, or the last audit ended more than two years before today. */
  overdue: boolean;
}

/**
 * For each subject, the last infrastructure audit (by end date) and whether it is overdue on
 * `today` (a region calendar date, YYYY-MM-DD).
 */
export function infrastructureAuditStatus(
  subjects: AuditSubject[],
  audits: { agencyId: string | null; endDate: string }[],
  today: string,
): InfrastructureAuditStatus[] {
  const last = new Map<string, string>();
  for (const a of audits) {
    const k = a.agencyId ?? '';
    if (!last.has(k) || last.get(k)! < a.endDate) last.set(k, a.endDate);
  }
  return subjects.map((s) => {
    const lastAuditOn = last.get(s.agencyId ?? '') ?? null;
    const dueOn = lastAuditOn ? addMonths(lastAuditOn, INFRASTRUCTURE_AUDIT_MONTHS) : null;
    return { ...s, lastAuditOn, dueOn, overdue: !dueOn || today > dueOn };
  });
}

/** Why a finding cannot be closed with this follow-up, or null. */
export function closingProblem(finding: { status: 'open' | 'closed' }, note: string): MessageKey | null {
  if (finding.status === 'closed') return 'gov.reg.audit.finding_closed';
  if (!note.trim()) return 'gov.reg.audit.close_needs_note';
  return null;
}
