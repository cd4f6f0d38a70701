// `simpul user create …` and `simpul user reset-password …`: for the operator with shell
// access to the server (first super admin of a fresh installation, a locked-out
// administrator). Inputs are validated with the same schemas as the back office; every change
// is recorded in the audit trail with the label 'cli'. Exit codes: 0 done, 2 refused.
import crypto from 'node:crypto';
import { parseArgs } from 'node:util';
import type { Deps } from '../app.ts';
import { staffRoles, type StaffRole } from '../platform/db/schema.ts';
import { AppError } from '../platform/http/errors.ts';
import { t } from '../platform/views/i18n.ts';
import { grantShapeError } from '../modules/agencies/agencies.policy.ts';
import { staffEmailField } from '../modules/agencies/agencies.schemas.ts';
import { hashPassword, passwordWeakness } from '../modules/identity/passwords.ts';
import { setPasswordByOperator } from '../modules/identity/identity.operator.ts';
import { emailMatch } from '../modules/identity/identity.sealing.ts';
import { registerAllMessages } from '../messages.ts';

export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

const consoleOutput: CliOutput = { out: (l) => console.log(l), err: (l) => console.error(l) };

const usage = `Usage:
  simpul user create --role ROLE [--agency SLUG] --email E --name N [--password P]
  simpul user reset-password --email E [--password P]

Roles: ${staffRoles.join(', ')}
Without --password a strong password is generated and printed once.`;

const CLI = { actor: null, label: 'cli', trusted: true } as const;

/** A random password that passes the strength rules (shown once, never stored in clear). */
export function generatePassword(): string {
  for (;;) {
    const p = crypto.randomBytes(15).toString('base64url'); // 20 characters
    if (/[a-z]/.test(p) && /[A-Z]/.test(p) && /\d/.test(p) && !passwordWeakness(p)) return p;
  }
}

function personalParts(...values: string[]): string[] {
  return values.flatMap((v) => [v, ...v.split(/[\s@.]+/)]).filter((p) => p.length >= 4);
}

/** Turns a service refusal into lines a person can act on (English, as the rest of the CLI). */
function explain(err: AppError): string[] {
  const lines = [t('en', err.messageKey, err.params)];
  for (const f of err.fields ?? []) {
    const msg = t('en', f.key, f.params);
    if (!lines.includes(`${f.field}: ${msg}`) && msg !== lines[0]) lines.push(`  ${f.field}: ${msg}`);
  }
  return lines;
}

/** `simpul user create …` and `simpul user reset-password …`. Returns the exit code. */
export async function runUserCommand(deps: Deps, args: string[], io: CliOutput = consoleOutput): Promise<number> {
  registerAllMessages();
  const [sub, ...rest] = args;
  try {
    if (sub === 'create') return await create(deps, rest, io);
    if (sub === 'reset-password') return await resetPassword(deps, rest, io);
    io.err(sub ? `Unknown command: user ${sub}\n\n${usage}` : usage);
    return 2;
  } catch (err) {
    if (err instanceof AppError && err.status < 500) {
      for (const line of explain(err)) io.err(line);
      return 2;
    }
    if (err instanceof TypeError && (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`${err.message}\n\n${usage}`);
      return 2;
    }
    throw err;
  }
}

async function create(deps: Deps, args: string[], io: CliOutput): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { role: { type: 'string' }, agency: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } },
    strict: true,
    allowPositionals: false,
  });
  const problems: string[] = [];
  if (!values.role) problems.push('--role is required.');
  else if (!(staffRoles as readonly string[]).includes(values.role)) problems.push(`Unknown role "${values.role}". Roles: ${staffRoles.join(', ')}.`);
  if (!values.email) problems.push('--email is required.');
  if (!values.name || values.name.trim().length < 2) problems.push('--name is required (at least 2 characters).');
  const role = values.role as StaffRole;
  if (values.role && (staffRoles as readonly string[]).includes(values.role)) {
    const shape = grantShapeError(role, values.agency ? 'x' : null);
    if (shape === 'grant.agency_required') problems.push(`The role ${role} is granted in one agency: add --agency SLUG.`);
    if (shape === 'grant.region_only') problems.push('A super_admin covers the whole region: leave out --agency.');
  }
  if (values.password !== undefined) {
    const weak = passwordWeakness(values.password, personalParts(values.name ?? '', values.email ?? ''));
    if (weak) problems.push(`--password: ${t('en', weak)}`);
  }
  if (problems.length) {
    for (const p of problems) io.err(p);
    return 2;
  }
  const generated = values.password === undefined;
  const password = values.password ?? generatePassword();
  const { grant } = await deps.agencies.createStaff(
    CLI,
    { name: values.name, email: values.email, role, agency: values.agency ?? null },
    deps.identity,
    { password },
  );
  io.out(`Created staff account ${values.email!.trim().toLowerCase()}: ${role}${grant.agency ? ` in ${grant.agency.name}` : ' (whole region)'}.`);
  if (generated) io.out(`Password (shown once, store it safely): ${password}`);
  if (role === 'super_admin' || role === 'agency_admin') io.out('Administrators set up two-step verification (TOTP) at their first sign-in.');
  return 0;
}

async function resetPassword(deps: Deps, args: string[], io: CliOutput): Promise<number> {
  const { values } = parseArgs({ args, options: { email: { type: 'string' }, password: { type: 'string' } }, strict: true, allowPositionals: false });
  const parsed = staffEmailField.safeParse(values.email ?? '');
  if (!parsed.success) {
    io.err(values.email ? '--email is not a valid e-mail address.' : '--email is required.');
    return 2;
  }
  const email = parsed.data;
  const user = await deps.database.db.selectFrom('users').select(['id', 'name', 'status']).where(emailMatch(email)).executeTakeFirst();
  if (!user) {
    io.err('No account has this e-mail address.');
    return 2;
  }
  if (user.status === 'disabled') {
    io.err('The account is disabled; it cannot be given a new password.');
    return 2;
  }
  if (values.password !== undefined) {
    const weak = passwordWeakness(values.password, personalParts(user.name, email));
    if (weak) {
      io.err(`--password: ${t('en', weak)}`);
      return 2;
    }
  }
  const generated = values.password === undefined;
  const password = values.password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  const revoked = await deps.database.db.transaction().execute((trx) => setPasswordByOperator(trx, user.id, passwordHash));
  io.out(`New password set for ${email}; ${revoked} active session(s) signed out.`);
  if (generated) io.out(`Password (shown once, store it safely): ${password}`);
  return 0;
}
