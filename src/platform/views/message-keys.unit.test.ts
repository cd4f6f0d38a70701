// Every message key the code names exists in both catalogues (S-5). Literal keys are also
// checked by the compiler (`MessageKey`); this test reads the sources (the catalogues are
// registered by the test setup, test/messages-setup.ts): a literal key (`t('a.b')`, `ctx.t("a.b")`, `key: 'a.b'`
// handed to the error model) must be defined; a key built at run time
// (`t(`applications.event.${kind}`)`) must have at least one defined key under its fixed
// prefix. A key missing from the catalogue would otherwise show on the page as itself.
import { readFileSync } from 'node:fs';
import { sourceFiles } from '../../../test/source-files.ts';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { allMessageKeys } from './i18n.ts';

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');


const files = sourceFiles(src);
let keys: Set<string>;

beforeAll(() => {
  keys = new Set(allMessageKeys('id'));
  const en = new Set(allMessageKeys('en'));
  expect([...keys].filter((k) => !en.has(k))).toEqual([]);
});

describe('message keys named in the code', () => {
  it('[S-5] every literal key passed to t() is in the catalogue', () => {
    const missing: string[] = [];
    let seen = 0;
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-z][a-zA-Z0-9_]*(?:\.[a-zA-Z0-9_-]+)+)'/g)) {
        seen++;
        if (!keys.has(m[1]!)) missing.push(`${path.relative(src, f)}: ${m[1]}`);
      }
    }
    expect(seen).toBeGreaterThan(1000);
    expect(missing, missing.join('\n')).toEqual([]);
  });

  it('[S-5] every key built at run time has defined keys under its fixed prefix', () => {
    const missing: string[] = [];
    const prefixes = new Set([...keys].flatMap((k) => k.split('.').slice(1).map((_, i) => `${k.split('.').slice(0, i + 1).join('.')}.`)));
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/\b(?:t|messageKeyOr)\(\s*`([a-z][a-zA-Z0-9_.]*\.)\$\{/g)) {
        if (!prefixes.has(m[1]!)) missing.push(`${path.relative(src, f)}: ${m[1]}…`);
      }
    }
    expect(missing, missing.join('\n')).toEqual([]);
  });
});
