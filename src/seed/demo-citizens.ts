// Demo citizens. Identity offers citizen *self-registration* only (registerCitizen: a pending
// account, a confirmation code by e-mail), which is not what a demo needs: two ready,
// confirmed accounts that sign in with the demo password. Until identity offers a service
// function for that, this clearly-named seed helper writes the users row itself — only here,
// only for demo data — with the audit event identity would record.
import type { Executor } from '../platform/db/database.ts';
import { recordAudit } from '../platform/audit/audit.ts';
import { maskEmail, maskNik, normalizeMobilePhone, validateNik } from '../modules/identity/identifiers.ts';

export interface DemoCitizen {
  name: string;
  nik: string;
  email: string;
  phone: string;
}

/** Inserts an active, e-mail-confirmed citizen account with an already computed password hash. */
export async function insertDemoCitizenAccount(trx: Executor, citizen: DemoCitizen, passwordHash: string): Promise<{ userId: string }> {
  const nik = validateNik(citizen.nik);
  if (!nik.ok) throw new Error(`Demo citizen ${citizen.name}: invalid NIK (${nik.code})`);
  const phone = normalizeMobilePhone(citizen.phone);
  if (!phone.ok) throw new Error(`Demo citizen ${citizen.name}: invalid phone`);
  const now = new Date();
  const row = await trx
    .insertInto('users')
    .values({
      kind: 'citizen',
      name: citizen.name,
      email: citizen.email.toLowerCase(),
      email_verified_at: now,
      phone: phone.e164,
      nik: nik.nik,
      password_hash: passwordHash,
      password_changed_at: now,
      status: 'active',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(trx, { actor: null, label: 'demo' }, {
    action: 'user.register',
    entityType: 'user',
    entityId: row.id,
    after: { kind: 'citizen', name: citizen.name, nik: maskNik(nik.nik), email: maskEmail(citizen.email), status: 'active', source: 'demo seed' },
  });
  return { userId: row.id };
}
