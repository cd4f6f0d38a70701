// The non-test TypeScript sources under a folder (src/ by default), for tests that scan the code
// (message catalogues, message keys).
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const srcDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'src');

export function sourceFiles(dir: string = srcDir): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}
