#!/usr/bin/env node
// `npm run build`: compiles src/ to JavaScript in dist/ so production runs on plain `node`
// (no TypeScript compiler loaded at run time), and copies what the code reads from disk next
// to it, so dist/ is self-contained apart from node_modules and package.json:
//   dist/src/…            the compiled modules (tsc, tsconfig.build.json: type-checked as it emits)
//   dist/src/**/*.tsv …   every non-TypeScript file under src/ (the SPBE framework, …)
//   dist/migrations/      read by dist/src/platform/db/migrate.js
//   dist/public/          stylesheets served by dist/src/app.js
//   dist/build.json       when the build started (bin/simpul.js falls back to the sources when
//                         they changed after it), the Node version and the git commit if any
// tsc rather than esbuild: the build is type-checked by the compiler that checks the code, emits
// one file per module (so paths relative to import.meta.url stay as in src/) and adds no
// dependency; it takes tens of seconds, which a release build can afford and `npm start` need not.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// `--out-dir DIR` builds elsewhere (the build test does, so it never touches a dist/ in use).
const outAt = process.argv.indexOf('--out-dir');
const dist = outAt > 0 && process.argv[outAt + 1] ? path.resolve(process.argv[outAt + 1]) : path.join(root, 'dist');
const startedAt = new Date().toISOString();

fs.rmSync(dist, { recursive: true, force: true });
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const compiled = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json'), '--outDir', dist], { stdio: 'inherit' });
if (compiled.status !== 0) {
  console.error('Build failed: the TypeScript compiler reported errors (see above).');
  process.exit(compiled.status ?? 1);
}

/** Copies every file under `from` for which `keep(name)` holds, keeping the folder layout. */
function copyTree(from, to, keep = () => true) {
  let n = 0;
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, entry.name);
    const dst = path.join(to, entry.name);
    if (entry.isDirectory()) n += copyTree(src, dst, keep);
    else if (entry.isFile() && keep(entry.name)) {
      fs.mkdirSync(to, { recursive: true });
      fs.copyFileSync(src, dst);
      n += 1;
    }
  }
  return n;
}

const assets = copyTree(path.join(root, 'src'), path.join(dist, 'src'), (name) => !/\.(ts|tsx)$/.test(name));
const migrations = copyTree(path.join(root, 'migrations'), path.join(dist, 'migrations'), (name) => name.endsWith('.sql'));
const publicFiles = copyTree(path.join(root, 'public'), path.join(dist, 'public'));

let commit = null;
try {
  commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
} catch {
  // not a git checkout (a release tarball): no commit to record
}
fs.writeFileSync(path.join(dist, 'package.json'), JSON.stringify({ private: true, type: 'module' }, null, 2) + '\n');
fs.writeFileSync(path.join(dist, 'build.json'), JSON.stringify({ startedAt, node: process.version, commit }, null, 2) + '\n');
const modules = fs.readdirSync(path.join(dist, 'src'), { recursive: true }).filter((f) => String(f).endsWith('.js')).length;
const shown = path.relative(process.cwd(), dist) || '.';
console.log(`Built ${shown}/: ${modules} modules, ${assets} other files from src/, ${migrations} migrations, ${publicFiles} public files. Start with: node ${path.join(shown, 'src', 'main.js')} start`);
