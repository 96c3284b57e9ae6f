/**
 * The Dinas letterhead (kop surat) at the top of a PDF: the logo when there is one, the Dinas's
 * name and address beside it, and the rule under them. One drawing for the periodic report, the
 * minutes, the follow-up list and the KLA summary; each passes its own text writer (the minutes
 * and the follow-up list write through their multi-script runs).
 */
export type LetterheadWriter = (
  text: string,
  style: 'regular' | 'bold',
  size: number,
  x: number,
  width: number,
) => void;

const SIZES = {
  // A4 portrait
  normal: { top: 50, logo: 60, indent: 72, name: 14, rule: 112, gap: 12 },
  // A4 landscape lists, where every line counts
  compact: { top: 40, logo: 50, indent: 62, name: 13, rule: 92, gap: 10 },
} as const;

export function drawLetterhead(
  doc: PDFKit.PDFDocument,
  h: { logo: Uint8Array | null; dinasName: string; address: string | null },
  o: { left: number; width: number; write: LetterheadWriter; size?: keyof typeof SIZES },
): void {
  const s = SIZES[o.size ?? 'normal'];
  let textX = o.left;
  if (h.logo) {
    try {
      doc.image(Buffer.from(h.logo), o.left, s.top, { fit: [s.logo, s.logo] });
      textX = o.left + s.indent;
    } catch {
      // an unreadable image: the letterhead without it
    }
  }
  doc.y = s.top;
  const w = o.width - (textX - o.left);
  o.write(h.dinasName, 'bold', s.name, textX, w);
  if (h.address) o.write(h.address, 'regular', 9, textX, w);
  const line = Math.max(doc.y, s.rule) + 4;
  doc
    .moveTo(o.left, line)
    .lineTo(o.left + o.width, line)
    .lineWidth(2)
    .stroke();
  doc.y = line + s.gap;
}

/** A writer with the document's registered 'regular' and 'bold' fonts, for Latin-script text. */
export const plainWriter =
  (doc: PDFKit.PDFDocument): LetterheadWriter =>
  (text, style, size, x, width) => {
    doc.font(style).fontSize(size).text(text, x, doc.y, { width });
  };
