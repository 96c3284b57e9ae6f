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
 * read into it is audited by the store, and the export itself too. The zip is streamed: each
 * evidence file is decrypted when its turn comes and leaves memory once written, so an evaluation
 * with hundreds of megabytes of evidence never sits in memory whole.
 */
import { stringify } from 'csv-stringify/sync';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { findEvaluation } from '../../db/kla.repository.ts';
import { AppError } from '../../domain/errors.ts';
import type { KlaIndicator } from '../../domain/kla.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { readCoordFile } from '../coord-files.ts';
import { forbidden, klaReadScope, notFound } from './access.ts';
import { evaluationDto } from './views.ts';

const pad = (n: number) => String(n).padStart(2, '0');
/** A number as an Indonesian spreadsheet reads it: a decimal comma, no thousands mark. */
const dec = (n: number | null | undefined) => (n == null ? '' : String(n).replace('.', ','));
const num = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 });
/** The words of the codes, for people who open the CSV and the note (the JSON keeps the codes). */
const ANSWER_WORDS: Record<string, string> = {
  belum_diisi: 'belum diisi',
  diisi: 'diisi',
  diperiksa: 'diperiksa',
  final: 'final',
};
const VERIFY_WORDS: Record<string, string> = {
  accepted: 'diterima',
  fix: 'perlu perbaikan',
  rejected: 'ditolak',
};
const EVALUATION_WORDS: Record<string, string> = {
  draft: 'sedang diisi (belum dikirim ke provinsi)',
  submitted: 'dikirim ke provinsi, menunggu verifikasi',
  returned: 'dikembalikan provinsi untuk perbaikan',
  verified: 'terverifikasi provinsi',
};
const optionLabel = (ind: KlaIndicator, code: string) =>
  ind.scoring.kind === 'options' ? (ind.scoring.options.find((o) => o.code === code)?.label ?? code) : code;

export async function exportKlaEvaluation(
  ctx: AuthedCtx,
  id: string,
): Promise<{ filename: string; body: ReadableStream<Uint8Array> }> {
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
  const evidence: Array<{ name: string; answerId: string; fileId: string }> = [];
  const enc = new TextEncoder();
  const used = new Set<string>();
  for (const v of dto.indicators) {
    for (const f of v.answer?.evidence ?? []) {
      let name = `${root}/bukti/${pad(v.indicator.number)}/${f.filename}`;
      for (let i = 2; used.has(name); i++)
        name = `${root}/bukti/${pad(v.indicator.number)}/${i}-${f.filename}`;
      used.add(name);
      evidence.push({ name, answerId: v.answer!.id, fileId: f.id });
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
    'kode_pilihan',
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
      dec(v.indicator.weight),
      a?.option ? optionLabel(v.indicator, a.option) : '',
      a?.option ?? '',
      dec(a?.percent),
      dec(a?.numerator),
      dec(a?.denominator),
      dec(a?.points),
      a ? ANSWER_WORDS[a.status] : '',
      a?.verifyStatus ? VERIFY_WORDS[a.verifyStatus] : '',
      a?.verifyNote ?? '',
      dec(a?.verifiedPoints),
      a?.narrative ?? '',
      a?.evidence.length ?? 0,
    ];
  });
  files[`${root}/jawaban.csv`] = enc.encode(
    // for a spreadsheet in Indonesian: semicolons between columns, a decimal comma (evaluasi.json
    // keeps plain numbers for programs)
    stringify([head, ...rows], {
      bom: true,
      delimiter: ';',
      escape_formulas: true,
      record_delimiter: 'windows',
    }),
  );
  files[`${root}/BACA-SAYA.txt`] = enc.encode(
    [
      `Evaluasi mandiri KLA ${dto.jurisdictionName} (${dto.jurisdiction}) tahun ${dto.year}`,
      `Set indikator: ${dto.setLabel} (versi ${dto.setVersion})`,
      `Status: ${EVALUATION_WORDS[dto.status] ?? dto.status}. Nilai mandiri: ${num.format(dto.score.total)} (${dto.score.category.label}).`,
      dto.verifiedScore
        ? `Nilai terverifikasi provinsi: ${num.format(dto.verifiedScore.total)} (${dto.verifiedScore.category.label}).`
        : 'Belum diverifikasi provinsi.',
      '',
      'evaluasi.json  — seluruh jawaban, nilai, skor per klaster dan total, daftar bukti',
      'jawaban.csv    — satu baris per indikator (pemisah titik koma, desimal koma: untuk Excel berbahasa Indonesia)',
      'bukti/NN/      — berkas bukti indikator nomor NN',
      '',
    ].join('\r\n'),
  );
  const count = Object.keys(files).length + evidence.length;
  if (count > 2000) throw new AppError('VALIDATION_FAILED', { file: 'too_many_files' });
  await audit(ctx, db, {
    action,
    entity: 'kla_evaluation',
    entityId: id,
    outcome: 'ok',
    detail: { files: count },
  });
  // the texts first (compressed), then each evidence file stored as it is (PDF and images are
  // compressed already), read and decrypted only when the zip reaches it
  const entries: ZipEntry[] = [
    ...Object.entries(files).map(([name, bytes]) => ({ name, compress: true, bytes: async () => bytes })),
    ...evidence.map((f) => ({
      name: f.name,
      compress: false,
      bytes: async () => (await readCoordFile(ctx, db, 'kla_answer', f.answerId, f.fileId)).bytes,
    })),
  ];
  return { filename: `${root}.zip`, body: zipStream(entries) };
}

type ZipEntry = { name: string; compress: boolean; bytes: () => Promise<Uint8Array> };

/** A zip written entry by entry as the reader takes it. */
function zipStream(entries: readonly ZipEntry[]): ReadableStream<Uint8Array> {
  let zip: Zip;
  let next = 0;
  let ended = false;
  return new ReadableStream<Uint8Array>({
    start(ctl) {
      zip = new Zip((err, chunk, final) => {
        if (err) return ctl.error(err);
        ctl.enqueue(chunk);
        if (final) ctl.close();
      });
    },
    async pull(ctl) {
      if (ended) return;
      const e = entries[next++];
      if (!e) {
        ended = true;
        zip.end();
        return;
      }
      try {
        const data = await e.bytes();
        const file = e.compress ? new ZipDeflate(e.name, { level: 6 }) : new ZipPassThrough(e.name);
        zip.add(file);
        file.push(data, true);
      } catch (err) {
        ended = true;
        ctl.error(err);
      }
    },
  });
}
