// Pure rules of coordination requests (G-1; seed 000 Pasal 2, seed 004 Pasal 6): which action
// moves a request from which state, who (agency or Dinas) may take it, what it needs; and
// when a progress report is overdue. No database here.
import type { CoordinationState } from './registers.tables.ts';
import { localDateOf, type RegionTimeZone } from '../../platform/calendar/working-time.ts';

export type CoordinationAction = 'submit' | 'start_review' | 'recommend' | 'request_changes' | 'approve' | 'decline';

export interface TransitionRule {
  from: readonly CoordinationState[];
  to: CoordinationState | 'same';
  /** 'agency': the requesting agency's staff; 'dinas': the Dinas Kominfo SPBE team. */
  side: 'agency' | 'dinas';
  /** A note (reason, requested changes) is required. */
  needsNote?: boolean;
  /** The Dinas's technical recommendation must have been given first. */
  needsRecommendation?: boolean;
}

export const coordinationStates: readonly CoordinationState[] = ['draft', 'submitted', 'in_review', 'changes_requested', 'approved', 'declined'];

export const transitions: Record<CoordinationAction, TransitionRule> = {
  submit: { from: ['draft', 'changes_requested'], to: 'submitted', side: 'agency' },
  start_review: { from: ['submitted'], to: 'in_review', side: 'dinas' },
  recommend: { from: ['in_review'], to: 'same', side: 'dinas' },
  request_changes: { from: ['in_review'], to: 'changes_requested', side: 'dinas', needsNote: true },
  approve: { from: ['in_review'], to: 'approved', side: 'dinas', needsRecommendation: true },
  decline: { from: ['submitted', 'in_review'], to: 'declined', side: 'dinas', needsNote: true },
};

export const coordinationActions = Object.keys(transitions) as CoordinationAction[];

/** The request's fields can be edited by the agency only before the Dinas has it. */
export const editableStates: readonly CoordinationState[] = ['draft', 'changes_requested'];

export function nextState(state: CoordinationState, action: CoordinationAction): CoordinationState | null {
  const rule = transitions[action];
  if (!rule.from.includes(state)) return null;
  return rule.to === 'same' ? state : rule.to;
}

/** Actions available in `state` to a side. */
export function actionsFor(state: CoordinationState, side: 'agency' | 'dinas'): CoordinationAction[] {
  return coordinationActions.filter((a) => transitions[a].side === side && transitions[a].from.includes(state));
}

/** `YYYY-MM-DD` plus `months` calendar months (the day clamped to the month's end). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * An approved request expects a progress report every `periodMonths` counted from the last
 * report (or from the approval). Overdue when `today` (region calendar date) is after the due date.
 */
export function progressDue(input: { state: CoordinationState; approvedOn: string | null; lastReportOn: string | null; periodMonths: number; today: string }): {
  dueOn: string | null;
  overdue: boolean;
} {
  if (input.state !== 'approved' || !input.approvedOn) return { dueOn: null, overdue: false };
  const from = input.lastReportOn && input.lastReportOn > input.approvedOn ? input.lastReportOn : input.approvedOn;
  const dueOn = addMonths(from, input.periodMonths);
  return { dueOn, overdue: input.today > dueOn };
}

/** The calendar date of `instant` in `timeZone`, `YYYY-MM-DD`. */
export function calendarDay(instant: Date, timeZone: string): string {
  return localDateOf(timeZone as RegionTimeZone, instant);
}
