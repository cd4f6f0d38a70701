#!/usr/bin/env node
// `simpul …` (and `npm start`): runs the compiled build in dist/ (`npm run build`) with plain
// node, in this process, when there is one and the sources have not changed since it was
// built; otherwise the TypeScript sources through tsx (a fresh clone, development). A
// deployment without src/ (the container image) always runs the build.
// SIMPUL_FROM_SOURCE=1 forces the sources.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = path.join(root, 'dist', 'src', 'main.js');

/** The first file under `dir` modified at or after `since` (ms), or null. */
function changedSince(dir, since) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return null;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      const found = changedSince(p, since);
      if (found) return found;
    } else if (!/\.test\.tsx?$|test-support\.ts$/.test(e.name) && fs.statSync(p).mtimeMs >= since) return p; // tests are not built
  }
  return null;
}

function buildIsCurrent() {
  if (process.env.SIMPUL_FROM_SOURCE === '1' || !fs.existsSync(built)) return false;
  if (!fs.existsSync(path.join(root, 'src'))) return true;
  let since;
  try {
    since = Date.parse(JSON.parse(fs.readFileSync(path.join(root, 'dist', 'build.json'), 'utf8')).startedAt);
  } catch {
    since = NaN;
  }
  const changed = Number.isFinite(since) ? ['src', 'migrations', 'public'].map((d) => changedSince(path.join(root, d), since)).find(Boolean) : 'dist/build.json';
  if (!changed) return true;
  console.error(`Simpul: ${path.relative(root, changed)} changed after \`npm run build\`; running the sources through tsx (build again to run dist/).`);
  return false;
}

if (buildIsCurrent()) {
  await import(pathToFileURL(built).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main.ts');
}
