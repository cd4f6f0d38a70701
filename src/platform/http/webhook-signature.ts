// Checking webhooks that carry no session (SMS gateways, bank callbacks): a shared token or
// an HMAC-SHA256 of the raw body, compared in constant time.
import crypto from 'node:crypto';

export const TOKEN_HEADER = 'x-simpul-token';
export const SIGNATURE_HEADER = 'x-simpul-signature';

const sha = (v: string | Buffer) => crypto.createHash('sha256').update(v).digest();
/** Equal strings, compared in constant time (hashes have the same length whatever the input). */
export function safeEqual(a: string, b: string): boolean {
  return crypto.timingSafeEqual(sha(a), sha(b));
}

/** HMAC-SHA256 of the raw body, as the sender must send it: `sha256=<hex>`. */
export function signBody(secret: string, raw: string | Buffer): string {
  return `sha256=${crypto.createHmac('sha256', secret).update(raw).digest('hex')}`;
}
