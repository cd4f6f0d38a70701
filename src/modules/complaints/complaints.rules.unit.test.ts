import { describe, expect, it } from 'vitest';
import { canTake, laporStatus, maskForPublic, normaliseTrackingCode, open311Status, redactPublicText } from './complaints.rules.ts';
import { parseW3c, toXml, w3c } from './open311.ts';

describe('complaint rules', () => {
  it('[C-1] only the SP4N-LAPOR! transitions are allowed in each state', () => {
    expect(canTake('verify', 'diterima')).toBe(true);
    expect(canTake('verify', 'ditunda')).toBe(true);
    expect(canTake('hold', 'ditunda')).toBe(false);
    expect(canTake('respond', 'diterima')).toBe(false);
    expect(canTake('resolve', 'ditindaklanjuti')).toBe(true);
    expect(canTake('reroute', 'selesai')).toBe(false);
  });

  it('[C-1] the public version masks the reporter\'s full name and its parts in any case, not other words', () => {
    expect(maskForPublic('Saya SITI  Aminah; bu siti dan Pak Budi. Aminahku tetap.', ['Siti Aminah'])).toBe('Saya [disamarkan]; bu [disamarkan] dan Pak Budi. Aminahku tetap.');
    expect(maskForPublic('NIK 5371012345678901', [null])).toBe('NIK [disamarkan]');
  });

  it('[C-1] states map to Open311 and SP4N-LAPOR! statuses', () => {
    expect(open311Status('diterima')).toBe('open');
    expect(open311Status('selesai')).toBe('closed');
    expect(open311Status('bukan_wewenang')).toBe('closed');
    expect(laporStatus('ditunda')).toBe('Tunda');
  });

  it('[C-1] public text loses e-mail addresses and phone or NIK-like numbers, keeps ordinary numbers', () => {
    const out = redactPublicText('Hubungi 0812-3456-7890 atau +6281234567890, e-mail a.b@contoh.id, NIK 5371011208850001. Jalan no 12, RT 003.');
    expect(out).not.toMatch(/0812|6281|contoh\.id|5371/);
    expect(out).toContain('Jalan no 12, RT 003');
  });

  it('[C-1] tracking codes are read leniently', () => {
    expect(normaliseTrackingCode(' abcde-23456 ')).toBe('ABCDE23456');
  });

  it('[C-1] Open311 times are W3C with the region offset; XML is escaped', () => {
    expect(w3c(new Date('2026-02-06T02:00:00Z'), 'Asia/Makassar')).toBe('2026-02-06T10:00:00+08:00');
    expect(w3c(new Date('2026-02-06T02:00:00Z'), 'Asia/Jakarta')).toBe('2026-02-06T09:00:00+07:00');
    expect(parseW3c('2026-02-06T10:00:00+08:00')?.toISOString()).toBe('2026-02-06T02:00:00.000Z');
    expect(parseW3c('2026-02-06')).not.toBeNull();
    expect(parseW3c('kemarin')).toBeNull();
    expect(toXml('service_requests', [{ description: 'a < b & "c"', lat: null }], 'request')).toBe('<service_requests><request><description>a &lt; b &amp; &quot;c&quot;</description><lat/></request></service_requests>');
  });
});
