import { describe, expect, it } from 'vitest';
import { isSafeReturnPath, RETURN_PATH_MAX, safeReturnPath } from './return-path.ts';

describe('return paths (no open redirects)', () => {
  it('[S-2] keeps ordinary local paths, with queries', () => {
    for (const ok of [
      '/',
      '/akun',
      '/akun/sesi',
      '/kelola/sistem/antrian?status=dead&nama=mail.deliver',
      '/cari?q=izin+usaha',
      '/cari?q=%C3%A9tude',
      '/layanan/izin-usaha_mikro/ajukan',
      '/permohonan/2026-DPMPTSP-000001',
      '/halaman/~tentang.kami',
      '/cari?kembali=/akun', // a slash in the query is fine
    ]) {
      expect(safeReturnPath(ok, '/x'), ok).toBe(ok);
    }
  });

  it('[S-2] refuses every hostile shape and gives the default', () => {
    const hostile = [
      '/\t/evil.example', // what Fastify makes of /%09/evil.example: browsers drop the TAB
      '/%09/evil.example', // the still-encoded form
      '/\n/evil.example',
      '/\r\n/evil.example',
      '//evil',
      '//evil.example/x',
      '/\\evil',
      '/\\\\evil',
      '\\\\evil',
      'https://evil',
      'http:/evil',
      'javascript:alert(1)',
      'evil.example',
      '',
      ' /akun',
      '/akun ',
      '/ak un',
      '/akun/\u0000',
      '/\u0000/evil',
      '/%00',
      '/akun%0d%0aSet-Cookie:x=1',
      '/%7F',
      '/%2F/evil.example',
      '/%5Cevil.example',
      '/akun//evil',
      '/a/b%zz',
      '/akun\u{1F600}',
      '/\u{1F600}',
      '/akun/é',
      '/akun#x',
      '/akun<script>',
      '/akun"x',
      '/' + 'a'.repeat(RETURN_PATH_MAX),
    ];
    for (const bad of hostile) {
      expect(isSafeReturnPath(bad), JSON.stringify(bad)).toBe(false);
      expect(safeReturnPath(bad, '/akun')).toBe('/akun');
    }
  });

  it('[S-2] anything that is not a string gives the default', () => {
    for (const v of [undefined, null, 1, ['/akun'], { a: 1 }]) expect(safeReturnPath(v, '/d')).toBe('/d');
    expect(safeReturnPath(undefined)).toBe('/');
  });
});
