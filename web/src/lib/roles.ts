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
