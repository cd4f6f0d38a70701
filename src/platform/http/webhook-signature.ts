// Checking webhooks that carry no session (SMS gateways, bank callbacks): a shared token or
// an HMAC-SHA256 of the raw body, compared in constant time.
import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { errors } from './errors.ts';

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

/**
 * Makes every JSON POST in `scope` (an encapsulated Fastify plugin scope) carry a valid
 * `X-Simpul-Signature: sha256=<hex>`, the HMAC-SHA256 of the raw body with `secret()`: the raw
 * body is kept for the check, a missing or wrong signature (or no secret configured) is 401 and
 * the handler never runs. Used by the bank callback and SP4N-LAPOR!'s status callback.
 */
export function requireSignedJson(scope: FastifyInstance, secret: () => string | undefined | null): void {
  scope.removeContentTypeParser(['application/json']);
  scope.addContentTypeParser(['application/json'], { parseAs: 'buffer' }, (request, body, done) => {
    const raw = body as Buffer;
    request.rawBody = raw;
    try {
      done(null, raw.length ? JSON.parse(raw.toString('utf8')) : {});
    } catch {
      done(errors.badRequest(), undefined);
    }
  });
  scope.addHook('preHandler', async (request) => {
    const key = secret();
    const v = request.headers[SIGNATURE_HEADER];
    const signature = typeof v === 'string' && v.length <= 512 ? v.trim().toLowerCase() : '';
    if (!key || !signature || !safeEqual(signature, signBody(key, request.rawBody ?? Buffer.alloc(0)))) throw errors.unauthenticated();
  });
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The request body as received (webhooks only). */
    rawBody?: Buffer;
  }
}
