// `simpul user create` and `simpul user reset-password` (issue 2 §9), called directly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engine, type TestApp } from '../../../test/harness.ts';
import { makeAgency, makeRegion, signInAs } from '../../../test/factories.ts';
import { runUserCommand, type CliOutput } from '../../cli/user.ts';
import type { AgencyView } from './agencies.service.ts';
import { emailMatch } from '../identity/index.ts';

let t: TestApp;
let agency: AgencyView;
const meta = { ip: '127.0.0.1', requestId: null, userAgent: null };

function capture(): CliOutput & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (l) => lines.push(l), err: (l) => errors.push(l) };
}

async function run(args: string[]) {
  const io = capture();
  const code = await runUserCommand(t.deps, args, io);
  return { code, out: io.lines.join('\n'), err: io.errors.join('\n') };
}

const countUsers = async () => Number((await t.database.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  t = await createTestApp({ requireAdminMfa: false });
  await makeRegion(t);
  agency = await makeAgency(t, { slug: 'dpmptsp-cli', shortName: 'DPM-CLI', name: 'DPMPTSP CLI' });
});
afterAll(async () => t?.close());

describe(`simpul user (${engine})`, () => {
  it('creates a super admin without --password: a strong password is printed once and works; audited as cli', async () => {
    const r = await run(['create', '--role', 'super_admin', '--email', 'Admin@Pemda.go.id', '--name', 'Admin Pemda']);
    expect(r.code).toBe(0);
    const password = /Password \(shown once, store it safely\): (\S+)/.exec(r.out)?.[1];
    expect(password).toBeDefined();
    expect(password!.length).toBeGreaterThanOrEqual(16);
    const signIn = await t.deps.identity.signIn({ login: 'admin@pemda.go.id', password: password! }, meta);
    expect(signIn.status).toBe('ok');
    const user = await t.database.db.selectFrom('users').select(['id']).where(emailMatch('admin@pemda.go.id')).executeTakeFirstOrThrow();
    const grants = await t.database.db.selectFrom('role_grants').select(['role', 'agency_id']).where('user_id', '=', user.id).execute();
    expect(grants).toEqual([{ role: 'super_admin', agency_id: null }]);
    const labels = await t.database.db.selectFrom('audit_events').select(['action', 'actor_label']).where('action', 'in', ['user.create', 'role.grant']).orderBy('id', 'desc').limit(2).execute();
    expect(labels.every((l) => l.actor_label === 'cli')).toBe(true);
  });

  it('creates an operator in an agency with a given password', async () => {
    const r = await run(['create', '--role', 'operator', '--agency', agency.slug, '--email', 'op@pemda.go.id', '--name', 'Operator Pemda', '--password', 'Sasando-Merdu-2026']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('operator in DPMPTSP CLI');
    expect(r.out).not.toContain('Sasando-Merdu-2026');
    expect((await t.deps.identity.signIn({ login: 'op@pemda.go.id', password: 'Sasando-Merdu-2026' }, meta)).status).toBe('ok');
  });

  it('refuses bad input with a clear message and exit code 2, writing nothing', async () => {
    const before = await countUsers();
    const cases: [string[], RegExp][] = [
      [['create', '--role', 'raja', '--email', 'a@pemda.go.id', '--name', 'Raja'], /Unknown role "raja"/],
      [['create', '--role', 'operator', '--email', 'b@pemda.go.id', '--name', 'Tanpa Instansi'], /add --agency SLUG/],
      [['create', '--role', 'super_admin', '--agency', agency.slug, '--email', 'c@pemda.go.id', '--name', 'Super'], /leave out --agency/],
      [['create', '--role', 'operator', '--agency', 'tidak-ada', '--email', 'd@pemda.go.id', '--name', 'Nama'], /Agency not found/],
      [['create', '--role', 'operator', '--agency', agency.slug, '--email', 'bukan-email', '--name', 'Nama'], /e-mail/i],
      [['create', '--role', 'operator', '--agency', agency.slug, '--email', 'e@pemda.go.id', '--name', 'Nama', '--password', 'pendek'], /--password/],
      [['create', '--role', 'operator', '--agency', agency.slug, '--email', 'op@pemda.go.id', '--name', 'Kembar'], /already/i],
      [['create', '--email', 'f@pemda.go.id'], /--role is required/],
      [['create', '--role', 'operator', '--bogus', 'x'], /Unknown option/i],
      [['hapus'], /Unknown command: user hapus/],
    ];
    for (const [args, message] of cases) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toMatch(message);
    }
    expect(await countUsers()).toBe(before);
  });

  it('reset-password sets a new password, unlocks, and signs out every session', async () => {
    await run(['create', '--role', 'agency_admin', '--agency', agency.slug, '--email', 'lupa@pemda.go.id', '--name', 'Admin Lupa', '--password', 'Tenun-Ikat-Sumba-1']);
    const user = await t.database.db.selectFrom('users').select('id').where(emailMatch('lupa@pemda.go.id')).executeTakeFirstOrThrow();
    const browser = await signInAs(t, user.id);
    expect((await browser.get('/kelola/pengguna')).statusCode).toBe(200);
    await t.database.db.updateTable('users').set({ locked_until: new Date(Date.now() + 3600_000), failed_logins: 4 }).where('id', '=', user.id).execute();

    const r = await run(['reset-password', '--email', 'LUPA@pemda.go.id']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/1 active session\(s\) signed out/);
    const password = /Password \(shown once, store it safely\): (\S+)/.exec(r.out)?.[1];
    expect((await t.deps.identity.signIn({ login: 'lupa@pemda.go.id', password: password! }, meta)).status).toBe('ok');
    await expect(t.deps.identity.signIn({ login: 'lupa@pemda.go.id', password: 'Tenun-Ikat-Sumba-1' }, meta)).rejects.toMatchObject({ status: 401 });
    const old = await browser.get('/kelola/pengguna');
    expect(old.statusCode).toBe(303); // the old session no longer works
    const ev = await t.database.db.selectFrom('audit_events').selectAll().where('action', '=', 'user.password_reset').where('entity_id', '=', user.id).executeTakeFirstOrThrow();
    expect(ev.actor_label).toBe('cli');
    expect(JSON.stringify(ev.after)).not.toContain(password!);
  });

  it('reset-password with --password; unknown e-mail and weak password are refused (exit 2)', async () => {
    expect((await run(['reset-password', '--email', 'op@pemda.go.id', '--password', 'Komodo-Labuan-Bajo-9'])).code).toBe(0);
    expect((await t.deps.identity.signIn({ login: 'op@pemda.go.id', password: 'Komodo-Labuan-Bajo-9' }, meta)).status).toBe('ok');
    const unknown = await run(['reset-password', '--email', 'siapa@pemda.go.id']);
    expect(unknown).toMatchObject({ code: 2 });
    expect(unknown.err).toContain('No account has this e-mail address');
    const weak = await run(['reset-password', '--email', 'op@pemda.go.id', '--password', '12345678901']);
    expect(weak.code).toBe(2);
    expect((await run(['reset-password'])).code).toBe(2);
  });
});
