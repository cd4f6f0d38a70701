// Staff look-up of people (citizens) and the NIK change through staff (issue 11, item 3).
// A citizen cannot change his own NIK (`/akun/ubah` says so); a super admin — the region's
// identity administrator, who already manages every account region-wide — corrects it from the
// back-office person page with a reason and the reference of the supporting document (e.g. the
// KTP or a Disdukcapil letter). The new NIK is validated like at registration and must not
// belong to another account. The audit event holds the NIK masked before and after, never in
// full (nor does any log); the person is told by e-mail and/or SMS.
// Data minimisation: searches need a full NIK or e-mail (exact) or at least three letters of
// the name, return at most PEOPLE_LIMIT rows, and show NIK, e-mail and phone masked only.
import { emailMatch, nikMatch, openPerson, openPersonOrUndefined, sealedPerson } from './identity.sealing.ts';
import type { Database, Executor } from '../../platform/db/database.ts';
import { isUniqueViolation } from '../../platform/db/values.ts';
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/auth/policy.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { errors } from '../../platform/http/errors.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import { t, type Locale, type MessageKey } from '../../platform/views/i18n.ts';
import { maskEmail, maskNik, maskPhone, validateNik } from './identifiers.ts';
import './identity.policy.ts';

export const PEOPLE_LIMIT = 50;

export interface PersonSummary {
  id: string;
  name: string;
  nikMasked: string | null;
  emailMasked: string | null;
  phoneMasked: string | null;
  status: string;
  createdAt: Date;
}

export interface PeopleDeps {
  database: Database;
  mailer: Mailer;
  baseUrl: string;
  /** Queues an SMS in the caller's transaction (the notifications outbox). */
  sendSms(trx: Executor, msg: { to: string; text: string; userId: string }): Promise<void>;
}

export type People = ReturnType<typeof createPeople>;

const fieldError = (field: string, key: MessageKey) => errors.validation([{ field, key }]);

/** Any 16-digit run in free text (a reason typed by staff) is masked before it is stored. */
export function maskNiksIn(text: string): string {
  return text.replace(/\d{16}/g, (m) => maskNik(m));
}

type Row = { id: string; name: string; nik: string | null; email: string | null; phone: string | null; status: string; created_at: Date };
const summary = (u: Row): PersonSummary => ({
  id: u.id,
  name: u.name,
  nikMasked: u.nik ? maskNik(u.nik) : null,
  emailMasked: u.email ? maskEmail(u.email) : null,
  phoneMasked: u.phone ? maskPhone(u.phone) : null,
  status: u.status,
  createdAt: u.created_at,
});

export function createPeople(deps: PeopleDeps) {
  const db = deps.database.db;
  const columns = ['id', 'name', 'nik', 'email', 'phone', 'status', 'created_at'] as const;

  return {
    /**
     * Citizens matching `q`: a full NIK or e-mail address (exact), or a part of the name
     * (at least 3 letters). Anything shorter finds nothing ('too_short').
     */
    async search(actor: Actor | null, q: string): Promise<{ items: PersonSummary[]; problem?: 'too_short' }> {
      authorize(actor, 'identity.person.read');
      const text = q.replace(/\s+/g, ' ').trim().slice(0, 120);
      if (!text) return { items: [] };
      let query = db.selectFrom('users').select(columns).where('kind', '=', 'citizen');
      const digits = text.replace(/[\s.]/g, '');
      if (/^\d{16}$/.test(digits)) query = query.where(nikMatch(digits));
      else if (text.includes('@')) query = query.where(emailMatch(text));
      else if (text.replace(/[^\p{L}]/gu, '').length >= 3) query = query.where('name', 'ilike', `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      else return { items: [], problem: 'too_short' };
      const rows = await query.orderBy('name').limit(PEOPLE_LIMIT).execute();
      return { items: rows.map((r) => summary(openPerson(r))) };
    },

    async get(actor: Actor | null, id: string): Promise<PersonSummary> {
      authorize(actor, 'identity.person.read');
      const u = await db.selectFrom('users').select(columns).where('id', '=', id).where('kind', '=', 'citizen').executeTakeFirst();
      if (!u) throw errors.notFound();
      return summary(openPerson(u));
    },

    /**
     * Changes a citizen's NIK (staff only): format and uniqueness checked, reason and document
     * reference required; audited with both NIKs masked; the person is told.
     */
    async changeNik(who: { actor: Actor | null; meta?: RequestMeta | null }, id: string, input: { nik: string; reason: string; documentRef: string }): Promise<void> {
      authorize(who.actor, 'identity.person.nik_change');
      const reason = input.reason.replace(/\s+/g, ' ').trim();
      const documentRef = input.documentRef.replace(/\s+/g, ' ').trim();
      const problems: { field: string; key: MessageKey }[] = [];
      const checked = validateNik(input.nik ?? '');
      if (!input.nik?.trim()) problems.push({ field: 'nik', key: 'validation.required' });
      else if (!checked.ok) problems.push({ field: 'nik', key: checked.code });
      if (reason.length < 10) problems.push({ field: 'reason', key: reason ? 'people.nik.reason_short' : 'validation.required' });
      if (reason.length > 500) problems.push({ field: 'reason', key: 'people.nik.reason_long' });
      if (!documentRef) problems.push({ field: 'documentRef', key: 'validation.required' });
      if (documentRef.length > 120) problems.push({ field: 'documentRef', key: 'people.nik.document_long' });
      if (problems.length) throw errors.validation(problems);
      const nik = (checked as { ok: true; nik: string }).nik;
      try {
        await db.transaction().execute(async (trx) => {
          const u = await trx.selectFrom('users').select(['id', 'name', 'nik', 'email', 'phone', 'locale']).where('id', '=', id).where('kind', '=', 'citizen').forUpdate().executeTakeFirst().then(openPersonOrUndefined);
          if (!u) throw errors.notFound();
          if (u.nik === nik) throw fieldError('nik', 'people.nik.same');
          const taken = await trx.selectFrom('users').select('id').where(nikMatch(nik)).where('id', '<>', id).executeTakeFirst();
          if (taken) throw fieldError('nik', 'people.nik.taken');
          await trx.updateTable('users').set({ ...sealedPerson({ nik }), updated_at: new Date() }).where('id', '=', id).execute();
          await recordAudit(trx, { actor: who.actor, meta: who.meta }, {
            action: 'user.nik_changed',
            entityType: 'user',
            entityId: id,
            before: { nik: u.nik ? maskNik(u.nik) : null },
            after: { nik: maskNik(nik), reason: maskNiksIn(reason), document_ref: maskNiksIn(documentRef) },
          });
          const locale = (u.locale ?? 'id') as Locale;
          const params = { name: u.name, nik: maskNik(nik), url: `${deps.baseUrl}/akun` };
          if (u.email) {
            await deps.mailer.send(trx, {
              to: u.email,
              subject: t(locale, 'mail.nik_changed.subject', params),
              text: `${t(locale, 'mail.nik_changed.body', params)}\n\n${t(locale, 'mail.footer', params)}\n`,
            });
          }
          if (u.phone) await deps.sendSms(trx, { to: u.phone, text: t(locale, 'people.nik.sms', params), userId: u.id });
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw fieldError('nik', 'people.nik.taken');
        throw err;
      }
    },
  };
}
