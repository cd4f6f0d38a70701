import { describe, expect, it } from 'vitest';
import { describeType, isCompletePdf, sniffContentType } from './sniff.ts';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

const pdf = bytes('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
const png = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'IHDR');
const jpeg = bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], 'JFIF');
const exe = bytes('MZ\x90\x00', 'This program cannot be run in DOS mode. %PDF-1.4');

describe('content sniffing', () => {
  it('[P-2] recognises a PDF by its %PDF- header, not its name', () => {
    expect(sniffContentType(pdf)).toBe('application/pdf');
    expect(isCompletePdf(pdf)).toBe(true);
  });

  it('[P-2] accepts a PDF header preceded by a few bytes (as PDF readers do) but not beyond 1024', () => {
    expect(sniffContentType(bytes('\n\n', pdf.toString('latin1')))).toBe('application/pdf');
    expect(sniffContentType(bytes(' '.repeat(1100), '%PDF-1.4'))).toBeNull();
  });

  it('[P-2] recognises PNG, JPEG, GIF, WebP, ZIP and executables', () => {
    expect(sniffContentType(png)).toBe('image/png');
    expect(sniffContentType(jpeg)).toBe('image/jpeg');
    expect(sniffContentType(bytes('GIF89a'))).toBe('image/gif');
    expect(sniffContentType(bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '))).toBe('image/webp');
    expect(sniffContentType(bytes([0x50, 0x4b, 0x03, 0x04]))).toBe('application/zip');
    // a Windows executable that mentions %PDF- inside stays an executable
    expect(sniffContentType(exe)).toBe('application/x-msdownload');
    expect(sniffContentType(bytes([0x7f], 'ELF'))).toBe('application/x-executable');
  });

  it('[S-5] unknown, empty and short inputs are null, never an exception', () => {
    expect(sniffContentType(Buffer.alloc(0))).toBeNull();
    expect(sniffContentType(bytes('%PD'))).toBeNull();
    expect(sniffContentType(bytes('hello, world'))).toBeNull();
    expect(sniffContentType(bytes([0x89, 0x50]))).toBeNull();
  });

  it('[P-2] a truncated PDF (no %%EOF at the end) is not a complete PDF', () => {
    expect(isCompletePdf(pdf.subarray(0, pdf.length - 8))).toBe(false);
    expect(isCompletePdf(png)).toBe(false);
    // %%EOF far before the end (more than 2 KB of trailing data) does not count
    expect(isCompletePdf(bytes(pdf.toString('latin1'), 'x'.repeat(3000)))).toBe(false);
  });

  it('describes types in one word for messages', () => {
    expect(describeType('image/png')).toBe('PNG');
    expect(describeType('application/x-msdownload')).toBe('EXE');
    expect(describeType(null)).toBe('?');
  });
});
