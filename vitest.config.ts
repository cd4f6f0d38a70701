import { defineConfig } from 'vitest/config';

// Four projects:
//  - unit:      pure logic, no database (`*.unit.test.ts[x]`)
//  - pglite:    integration tests on the embedded engine (`*.int.test.ts[x]`)
//  - postgres:  the same integration tests on the PostgreSQL server (DATABASE_URL or 127.0.0.1:5432)
//  - e2e:       journeys in Debian's Chromium (`test/e2e/*.e2e.test.ts`)
// Each integration test file builds its own app and data through test/harness.ts.
const esbuild = { jsx: 'automatic' as const, jsxImportSource: 'preact' };
// Registers the message catalogues (src/messages.ts) before each test file.
const setupFiles = ['test/messages-setup.ts'];

export default defineConfig({
  esbuild,
  test: {
    // Two test files at a time even on a 2-core machine (Vitest's default is cores - 1 = 1): much
    // of an integration test waits on PostgreSQL, PGlite or Chromium, so the second worker
    // overlaps that waiting. The browser tests stay in one fork of their own.
    maxWorkers: 2,
    projects: [
      {
        esbuild,
        test: { name: 'unit', include: ['src/**/*.unit.test.{ts,tsx}'], environment: 'node', setupFiles },
      },
      {
        esbuild,
        test: {
          name: 'pglite',
          include: ['src/**/*.int.test.{ts,tsx}', 'test/**/*.int.test.ts'],
          env: { SIMPUL_TEST_ENGINE: 'pglite' },
          globalSetup: ['test/pglite-setup.ts'],
          setupFiles,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        esbuild,
        test: {
          name: 'postgres',
          include: ['src/**/*.int.test.{ts,tsx}', 'test/**/*.int.test.ts'],
          env: { SIMPUL_TEST_ENGINE: 'postgres' },
          globalSetup: ['test/postgres-setup.ts'],
          setupFiles,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        esbuild,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          env: { SIMPUL_TEST_ENGINE: 'pglite' },
          globalSetup: ['test/pglite-setup.ts'],
          setupFiles,
          pool: 'forks',
          poolOptions: { forks: { singleFork: true } },
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
