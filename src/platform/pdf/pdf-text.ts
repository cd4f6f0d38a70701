// Reading back what a generated PDF says, for tests and checks: inflates the content streams
// (FlateDecode, with node:zlib) and collects the strings of the text-showing operators.
// It understands what pdfkit writes (hex strings in TJ arrays, literal strings, standard
// fonts in WinAnsi), not arbitrary PDFs.
import zlib from 'node:zlib';

// WinAnsi code points 0x80–0x9F that differ from Latin-1.
const WIN_ANSI_HIGH: Record<number, string> = {
  0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡', 0x88: 'ˆ', 0x89: '‰', 0x8a: 'Š', 0x8b: '‹', 0x8c: 'Œ', 0x8e: 'Ž',
  0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—', 0x98: '˜', 0x99: '™', 0x9a: 'š', 0x9b: '›', 0x9c: 'œ', 0x9e: 'ž', 0x9f: 'Ÿ',
};

function decodeBytes(bytes: number[]): string {
  return bytes.map((b) => WIN_ANSI_HIGH[b] ?? String.fromCharCode(b)).join('');
}

function hexString(s: string): string {
  const hex = s.replace(/[^0-9a-fA-F]/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < hex.length; i += 2) bytes.push(parseInt(hex.slice(i, i + 2).padEnd(2, '0'), 16));
  return decodeBytes(bytes);
}

function literalString(s: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '\\') {
      bytes.push(c.charCodeAt(0) & 0xff);
      continue;
    }
    const n = s[++i] ?? '';
    const simple: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 };
    if (n in simple) bytes.push(simple[n]!);
    else if (/[0-7]/.test(n)) {
      let oct = n;
      while (oct.length < 3 && /[0-7]/.test(s[i + 1] ?? '')) oct += s[++i];
      bytes.push(parseInt(oct, 8) & 0xff);
    }
  }
  return decodeBytes(bytes);
}

const STRING_TOKEN = /<([0-9a-fA-F\s]*)>|\(((?:[^()\\]|\\[\s\S])*)\)/g;

function stringsIn(operand: string): string {
  let out = '';
  for (const m of operand.matchAll(STRING_TOKEN)) out += m[1] !== undefined ? hexString(m[1]) : literalString(m[2] ?? '');
  return out;
}

/** The decoded content streams of a PDF (images skipped). */
export function pdfContentStreams(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  const out: string[] = [];
  const start = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = start.exec(raw))) {
    if (raw.slice(m.index - 3, m.index) === 'end') continue;
    const dictStart = raw.lastIndexOf('obj', m.index);
    const dict = raw.slice(dictStart, m.index);
    const end = raw.indexOf('endstream', m.index);
    if (end < 0) break;
    start.lastIndex = end + 9;
    if (/\/Subtype\s*\/Image/.test(dict)) continue;
    let data = pdf.subarray(m.index + m[0].length, end);
    if (/\/FlateDecode/.test(dict)) {
      try {
        data = zlib.inflateSync(data, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
      } catch {
        continue;
      }
    }
    out.push(data.toString('latin1'));
  }
  return out;
}

/** The text a PDF draws, one text-showing operation per line. */
export function pdfText(pdf: Buffer): string {
  const lines: string[] = [];
  const op = /\[((?:<[0-9a-fA-F\s]*>|\((?:[^()\\]|\\[\s\S])*\)|[^\]<(])*)\]\s*TJ|(<[0-9a-fA-F\s]*>|\((?:[^()\\]|\\[\s\S])*\))\s*(?:Tj|'|")/g;
  for (const content of pdfContentStreams(pdf)) {
    for (const m of content.matchAll(op)) lines.push(stringsIn(m[1] ?? m[2] ?? ''));
  }
  return lines.join('\n');
}

/** Number of pages. */
export function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}
