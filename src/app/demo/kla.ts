/**
 * Demo KLA self-evaluations (issue 13; decision 035) for Kota Palangka Raya (62.71), driven
 * through the real use cases by the demo's own accounts, so the history, versions, evidence and
 * notifications are what people would have left:
 * - last year's: every indicator assigned to the Gugus Tugas KLA's members and answered (cluster V
 *   from the case data where there is something to count), a few evidence files, all made final by
 *   the coordinator (admin-dinas@palangkaraya.demo), submitted, and verified by the province
 *   (admin-dinas@kalteng.demo): most accepted, two rejected, so the verified score is visibly
 *   below the self-assessed one;
 * - this year's, half-finished: every indicator assigned (clusters I–IV to the OPDs, Kelembagaan
 *   and cluster V to the Dinas and UPTD PPA), about half answered — some final, some checked,
 *   some just filled by the OPDs with evidence, indicator 21 applied from the case data — the
 *   rest not yet filled (among them indicators of Dinas Pendidikan), the total just below the
 *   next category, not submitted.
 * Deterministic figures; synthetic documents (a one-page PDF, a tiny PNG); nothing about a person.
 */
import { crc32, deflateSync } from 'node:zlib';
import { findReportSettings, saveReportSettings } from '../../db/report-settings.repository.ts';
import type { KlaEvaluationDto } from '../../domain/contract/kla.ts';
import { type KlaAnswerInput, readAnswer, scoreAnswer } from '../../domain/kla.ts';
import { caseDataYear } from '../../domain/kla-cluster-v.ts';
import { DEFAULT_KLA_SET } from '../../domain/kla-default-set.ts';
import type { Actor, Role } from '../../domain/policy.ts';
import { localDayStart, localYear } from '../../domain/time.ts';
import type { AuthedCtx, Services } from '../context.ts';
import { addKlaEvidence } from '../kla/answer-files.ts';
import { applyKlaAutoValue } from '../kla/apply-auto-value.ts';
import { assignKlaIndicators } from '../kla/assign-indicators.ts';
import { autoValueFor } from '../kla/auto-values.ts';
import { decideKlaEvaluation } from '../kla/decide-evaluation.ts';
import { reviewKlaAnswer } from '../kla/review-answer.ts';
import { saveKlaAnswer } from '../kla/save-answer.ts';
import { startKlaEvaluation } from '../kla/start-evaluation.ts';
import { submitKlaEvaluation } from '../kla/submit-evaluation.ts';
import { verifyKlaAnswer } from '../kla/verify-answer.ts';
import { refreshStatsOf } from '../stats/refresh.ts';
import { demoPdf } from './regulations.ts';

/** The kab/kota whose KLA self-evaluation the demo shows. */
export const KLA_DEMO_REGION = '62.71';

/**
 * The Gugus Tugas KLA's member OPDs (besides the Dinas PPPA, the UPTD PPA and the partners), one
 * staff account (`mitra`) each: `<key>@palangkaraya.demo`. Types of src/domain/taxonomies.ts
 * ORG_TYPES; offices without their own type are `opd` (Perangkat daerah lain).
 */
export const KLA_OPDS = [
  { key: 'disdik', type: 'dinas_pendidikan', name: 'Dinas Pendidikan' },
  { key: 'dinkes', type: 'opd', name: 'Dinas Kesehatan' },
  { key: 'disdukcapil', type: 'opd', name: 'Dinas Kependudukan dan Catatan Sipil' },
  { key: 'bappeda', type: 'opd', name: 'Badan Perencanaan Pembangunan Daerah' },
  { key: 'dinsos', type: 'dinas_sosial', name: 'Dinas Sosial' },
] as const;

type Owner = 'dinas' | 'uptd' | (typeof KLA_OPDS)[number]['key'];

/** Who fills each indicator (Kelembagaan and cluster V: the Dinas and the UPTD PPA). */
const OWNER: Record<number, Owner> = {
  1: 'dinas',
  2: 'dinas',
  3: 'dinas',
  4: 'disdukcapil',
  5: 'bappeda',
  6: 'bappeda',
  7: 'disdukcapil',
  8: 'dinsos',
  9: 'dinsos',
  10: 'bappeda',
  11: 'dinkes',
  12: 'dinkes',
  13: 'dinkes',
  14: 'dinkes',
  15: 'dinkes',
  16: 'dinkes',
  17: 'disdik',
  18: 'disdik',
  19: 'disdik',
  20: 'disdik',
  21: 'uptd',
  22: 'uptd',
  23: 'uptd',
  24: 'dinas',
};

type Entry = Pick<KlaAnswerInput, 'option' | 'value' | 'numerator' | 'denominator' | 'narrative'>;

/** Last year's answers (about 720 points self-assessed; 21 and 23 from case data when there are). */
const LAST_YEAR: Record<number, Entry> = {
  1: {
    option: 'ada',
    narrative: 'Perwal tentang Kota Layak Anak berlaku; Raperda KLA masuk Propemperda tahun depan.',
  },
  2: {
    option: 'ada_berfungsi',
    narrative: 'SK Gugus Tugas KLA diperbarui; rapat Gugus Tugas tiap triwulan.',
  },
  3: { option: 'ada' },
  4: { numerator: 61234, denominator: 68950, narrative: 'Data konsolidasi Disdukcapil per 31 Desember.' },
  5: { option: 'ada_berfungsi' },
  6: { option: 'ada_berfungsi', narrative: 'Forum Anak kota dan lima Forum Anak kecamatan aktif.' },
  7: { value: 4.6 },
  8: { option: 'ada' },
  9: { numerator: 3, denominator: 5 },
  10: { option: 'ada' },
  11: { value: 93.4 },
  12: { value: 72 },
  13: { value: 64 },
  14: { numerator: 9, denominator: 12 },
  15: { value: 78.5 },
  16: { option: 'ada' },
  17: { value: 68 },
  18: { value: 84 },
  19: { numerator: 96, denominator: 142, narrative: 'Sekolah ramah anak menurut data dinas.' },
  20: { option: 'ada' },
  21: { numerator: 41, denominator: 52 },
  22: { value: 45 },
  23: { numerator: 2, denominator: 3 },
  24: { option: 'ada' },
};

/** The province's rejections last year (0 points in the verified score), with its notes. */
const REJECTED: Record<number, string> = {
  6: 'SK Forum Anak yang dilampirkan sudah habis masa berlakunya; tidak ada bukti kegiatan tahun ini.',
  19: 'Daftar 96 sekolah ramah anak tanpa SK penetapan dan bukti pemenuhan komponen SRA.',
};

/** Evidence files last year: indicator → file (PDF, or a PNG photo). */
const LAST_YEAR_FILES: Record<number, string> = {
  1: 'Perwal-KLA.pdf',
  2: 'SK-Gugus-Tugas-KLA.pdf',
  4: 'Rekap-akta-kelahiran.pdf',
  6: 'Foto-Forum-Anak.png',
};

/**
 * This year's answers in the order they come in, with where each got to: the base ones always,
 * then fillers (only while the total stays just below the next category) when the case data
 * gave less for indicator 21.
 */
type Step = { n: number; entry: Entry; status: 'diisi' | 'diperiksa' | 'final'; file?: string };
const THIS_YEAR: Step[] = [
  { n: 1, entry: LAST_YEAR[1]!, status: 'final' },
  { n: 2, entry: LAST_YEAR[2]!, status: 'final', file: 'SK-Gugus-Tugas-KLA.pdf' },
  {
    n: 4,
    entry: { numerator: 63102, denominator: 69870, narrative: 'Data konsolidasi Disdukcapil semester I.' },
    status: 'final',
    file: 'Rekap-akta-kelahiran-semester-I.pdf',
  },
  { n: 11, entry: { value: 94.1 }, status: 'diperiksa', file: 'Laporan-persalinan-faskes.pdf' },
  { n: 12, entry: { value: 74 }, status: 'diperiksa' },
  { n: 3, entry: { option: 'ada' }, status: 'diperiksa' },
  {
    n: 7,
    entry: { value: 5.9, narrative: 'Dispensasi kawin dari Pengadilan Agama dibagi jumlah perkawinan.' },
    status: 'diisi',
    file: 'Grafik-perkawinan-anak.png',
  },
  {
    n: 17,
    entry: { value: 61, narrative: 'PAUD yang menerapkan layanan holistik integratif.' },
    status: 'diisi',
    file: 'Rekap-PAUD-HI.pdf',
  },
  { n: 13, entry: { value: 66 }, status: 'diisi' },
  { n: 9, entry: { numerator: 3, denominator: 5 }, status: 'diisi' },
  { n: 14, entry: { numerator: 8, denominator: 12 }, status: 'diisi' },
  { n: 15, entry: { value: 79 }, status: 'diisi' },
  { n: 6, entry: { option: 'ada' }, status: 'diisi' },
];
const FILLERS: Step[] = [
  { n: 10, entry: { option: 'ada' }, status: 'diisi' },
  { n: 16, entry: { option: 'ada' }, status: 'diisi' },
  { n: 5, entry: { option: 'ada' }, status: 'diisi' },
  { n: 8, entry: { option: 'ada' }, status: 'diisi' },
  { n: 22, entry: { value: 45 }, status: 'diisi' },
];

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** A valid 4×4 PNG with a coloured stripe (stands for a photo; no real picture). */
export function demoPng(seed: number): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(4, 0);
  ihdr.writeUInt32BE(4, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const rows: number[] = [];
  for (let y = 0; y < 4; y++) {
    rows.push(0);
    for (let x = 0; x < 4; x++) rows.push((seed * 40 + y * 60) & 255, (x * 60) & 255, 160);
  }
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      chunk('IDAT', deflateSync(Buffer.from(rows))),
      chunk('IEND', Buffer.alloc(0)),
    ]),
  );
}

const fileBytes = (name: string, n: number) =>
  name.endsWith('.png') ? demoPng(n) : demoPdf(name.replace(/\.pdf$/, '').replace(/-/g, ' '));

export async function seedKlaDemo(
  svc: Services,
  region: { code: string; name: string },
  users: ReadonlyMap<Role, Actor>,
  opds: ReadonlyMap<string, Actor>,
  orgIds: ReadonlyMap<string, string>,
  province: ReadonlyMap<Role, Actor> | undefined,
): Promise<void> {
  const code = region.code;
  const now = svc.clock().getTime();
  // the Dinas's letterhead for the summary PDF to the Wali Kota (synthetic head; the admin changes it)
  const place = region.name.replace(/^(Kabupaten|Kota) /, '');
  if (!(await findReportSettings(svc.conn.db, code)))
    await saveReportSettings(
      svc.conn.db,
      code,
      0,
      {
        dinas_name: `Dinas Pemberdayaan Perempuan dan Perlindungan Anak ${region.name}`,
        address: `Jl. Tjilik Riwut Km. 5, ${place} (alamat demo)`,
        head_title: `Kepala Dinas Pemberdayaan Perempuan dan Perlindungan Anak ${region.name}`,
        head_name: 'Dra. Yohana Ningsih, M.Si. (demo)',
        head_nip: null,
      },
      users.get('admin-dinas')!.userId,
      new Date(now),
    );
  const year = localYear(new Date(now), code);
  const meta = { ip: null, userAgent: 'simpul-seed', requestId: null };
  const as = (actor: Actor, at: number): AuthedCtx => ({ ...svc, actor, meta, clock: () => new Date(at) });
  const coordinator = users.get('admin-dinas')!;
  const filler = (n: number): Actor => {
    const o = OWNER[n]!;
    if (o === 'dinas') return coordinator;
    if (o === 'uptd') return users.get('manajer')!;
    return opds.get(o)!;
  };
  const assignments = DEFAULT_KLA_SET.indicators.map((ind) => {
    const o = OWNER[ind.number]!;
    const opd = o === 'dinas' || o === 'uptd' ? undefined : opds.get(o);
    return { number: ind.number, orgId: orgIds.get(o)!, userId: opd?.userId ?? null };
  });
  /**
   * The answers' ids and versions as last seen: an OPD member's view of the evaluation shows only
   * its own indicators, so each change's view updates what it shows.
   */
  let answers = new Map<number, { id: string; version: number }>();
  const seen = (ev: KlaEvaluationDto): KlaEvaluationDto => {
    for (const v of ev.indicators)
      if (v.answer) answers.set(v.indicator.number, { id: v.answer.id, version: v.answer.version });
    return ev;
  };
  const ans = (n: number) => answers.get(n)!;
  const evidence = (who: Actor, at: number, n: number, name: string) =>
    addKlaEvidence(as(who, at), ans(n).id, { name, bytes: fileBytes(name, n) });
  // the case data's figures (cluster V) read the monthly rollup: bring this kab/kota's up to date
  await refreshStatsOf(svc, code);

  // ---- last year's: answered, final, submitted, verified by the province ----------------------
  {
    const y = year - 1;
    /** an instant on a local day of last year's cycle (Feb–Apr) */
    const on = (month: number, day: number, hour: number, minute = 0) =>
      localDayStart(
        `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
        code,
      ).getTime() +
      hour * HOUR +
      minute * MINUTE;
    answers = new Map();
    let e = seen(await startKlaEvaluation(as(coordinator, on(2, 3, 9)), { year: y }));
    e = seen(
      await assignKlaIndicators(as(coordinator, on(2, 4, 10)), e.id, { version: e.version, assignments }),
    );
    const id = e.id;
    const numbers = e.indicators.map((v) => v.indicator.number);
    for (const [i, v] of e.indicators.entries()) {
      const n = v.indicator.number;
      const at = on(2, 10 + Math.floor(i / 2), 9 + (i % 2) * 4, (n * 7) % 60);
      const source = v.indicator.autoSource;
      if (source && (await autoValueFor(svc.conn.db, source, code, caseDataYear(y)))) {
        seen(await applyKlaAutoValue(as(coordinator, at), ans(n).id, { version: ans(n).version }));
        continue;
      }
      seen(await saveKlaAnswer(as(filler(n), at), ans(n).id, { version: ans(n).version, ...LAST_YEAR[n]! }));
      const file = LAST_YEAR_FILES[n];
      if (file) await evidence(filler(n), at + 20 * MINUTE, n, file);
    }
    // the coordinator checks, then makes final (mid to late March)
    for (const [step, status] of (['diperiksa', 'final'] as const).entries())
      for (const [i, n] of numbers.entries())
        seen(
          await reviewKlaAnswer(as(coordinator, on(3, 9 + step * 7 + (i % 5), 10, i)), ans(n).id, {
            version: ans(n).version,
            status,
          }),
        );
    e = seen(
      await submitKlaEvaluation(as(coordinator, on(3, 27, 14)), id, {
        version: e.version,
        markMissing: false,
      }),
    );
    const verifier = province?.get('admin-dinas');
    if (verifier) {
      for (const [i, n] of numbers.entries()) {
        const note = REJECTED[n];
        e = seen(
          await verifyKlaAnswer(as(verifier, on(4, 14 + (i % 8), 9, i)), ans(n).id, {
            version: ans(n).version,
            decision: note ? 'rejected' : 'accepted',
            note: note ?? null,
          }),
        );
      }
      await decideKlaEvaluation(as(verifier, on(4, 28, 10)), id, { version: e.version, outcome: 'verified' });
    }
  }

  // ---- this year's: half-finished ---------------------------------------------------------------
  {
    // started three weeks ago; each step a few hours after the one before, never in the future
    let t = Math.min(
      Math.max(now - 21 * DAY, localDayStart(`${year}-01-01`, code).getTime() + 8 * HOUR),
      now - HOUR,
    );
    const next = (hours = 5) => {
      t = Math.min(t + hours * HOUR, now - MINUTE);
      return t;
    };
    answers = new Map();
    let e = seen(await startKlaEvaluation(as(coordinator, t), { year }));
    e = seen(await assignKlaIndicators(as(coordinator, next(2)), e.id, { version: e.version, assignments }));
    const indicators = e.indicators;
    const indicator = (n: number) => indicators.find((v) => v.indicator.number === n)!.indicator;
    // indicator 21 from the case data, when there is something to count
    if (await autoValueFor(svc.conn.db, 'ampk_served', code, caseDataYear(year)))
      e = seen(await applyKlaAutoValue(as(coordinator, next()), ans(21).id, { version: ans(21).version }));
    const nextMin = () => e.score.next?.category.min ?? Number.POSITIVE_INFINITY;
    const pointsOf = (s: Step) => {
      const read = readAnswer(indicator(s.n), s.entry);
      const p = read.ok ? scoreAnswer(indicator(s.n), read.answer) : 0;
      return typeof p === 'number' ? p : 0;
    };
    const done: Step[] = [];
    for (const s of [...THIS_YEAR, ...FILLERS]) {
      // fillers only until the total is near the next category; never reaching it
      if (FILLERS.includes(s) && e.score.total >= nextMin() - 45) break;
      if (e.score.total + pointsOf(s) >= nextMin() - 5) continue;
      e = seen(
        await saveKlaAnswer(as(filler(s.n), next()), ans(s.n).id, { version: ans(s.n).version, ...s.entry }),
      );
      if (s.file) await evidence(filler(s.n), next(1), s.n, s.file);
      done.push(s);
    }
    // the coordinator's checks so far
    for (const s of done)
      for (const status of s.status === 'final'
        ? (['diperiksa', 'final'] as const)
        : s.status === 'diperiksa'
          ? (['diperiksa'] as const)
          : [])
        e = seen(
          await reviewKlaAnswer(as(coordinator, next(1)), ans(s.n).id, { version: ans(s.n).version, status }),
        );
  }
}
