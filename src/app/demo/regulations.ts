/**
 * Demo local regulations and a three-party agreement (issue 12 §5, decision 033) for Lebak and
 * Kota Serang: the Perbup/Perwal on Kabupaten/Kota Layak Anak and child protection (with its
 * signed text as a small synthetic PDF), an SK Gugus Tugas KLA due for review within weeks (so
 * the reminder has something to tell), an SK Satgas PPA, a revoked older Perbup/Perwal; and the
 * Dinas's PKS with the police PPA unit gets the UPTD PPA as third party and names the demo's rakor
 * lintas sektor as the meeting that decided it. Deterministic; fast.
 */
import { randomUUID } from 'node:crypto';
import { agreementParties, dinasOrgOf, replaceAgreementParties } from '../../db/directory.repository.ts';
import { insertRegulation } from '../../db/regulation.repository.ts';
import type { Actor, Role } from '../../domain/policy.ts';
import { localDate, localYear } from '../../domain/time.ts';
import type { AuthedCtx, Services } from '../context.ts';
import { storeCoordFile } from '../coord-files.ts';

const DAY = 86_400_000;

/** A one-page PDF that says what it stands for (no real regulation text). */
export function demoPdf(title: string): Uint8Array {
  const text = title.replace(/[()\\]/g, '');
  const stream = `BT /F1 12 Tf 50 780 Td (${text}) Tj 0 -20 Td (Naskah contoh untuk demo Simpul) Tj ET`;
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

export async function seedRegulationsDemo(
  svc: Services,
  region: { code: string; name: string },
  orgIds: Map<string, string>,
  users: Map<Role, Actor>,
): Promise<void> {
  const db = svc.conn.db;
  const now = svc.clock();
  const today = localDate(now, region.code);
  const year = localYear(now, region.code);
  const inDays = (n: number) => localDate(new Date(now.getTime() + n * DAY), region.code);
  const kota = region.name.startsWith('Kota');
  const place = region.name.replace(/^(Kabupaten|Kota) /, '');
  const head = kota ? `Wali Kota ${place}` : `Bupati ${place}`;
  const perkada = kota ? 'perwal' : 'perbup';
  const perkadaName = kota ? 'Peraturan Wali Kota' : 'Peraturan Bupati';
  const kla = kota ? 'Kota Layak Anak' : 'Kabupaten Layak Anak';
  const manajer = users.get('manajer')!;
  const rows = [
    {
      kind: perkada,
      number: `${perkadaName} ${place} Nomor 18 Tahun ${year - 2}`,
      issued_on: `${year - 2}-08-12`,
      title: `Penyelenggaraan ${kla} dan Perlindungan Anak`,
      status: 'berlaku',
      review_on: inDays(400),
      expires_on: null,
      file: true,
    },
    {
      kind: perkada,
      number: `${perkadaName} ${place} Nomor 7 Tahun ${year - 9}`,
      issued_on: `${year - 9}-03-02`,
      title: `Pengembangan ${kla} (dicabut dan diganti)`,
      status: 'diganti',
      review_on: null,
      expires_on: null,
      file: false,
    },
    {
      kind: 'sk_gugus_tugas_kla',
      number: `463/Kep.${kota ? 41 : 112}-Huk/${year - 1}`,
      issued_on: `${year - 1}-02-20`,
      title: `Pembentukan Gugus Tugas ${kla} ${place}`,
      status: 'berlaku',
      // due for review soon: the reminder to the Dinas's managers has something to tell
      review_on: inDays(25),
      expires_on: inDays(80),
      file: false,
    },
    {
      kind: 'sk_satgas_ppa',
      number: `400.14/Kep.${kota ? 9 : 23}-DP3A/${year}`,
      issued_on: `${year}-01-15` <= today ? `${year}-01-15` : today,
      title: `Pembentukan Satuan Tugas Perlindungan Perempuan dan Anak (Satgas PPA) Desa/Kelurahan se-${place}`,
      status: 'berlaku',
      review_on: null,
      expires_on: `${year + 2}-12-31`,
      file: false,
    },
  ];
  const ctx: AuthedCtx = { ...svc, actor: manajer, meta: { ip: null, userAgent: 'demo', requestId: null } };
  for (const r of rows) {
    const id = randomUUID();
    await insertRegulation(db, {
      id,
      jurisdiction: region.code,
      kind: r.kind,
      number: r.number,
      issued_on: r.issued_on,
      title: r.title,
      authority: r.kind === 'sk_satgas_ppa' ? `Kepala Dinas PPPA ${region.name}` : head,
      status: r.status,
      review_on: r.review_on,
      expires_on: r.expires_on,
      note: null,
      created_by: manajer.userId,
      created_at: now,
      updated_at: now,
    });
    if (r.file)
      await db.transaction().execute((trx) =>
        storeCoordFile(ctx, trx, {
          jurisdiction: region.code,
          ownerKind: 'regulation',
          ownerId: id,
          purpose: 'dokumen',
          name: `${r.number}.pdf`,
          bytes: demoPdf(r.number),
        }),
      );
  }

  // the PKS with the police PPA unit becomes a three-party agreement with the UPTD PPA
  const police = orgIds.get('polisi');
  const uptd = orgIds.get('uptd');
  if (!police || !uptd) return;
  const a = await db
    .selectFrom('agreement')
    .select(['id', 'parties'])
    .where('jurisdiction', '=', region.code)
    .where('org_id', '=', police)
    .executeTakeFirst();
  if (!a) return;
  const dinas = await dinasOrgOf(db, region.code);
  const names = new Map((await agreementParties(db, [a.id])).map((p) => [p.org_id, p.org_name]));
  await replaceAgreementParties(
    db,
    a.id,
    [
      ...(dinas ? [{ orgId: dinas, role: 'pihak_pertama' }] : []),
      { orgId: police, role: 'pihak_kedua' },
      { orgId: uptd, role: 'pihak_ketiga' },
    ],
    now,
  );
  const uptdName = await db
    .selectFrom('organisation')
    .select('name')
    .where('id', '=', uptd)
    .executeTakeFirstOrThrow();
  // decided at the demo's rakor lintas sektor (src/app/demo/meetings.ts), when there is one
  const rakor = await db
    .selectFrom('meeting')
    .select(['id', 'starts_at'])
    .where('jurisdiction', '=', region.code)
    .where('kind', '=', 'rakor_lintas_sektor')
    .orderBy('starts_at')
    .limit(1)
    .executeTakeFirst();
  // a naskah the rakor decided starts after it: signed a week after the meeting (decision 033)
  const rakorDay = rakor ? localDate(new Date(rakor.starts_at), region.code) : null;
  const signed = rakorDay
    ? new Date(Date.parse(`${rakorDay}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10)
    : null;
  await db
    .updateTable('agreement')
    .set({
      meeting_id: rakor?.id ?? null,
      ...(rakorDay ? { starts_on: signed && signed <= today ? signed : rakorDay } : {}),
      kind: 'naskah',
      parties: `${[...names.values()].join(', ')} dan ${uptdName.name}`,
      subject:
        'Layanan terpadu penanganan perempuan dan anak korban kekerasan: pelaporan, visum dan pendampingan',
    })
    .where('id', '=', a.id)
    .execute();
}
