// TOTP recovery codes: ten one-time codes a person keeps on paper for the day the phone with
// the authenticator app is lost. Shown once, stored as a keyed hash (HMAC-SHA256 with the
// server's secret and the user id): a code has ~49 random bits and attempts are throttled, so
// a slow password hash would add nothing, and a stolen table without the key is worthless.
import crypto from 'node:crypto';

export const RECOVERY_CODE_COUNT = 10;
/** No 0/o, 1/l/i: read off paper without doubt. 31 symbols, 10 of them: ~49.5 bits. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const LENGTH = 10;

/** One code as shown: `abcde-fgh23`. */
export function newRecoveryCode(): string {
  let s = '';
  for (let i = 0; i < LENGTH; i++) s += ALPHABET[crypto.randomInt(ALPHABET.length)];
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}

export function newRecoveryCodes(n = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: n }, newRecoveryCode);
}

/** The code as typed, without spaces or dashes, in lower case. */
export function normalizeRecoveryCode(typed: string): string {
  return typed.replace(/[\s-]/g, '').toLowerCase();
}

/** Looks like a recovery code (not a six-digit authenticator code). */
export function isRecoveryCode(typed: string): boolean {
  return new RegExp(`^[${ALPHABET}]{${LENGTH}}$`).test(normalizeRecoveryCode(typed));
}

/** The stored form: HMAC-SHA256(key, "totp-recovery-v1:<user id>:<code>"), hex. */
export function recoveryCodeHash(key: string, userId: string, typed: string): string {
  return crypto.createHmac('sha256', key).update(`totp-recovery-v1:${userId}:${normalizeRecoveryCode(typed)}`).digest('hex');
}

/** The codes as a text file to download or print. */
export function recoveryCodesText(title: string, lines: string[], codes: string[]): string {
  return [title, '', ...lines, '', ...codes.map((c, i) => `${String(i + 1).padStart(2, ' ')}. ${c}`), ''].join('\n');
}
