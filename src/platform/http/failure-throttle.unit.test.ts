import { describe, expect, it } from 'vitest';
import { delayAfter, throttledError } from './failure-throttle.ts';
import { t } from '../views/i18n.ts';

describe('progressive delays', () => {
  const policy = { free: 5, capSeconds: 900, windowSeconds: 3600 };
  it('[S-2] no delay for the free failures, then 2, 4, 8, … seconds up to the cap', () => {
    expect([0, 1, 4].map((n) => delayAfter(n, policy))).toEqual([0, 0, 0]);
    expect([5, 6, 7, 8, 13, 14, 15, 1000].map((n) => delayAfter(n, policy))).toEqual([2, 4, 8, 16, 512, 900, 900, 900]);
    expect(delayAfter(1, { ...policy, free: 1, firstDelaySeconds: 60 })).toBe(60);
    expect(delayAfter(2, { ...policy, free: 1, firstDelaySeconds: 60 })).toBe(120);
  });

  it('[S-2] the 429 says when to try again, in seconds or minutes', () => {
    const s = throttledError(7.2);
    expect(s).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(t('id', s.messageKey, s.params)).toBe('Terlalu banyak percobaan yang gagal. Demi keamanan, tunggu 8 detik lalu coba lagi.');
    const m = throttledError(600);
    expect(t('id', m.messageKey, m.params)).toBe('Terlalu banyak percobaan yang gagal. Demi keamanan, tunggu 10 menit lalu coba lagi.');
    expect(t('en', m.messageKey, m.params)).toBe('Too many failed attempts. For your security, wait 10 minutes and try again.');
  });
});
