/**
 * Photos lose what a camera or phone wrote about them before they are kept (coordination and KLA
 * files: activity photos often show children, and a phone writes where and when a photo was taken,
 * the device and its owner, and a thumbnail). The picture itself is not touched (no re-encoding):
 * - JPEG: the segments the picture needs stay (JFIF, quantisation and Huffman tables, frame,
 *   scans, the ICC colour profile, Adobe's colour transform); EXIF, XMP, IPTC/Photoshop, comments
 *   and maker segments go, and whatever follows the end of the image (a phone's extra pictures).
 *   Only the EXIF orientation is written back, so a phone photo is not shown sideways.
 * - PNG: the chunks that draw the picture stay; text, EXIF, time and unknown chunks go.
 * A picture whose structure cannot be followed is refused (`unreadable`), never kept as it came.
 */

export type StripResult = { ok: true; bytes: Uint8Array } | { ok: false; reason: 'unreadable' };

export function stripImageMetadata(bytes: Uint8Array, mime: string): StripResult {
  try {
    if (mime === 'image/jpeg') return { ok: true, bytes: stripJpeg(bytes) };
    if (mime === 'image/png') return { ok: true, bytes: stripPng(bytes) };
    return { ok: true, bytes };
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
}

class Unreadable extends Error {}

const u16 = (b: Uint8Array, i: number, little = false): number => {
  if (i + 2 > b.length) throw new Unreadable();
  return little ? b[i]! | (b[i + 1]! << 8) : (b[i]! << 8) | b[i + 1]!;
};
const u32 = (b: Uint8Array, i: number, little = false): number => {
  if (i + 4 > b.length) throw new Unreadable();
  return little
    ? (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0
    : ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;
};
const startsWith = (b: Uint8Array, at: number, ascii: string): boolean => {
  for (let k = 0; k < ascii.length; k++) if (b[at + k] !== ascii.charCodeAt(k)) return false;
  return true;
};

/** The orientation (1–8) in an EXIF APP1 segment's first directory; null when there is none. */
function exifOrientation(seg: Uint8Array): number | null {
  // seg: FF E1 len "Exif\0\0" TIFF…
  const tiff = 10;
  if (!startsWith(seg, 4, 'Exif\0\0')) return null;
  const little = startsWith(seg, tiff, 'II');
  if (!little && !startsWith(seg, tiff, 'MM')) return null;
  const ifd = tiff + u32(seg, tiff + 4, little);
  const n = u16(seg, ifd, little);
  for (let k = 0; k < n; k++) {
    const e = ifd + 2 + k * 12;
    if (u16(seg, e, little) !== 0x0112) continue;
    const v = u16(seg, e + 8, little);
    return v >= 1 && v <= 8 ? v : null;
  }
  return null;
}

/** A broken EXIF block only loses its orientation: the block goes anyway. */
function orientationOf(seg: Uint8Array): number | null {
  try {
    return exifOrientation(seg);
  } catch {
    return null;
  }
}

/** A minimal EXIF segment holding only an orientation (big-endian TIFF, one entry). */
function orientationSegment(v: number): Uint8Array {
  const tiff = [
    0x4d,
    0x4d,
    0x00,
    0x2a,
    0,
    0,
    0,
    8,
    0,
    1,
    0x01,
    0x12,
    0,
    3,
    0,
    0,
    0,
    1,
    0,
    v,
    0,
    0,
    0,
    0,
    0,
    0,
  ];
  const body = [...'Exif\0\0'].map((c) => c.charCodeAt(0)).concat(tiff);
  const len = body.length + 2;
  return Uint8Array.from([0xff, 0xe1, len >> 8, len & 0xff, ...body]);
}

function keepJpegSegment(marker: number, seg: Uint8Array): boolean {
  if (marker === 0xe0) return startsWith(seg, 4, 'JFIF\0') || startsWith(seg, 4, 'JFXX\0');
  if (marker === 0xe2) return startsWith(seg, 4, 'ICC_PROFILE\0');
  if (marker === 0xee) return startsWith(seg, 4, 'Adobe');
  // other APPn (EXIF, XMP, MPF, maker data, IPTC/Photoshop) and comments go
  if ((marker >= 0xe0 && marker <= 0xef) || marker === 0xfe) return false;
  return true;
}

function stripJpeg(b: Uint8Array): Uint8Array {
  if (b[0] !== 0xff || b[1] !== 0xd8) throw new Unreadable();
  const out: Uint8Array[] = [b.subarray(0, 2)];
  let orientation: number | null = null;
  let afterApp0 = 1; // where the orientation segment goes: after SOI, or after a leading JFIF
  let i = 2;
  for (;;) {
    if (b[i] !== 0xff) throw new Unreadable();
    while (b[i] === 0xff) i++; // fill bytes
    if (i >= b.length) throw new Unreadable();
    const marker = b[i]!;
    i++;
    if (marker === 0xd9) {
      out.push(Uint8Array.of(0xff, 0xd9));
      break;
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      out.push(Uint8Array.of(0xff, marker));
      continue;
    }
    const len = u16(b, i);
    if (len < 2 || i + len > b.length) throw new Unreadable();
    const seg = b.subarray(i - 2, i + len);
    i += len;
    if (marker === 0xe1 && orientation === null) orientation = orientationOf(seg);
    if (keepJpegSegment(marker, seg)) {
      out.push(seg);
      if (marker === 0xe0 && out.length === 2) afterApp0 = 2;
    }
    if (marker === 0xda) {
      // entropy-coded data up to the next marker that is not a stuffed byte or a restart
      const start = i;
      for (;;) {
        if (i + 1 >= b.length) throw new Unreadable();
        if (b[i] === 0xff && b[i + 1] !== 0x00 && !(b[i + 1]! >= 0xd0 && b[i + 1]! <= 0xd7)) break;
        i++;
      }
      out.push(b.subarray(start, i));
    }
  }
  if (orientation !== null && orientation !== 1) out.splice(afterApp0, 0, orientationSegment(orientation));
  return concat(out);
}

/** Chunks that draw the picture (and an animated PNG's frames). */
const PNG_KEEP = new Set([
  'IHDR',
  'PLTE',
  'IDAT',
  'IEND',
  'tRNS',
  'gAMA',
  'cHRM',
  'sRGB',
  'iCCP',
  'sBIT',
  'bKGD',
  'pHYs',
  'acTL',
  'fcTL',
  'fdAT',
]);

function stripPng(b: Uint8Array): Uint8Array {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (!sig.every((x, k) => b[k] === x)) throw new Unreadable();
  const out: Uint8Array[] = [b.subarray(0, 8)];
  let i = 8;
  for (;;) {
    const len = u32(b, i);
    const end = i + 12 + len;
    if (end > b.length) throw new Unreadable();
    const type = String.fromCharCode(b[i + 4]!, b[i + 5]!, b[i + 6]!, b[i + 7]!);
    if (PNG_KEEP.has(type)) out.push(b.subarray(i, end));
    i = end;
    if (type === 'IEND') break;
  }
  return concat(out);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
