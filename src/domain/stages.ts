/**
 * Case lifecycle per Permen PPPA 2/2022 (domain.md §1.2, §2.3): intake → identification →
 * biopsychosocial assessment → intervention plan → services → monitoring → closure, with
 * reopening (with a reason). Pure rules, no I/O.
 */
import type { Label } from './taxonomies.ts';

export const STAGES = [
  'penerimaan',
  'identifikasi',
  'asesmen',
  'rencana_intervensi',
  'layanan',
  'pemantauan',
  'terminasi',
] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_LABELS: Record<Stage, Label> = {
  penerimaan: { id: 'Penerimaan pengaduan', en: 'Intake' },
  identifikasi: { id: 'Identifikasi', en: 'Identification' },
  asesmen: { id: 'Asesmen biopsikososial', en: 'Biopsychosocial assessment' },
  rencana_intervensi: { id: 'Rencana intervensi', en: 'Intervention plan' },
  layanan: { id: 'Pelaksanaan layanan', en: 'Service delivery' },
  pemantauan: { id: 'Pemantauan dan evaluasi', en: 'Monitoring and evaluation' },
  terminasi: { id: 'Terminasi', en: 'Closed' },
};

/** Allowed moves. Backward moves exist where practice needs them (new needs found while monitoring). */
export const TRANSITIONS: Record<Stage, readonly Stage[]> = {
  penerimaan: ['identifikasi', 'terminasi'],
  identifikasi: ['asesmen', 'terminasi'],
  asesmen: ['rencana_intervensi', 'terminasi'],
  rencana_intervensi: ['layanan', 'asesmen', 'terminasi'],
  layanan: ['pemantauan', 'rencana_intervensi', 'terminasi'],
  pemantauan: ['terminasi', 'layanan'],
  terminasi: ['asesmen'], // reopening
};

/** The facts a transition guard looks at; filled by the use case from the stored case. */
export type CaseFacts = {
  stage: Stage;
  caseType: string | null;
  risk: string | null;
  authority: string | null;
  victimCount: number;
  hasAssessment: boolean;
  agreedPlanItems: number;
};

export type TransitionInput = { to: Stage; reason?: string | null; closureReason?: string | null };

/** Returns null when allowed, or the stable error code explaining why not. */
export function checkTransition(facts: CaseFacts, input: TransitionInput): string | null {
  const { stage } = facts;
  const { to } = input;
  if (!TRANSITIONS[stage].includes(to)) return 'STAGE_TRANSITION_NOT_ALLOWED';
  if (to === 'terminasi') {
    if (!input.closureReason) return 'CLOSURE_REASON_REQUIRED';
    return null;
  }
  if (stage === 'terminasi') {
    // reopening
    if (!input.reason || input.reason.trim().length < 5) return 'REOPEN_REASON_REQUIRED';
    return null;
  }
  const order = STAGES.indexOf(to);
  if (order > STAGES.indexOf(stage) && to === 'asesmen') {
    if (!facts.caseType || !facts.risk || !facts.authority) return 'IDENTIFICATION_INCOMPLETE';
    if (facts.victimCount < 1) return 'VICTIM_REQUIRED';
  }
  if (to === 'rencana_intervensi' && stage === 'asesmen' && !facts.hasAssessment)
    return 'ASSESSMENT_REQUIRED';
  if (to === 'layanan' && stage === 'rencana_intervensi' && facts.agreedPlanItems < 1)
    return 'PLAN_NOT_AGREED';
  return null;
}

export function isClosed(stage: Stage): boolean {
  return stage === 'terminasi';
}
