// Renewal of an issued document (issue 5 item 6; P-8): "Ajukan perpanjangan" opens a new
// application for the same service, on its current form version, as a draft pre-filled with
// the previous application's form data (through applications.createPrefilledDraft: fields
// that still exist, identity from the account, no attachments), linked to the old document
// in `document_renewals`. Only the holder renews; a revoked document or one without a
// validity period has no renewal. The back office sees "Perpanjangan dari <nomor>".
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Database, Executor } from '../../platform/db/database.ts';
import { AppError, errors } from '../../platform/http/errors.ts';
import type { Applications } from '../applications/index.ts';
import type { Catalog } from '../catalog/index.ts';
import type { Documents } from './documents.service.ts';

/** Statuses of a renewal application that still stand (a new renewal would duplicate it). */
const STANDING = ['submitted', 'in_process', 'sent_back', 'awaiting_payment', 'approved'];

export interface RenewalResult {
  applicationId: string;
  /** Local path of the application form where the draft continues. */
  path: string;
  /** An existing renewal draft was returned. */
  existing: boolean;
}

export type Renewals = ReturnType<typeof createRenewals>;

export function createRenewals(deps: { database: Database; documents: Documents; applications: Applications; catalog: Catalog }) {
  const db = deps.database.db;

  return {
    /**
     * Starts (or resumes) the renewal of a document by its holder. Someone else's document
     * is 404 (it is not there for them); revoked or without validity: 409 with the reason.
     */
    async renew(who: { actor: Actor; meta?: RequestMeta | null }, documentId: string, now: Date = new Date()): Promise<RenewalResult> {
      const doc = await deps.documents.byId(db, documentId);
      if (!doc || doc.holderId !== who.actor.userId) throw errors.notFound();
      if (doc.status === 'revoked') throw errors.conflict('documents.renewal.revoked');
      if (!doc.validUntil) throw errors.conflict('documents.renewal.no_expiry');
      // A permit issued nationally is renewed where it was issued (OSS RBA, SiCantik).
      if (!doc.applicationId) throw errors.conflict('documents.renewal.national');
      const old = await db.selectFrom('applications as a').innerJoin('services as s', 's.id', 'a.service_id').select(['a.form_data', 's.slug']).where('a.id', '=', doc.applicationId).executeTakeFirstOrThrow();
      const service = await deps.catalog.getPublished(old.slug);
      if (!service || !service.content.channels.includes('online')) throw new AppError('conflict', 409, 'documents.renewal.unavailable', { agency: doc.agencyName });
      const path = `/layanan/${service.slug}/ajukan?ok=perpanjangan`;

      const earlier = await db
        .selectFrom('document_renewals as r')
        .innerJoin('applications as a', 'a.id', 'r.application_id')
        .select(['a.id', 'a.status', 'a.tracking_number'])
        .where('r.document_id', '=', doc.id)
        .orderBy('r.created_at', 'desc')
        .execute();
      const draft = earlier.find((e) => e.status === 'draft');
      if (draft) return { applicationId: draft.id, path, existing: true };
      const standing = earlier.find((e) => STANDING.includes(e.status));
      if (standing) throw new AppError('conflict', 409, 'documents.renewal.exists', { tracking: standing.tracking_number ?? '-' });

      const applicationId = await db.transaction().execute(async (trx) => {
        const id = await deps.applications.createPrefilledDraft(trx, { service, applicantId: who.actor.userId, previous: old.form_data, who, now });
        await trx.insertInto('document_renewals').values({ application_id: id, document_id: doc.id, created_by: who.actor.userId, created_at: now }).execute();
        await recordAudit(trx, who, { action: 'document.renewal', entityType: 'issued_document', entityId: doc.id, agencyId: doc.agencyId, after: { application_id: id, number: doc.number } });
        return id;
      });
      return { applicationId, path, existing: false };
    },

    /** A document's id from its official number or its id (API). */
    async idByNumberOrId(q: Executor, v: string): Promise<string | null> {
      const s = v.trim();
      const r = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s)
        ? await q.selectFrom('issued_documents').select('id').where('id', '=', s).executeTakeFirst()
        : await q.selectFrom('issued_documents').select('id').where('number', '=', s.toUpperCase()).executeTakeFirst();
      return r?.id ?? null;
    },

    /** The number of the document each application renews (application id → document number). */
    async renewedFrom(q: Executor, ids: (string | null)[]): Promise<Map<string, string>> {
      const out = new Map<string, string>();
      const applicationIds = ids.filter((x): x is string => !!x);
      if (!applicationIds.length) return out;
      const rows = await q
        .selectFrom('document_renewals as r')
        .innerJoin('issued_documents as d', 'd.id', 'r.document_id')
        .select(['r.application_id', 'd.number'])
        .where('r.application_id', 'in', applicationIds)
        .execute();
      for (const r of rows) out.set(r.application_id, r.number);
      return out;
    },
  };
}
