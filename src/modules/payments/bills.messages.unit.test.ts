// Every message key the billing code uses exists in Indonesian and English (P-7).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { allMessageKeys } from '../../platform/views/i18n.ts';

const dir = path.dirname(fileURLToPath(import.meta.url));
const files = ['bills.service.ts', 'bills.routes.tsx', 'bills.views.tsx', 'bills.api.ts', 'kuitansi.ts', 'tariff.ts', '../applications/applications.views.tsx', '../applications/processing.engine.ts'];

describe('billing messages', () => {
  it('[P-7] every literal payments key used by billing exists in both languages, and the status names too', () => {
    const used = new Set<string>();
    for (const f of files) {
      const src = readFileSync(path.join(dir, f), 'utf8');
      for (const m of src.matchAll(/'(payments\.[a-z0-9_]+(?:\.[a-z0-9_]+)+)'/g)) used.add(m[1]!);
    }
    for (const s of ['unpaid', 'partially_paid', 'paid', 'expired', 'cancelled']) used.add(`payments.status.${s}`);
    for (const s of ['pending', 'matched', 'not_matched']) used.add(`payments.confirm.status.${s}`);
    // Audit action names and job names look like keys but are not messages.
    const notMessage = (k: string) => /^payments\.(bill\.(issue|paid|expire|reissue|cancel)|confirmation\.create|account\.(create|activate|deactivate)|expire-bills|render-kuitansi|read|cancel|accounts\.(read|manage))$/.test(k);
    const id = new Set(allMessageKeys('id'));
    const en = new Set(allMessageKeys('en'));
    const missing = [...used].filter((k) => !notMessage(k) && (!id.has(k) || !en.has(k)));
    expect(missing).toEqual([]);
    expect(used.size).toBeGreaterThan(60);
  });
});
