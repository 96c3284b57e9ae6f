/**
 * Name normalisation and an Indonesian-aware phonetic key, used to build keyed search tokens
 * (the database stores only HMACs of these, never the name). Old and new spellings meet:
 * "Djoko"/"Joko", "Tjahjono"/"Cahyono", "Soeharti"/"Suharti", "Muhammad"/"Mohamad".
 */

export function normaliseName(name: string): string[] {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z\s'-]/g, ' ')
    .replace(/['-]/g, '')
    .split(/\s+/)
    .filter((p) => p.length > 0);
}

export function phoneticKey(part: string): string {
  let s = part.toLowerCase().replace(/[^a-z]/g, '');
  if (s === '') return '';
  s = s
    .replace(/dj/g, 'j')
    .replace(/tj/g, 'c')
    .replace(/sj/g, 'sy')
    .replace(/nj/g, 'ny')
    // in the old spelling j sounds like y (Tjahjono = Cahyono); j and y share one key
    .replace(/j/g, 'y')
    .replace(/oe/g, 'u')
    .replace(/ch/g, 'k')
    .replace(/kh/g, 'k')
    .replace(/q/g, 'k')
    .replace(/x/g, 'ks')
    .replace(/z/g, 's')
    .replace(/v/g, 'f')
    .replace(/ph/g, 'f')
    .replace(/th/g, 't')
    .replace(/dh/g, 'd')
    .replace(/y/g, 'i')
    .replace(/w/g, 'u')
    .replace(/e/g, 'a')
    .replace(/o/g, 'u');
  // drop h that does not start the name (Muhammad/Muamad, Rahmat/Ramat), collapse doubles
  s = s[0] + s.slice(1).replace(/h/g, '');
  s = s.replace(/(.)\1+/g, '$1');
  // drop vowels after the first letter, keep consonant skeleton
  return s[0] + s.slice(1).replace(/[aiu]/g, '');
}
