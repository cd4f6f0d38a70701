// Pure checks of an SOP's graph (P-6): what must hold before a definition can be submitted
// for approval. Each problem names the field (`steps.<i>.<part>`) and a message key.
import type { FieldError } from '../../platform/http/errors.ts';
import type { SopDefinition } from './workflow.schemas.ts';

/** The steps a step can lead to: its `next` (when it forwards) and its branches' targets. */
export function successors(step: SopDefinition['steps'][number]): string[] {
  const out: string[] = [];
  if (step.next) out.push(step.next);
  for (const b of step.branches ?? []) out.push(b.next);
  return out;
}

/**
 * Problems of a definition: empty, duplicate keys, duplicate actions, unknown next/branch
 * targets, a forwarding step with nowhere to go, a next/branches on a step that cannot
 * forward, unreachable steps, no step that can approve, and cycles (the graph must be
 * acyclic: a send-back goes to the applicant, never back along the graph).
 */
export function sopProblems(def: SopDefinition): FieldError[] {
  const problems: FieldError[] = [];
  const steps = def.steps;
  if (steps.length === 0) return [{ field: 'steps', key: 'workflow.rule.empty' }];
  const index = new Map<string, number>();
  steps.forEach((s, i) => {
    if (index.has(s.key)) problems.push({ field: `steps.${i}.key`, key: 'workflow.rule.duplicate_key', params: { key: s.key } });
    else index.set(s.key, i);
  });
  steps.forEach((s, i) => {
    if (new Set(s.actions).size !== s.actions.length) problems.push({ field: `steps.${i}.actions`, key: 'workflow.rule.duplicate_action' });
    const forwards = s.actions.includes('forward');
    const hasBranches = (s.branches?.length ?? 0) > 0;
    if (forwards && !s.next && !hasBranches) problems.push({ field: `steps.${i}.next`, key: 'workflow.rule.forward_nowhere', params: { step: s.name } });
    if (!forwards && (s.next || hasBranches)) problems.push({ field: `steps.${i}.next`, key: 'workflow.rule.next_without_forward', params: { step: s.name } });
    if (s.next && !index.has(s.next)) problems.push({ field: `steps.${i}.next`, key: 'workflow.rule.unknown_target', params: { step: s.name, target: s.next } });
    (s.branches ?? []).forEach((b, j) => {
      if (!index.has(b.next)) problems.push({ field: `steps.${i}.branches.${j}.next`, key: 'workflow.rule.unknown_target', params: { step: s.name, target: b.next } });
    });
    if (s.next === s.key || (s.branches ?? []).some((b) => b.next === s.key)) problems.push({ field: `steps.${i}.next`, key: 'workflow.rule.cycle', params: { step: s.name } });
  });
  if (!steps.some((s) => s.actions.includes('approve'))) problems.push({ field: 'steps', key: 'workflow.rule.no_approve' });

  // Reachability from the first step.
  const seen = new Set<string>();
  const queue = [steps[0]!.key];
  while (queue.length) {
    const k = queue.shift()!;
    if (seen.has(k)) continue;
    seen.add(k);
    const i = index.get(k);
    if (i === undefined) continue;
    for (const n of successors(steps[i]!)) if (index.has(n) && !seen.has(n)) queue.push(n);
  }
  steps.forEach((s, i) => {
    if (index.get(s.key) === i && !seen.has(s.key)) problems.push({ field: `steps.${i}.key`, key: 'workflow.rule.unreachable', params: { step: s.name } });
  });

  // Cycles (longer than a self-loop, which is reported above): depth-first search.
  const state = new Map<string, 1 | 2>();
  let cycleAt: number | null = null;
  const visit = (k: string): void => {
    if (cycleAt !== null) return;
    state.set(k, 1);
    const i = index.get(k)!;
    for (const n of successors(steps[i]!)) {
      if (!index.has(n) || n === k) continue;
      const st = state.get(n);
      if (st === 1) {
        cycleAt = i;
        return;
      }
      if (st === undefined) visit(n);
      if (cycleAt !== null) return;
    }
    state.set(k, 2);
  };
  for (const k of index.keys()) if (!state.has(k)) visit(k);
  if (cycleAt !== null) problems.push({ field: `steps.${cycleAt}.next`, key: 'workflow.rule.cycle', params: { step: steps[cycleAt]!.name } });
  return problems;
}
