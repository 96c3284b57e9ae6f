/**
 * The shared file store of prevention and coordination records (src/app/coord-files.ts): what it
 * keeps is checked by content, stored encrypted, read back only under its own record, and every
 * write, read and removal is in the audit log.
 */
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  COORD_FILES_PER_RECORD,
  listCoordFiles,
  MAX_COORD_FILE_BYTES,
  readCoordFile,
  removeCoordFile,
  storeCoordFile,
} from '../../src/app/coord-files.ts';
import { ctxOf, type MadeUser, makeRegionWorld, makeUser } from '../helpers/factories.ts';
import { pngBytes } from '../helpers/files.ts';
import { createHarness, ENGINES, type Harness } from '../helpers/harness.ts';

const PDF = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\nNotulen rapat rahasia',
);

/** A minimal OOXML workbook: file-type knows an .xlsx by its zipped [Content_Types] and xl/ parts. */
function xlsxBytes(): Uint8Array {
  return zipSync({
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
    ),
    'xl/workbook.xml': strToU8('<workbook/>'),
  });
}

describe.each(ENGINES)('coordination files on %s', (engine) => {
  let h: Harness;
  let staff: MadeUser;
  const owner = '7b0c2a55-3f0e-4a59-9d43-6f1f3f5f0a01';
  const other = '7b0c2a55-3f0e-4a59-9d43-6f1f3f5f0a02';

  beforeAll(async () => {
    h = await createHarness(engine, { seed: 'none' });
    const lebak = await makeRegionWorld(h.svc, { kabKota: '36.02' });
    staff = await makeUser(h.svc, { role: 'manajer', org: lebak.dinas });
  });
  afterAll(async () => h?.close());

  const store = (over: Partial<Parameters<typeof storeCoordFile>[2]> = {}) => {
    const ctx = ctxOf(h.svc, staff);
    return ctx.conn.db.transaction().execute((trx) =>
      storeCoordFile(ctx, trx, {
        jurisdiction: '36.02',
        ownerKind: 'meeting',
        ownerId: owner,
        purpose: 'dokumen',
        name: 'notulen.pdf',
        bytes: PDF,
        ...over,
      }),
    );
  };

  it('keeps a PDF encrypted and gives it back, under its own record only, with the read audited', async () => {
    const f = await store();
    expect(f).toMatchObject({ filename: 'notulen.pdf', mime: 'application/pdf', size: PDF.byteLength });
    const row = await h.svc.conn.db
      .selectFrom('coord_file')
      .selectAll()
      .where('id', '=', f.id)
      .executeTakeFirstOrThrow();
    expect(Buffer.from(row.content_enc).includes(Buffer.from('Notulen rapat rahasia'))).toBe(false);
    expect(row.filename_enc).not.toContain('notulen');

    const ctx = ctxOf(h.svc, staff);
    const back = await readCoordFile(ctx, h.svc.conn.db, 'meeting', owner, f.id);
    expect(Buffer.from(back.bytes).equals(Buffer.from(PDF))).toBe(true);
    await expect(readCoordFile(ctx, h.svc.conn.db, 'meeting', other, f.id)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(readCoordFile(ctx, h.svc.conn.db, 'followup', owner, f.id)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const audits = await h.svc.conn.db
      .selectFrom('audit_event')
      .select(['action', 'actor_id'])
      .where('entity_id', '=', f.id)
      .execute();
    expect(audits.map((a) => a.action).sort()).toEqual(['coord_file.create', 'coord_file.read']);
    expect(audits.every((a) => a.actor_id === staff.id)).toBe(true);
  });

  it('reads the type from the bytes: a PNG named .html keeps a .png name, an Excel workbook is accepted', async () => {
    const png = await store({ purpose: 'foto', name: 'foto.html', bytes: pngBytes() });
    expect(png).toMatchObject({ mime: 'image/png', filename: 'foto.html.png' });
    const x = await store({ name: 'rekap.xlsx', bytes: xlsxBytes() });
    expect(x.mime).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  });

  it('keeps a photo without what the camera wrote in it (place, owner); a broken photo is refused', async () => {
    const tagged = pngBytes('GPS -6.36 106.25; pemilik: Ponsel Demo');
    const f = await store({ purpose: 'foto', name: 'kegiatan.png', bytes: tagged });
    const back = await readCoordFile(ctxOf(h.svc, staff), h.svc.conn.db, 'meeting', owner, f.id);
    expect(Buffer.from(back.bytes).includes(Buffer.from('GPS'))).toBe(false);
    expect(Buffer.from(back.bytes).equals(Buffer.from(pngBytes()))).toBe(true);
    expect(f.size).toBe(pngBytes().byteLength);
    await expect(
      store({ purpose: 'foto', name: 'rusak.png', bytes: tagged.subarray(0, 40) }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { file: 'image_unreadable' },
    });
  });

  it('refuses what it may not keep, with stable field codes, and keeps nothing of it', async () => {
    const before = await listCoordFiles(ctxOf(h.svc, staff), h.svc.conn.db, 'meeting', owner);
    await expect(
      store({ bytes: new TextEncoder().encode('<html><script>x</script>') }),
    ).rejects.toMatchObject({
      code: 'FILE_TYPE_NOT_ALLOWED',
      fields: { file: 'coord_type_not_allowed' },
    });
    await expect(store({ bytes: new Uint8Array(0) })).rejects.toMatchObject({ fields: { file: 'required' } });
    await expect(store({ bytes: new Uint8Array(MAX_COORD_FILE_BYTES + 1) })).rejects.toMatchObject({
      code: 'FILE_TOO_LARGE',
    });
    // a photo must be a picture
    await expect(store({ purpose: 'foto' })).rejects.toMatchObject({
      code: 'FILE_TYPE_NOT_ALLOWED',
      fields: { file: 'image_only' },
    });
    await expect(store({ purpose: 'lain' as never })).rejects.toMatchObject({
      fields: { purpose: 'invalid_option' },
    });
    const after = await listCoordFiles(ctxOf(h.svc, staff), h.svc.conn.db, 'meeting', owner);
    expect(after).toEqual(before);
  });

  it(`keeps at most ${COORD_FILES_PER_RECORD} files on one record, even when 80 arrive at once, and removes one only under its record`, async () => {
    const ownerFull = '7b0c2a55-3f0e-4a59-9d43-6f1f3f5f0a03';
    for (let i = 0; i < 3; i++) await store({ ownerId: ownerFull, name: `b${i}.pdf` });
    const burst = await Promise.allSettled(
      Array.from({ length: 80 }, (_, i) => store({ ownerId: ownerFull, name: `c${i}.pdf` })),
    );
    expect(burst.filter((r) => r.status === 'fulfilled')).toHaveLength(COORD_FILES_PER_RECORD - 3);
    for (const r of burst)
      if (r.status === 'rejected') expect(r.reason).toMatchObject({ fields: { file: 'too_many_files' } });
    await expect(store({ ownerId: ownerFull })).rejects.toMatchObject({ fields: { file: 'too_many_files' } });
    const ctx = ctxOf(h.svc, staff);
    const list = await listCoordFiles(ctx, h.svc.conn.db, 'meeting', ownerFull);
    expect(list).toHaveLength(COORD_FILES_PER_RECORD);
    expect(list[0]!.filename).toBe('b0.pdf');
    await expect(
      h.svc.conn.db.transaction().execute((trx) => removeCoordFile(ctx, trx, 'meeting', owner, list[0]!.id)),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await h.svc.conn.db
      .transaction()
      .execute((trx) => removeCoordFile(ctx, trx, 'meeting', ownerFull, list[0]!.id));
    expect(await listCoordFiles(ctx, h.svc.conn.db, 'meeting', ownerFull)).toHaveLength(
      COORD_FILES_PER_RECORD - 1,
    );
  });
});
