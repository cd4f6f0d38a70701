import { describe, expect, it } from 'vitest';
import { parseReminderDays } from '../../config.ts';
import { addDays, daysBetween, dueOffset, isPastValidity } from './reminders.logic.ts';

describe('document reminder schedule', () => {
  it('[P-8] counts calendar days across months and leap years', () => {
    expect(daysBetween('2026-01-31', '2026-03-01')).toBe(29);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2026-03-10', '2026-03-01')).toBe(-9);
    expect(addDays('2026-12-25', 10)).toBe('2027-01-04');
  });

  it('[P-8] the nearest opened window is due: 60, then 30, then 7; nothing before 60 days or after expiry', () => {
    const o = [60, 30, 7];
    expect(dueOffset('2026-01-01', addDays('2026-01-01', 61), o)).toBeNull();
    expect(dueOffset('2026-01-01', addDays('2026-01-01', 60), o)).toBe(60);
    expect(dueOffset('2026-01-01', addDays('2026-01-01', 31), o)).toBe(60);
    expect(dueOffset('2026-01-01', addDays('2026-01-01', 30), o)).toBe(30);
    expect(dueOffset('2026-01-01', addDays('2026-01-01', 7), o)).toBe(7);
    expect(dueOffset('2026-01-01', '2026-01-01', o)).toBe(7);
    expect(dueOffset('2026-01-02', '2026-01-01', o)).toBeNull();
  });

  it('[P-8] after missed days only the nearest reminder is due, not the missed ones', () => {
    expect(dueOffset('2026-01-01', addDays('2026-01-01', 5), [60, 30, 7])).toBe(7);
    expect(dueOffset('2026-01-01', addDays('2026-01-01', 20), [60, 30, 7])).toBe(30);
  });

  it('[P-8] expired from the day after the last day of validity; no validity never expires', () => {
    expect(isPastValidity('2026-03-14', '2026-03-14')).toBe(false);
    expect(isPastValidity('2026-03-15', '2026-03-14')).toBe(true);
    expect(isPastValidity('2099-01-01', null)).toBe(false);
  });

  it('[P-8] DOCUMENT_REMINDER_DAYS: positive whole numbers, duplicates dropped, largest first', () => {
    expect(parseReminderDays('7, 60,30,7')).toEqual([60, 30, 7]);
    expect(parseReminderDays('14')).toEqual([14]);
    expect(() => parseReminderDays('0,30')).toThrow(/DOCUMENT_REMINDER_DAYS/);
    expect(() => parseReminderDays('30,-7')).toThrow(/DOCUMENT_REMINDER_DAYS/);
    expect(() => parseReminderDays('1.5')).toThrow(/DOCUMENT_REMINDER_DAYS/);
    expect(() => parseReminderDays(' , ')).toThrow(/DOCUMENT_REMINDER_DAYS/);
  });
});
