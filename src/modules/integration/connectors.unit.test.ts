// Contract test of the Dukcapil NIK verification connector: every implementation (the local
// fixture today, the national one behind the same interface) keeps these shapes.
import { describe, expect, it } from 'vitest';
import { localNikVerifier, nikVerificationRequest, nikVerificationResponse, type NikVerifier } from './connectors.ts';
import { signatureHeader, verifySignature } from './webhooks.ts';

const implementations: NikVerifier[] = [localNikVerifier()];

describe.each(implementations.map((v) => [v.name, v] as const))('NIK verifier contract (%s)', (_name, verifier) => {
  it('[I-4] accepts exactly the pinned request shape', () => {
    expect(nikVerificationRequest.safeParse({ nik: '3204010101900001', name: 'Siti', birthDate: '1990-01-01' }).success).toBe(true);
    expect(nikVerificationRequest.safeParse({ nik: '320401010190000', name: 'Siti', birthDate: '1990-01-01' }).success).toBe(false);
    expect(nikVerificationRequest.safeParse({ nik: '3204010101900001', name: '', birthDate: '1990-01-01' }).success).toBe(false);
    expect(nikVerificationRequest.safeParse({ nik: '3204010101900001', name: 'Siti', birthDate: '01-01-1990' }).success).toBe(false);
  });

  it('[I-4] answers match flags only, never the person’s data', async () => {
    const hit = await verifier.verify({ nik: '3204010101900001', name: 'siti  aminah', birthDate: '1990-01-01' });
    expect(nikVerificationResponse.parse(hit)).toEqual(hit);
    expect(Object.keys(hit).sort()).toEqual(['found', 'match', 'source']);
    expect(hit).toMatchObject({ found: true, match: { name: true, birthDate: true } });
    const wrong = await verifier.verify({ nik: '3204010101900001', name: 'Siti Aminah', birthDate: '1991-01-01' });
    expect(wrong.match).toEqual({ name: true, birthDate: false });
    const none = await verifier.verify({ nik: '9999999999999999', name: 'X', birthDate: '1990-01-01' });
    expect(none).toMatchObject({ found: false, match: { name: false, birthDate: false } });
    expect(JSON.stringify(hit)).not.toContain('3204010101900001');
  });
});

describe('webhook signatures', () => {
  it('[I-3] sign t.body with HMAC-SHA256, refuse replays outside 300 s and accept either secret during rotation', () => {
    const now = 1_800_000_000;
    const h = signatureHeader(['whsec_a', 'whsec_b'], now, '{"id":"e1"}');
    expect(h).toMatch(/^t=1800000000,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
    expect(verifySignature(h, '{"id":"e1"}', ['whsec_b'], now + 299)).toBe(true);
    expect(verifySignature(h, '{"id":"e1"}', ['whsec_b'], now + 301)).toBe(false);
    expect(verifySignature(h, '{"id":"e2"}', ['whsec_a'], now)).toBe(false);
    expect(verifySignature('v1=abc', '{}', ['whsec_a'], now)).toBe(false);
    expect(verifySignature(undefined, '{}', ['whsec_a'], now)).toBe(false);
  });
});
