/** One page of text: a title and paragraphs (long ones are wrapped). */
export interface PdfText {
  readonly title: string;
  readonly paragraphs: readonly string[];
}

/** Latin-1 bytes (WinAnsi for these characters); anything else becomes `?`. */
function latin1(text: string): string {
  return text.replace(/[^\u0020-\u007e\u00a0-\u00ff]/g, '?');
}

/** A PDF string literal: `\`, `(` and `)` escaped. */
function literal(text: string): string {
  return `(${latin1(text).replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines;
}

function contentStream(doc: PdfText): string {
  const ops = ['BT', '/F2 16 Tf', '56 780 Td', `${literal(doc.title)} Tj`, '/F1 11 Tf', '0 -28 Td'];
  for (const paragraph of doc.paragraphs) {
    for (const line of wrap(paragraph, 88)) {
      ops.push(`${literal(line)} Tj`, '0 -15 Td');
    }
    ops.push('0 -8 Td');
  }
  ops.push('ET');
  return ops.join('\n');
}

/**
 * A minimal, valid PDF 1.4 of one A4 page (the standard Helvetica fonts, WinAnsi), enough for
 * the demo's fictional reports. The cross-reference table holds each object's exact byte offset.
 */
export function writePdf(doc: PdfText): Buffer {
  const stream = contentStream(doc);
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`,
    `<< /Title ${literal(doc.title)} /Producer (siteds-broker demo) >>`,
  ];
  let out = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 7 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
