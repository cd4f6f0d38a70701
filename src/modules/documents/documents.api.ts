// JSON API of issued documents (tag 'documents', P-12): public verification by code, the
// signed-in holder's documents, and revocation by the agency's officials.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { DocumentsDeps as Deps } from './documents.deps.ts';
import { can } from '../../platform/auth/policy.ts';
import { errors } from '../../platform/http/errors.ts';
import { hitRateLimit, rateKey } from '../../platform/http/rate-limit.ts';
import type { DocumentView, Verification } from './documents.service.ts';
import { documentState, isVerificationCode } from './documents.signing.ts';
import type { SentReminder } from './reminders.service.ts';

const documentSchema = z
  .object({
    id: z.string().meta({ format: 'uuid' }),
    number: z.string().meta({ description: 'Official number, e.g. 503/0001/DPMPTSP/2026' }),
    title: z.string(),
    agency: z.string(),
    source: z.enum(['simpul', 'oss', 'sicantik']).meta({ description: 'Who issued it: an agency here (simpul) or a national system (OSS RBA, SiCantik), delivered through the integration hub' }),
    holderName: z.string(),
    holderNikMasked: z.string().nullable(),
    permitted: z.string(),
    issuedAt: z.string().meta({ format: 'date-time' }),
    validUntil: z.string().nullable().meta({ format: 'date', description: 'Last day of validity; null: no expiry' }),
    issuedBy: z.object({ name: z.string(), position: z.string() }),
    state: z.enum(['valid', 'expired', 'revoked']),
    status: z.enum(['valid', 'expired', 'revoked']).meta({ description: 'Revoked wins over expired; expired from the day after validUntil (region date)' }),
    expiredAt: z.string().nullable().meta({ format: 'date-time', description: 'When the reminders job marked it expired' }),
    remindersSent: z
      .array(z.object({ kind: z.enum(['reminder', 'expired']), offsetDays: z.number().int(), sentAt: z.string().meta({ format: 'date-time' }) }))
      .optional()
      .meta({ description: 'Expiry reminders sent to the holder (holder and officials only)' }),
    renewalOf: z.string().nullable().optional().meta({ description: 'Number of the document this one renews' }),
    revokedAt: z.string().nullable().meta({ format: 'date-time' }),
    revokeReason: z.string().nullable(),
    verificationUrl: z.string(),
    sha256: z.string().meta({ description: 'SHA-256 (hex) of the PDF bytes' }),
    signature: z.string().meta({ description: 'Ed25519 signature (base64) over the 32 bytes of the SHA-256' }),
    keyId: z.string(),
  })
  .meta({ id: 'IssuedDocument' });

const verificationSchema = z
  .object({
    genuine: z.boolean().meta({ description: 'The stored signature verifies with the public key' }),
    state: z.enum(['valid', 'expired', 'revoked']),
    document: documentSchema,
    publicKeyPem: z.string().nullable(),
  })
  .meta({ id: 'DocumentVerification' });

export const VERIFY_LIMIT = 30;
export const VERIFY_WINDOW_SECONDS = 15 * 60;

/** Verification (page, file check, API) is limited per IP address, like /lacak. */
export async function verifyRateLimit(deps: Pick<Deps, 'database'>, request: FastifyRequest): Promise<void> {
  const limit = await hitRateLimit(deps.database.db, rateKey('verify:ip', request.ip ?? 'unknown'), VERIFY_LIMIT, VERIFY_WINDOW_SECONDS);
  if (!limit.allowed) throw errors.rateLimited(limit.retryAfterMinutes);
}

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'validation.invalid');

export function registerDocumentsApi(app: FastifyInstance, deps: Deps): void {
  const db = deps.database.db;
  const documents = deps.documents;
  const baseUrl = deps.config.baseUrl.replace(/\/$/, '');

  const json = (d: DocumentView, state: 'valid' | 'expired' | 'revoked', extra: { reminders?: SentReminder[]; renewalOf?: string | null } = {}) => ({
    id: d.id,
    number: d.number,
    title: d.title,
    agency: d.agencyName,
    source: d.source,
    holderName: d.holderName,
    holderNikMasked: d.holderNikMasked,
    permitted: d.permitted,
    issuedAt: d.issuedAt.toISOString(),
    validUntil: d.validUntil,
    issuedBy: { name: d.issuedByName, position: d.issuedByPosition },
    state,
    status: state,
    expiredAt: d.expiredAt ? d.expiredAt.toISOString() : null,
    ...(extra.reminders ? { remindersSent: extra.reminders.map((r) => ({ kind: r.kind, offsetDays: r.offsetDays, sentAt: r.sentAt.toISOString() })) } : {}),
    ...(extra.renewalOf !== undefined ? { renewalOf: extra.renewalOf } : {}),
    revokedAt: d.revokedAt ? d.revokedAt.toISOString() : null,
    revokeReason: d.revokeReason,
    verificationUrl: `${baseUrl}/verifikasi/${d.verificationCode}`,
    sha256: d.sha256,
    signature: d.signature,
    keyId: d.keyId,
  });

  const verificationJson = async (v: Verification) => ({
    genuine: v.signatureValid,
    state: v.state,
    document: json(v.doc, v.state),
    publicKeyPem: await documents.publicKey(db, v.doc.keyId),
  });

  deps.api.route(app, {
    method: 'GET',
    url: '/api/v1/verify/:code',
    operationId: 'verifyDocument',
    summary: 'Whether an issued document is genuine, and valid, expired or revoked (public)',
    description: 'An unknown code is 404 (not a document issued by Simpul). Rate-limited per IP address.',
    tag: 'documents',
    auth: 'public',
    params: z.object({ code: z.string().max(80) }),
    response: verificationSchema,
    handler: async ({ params, request }) => {
      await verifyRateLimit(deps, request);
      const doc = isVerificationCode(params.code) ? await documents.byCode(db, params.code) : null;
      if (!doc) throw errors.notFound();
      return verificationJson(await documents.verification(db, doc));
    },
  });

  deps.api.route(app, {
    method: 'GET',
    url: '/api/v1/me/documents',
    operationId: 'listMyDocuments',
    summary: "The signed-in holder's issued documents, newest first",
    tag: 'documents',
    auth: 'user',
    response: z.object({ items: z.array(documentSchema) }),
    handler: async ({ actor }) => {
      const tz = (await deps.region()).timeZone;
      const now = new Date();
      const items = await documents.listForHolder(db, actor!.userId);
      const sent = await deps.reminders.sentFor(db, items.map((d) => d.id));
      const renews = await deps.renewals.renewedFrom(db, items.map((d) => d.applicationId));
      return { items: items.map((d) => json(d, documentState(d, now, tz), { reminders: sent.get(d.id) ?? [], renewalOf: (d.applicationId ? renews.get(d.applicationId) : undefined) ?? null })) };
    },
  });

  deps.api.route(app, {
    method: 'POST',
    url: '/api/v1/documents/:id/revoke',
    operationId: 'revokeDocument',
    summary: "Revokes an issued document of the official's agency (reason required)",
    tag: 'documents',
    auth: 'user',
    params: z.object({ id: uuid }),
    body: z.object({ reason: z.string().max(2000).default('') }),
    status: 200,
    response: documentSchema,
    handler: async ({ actor, params, body, request }) => {
      const doc = await documents.byId(db, params.id);
      if (!can(actor, 'documents.read')) throw errors.forbidden();
      if (!doc || !can(actor, 'documents.read', { agencyId: doc.agencyId })) throw errors.notFound();
      const done = await db.transaction().execute((trx) => documents.revoke(trx, { actor: actor!, meta: request.meta }, doc.id, body.reason));
      return json(done, 'revoked');
    },
  });

  // Renewal (P-8): the holder opens a draft application pre-filled from the document's.
  deps.api.route(app, {
    method: 'POST',
    url: '/api/v1/documents/:number/renewal',
    operationId: 'renewDocument',
    summary: "Starts the renewal of the signed-in holder's document: a draft application pre-filled with the previous data",
    description:
      'The document is named by its number (URL-encoded, e.g. 503%2F0001%2FDPMPTSP%2F2026) or its id. Someone else\'s document is 404; a revoked document or one without expiry is 409. A renewal draft already open is returned again. Attachments are not copied.',
    tag: 'documents',
    auth: 'user',
    params: z.object({ number: z.string().min(1).max(120) }),
    status: 201,
    response: z
      .object({
        applicationId: z.string().meta({ format: 'uuid' }),
        url: z.string().meta({ description: 'The application form where the draft continues' }),
        existing: z.boolean().meta({ description: 'An open renewal draft was returned' }),
      })
      .meta({ id: 'DocumentRenewal' }),
    handler: async ({ actor, params, request }) => {
      const id = await deps.renewals.idByNumberOrId(db, params.number);
      if (!id) throw errors.notFound();
      const r = await deps.renewals.renew({ actor: actor!, meta: request.meta }, id);
      return { applicationId: r.applicationId, url: `${baseUrl}${r.path}`, existing: r.existing };
    },
  });
}
