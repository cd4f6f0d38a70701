// `simpul keys rotate | status`: personal data at rest (NIK, phone, e-mail, street address, an
// e-mail or phone waiting for its confirmation code; guest reporters' contacts on complaints).
// rotate seals every row
// still clear (written before encryption) or sealed with an older key, in short batches while
// the site keeps running (every configured key still opens); then it names the keys no row
// uses any more, which may be removed from DATA_KEYS. status only counts.
// Exit code 0 when every value is on the active key, 1 when not, 2 on bad usage.
import type { Executor } from '../platform/db/database.ts';
import { fieldCrypto } from '../platform/privacy/field-crypto.ts';
import { resealUsers, type ResealReport } from '../modules/identity/index.ts';
import { resealComplaintContacts } from '../modules/complaints/index.ts';

export async function runKeysCommand(db: Executor, args: string[], out: (line: string) => void = console.log): Promise<number> {
  const [sub] = args;
  if (sub !== 'rotate' && sub !== 'status') {
    out('Usage: simpul keys rotate | status');
    return 2;
  }
  const fc = fieldCrypto();
  const users: ResealReport = await resealUsers(db, { maxBatches: sub === 'rotate' ? undefined : 0, fc });
  // Guest reporters' contacts on complaints are sealed with the same keys.
  const contacts = await resealComplaintContacts(db, { maxBatches: sub === 'rotate' ? undefined : 0, fc });
  if (sub === 'rotate') out(`Re-sealed ${users.resealed} account row(s) and ${contacts.resealed} complaint contact(s) with the active data key '${fc.activeKeyId}'.`);
  const report = { clear: users.clear + contacts.clear, byKey: { ...users.byKey } };
  for (const [k, n] of Object.entries(contacts.byKey)) report.byKey[k] = (report.byKey[k] ?? 0) + n;
  const perKey = Object.entries(report.byKey).map(([k, n]) => `${k}: ${n}`).join(', ') || 'none';
  out(`Sealed values per key: ${perKey}; clear values left: ${report.clear}.`);
  const unused = fc.keyIds.filter((k) => k !== fc.activeKeyId && !report.byKey[k]);
  if (unused.length) out(`No value uses ${unused.map((k) => `'${k}'`).join(', ')} any more: it may be removed from DATA_KEYS.`);
  const done = report.clear === 0 && Object.keys(report.byKey).every((k) => k === fc.activeKeyId);
  return done ? 0 : 1;
}
