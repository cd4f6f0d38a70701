import { describe, expect, it } from 'vitest';
import { stepFromValues, stepToValues } from './workflow.backoffice.tsx';
import { addMonths } from './workflow.service.ts';
import { sopStepSchema, type SopStep } from './workflow.schemas.ts';

describe('SOP forms and review dates', () => {
  it('[P-6] a step survives the round trip through the form, branches included', () => {
    const s: SopStep = {
      key: 'verifikasi',
      name: 'Verifikasi',
      role: 'verifier',
      timeAllowed: { amount: 4, unit: 'hours' },
      actions: ['forward', 'send_back'],
      branches: [
        { label: 'Perlu survei lapangan', next: 'survei' },
        { label: 'Tidak', next: 'ttd' },
      ],
      billing: true,
    };
    const back = stepFromValues(stepToValues(s));
    expect(back.errors).toEqual([]);
    expect(sopStepSchema.parse(back.step)).toEqual(s);
  });

  it('[P-6][S-5] the step form names missing actions, bad amounts and malformed branches', () => {
    const r = stepFromValues({ key: 'a', name: 'A', role: 'operator', amount: '-1', unit: 'days', branches: 'tanpa panah' });
    expect(r.errors.map((e) => e.field).sort()).toEqual(['actions', 'amount', 'branches']);
  });

  it('[P-6] review dates: one year on, clamped at month ends and leap days', () => {
    expect(addMonths('2026-11-23', 12)).toBe('2027-11-23');
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
  });
});
