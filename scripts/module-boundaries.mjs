#!/usr/bin/env node
// The walls between modules, checked from the import graph of src/ (tests excluded):
//  1. platform/ never imports a module or src/app.ts (platform is below the modules);
//  2. a module imports another module only through its public face, src/modules/<name>/index.ts;
//  3. no module imports src/app.ts (app.ts composes the modules, never the other way);
//  4. no cycle between modules.
// What already breaks a rule is listed in test/module-boundaries.baseline.txt: the list may only
// shrink. A new breach fails the test; a listed breach that is gone fails it too, so the list is
// kept exact (`node scripts/module-boundaries.mjs --update` rewrites it after a fix).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'src');
export const baselineFile = path.join(root, 'test', 'module-boundaries.baseline.txt');

function walk(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (/\.(ts|tsx)$/.test(e.name) && !/\.test\.(ts|tsx)$|test-support\.(ts|tsx)$/.test(e.name)) out.push(p);
  }
  return out;
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Where a file sits: { kind: 'module', name } | { kind: 'platform' } | { kind: 'app' } | { kind: 'other' }. */
function place(file) {
  const rel = path.relative(src, file).split(path.sep);
  if (rel[0] === 'modules' && rel.length > 2) return { kind: 'module', name: rel[1], rel: rel.slice(2).join('/') };
  if (rel[0] === 'platform') return { kind: 'platform' };
  if (rel.join('/') === 'app.ts') return { kind: 'app' };
  return { kind: 'other' };
}

export function check() {
  return scan().breaches;
}

/** The breaches (sorted) and the module → modules arrows the scanner saw. */
export function scan() {
  const breaches = new Set();
  const edges = new Map(); // module -> Set(module)
  for (const file of walk(src)) {
    const from = place(file);
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2];
      if (!spec.startsWith('.')) continue;
      const target = path.resolve(path.dirname(file), spec);
      if (!target.startsWith(src + path.sep)) continue;
      const to = place(target);
      const where = path.relative(root, file).split(path.sep).join('/');
      const what = path.relative(root, target).split(path.sep).join('/');
      if (from.kind === 'platform' && (to.kind === 'module' || to.kind === 'app')) breaches.add(`platform-imports-module ${where} -> ${what}`);
      if (from.kind === 'module' && to.kind === 'app') breaches.add(`module-imports-app ${where} -> ${what}`);
      if (from.kind === 'module' && to.kind === 'module' && from.name !== to.name) {
        if (to.rel !== 'index.ts') breaches.add(`internal-import ${where} -> ${what}`);
        if (!edges.has(from.name)) edges.set(from.name, new Set());
        edges.get(from.name).add(to.name);
      }
    }
  }
  for (const cycle of moduleCycles(edges)) breaches.add(`module-cycle ${cycle.join(' <-> ')}`);
  return { breaches: [...breaches].sort(), edges };
}

/** Strongly connected groups of more than one module (Tarjan), each sorted. */
function moduleCycles(edges) {
  const index = new Map();
  const low = new Map();
  const stack = [];
  const on = new Set();
  const out = [];
  let i = 0;
  const nodes = new Set([...edges.keys(), ...[...edges.values()].flatMap((s) => [...s])]);
  function visit(v) {
    index.set(v, i);
    low.set(v, i++);
    stack.push(v);
    on.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) === index.get(v)) {
      const group = [];
      let w;
      do {
        w = stack.pop();
        on.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) out.push(group.sort());
    }
  }
  for (const v of [...nodes].sort()) if (!index.has(v)) visit(v);
  return out;
}

export function readBaseline() {
  if (!fs.existsSync(baselineFile)) return [];
  return fs.readFileSync(baselineFile, 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const now = check();
  if (process.argv.includes('--update')) {
    const head = '# Known breaches of the module walls (scripts/module-boundaries.mjs). This list may only shrink.\n';
    fs.writeFileSync(baselineFile, head + now.join('\n') + '\n');
    console.log(`${now.length} known breaches written to ${path.relative(root, baselineFile)}`);
  } else {
    const base = new Set(readBaseline());
    const added = now.filter((b) => !base.has(b));
    const gone = [...base].filter((b) => !now.includes(b));
    const counts = {};
    for (const b of now) counts[b.split(' ')[0]] = (counts[b.split(' ')[0]] ?? 0) + 1;
    console.log('breaches by rule:', counts);
    for (const b of added) console.log('NEW  ', b);
    for (const b of gone) console.log('FIXED', b, '(remove it from the baseline: --update)');
    process.exitCode = added.length || gone.length ? 1 : 0;
  }
}
