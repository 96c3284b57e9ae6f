/**
 * Photos keep the picture and lose the camera's metadata (place, time, device, comments,
 * thumbnails, extra pictures after the end), except a JPEG's orientation; a picture whose
 * structure cannot be followed is refused.
 */
import { describe, expect, it } from 'vitest';
import { stripImageMetadata } from '../../src/domain/image-metadata.ts';
import { pngBytes } from '../helpers/files.ts';

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const seg = (marker: number, body: number[]) => [
  0xff,
  marker,
  (body.length + 2) >> 8,
  (body.length + 2) & 0xff,
  ...body,
];
const has = (b: Uint8Array, s: string) => Buffer.from(b).includes(Buffer.from(s, 'latin1'));

/** An EXIF block (little-endian) with orientation, a camera make, and a GPS pointer. */
function exif(orientation: number): number[] {
  const make = ascii('PonselRahasia\0');
  // IFD0 at 8 with 3 entries: 12 + 3*12 + 4 = 50 bytes → data at 8 + 2 + 36 + 4 = 50
  const le16 = (n: number) => [n & 0xff, n >> 8];
  const le32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24];
  const tiff = [
    ...ascii('II'),
    ...le16(42),
    ...le32(8),
    ...le16(3),
    ...le16(0x010f),
    ...le16(2),
    ...le32(make.length),
    ...le32(50), // Make
    ...le16(0x0112),
    ...le16(3),
    ...le32(1),
    ...le16(orientation),
    0,
    0, // Orientation
    ...le16(0x8825),
    ...le16(4),
    ...le32(1),
    ...le32(64), // GPS IFD pointer
    ...le32(0),
    ...make,
  ];
  return [...ascii('Exif\0\0'), ...tiff, ...ascii('GPS -6.3 106.1')];
}

/** A JPEG's structure (not a real picture: the tests read segments, not pixels). */
function jpeg(orientation: number): Uint8Array {
  return Uint8Array.from([
    0xff,
    0xd8,
    ...seg(0xe0, [...ascii('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...seg(0xe1, exif(orientation)),
    ...seg(0xe1, ascii('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>Lokasi</x:xmpmeta>')),
    ...seg(0xed, ascii('Photoshop 3.0\0IPTC Nama Pemilik')),
    ...seg(0xfe, ascii('komentar kamera')),
    ...seg(0xdb, [0, ...new Array(64).fill(1)]),
    ...seg(0xc0, [8, 0, 2, 0, 2, 1, 1, 0x11, 0]),
    ...seg(0xda, [1, 1, 0, 0, 63, 0]),
    0x12,
    0xff,
    0x00,
    0x34,
    0xff,
    0xd0,
    0x56, // entropy data with a stuffed byte and a restart
    0xff,
    0xd9,
    ...ascii('GAMBAR TAMBAHAN SETELAH AKHIR'),
  ]);
}

describe('stripImageMetadata', () => {
  it('a JPEG loses EXIF (place, device), XMP, IPTC, comments and what follows its end; keeps its orientation and picture', () => {
    const r = stripImageMetadata(jpeg(6), 'image/jpeg');
    expect(r.ok).toBe(true);
    const out = (r as { bytes: Uint8Array }).bytes;
    for (const gone of ['PonselRahasia', 'GPS -6.3', 'Lokasi', 'Nama Pemilik', 'komentar', 'TAMBAHAN'])
      expect(has(out, gone), gone).toBe(false);
    expect(has(out, 'JFIF')).toBe(true);
    // the picture's data is as it was
    expect(has(out, '\x12\xff\x00\x34\xff\xd0\x56\xff\xd9')).toBe(true);
    expect([out[out.length - 2], out[out.length - 1]]).toEqual([0xff, 0xd9]);
    // the orientation (6: rotate 90°) is written back right after the JFIF segment
    const app1 = Buffer.from(out).indexOf(Buffer.from([0xff, 0xe1]));
    expect(app1).toBe(2 + 18);
    expect(has(out, 'Exif\0\0MM\0*')).toBe(true);
    const again = stripImageMetadata(out, 'image/jpeg');
    expect(again.ok && Buffer.from(again.bytes).equals(Buffer.from(out))).toBe(true);
  });

  it('an upright JPEG gets no EXIF at all', () => {
    const r = stripImageMetadata(jpeg(1), 'image/jpeg');
    expect(r.ok && has(r.bytes, 'Exif')).toBe(false);
  });

  it('a PNG loses its text chunks and keeps the chunks that draw it', () => {
    const src = pngBytes('Lokasi: Desa Contoh, pemilik Ponsel');
    const r = stripImageMetadata(src, 'image/png');
    expect(r.ok).toBe(true);
    const out = (r as { bytes: Uint8Array }).bytes;
    expect(has(out, 'Lokasi')).toBe(false);
    expect(Buffer.from(out).equals(Buffer.from(pngBytes()))).toBe(true);
  });

  it('refuses a picture whose structure cannot be followed; other files pass untouched', () => {
    const cut = jpeg(6).subarray(0, 40);
    expect(stripImageMetadata(cut, 'image/jpeg')).toEqual({ ok: false, reason: 'unreadable' });
    expect(stripImageMetadata(pngBytes().subarray(0, 30), 'image/png').ok).toBe(false);
    const pdf = new TextEncoder().encode('%PDF-1.4 Author (Nama)');
    const r = stripImageMetadata(pdf, 'application/pdf');
    expect(r.ok && r.bytes).toBe(pdf);
  });
});
