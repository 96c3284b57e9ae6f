/** The consent and minimum-data rules of a referral (src/domain/referrals.ts), case by case. */
import { describe, expect, it } from 'vitest';
import {
  caseWideSectionsAllowed,
  consentProblem,
  type Section,
  sectionsShown,
  showsPlaceText,
} from '../../src/domain/referrals.ts';

const police = { recipientType: 'polisi_ppa', services: ['lapor_polisi'] };
const hospital = { recipientType: 'rumah_sakit', services: ['medis'] };

describe('consentProblem', () => {
  it.each([
    // basis, child, rereferral, covers, recipient → problem
    ['persetujuan_korban', false, false, undefined, hospital, null],
    ['persetujuan_korban', null, false, undefined, hospital, null], // age unknown: the officer decides
    ['persetujuan_korban', true, false, undefined, hospital, 'consent.basis:guardian_required'],
    ['persetujuan_wali', true, false, undefined, hospital, null],
    ['persetujuan_wali', true, true, undefined, hospital, 'consent.coversRecipient:consent_new_recipient'],
    ['persetujuan_wali', true, true, true, hospital, null],
    ['wajib_lapor_tpks', true, false, undefined, police, null],
    ['wajib_lapor_tpks', false, false, undefined, hospital, 'consent.basis:basis_police_only'],
    [
      'wajib_lapor_tpks',
      false,
      false,
      undefined,
      { recipientType: 'polisi_ppa', services: ['konseling'] },
      'consent.basis:basis_police_only',
    ],
    // a child's own consent is refused first, whatever else is wrong
    ['persetujuan_korban', true, true, undefined, hospital, 'consent.basis:guardian_required'],
  ] as const)('%s, child %s, sent again %s, covers %s → %s', (basis, child, rereferral, covers, to, want) => {
    const p = consentProblem(
      { basis, coversRecipient: covers },
      { child, rereferral, recipientType: to.recipientType, services: to.services },
    );
    expect(p ? `${p.field}:${p.reason}` : null).toBe(want);
  });
});

describe('caseWideSectionsAllowed', () => {
  it.each([
    [['identitas', 'kontak'], 3, true],
    [['kronologi'], 1, true],
    [['kronologi'], 2, false],
    [['identitas', 'asesmen'], 2, false],
    [['layanan'], 0, true],
  ] as const)('%j with %i victims → %s', (sections, victims, want) => {
    expect(caseWideSectionsAllowed(sections as readonly Section[], victims)).toBe(want);
  });
});

describe('sectionsShown (what each side reads, and so what its letter prints)', () => {
  const sent = ['identitas', 'kronologi'];
  it.each([
    ['pengirim', sent, 3, ['asesmen', 'identitas', 'kontak', 'kronologi', 'layanan']],
    ['penerima', sent, 1, ['identitas', 'kronologi']],
    ['penerima', sent, 2, ['identitas']],
    ['penerima', ['kontak', 'layanan'], 2, ['kontak']],
    ['penerima', [], 1, []],
    ['penerima', ['bukan_bagian', 'identitas'], 1, ['identitas']],
  ] as const)('%s, sent %j, %i victims → %j', (side, sections, victims, want) => {
    expect([...sectionsShown(side, sections, victims)].sort()).toEqual([...want].sort());
  });

  it('the place as told goes only with the contact and address section', () => {
    expect(showsPlaceText(sectionsShown('penerima', ['kronologi'], 1))).toBe(false);
    expect(showsPlaceText(sectionsShown('penerima', ['kronologi', 'kontak'], 1))).toBe(true);
    expect(showsPlaceText(sectionsShown('pengirim', [], 1))).toBe(true);
  });
});
