import { describe, expect, it } from 'vitest';
import { transferTimeProblem } from './confirmation-rules.ts';

describe('transfer time of a confirmation', () => {
  const issued = new Date('2026-11-10T01:00:00Z');
  const now = new Date('2026-11-12T03:00:00Z');
  it('[P-7] accepts a time between the day before the bill and a few minutes from now', () => {
    expect(transferTimeProblem(new Date('2026-11-11T05:00:00Z'), issued, now)).toBeNull();
    expect(transferTimeProblem(new Date('2026-11-09T02:00:00Z'), issued, now)).toBeNull();
    expect(transferTimeProblem(new Date('2026-11-12T03:09:00Z'), issued, now)).toBeNull();
  });
  it('[P-7] refuses a time in the future or before the bill was issued', () => {
    expect(transferTimeProblem(new Date('2026-11-12T03:11:00Z'), issued, now)).toBe('payments.confirm.date_future');
    expect(transferTimeProblem(new Date('2026-11-09T00:59:00Z'), issued, now)).toBe('payments.confirm.date_before_bill');
    expect(transferTimeProblem(new Date('2025-01-01T00:00:00Z'), issued, now)).toBe('payments.confirm.date_before_bill');
  });
});
