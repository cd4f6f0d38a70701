// Every key the identity pages, services and e-mails use exists in both languages.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { allMessageKeys, t } from '../../platform/views/i18n.ts';
import { identityMail } from './identity.mail.ts';
import { legalForms, tokenExpiryChoices } from './identity.schemas.ts';
import { notices } from './identity.views.tsx';

const dir = path.dirname(fileURLToPath(import.meta.url));

describe('identity messages', () => {
  it('[P-11] every literal key used in identity code exists in Indonesian and English', () => {
    const used = new Set<string>();
    for (const f of readdirSync(dir).filter((f) => /\.(ts|tsx)$/.test(f) && !f.includes('.test.') && f !== 'test-support.ts')) {
      const src = readFileSync(path.join(dir, f), 'utf8');
      for (const m of src.matchAll(/(?:\bt|ctx\.t|fieldError\([^)]*?|key:|AppError\([^)]*?)\(?\s*'([a-z_]+(?:\.[a-z0-9_]+)+)'/g)) used.add(m[1]!);
      for (const m of src.matchAll(/'((?:field|register|business|confirm|signin|totp|forgot|reset|account|password|sessions|tokens|notice|code|token)\.[a-z0-9_.]+)'/g)) used.add(m[1]!);
    }
    for (const f of legalForms) used.add(`legal_form.${f}`);
    for (const c of tokenExpiryChoices) used.add(`tokens.expiry.${c}`);
    for (const k of ['citizen', 'business', 'staff']) used.add(`account.kind.${k}`);
    for (const k of Object.values(notices)) used.add(k);
    const id = new Set(allMessageKeys('id'));
    const en = new Set(allMessageKeys('en'));
    // Audit action names look like keys but are not messages.
    const isAuditAction = (k: string) => /^(user|auth|session|token|business)\.[a-z_]+$/.test(k) && !id.has(k) && /(register|create|revoke|login|logout|representative_|claimed|invite|confirmed|reset|changed|enabled|disabled|passed|failed|locked|refused|accepted|requested)/.test(k);
    const missing = [...used].filter((k) => !isAuditAction(k) && (!id.has(k) || !en.has(k)));
    expect(missing).toEqual([]);
    expect(used.size).toBeGreaterThan(150);
  });

  it('[P-11] e-mails are complete in both languages (no placeholder left)', () => {
    for (const locale of ['id', 'en'] as const) {
      const all = [
        identityMail.confirmEmail(locale, 'a@b.id', { name: 'A', code: '123456', minutes: 30, url: 'http://x/daftar/konfirmasi' }),
        identityMail.passwordReset(locale, 'a@b.id', { name: 'A', code: '123456', minutes: 30, link: 'http://x/l', url: 'http://x/u' }),
        identityMail.invitation(locale, 'a@b.id', { name: 'A', code: '123456', hours: 72, link: 'http://x/l', url: 'http://x/u' }),
        identityMail.passwordChanged(locale, 'a@b.id', { name: 'A', url: 'http://x/u' }),
        identityMail.representativeAdded(locale, 'a@b.id', { name: 'A', business: 'PT B', position: 'Direktur', url: 'http://x/u' }),
        identityMail.recoveryCodeUsed(locale, 'a@b.id', { name: 'A', remaining: 9, url: 'http://x/u' }),
        identityMail.recoveryCodesRegenerated(locale, 'a@b.id', { name: 'A', url: 'http://x/u' }),
      ];
      for (const m of all) {
        expect(m.subject + m.text).not.toMatch(/\{\w+\}/);
        expect(m.text.length).toBeGreaterThan(60);
      }
      expect(all[0]!.text).toContain('123456');
    }
    expect(t('en', 'mail.confirm.subject')).not.toBe(t('id', 'mail.confirm.subject'));
  });
});
