// TOTP (RFC 6238) as authenticator apps expect it: SHA1, 6 digits, 30-second steps.
// Pure functions around `otpauth`; the service stores secrets encrypted and remembers the
// last accepted step so a code is never accepted twice.
import { Secret, TOTP } from 'otpauth';

export const TOTP_PERIOD = 30;
export const TOTP_DIGITS = 6;
/** Codes from one step before or after the current one are accepted (clock drift). */
export const TOTP_WINDOW = 1;

/** A new random secret (160 bits), base32 as authenticator apps show it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secretBase32: string, label = 'Simpul', issuer = 'Simpul'): TOTP {
  return new TOTP({
    issuer,
    label,
    algorithm: 'SHA1',
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** The otpauth:// URI encoded in the enrolment QR code. */
export function totpUri(secretBase32: string, label: string, issuer: string): string {
  return totp(secretBase32, label, issuer).toString();
}

/** The secret in groups of four characters, easier to type by hand. */
export function groupSecret(secretBase32: string): string {
  return secretBase32.replace(/(.{4})(?=.)/g, '$1 ');
}

/** The time step of an instant. */
export function totpStep(timestampMs: number): number {
  return Math.floor(timestampMs / 1000 / TOTP_PERIOD);
}

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: 'wrong' | 'replayed' };

/**
 * Checks a code against the secret at `now` (±1 step). A code whose step is not after
 * `lastStep` (the last one accepted for this user) is a replay and is refused.
 */
export function checkTotp(secretBase32: string, token: string, lastStep: number | null, now = Date.now()): TotpCheck {
  const code = token.replace(/\s/g, '');
  if (!/^[0-9]{6}$/.test(code)) return { ok: false, reason: 'wrong' };
  const delta = totp(secretBase32).validate({ token: code, timestamp: now, window: TOTP_WINDOW });
  if (delta === null) return { ok: false, reason: 'wrong' };
  const step = totpStep(now) + delta;
  if (lastStep !== null && step <= lastStep) return { ok: false, reason: 'replayed' };
  return { ok: true, step };
}

/** The code for `secretBase32` at `now` (tests, and nothing else). */
export function totpCodeAt(secretBase32: string, now = Date.now()): string {
  return totp(secretBase32).generate({ timestamp: now });
}
