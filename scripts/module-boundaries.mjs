#!/usr/bin/env node
// The walls between modules, checked from the import graph of src/ (tests excluded):
//  1. platform/ never imports a module or src/app.ts (platform is below the modules);
//  2. a module imports another module only through its public face, src/modules/<name>/index.ts;
//  3. no module imports src/app.ts (app.ts composes the modules, never the other way);
//  4. no cycle between modules;
//  5. a module (and app.ts, the composition root) reads and writes only its own tables: every
//     table has one owner (tableOwners() below: a module's `<module>.tables.ts` declares its
//     tables, the older ones in platform/db/schema.ts are assigned in SCHEMA_OWNERS), and a
//     Kysely call on another module's table (`selectFrom/insertInto/updateTable/deleteFrom/
//     innerJoin/leftJoin('<table>')`) or a raw `sql` FROM/JOIN/INTO/UPDATE of one is a breach
//     (`foreign-table <file> -> <table> (<owner>)`). Platform tables (jobs, events, audit chain,
//     outbound mail, holidays, search, privacy) sit below the modules and are not checked here.
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

/**
 * Owners of the tables still declared in src/platform/db/schema.ts (the tables declared in a
 * module's `*.tables.ts` belong to that module, found by tableOwners()). 'platform' = below the
 * modules, not checked. A table created by a migration must have an owner (the check fails on
 * an unowned table, so a new table is placed when it is added).
 */
export const SCHEMA_OWNERS = {
  services: 'catalog',
  service_versions: 'catalog',
  search_documents: 'platform',
  public_content_version: 'platform',
  content_items: 'content',
  legal_documents: 'content',
  regions: 'agencies',
  agencies: 'agencies',
  users: 'identity',
  businesses: 'identity',
  business_representatives: 'identity',
  role_grants: 'identity',
  sessions: 'identity',
  api_tokens: 'identity',
  verification_codes: 'identity',
  totp_recovery_codes: 'identity',
  rate_buckets: 'platform',
  audit_events: 'platform',
  audit_seals: 'platform',
  storage_orphan_candidates: 'platform',
  audit_checkpoints: 'platform',
  jobs: 'platform',
  domain_events: 'platform',
  event_deliveries: 'platform',
  outbound_messages: 'platform',
  holidays: 'platform',
  sops: 'workflow',
  applications: 'applications',
  application_attachments: 'applications',
  application_events: 'applications',
  application_steps: 'applications',
  application_notes: 'applications',
  tracking_counters: 'applications',
  message_templates: 'notifications',
  notifications: 'notifications',
  inbound_messages: 'notifications',
  signing_keys: 'documents',
  document_counters: 'documents',
  issued_documents: 'documents',
  // created by migrations, typed by their module's own handle (no `Table` entry in DB)
  payment_daily_summaries: 'payments',
  participation_items: 'complaints',
  wbs_attachments: 'complaints',
  open311_requests: 'complaints',
  open311_updates: 'complaints',
  // the complaints figures summary (raw SQL in complaints.figures.ts, no Kysely types)
  complaint_figure_facts: 'complaints',
  complaint_figures_daily: 'complaints',
  complaint_figures_state: 'complaints',
  // dropped or renamed by later migrations
  exec_open_old: 'executive',
  open: 'platform',
};

/** table → owning module ('platform' for the tables below the modules). */
export function tableOwners() {
  const owners = new Map(Object.entries(SCHEMA_OWNERS));
  for (const file of walk(src)) {
    if (!/\.tables\.ts$/.test(file)) continue;
    const at = place(file);
    const owner = at.kind === 'module' ? at.name : 'platform';
    for (const m of fs.readFileSync(file, 'utf8').matchAll(/^\s+([a-z_][a-z0-9_]*): [A-Z][A-Za-z0-9]*Table;/gm)) owners.set(m[1], owner);
  }
  return owners;
}

/** Tables created by the migrations. */
function migratedTables() {
  const dir = path.join(root, 'migrations');
  const out = new Set();
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.sql'))) {
    for (const m of fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/create\s+table\s+(?:if\s+not\s+exists\s+)?"?([a-z_][a-z0-9_]*)/gi)) out.add(m[1].toLowerCase());
  }
  return out;
}

const KYSELY_TABLE = /\.(selectFrom|insertInto|updateTable|deleteFrom|innerJoin|leftJoin|rightJoin|fullJoin|mergeInto|replaceInto)\(\s*['"]([a-z_][a-z0-9_]*)(?:\s+as\s+[a-z_][a-z0-9_]*)?['"]/g;
const SQL_TEMPLATE = /\bsql(?:<[^>`]*>)?`((?:[^`\\]|\\.)*)`/g;
const SQL_TABLE = /\b(?:from|join|into|update)\s+([a-z_][a-z0-9_]*)\b/gi;

/** The tables a source text touches: [table, how] pairs. */
export function tablesTouched(text) {
  const out = [];
  for (const m of text.matchAll(KYSELY_TABLE)) out.push([m[2], m[1]]);
  for (const t of text.matchAll(SQL_TEMPLATE)) for (const m of t[1].matchAll(SQL_TABLE)) out.push([m[1].toLowerCase(), 'sql']);
  return out;
}

/** Breaches of rule 5: module (or app.ts) code touching another module's tables. */
export function tableBreaches() {
  const owners = tableOwners();
  const breaches = new Set();
  for (const t of migratedTables()) if (!owners.has(t)) breaches.add(`unowned-table ${t}`);
  for (const file of walk(src)) {
    const from = place(file);
    if (from.kind !== 'module' && from.kind !== 'app') continue;
    const where = path.relative(root, file).split(path.sep).join('/');
    for (const [table] of tablesTouched(fs.readFileSync(file, 'utf8'))) {
      const owner = owners.get(table);
      if (!owner || owner === 'platform') continue;
      if (from.kind === 'module' && owner === from.name) continue;
      breaches.add(`foreign-table ${where} -> ${table} (${owner})`);
    }
  }
  return breaches;
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
  for (const b of tableBreaches()) breaches.add(b);
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
    // Comment lines directly above a kept breach stay with it (they say why it is still there).
    const head = '# Known breaches of the module walls (scripts/module-boundaries.mjs). This list may only shrink.\n';
    const notes = new Map();
    let pending = [];
    const old = fs.existsSync(baselineFile) ? fs.readFileSync(baselineFile, 'utf8').split('\n') : [];
    for (const l of old.slice(1)) {
      if (l.startsWith('#')) pending.push(l);
      else if (l) {
        if (pending.length) notes.set(l, pending);
        pending = [];
      }
    }
    fs.writeFileSync(baselineFile, head + now.map((b) => [...(notes.get(b) ?? []), b].join('\n')).join('\n') + '\n');
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
