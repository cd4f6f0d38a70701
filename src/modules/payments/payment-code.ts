// Payment code (kode bayar, P-7): 14 digits, the last a Luhn check digit, random. Issued
// codes are unique (UNIQUE column; the issuer retries on a collision). `validPaymentCode`
// rejects mistyped codes (any single wrong digit, most swaps of neighbours) before any lookup.
import { randomInt } from 'node:crypto';

export const PAYMENT_CODE_LENGTH = 14;

/** Luhn check digit for a string of digits. */
export function luhnCheckDigit(payload: string): number {
  let sum = 0;
  for (let i = 0; i < payload.length; i++) {
    let d = payload.charCodeAt(payload.length - 1 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** A new random code; the first digit is never 0 (so spreadsheets keep it intact). */
export function generatePaymentCode(rand: (max: number) => number = (max) => randomInt(max)): string {
  let payload = String(1 + rand(9));
  while (payload.length < PAYMENT_CODE_LENGTH - 1) payload += String(rand(10));
  return payload + String(luhnCheckDigit(payload));
}

/** Spaces, dots and dashes people type between groups are dropped. */
export function normalizePaymentCode(input: string): string {
  return input.replace(/[\s.\-]/g, '');
}

/** True for a well-formed code whose check digit matches. */
export function validPaymentCode(input: string): boolean {
  const code = normalizePaymentCode(input);
  if (!/^[1-9]\d{11,15}$/.test(code)) return false;
  return luhnCheckDigit(code.slice(0, -1)) === Number(code.at(-1));
}

/** `1234 5678 9012 34` for display (groups of 4). */
export function formatPaymentCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1 ');
}
