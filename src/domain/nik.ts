/**
 * NIK (Nomor Induk Kependudukan) checks (domain.md §6.1): 16 digits; digits 1–6 are the
 * province, kab/kota and kecamatan code where it was first issued; 7–12 are DDMMYY with DD+40
 * for women; 13–16 a sequence that is never 0000.
 */
export type NikCheck =
  | { ok: true; birthDate: { day: number; month: number; yy: number }; female: boolean }
  | { ok: false; reason: 'format' | 'region' | 'date' | 'sequence' };

export function checkNik(nik: string): NikCheck {
  if (!/^\d{16}$/.test(nik)) return { ok: false, reason: 'format' };
  const prov = Number(nik.slice(0, 2));
  const kab = Number(nik.slice(2, 4));
  const kec = Number(nik.slice(4, 6));
  if (prov < 11 || prov > 99 || kab < 1 || kec < 1) return { ok: false, reason: 'region' };
  let day = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const yy = Number(nik.slice(10, 12));
  const female = day > 40;
  if (female) day -= 40;
  if (month < 1 || month > 12 || day < 1) return { ok: false, reason: 'date' };
  const daysInMonth = new Date(Date.UTC(2000 + yy, month, 0)).getUTCDate();
  // Feb 29 is valid in some century; accept 29 for Feb regardless of yy.
  if (day > (month === 2 ? 29 : daysInMonth)) return { ok: false, reason: 'date' };
  if (nik.slice(12) === '0000') return { ok: false, reason: 'sequence' };
  return { ok: true, birthDate: { day, month, yy }, female };
}

export function isValidNik(nik: string): boolean {
  return checkNik(nik).ok;
}
