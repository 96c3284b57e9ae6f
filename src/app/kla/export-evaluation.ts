/**
 * The whole evaluation as one zip for submission to the ministry (issue 13 §3; decision 035).
 * Layout (one folder named after the kab/kota and year):
 *   KLA-<kode>-<tahun>/
 *     BACA-SAYA.txt           what is where
 *     evaluasi.json           the evaluation: set version, status, scores (self-assessed and
 *                             verified, per group and total, category), every answer with its
 *                             values, points, status, verification and evidence list
 *     jawaban.csv             one row per indicator (for a spreadsheet)
 *     bukti/<NN>/<berkas>     the evidence files of indicator NN (01 … 24), decrypted
 * Readers with `kla:read` of the kab/kota (and the province once submitted); every evidence file
 * read into it is audited by the store, and the export itself too.
 */
import { stringify } from 'csv-stringify/sync';
import { zipSync } from 'fflate';
import { findEvaluation } from '../../db/kla.repository.ts';
import { AppError } from '../../domain/errors.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { readCoordFile } from '../coord-files.ts';
import { forbidden, klaReadScope, notFound } from './access.ts';
import { evaluationDto } from './views.ts';

const pad = (n: number) => String(n).padStart(2, '0');

export async function exportKlaEvaluation(
  ctx: AuthedCtx,
  id: string,
): Promise<{ filename: string; bytes: Uint8Array }> {
  const action = 'kla.evaluation.export';
  const scope = klaReadScope(ctx, action, id);
  const db = ctx.conn.db;
  const e = await findEvaluation(db, scope, id);
  if (!e) throw notFound(action, 'kla_evaluation', id);
  // an OPD member sees only its own indicators: the whole evaluation is not theirs to send
  if (scope.kind !== 'region') throw forbidden(action, 'kla_evaluation', id);
  const dto = await evaluationDto(ctx, db, scope, e);
  const root = `KLA-${e.jurisdiction}-${e.year}`;
  const files: Record<string, Uint8Array> = {};
  const enc = new TextEncoder();
  const used = new Set<string>();
  for (const v of dto.indicators) {
    for (const f of v.answer?.evidence ?? []) {
      const got = await readCoordFile(ctx, db, 'kla_answer', v.answer!.id, f.id);
      let name = `${root}/bukti/${pad(v.indicator.number)}/${got.filename}`;
      for (let i = 2; used.has(name); i++)
        name = `${root}/bukti/${pad(v.indicator.number)}/${i}-${got.filename}`;
      used.add(name);
      files[name] = got.bytes;
    }
  }
  const json = {
    kabKota: { code: dto.jurisdiction, name: dto.jurisdictionName },
    year: dto.year,
    status: dto.status,
    set: { version: dto.setVersion, label: dto.setLabel },
    submittedAt: dto.submittedAt,
    verifiedAt: dto.verifiedAt,
    missing: dto.missingNumbers,
    score: dto.score,
    verifiedScore: dto.verifiedScore,
    lastYear: dto.lastYear && { year: dto.lastYear.year, score: dto.lastYear.score },
    indicators: dto.indicators.map((v) => ({
      number: v.indicator.number,
      group: v.indicator.group,
      wording: v.indicator.wording,
      weight: v.indicator.weight,
      assignedTo: v.assignment?.orgName ?? null,
      answer: v.answer && {
        status: v.answer.status,
        option: v.answer.option,
        value: v.answer.value,
        numerator: v.answer.numerator,
        denominator: v.answer.denominator,
        percent: v.answer.percent,
        points: v.answer.points,
        narrative: v.answer.narrative,
        fromCaseData: v.answer.autoCalc,
        verification: v.answer.verifyStatus,
        verificationNote: v.answer.verifyNote,
        verifiedPoints: v.answer.verifiedPoints,
        evidence: v.answer.evidence.map((f) => ({
          file: `bukti/${pad(v.indicator.number)}/${f.filename}`,
          mime: f.mime,
          size: f.size,
          uploadedAt: f.createdAt,
        })),
      },
    })),
  };
  files[`${root}/evaluasi.json`] = enc.encode(JSON.stringify(json, null, 2));
  const head = [
    'nomor',
    'klaster',
    'indikator',
    'bobot',
    'pilihan',
    'nilai_persen',
    'pembilang',
    'penyebut',
    'poin',
    'status',
    'verifikasi',
    'catatan_verifikasi',
    'poin_terverifikasi',
    'narasi',
    'jumlah_bukti',
  ];
  const rows = dto.indicators.map((v) => {
    const a = v.answer;
    return [
      v.indicator.number,
      v.indicator.group,
      v.indicator.wording,
      v.indicator.weight,
      a?.option ?? '',
      a?.percent ?? '',
      a?.numerator ?? '',
      a?.denominator ?? '',
      a?.points ?? '',
      a?.status ?? '',
      a?.verifyStatus ?? '',
      a?.verifyNote ?? '',
      a?.verifiedPoints ?? '',
      a?.narrative ?? '',
      a?.evidence.length ?? 0,
    ];
  });
  files[`${root}/jawaban.csv`] = enc.encode(
    stringify([head, ...rows], { bom: true, escape_formulas: true, record_delimiter: 'windows' }),
  );
  files[`${root}/BACA-SAYA.txt`] = enc.encode(
    [
      `Evaluasi mandiri KLA ${dto.jurisdictionName} (${dto.jurisdiction}) tahun ${dto.year}`,
      `Set indikator: ${dto.setLabel} (versi ${dto.setVersion})`,
      `Status: ${dto.status}. Nilai mandiri: ${dto.score.total} (${dto.score.category.label}).`,
      dto.verifiedScore
        ? `Nilai terverifikasi provinsi: ${dto.verifiedScore.total} (${dto.verifiedScore.category.label}).`
        : 'Belum diverifikasi provinsi.',
      '',
      'evaluasi.json  — seluruh jawaban, nilai, skor per klaster dan total, daftar bukti',
      'jawaban.csv    — satu baris per indikator',
      'bukti/NN/      — berkas bukti indikator nomor NN',
      '',
    ].join('\r\n'),
  );
  if (Object.keys(files).length > 2000) throw new AppError('VALIDATION_FAILED', { file: 'too_many_files' });
  await audit(ctx, db, {
    action,
    entity: 'kla_evaluation',
    entityId: id,
    outcome: 'ok',
    detail: { files: Object.keys(files).length },
  });
  // evidence is mostly PDF and images, already compressed: store, compress only the texts
  const zipped = zipSync(
    Object.fromEntries(
      Object.entries(files).map(([k, v]) => [k, [v, { level: k.includes('/bukti/') ? 0 : 6 }] as const]),
    ) as Parameters<typeof zipSync>[0],
  );
  return { filename: `${root}.zip`, bytes: zipped };
}
