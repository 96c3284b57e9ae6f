/**
 * Password rule: at least 12 characters and not a common or easily guessed password. The
 * strength estimate is zxcvbn-ts with its common-password dictionary, plus words everyone in
 * this field would try.
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';

const LOCAL_WORDS = [
  'simpul',
  'indonesia',
  'jakarta',
  'bismillah',
  'sayang',
  'sayangku',
  'rahasia',
  'katasandi',
  'password',
  'dinas',
  'pppa',
  'uptd',
  'lebak',
  'serang',
  'banten',
  'merdeka',
  'garuda',
  'pancasila',
  'admin',
  'petugas',
];

const zxcvbn = new ZxcvbnFactory({
  dictionary: { ...common.dictionary, simpul: LOCAL_WORDS },
  graphs: common.adjacencyGraphs,
});

export const MIN_PASSWORD_LENGTH = 12;

export function passwordProblem(
  password: string,
  userInputs: string[] = [],
): 'too_short' | 'too_common' | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'too_short';
  // a word everyone here would try, with only digits and symbols around it ("Simpul2026!!")
  const lower = password.toLowerCase();
  for (const w of [...LOCAL_WORDS, ...userInputs.flatMap((u) => u.toLowerCase().split(/[^\p{L}]+/u))]) {
    if (w.length < 4 || !lower.includes(w)) continue;
    if (!/\p{L}/u.test(lower.replaceAll(w, ''))) return 'too_common';
  }
  const r = zxcvbn.check(password.slice(0, 256), userInputs);
  if (r.score < 3) return 'too_common';
  return null;
}
