import { describe, expect, it } from 'vitest';
import { checkTotp, groupSecret, newTotpSecret, totpCodeAt, totpStep, totpUri } from './totp.ts';

// RFC 6238 appendix B secret ("12345678901234567890" in base32), SHA1, 8 digits there; we use 6.
const rfcSecret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('TOTP (RFC 6238, SHA1, 6 digits, 30 s)', () => {
  it('[S-1] matches the RFC 6238 test vectors (last 6 digits)', () => {
    expect(totpCodeAt(rfcSecret, 59_000)).toBe('287082');
    expect(totpCodeAt(rfcSecret, 1_111_111_109_000)).toBe('081804');
    expect(totpCodeAt(rfcSecret, 1_234_567_890_000)).toBe('005924');
  });

  it('[S-1] accepts the current code and one step either side, nothing further', () => {
    const now = 1_700_000_015_000;
    const step = totpStep(now);
    expect(checkTotp(rfcSecret, totpCodeAt(rfcSecret, now), null, now)).toEqual({ ok: true, step });
    expect(checkTotp(rfcSecret, totpCodeAt(rfcSecret, now - 30_000), null, now)).toEqual({ ok: true, step: step - 1 });
    expect(checkTotp(rfcSecret, totpCodeAt(rfcSecret, now + 30_000), null, now)).toEqual({ ok: true, step: step + 1 });
    expect(checkTotp(rfcSecret, totpCodeAt(rfcSecret, now + 90_000), null, now)).toEqual({ ok: false, reason: 'wrong' });
  });

  it('[S-1] refuses a code whose step is not after the last accepted one (replay)', () => {
    const now = 1_700_000_015_000;
    const code = totpCodeAt(rfcSecret, now);
    const step = totpStep(now);
    expect(checkTotp(rfcSecret, code, step, now)).toEqual({ ok: false, reason: 'replayed' });
    expect(checkTotp(rfcSecret, code, step + 1, now)).toEqual({ ok: false, reason: 'replayed' });
    expect(checkTotp(rfcSecret, code, step - 1, now)).toEqual({ ok: true, step });
  });

  it('[S-5] refuses malformed codes', () => {
    for (const bad of ['', '12345', '1234567', 'abcdef', '12 34 5']) expect(checkTotp(rfcSecret, bad, null).ok).toBe(false);
    const now = 1_700_000_015_000;
    const spaced = totpCodeAt(rfcSecret, now).replace(/(\d{3})/, '$1 ');
    expect(checkTotp(rfcSecret, spaced, null, now).ok).toBe(true);
  });

  it('makes 160-bit base32 secrets, an otpauth URI with the issuer, and groups the secret for reading', () => {
    const s = newTotpSecret();
    expect(s).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(s);
    const uri = totpUri(s, 'admin@pemda.go.id', 'Simpul Provinsi Contoh');
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect(uri).toContain('issuer=Simpul%20Provinsi%20Contoh');
    expect(uri).toContain('algorithm=SHA1');
    expect(uri).toContain('digits=6');
    expect(uri).toContain('period=30');
    expect(groupSecret('ABCDEFGHIJ')).toBe('ABCD EFGH IJ');
  });
});
