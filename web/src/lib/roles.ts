import type { Role } from '../../../src/domain/policy.ts';

/** Mirrors the role capabilities of src/domain/policy.ts (the server decides; this only shapes the menus). */
export function canCases(role: Role): boolean {
  return role === 'pengaduan' || role === 'manajer' || role === 'pendamping' || role === 'mitra';
}
export function canCreateCase(role: Role): boolean {
  return role === 'pengaduan' || role === 'manajer';
}
export function isAdmin(role: Role): boolean {
  return role === 'admin' || role === 'admin-dinas';
}
/** Roles with a triage inbox of incoming reports (pengaduan masuk); the others get 403. */
export function canIntake(role: Role): boolean {
  return role === 'pengaduan' || role === 'manajer';
}
/** Roles with a referral list (incoming to the organisation, outgoing from the jurisdiction). */
export function canReferrals(role: Role): boolean {
  return role === 'mitra' || role === 'manajer' || role === 'pendamping' || role === 'pengaduan';
}
/** Case managers transfer cases and decide on incoming transfers (pelimpahan). */
export function canTransfers(role: Role): boolean {
  return role === 'manajer';
}
/** Partner performance (kinerja mitra): the Dinas and leaders for their jurisdiction, a partner for itself. */
export function canPerformance(role: Role): boolean {
  return (
    role === 'pimpinan' ||
    role === 'admin-dinas' ||
    role === 'manajer' ||
    role === 'mitra' ||
    role === 'admin'
  );
}
/** Referral time standards: read by case managers and the Dinas admin (menu); only the Dinas admin edits. */
export function canReadSla(role: Role): boolean {
  return role === 'admin-dinas' || role === 'manajer';
}
export function canEditSla(role: Role): boolean {
  return role === 'admin-dinas';
}
