import { describe, expect, it } from 'vitest';
import { sopProblems } from './workflow.rules.ts';
import { sopDefinitionSchema, type SopDefinition, type SopStep } from './workflow.schemas.ts';

const step = (key: string, over: Partial<SopStep> = {}): SopStep => ({
  key,
  name: `Langkah ${key}`,
  role: 'verifier',
  timeAllowed: { amount: 1, unit: 'days' },
  actions: ['forward'],
  next: undefined,
  ...over,
});

const good: SopDefinition = {
  steps: [
    step('verifikasi', { actions: ['forward', 'send_back', 'reject'], branches: [{ label: 'Perlu survei lapangan', next: 'survei' }, { label: 'Tidak', next: 'ttd' }] }),
    step('survei', { role: 'operator', timeAllowed: { amount: 3, unit: 'days' }, next: 'ttd' }),
    step('ttd', { role: 'signing_official', timeAllowed: { amount: 8, unit: 'hours' }, actions: ['approve', 'reject'], billing: true }),
  ],
};

const keys = (d: SopDefinition) => sopProblems(d).map((p) => `${p.field}:${p.key}`);

describe('sopProblems [P-6]', () => {
  it('[P-6] accepts a branching acyclic SOP', () => {
    expect(sopDefinitionSchema.safeParse(good).success).toBe(true);
    expect(sopProblems(good)).toEqual([]);
  });

  it('[P-6][S-5] refuses an empty SOP and one where no step can approve', () => {
    expect(keys({ steps: [] })).toEqual(['steps:workflow.rule.empty']);
    expect(keys({ steps: [step('a', { actions: ['reject'] })] })).toEqual(['steps:workflow.rule.no_approve']);
  });

  it('[P-6][S-5] names duplicate keys and unknown targets', () => {
    const d = { steps: [step('a', { next: 'x' }), step('a', { actions: ['approve'] })] };
    expect(keys(d)).toContain('steps.1.key:workflow.rule.duplicate_key');
    expect(keys(d)).toContain('steps.0.next:workflow.rule.unknown_target');
    const b = { steps: [step('a', { branches: [{ label: 'Ya', next: 'nope' }] }), step('b', { actions: ['approve'] })] };
    expect(keys(b)).toContain('steps.0.branches.0.next:workflow.rule.unknown_target');
  });

  it('[P-6][S-5] a forwarding step needs somewhere to go; next needs forward', () => {
    expect(keys({ steps: [step('a'), step('b', { actions: ['approve'] })] })).toContain('steps.0.next:workflow.rule.forward_nowhere');
    expect(keys({ steps: [step('a', { actions: ['approve'], next: 'b' }), step('b', { actions: ['approve'] })] })).toContain('steps.0.next:workflow.rule.next_without_forward');
  });

  it('[P-6][S-5] finds unreachable steps', () => {
    const d = { steps: [step('a', { actions: ['approve'] }), step('b', { actions: ['approve'] })] };
    expect(keys(d)).toEqual(['steps.1.key:workflow.rule.unreachable']);
  });

  it('[P-6][S-5] refuses cycles, including self-loops', () => {
    const d = { steps: [step('a', { next: 'b' }), step('b', { actions: ['forward', 'approve'], next: 'a' })] };
    expect(keys(d).some((k) => k.endsWith('workflow.rule.cycle'))).toBe(true);
    const self = { steps: [step('a', { actions: ['forward', 'approve'], next: 'a' })] };
    expect(keys(self)).toContain('steps.0.next:workflow.rule.cycle');
  });

  it('[P-6][S-5] the schema refuses unknown roles, units, actions and zero time', () => {
    const bad = { steps: [{ ...step('a'), role: 'citizen' }] };
    expect(sopDefinitionSchema.safeParse(bad).success).toBe(false);
    expect(sopDefinitionSchema.safeParse({ steps: [step('a', { timeAllowed: { amount: 0, unit: 'days' } })] }).success).toBe(false);
    expect(sopDefinitionSchema.safeParse({ steps: [{ ...step('a'), timeAllowed: { amount: 1, unit: 'weeks' } }] }).success).toBe(false);
    expect(sopDefinitionSchema.safeParse({ steps: [step('a', { actions: [] })] }).success).toBe(false);
    expect(sopDefinitionSchema.safeParse({ steps: [{ ...step('a'), actions: ['delete'] }] }).success).toBe(false);
  });
});
