// Content-type sniffing: what a file *is*, read from its first bytes, never from its name or
// the type the browser claims. Uploads are accepted or refused on this answer alone.

export type SniffedType =
  | 'application/pdf'
  | 'image/png'
  | 'image/jpeg'
  | 'image/gif'
  | 'image/webp'
  | 'application/zip'
  | 'application/x-msdownload'
  | 'application/x-executable';

const startsWith = (bytes: Uint8Array, magic: number[], at = 0) =>
  bytes.length >= at + magic.length && magic.every((b, i) => bytes[at + i] === b);

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const PDF_MAGIC = ascii('%PDF-');
const PDF_EOF = ascii('%%EOF');

/** Index of `needle` in `bytes[from, to)`, or -1. */
function indexOf(bytes: Uint8Array, needle: number[], from: number, to: number): number {
  const end = Math.min(to, bytes.length) - needle.length;
  outer: for (let i = Math.max(0, from); i <= end; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/**
 * The type of `bytes` by magic number; null when unknown. PDF readers accept the `%PDF-`
 * header anywhere in the first 1024 bytes, so this does too.
 */
export function sniffContentType(bytes: Uint8Array): SniffedType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'application/zip';
  if (startsWith(bytes, [0x4d, 0x5a])) return 'application/x-msdownload';
  if (startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46])) return 'application/x-executable';
  if (indexOf(bytes, PDF_MAGIC, 0, 1024) >= 0) return 'application/pdf';
  return null;
}

/**
 * A whole PDF: the `%PDF-` header near the start and the `%%EOF` marker near the end (a
 * truncated upload has no end marker).
 */
export function isCompletePdf(bytes: Uint8Array): boolean {
  return isCompletePdfEnds(bytes, bytes.subarray(Math.max(0, bytes.length - 2048)));
}

/** The same check on a file's first bytes (`head`, 1 KB or more) and its last 2048 bytes (`tail`). */
export function isCompletePdfEnds(head: Uint8Array, tail: Uint8Array): boolean {
  if (sniffContentType(head) !== 'application/pdf') return false;
  return indexOf(tail, PDF_EOF, tail.length - 2048, tail.length) >= 0;
}

/** A short, human word for a sniffed type (used in refusal messages). */
export function describeType(type: SniffedType | null): string {
  switch (type) {
    case 'application/pdf':
      return 'PDF';
    case 'image/png':
      return 'PNG';
    case 'image/jpeg':
      return 'JPEG';
    case 'image/gif':
      return 'GIF';
    case 'image/webp':
      return 'WebP';
    case 'application/zip':
      return 'ZIP';
    case 'application/x-msdownload':
    case 'application/x-executable':
      return 'EXE';
    default:
      return '?';
  }
}
