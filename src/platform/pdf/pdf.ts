// Generated PDF documents (receipts now; permits, plans and reports later): a small declarative
// layer over pdfkit. The caller describes the document as blocks — letterhead, title,
// paragraphs, key–value facts, tables, a QR code — with its texts already in the reader's
// language (no i18n here); `renderPdf` lays them out on A4 and returns the bytes.
//
// - Deterministic: the creation date is the caller's (`createdAt`), so the same input gives
//   the same bytes (pdfkit derives the file ID from the document info).
// - Built-in standard fonts (Helvetica), so no font files; they cover WinAnsi (Latin-1 and a
//   few typographic signs). Anything else is reduced to its base letter or `?` (`pdfSafe`).
// - Tables wrap their cells and break across pages, repeating the header row.
// - Footer on every page: an optional note on the left, "Halaman X dari Y" (the caller's
//   `pageLabel`) on the right.
// pdfkit and qrcode are loaded on first use (they weigh on the idle memory of every node).
import type PDFKitModule from 'pdfkit';

export interface PdfInfo {
  title: string;
  author?: string;
  subject?: string;
  keywords?: string;
}

export interface PdfTableColumn {
  header: string;
  /** Relative width (weights are shared out over the text width); 1 by default. */
  width?: number;
  align?: 'left' | 'right' | 'center';
}


const LOGO_SIZE = 52;
let letterheadLogo: Buffer | null = null;

/**
 * The region's logo (PNG or JPEG bytes) drawn on every letterhead, or null. One region per
 * installation: the agencies module sets it when it reads the region (and after a change).
 */
export function setLetterheadLogo(bytes: Buffer | null): void {
  letterheadLogo = bytes;
}

export type PdfBlock =
  /** Kop surat: region, agency (bold), address and contact lines, a double rule. */
  | { kind: 'letterhead'; region: string; agency: string; lines?: string[] }
  | { kind: 'title'; text: string; subtitle?: string }
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string; muted?: boolean; bold?: boolean; align?: 'left' | 'center' | 'right' }
  | { kind: 'keyValue'; rows: { label: string; value: string; strong?: boolean }[] }
  | { kind: 'table'; columns: PdfTableColumn[]; rows: string[][]; emptyText?: string }
  /** A QR code of `data` with a caption beside it. */
  | { kind: 'qr'; data: string; caption?: string; size?: number }
  | { kind: 'spacer'; height?: number };

export interface PdfDocumentSpec {
  info: PdfInfo;
  /** Written as CreationDate and ModDate; the only clock the document reads. */
  createdAt: Date;
  /** Footer text of a page, e.g. `(p, n) => \`Halaman ${p} dari ${n}\``. */
  pageLabel: (page: number, total: number) => string;
  /** Left side of the footer on every page (e.g. the document number). */
  footerNote?: string;
  /** Large faint text across every page (e.g. "PRATINJAU" on a preview). */
  watermark?: string;
  blocks: PdfBlock[];
}

export interface RenderOptions {
  /** Compress content streams (default true). Tests may turn it off to read the text. */
  compress?: boolean;
}

const MARGIN = { top: 48, bottom: 64, left: 56, right: 56 };
const FONT = 'Helvetica';
const FONT_BOLD = 'Helvetica-Bold';
const INK = '#111111';
const MUTED = '#555555';
const RULE = '#888888';
const HEADER_FILL = '#e8e8e8';
const CELL_PAD = 4;

// Characters of the WinAnsi encoding above Latin-1 that pdfkit's standard fonts can show.
const WIN_ANSI_EXTRA = new Set([402, 8211, 8212, 8216, 8217, 8218, 8220, 8221, 8222, 8224, 8225, 8226, 8230, 8364, 8240, 8249, 8250, 710, 8482, 338, 339, 732, 352, 353, 376, 381, 382]);

function encodable(code: number): boolean {
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(code) || code === 0x0a;
}

/**
 * Text the standard fonts can draw: tabs and odd spaces become spaces, letters outside
 * WinAnsi lose their accents (`ş` → `s`), anything else becomes `?`.
 */
export function pdfSafe(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC').replace(/\r\n?/g, '\n')) {
    const code = ch.codePointAt(0)!;
    if (encodable(code)) out += ch;
    else if (/\s/u.test(ch)) out += ' ';
    else {
      const base = ch.normalize('NFKD').replace(/\p{M}/gu, '');
      out += base && [...base].every((c) => encodable(c.codePointAt(0)!)) ? base : '?';
    }
  }
  return out;
}

/** A QR code as PNG bytes (error correction M, quiet zone of one module). */
export function qrPng(data: string, opts: { scale?: number } = {}): Promise<Buffer> {
  return import('qrcode').then(({ default: QRCode }) => QRCode.toBuffer(data, { type: 'png', errorCorrectionLevel: 'M', margin: 1, scale: opts.scale ?? 4 }));
}

type Doc = PDFKit.PDFDocument;

/**
 * Column widths for a table whose header cells must never break inside a word: each column
 * is at least as wide as the longest word of its header (bold, plus padding); the extra width
 * a column needs is taken from the others in proportion to what they have to spare. When the
 * words cannot all fit, the header font shrinks (down to 6 pt) until they do.
 */
export function columnWidths(
  weights: number[],
  headers: string[],
  total: number,
  wordWidth: (word: string, size: number) => number,
): { widths: number[]; headerSize: number } {
  const sum = weights.reduce((a, w) => a + w, 0);
  const wanted = weights.map((w) => (total * w) / sum);
  let size = 9;
  let need: number[] = [];
  for (; size >= 6; size -= 0.5) {
    need = headers.map((h) => Math.max(0, ...h.split(/\s+/).filter(Boolean).map((w) => wordWidth(w, size))) + 2 * CELL_PAD + 0.5);
    if (need.reduce((a, n) => a + n, 0) <= total) break;
  }
  if (size < 6) size = 6;
  // Columns below their minimum take it; the shortfall comes out of the others' spare width.
  const widths = wanted.map((w, i) => Math.max(w, need[i]!));
  const excess = widths.reduce((a, w) => a + w, 0) - total;
  if (excess > 0) {
    const spare = widths.map((w, i) => (w === need[i] ? 0 : Math.max(0, w - need[i]!)));
    const spareTotal = spare.reduce((a, s) => a + s, 0);
    if (spareTotal > 0) for (let i = 0; i < widths.length; i++) widths[i] = widths[i]! - (excess * spare[i]!) / spareTotal;
  }
  return { widths, headerSize: size };
}

class Layout {
  constructor(private readonly doc: Doc) {}

  get left(): number {
    return MARGIN.left;
  }
  get width(): number {
    return this.doc.page.width - MARGIN.left - MARGIN.right;
  }
  get bottom(): number {
    return this.doc.page.height - MARGIN.bottom;
  }
  get top(): number {
    return MARGIN.top;
  }

  /** Starts a new page unless `height` still fits below the current position. */
  ensureSpace(height: number): void {
    if (this.doc.y + height > this.bottom && this.doc.y > this.top) {
      this.doc.addPage();
      this.doc.y = this.top;
    }
  }

  measure(text: string, font: string, size: number, width: number): number {
    return this.doc.font(font).fontSize(size).heightOfString(text || ' ', { width });
  }

  write(text: string, opts: { font?: string; size?: number; color?: string; align?: 'left' | 'center' | 'right'; gapAfter?: number; inset?: number } = {}): void {
    const { doc } = this;
    const font = opts.font ?? FONT;
    const size = opts.size ?? 10;
    const inset = opts.inset ?? 0;
    const width = this.width - 2 * inset;
    // Move to a new page unless the first lines fit; longer text flows on by itself.
    this.ensureSpace(Math.min(this.measure(text, font, size, width), size * 3.6));
    doc.font(font).fontSize(size).fillColor(opts.color ?? INK);
    doc.text(text, this.left + inset, doc.y, { width, align: opts.align ?? 'left' });
    doc.y += opts.gapAfter ?? 0;
  }

  hRule(y: number, weight: number): void {
    this.doc
      .moveTo(this.left, y)
      .lineTo(this.left + this.width, y)
      .lineWidth(weight)
      .strokeColor(INK)
      .stroke();
  }

  letterhead(b: Extract<PdfBlock, { kind: 'letterhead' }>): void {
    const { doc } = this;
    // The region's coat of arms/logo (set on /kelola/wilayah) at the left of the letterhead.
    const logo = letterheadLogo;
    const top = doc.y;
    if (logo) {
      try {
        doc.image(logo, this.left, top, { fit: [LOGO_SIZE, LOGO_SIZE] });
      } catch {
        // An image pdfkit cannot read is left out rather than failing the document.
      }
    }
    const inset = logo ? LOGO_SIZE + 8 : 0;
    this.write(pdfSafe(b.region).toUpperCase(), { size: 11, align: 'center', inset });
    this.write(pdfSafe(b.agency).toUpperCase(), { font: FONT_BOLD, size: 14, align: 'center', gapAfter: 2, inset });
    for (const line of b.lines ?? []) if (line.trim()) this.write(pdfSafe(line), { size: 9, align: 'center', color: MUTED, inset });
    const y = Math.max(doc.y, logo ? top + LOGO_SIZE : 0) + 6;
    this.hRule(y, 1.6);
    this.hRule(y + 3, 0.5);
    doc.y = y + 16;
  }

  title(b: Extract<PdfBlock, { kind: 'title' }>): void {
    this.write(pdfSafe(b.text), { font: FONT_BOLD, size: 13, align: 'center', gapAfter: b.subtitle ? 2 : 10 });
    if (b.subtitle) this.write(pdfSafe(b.subtitle), { size: 10, align: 'center', color: MUTED, gapAfter: 10 });
  }

  heading(b: Extract<PdfBlock, { kind: 'heading' }>): void {
    this.doc.y += 6;
    // Keep a heading with at least a few lines of what follows it.
    this.ensureSpace(60);
    this.write(pdfSafe(b.text), { font: FONT_BOLD, size: 11, gapAfter: 4 });
  }

  paragraph(b: Extract<PdfBlock, { kind: 'paragraph' }>): void {
    this.write(pdfSafe(b.text), { font: b.bold ? FONT_BOLD : FONT, size: b.muted ? 9 : 10, color: b.muted ? MUTED : INK, align: b.align, gapAfter: 6 });
  }

  keyValue(b: Extract<PdfBlock, { kind: 'keyValue' }>): void {
    const { doc } = this;
    const labelW = Math.round(this.width * 0.34);
    const valueX = this.left + labelW + 8;
    const valueW = this.width - labelW - 8;
    for (const row of b.rows) {
      const label = pdfSafe(row.label);
      const value = pdfSafe(row.value);
      const valueFont = row.strong ? FONT_BOLD : FONT;
      const h = Math.max(this.measure(label, FONT, 9.5, labelW), this.measure(value, valueFont, 10, valueW));
      this.ensureSpace(h + 4);
      const y = doc.y;
      doc.font(FONT).fontSize(9.5).fillColor(MUTED).text(label, this.left, y + 0.5, { width: labelW });
      doc.font(valueFont).fontSize(10).fillColor(INK).text(value, valueX, y, { width: valueW });
      doc.y = y + h + 4;
    }
    doc.y += 6;
  }

  table(b: Extract<PdfBlock, { kind: 'table' }>): void {
    const { doc } = this;
    if (b.rows.length === 0) {
      if (b.emptyText) this.paragraph({ kind: 'paragraph', text: b.emptyText, muted: true });
      return;
    }
    const headers = b.columns.map((c) => pdfSafe(c.header));
    const { widths, headerSize } = columnWidths(
      b.columns.map((c) => (c.width && c.width > 0 ? c.width : 1)),
      headers,
      this.width,
      (word, size) => doc.font(FONT_BOLD).fontSize(size).widthOfString(word),
    );
    const xs = widths.map((_, i) => this.left + widths.slice(0, i).reduce((a, w) => a + w, 0));
    const rowHeight = (cells: string[], font: string, size: number) =>
      Math.max(...widths.map((w, i) => this.measure(cells[i] ?? '', font, size, w - 2 * CELL_PAD))) + 2 * CELL_PAD;
    const headerH = rowHeight(headers, FONT_BOLD, headerSize);

    const drawRow = (cells: string[], y: number, h: number, header: boolean) => {
      if (header) doc.rect(this.left, y, this.width, h).fillColor(HEADER_FILL).fill();
      doc.lineWidth(0.5).strokeColor(RULE);
      for (let i = 0; i < widths.length; i++) doc.rect(xs[i]!, y, widths[i]!, h).stroke();
      doc.font(header ? FONT_BOLD : FONT).fontSize(header ? headerSize : 9).fillColor(INK);
      for (let i = 0; i < widths.length; i++) {
        doc.text(cells[i] ?? '', xs[i]! + CELL_PAD, y + CELL_PAD, {
          width: widths[i]! - 2 * CELL_PAD,
          height: h - 2 * CELL_PAD + 1,
          ellipsis: true,
          align: b.columns[i]?.align ?? 'left',
        });
      }
    };
    const drawHeader = () => {
      const y = doc.y;
      drawRow(headers, y, headerH, true);
      doc.y = y + headerH;
    };

    const rows = b.rows.map((r) => b.columns.map((_, i) => pdfSafe(r[i] ?? '')));
    // A row taller than a page is cut (with an ellipsis) rather than overflowing the footer.
    const maxRowH = this.bottom - this.top - headerH;
    const firstH = Math.min(rowHeight(rows[0]!, FONT, 9), maxRowH);
    this.ensureSpace(headerH + firstH);
    drawHeader();
    for (const cells of rows) {
      const h = Math.min(rowHeight(cells, FONT, 9), maxRowH);
      if (doc.y + h > this.bottom) {
        doc.addPage();
        doc.y = this.top;
        drawHeader();
      }
      const y = doc.y;
      drawRow(cells, y, h, false);
      doc.y = y + h;
    }
    doc.x = this.left;
    doc.y += 10;
  }

  qr(b: Extract<PdfBlock, { kind: 'qr' }>, png: Buffer): void {
    const { doc } = this;
    const size = b.size ?? 96;
    const captionX = this.left + size + 14;
    const captionW = this.width - size - 14;
    const caption = pdfSafe(b.caption ?? '');
    const captionH = caption ? this.measure(caption, FONT, 9, captionW) : 0;
    this.ensureSpace(Math.max(size, captionH) + 4);
    const y = doc.y;
    doc.image(png, this.left, y, { width: size, height: size });
    if (caption) doc.font(FONT).fontSize(9).fillColor(INK).text(caption, captionX, y + 6, { width: captionW });
    doc.x = this.left;
    doc.y = y + Math.max(size, captionH + 6) + 8;
  }

  /** A diagonal, faint word across the page, drawn over the content. */
  watermark(text: string): void {
    const { doc } = this;
    const saved = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const cx = doc.page.width / 2;
    const cy = doc.page.height / 2;
    const size = 96;
    const word = pdfSafe(text);
    doc.save();
    doc.rotate(-45, { origin: [cx, cy] });
    doc.font(FONT_BOLD).fontSize(size).fillColor('#c00000').fillOpacity(0.15);
    const w = doc.widthOfString(word);
    doc.text(word, cx - w / 2, cy - size / 2, { lineBreak: false });
    doc.restore();
    doc.fillOpacity(1);
    doc.page.margins.bottom = saved;
  }

  footer(pageLabel: string, note: string | undefined): void {
    const { doc } = this;
    // Writing below the bottom margin would make pdfkit start a new page.
    const saved = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN.bottom + 24;
    doc.lineWidth(0.5).strokeColor(RULE).moveTo(this.left, y - 6).lineTo(this.left + this.width, y - 6).stroke();
    doc.font(FONT).fontSize(8).fillColor(MUTED);
    // One line each; a note too long for its side is cut with an ellipsis.
    const line = doc.currentLineHeight(true);
    if (note) doc.text(pdfSafe(note).replace(/\s+/g, ' '), this.left, y, { width: this.width * 0.7, height: line, ellipsis: true });
    doc.text(pdfSafe(pageLabel), this.left + this.width * 0.7, y, { width: this.width * 0.3, align: 'right', height: line, ellipsis: true });
    doc.page.margins.bottom = saved;
  }
}

/** Lays the blocks out on A4 pages and returns the PDF. */
export async function renderPdf(spec: PdfDocumentSpec, opts: RenderOptions = {}): Promise<Buffer> {
  // QR images first (async), so the layout below is one synchronous pass.
  const qrImages = new Map<number, Buffer>();
  for (const [i, b] of spec.blocks.entries()) if (b.kind === 'qr') qrImages.set(i, await qrPng(b.data));

  const info: PDFKit.DocumentInfo = { Title: pdfSafe(spec.info.title), Producer: 'Simpul', Creator: 'Simpul', CreationDate: spec.createdAt, ModDate: spec.createdAt };
  if (spec.info.author) info.Author = pdfSafe(spec.info.author);
  if (spec.info.subject) info.Subject = pdfSafe(spec.info.subject);
  if (spec.info.keywords) info.Keywords = pdfSafe(spec.info.keywords);
  const { default: PDFDocument } = (await import('pdfkit')) as { default: typeof PDFKitModule };
  const doc = new PDFDocument({ size: 'A4', margins: MARGIN, bufferPages: true, compress: opts.compress ?? true, info });

  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const layout = new Layout(doc);
  doc.y = MARGIN.top;
  for (const [i, b] of spec.blocks.entries()) {
    switch (b.kind) {
      case 'letterhead':
        layout.letterhead(b);
        break;
      case 'title':
        layout.title(b);
        break;
      case 'heading':
        layout.heading(b);
        break;
      case 'paragraph':
        layout.paragraph(b);
        break;
      case 'keyValue':
        layout.keyValue(b);
        break;
      case 'table':
        layout.table(b);
        break;
      case 'qr':
        layout.qr(b, qrImages.get(i)!);
        break;
      case 'spacer':
        doc.y += b.height ?? 12;
        break;
    }
  }

  const range = doc.bufferedPageRange();
  for (let p = range.start; p < range.start + range.count; p++) {
    doc.switchToPage(p);
    layout.footer(spec.pageLabel(p - range.start + 1, range.count), spec.footerNote);
    if (spec.watermark) layout.watermark(spec.watermark);
  }
  doc.end();
  return done;
}
