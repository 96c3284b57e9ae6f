/**
 * The work done in the occasional worker (decision 020): rare, and heavy only in the libraries it
 * needs — the password-strength dictionaries (zxcvbn), the PDF and font code of the referral
 * letter (pdfkit, fontkit, Noto fonts), the QR code of a two-factor enrolment. Loaded in the
 * server's own heap they would stay there for good; in the worker they go when it ends.
 */
import QRCode from 'qrcode';
import type { KlaSummary } from '../app/kla/summary.ts';
import type { FollowupsDocument } from '../app/meetings/followups-report.ts';
import type { MinutesDocument } from '../app/meetings/minutes.ts';
import type { PeriodicReport } from '../app/stats/periodic-report.ts';
import type { TrainingCertificate } from '../app/training/certificate.ts';
import type { ReferralDto } from '../domain/dto.ts';
import { passwordProblem } from '../domain/password.ts';
import { type LetterOptions, referralLetterPdf } from '../http/letters/referral-letter.ts';
import { type CertificateOptions, trainingCertificatePdf } from '../http/letters/training-certificate.ts';
import { type PosterSheet, posterPdf } from '../http/posters/poster-pdf.ts';
import { followupsListPdf } from '../http/reports/followups-list.ts';
import { klaSummaryPdf } from '../http/reports/kla-summary.ts';
import { meetingMinutesPdf } from '../http/reports/meeting-minutes.ts';
import { periodicReportPdf } from '../http/reports/periodic-report.ts';

export const JOBS = {
  passwordProblem: (a: { password: string; userInputs: string[] }) =>
    passwordProblem(a.password, a.userInputs),
  referralLetterPdf: async (a: { referral: ReferralDto; opts: LetterOptions }) =>
    new Uint8Array(await referralLetterPdf(a.referral, a.opts)),
  periodicReportPdf: async (a: { report: PeriodicReport }) =>
    new Uint8Array(await periodicReportPdf(a.report)),
  posterPdf: async (a: { sheet: PosterSheet }) => new Uint8Array(await posterPdf(a.sheet)),
  trainingCertificatePdf: async (a: { certificate: TrainingCertificate; opts: CertificateOptions }) =>
    new Uint8Array(await trainingCertificatePdf(a.certificate, a.opts)),
  meetingMinutesPdf: async (a: { doc: MinutesDocument }) => new Uint8Array(await meetingMinutesPdf(a.doc)),
  followupsListPdf: async (a: { doc: FollowupsDocument }) => new Uint8Array(await followupsListPdf(a.doc)),
  klaSummaryPdf: async (a: { summary: KlaSummary }) => new Uint8Array(await klaSummaryPdf(a.summary)),
  qrSvg: (a: { text: string }) =>
    QRCode.toString(a.text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }),
};

export type Jobs = typeof JOBS;
export type JobName = keyof Jobs;
