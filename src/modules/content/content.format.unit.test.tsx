import { render } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { parseBody, plainText, RichText, safeHref } from './content.format.tsx';

const html = (body: string) => render(<RichText body={body} />);

describe('content body formatting', () => {
  it('[P-2] paragraphs, headings and lists from plain lines', () => {
    const body = '## Syarat\n\nSiapkan dokumen berikut:\n- KTP\n- KK\n\n1. Daftar akun\n2. Ajukan permohonan\nbaris kedua';
    expect(parseBody(body)).toEqual([
      { type: 'h2', text: 'Syarat' },
      { type: 'p', lines: ['Siapkan dokumen berikut:'] },
      { type: 'ul', items: ['KTP', 'KK'] },
      { type: 'ol', items: ['Daftar akun', 'Ajukan permohonan'] },
      { type: 'p', lines: ['baris kedua'] },
    ]);
    expect(html('a\nb\n\nc')).toBe('<div class="rich-text"><p>a<br/>b</p><p>c</p></div>');
  });

  it('[S-1] raw HTML is shown as text, never as markup', () => {
    const out = html('<script>alert(1)</script> <img src=x onerror=alert(1)>');
    expect(out).not.toContain('<script');
    expect(out).not.toContain('<img');
    expect(out).toContain('&lt;script>');
  });

  it('[S-1] links only to safe addresses; javascript: stays text', () => {
    expect(html('[Daftar](/daftar) dan [situs](https://jdih.example.go.id/a)')).toContain('<a href="/daftar">Daftar</a> dan <a href="https://jdih.example.go.id/a">situs</a>');
    const bad = html('[klik](javascript:alert(1)) [x](//evil.example) [y]("onmouseover=1)');
    expect(bad).not.toContain('<a');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('mailto:info@contoh.go.id')).toBe('mailto:info@contoh.go.id');
  });

  it('bold text and plain-text extraction for the search index', () => {
    expect(html('**Penting**: bawa KTP')).toContain('<strong>Penting</strong>: bawa KTP');
    expect(plainText('## Judul\n- satu **dua**\n[tiga](/x)')).toBe('Judul satu dua tiga');
  });
});
