/**
 * The QR codes printed in a PDF, decoded as a phone would read them, for tests: pdf.js (through
 * unpdf) takes every image out of every page as a reader draws it (decoded, with its colour space
 * applied), and jsQR decodes each one. What is checked is the PDF itself, not how it was made.
 */
import jsQRModule from 'jsqr';
import { extractImages, getDocumentProxy } from 'unpdf';

// jsqr is CommonJS with an ES default in its types: the function is the module or its default
type Decode = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const jsQR: Decode =
  (jsQRModule as unknown as { default?: Decode }).default ?? (jsQRModule as unknown as Decode);

export async function pdfQrTexts(pdf: Buffer | Uint8Array): Promise<string[]> {
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  const out: string[] = [];
  for (let page = 1; page <= doc.numPages; page++)
    for (const img of await extractImages(doc, page)) {
      const rgba = new Uint8ClampedArray(img.width * img.height * 4);
      for (let i = 0; i < img.width * img.height; i++) {
        const at = i * img.channels;
        const [r, g, b] =
          img.channels === 1
            ? [img.data[at]!, img.data[at]!, img.data[at]!]
            : [img.data[at]!, img.data[at + 1]!, img.data[at + 2]!];
        rgba.set([r, g, b, 255], i * 4);
      }
      const found = jsQR(rgba, img.width, img.height);
      if (found) out.push(found.data);
    }
  return out;
}
