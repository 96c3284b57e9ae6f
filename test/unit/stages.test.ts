import { describe, expect, it } from 'vitest';
import { type CaseFacts, checkTransition, STAGES, TRANSITIONS } from '../../src/domain/stages.ts';

const ready: CaseFacts = {
  stage: 'penerimaan',
  caseType: 'ktp',
  risk: 'sedang',
  authority: 'daerah',
  victimCount: 1,
  hasAssessment: true,
  agreedPlanItems: 1,
};

describe('case state machine (Permen PPPA 2/2022)', () => {
  it('walks forward through every stage in order', () => {
    for (let i = 0; i < STAGES.length - 1; i++) {
      expect(
        checkTransition(
          { ...ready, stage: STAGES[i]! },
          { to: STAGES[i + 1]!, closureReason: 'kebutuhan_terpenuhi' },
        ),
      ).toBeNull();
    }
  });

  it('refuses skipping a stage', () => {
    expect(checkTransition(ready, { to: 'asesmen' })).toBe('STAGE_TRANSITION_NOT_ALLOWED');
    expect(checkTransition({ ...ready, stage: 'identifikasi' }, { to: 'layanan' })).toBe(
      'STAGE_TRANSITION_NOT_ALLOWED',
    );
  });

  it('needs case type, risk and authority, and a victim, before assessment', () => {
    const s = { ...ready, stage: 'identifikasi' as const };
    expect(checkTransition({ ...s, risk: null }, { to: 'asesmen' })).toBe('IDENTIFICATION_INCOMPLETE');
    expect(checkTransition({ ...s, caseType: null }, { to: 'asesmen' })).toBe('IDENTIFICATION_INCOMPLETE');
    expect(checkTransition({ ...s, authority: null }, { to: 'asesmen' })).toBe('IDENTIFICATION_INCOMPLETE');
    expect(checkTransition({ ...s, victimCount: 0 }, { to: 'asesmen' })).toBe('VICTIM_REQUIRED');
  });

  it('needs an assessment before the plan and an agreed plan before services', () => {
    expect(
      checkTransition({ ...ready, stage: 'asesmen', hasAssessment: false }, { to: 'rencana_intervensi' }),
    ).toBe('ASSESSMENT_REQUIRED');
    expect(
      checkTransition({ ...ready, stage: 'rencana_intervensi', agreedPlanItems: 0 }, { to: 'layanan' }),
    ).toBe('PLAN_NOT_AGREED');
  });

  it('closes from any open stage only with a closure reason', () => {
    for (const s of STAGES.filter((x) => x !== 'terminasi')) {
      expect(checkTransition({ ...ready, stage: s }, { to: 'terminasi' })).toBe('CLOSURE_REASON_REQUIRED');
      expect(
        checkTransition({ ...ready, stage: s }, { to: 'terminasi', closureReason: 'lainnya' }),
      ).toBeNull();
    }
  });

  it('reopens a closed case only with a reason, back to assessment', () => {
    const closed = { ...ready, stage: 'terminasi' as const };
    expect(checkTransition(closed, { to: 'asesmen' })).toBe('REOPEN_REASON_REQUIRED');
    expect(checkTransition(closed, { to: 'asesmen', reason: 'ok' })).toBe('REOPEN_REASON_REQUIRED');
    expect(checkTransition(closed, { to: 'asesmen', reason: 'Ancaman baru dari terlapor' })).toBeNull();
    expect(checkTransition(closed, { to: 'layanan', reason: 'Ancaman baru dari terlapor' })).toBe(
      'STAGE_TRANSITION_NOT_ALLOWED',
    );
  });

  it('allows going back from monitoring to services when new needs appear', () => {
    expect(TRANSITIONS.pemantauan).toContain('layanan');
    expect(checkTransition({ ...ready, stage: 'pemantauan' }, { to: 'layanan' })).toBeNull();
  });
});
