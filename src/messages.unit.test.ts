// The message catalogues are all listed in src/messages.ts (S-5): a catalogue missing there is
// neither registered nor part of `MessageKey`, so its keys would fail to compile where used or
// show as raw keys. Both languages define the same keys.
import { readFileSync } from 'node:fs';
import { sourceFiles } from '../test/source-files.ts';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { catalogues } from './messages.ts';
import { allMessageKeys, hasMessage, messageKeyOr, t } from './platform/views/i18n.ts';

const src = path.dirname(fileURLToPath(import.meta.url));


describe('message catalogues', () => {
  const composition = readFileSync(path.join(src, 'messages.ts'), 'utf8');

  it('[S-5] every file that defines messages is imported and listed in src/messages.ts', () => {
    const missing: string[] = [];
    let seen = 0;
    for (const f of sourceFiles(src)) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/^export const (\w+) = defineMessages[<(]/gm)) {
        seen++;
        const rel = `./${path.relative(src, f).split(path.sep).join('/')}`;
        const imported = new RegExp(`import \\{[^}]*\\b${m[1]}\\b[^}]*\\} from '${rel.replace(/\./g, '\\.')}'`).test(composition);
        const listed = new RegExp(`^  ${m[1]},$`, 'm').test(composition);
        if (!imported || !listed) missing.push(`${rel}: ${m[1]}`);
      }
      // A catalogue that is not exported cannot be registered.
      if (/^defineMessages\(/m.test(text)) missing.push(`${path.relative(src, f)}: defineMessages(...) not exported`);
    }
    expect(seen).toBeGreaterThan(40);
    expect(missing, missing.join('\n')).toEqual([]);
  });

  it('[S-5] Indonesian and English define the same keys in every catalogue', () => {
    for (const c of catalogues) {
      expect(Object.keys(c.en).sort()).toEqual(Object.keys(c.id).sort());
    }
    expect(allMessageKeys('en').sort()).toEqual(allMessageKeys('id').sort());
  });

  it('[S-5] an unknown key fails to compile (checked by tsc through @ts-expect-error)', () => {
    // @ts-expect-error 'no.such.key' is in no catalogue, so it is not a MessageKey.
    expect(t('id', 'no.such.key')).toBe('no.such.key');
    expect(t('id', 'value.unknown')).toBe('(tidak dikenal)');
  });

  it('[S-5] a key built at run time falls back to a known key when it is not in the catalogue', () => {
    expect(hasMessage('applications.status.submitted')).toBe(true);
    expect(messageKeyOr('applications.status.submitted', 'value.unknown')).toBe('applications.status.submitted');
    expect(messageKeyOr('applications.status.no_such_status', 'value.unknown')).toBe('value.unknown');
    expect(t('id', messageKeyOr('applications.status.no_such_status', 'value.unknown'))).toBe('(tidak dikenal)');
  });
});
