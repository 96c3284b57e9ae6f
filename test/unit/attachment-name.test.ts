import { describe, expect, it } from 'vitest';
import { safeFilename } from '../../src/app/cases/attachments.ts';

describe('an attachment keeps an honest, printable name', () => {
  it('ends in an extension of the type its bytes are', () => {
    expect(safeFilename('laporan.pdf', 'application/pdf')).toBe('laporan.pdf');
    expect(safeFilename('foto.JPEG', 'image/jpeg')).toBe('foto.JPEG');
    expect(safeFilename('evil.html', 'image/png')).toBe('evil.html.png');
    expect(safeFilename('rekaman', 'audio/mp4')).toBe('rekaman.m4a');
  });
  it('replaces control, separator and bidirectional characters', () => {
    expect(safeFilename('\u202Egnp.exe', 'image/png')).toBe('_gnp.exe.png');
    expect(safeFilename('a\u007f\u0085b/c\\d.png', 'image/png')).toBe('a__b_c_d.png');
  });
  it('cuts a long name whole characters at a time and keeps its extension', () => {
    const cut = safeFilename(`a${'😀'.repeat(300)}.png`, 'image/png');
    expect([...cut]).toHaveLength(200);
    expect(cut.isWellFormed()).toBe(true);
    expect(cut.endsWith('😀.png')).toBe(true);
    expect(safeFilename('   ', 'application/pdf')).toBe('lampiran.pdf');
  });
});
