// The sealing helpers of issued documents (P-12): Ed25519 over the SHA-256, key ids, codes,
// numbering, validity and the state shown to the public.
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ed25519PemFromSeed } from '../../config.ts';
import {
  dateIn,
  documentState,
  formatDocumentNumber,
  isVerificationCode,
  newVerificationCode,
  sha256Hex,
  signDigest,
  signingKeyFrom,
  validUntil,
  verifyDigest,
} from './documents.signing.ts';

const pem = () => crypto.generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();

describe('document signing', () => {
  it('[P-12] a signature over the SHA-256 verifies with the public key, and fails for another file or key', () => {
    const key = signingKeyFrom(pem());
    const sha = sha256Hex(Buffer.from('%PDF-1.3 izin usaha %%EOF'));
    const sig = signDigest(key, sha);
    expect(Buffer.from(sig, 'base64')).toHaveLength(64);
    expect(verifyDigest(key.publicKeyPem, sha, sig)).toBe(true);
    expect(verifyDigest(key.publicKeyPem, sha256Hex(Buffer.from('%PDF-1.3 izin usahA %%EOF')), sig)).toBe(false);
    expect(verifyDigest(signingKeyFrom(pem()).publicKeyPem, sha, sig)).toBe(false);
    expect(verifyDigest(key.publicKeyPem, sha, 'not base64 at all')).toBe(false);
    expect(verifyDigest('not a key', sha, sig)).toBe(false);
    expect(() => signDigest(key, 'abc')).toThrow();
  });

  it('[P-12] the key id follows the public key; the development key is stable for one seed', () => {
    const seed = crypto.createHash('sha256').update('seed').digest();
    const a = signingKeyFrom(ed25519PemFromSeed(seed));
    const b = signingKeyFrom(ed25519PemFromSeed(seed));
    expect(a.keyId).toBe(b.keyId);
    expect(a.keyId).toMatch(/^ed25519:[0-9a-f]{16}$/);
    expect(signingKeyFrom(pem()).keyId).not.toBe(a.keyId);
    const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(() => signingKeyFrom(rsa)).toThrow(/Ed25519/);
  });

  it('[P-12] verification codes are random, URL-safe and at least 20 characters', () => {
    const codes = new Set(Array.from({ length: 200 }, newVerificationCode));
    expect(codes.size).toBe(200);
    for (const c of codes) {
      expect(c).toMatch(/^[A-Za-z0-9_-]{24}$/);
      expect(isVerificationCode(c)).toBe(true);
    }
    expect(isVerificationCode('short')).toBe(false);
    expect(isVerificationCode('<script>alert(1)</script>xxxxx')).toBe(false);
  });

  it('[P-12] numbers, validity and state', () => {
    expect(formatDocumentNumber(1, 'dpmptsp', 2026)).toBe('503/0001/DPMPTSP/2026');
    expect(formatDocumentNumber(12345, 'Dinkes Prov', 2027)).toBe('503/12345/DINKES-PROV/2027');
    expect(validUntil('2026-03-15', { years: 1, months: 0 })).toBe('2027-03-14');
    expect(validUntil('2026-01-31', { years: 0, months: 1 })).toBe('2026-02-28');
    expect(validUntil('2028-02-29', { years: 1, months: 0 })).toBe('2029-02-28');
    expect(validUntil('2026-11-01', { years: 0, months: 3 })).toBe('2027-01-31');
    expect(validUntil('2026-03-15', null)).toBeNull();
    expect(validUntil('2026-03-15', { years: 0, months: 0 })).toBeNull();
    // 23:30 UTC on 14 March is already 15 March in WITA.
    expect(dateIn('Asia/Makassar', new Date('2027-03-14T23:30:00Z'))).toBe('2027-03-15');
    const doc = { status: 'valid' as const, validUntil: '2027-03-14' };
    expect(documentState(doc, new Date('2027-03-14T15:00:00Z'), 'Asia/Makassar')).toBe('valid');
    expect(documentState(doc, new Date('2027-03-14T16:30:00Z'), 'Asia/Makassar')).toBe('expired');
    expect(documentState({ status: 'revoked', validUntil: null }, new Date(), 'Asia/Makassar')).toBe('revoked');
    expect(documentState({ status: 'valid', validUntil: null }, new Date('2099-01-01'), 'Asia/Jakarta')).toBe('valid');
  });
});
