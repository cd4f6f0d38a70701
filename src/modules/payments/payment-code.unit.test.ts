import { describe, expect, it } from 'vitest';
import { formatPaymentCode, generatePaymentCode, luhnCheckDigit, validPaymentCode } from './payment-code.ts';

describe('payment code', () => {
  it('[P-7] generated codes are 14 digits with a valid check digit', () => {
    for (let i = 0; i < 200; i++) {
      const c = generatePaymentCode();
      expect(c).toMatch(/^[1-9]\d{13}$/);
      expect(validPaymentCode(c)).toBe(true);
    }
    expect(luhnCheckDigit('7992739871')).toBe(3);
  });

  it('[P-7] every single mistyped digit and a swap of neighbours is rejected', () => {
    const c = generatePaymentCode();
    for (let i = 0; i < c.length; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === c[i]) continue;
        expect(validPaymentCode(c.slice(0, i) + d + c.slice(i + 1))).toBe(false);
      }
    }
    expect(validPaymentCode('12345')).toBe(false);
    expect(validPaymentCode('abc')).toBe(false);
    expect(validPaymentCode(formatPaymentCode(c))).toBe(true);
    expect(validPaymentCode('79927398713')).toBe(false); // too short though Luhn-valid
  });
});
