// The audit chain's arithmetic, pure so that both engines, the verifier and any outside
// auditor agree: canonical JSON, domain-separated SHA-256 (as certificate-transparency logs
// do, so an event digest can never be passed off as a chain hash), and Ed25519 checkpoints.
import crypto from 'node:crypto';

/** The chain hash before the first event. */
export const GENESIS = '0'.repeat(64);

/** JSON with object keys sorted at every level, dates as ISO strings; the one byte form hashed. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('canonicalJson: not a finite number');
  return JSON.stringify(value);
}

function sha256(domain: string, ...parts: string[]): string {
  const h = crypto.createHash('sha256');
  h.update(domain);
  for (const p of parts) h.update('\0').update(p);
  return h.digest('hex');
}

/** What of an audit event the chain covers: everything recorded about it. */
export interface AuditEventContent {
  id: number;
  occurredAt: Date | string;
  actorId: string | null;
  actorLabel: string;
  ip: string | null;
  requestId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  agencyId: string | null;
  before: unknown;
  after: unknown;
}

export function eventDigest(e: AuditEventContent): string {
  const occurredAt = e.occurredAt instanceof Date ? e.occurredAt.toISOString() : new Date(e.occurredAt).toISOString();
  return sha256('simpul-audit-event-v1', canonicalJson({ ...e, occurredAt }));
}

/** The chain hash after appending the event with `digest` as number `seq`. */
export function chainHash(previous: string, seq: number, eventId: number, digest: string): string {
  return sha256('simpul-audit-chain-v1', previous, String(seq), String(eventId), digest);
}

/** The bytes a checkpoint signature covers. */
export function checkpointMessage(c: { seq: number; chainHash: string; signedAt: string }): Buffer {
  return Buffer.from(`simpul-audit-checkpoint-v1\0${c.seq}\0${c.chainHash}\0${c.signedAt}`);
}

export interface SigningKey {
  /** Short id of the public key (first 16 hex of its SHA-256), printed with every checkpoint. */
  keyId: string;
  publicKeyPem: string;
  sign(message: Buffer): string;
}

export function keyIdOf(publicKeyPem: string): string {
  const der = crypto.createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  return crypto.createHash('sha256').update(der).digest('hex').slice(0, 16);
}

/** An Ed25519 signing key from its PKCS#8 PEM. */
export function signingKeyFromPem(privateKeyPem: string): SigningKey {
  const privateKey = crypto.createPrivateKey(privateKeyPem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('The audit signing key must be an Ed25519 private key (PEM).');
  const publicKeyPem = crypto.createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  return {
    keyId: keyIdOf(publicKeyPem),
    publicKeyPem,
    sign: (message) => crypto.sign(null, message, privateKey).toString('base64'),
  };
}

export function generateSigningKeyPem(): string {
  return crypto.generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

export function verifyCheckpointSignature(publicKeyPem: string, c: { seq: number; chainHash: string; signedAt: string; signature: string }): boolean {
  try {
    return crypto.verify(null, checkpointMessage(c), crypto.createPublicKey(publicKeyPem), Buffer.from(c.signature, 'base64'));
  } catch {
    return false;
  }
}
