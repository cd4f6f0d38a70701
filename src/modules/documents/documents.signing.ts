// Sealing issued documents (P-12): the SHA-256 of the PDF bytes is signed with the region's
// Ed25519 key (node:crypto). The key id is derived from the public key, so a rotated key gets
// a new id and the public keys of earlier ones stay in `signing_keys` for verification.
import crypto from 'node:crypto';

export interface SigningKey {
  /** `ed25519:<first 16 hex of the SHA-256 of the public key (SPKI DER)>`. */
  keyId: string;
  privateKey: crypto.KeyObject;
  publicKeyPem: string;
}

/** The signing key from its PEM (PKCS#8) private key. */
export function signingKeyFrom(privatePem: string): SigningKey {
  const privateKey = crypto.createPrivateKey(privatePem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('The document signing key must be Ed25519');
  const publicKey = crypto.createPublicKey(privateKey);
  const der = publicKey.export({ format: 'der', type: 'spki' });
  const keyId = `ed25519:${crypto.createHash('sha256').update(der).digest('hex').slice(0, 16)}`;
  return { keyId, privateKey, publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString() };
}

export function sha256Hex(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

/** Ed25519 signature (base64) over the 32 raw bytes of the hex SHA-256 digest. */
export function signDigest(key: SigningKey, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('Not a SHA-256 hex digest');
  return crypto.sign(null, Buffer.from(sha256, 'hex'), key.privateKey).toString('base64');
}

/** Whether `signature` (base64) is the signature of `sha256` by the public key (PEM). Never throws. */
export function verifyDigest(publicKeyPem: string, sha256: string, signature: string): boolean {
  try {
    if (!/^[0-9a-f]{64}$/.test(sha256)) return false;
    return crypto.verify(null, Buffer.from(sha256, 'hex'), crypto.createPublicKey(publicKeyPem), Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** A random, URL-safe verification code: 24 characters (144 bits). */
export function newVerificationCode(): string {
  return crypto.randomBytes(18).toString('base64url');
}

/** Verification codes as they may be typed: URL-safe base64 letters, 20–64 characters. */
export function isVerificationCode(v: string): boolean {
  return /^[A-Za-z0-9_-]{20,64}$/.test(v);
}

/** `503/0001/DPMPTSP/2026`: the classification code, the running number, the agency, the year. */
export function formatDocumentNumber(n: number, shortName: string, year: number, code = '503'): string {
  const agency = shortName.toUpperCase().replace(/[^A-Z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'X';
  return `${code}/${String(n).padStart(4, '0')}/${agency}/${year}`;
}

/**
 * Last day of validity (`YYYY-MM-DD`) of a document issued on `issuedOn` (`YYYY-MM-DD`, the
 * region's calendar) valid for `years` and `months`: the day before the same date that many
 * years and months later (issued 15 March 2026 for 1 year: valid until 14 March 2027).
 */
export function validUntil(issuedOn: string, validity: { years: number; months: number } | null | undefined): string | null {
  if (!validity || validity.years * 12 + validity.months <= 0) return null;
  const [y, m, d] = issuedOn.split('-').map(Number) as [number, number, number];
  const total = (m - 1) + validity.months + 12 * (y + validity.years);
  const ty = Math.floor(total / 12);
  const tm = total % 12;
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  // The same day of the target month, the day before; when that month is too short (issued on
  // 31 January for one month), its last day.
  if (d > last) return new Date(Date.UTC(ty, tm, last)).toISOString().slice(0, 10);
  const end = new Date(Date.UTC(ty, tm, d));
  end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
}

/** `YYYY-MM-DD` of an instant in a time zone. */
export function dateIn(timeZone: string, at: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export type DocumentState = 'valid' | 'expired' | 'revoked';

/**
 * Revoked wins; then expired when the reminders job marked it so (P-8), or once the region's
 * date is past the last day of validity (before the job has run).
 */
export function documentState(doc: { status: 'valid' | 'expired' | 'revoked'; validUntil: string | null }, now: Date, timeZone: string): DocumentState {
  if (doc.status === 'revoked') return 'revoked';
  if (doc.status === 'expired') return 'expired';
  if (doc.validUntil && dateIn(timeZone, now) > doc.validUntil) return 'expired';
  return 'valid';
}
