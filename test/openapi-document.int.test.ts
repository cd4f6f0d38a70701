// The versioned API (I-4 item 7): the OpenAPI 3.1 document Simpul serves at /api/openapi.json is
// checked into the repository (openapi/v1.json). This test fails when the two differ, printing
// what changed and how to update the file, so every API change is visible in review.
// Update: `npm run openapi:write` (the same test in write mode), then note the change in
// docs/api-changelog.md.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engine, type TestApp } from './harness.ts';
import { CANONICAL_BASE_URL, OPENAPI_FILE, canonicalOpenApi, describeOpenApiDiff } from './openapi-document.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const file = path.join(root, OPENAPI_FILE);
const writing = process.env.OPENAPI_WRITE === '1';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe(`checked-in OpenAPI document (${engine})`, () => {
  it('[I-4] the served /api/openapi.json equals openapi/v1.json (npm run openapi:write updates it)', async () => {
    const res = await t.app.inject('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const served = canonicalOpenApi(res.body, t.config.baseUrl);
    expect(served).toContain(CANONICAL_BASE_URL);
    if (writing) {
      fs.writeFileSync(file, served);
      return;
    }
    const stored = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '{}';
    if (stored !== served) {
      const diff = describeOpenApiDiff(JSON.parse(stored), JSON.parse(served));
      expect.fail(
        `The served OpenAPI document differs from ${OPENAPI_FILE} (${diff.length} change(s)):\n` +
          diff.slice(0, 60).join('\n') +
          (diff.length > 60 ? `\n… and ${diff.length - 60} more` : '') +
          `\n\nIf the change is intended: run \`npm run openapi:write\`, commit ${OPENAPI_FILE} and note the change in docs/api-changelog.md.`,
      );
    }
  });

  it('[I-4] the diff names added, removed and changed operations', () => {
    const before = { paths: { '/a': { get: { summary: 'x' } }, '/b': { post: {} } } };
    const after = { paths: { '/a': { get: { summary: 'y' } }, '/c': { get: {} } } };
    expect(describeOpenApiDiff(before, after)).toEqual([
      '~ paths./a.get.summary: "x" → "y"',
      '- paths./b',
      '+ paths./c',
    ]);
  });
});
