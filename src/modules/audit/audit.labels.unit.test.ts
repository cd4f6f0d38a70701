// Every field the code writes into the audit trail's before/after records has a label in both
// languages: the keys of every object literal given to recordAudit (read from the sources), and
// every column of the tables whose whole rows are recorded (read from the schema). A new field
// without a label fails here instead of showing `nilai_investasi` or `draft_content` raw.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fieldLabel, hasFieldLabel } from './audit.labels.ts';

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && !e.name.includes('test-support') ? [p] : [];
  });
}

/** The text between the bracket at `open` and its partner. */
function balanced(s: string, open: number): string {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s[i]!;
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) return s.slice(open + 1, i);
    }
  }
  return s.slice(open + 1);
}

/** Top-level keys of an object literal's text (`a: 1, b, 'c': x, ...row` → a, b, c). */
function topLevelKeys(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const c of body) {
    if ('([{'.includes(c)) depth++;
    if (')]}'.includes(c)) depth--;
    if (c === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += c;
  }
  parts.push(cur);
  return parts.flatMap((p) => {
    const m = /^\s*['"]?([A-Za-z_][A-Za-z0-9_]*)['"]?\s*(?::|$)/.exec(p);
    return m && !p.trim().startsWith('...') ? [m[1]!] : [];
  });
}

/** [entityType, field] of every literal key given to recordAudit as before/after. */
function auditedLiteralFields(): [string, string][] {
  const out: [string, string][] = [];
  for (const file of sourceFiles(src)) {
    const s = fs.readFileSync(file, 'utf8');
    for (const m of s.matchAll(/recordAudit\(/g)) {
      const call = balanced(s, m.index! + m[0].length - 1);
      const entity = /entityType:\s*'([a-z_]+)'/.exec(call)?.[1];
      if (!entity) continue;
      for (const side of call.matchAll(/\b(?:before|after):\s*(?:[a-zA-Z_.]+\s*\?\s*)?\{/g)) {
        for (const key of topLevelKeys(balanced(call, side.index! + side[0].length - 1))) out.push([entity, key]);
      }
    }
  }
  return out;
}

/** Tables whose whole rows (or their inputs) go into the trail, by record kind. */
const wholeRows: Record<string, string> = {
  service: 'ServicesTable',
  user: 'UsersTable',
  holiday: 'HolidaysTable',
  sop: 'SopsTable',
  message_template: 'MessageTemplatesTable',
  agency: 'AgenciesTable',
  region: 'RegionsTable',
  content_item: 'ContentItemsTable',
  legal_document: 'LegalDocumentsTable',
};

function columnsOf(table: string): string[] {
  const schema = fs.readFileSync(path.join(src, 'platform/db/schema.ts'), 'utf8');
  const body = new RegExp(`interface ${table} \\{([\\s\\S]*?)\\n\\}`).exec(schema)?.[1];
  if (!body) throw new Error(`no ${table} in schema.ts`);
  return [...body.matchAll(/^\s+([a-z_0-9]+)\??:/gm)].map((m) => m[1]!);
}

describe('audit trail field labels', () => {
  it('[S-2] every field written to the trail by the code has a label of its own', () => {
    const literal = auditedLiteralFields();
    expect(literal.length).toBeGreaterThan(150); // the scan found the calls
    const rows = Object.entries(wholeRows).flatMap(([entity, table]) => columnsOf(table).map((c): [string, string] => [entity, c]));
    const missing = [...new Set([...literal, ...rows].filter(([e, f]) => !hasFieldLabel(e, f)).map(([e, f]) => `${e}.${f}`))];
    expect(missing).toEqual([]);
  });

  it('shows labels in both languages, numbered indicators, and a readable fallback only for unknown fields', () => {
    expect(fieldLabel('id', 'service', 'draft_content')).toBe('Isi draf');
    expect(fieldLabel('en', 'service', 'draft_content')).toBe('Draft content');
    expect(fieldLabel('id', 'master_plan', 'startYear')).toBe('Tahun mulai');
    expect(fieldLabel('en', 'application', 'status')).toBe('Application status');
    expect(fieldLabel('id', 'spbe_assessment', '12')).toBe('Indikator 12');
    expect(fieldLabel('id', 'application', 'nilai_investasi')).toBe('Nilai investasi');
    expect(hasFieldLabel('application', 'nilai_investasi')).toBe(false);
  });
});
