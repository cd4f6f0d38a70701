// Every message key the reconciliation pages, services and API use exists in both languages.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { allMessageKeys, t, type MessageKey } from '../../platform/views/i18n.ts';
import { manualReasons } from './matching.ts';

const dir = path.dirname(fileURLToPath(import.meta.url));
const files = ['reconciliation.service.ts', 'reconciliation.routes.tsx', 'reconciliation.views.tsx', 'reconciliation.api.ts', 'bank-callback.ts'];

describe('reconciliation messages', () => {
  it('[P-7] every key used by reconciliation exists in Indonesian and English, with the same placeholders', () => {
    const used = new Set<string>();
    for (const f of files) {
      const src = readFileSync(path.join(dir, f), 'utf8');
      for (const m of src.matchAll(/'((?:payments|validation|form|nav|error)\.[a-z0-9_]+(?:\.[a-z0-9_]+)*)'/g)) used.add(m[1]!);
    }
    for (const s of ['queued', 'running', 'done', 'failed']) used.add(`payments.recon.status.${s}`);
    for (const s of ['unpaid', 'partially_paid', 'paid', 'expired', 'cancelled']) used.add(`payments.recon.bill.${s}`);
    for (const r of manualReasons) used.add(`payments.match.reason.${r}`);
    // Audit action names look like keys but are not messages.
    const audit = /^payments\.(credit|statement|mapping|callback)\.(assign|ignore|import|create|update|receive)$/;
    const policyAction = /^payments\.(reconcile|reconcile\.read|mappings\.manage)$/;
    const id = new Set(allMessageKeys('id'));
    const en = new Set(allMessageKeys('en'));
    const missing = [...used].filter((k) => !audit.test(k) && !policyAction.test(k) && (!id.has(k) || !en.has(k)));
    expect(missing).toEqual([]);
    expect(used.size).toBeGreaterThan(60);
    const placeholders = (locale: 'id' | 'en', k: string) => [...t(locale, k as MessageKey).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');
    const differing = [...used].filter((k) => k.startsWith('payments.') && id.has(k) && placeholders('id', k) !== placeholders('en', k));
    expect(differing).toEqual([]);
  });
});
