// Metadata stripping for whistleblowing attachments (C-2): a photo's EXIF (camera, time, GPS
// position, owner) or a PDF's author can identify the reporter. What cannot be cleaned is
// refused, never stored as it came.
//   JPEG: every APPn segment except APP0 (JFIF), APP2 ICC_PROFILE (colours) and APP14 "Adobe"
//         (colour transform) is dropped, and every COM (comment); the image data is untouched.
//   PNG:  tEXt, iTXt, zTXt, eXIf and tIME chunks are dropped; the others are copied whole (CRCs stay valid).
//   PDF:  the values of /Author /Creator /Producer /Title /Subject /Keywords in the Info
//         dictionary are blanked in place with as many spaces (so the cross-reference offsets
//         stay right), and so are the same fields of an uncompressed XMP packet. A PDF whose
//         Info dictionary sits in a compressed object stream cannot be cleaned this way: refused.

export type CleanResult = { ok: true; bytes: Buffer } | { ok: false; reason: 'damaged' | 'unsupported' };

const KEEP_APP = (marker: number, payload: Buffer) =>
  (marker === 0xe0 && payload.subarray(0, 5).toString('latin1') === 'JFIF\0') ||
  (marker === 0xe2 && payload.subarray(0, 12).toString('latin1') === 'ICC_PROFILE\0') ||
  (marker === 0xee && payload.subarray(0, 5).toString('latin1') === 'Adobe');

export function stripJpeg(buf: Buffer): CleanResult {
  if (buf.length < 4 || buf[0] !== 0xff || buf[1] !== 0xd8) return { ok: false, reason: 'damaged' };
  const parts: Buffer[] = [buf.subarray(0, 2)];
  let i = 2;
  while (i < buf.length) {
    if (buf[i] !== 0xff) return { ok: false, reason: 'damaged' };
    const marker = buf[i + 1];
    if (marker === undefined) return { ok: false, reason: 'damaged' };
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    // Markers without a length: TEM, RSTn, EOI.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      parts.push(buf.subarray(i, i + 2));
      i += 2;
      continue;
    }
    if (marker === 0xd9) {
      parts.push(buf.subarray(i, i + 2));
      return { ok: true, bytes: Buffer.concat(parts) };
    }
    if (i + 4 > buf.length) return { ok: false, reason: 'damaged' };
    const len = buf.readUInt16BE(i + 2);
    if (len < 2 || i + 2 + len > buf.length) return { ok: false, reason: 'damaged' };
    const segment = buf.subarray(i, i + 2 + len);
    if (marker === 0xda) {
      // Start of scan: the entropy-coded data (and any further scans) to the end, untouched.
      // Trailing bytes after EOI (some cameras append a second image or maker data) are cut.
      const rest = buf.subarray(i);
      const eoi = rest.lastIndexOf(Buffer.from([0xff, 0xd9]));
      parts.push(eoi >= 0 ? rest.subarray(0, eoi + 2) : rest);
      return { ok: true, bytes: Buffer.concat(parts) };
    }
    const isApp = marker >= 0xe0 && marker <= 0xef;
    const drop = marker === 0xfe || (isApp && !KEEP_APP(marker, segment.subarray(4)));
    if (!drop) parts.push(segment);
    i += 2 + len;
  }
  return { ok: false, reason: 'damaged' };
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG_DROP = new Set(['tEXt', 'iTXt', 'zTXt', 'eXIf', 'tIME']);

export function stripPng(buf: Buffer): CleanResult {
  if (buf.length < 8 || !buf.subarray(0, 8).equals(PNG_SIGNATURE)) return { ok: false, reason: 'damaged' };
  const parts: Buffer[] = [PNG_SIGNATURE];
  let i = 8;
  while (i + 12 <= buf.length) {
    const len = buf.readUInt32BE(i);
    const type = buf.subarray(i + 4, i + 8).toString('latin1');
    if (!/^[A-Za-z]{4}$/.test(type) || i + 12 + len > buf.length) return { ok: false, reason: 'damaged' };
    if (!PNG_DROP.has(type)) parts.push(buf.subarray(i, i + 12 + len));
    i += 12 + len;
    if (type === 'IEND') return { ok: true, bytes: Buffer.concat(parts) };
  }
  return { ok: false, reason: 'damaged' };
}

const PDF_FIELDS = ['Author', 'Creator', 'Producer', 'Title', 'Subject', 'Keywords'];
const XMP_TAGS = ['dc:creator', 'dc:title', 'dc:description', 'dc:subject', 'pdf:Producer', 'pdf:Author', 'pdf:Keywords', 'xmp:CreatorTool', 'xmpMM:DocumentID', 'xmpMM:InstanceID'];

/** End (exclusive) of the PDF literal string starting with '(' at `start`, or -1. */
function literalEnd(s: string, start: number): number {
  let depth = 0;
  for (let i = start; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

export function stripPdf(buf: Buffer): CleanResult {
  // latin1 maps each byte to one character and back, so offsets are byte offsets.
  const s = buf.toString('latin1');
  if (!s.slice(0, 1024).includes('%PDF-')) return { ok: false, reason: 'damaged' };
  const out = Buffer.from(buf);
  const blank = (from: number, to: number) => out.fill(0x20, from, to);
  for (const field of PDF_FIELDS) {
    const re = new RegExp(`/${field}\\s*([(<])`, 'g');
    let m: RegExpExecArray | null;
    while ((m = re.exec(s))) {
      const open = m.index + m[0].length - 1;
      if (m[1] === '(') {
        const end = literalEnd(s, open);
        if (end < 0) return { ok: false, reason: 'damaged' };
        blank(open + 1, end - 1);
      } else {
        if (s[open + 1] === '<') continue; // a dictionary, not a hex string
        const end = s.indexOf('>', open);
        if (end < 0) return { ok: false, reason: 'damaged' };
        out.fill(0x30, open + 1, end); // hex zeros: an empty-looking string of NULs, same length
      }
    }
  }
  for (const tag of XMP_TAGS) {
    const re = new RegExp(`<${tag}(\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, 'g');
    let m: RegExpExecArray | null;
    while ((m = re.exec(s))) {
      const inner = m.index + m[0].length - `</${tag}>`.length - m[2]!.length;
      // Keep the XML well formed: blank only the text between tags.
      const text = m[2]!;
      for (const t of text.matchAll(/>([^<]+)</g)) blank(inner + t.index! + 1, inner + t.index! + 1 + t[1]!.length);
      if (!text.includes('<')) blank(inner, inner + text.length);
    }
    for (const a of s.matchAll(new RegExp(`${tag}="([^"]*)"`, 'g'))) blank(a.index! + tag.length + 2, a.index! + tag.length + 2 + a[1]!.length);
  }
  // An Info dictionary that is not in plain text (inside a compressed object stream) was not cleaned.
  const info = [...s.matchAll(/\/Info\s+(\d+)\s+(\d+)\s+R/g)];
  for (const ref of info) {
    if (!new RegExp(`(^|[^0-9])${ref[1]}\\s+${ref[2]}\\s+obj\\b`).test(s)) return { ok: false, reason: 'unsupported' };
  }
  return { ok: true, bytes: out };
}

/** Cleans a file of a sniffed type; other types cannot be cleaned. */
export function stripMetadata(type: string, buf: Buffer): CleanResult {
  if (type === 'image/jpeg') return stripJpeg(buf);
  if (type === 'image/png') return stripPng(buf);
  if (type === 'application/pdf') return stripPdf(buf);
  return { ok: false, reason: 'unsupported' };
}
