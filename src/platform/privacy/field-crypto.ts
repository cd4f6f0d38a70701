// Encryption at rest of a person's identifiers (UU PDP; issue item "encryption at rest"):
// application-level AES-256-GCM envelopes with a key id, and blind indexes (HMAC-SHA256 over
// a normalised value, with a separate key) so exact lookups still work on ciphertext.
//
// A sealed value is `enc1:<key id>:<base64url(iv 12 | tag 16 | ciphertext)>` and is stored in
// the same column that used to hold the clear value, so backups, the subject export's table
// list and erasure (set the column to NULL) keep working. The key id says which key opens it:
// several keys may be configured (DATA_KEYS), the first one seals; rotation re-seals rows
// with the active key in batches while every configured key still opens (no downtime); a key
// may be removed once no row names it. Keys never live in the database.
//
// A value without the `enc1:` prefix is a row written before encryption (or by an old node
// during a rolling upgrade): `open` returns it as it is and the backfill seals it.
//
// The keyring is installed once by the composition root from the validated configuration
// (`installFieldCrypto`); code that reads a person's row calls `fieldCrypto()`. Development
// and tests use a fixed, public dev keyring; production refuses to start without keys
// (src/config.ts).
import crypto from 'node:crypto';

export const sealedPrefix = 'enc1:';

/** The kinds of value with a blind index; the kind is part of the HMAC input (domain separation). */
export type BlindIndexKind = 'nik' | 'phone' | 'email';

export class FieldCryptoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FieldCryptoError';
  }
}

export interface DataKey {
  id: string;
  /** 32 bytes. */
  key: Buffer;
}

export interface FieldKeys {
  /** The first key seals; all of them open. */
  dataKeys: DataKey[];
  /** HMAC key of the blind indexes (32+ bytes). */
  indexKey: Buffer;
}

const keyIdPattern = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * Parses DATA_KEYS: `id:base64key[,id:base64key…]`, the first one active. Each key decodes to
 * exactly 32 bytes (make one with `openssl rand -base64 32`).
 */
export function parseDataKeys(spec: string): DataKey[] {
  const keys = spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((part) => {
      const i = part.indexOf(':');
      const id = i > 0 ? part.slice(0, i) : '';
      if (!keyIdPattern.test(id)) throw new FieldCryptoError(`DATA_KEYS: each entry is id:base64key with an id of letters, digits, - or _ (got '${id || part.slice(0, 8)}…')`);
      const key = Buffer.from(part.slice(i + 1), 'base64');
      if (key.length !== 32) throw new FieldCryptoError(`DATA_KEYS: key '${id}' must decode to 32 bytes (got ${key.length})`);
      return { id, key };
    });
  if (!keys.length) throw new FieldCryptoError('DATA_KEYS is empty');
  const ids = new Set(keys.map((k) => k.id));
  if (ids.size !== keys.length) throw new FieldCryptoError('DATA_KEYS: key ids must differ');
  return keys;
}

/** The public development keyring (never used in production: config refuses to start without keys). */
export function devFieldKeys(): FieldKeys {
  return {
    dataKeys: [{ id: 'dev', key: crypto.createHash('sha256').update('simpul-dev-data-key').digest() }],
    indexKey: crypto.createHash('sha256').update('simpul-dev-blind-index-key').digest(),
  };
}

/** The canonical form a blind index is computed over. */
export function normaliseForIndex(kind: BlindIndexKind, value: string): string {
  const v = value.trim();
  if (kind === 'nik') return v.replace(/\D/g, '');
  if (kind === 'phone') {
    const digits = v.replace(/\D/g, '');
    return digits.startsWith('62') ? `0${digits.slice(2)}` : digits;
  }
  return v.toLowerCase();
}

export class FieldCrypto {
  readonly activeKeyId: string;
  private readonly keys: Map<string, Buffer>;
  private readonly indexKey: Buffer;

  constructor(k: FieldKeys) {
    if (!k.dataKeys.length) throw new FieldCryptoError('no data key configured');
    if (k.indexKey.length < 32) throw new FieldCryptoError('the blind-index key must be 32+ bytes');
    this.activeKeyId = k.dataKeys[0]!.id;
    this.keys = new Map(k.dataKeys.map((d) => [d.id, d.key]));
    this.indexKey = k.indexKey;
  }

  get keyIds(): string[] {
    return [...this.keys.keys()];
  }

  /** Seals a clear value with the active key (null stays null). */
  seal(value: string): string;
  seal(value: string | null | undefined): string | null;
  seal(value: string | null | undefined): string | null {
    if (value === null || value === undefined) return null;
    if (value.startsWith(sealedPrefix)) return value;
    const key = this.keys.get(this.activeKeyId)!;
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
    // The key id is bound as associated data: a value cannot be relabelled to another key.
    cipher.setAAD(Buffer.from(this.activeKeyId, 'utf8'));
    const ct = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
    return `${sealedPrefix}${this.activeKeyId}:${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64url')}`;
  }

  /** Opens a sealed value; a clear (not yet sealed) value is returned as it is. Fails closed. */
  open(value: string): string;
  open(value: string | null | undefined): string | null;
  open(value: string | null | undefined): string | null {
    if (value === null || value === undefined) return null;
    if (!value.startsWith(sealedPrefix)) return value;
    const rest = value.slice(sealedPrefix.length);
    const i = rest.indexOf(':');
    const id = rest.slice(0, i);
    const key = i > 0 ? this.keys.get(id) : undefined;
    if (!key) throw new FieldCryptoError(`personal data sealed with data key '${id}', which is not configured (DATA_KEYS); refusing to continue`);
    const raw = Buffer.from(rest.slice(i + 1), 'base64url');
    if (raw.length < 28) throw new FieldCryptoError(`personal data sealed with data key '${id}' is truncated`);
    try {
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAAD(Buffer.from(id, 'utf8'));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      throw new FieldCryptoError(`personal data sealed with data key '${id}' cannot be opened: wrong key or altered value`);
    }
  }

  /** The key id a stored value names (null: clear or empty). */
  keyIdOf(value: string | null | undefined): string | null {
    if (!value || !value.startsWith(sealedPrefix)) return null;
    const rest = value.slice(sealedPrefix.length);
    return rest.slice(0, rest.indexOf(':'));
  }

  /** True when the value must be (re)sealed: clear, or sealed with a key that is not the active one. */
  needsSealing(value: string | null | undefined): boolean {
    if (value === null || value === undefined) return false;
    return this.keyIdOf(value) !== this.activeKeyId;
  }

  /** Blind index of a value: hex HMAC-SHA256 over `kind:normalised` (null stays null). */
  blindIndex(kind: BlindIndexKind, value: string): string;
  blindIndex(kind: BlindIndexKind, value: string | null | undefined): string | null;
  blindIndex(kind: BlindIndexKind, value: string | null | undefined): string | null {
    if (value === null || value === undefined) return null;
    const clear = this.open(value);
    return crypto.createHmac('sha256', this.indexKey).update(`${kind}:${normaliseForIndex(kind, clear)}`).digest('hex');
  }
}

let installed: FieldCrypto | null = null;
let dev: FieldCrypto | null = null;

/** Installs the keyring from configuration (the composition root, once per process). */
export function installFieldCrypto(fc: FieldCrypto): void {
  installed = fc;
}

/** The installed keyring (the development keyring until one is installed). */
export function fieldCrypto(): FieldCrypto {
  if (installed) return installed;
  dev ??= new FieldCrypto(devFieldKeys());
  return dev;
}
