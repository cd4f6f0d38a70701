// The whistleblowing attachment cleaner (C-2): EXIF/XMP/comments out of JPEG, text and EXIF
// chunks out of PNG, the author fields of a PDF blanked in place; what cannot be cleaned is refused.
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { stripJpeg, stripMetadata, stripPdf, stripPng } from './metadata-strip.ts';
import { jpegWithExif, pdfWithInfo, pngWithText } from './metadata-strip.fixtures.ts';

describe('metadata stripping', () => {
  it('[C-2] a JPEG loses EXIF, XMP, IPTC and comments but keeps JFIF, the colour profile, tables and image data', () => {
    const src = jpegWithExif();
    const r = stripJpeg(src);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const text = r.bytes.toString('latin1');
    expect(text).not.toContain('Budi');
    expect(text).not.toContain('Exif');
    expect(text).not.toContain('GPS');
    expect(text).toContain('JFIF');
    expect(text).toContain('ICC_PROFILE');
    expect(r.bytes.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(r.bytes.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
    // The scan data is byte for byte the same.
    const sos = src.indexOf(Buffer.from([0xff, 0xda]));
    expect(r.bytes.subarray(r.bytes.indexOf(Buffer.from([0xff, 0xda])))).toEqual(src.subarray(sos));
    expect(stripJpeg(Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff])).ok).toBe(false);
  });

  it('[C-2] a PNG loses tEXt, iTXt, zTXt and eXIf and keeps its image chunks with valid CRCs', () => {
    const r = stripPng(pngWithText());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.bytes.toString('latin1')).not.toContain('Budi');
    const types: string[] = [];
    for (let i = 8; i < r.bytes.length; ) {
      const len = r.bytes.readUInt32BE(i);
      const td = r.bytes.subarray(i + 4, i + 8 + len);
      expect(r.bytes.readUInt32BE(i + 8 + len)).toBe(zlib.crc32(td));
      types.push(td.subarray(0, 4).toString('latin1'));
      i += 12 + len;
    }
    expect(types).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(stripPng(Buffer.from('not a png')).ok).toBe(false);
  });

  it('[C-2] a PDF has its Info author, creator, producer and title blanked in place (same length) and its XMP creator', () => {
    const src = pdfWithInfo();
    const r = stripPdf(src);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.bytes.length).toBe(src.length);
    const text = r.bytes.toString('latin1');
    expect(text).not.toContain('Budi');
    expect(text).not.toContain('laporan-budi');
    expect(text).not.toContain('4275646920536F6E');
    expect(text).toContain('/Author (');
    expect(text).toContain('/CreationDate (D:20261201)');
    expect(text).toContain('<rdf:li>');
    expect(text).toContain('/Info 2 0 R');
  });

  it('[C-2] a PDF whose Info dictionary is inside a compressed object stream, or a type with no cleaner, is refused', () => {
    const packed = Buffer.from('%PDF-1.5\n1 0 obj << /Type /Catalog >> endobj\n5 0 obj << /Type /ObjStm /N 1 /Filter /FlateDecode >> stream\nxx\nendstream endobj\ntrailer << /Root 1 0 R /Info 9 0 R >>\n%%EOF\n', 'latin1');
    expect(stripPdf(packed)).toEqual({ ok: false, reason: 'unsupported' });
    expect(stripMetadata('image/gif', Buffer.from('GIF89a'))).toEqual({ ok: false, reason: 'unsupported' });
    expect(stripMetadata('image/png', pngWithText()).ok).toBe(true);
  });
});
