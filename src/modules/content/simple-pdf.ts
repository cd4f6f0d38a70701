// A minimal one-page PDF with lines of text (Helvetica, WinAnsi). Used for demo documents and
// tests; real legal texts are uploaded as they were promulgated.

function pdfString(text: string): string {
  const latin = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]/g, '?');
  return `(${latin.replace(/([\\()])/g, '\\$1')})`;
}

/** Wraps `text` at about `width` characters. */
function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out;
}

export function simplePdf(title: string, paragraphs: string[]): Buffer {
  const lines: { text: string; size: number }[] = [];
  for (const l of wrap(title, 60)) lines.push({ text: l, size: 14 });
  lines.push({ text: '', size: 11 });
  for (const p of paragraphs) {
    for (const l of wrap(p, 85)) lines.push({ text: l, size: 11 });
    lines.push({ text: '', size: 11 });
  }
  let y = 800;
  const ops: string[] = ['BT'];
  for (const l of lines.slice(0, 60)) {
    ops.push(`/F1 ${l.size} Tf 1 0 0 1 56 ${y} Tm ${pdfString(l.text)} Tj`);
    y -= l.size + 5;
  }
  ops.push('ET');
  const stream = ops.join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`,
  ];
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
