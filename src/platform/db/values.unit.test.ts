import { describe, expect, it } from 'vitest';
import { isUniqueViolation, parseJson, uniqueViolation } from './values.ts';

describe('db values', () => {
  it('parses json text and passes parsed values through', () => {
    expect(parseJson<{ a: number }>('{"a":1}')).toEqual({ a: 1 });
    const obj = { a: 1 };
    expect(parseJson(obj)).toBe(obj);
    expect(parseJson(null)).toBeNull();
    expect(() => parseJson('{')).toThrow();
  });

  it('recognises a unique violation by its SQLSTATE, and its constraint by name, message or detail', () => {
    const pg = { code: '23505', constraint: 'bills_payment_code_key', message: 'duplicate key value violates unique constraint "bills_payment_code_key"' };
    const bare = { code: '23505', message: 'duplicate key value violates unique constraint "bills_payment_code_key"' };
    expect(uniqueViolation(pg)).toMatchObject({ constraint: 'bills_payment_code_key' });
    expect(uniqueViolation(bare)).toMatchObject({ constraint: null });
    expect(isUniqueViolation(pg)).toBe(true);
    expect(isUniqueViolation(pg, 'bills_payment_code_key')).toBe(true);
    expect(isUniqueViolation(bare, 'bills_payment_code_key')).toBe(true);
    expect(isUniqueViolation(pg, 'other_key')).toBe(false);
    expect(isUniqueViolation({ code: '23503' })).toBe(false);
    expect(isUniqueViolation(null)).toBe(false);
    expect(isUniqueViolation(new Error('x'))).toBe(false);
  });
});
