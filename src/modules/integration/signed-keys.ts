// Signed API keys (I-1): how a request is signed, the same on both sides. The client sends
//
//   Authorization: Simpul-HMAC-SHA256 keyId=<key id>,timestamp=<unix seconds>,nonce=<16–64 of
//                  A-Z a-z 0-9 _ ->,signature=<hex>
//
// where signature = hex HMAC-SHA256(secret, METHOD "\n" path-and-query "\n" timestamp "\n"
// nonce "\n" hex SHA-256 of the raw body (of the empty string when there is none)). The server
// refuses a timestamp more than SIGNED_WINDOW_SECONDS from its clock and a signature it already
// accepted (a fresh nonce per request lets two identical requests in one second through).
import crypto from 'node:crypto';

export const SIGNED_SCHEME = 'Simpul-HMAC-SHA256';
export const SIGNED_WINDOW_SECONDS = 300;
export const API_KEY_ID_PREFIX = 'hub_ak_';
export const API_KEY_SECRET_PREFIX = 'hub_sk_';

export const bodySha256 = (body: Buffer | string | undefined | null) => crypto.createHash('sha256').update(body ?? '').digest('hex');

/** The string the HMAC covers. */
export function canonicalRequest(method: string, pathAndQuery: string, timestamp: number, nonce: string, bodyHash: string): string {
  return `${method.toUpperCase()}\n${pathAndQuery}\n${timestamp}\n${nonce}\n${bodyHash}`;
}

export function requestSignature(secret: string, method: string, pathAndQuery: string, timestamp: number, nonce: string, bodyHash: string): string {
  return crypto.createHmac('sha256', secret).update(canonicalRequest(method, pathAndQuery, timestamp, nonce, bodyHash)).digest('hex');
}

/** The Authorization header value for a request (what an agency system's client code does). */
export function signRequest(input: { keyId: string; secret: string; method: string; url: string; body?: string | Buffer; timestamp?: number; nonce?: string }): string {
  const ts = input.timestamp ?? Math.floor(Date.now() / 1000);
  const nonce = input.nonce ?? crypto.randomBytes(12).toString('hex');
  const sig = requestSignature(input.secret, input.method, input.url, ts, nonce, bodySha256(input.body));
  return `${SIGNED_SCHEME} keyId=${input.keyId},timestamp=${ts},nonce=${nonce},signature=${sig}`;
}

export interface SignedAuthorization {
  keyId: string;
  timestamp: number;
  nonce: string;
  signature: string;
}

/** Parses the Authorization header of a signed request; null when it is not one or malformed. */
export function parseSignedAuthorization(header: string | undefined): SignedAuthorization | null {
  if (!header?.startsWith(`${SIGNED_SCHEME} `) || header.length > 400) return null;
  const parts = new Map<string, string>();
  for (const p of header.slice(SIGNED_SCHEME.length + 1).split(',')) {
    const i = p.indexOf('=');
    if (i > 0) parts.set(p.slice(0, i).trim(), p.slice(i + 1).trim());
  }
  const keyId = parts.get('keyId') ?? '';
  const ts = parts.get('timestamp') ?? '';
  const nonce = parts.get('nonce') ?? '';
  const signature = (parts.get('signature') ?? '').toLowerCase();
  if (!/^[A-Za-z0-9_]{8,80}$/.test(keyId) || !/^\d{1,12}$/.test(ts) || !/^[A-Za-z0-9_-]{16,64}$/.test(nonce) || !/^[0-9a-f]{64}$/.test(signature)) return null;
  return { keyId, timestamp: Number(ts), nonce, signature };
}

export const isSignedAuthorization = (header: string | undefined) => !!header?.startsWith(`${SIGNED_SCHEME} `);
