// Identity: accounts — citizen and business self-registration, e-mail confirmation, staff
// accounts, and the release of abandoned registrations.
import type { AccountAddress } from '../../platform/area/person-address.ts';
import { sql } from 'kysely';
import type { Executor, Trx } from '../../platform/db/database.ts';
import { uniqueViolation } from '../../platform/db/values.ts';
import type { RequestMeta } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError, errors, type FieldError } from '../../platform/http/errors.ts';
import { hitRateLimit } from '../../platform/http/rate-limit.ts';
import { type Locale } from '../../platform/views/i18n.ts';
import { hashPassword } from './passwords.ts';
import { maskEmail, maskNik } from './identifiers.ts';
import { identityMail } from './identity.mail.ts';
import * as repo from './identity.repository.ts';
import type { LegalForm } from './identity.schemas.ts';
import { fieldCrypto, sealedPrefix } from '../../platform/privacy/field-crypto.ts';
import { emailMatch, sealedPerson } from './identity.sealing.ts';
import { ABANDONED_REGISTRATION_DAYS, CODE_MAX_ATTEMPTS, INVITATION_HOURS, type NewSession, REGISTER_WINDOW_SECONDS, RESEND_PER_ACCOUNT, RESEND_WINDOW_SECONDS, type Who, codeError, conflictFromUniqueViolation, normaliseName } from './identity.model.ts';
import type { IdentityKernel } from './identity.kernel.ts';


/**
 * Releases abandoned self-registrations (all of them, or those holding `match.nik` /
 * `match.email`): citizen accounts still 'pending', never confirmed, whose password was set
 * more than ABANDONED_REGISTRATION_DAYS ago. A person a business recorded as its
 * representative goes back to being that record (NIK and name only, no sign-in); anyone else
 * is emptied of personal data and disabled. Audited. Returns how many were released.
 */
export async function releaseAbandonedRegistrations(q: Executor, match: { nik?: string; email?: string } = {}, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - ABANDONED_REGISTRATION_DAYS * 86_400_000);
  const rows = await q
    .selectFrom('users as u')
    .select(['u.id', sql<boolean>`exists (select 1 from business_representatives r where r.user_id = u.id)`.as('represents')])
    .where('u.kind', '=', 'citizen')
    .where('u.status', '=', 'pending')
    .where('u.email_verified_at', 'is', null)
    .where('u.password_hash', 'is not', null)
    .where('u.password_changed_at', '<', cutoff)
    .$if(match.nik !== undefined || match.email !== undefined, (qb) =>
      qb.where((eb) =>
        eb.or([
          ...(match.nik !== undefined ? [eb('u.nik_bidx', '=', fieldCrypto().blindIndex('nik', match.nik)), eb('u.nik', '=', match.nik)] : []),
          ...(match.email !== undefined
            ? [
                eb('u.email_bidx', '=', fieldCrypto().blindIndex('email', match.email.trim().toLowerCase())),
                eb.and([eb(sql<string>`lower(u.email)`, '=', match.email.trim().toLowerCase()), eb('u.email', 'not like', `${sealedPrefix}%`)]),
              ]
            : []),
        ]),
      ),
    )
    .limit(500)
    .execute();
  for (const r of rows) {
    const common = { email: null, email_bidx: null, address: null, phone: null, phone_bidx: null, password_hash: null, password_changed_at: null, updated_at: now };
    if (r.represents) await q.updateTable('users').set(common).where('id', '=', r.id).execute();
    else await q.updateTable('users').set({ ...common, nik: null, nik_bidx: null, name: '-', status: 'disabled' }).where('id', '=', r.id).execute();
    await recordAudit(q, { actor: null, label: 'sistem' }, {
      action: 'user.registration_abandoned',
      entityType: 'user',
      entityId: r.id,
      after: { released: true, keptAsRepresentative: r.represents },
    });
  }
  return rows.length;
}

export function createRegistration(k: IdentityKernel) {
  const { config, db, mailer, tx, link, createSession, issueCode, consumeCode, sendConfirmation, checkIpLimit } = k;
  // ------------------------------------------------------------------------------------
  // Registration
  // ------------------------------------------------------------------------------------

  /** A person recorded as a business representative who has not made an account yet. */
  function isUnclaimedPerson(u: { kind: string; password_hash: string | null; email: string | null; status: string }): boolean {
    return u.kind === 'citizen' && u.password_hash === null && u.email === null && u.status === 'pending';
  }

  /**
   * Tells the holder of a NIK or e-mail address that someone tried to register with it.
   * Registration answers the same whether or not they are taken (no account enumeration);
   * the owner learns of the attempt by e-mail instead.
   */
  async function notifyRegistrationAttempt(trx: Trx, owner: { name: string; email: string | null; locale: Locale }, what: 'nik' | 'email') {
    if (!owner.email) return;
    await mailer.send(
      trx,
      identityMail.registrationAttempt(owner.locale, owner.email, { name: owner.name, what, signin: link('/masuk'), forgot: link('/lupa-sandi'), url: link('/') }),
    );
  }

  /** Registrations per client address and hour (config.registerRatePerIp). */
  async function checkRegistrationLimit(meta: RequestMeta | null | undefined) {
    await checkIpLimit('register:ip', meta, config.registerRatePerIp, REGISTER_WINDOW_SECONDS);
  }

  /**
   * Citizen self-registration (P-4: one NIK, one account; one e-mail, one account). The
   * account stays 'pending' until the e-mailed code is entered. A NIK already recorded as a
   * business representative without an account of its own (see registerBusiness) is taken
   * over by this registration, so the person keeps one identity.
   *
   * A NIK or e-mail that already has an account gets the same answer as a new registration
   * (`userId` null: nothing is created) and its owner is told by e-mail, so the form cannot be
   * used to find out who has an account. At most config.registerRatePerIp attempts per address and hour.
   */
  async function registerCitizen(
    input: { nik: string; name: string; email: string; phone: string; password: string; address?: AccountAddress },
    who: Who,
    locale: Locale,
  ): Promise<{ userId: string | null; email: string }> {
    await checkRegistrationLimit(who.meta);
    const passwordHash = await hashPassword(input.password);
    const taken = { userId: null, email: input.email };
    try {
      return await tx(async (trx) => {
        await releaseAbandonedRegistrations(trx, { nik: input.nik, email: input.email });
        const existing = await repo.findUserByNik(trx, input.nik);
        const unclaimed = existing && isUnclaimedPerson(existing) ? existing : undefined;
        const byEmail = await repo.findUserByEmail(trx, input.email);
        if ((existing && !unclaimed) || byEmail) {
          if (existing && !unclaimed) await notifyRegistrationAttempt(trx, existing, 'nik');
          if (byEmail && byEmail.id !== existing?.id) await notifyRegistrationAttempt(trx, byEmail, 'email');
          await recordAudit(trx, { ...who, label: who.label ?? 'anonim' }, {
            action: 'user.register_refused',
            entityType: 'user',
            entityId: (existing && !unclaimed ? existing.id : byEmail?.id) ?? null,
            after: { reason: existing && !unclaimed ? 'nik_taken' : 'email_taken', nik: maskNik(input.nik), email: maskEmail(input.email) },
          });
          return taken;
        }
        const values = {
          name: input.name,
          ...sealedPerson({ email: input.email, phone: input.phone }),
          password_hash: passwordHash,
          password_changed_at: new Date(),
          locale,
          status: 'pending' as const,
          updated_at: new Date(),
          // The address when one was given (a walk-in record's own is kept otherwise).
          ...(input.address && (input.address.area || input.address.street) ? { ...sealedPerson({ address: input.address.street }), address_area: input.address.area } : {}),
        };
        let row: { id: string } | undefined;
        if (unclaimed) {
          // Guarded: a concurrent registration may have claimed the record since we read it.
          row = await trx
            .updateTable('users')
            .set(values)
            .where('id', '=', unclaimed.id)
            .where('password_hash', 'is', null)
            .where('email', 'is', null)
            .where('status', '=', 'pending')
            .returning(['id'])
            .executeTakeFirst();
          if (!row) return taken;
        } else {
          row = await trx.insertInto('users').values({ ...values, kind: 'citizen', ...sealedPerson({ nik: input.nik }) }).returning(['id']).executeTakeFirstOrThrow();
        }
        await recordAudit(trx, { ...who, label: who.label ?? input.name }, {
          action: unclaimed ? 'user.register_claimed' : 'user.register',
          entityType: 'user',
          entityId: row.id,
          after: { kind: 'citizen', name: input.name, nik: maskNik(input.nik), email: maskEmail(input.email), status: 'pending' },
        });
        await sendConfirmation(trx, { id: row.id, name: input.name, email: input.email, locale });
        return { userId: row.id, email: input.email };
      });
    } catch (err) {
      // The same NIK or e-mail registered at the same moment: the same answer as above.
      if (uniqueViolation(err)) return taken;
      throw err;
    }
  }

  /**
   * Business registration. Creates the business account (users.kind 'business', its own
   * e-mail and password), the business (one NIB, one NPWP), and records the person who acts
   * for it as a representative.
   *
   * The person is identified by NIK, as everywhere in Simpul (P-4: one person, one record):
   * - a NIK with a citizen account is linked to that account (the name typed must match the
   *   account's name, so a NIK alone cannot pull a stranger in), and the person is told by
   *   e-mail;
   * - a NIK without an account gets a person record with the NIK and name only: no e-mail,
   *   no password, status 'pending'. It cannot sign in and holds no data beyond what the
   *   business declared. When the person registers at /daftar with that NIK, registration
   *   takes the record over (registerCitizen), so the link to the business is already
   *   there and no duplicate person appears. We do not create a sign-in for someone who did
   *   not ask for one, and we do not make the business wait for the person to register.
   */
  async function registerBusiness(
    input: {
      businessName: string;
      legalForm: LegalForm;
      nib: string;
      npwp: string;
      address: string;
      email: string;
      phone: string;
      password: string;
      personNik: string;
      personName: string;
      personPosition: string;
    },
    who: Who,
    locale: Locale,
  ): Promise<{ userId: string | null; businessId: string | null; email: string }> {
    await checkRegistrationLimit(who.meta);
    const passwordHash = await hashPassword(input.password);
    try {
      return await tx(async (trx) => {
        const fields: FieldError[] = [];
        // An e-mail address with an account is not named (no enumeration): when all else is
        // right, the answer reads as a registration and the address's owner is told.
        const byEmail = await repo.findUserByEmail(trx, input.email);
        if (await trx.selectFrom('businesses').select('id').where('nib', '=', input.nib).executeTakeFirst()) {
          fields.push({ field: 'nib', key: 'business.nib_taken' });
        }
        if (await trx.selectFrom('businesses').select('id').where('npwp', '=', input.npwp).executeTakeFirst()) {
          fields.push({ field: 'npwp', key: 'business.npwp_taken' });
        }
        const person = await repo.findUserByNik(trx, input.personNik);
        if (person && (person.kind !== 'citizen' || normaliseName(person.name) !== normaliseName(input.personName))) {
          fields.push({ field: 'personName', key: 'business.person_mismatch' });
        }
        if (fields.length) throw new AppError('conflict', 409, fields[0]!.key, undefined, fields);
        if (byEmail) {
          await notifyRegistrationAttempt(trx, byEmail, 'email');
          await recordAudit(trx, { ...who, label: who.label ?? 'anonim' }, {
            action: 'business.register_refused',
            entityType: 'user',
            entityId: byEmail.id,
            after: { reason: 'email_taken', nib: input.nib, email: maskEmail(input.email) },
          });
          return { userId: null, businessId: null, email: input.email };
        }

        const account = await trx
          .insertInto('users')
          .values({
            kind: 'business',
            name: input.businessName,
            ...sealedPerson({ email: input.email, phone: input.phone }),
            password_hash: passwordHash,
            password_changed_at: new Date(),
            locale,
            status: 'pending',
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const business = await trx
          .insertInto('businesses')
          .values({
            account_id: account.id,
            name: input.businessName,
            nib: input.nib,
            npwp: input.npwp,
            legal_form: input.legalForm,
            address: input.address,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const personId =
          person?.id ??
          (
            await trx
              .insertInto('users')
              .values({ kind: 'citizen', name: input.personName, ...sealedPerson({ nik: input.personNik }), status: 'pending' })
              .returning('id')
              .executeTakeFirstOrThrow()
          ).id;
        await trx
          .insertInto('business_representatives')
          .values({ business_id: business.id, user_id: personId, position: input.personPosition })
          .execute();
        const label = who.label ?? input.businessName;
        await recordAudit(trx, { ...who, label }, {
          action: 'business.register',
          entityType: 'business',
          entityId: business.id,
          after: { name: input.businessName, legal_form: input.legalForm, nib: input.nib, account_id: account.id, email: maskEmail(input.email) },
        });
        await recordAudit(trx, { ...who, label }, {
          action: 'business.representative_add',
          entityType: 'business',
          entityId: business.id,
          after: { user_id: personId, nik: maskNik(input.personNik), position: input.personPosition, person_record_created: !person },
        });
        if (person?.email && person.email_verified_at && person.status === 'active') {
          await mailer.send(
            trx,
            identityMail.representativeAdded(person.locale, person.email, {
              name: person.name,
              business: input.businessName,
              position: input.personPosition,
              url: link('/akun'),
            }),
          );
        }
        await sendConfirmation(trx, { id: account.id, name: input.businessName, email: input.email, locale });
        return { userId: account.id, businessId: business.id, email: input.email };
      });
    } catch (err) {
      // The only NIK written here is the person's (a record made at the same moment elsewhere).
      throw conflictFromUniqueViolation(err, {
        users_nik_key: { field: 'personNik', key: 'account.conflict' },
        users_email_key: { field: 'email', key: 'business.email_taken' },
      }) ?? err;
    }
  }

  /** The pending account a confirmation page is about (from its cookie or the typed e-mail). */
  async function pendingAccount(ref: { userId?: string | null; email?: string | null }) {
    const u = ref.userId ? await repo.findUserById(db, ref.userId) : ref.email ? await repo.findUserByEmail(db, ref.email) : undefined;
    return u && u.status === 'pending' && u.email ? u : undefined;
  }

  /**
   * Confirms the e-mail address with the code and signs the person in. Unknown addresses
   * read as a wrong code (no account enumeration).
   */
  async function confirmEmail(ref: { userId?: string | null; email?: string | null }, code: string, who: Who): Promise<{ userId: string; session: NewSession }> {
    const user = await pendingAccount(ref);
    if (!user) throw codeError({ ok: false, reason: 'wrong', left: CODE_MAX_ATTEMPTS - 1 });
    const res = await tx(async (trx) => {
      const check = await consumeCode(trx, user.id, ['email_confirm'], null, code);
      if (!check.ok) return check;
      const updated = await trx
        .updateTable('users')
        .set({ status: 'active', email_verified_at: new Date(), failed_logins: 0, locked_until: null, last_login_at: new Date(), updated_at: new Date() })
        .where('id', '=', user.id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) return { ok: false as const, reason: 'expired' as const };
      const session = await createSession(trx, user.id, { ip: who.meta?.ip ?? null, userAgent: who.meta?.userAgent ?? null }, true);
      await recordAudit(trx, { ...who, actor: who.actor, label: user.name }, {
        action: 'user.email_confirmed',
        entityType: 'user',
        entityId: user.id,
        before: { status: 'pending' },
        after: { status: 'active' },
      });
      return { ok: true as const, session };
    });
    if (!res.ok) throw codeError(res);
    return { userId: user.id, session: res.session };
  }

  /**
   * "Kirim ulang kode": a new code, at most RESEND_PER_ACCOUNT per 15 minutes per account.
   * The answer does not say whether the address has a pending account.
   */
  async function resendConfirmation(ref: { userId?: string | null; email?: string | null }, meta: RequestMeta | null | undefined): Promise<void> {
    await checkIpLimit('confirm-resend:ip', meta, 20, 3600);
    const user = await pendingAccount(ref);
    if (!user?.email) return;
    const r = await hitRateLimit(db, `confirm-resend:user:${user.id}`, RESEND_PER_ACCOUNT, RESEND_WINDOW_SECONDS);
    if (!r.allowed) throw errors.rateLimited(r.retryAfterMinutes);
    await tx((trx) => sendConfirmation(trx, { id: user.id, name: user.name, email: user.email!, locale: user.locale }));
  }


  // ------------------------------------------------------------------------------------
  // Staff accounts
  // ------------------------------------------------------------------------------------

  /**
   * Creates a staff account (never self-registered). With a password (CLI, demo seed) the
   * account is ready; without one an invitation is e-mailed: a code and a link to
   * /atur-sandi, valid INVITATION_HOURS. Roles are granted separately (agencies module).
   * Runs inside the caller's transaction.
   */
  async function createStaffAccount(
    trx: Executor,
    input: { name: string; email: string; phone?: string | null; password?: string; locale?: Locale },
    who: Who,
  ): Promise<{ userId: string }> {
    const email = input.email.trim().toLowerCase();
    const taken = await trx.selectFrom('users').select('id').where(emailMatch(email)).executeTakeFirst();
    if (taken) throw errors.conflict('account.email_taken', 'email');
    const locale = input.locale ?? 'id';
    const row = await trx
      .insertInto('users')
      .values({
        kind: 'staff',
        name: input.name.trim(),
        email_verified_at: input.password ? new Date() : null,
        ...sealedPerson({ email, phone: input.phone ?? null }),
        password_hash: input.password ? await hashPassword(input.password) : null,
        password_changed_at: input.password ? new Date() : null,
        locale,
      })
      .returning(['id', 'kind', 'name', 'status', 'created_at'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, who, { action: 'user.create', entityType: 'user', entityId: row.id, after: { ...row, email: maskEmail(email) } });
    if (!input.password) {
      const { id, code } = await issueCode(trx as Trx, row.id, 'invitation', INVITATION_HOURS * 60);
      await mailer.send(
        trx,
        identityMail.invitation(locale, email, {
          name: row.name,
          code,
          hours: INVITATION_HOURS,
          link: link(`/atur-sandi?ref=${id}&kode=${code}`),
          url: link('/atur-sandi'),
        }),
      );
      await recordAudit(trx, who, { action: 'user.invited', entityType: 'user', entityId: row.id });
    }
    return { userId: row.id };
  }
  return { registerCitizen, registerBusiness, pendingAccount, confirmEmail, resendConfirmation, createStaffAccount };
}
