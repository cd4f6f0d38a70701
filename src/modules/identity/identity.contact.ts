// Account editing by the citizen himself (issue 11, item 3): name and address change at once;
// a new e-mail address or phone number counts only after the code sent to it is entered
// (e-mail through the platform mailer, SMS through the notifications outbox). A wrong,
// expired or used code changes nothing. The NIK is not changed here (staff, audited).
// Codes live in verification_codes like the other one-time codes: only a keyed hash, at most
// CODE_MAX_ATTEMPTS tries, a new code voids the previous one.
import { emailMatch, openPerson, sealedPerson } from './identity.sealing.ts';
import { fieldCrypto } from '../../platform/privacy/field-crypto.ts';
import { readAccountAddress, type AccountAddress } from '../../platform/area/person-address.ts';
import crypto from 'node:crypto';
import type { Config } from '../../config.ts';
import type { Database, Executor, Trx } from '../../platform/db/database.ts';
import { isUniqueViolation } from '../../platform/db/values.ts';
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { numericCode } from '../../platform/crypto.ts';
import { AppError, errors, type FieldError } from '../../platform/http/errors.ts';
import { hitRateLimit, rateKey } from '../../platform/http/rate-limit.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import { t, type MessageKey } from '../../platform/views/i18n.ts';
import { maskEmail, maskPhone, normalizeMobilePhone } from './identifiers.ts';
import { personName } from './identity.schemas.ts';
import { CODE_MAX_ATTEMPTS, RESEND_PER_ACCOUNT, RESEND_WINDOW_SECONDS } from './identity.service.ts';

export const CHANGE_CODE_MINUTES = 15;
export type ContactKind = 'email' | 'phone';
const purposeOf = { email: 'email_change', phone: 'phone_change' } as const;
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Who = { actor: Actor; meta?: RequestMeta | null };

export interface AccountEditingDeps {
  config: Config;
  database: Database;
  mailer: Mailer;
  /** Queues an SMS in the caller's transaction (the notifications outbox). */
  /** `secrets`: the code, kept in the outbox only until sent (or expired). */
  sendSms(trx: Executor, msg: { to: string; text: string; userId: string; secrets?: string[]; secretsExpireAt?: Date }): Promise<void>;
}

export interface EditableAccount {
  name: string;
  /** Street line, or an address typed as free text before the area codes existed. */
  address: string | null;
  /** Village code of the address (official area codes), null when none was chosen. */
  addressArea: string | null;
  email: string | null;
  phone: string | null;
  /** New values waiting for their code (unexpired, unused). */
  pending: { email: string | null; phone: string | null };
}

export type AccountEditing = ReturnType<typeof createAccountEditing>;

const fieldError = (field: string, key: MessageKey, params?: Record<string, string | number>): AppError => errors.validation([{ field, key, params }]);

/**
 * Saves an address the citizen typed on an application form to his account, when he ticked
 * "save to my account" (P-4: typed once, with his consent). Only an account that holds no
 * address by area code yet takes it: an address already on the account is changed only at
 * /akun/ubah, never as a side effect of an application about another place. Returns whether
 * the account changed. Runs in the caller's transaction; audited.
 */
export async function saveConsentedAddress(q: Executor, who: { actor: Actor; meta?: RequestMeta | null }, address: AccountAddress): Promise<boolean> {
  if (who.actor.kind !== 'citizen' || !address.area) return false;
  const changed = await q
    .updateTable('users')
    .set({ ...sealedPerson({ address: address.street }), address_area: address.area, updated_at: new Date() })
    .where('id', '=', who.actor.userId)
    .where('address_area', 'is', null)
    .executeTakeFirst();
  if (Number(changed.numUpdatedRows) === 0) return false;
  await recordAudit(q, who, {
    action: 'user.address_saved_from_form',
    entityType: 'user',
    entityId: who.actor.userId,
    before: { address_set: false },
    after: { address_set: true },
  });
  return true;
}

/**
 * Applies a name correction that the data protection officer approved (UU PDP Pasal 6, 34), in
 * the caller's transaction. The name must read as a person's name; the audit says that the name
 * was corrected and by whom, never the name itself. False when nothing changed.
 */
export async function correctPersonName(q: Executor, who: { actor: Actor | null; meta?: RequestMeta | null }, userId: string, value: string): Promise<boolean> {
  const name = personName.safeParse(value);
  if (!name.success || !who.actor) return false;
  const changed = await q.updateTable('users').set({ name: name.data, updated_at: new Date() }).where('id', '=', userId).where('name', '<>', name.data).executeTakeFirst();
  if (Number(changed.numUpdatedRows) === 0) return false;
  await recordAudit(q, { actor: who.actor, meta: who.meta ?? null }, { action: 'user.name_corrected', entityType: 'user', entityId: userId, after: { name_corrected: true } });
  return true;
}

export function createAccountEditing(deps: AccountEditingDeps) {
  const db = deps.database.db;

  function codeHash(purpose: string, userId: string, value: string, code: string): string {
    return crypto.createHmac('sha256', deps.config.sessionSecret).update(`${purpose}:${userId}:${value}:${code}`).digest('hex');
  }

  function requireCitizen(actor: Actor | null): Actor {
    if (!actor) throw errors.unauthenticated();
    if (actor.kind !== 'citizen') throw errors.forbidden();
    return actor;
  }

  return {
    requireCitizen,

    async load(userId: string): Promise<EditableAccount> {
      const u = await db.selectFrom('users').select(['name', 'address', 'address_area', 'email', 'phone']).where('id', '=', userId).executeTakeFirstOrThrow().then((r) => openPerson(r));
      const rows = await db
        .selectFrom('verification_codes')
        .select(['purpose', 'new_value'])
        .where('user_id', '=', userId)
        .where('purpose', 'in', ['email_change', 'phone_change'])
        .where('used_at', 'is', null)
        .where('expires_at', '>', new Date())
        .where('attempts', '<', CODE_MAX_ATTEMPTS)
        .orderBy('created_at', 'desc')
        .execute();
      // The waiting value is sealed at rest like the account's own.
      const waiting = (purpose: string) => fieldCrypto().open(rows.find((r) => r.purpose === purpose)?.new_value ?? null);
      const pending = { email: waiting('email_change'), phone: waiting('phone_change') };
      return { name: u.name, address: u.address, addressArea: u.address_area, email: u.email, phone: u.phone, pending };
    },

    /**
     * Name and address: checked, then changed at once (audited). The address comes as the
     * posted `address.province` … `address.village` and `address.street` (identity.address.ts).
     */
    async updateProfile(who: Who, input: { name: unknown; address: Record<string, unknown> }): Promise<void> {
      const actor = requireCitizen(who.actor);
      const name = typeof input.name === 'string' ? input.name.replace(/\s+/g, ' ').trim() : '';
      const fields: FieldError[] = [];
      if ([...name].length < 2 || [...name].length > 120) fields.push({ field: 'name', key: 'account.edit.v.name' });
      const address = readAccountAddress(input.address, 'address');
      fields.push(...address.errors);
      if (fields.length) throw errors.validation(fields);
      const { area, street } = address.value;
      await db.transaction().execute(async (trx) => {
        const before = await trx.selectFrom('users').select(['name', 'address', 'address_area']).where('id', '=', actor.userId).forUpdate().executeTakeFirstOrThrow();
        await trx.updateTable('users').set({ name, ...sealedPerson({ address: street }), address_area: area, updated_at: new Date() }).where('id', '=', actor.userId).execute();
        await recordAudit(trx, who, {
          action: 'user.profile_changed',
          entityType: 'user',
          entityId: actor.userId,
          before: { name: before.name, address_set: before.address !== null || before.address_area !== null },
          after: { name, address_set: street !== null || area !== null },
        });
      });
    },

    /** Sends a code to the new e-mail address or phone number; nothing changes yet. */
    async requestChange(who: Who, kind: ContactKind, raw: unknown): Promise<void> {
      const actor = requireCitizen(who.actor);
      const text = typeof raw === 'string' ? raw.trim() : '';
      let value: string;
      if (kind === 'email') {
        value = text.toLowerCase();
        if (!value) throw fieldError('email', 'account.edit.v.required');
        if (value.length > 254 || !emailPattern.test(value)) throw fieldError('email', 'account.edit.v.email');
        const taken = await db.selectFrom('users').select('id').where(emailMatch(value)).where('id', '!=', actor.userId).executeTakeFirst();
        if (taken) throw fieldError('email', 'account.edit.v.email_taken');
      } else {
        if (!text) throw fieldError('phone', 'account.edit.v.required');
        const p = normalizeMobilePhone(text);
        if (!p.ok) throw fieldError('phone', 'account.edit.v.phone');
        value = p.e164;
      }
      const current = await db.selectFrom('users').select(['email', 'phone', 'locale']).where('id', '=', actor.userId).executeTakeFirstOrThrow().then((r) => openPerson(r));
      if ((kind === 'email' ? current.email?.toLowerCase() : current.phone) === value) throw fieldError(kind, 'account.edit.v.same');
      const limit = await hitRateLimit(db, rateKey(`contact-change:${kind}`, actor.userId), RESEND_PER_ACCOUNT, RESEND_WINDOW_SECONDS);
      if (!limit.allowed) throw errors.rateLimited(limit.retryAfterMinutes);
      const purpose = purposeOf[kind];
      const code = numericCode(6);
      await db.transaction().execute(async (trx: Trx) => {
        const now = new Date();
        // A new code voids the earlier ones of the same purpose.
        await trx.updateTable('verification_codes').set({ expires_at: now, updated_at: now }).where('user_id', '=', actor.userId).where('purpose', '=', purpose).where('used_at', 'is', null).where('expires_at', '>', now).execute();
        await trx
          .insertInto('verification_codes')
          .values({ user_id: actor.userId, purpose, new_value: fieldCrypto().seal(value), code_hash: codeHash(purpose, actor.userId, value, code), expires_at: new Date(now.getTime() + CHANGE_CODE_MINUTES * 60_000) })
          .execute();
        const params = { code, minutes: CHANGE_CODE_MINUTES };
        if (kind === 'email') {
          await deps.mailer.send(trx, {
            to: value,
            subject: t(current.locale, 'account.edit.mail.subject', params),
            text: `${t(current.locale, 'account.edit.mail.body', params)}\n`,
            // the outbox keeps no working code once delivered, given up or expired
            secrets: [code],
            secretsExpireAt: new Date(now.getTime() + CHANGE_CODE_MINUTES * 60_000),
          });
        } else {
          await deps.sendSms(trx, { to: value, text: t(current.locale, 'account.edit.sms', params), userId: actor.userId, secrets: [code], secretsExpireAt: new Date(now.getTime() + CHANGE_CODE_MINUTES * 60_000) });
        }
        await recordAudit(trx, who, { action: `user.${kind}_change_requested`, entityType: 'user', entityId: actor.userId, after: { [kind]: kind === 'email' ? maskEmail(value) : maskPhone(value) } });
      });
    },

    /**
     * Enters the code: the right one writes the waiting value to the account; a wrong one
     * counts an attempt (committed before the error is thrown) and changes nothing.
     */
    async confirmChange(who: Who, kind: ContactKind, raw: unknown): Promise<void> {
      const actor = requireCitizen(who.actor);
      const code = typeof raw === 'string' ? raw.replace(/\s/g, '') : '';
      if (!/^\d{6}$/.test(code)) throw fieldError('code', 'account.edit.v.code');
      const purpose = purposeOf[kind];
      type Outcome = { error: 'code.expired' | 'code.attempts' | 'code.wrong'; left?: number } | { row: { id: string; new_value: string | null } };
      const outcome = await db.transaction().execute(async (trx): Promise<Outcome> => {
        const row = await trx
          .selectFrom('verification_codes')
          .select(['id', 'new_value', 'code_hash', 'attempts', 'expires_at', 'used_at'])
          .where('user_id', '=', actor.userId)
          .where('purpose', '=', purpose)
          .where('used_at', 'is', null)
          .orderBy('created_at', 'desc')
          .limit(1)
          .forUpdate()
          .executeTakeFirst();
        if (!row || !row.new_value || row.expires_at.getTime() <= Date.now()) return { error: 'code.expired' };
        const waiting = fieldCrypto().open(row.new_value);
        if (row.attempts >= CODE_MAX_ATTEMPTS) return { error: 'code.attempts' };
        const expected = Buffer.from(row.code_hash, 'hex');
        const given = Buffer.from(codeHash(purpose, actor.userId, waiting, code), 'hex');
        if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) {
          const attempts = row.attempts + 1;
          await trx.updateTable('verification_codes').set({ attempts, updated_at: new Date() }).where('id', '=', row.id).execute();
          return attempts >= CODE_MAX_ATTEMPTS ? { error: 'code.attempts' } : { error: 'code.wrong', left: CODE_MAX_ATTEMPTS - attempts };
        }
        return { row: { id: row.id, new_value: waiting } };
      });
      if ('error' in outcome) throw fieldError('code', outcome.error, outcome.left !== undefined ? { left: outcome.left } : undefined);
      const value = outcome.row.new_value!;
      try {
        await db.transaction().execute(async (trx) => {
          const used = await trx.updateTable('verification_codes').set({ used_at: new Date(), updated_at: new Date() }).where('id', '=', outcome.row.id).where('used_at', 'is', null).executeTakeFirst();
          if (Number(used.numUpdatedRows ?? 0) !== 1) throw fieldError('code', 'code.expired');
          const before = await trx.selectFrom('users').select(['email', 'phone']).where('id', '=', actor.userId).forUpdate().executeTakeFirstOrThrow().then((r) => openPerson(r));
          const now = new Date();
          if (kind === 'email') await trx.updateTable('users').set({ ...sealedPerson({ email: value }), email_verified_at: now, updated_at: now }).where('id', '=', actor.userId).execute();
          else await trx.updateTable('users').set({ ...sealedPerson({ phone: value }), updated_at: now }).where('id', '=', actor.userId).execute();
          const mask = (v: string | null) => (v ? (kind === 'email' ? maskEmail(v) : maskPhone(v)) : null);
          await recordAudit(trx, who, { action: `user.${kind}_changed`, entityType: 'user', entityId: actor.userId, before: { [kind]: mask(kind === 'email' ? before.email : before.phone) }, after: { [kind]: mask(value) } });
        });
      } catch (err) {
        // Someone else confirmed the same address meanwhile.
        if (isUniqueViolation(err)) throw fieldError('code', 'account.edit.v.email_taken');
        throw err;
      }
    },
  };
}
