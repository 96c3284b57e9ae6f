/**
 * The text of a PDF as a reader copies it, for tests: pdf.js (through unpdf) reads it with each
 * font's ToUnicode map, so text set in embedded subset fonts — any script — comes out as written.
 * Pages are joined with a newline.
 */
import { extractText, getDocumentProxy } from 'unpdf';

export async function pdfText(pdf: Buffer | Uint8Array): Promise<string> {
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  const { text } = await extractText(doc, { mergePages: false });
  return text.join('\n');
}
