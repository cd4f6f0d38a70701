// Identity: businesses and the people who represent them.
import type { Executor } from '../../platform/db/database.ts';
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError, errors } from '../../platform/http/errors.ts';
import { hitRateLimit } from '../../platform/http/rate-limit.ts';
import { maskNik } from './identifiers.ts';
import { identityMail } from './identity.mail.ts';
import * as repo from './identity.repository.ts';
import { openPerson } from './identity.sealing.ts';
import { type BusinessView, fieldError, normaliseName } from './identity.model.ts';
import type { IdentityKernel } from './identity.kernel.ts';

export function createBusinesses(k: IdentityKernel) {
  const { db, mailer, tx, link } = k;
  // ------------------------------------------------------------------------------------
  // Businesses and their representatives
  // ------------------------------------------------------------------------------------

  async function businessOf(actor: Actor): Promise<BusinessView | null> {
    if (actor.kind !== 'business') return null;
    const b = await repo.findBusinessByAccount(db, actor.userId);
    if (!b) return null;
    const reps = await repo.listRepresentatives(db, b.id);
    return {
      id: b.id,
      name: b.name,
      legalForm: b.legal_form,
      nib: b.nib,
      npwp: b.npwp,
      address: b.address,
      representatives: reps.map((r) => ({
        id: r.id,
        name: r.name,
        nikMasked: r.nik ? maskNik(openPerson({ nik: r.nik }).nik!) : null,
        position: r.position,
        since: r.created_at,
        hasAccount: r.password_hash !== null,
      })),
    };
  }

  async function requireOwnBusiness(q: Executor, actor: Actor) {
    if (actor.kind !== 'business') throw errors.forbidden();
    const b = await repo.findBusinessByAccount(q, actor.userId);
    if (!b) throw errors.notFound();
    return b;
  }

  /**
   * Links a further person to the business. The person must have an active citizen
   * account whose name matches what was typed; "not found" and "name differs" read the same,
   * so the form cannot be used to look up names by NIK.
   */
  async function addRepresentative(actor: Actor, input: { nik: string; name: string; position: string }, meta: RequestMeta | null): Promise<void> {
    const r = await hitRateLimit(db, `rep-add:user:${actor.userId}`, 20, 3600);
    if (!r.allowed) throw errors.rateLimited(r.retryAfterMinutes);
    await tx(async (trx) => {
      const b = await requireOwnBusiness(trx, actor);
      const person = await repo.findUserByNik(trx, input.nik);
      if (!person || person.kind !== 'citizen' || person.status !== 'active' || normaliseName(person.name) !== normaliseName(input.name)) {
        throw fieldError('representative_not_found', 422, 'nik', 'business.rep_not_found');
      }
      const existing = await trx
        .selectFrom('business_representatives')
        .select('id')
        .where('business_id', '=', b.id)
        .where('user_id', '=', person.id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (existing) throw fieldError('conflict', 409, 'nik', 'business.rep_exists');
      const rep = await trx
        .insertInto('business_representatives')
        .values({ business_id: b.id, user_id: person.id, position: input.position })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, { actor, meta }, {
        action: 'business.representative_add',
        entityType: 'business',
        entityId: b.id,
        after: { representative_id: rep.id, user_id: person.id, nik: maskNik(input.nik), position: input.position },
      });
      if (person.email) {
        await mailer.send(trx, identityMail.representativeAdded(person.locale, person.email, { name: person.name, business: b.name, position: input.position, url: link('/akun') }));
      }
    });
  }

  /** Ends a person's representation; a business keeps at least one representative. */
  async function revokeRepresentative(actor: Actor, representativeId: string, meta: RequestMeta | null): Promise<void> {
    await tx(async (trx) => {
      const b = await requireOwnBusiness(trx, actor);
      const reps = await trx
        .selectFrom('business_representatives')
        .select(['id', 'user_id', 'position'])
        .where('business_id', '=', b.id)
        .where('revoked_at', 'is', null)
        .forUpdate()
        .execute();
      const rep = reps.find((x) => x.id === representativeId);
      if (!rep) throw errors.notFound();
      if (reps.length <= 1) throw new AppError('conflict', 409, 'business.rep_last');
      await trx.updateTable('business_representatives').set({ revoked_at: new Date(), updated_at: new Date() }).where('id', '=', rep.id).execute();
      await recordAudit(trx, { actor, meta }, {
        action: 'business.representative_revoke',
        entityType: 'business',
        entityId: b.id,
        before: { representative_id: rep.id, user_id: rep.user_id, position: rep.position },
      });
    });
  }

  async function representedBusinesses(actor: Actor) {
    if (actor.kind !== 'citizen') return [];
    const rows = await repo.listBusinessesRepresentedBy(db, actor.userId);
    return rows.map((r) => ({ name: r.name, legalForm: r.legal_form, nib: r.nib, position: r.position, since: r.created_at }));
  }

  return { businessOf, addRepresentative, revokeRepresentative, representedBusinesses };
}
