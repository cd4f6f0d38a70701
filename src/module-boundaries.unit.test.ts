// The module walls (ARCHITECTURE.md, "Module boundaries"): platform never imports a module, a
// module reaches another only through its index.ts, no module imports app.ts, no cycle between
// modules. Breaches that predate the rule are listed in test/module-boundaries.baseline.txt;
// the list may only shrink.
import { describe, expect, it } from 'vitest';
import { check, readBaseline } from '../scripts/module-boundaries.mjs';

describe('module boundaries', () => {
  const now = check();
  const baseline = readBaseline();

  it('adds no new breach of the module walls (imports into internals, app.ts, platform → module, cycles)', () => {
    expect(now.filter((b) => !baseline.includes(b))).toEqual([]);
  });

  it('keeps the list of known breaches exact: a fixed breach is removed from it', () => {
    expect(baseline.filter((b) => !now.includes(b))).toEqual([]);
  });

  it('sees the imports it checks (the scanner finds the known platform → module imports of schema.ts)', () => {
    // guards against a scanner that silently finds nothing and so passes everything
    expect(now.some((b) => b.startsWith('platform-imports-module src/platform/db/schema.ts'))).toBe(true);
  });
});
