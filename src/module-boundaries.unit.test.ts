// The module walls (ARCHITECTURE.md, "Module boundaries"): platform never imports a module, a
// module reaches another only through its index.ts, no module imports app.ts, no cycle between
// modules. Breaches that predate the rule are listed in test/module-boundaries.baseline.txt;
// the list may only shrink.
import { describe, expect, it } from 'vitest';
import { check, readBaseline, scan, tableOwners, tablesTouched } from '../scripts/module-boundaries.mjs';

describe('module boundaries', () => {
  const now = check();
  const baseline = readBaseline();

  it('adds no new breach of the module walls (imports into internals, app.ts, platform → module, cycles)', () => {
    expect(now.filter((b) => !baseline.includes(b))).toEqual([]);
  });

  it('keeps the list of known breaches exact: a fixed breach is removed from it', () => {
    expect(baseline.filter((b) => !now.includes(b))).toEqual([]);
  });

  it('sees the imports it checks (the scanner finds arrows between modules that are known to exist)', () => {
    // guards against a scanner that silently finds nothing and so passes everything
    const { edges } = scan();
    expect([...(edges.get('audit') ?? [])]).toContain('agencies');
    expect([...(edges.get('payments') ?? [])]).toContain('applications');
  });

  it('knows the owner of every table and sees table access in Kysely calls and raw sql', () => {
    const owners = tableOwners();
    expect(owners.get('applications')).toBe('applications');
    expect(owners.get('bills')).toBe('payments');
    expect(owners.get('users')).toBe('identity');
    expect(owners.get('jobs')).toBe('platform');
    const seen = tablesTouched("db.selectFrom('bills as b').innerJoin('users as u', 'u.id', 'b.x'); sql`select 1 from applications a join sops s on true`");
    expect(seen.map(([t]) => t).sort()).toEqual(['applications', 'bills', 'sops', 'users']);
  });
});
